// Shopper sign-in: email and password, or Google. Messages never say whether an email is known.
import { ApiProblem, ApiUnavailable } from '../api.js';
import { googleButton, nextPath, signIn } from '../auth.js';
import { field, formValues, h, notice, render, showFieldErrors, whileBusy } from '../dom.js';
import { showDegradedBanner, storefrontPage } from '../layout.js';

storefrontPage({
  title: 'Sign in',
  build: async (content) => {
    const message = h('div', { 'aria-live': 'assertive' });
    const params = new URLSearchParams(location.search);
    if (params.get('error')) message.append(notice('error', 'Google sign-in did not complete. Please try again, or sign in with your email.'));
    if (params.get('reset') === 'done') message.append(notice('ok', 'Your password has been changed. Please sign in.'));
    const form = h(
      'form',
      { class: 'form', id: 'signin-form', novalidate: true },
      field('Email', h('input', { type: 'email', name: 'email', id: 'signin-email', autocomplete: 'username', required: true })),
      field('Password', h('input', { type: 'password', name: 'password', id: 'signin-password', autocomplete: 'current-password', required: true })),
      message,
      h('button', { type: 'submit', class: 'button button--block' }, 'Sign in'),
      h('p', {}, h('a', { href: '/reset-password' }, 'Forgotten your password?')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = formValues(form);
      whileBusy(form, async () => {
        render(message);
        try {
          const session = await signIn(values);
          // An admin's password is only the first step: the code is asked on the admin pages.
          location.assign(session.next === 'none' ? nextPath() : '/admin/sign-in?step=code');
        } catch (error) {
          if (error instanceof ApiUnavailable) {
            showDegradedBanner();
            render(message, notice('degraded', 'Signing in is temporarily unavailable. Please try again in a few minutes.'));
          } else if (error instanceof ApiProblem) {
            showFieldErrors(form, error);
            const retry = error.problem.retryAfter ? ` Please wait ${error.problem.retryAfter} seconds.` : '';
            render(message, notice('error', error.status === 401 ? 'That email and password do not match an account.' : `${error.message}${retry}`));
          } else {
            throw error;
          }
        }
      });
    });
    const next = nextPath('');
    render(
      content,
      form,
      h('p', { class: 'divider' }, 'or'),
      h('div', { class: 'form' }, googleButton(), h('p', {}, 'New to Silver Jems? ', h('a', { href: `/sign-up${next ? `?next=${encodeURIComponent(next)}` : ''}` }, 'Create an account'))),
    );
  },
});
