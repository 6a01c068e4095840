// The frame around every storefront page: header with categories, account and basket links,
// the degraded-mode banner, footer, and the service worker that keeps the catalogue browsable
// when the API is down.
import { api, ApiProblem, ApiUnavailable } from './api.js';
import { byId, h, notice, render } from './dom.js';
import { searchBox } from './search.js';
import { accountHint, cartCountHint } from './store.js';

const SHOP_NAME = 'Silver Jems';

let degradedShown = false;

/** Shows (once) the banner saying the shop is running from saved pages. */
export function showDegradedBanner() {
  if (degradedShown) return;
  degradedShown = true;
  const slot = document.getElementById('degraded-banner');
  if (!slot) return;
  render(
    slot,
    notice(
      'degraded',
      h('strong', {}, 'Our shop is temporarily unavailable. '),
      'You are browsing saved pages: prices and stock may have changed, and checkout is temporarily unavailable. Please try again in a few minutes.',
    ),
  );
  slot.hidden = false;
}

document.addEventListener('sj:stale', showDegradedBanner);

function headerLinks() {
  const account = accountHint();
  const count = cartCountHint();
  return h(
    'ul',
    { class: 'account-nav', 'aria-label': 'Your account' },
    h('li', {}, account ? h('a', { href: '/account' }, 'Your account') : h('a', { href: '/sign-in' }, 'Sign in')),
    h(
      'li',
      {},
      h(
        'a',
        { href: '/cart', id: 'cart-link' },
        'Basket',
        h('span', { class: 'cart-count', 'aria-label': `${count} items` }, String(count)),
      ),
    ),
  );
}

function renderHeader(categories, activeCategory) {
  const header = byId('site-header');
  header.className = 'site-header';
  const nav = h(
    'nav',
    { class: 'site-nav', 'aria-label': 'Categories' },
    h(
      'ul',
      {},
      categories.map((c) =>
        h(
          'li',
          {},
          h(
            'a',
            { href: `/category?slug=${encodeURIComponent(c.slug)}`, 'aria-current': c.slug === activeCategory ? 'page' : null },
            c.name,
          ),
        ),
      ),
    ),
  );
  render(
    header,
    h(
      'div',
      { class: 'site-header__inner' },
      h('a', { class: 'brand', href: '/' }, h('span', { class: 'brand__mark', 'aria-hidden': 'true' }, '◇ '), SHOP_NAME),
      h('div', { id: 'header-links' }, headerLinks()),
      searchBox(),
      nav,
    ),
  );
}

function renderFooter() {
  const footer = byId('site-footer');
  footer.className = 'site-footer';
  render(
    footer,
    h(
      'div',
      { class: 'site-footer__inner' },
      h('p', {}, `${SHOP_NAME} · handmade sterling silver (925) jewellery from a family workshop.`),
      h('p', {}, h('a', { href: '/account' }, 'Your orders'), ' · ', h('a', { href: '/reset-password' }, 'Forgotten password')),
    ),
  );
}

let categoriesPromise = null;

/** The categories (from the API, or the service worker's saved copy when it is down). */
export function categories() {
  categoriesPromise ??= api.get('/api/categories').catch((error) => {
    if (error instanceof ApiUnavailable) showDegradedBanner();
    return [];
  });
  return categoriesPromise;
}

function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
    // Without a service worker the shop still works; it just cannot browse from cache offline.
  });
}

/**
 * Starts a storefront page: draws the frame, then calls `build(content)` where content is the
 * page's #page element. Errors the page does not handle itself are shown, not swallowed.
 */
export async function storefrontPage({ title, activeCategory = null, build }) {
  document.title = title ? `${title} · ${SHOP_NAME}` : SHOP_NAME;
  renderHeader([], activeCategory);
  renderFooter();
  document.addEventListener('sj:cart', () => render(byId('header-links'), headerLinks()));
  document.addEventListener('sj:account', () => render(byId('header-links'), headerLinks()));
  registerServiceWorker();
  const content = byId('page');
  categories().then((list) => renderHeader(list, activeCategory));
  try {
    await build(content);
  } catch (error) {
    render(content, errorNotice(error));
  } finally {
    content.removeAttribute('aria-busy');
  }
}

/** A plain-language notice for an error a page could not handle. */
export function errorNotice(error, unavailableText) {
  if (error instanceof ApiUnavailable) {
    showDegradedBanner();
    return notice('degraded', unavailableText ?? 'This page is temporarily unavailable. Please try again in a few minutes.');
  }
  if (error instanceof ApiProblem) {
    if (error.status === 404) return notice('info', 'We could not find that. It may have sold out or moved. ', h('a', { href: '/' }, 'Back to the shop'));
    return notice('error', h('strong', {}, `${error.title}. `), error.problem.detail ?? '');
  }
  console.warn(error);
  return notice('error', 'Something went wrong on this page. Please reload it.');
}

/** Sets the page's main heading (the one h1 screen readers jump to). */
export function heading(text) {
  const h1 = byId('page-title');
  h1.textContent = text;
  return h1;
}
