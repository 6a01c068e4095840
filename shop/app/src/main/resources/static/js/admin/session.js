// Admin sign-in: password, then a TOTP code (or a single-use recovery code); first-time admins
// enrol an authenticator app from a QR code. The server enforces all of it on every /api/admin
// call; the pages only guide the admin to the right step.
import { api } from '../api.js';

export const paths = {
  session: '/api/auth/session',
  login: '/api/auth/login',
  verify: '/api/auth/mfa/verify',
  enrolment: '/api/auth/mfa/enrolment',
  enrolmentConfirm: '/api/auth/mfa/enrolment/confirm',
  logout: '/api/auth/logout',
};

function statusOf(session) {
  const roles = (session.roles ?? []).map((r) => String(r).toLowerCase());
  const next = session.next ?? 'none';
  return {
    authenticated: !!session.authenticated,
    // An admin who has only given the password holds no role yet, just the step still owed.
    admin: roles.includes('admin') || next === 'mfa' || next === 'mfa-enrolment',
    mfaVerified: roles.includes('admin'),
    mfaEnrolled: next !== 'mfa-enrolment',
    email: session.email ?? null,
  };
}

/**
 * Where this browser's session stands: { authenticated, admin, mfaVerified, mfaEnrolled, email }.
 * The session endpoint answers everyone with 200, so asking never logs an error.
 */
export async function sessionStatus() {
  return statusOf(await api.get(paths.session, { cache: 'no-store' }));
}

/** Step one: password. Answers the next step: "mfa", "enrol", or "none" (not an admin). */
export async function signInWithPassword(email, password) {
  const session = await api.post(paths.login, { email, password });
  if (session.next === 'mfa-enrolment') return 'enrol';
  if (session.next === 'mfa') return 'mfa';
  return 'none';
}

/** Step two: the 6-digit code from the authenticator app, or a recovery code. */
export function verifyCode({ code, recoveryCode }) {
  return api.post(paths.verify, recoveryCode ? { recoveryCode } : { code });
}

/** A fresh enrolment: { uri, secret, qrImage } (the QR code is a PNG data URI drawn by the server). */
export async function startEnrolment() {
  const e = await api.post(paths.enrolment, {});
  return { uri: e.otpauthUri, secret: e.secret, qrImage: e.qrCodeDataUri };
}

/** Confirms the enrolment with a first code; answers the recovery codes to print. */
export async function confirmEnrolment(code) {
  const r = await api.post(paths.enrolmentConfirm, { code });
  return r?.recoveryCodes ?? [];
}

export async function signOut() {
  await api.post(paths.logout, {});
}
