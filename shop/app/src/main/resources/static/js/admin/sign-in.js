// Admin sign-in, two steps on one page: password, then the authenticator code (or a recovery
// code). A session that has only passed the password step can do nothing else in the admin.
import { ApiProblem, ApiUnavailable } from '../api.js';
import { field, formValues, h, notice, render, whileBusy } from '../dom.js';
import { adminError, nextAdminPath, nextStepFor } from './layout.js';
import { sessionStatus, signInWithPassword, verifyCode } from './session.js';

function frame() {
  const header = document.getElementById('site-header');
  header.className = 'site-header admin-header';
  render(header, h('div', { class: 'site-header__inner' }, h('span', { class: 'brand' }, h('span', { 'aria-hidden': 'true' }, '◇ '), 'Silver Jems admin')));
  const footer = document.getElementById('site-footer');
  footer.className = 'site-footer';
  render(footer, h('div', { class: 'site-footer__inner' }, h('a', { href: '/' }, 'View the shop')));
}

function failure(message, error) {
  if (error instanceof ApiUnavailable) render(message, notice('degraded', 'Sign-in is temporarily unavailable. Please try again in a few minutes.'));
  else if (error instanceof ApiProblem) {
    const wait = error.problem.retryAfter ? ` Try again in ${error.problem.retryAfter} seconds.` : '';
    render(message, notice('error', error.status === 401 ? 'Those details are not right.' : `${error.message}${wait}`));
  } else throw error;
}

function passwordStep(content) {
  const message = h('div', { 'aria-live': 'assertive' });
  const form = h(
    'form',
    { class: 'form', id: 'admin-password-form', novalidate: true },
    field('Email', h('input', { type: 'email', name: 'email', id: 'admin-email', autocomplete: 'username', required: true })),
    field('Password', h('input', { type: 'password', name: 'password', id: 'admin-password', autocomplete: 'current-password', required: true })),
    message,
    h('button', { type: 'submit', class: 'button button--block' }, 'Continue'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { email, password } = formValues(form);
    whileBusy(form, async () => {
      try {
        const next = await signInWithPassword(email, password);
        if (next === 'enrol') location.assign(`/admin/mfa?next=${encodeURIComponent(nextAdminPath())}`);
        else if (next === 'mfa') codeStep(content);
        else render(message, notice('error', 'This account cannot use the admin pages. ', h('a', { href: '/' }, 'Back to the shop')));
      } catch (error) {
        failure(message, error);
      }
    });
  });
  render(content, form);
  form.elements.email.focus();
}

function codeStep(content) {
  const message = h('div', { 'aria-live': 'assertive' });
  const code = h('input', { type: 'text', name: 'code', id: 'admin-code', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: 6, required: true });
  const recovery = h('input', { type: 'text', name: 'recoveryCode', id: 'admin-recovery', autocomplete: 'off', spellcheck: 'false' });
  const recoveryField = field('Recovery code', recovery, { hint: 'One of the codes you saved when you set up two-step verification. Each works once.' });
  recoveryField.hidden = true;
  recovery.disabled = true;
  const toggle = h('button', { type: 'button', class: 'link-button', 'aria-expanded': 'false', 'aria-controls': recoveryField.querySelector('input').id }, 'Lost your phone? Use a recovery code');
  const codeField = field('6-digit code from your authenticator app', code);
  toggle.addEventListener('click', () => {
    const useRecovery = recoveryField.hidden;
    recoveryField.hidden = !useRecovery;
    codeField.hidden = useRecovery;
    recovery.disabled = !useRecovery;
    code.disabled = useRecovery;
    toggle.setAttribute('aria-expanded', String(useRecovery));
    toggle.textContent = useRecovery ? 'Use the code from your app instead' : 'Lost your phone? Use a recovery code';
    (useRecovery ? recovery : code).focus();
  });
  const form = h(
    'form',
    { class: 'form', id: 'admin-code-form', novalidate: true },
    h('p', {}, 'Open your authenticator app and enter the code it shows for Silver Jems.'),
    codeField,
    recoveryField,
    toggle,
    message,
    h('button', { type: 'submit', class: 'button button--block' }, 'Sign in'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = formValues(form);
    whileBusy(form, async () => {
      try {
        await verifyCode(values);
        location.assign(nextAdminPath());
      } catch (error) {
        failure(message, error);
        code.value = '';
      }
    });
  });
  render(content, form);
  code.focus();
}

frame();
const content = document.getElementById('page');
(async () => {
  try {
    const status = await sessionStatus();
    const next = nextStepFor(status);
    if (!next && status.admin) location.replace(nextAdminPath());
    else if (next?.startsWith('/admin/mfa')) location.replace(`${next}?next=${encodeURIComponent(nextAdminPath())}`);
    else if (status.authenticated && status.admin) codeStep(content);
    else passwordStep(content);
  } catch (error) {
    render(content, adminError(error));
  } finally {
    content.removeAttribute('aria-busy');
  }
})();
