// The admins: who they are, whether they enrolled their second factor, the invitations still open;
// invite someone by email, revoke an invitation, remove an admin (their sessions end at once).
// The server refuses to remove the last admin; this page only says so.
import { ApiProblem, api } from '../api.js';
import { field, formValues, h, notice, render, showFieldErrors, whileBusy } from '../dom.js';
import { when } from '../format.js';
import { adminError, adminPage } from './layout.js';

function problemText(error) {
  return error instanceof ApiProblem ? `${error.title}. ${error.problem.detail ?? ''}` : null;
}

async function draw(content, flash) {
  const team = await api.get('/api/admin/admins', { cache: 'no-store' });
  const message = h('div', { 'aria-live': 'polite', id: 'admins-message' }, flash ?? null);
  const say = (kind, text) => render(message, notice(kind, text));
  const act = async (button, work, done) => {
    button.disabled = true;
    try {
      await work();
      await draw(content, notice('ok', done));
    } catch (error) {
      button.disabled = false;
      const text = problemText(error);
      if (text) say('error', text);
      else render(message, adminError(error));
    }
  };

  const invite = h(
    'form',
    { class: 'form', id: 'admin-invite-form', novalidate: true },
    field('Email address to invite', h('input', { type: 'email', name: 'email', id: 'invite-email', autocomplete: 'off', required: true }), {
      hint: 'They get a link that works once, for this address, for 72 hours. They set up two-step verification on their first sign-in.',
    }),
    h('button', { type: 'submit', class: 'button' }, 'Send invitation'),
  );
  invite.addEventListener('submit', (event) => {
    event.preventDefault();
    const { email } = formValues(invite);
    whileBusy(invite, async () => {
      try {
        await api.post('/api/admin/admins/invitations', { email });
        await draw(content, notice('ok', `Invitation sent to ${email}.`));
      } catch (error) {
        if (error instanceof ApiProblem && showFieldErrors(invite, error)) return;
        const text = problemText(error);
        if (text) say('error', text);
        else render(message, adminError(error));
      }
    });
  });

  const adminRows = team.admins.map((admin) => {
    const you = admin.accountId === team.you;
    const remove = h('button', { type: 'button', class: 'button button--secondary button--small', 'aria-label': `Remove ${admin.email}` }, 'Remove');
    remove.addEventListener('click', () => {
      const question = you ? 'Remove yourself as an admin? You will be signed out at once.' : `Remove ${admin.email} as an admin? They are signed out at once.`;
      if (!window.confirm(question)) return;
      act(remove, () => api.delete(`/api/admin/admins/${admin.accountId}`), `${admin.email} is no longer an admin.`).then(() => {
        if (you) location.assign('/admin/sign-in');
      });
    });
    return h(
      'tr',
      { dataset: { email: admin.email } },
      h('td', {}, admin.email, you ? ' (you)' : ''),
      h('td', {}, admin.displayName || '—'),
      h('td', {}, admin.mfaEnrolled ? 'Enrolled' : 'Not yet enrolled'),
      h('td', {}, remove),
    );
  });

  const invitationRows = team.invitations.map((invitation) => {
    const revoke = h('button', { type: 'button', class: 'button button--secondary button--small', 'aria-label': `Revoke the invitation to ${invitation.email}` }, 'Revoke');
    revoke.addEventListener('click', () => act(revoke, () => api.delete(`/api/admin/admins/invitations/${invitation.id}`), `The invitation to ${invitation.email} no longer works.`));
    return h('tr', { dataset: { email: invitation.email } }, h('td', {}, invitation.email), h('td', {}, when(invitation.createdAt)), h('td', {}, when(invitation.expiresAt)), h('td', {}, revoke));
  });

  render(
    content,
    message,
    h('section', { 'aria-labelledby': 'admins-heading' }, h('h2', { id: 'admins-heading' }, 'Who can use the admin pages'),
      h('div', { class: 'table-wrap' },
        h('table', { id: 'admins' },
          h('caption', { class: 'visually-hidden' }, 'People who can use the admin pages'),
          h('thead', {}, h('tr', {}, ['Email', 'Name', 'Two-step verification', 'Remove'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, adminRows)))),
    h('section', { 'aria-labelledby': 'invite-heading' }, h('h2', { id: 'invite-heading' }, 'Invite an admin'), invite),
    h('section', { 'aria-labelledby': 'invitations-heading' }, h('h2', { id: 'invitations-heading' }, 'Open invitations'),
      invitationRows.length === 0
        ? h('p', { class: 'empty' }, 'No invitation is waiting.')
        : h('div', { class: 'table-wrap' },
            h('table', { id: 'admin-invitations' },
              h('caption', { class: 'visually-hidden' }, 'Invitations not accepted yet'),
              h('thead', {}, h('tr', {}, ['Email', 'Sent', 'Expires', 'Revoke'].map((t) => h('th', { scope: 'col' }, t)))),
              h('tbody', {}, invitationRows)))),
  );
}

adminPage({ title: 'Admins', active: 'admins', build: (content) => draw(content) });
