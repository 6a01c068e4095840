// Email deliverability: recent sends and bounces, addresses we no longer send to (hard bounces and
// complaints), and emails that exhausted their retries (dead letters), each with a retry button.
import { api, ApiProblem } from '../api.js';
import { h, notice, render } from '../dom.js';
import { when, words } from '../format.js';
import { adminError, adminPage } from './layout.js';

const BASE = '/api/admin/email';

function table(id, caption, headings, rows) {
  if (rows.length === 0) return h('p', { class: 'empty' }, 'Nothing here.');
  return h('div', { class: 'table-wrap' }, h('table', { id }, h('caption', { class: 'visually-hidden' }, caption), h('thead', {}, h('tr', {}, headings.map((t) => h('th', { scope: 'col' }, t)))), h('tbody', {}, rows)));
}

function section(id, title, body) {
  return h('section', { class: 'card', 'aria-labelledby': `${id}-title`, id }, h('h2', { id: `${id}-title` }, title), body);
}

function sendsSection(sends) {
  return section(
    'recent-sends',
    'Recent emails',
    table(
      'sends',
      'Recent emails, newest first',
      ['When', 'To', 'Email', 'Outcome'],
      sends.map((s) => h('tr', {}, h('td', {}, when(s.sentAt ?? s.at)), h('td', {}, s.recipient ?? s.to), h('td', {}, words(s.eventType ?? s.template)), h('td', {}, h('span', { class: `status status--${s.outcome ?? s.status}` }, words(s.outcome ?? s.status))))),
    ),
  );
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
          return h('tr', {}, h('td', {}, s.email), h('td', {}, words(s.reason)), h('td', {}, when(s.suppressedAt ?? s.createdAt)), h('td', {}, lift));
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
        ['When', 'To', 'Email', 'Last error', ''],
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
          return h('tr', { dataset: { id: d.id } }, h('td', {}, when(d.deadLetteredAt ?? d.createdAt)), h('td', {}, d.recipient ?? d.email ?? ''), h('td', {}, words(d.eventType)), h('td', { class: 'mono' }, d.lastError ?? d.reason ?? ''), h('td', {}, d.redrivenAt ? `Retried ${when(d.redrivenAt)}` : [retry, status]));
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
      const [suppressions, deadLetters, sends] = await Promise.all([
        api.get(`${BASE}/suppressions?limit=100`),
        api.get(`${BASE}/dead-letters?limit=100`),
        api.get(`${BASE}/sends?limit=50`).catch((error) => error),
      ]);
      render(
        content,
        h(
          'div',
          { class: 'cards' },
          sends instanceof Error ? section('recent-sends', 'Recent emails', notice('info', 'Recent sends are not available right now.')) : sendsSection(sends),
          deadLettersSection(deadLetters, draw),
          suppressionsSection(suppressions, draw),
        ),
      );
    };
    await draw();
  },
});
