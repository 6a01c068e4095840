// Sign-up with email and password (the server checks strength and breached lists) or Google.
import { ApiProblem, ApiUnavailable } from '../api.js';
import { googleButton, nextPath, signUp } from '../auth.js';
import { field, formValues, h, notice, render, showFieldErrors, whileBusy } from '../dom.js';
import { showDegradedBanner, storefrontPage } from '../layout.js';

storefrontPage({
  title: 'Create an account',
  build: async (content) => {
    const message = h('div', { 'aria-live': 'assertive' });
    const password = h('input', { type: 'password', name: 'password', id: 'signup-password', autocomplete: 'new-password', required: true, minlength: 12 });
    const show = h('input', { type: 'checkbox', id: 'signup-show-password' });
    show.addEventListener('change', () => {
      password.type = show.checked ? 'text' : 'password';
    });
    const form = h(
      'form',
      { class: 'form', id: 'signup-form', novalidate: true },
      field('Your name', h('input', { type: 'text', name: 'displayName', id: 'signup-name', autocomplete: 'name', required: true, maxlength: 200 })),
      field('Email', h('input', { type: 'email', name: 'email', id: 'signup-email', autocomplete: 'email', required: true })),
      field('Password', password, { hint: 'At least 12 characters. A few unrelated words make a strong one; common or leaked passwords are refused.' }),
      h('label', { class: 'checkbox' }, show, 'Show password'),
      message,
      h('button', { type: 'submit', class: 'button button--block' }, 'Create account'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = formValues(form);
      whileBusy(form, async () => {
        render(message);
        try {
          await signUp(values);
          render(content, notice('ok', h('strong', {}, 'Check your email. '), `We have sent a link to ${values.email}: open it to confirm the address, then sign in.`));
          // The emailed link opens the verification page, maybe in another tab: remember where to go.
          localStorage.setItem('sj.afterVerification', nextPath());
        } catch (error) {
          if (error instanceof ApiUnavailable) {
            showDegradedBanner();
            render(message, notice('degraded', 'Creating an account is temporarily unavailable. Please try again in a few minutes.'));
          } else if (error instanceof ApiProblem) {
            if (!showFieldErrors(form, error)) render(message, notice('error', error.message));
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
      h('div', { class: 'form' }, googleButton('Sign up with Google'), h('p', {}, 'Already have an account? ', h('a', { href: `/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}` }, 'Sign in'))),
    );
  },
});
