// The page the verification email links to (/verify-email?token=...): confirms the address, then
// sends the shopper on to sign in.
import { ApiProblem } from '../api.js';
import { verifyEmail } from '../auth.js';
import { h, notice, param, render } from '../dom.js';
import { errorNotice, storefrontPage } from '../layout.js';

storefrontPage({
  title: 'Confirm your email',
  build: async (content) => {
    const token = param('token');
    if (!token) {
      render(content, notice('info', 'Open the link in the email we sent you to confirm your address.'));
      return;
    }
    const next = localStorage.getItem('sj.afterVerification') || '/account';
    try {
      await verifyEmail(token);
      localStorage.removeItem('sj.afterVerification');
      render(
        content,
        notice('ok', h('strong', {}, 'Thank you: your email is confirmed. '), 'You can sign in now.'),
        h('a', { class: 'button', id: 'verified-sign-in', href: `/sign-in?next=${encodeURIComponent(next)}` }, 'Sign in'),
      );
    } catch (error) {
      if (error instanceof ApiProblem && error.status < 500) {
        render(content, notice('error', 'This link has expired or was already used. ', h('a', { href: '/sign-in' }, 'Sign in'), ' or ', h('a', { href: '/sign-up' }, 'create your account again'), '.'));
      } else {
        render(content, errorNotice(error));
      }
    }
  },
});
