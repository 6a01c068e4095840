// Password reset: ask for a link (the answer is the same whether or not the email is known), then
// choose a new password from the emailed link (?token=...).
import { ApiProblem, ApiUnavailable } from '../api.js';
import { confirmPasswordReset, requestPasswordReset } from '../auth.js';
import { field, formValues, h, notice, param, render, showFieldErrors, whileBusy } from '../dom.js';
import { heading, showDegradedBanner, storefrontPage } from '../layout.js';

function failure(message, form, error, what) {
  if (error instanceof ApiUnavailable) {
    showDegradedBanner();
    render(message, notice('degraded', `${what} is temporarily unavailable. Please try again in a few minutes.`));
  } else if (error instanceof ApiProblem) {
    if (!showFieldErrors(form, error)) render(message, notice('error', error.message));
  } else {
    throw error;
  }
}

function requestForm(content) {
  const message = h('div', { 'aria-live': 'assertive' });
  const form = h(
    'form',
    { class: 'form', id: 'reset-request-form', novalidate: true },
    h('p', {}, 'Enter the email you shop with and we will send you a link to choose a new password.'),
    field('Email', h('input', { type: 'email', name: 'email', id: 'reset-email', autocomplete: 'email', required: true })),
    message,
    h('button', { type: 'submit', class: 'button button--block' }, 'Send reset link'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { email } = formValues(form);
    whileBusy(form, async () => {
      try {
        await requestPasswordReset(email);
        render(content, notice('ok', h('strong', {}, 'Check your email. '), `If ${email} has an account with us, a reset link is on its way. It works for one hour.`));
      } catch (error) {
        failure(message, form, error, 'Password reset');
      }
    });
  });
  render(content, form, h('p', {}, h('a', { href: '/sign-in' }, 'Back to sign in')));
}

function chooseForm(content, token) {
  heading('Choose a new password');
  const message = h('div', { 'aria-live': 'assertive' });
  const form = h(
    'form',
    { class: 'form', id: 'reset-confirm-form', novalidate: true },
    field('New password', h('input', { type: 'password', name: 'password', id: 'reset-password', autocomplete: 'new-password', required: true, minlength: 12 }), { hint: 'At least 12 characters; common or leaked passwords are refused.' }),
    message,
    h('button', { type: 'submit', class: 'button button--block' }, 'Change password'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { password } = formValues(form);
    whileBusy(form, async () => {
      try {
        await confirmPasswordReset(token, password);
        location.assign('/sign-in?reset=done');
      } catch (error) {
        failure(message, form, error, 'Password reset');
      }
    });
  });
  render(content, form);
}

storefrontPage({
  title: 'Reset your password',
  build: async (content) => {
    const token = param('token');
    if (token) chooseForm(content, token);
    else requestForm(content);
  },
});
