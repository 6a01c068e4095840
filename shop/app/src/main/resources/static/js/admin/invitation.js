// Accepting an admin invitation (or the first-admin link the shop printed at its first start).
// The token is in the address's fragment, so it never reaches a server log or a Referer header;
// it is sent once, in the body. Then the new admin signs in and enrols two-step verification.
import { ApiProblem, api } from '../api.js';
import { field, formValues, h, notice, render, showFieldErrors, whileBusy } from '../dom.js';

function frame() {
  const header = document.getElementById('site-header');
  header.className = 'site-header admin-header';
  render(header, h('div', { class: 'site-header__inner' }, h('span', { class: 'brand' }, h('span', { 'aria-hidden': 'true' }, '◇ '), 'Silver Jems admin')));
  const footer = document.getElementById('site-footer');
  footer.className = 'site-footer';
  render(footer, h('div', { class: 'site-footer__inner' }, h('a', { href: '/' }, 'View the shop')));
}

function start() {
  frame();
  const content = document.getElementById('page');
  content.removeAttribute('aria-busy');
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  // Out of the address bar (and the history) before anything else happens.
  history.replaceState(null, '', location.pathname);
  if (!token) {
    render(content, notice('error', 'This page needs the link from your invitation email. Open the link again, or ask an admin for a new invitation.'));
    return;
  }
  const message = h('div', { 'aria-live': 'assertive' });
  const form = h(
    'form',
    { class: 'form', id: 'admin-invitation-form', novalidate: true },
    h('p', {}, 'Use the address the invitation was sent to. If it already has a Silver Jems account, give that account’s password; otherwise choose a new one (at least 12 characters).'),
    field('Email', h('input', { type: 'email', name: 'email', id: 'invitation-email', autocomplete: 'username', required: true })),
    field('Your name', h('input', { type: 'text', name: 'displayName', id: 'invitation-name', autocomplete: 'name' })),
    field('Password', h('input', { type: 'password', name: 'password', id: 'invitation-password', autocomplete: 'new-password', required: true })),
    message,
    h('button', { type: 'submit', class: 'button button--block' }, 'Become an admin'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = formValues(form);
    whileBusy(form, async () => {
      try {
        await api.post('/api/auth/admin-invitation', { ...values, token });
        render(
          content,
          notice('ok', 'You are an admin now. Sign in with this address and password: you will set up two-step verification with an authenticator app first.'),
          h('p', {}, h('a', { class: 'button', href: '/admin/sign-in' }, 'Sign in')),
        );
      } catch (error) {
        if (!(error instanceof ApiProblem)) {
          render(message, notice('degraded', 'The shop cannot be reached right now. Try again in a few minutes.'));
          return;
        }
        if (showFieldErrors(form, error)) return;
        render(message, notice('error', error.status === 401 ? 'That is not the password of this account.' : `${error.title}. ${error.problem.detail ?? ''}`));
      }
    });
  });
  render(content, form);
}

start();
