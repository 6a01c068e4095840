// Email deliverability, from the email hub (through the shop, which checked the admin's session):
// addresses we no longer send to after a hard bounce or a complaint, and emails that exhausted
// their retries (dead letters), each with a retry button.
import { api, ApiProblem } from '../api.js';
import { h, render, scrollBox } from '../dom.js';
import { when, words } from '../format.js';
import { adminError, adminPage } from './layout.js';

const BASE = '/api/admin/email';

function table(id, caption, headings, rows) {
  if (rows.length === 0) return h('p', { class: 'empty' }, 'Nothing here.');
  return h('div', scrollBox(caption), h('table', { id }, h('caption', { class: 'visually-hidden' }, caption), h('thead', {}, h('tr', {}, headings.map((t) => h('th', { scope: 'col' }, t || h('span', { class: 'visually-hidden' }, 'Actions'))))), h('tbody', {}, rows)));
}

function section(id, title, body) {
  return h('section', { class: 'card', 'aria-labelledby': `${id}-title`, id }, h('h2', { id: `${id}-title` }, title), body);
}

function suppressionsSection(list, reload) {
  return section(
    'suppressions',
    'Addresses we do not send to',
    h(
      'div',
      {},
      h('p', {}, 'Added automatically after a hard bounce or a spam complaint. Lift one only when the customer has confirmed the address works.'),
      table(
        'suppressed',
        'Suppressed addresses',
        ['Address', 'Why', 'Since', ''],
        list.map((s) => {
          const why = h('td', {}, words(s.reason), s.detail ? h('br') : null, s.detail ? h('span', { class: 'stock' }, s.detail) : null);
          const lift = h('button', { type: 'button', class: 'button button--secondary button--small' }, 'Lift', h('span', { class: 'visually-hidden' }, ` suppression of ${s.email}`));
          lift.addEventListener('click', async () => {
            lift.disabled = true;
            try {
              await api.delete(`${BASE}/suppressions/${encodeURIComponent(s.email)}`);
              reload();
            } catch (error) {
              lift.replaceWith(adminError(error));
            }
          });
          return h('tr', { dataset: { email: s.email } }, h('td', {}, s.email), why, h('td', {}, when(s.createdAt)), h('td', {}, lift));
        }),
      ),
    ),
  );
}

function deadLettersSection(list, reload) {
  return section(
    'dead-letters',
    'Emails that could not be sent',
    h(
      'div',
      {},
      h('p', {}, 'These failed every retry. Retry sends one again on the next run; nothing is sent twice.'),
      table(
        'dead-letter-table',
        'Dead letters',
        ['When', 'To', 'Email', 'Why it failed', ''],
        list.map((d) => {
          const status = h('span', { 'aria-live': 'polite' });
          const retry = h('button', { type: 'button', class: 'button button--small' }, 'Retry', h('span', { class: 'visually-hidden' }, ` email to ${d.recipient}`));
          retry.addEventListener('click', async () => {
            retry.disabled = true;
            try {
              await api.post(`${BASE}/dead-letters/${encodeURIComponent(d.id)}/redrive`, {});
              render(status, 'Queued to send again');
              retry.remove();
            } catch (error) {
              retry.disabled = false;
              render(status, error instanceof ApiProblem ? error.message : adminError(error));
            }
          });
          return h(
            'tr',
            { dataset: { id: d.id } },
            h('td', {}, when(d.createdAt)),
            h('td', {}, d.recipient),
            h('td', {}, words(d.eventType)),
            h('td', {}, d.reason, h('br'), h('span', { class: 'stock' }, `after ${d.attempts} attempts`)),
            h('td', {}, d.redrivenAt ? `Retried ${when(d.redrivenAt)}` : [retry, status]),
          );
        }),
      ),
    ),
  );
}

adminPage({
  title: 'Email deliverability',
  active: 'email',
  build: async (content) => {
    const draw = async () => {
      const [suppressions, deadLetters] = await Promise.all([api.get(`${BASE}/suppressions?limit=100`), api.get(`${BASE}/dead-letters?limit=100&includeRedriven=true`)]);
      render(content, h('div', { class: 'cards' }, deadLettersSection(deadLetters, draw), suppressionsSection(suppressions, draw)));
    };
    await draw();
  },
});
