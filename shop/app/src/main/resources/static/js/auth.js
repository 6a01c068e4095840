// Shopper identity calls (sign-up, sign-in, Google, reset, sign-out). The session is a server-side
// cookie; the browser keeps only a hint of who is signed in, for the header.
import { api, ApiProblem } from './api.js';
import { mergeAfterSignIn } from './cart.js';
import { h } from './dom.js';
import { rememberAccount } from './store.js';

export const GOOGLE_SIGN_IN = '/oauth2/authorization/google';

export const paths = {
  signUp: '/api/account/signup',
  signIn: '/api/auth/signin',
  signOut: '/api/auth/signout',
  me: '/api/account',
  resetRequest: '/api/auth/password-reset',
  resetConfirm: '/api/auth/password-reset/confirm',
};

async function afterSignIn(account) {
  rememberAccount(account?.email ? account : await api.get(paths.me).catch(() => account));
  await mergeAfterSignIn().catch(() => null);
  return account;
}

export async function signUp({ name, email, password }) {
  const account = await api.post(paths.signUp, { name, email, password });
  // Accounts may start signed in, or wait for the emailed verification link.
  if (account?.signedIn === false || account?.verificationRequired) return { ...account, signedIn: false };
  await afterSignIn(account);
  return { ...account, signedIn: true };
}

export async function signIn({ email, password }) {
  return afterSignIn(await api.post(paths.signIn, { email, password }));
}

export async function signOut() {
  try {
    await api.post(paths.signOut, {});
  } finally {
    rememberAccount(null);
  }
}

/** The signed-in account, or null (and the header hint cleared) when the session is gone. */
export async function currentAccount() {
  try {
    const account = await api.get(paths.me);
    rememberAccount(account);
    return account;
  } catch (error) {
    if (error instanceof ApiProblem && (error.status === 401 || error.status === 403)) {
      rememberAccount(null);
      return null;
    }
    throw error;
  }
}

export function requestPasswordReset(email) {
  return api.post(paths.resetRequest, { email });
}

export function confirmPasswordReset(token, password) {
  return api.post(paths.resetConfirm, { token, password });
}

/** Where to go after signing in: a same-site path from ?next=, never another site. */
export function nextPath(fallback = '/account.html') {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : fallback;
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
