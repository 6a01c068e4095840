// Admin sign-in: password, then a TOTP code (or a single-use recovery code); first-time admins
// enrol an authenticator app from a QR code. The server enforces all of it on every /api/admin
// call; the pages only guide the admin to the right step.
import { api, ApiProblem } from '../api.js';

export const paths = {
  status: '/api/auth/session',
  signIn: '/api/admin/auth/signin',
  verify: '/api/admin/auth/mfa',
  enrolment: '/api/admin/mfa/enrolment',
  enrolmentConfirm: '/api/admin/mfa/enrolment/confirm',
  signOut: '/api/auth/signout',
};

/**
 * Where this browser's session stands: { authenticated, admin, mfaVerified, mfaEnrolled, email }.
 * Read from an endpoint that answers 200 for everyone, so asking never logs an error.
 */
export async function sessionStatus() {
  try {
    const s = await api.get(paths.status);
    const roles = (s.roles ?? s.authorities ?? []).map((r) => String(r).toUpperCase());
    return {
      authenticated: !!(s.authenticated ?? s.email),
      admin: !!(s.admin ?? roles.some((r) => r.includes('ADMIN'))),
      mfaVerified: !!(s.mfaVerified ?? s.mfa?.verified ?? roles.some((r) => r.includes('MFA'))),
      mfaEnrolled: !!(s.mfaEnrolled ?? s.mfa?.enrolled ?? true),
      email: s.email ?? s.name ?? null,
    };
  } catch (error) {
    if (error instanceof ApiProblem && (error.status === 401 || error.status === 403)) {
      return { authenticated: false, admin: false, mfaVerified: false, mfaEnrolled: false, email: null };
    }
    throw error;
  }
}

/** Step one: password. Answers what the next step is ("mfa" or "enrol"). */
export async function signInWithPassword(email, password) {
  const result = (await api.post(paths.signIn, { email, password })) ?? {};
  if (result.enrolmentRequired || result.next === 'enrol' || result.mfaEnrolled === false) return 'enrol';
  return 'mfa';
}

/** Step two: the 6-digit code from the authenticator app, or a recovery code. */
export function verifyCode({ code, recoveryCode }) {
  return api.post(paths.verify, recoveryCode ? { recoveryCode } : { code });
}

/** A fresh enrolment: { otpauthUri, secret, qrCode? }. */
export async function startEnrolment() {
  const e = await api.post(paths.enrolment, {});
  return {
    uri: e.otpauthUri ?? e.otpAuthUri ?? e.uri ?? e.keyUri,
    secret: e.secret,
    qrImage: e.qrCode ?? e.qrCodeDataUri ?? e.qrDataUri ?? null,
  };
}

/** Confirms the enrolment with a first code; answers the recovery codes to print. */
export async function confirmEnrolment(code) {
  const r = await api.post(paths.enrolmentConfirm, { code });
  return r?.recoveryCodes ?? [];
}

export async function signOut() {
  await api.post(paths.signOut, {});
}
