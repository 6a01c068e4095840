// Two-step verification enrolment: scan the QR code (or type the key), confirm with a first code,
// then save the single-use recovery codes.
import { ApiProblem } from '../api.js';
import { field, formValues, h, notice, render, whileBusy } from '../dom.js';
import { adminError, nextAdminPath } from './layout.js';
import { confirmEnrolment, sessionStatus, startEnrolment } from './session.js';

function frame() {
  const header = document.getElementById('site-header');
  header.className = 'site-header admin-header';
  render(header, h('div', { class: 'site-header__inner' }, h('span', { class: 'brand' }, h('span', { 'aria-hidden': 'true' }, '◇ '), 'Silver Jems admin')));
  const footer = document.getElementById('site-footer');
  footer.className = 'site-footer';
  render(footer, h('div', { class: 'site-footer__inner' }, h('a', { href: '/' }, 'View the shop')));
}

function groups(secret) {
  return String(secret ?? '').replace(/(.{4})/g, '$1 ').trim();
}

function recoveryCodes(content, codes) {
  const done = h('a', { class: 'button', href: nextAdminPath(), id: 'mfa-done' }, 'I have saved them: continue');
  render(
    content,
    notice('ok', h('strong', {}, 'Two-step verification is on. '), 'From now on you sign in with your password and a code from your app.'),
    h('h2', {}, 'Save your recovery codes'),
    h('p', {}, 'If you lose your phone, each of these codes lets you sign in once. Keep them somewhere safe, away from your password. They are not shown again.'),
    h('ul', { class: 'codes', id: 'recovery-codes' }, codes.map((c) => h('li', {}, c))),
    done,
  );
  done.focus();
}

frame();
const content = document.getElementById('page');
(async () => {
  try {
    const status = await sessionStatus();
    if (!status.authenticated) {
      location.replace('/admin/sign-in');
      return;
    }
    const enrolment = await startEnrolment();
    const message = h('div', { 'aria-live': 'assertive' });
    const form = h(
      'form',
      { class: 'form', id: 'mfa-confirm-form', novalidate: true },
      field('6-digit code from the app', h('input', { type: 'text', name: 'code', id: 'mfa-code', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: 6, required: true })),
      message,
      h('button', { type: 'submit', class: 'button' }, 'Turn on two-step verification'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const { code } = formValues(form);
      whileBusy(form, async () => {
        try {
          recoveryCodes(content, await confirmEnrolment(code));
        } catch (error) {
          if (error instanceof ApiProblem) render(message, notice('error', error.status === 400 || error.status === 401 ? 'That code is not right. Check the time on your phone and try the newest code.' : error.message));
          else render(message, adminError(error));
        }
      });
    });
    const picture = h('img', { src: enrolment.qrImage, alt: 'QR code for your authenticator app', width: 192, height: 192 });
    render(
      content,
      h('p', {}, 'Admin pages need a second step: a code from an authenticator app on your phone (Google Authenticator, 1Password, Authy, ...).'),
      h(
        'ol',
        { class: 'steps' },
        h('li', {}, h('p', {}, 'Scan this code with the app:'), h('div', { class: 'qr', id: 'mfa-qr' }, picture)),
        h('li', {}, h('p', {}, 'Cannot scan? Type this key into the app instead:'), h('p', { class: 'mono', id: 'mfa-secret' }, groups(enrolment.secret))),
        h('li', {}, h('p', {}, 'Enter the code the app shows to finish:'), form),
      ),
    );
  } catch (error) {
    render(content, adminError(error));
  } finally {
    content.removeAttribute('aria-busy');
  }
})();
