// Shopper identity calls (sign-up, sign-in, Google, email verification, reset, sign-out). The
// session is a server-side cookie; the browser keeps only a hint of who is signed in, for the header.
import { api } from './api.js';
import { mergeAfterSignIn } from './cart.js';
import { h } from './dom.js';
import { sameSitePath } from './next-path.js';
import { rememberAccount } from './store.js';

export const GOOGLE_SIGN_IN = '/api/auth/oauth2/authorization/google';

export const paths = {
  session: '/api/auth/session',
  register: '/api/auth/register',
  verifyEmail: '/api/auth/email-verification',
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  resetRequest: '/api/auth/password-reset',
  resetConfirm: '/api/auth/password-reset/confirm',
};

function hint(session) {
  return session?.authenticated ? { email: session.email, name: session.displayName || null } : null;
}

/** Creates an account; the address must then be confirmed from the emailed link. */
export function signUp({ displayName, email, password }) {
  return api.post(paths.register, { displayName, email, password });
}

/** Confirms an address from the link in the verification email. */
export function verifyEmail(token) {
  return api.post(paths.verifyEmail, { token });
}

/**
 * Signs in with a password. Answers the session; `next` is "none" for a shopper, "mfa" or
 * "mfa-enrolment" for an admin, who must finish on the admin sign-in page.
 */
export async function signIn({ email, password }) {
  const session = await api.post(paths.login, { email, password });
  if (session.next === 'none') {
    rememberAccount(hint(session));
    await mergeAfterSignIn().catch(() => null);
  }
  return session;
}

export async function signOut() {
  try {
    await api.post(paths.logout, {});
  } finally {
    rememberAccount(null);
  }
}

/**
 * The signed-in shopper ({ email, displayName, ... }) or null. Asks the session endpoint, which
 * answers everyone (so an anonymous visit logs no error), and refreshes the header's hint.
 */
export async function currentAccount() {
  const session = await api.get(paths.session, { cache: 'no-store' });
  const signedIn = session.authenticated && session.next === 'none' ? session : null;
  rememberAccount(hint(signedIn));
  return signedIn;
}

export function requestPasswordReset(email) {
  return api.post(paths.resetRequest, { email });
}

export function confirmPasswordReset(token, password) {
  return api.post(paths.resetConfirm, { token, password });
}

/** Where to go after signing in: a same-site path from ?next=, never another site. */
export function nextPath(fallback = '/account') {
  return sameSitePath(new URLSearchParams(location.search).get('next')) ?? fallback;
}

/** Google sign-in: a plain link into the server's OIDC flow (no Google script on our pages). */
export function googleButton(label = 'Continue with Google') {
  return h(
    'a',
    { class: 'button button--google', href: GOOGLE_SIGN_IN, id: 'google-sign-in' },
    h('img', { src: '/img/google.svg', alt: '', width: 18, height: 18 }),
    label,
  );
}
