// The frame of every admin page. The admin must be signed in with password AND a TOTP code: any
// other session is sent to the right sign-in step before the page asks the API for anything.
import { ApiUnavailable } from '../api.js';
import { byId, h, notice, render } from '../dom.js';
import { sameSitePath } from '../next-path.js';
import { sessionStatus, signOut } from './session.js';

const SECTIONS = [
  ['products', 'Products', '/admin/products'],
  ['orders', 'Orders', '/admin/orders'],
  ['audit', 'Audit log', '/admin/audit'],
  ['email', 'Email', '/admin/email'],
  ['admins', 'Admins', '/admin/admins'],
];

function header(active, status) {
  const out = h('button', { type: 'button', class: 'button button--secondary button--small', id: 'admin-sign-out' }, 'Sign out');
  out.addEventListener('click', async () => {
    out.disabled = true;
    await signOut().catch(() => null);
    location.assign('/admin/sign-in');
  });
  const el = byId('site-header');
  el.className = 'site-header admin-header';
  render(
    el,
    h(
      'div',
      { class: 'site-header__inner' },
      h('a', { class: 'brand', href: '/admin/' }, h('span', { 'aria-hidden': 'true' }, '◇ '), 'Silver Jems admin'),
      status
        ? h('nav', { class: 'site-nav', 'aria-label': 'Admin sections' }, h('ul', {}, SECTIONS.map(([key, label, href]) => h('li', {}, h('a', { href, 'aria-current': key === active ? 'page' : null }, label)))))
        : null,
      status ? h('span', { class: 'admin-who' }, status.email ?? '', ' ', out) : null,
    ),
  );
}

function footer() {
  const el = byId('site-footer');
  el.className = 'site-footer';
  render(el, h('div', { class: 'site-footer__inner' }, h('a', { href: '/' }, 'View the shop')));
}

/** Where a session that may not use admin pages has to go next, or null when it may. */
export function nextStepFor(status) {
  if (!status.authenticated) return '/admin/sign-in';
  if (status.admin && !status.mfaEnrolled) return '/admin/mfa';
  if (status.admin && !status.mfaVerified) return '/admin/sign-in?step=code';
  return null;
}

/** Starts an admin page: checks the session, draws the frame, then calls build(content). */
export async function adminPage({ title, active, build }) {
  document.title = `${title} · Silver Jems admin`;
  header(active, null);
  footer();
  const content = byId('page');
  try {
    const status = await sessionStatus();
    const next = nextStepFor(status);
    if (next) {
      location.replace(`${next}${next.includes('?') ? '&' : '?'}next=${encodeURIComponent(location.pathname + location.search)}`);
      return;
    }
    if (!status.admin) {
      render(content, notice('error', 'This account cannot use the admin pages. ', h('a', { href: '/' }, 'Back to the shop')));
      return;
    }
    header(active, status);
    await build(content, status);
  } catch (error) {
    render(content, adminError(error));
  } finally {
    content.removeAttribute('aria-busy');
  }
}

export function adminError(error) {
  if (error instanceof ApiUnavailable) return notice('degraded', 'The shop API is not reachable, so nothing can be changed right now. Try again in a few minutes.');
  if (error?.name === 'ApiProblem') return notice('error', h('strong', {}, `${error.title}. `), error.problem.detail ?? '');
  console.warn(error);
  return notice('error', 'Something went wrong on this page. Please reload it.');
}

/** Where to go after signing in: a same-site admin path from ?next=, else the admin home. */
export function nextAdminPath() {
  return sameSitePath(new URLSearchParams(location.search).get('next'), '/admin/') ?? '/admin/products';
}
