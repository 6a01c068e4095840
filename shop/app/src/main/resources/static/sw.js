/*
 * Silver Jems service worker: keeps the storefront browsable when the API (or the whole origin) is
 * down. Network first, always: a shopper online sees fresh prices and stock; only when the network
 * fails, times out or answers 5xx (CloudFront's 502/504 when the origin is down) do we answer from
 * the last good copy, marked with X-SJ-Cache: stale so the page can say it is showing saved data.
 *
 * What is saved: the app shell (HTML, CSS, JS, icons; precached on install) and catalogue GETs
 * (/api/categories, /api/products...). Never saved: anything personal or state-changing (cart,
 * checkout, account, orders, admin, sign-in), which fails plainly with a 503 problem instead.
 */
const SHELL_CACHE = 'sj-shell-v1';
const CATALOGUE_CACHE = 'sj-catalogue-v1';
const IMAGE_CACHE = 'sj-images-v1';
const CACHES = [SHELL_CACHE, CATALOGUE_CACHE, IMAGE_CACHE];

// Past this the network is treated as down: a hanging origin must not hang the shopper.
const NETWORK_TIMEOUT_MS = 4000;
const MAX_CATALOGUE_ENTRIES = 300;
const MAX_IMAGE_ENTRIES = 300;

const SHELL = [
  '/',
  '/category',
  '/product',
  '/cart',
  '/checkout',
  '/sign-in',
  '/sign-up',
  '/reset-password',
  '/verify-email',
  '/account',
  '/order',
  '/search',
  '/css/site.css',
  '/js/api.js',
  '/js/dom.js',
  '/js/format.js',
  '/js/images.js',
  '/js/layout.js',
  '/js/store.js',
  '/js/catalog.js',
  '/js/search.js',
  '/js/latest-only.js',
  '/js/seo.js',
  '/js/cart.js',
  '/js/size-guide.js',
  '/js/auth.js',
  '/js/orders.js',
  '/js/pages/home.js',
  '/js/pages/category.js',
  '/js/pages/product.js',
  '/js/pages/cart.js',
  '/js/pages/checkout.js',
  '/js/pages/sign-in.js',
  '/js/pages/sign-up.js',
  '/js/pages/reset-password.js',
  '/js/pages/account.js',
  '/js/pages/order.js',
  '/js/pages/verify-email.js',
  '/js/pages/search.js',
  '/img/placeholder.svg',
  '/img/favicon.svg',
  '/img/google.svg',
  '/manifest.webmanifest',
];

const CATALOGUE_PATHS = [/^\/api\/categories(\/|$)/, /^\/api\/products(\/|$)/];
// Passed straight to the network: sign-in redirects and the service's own endpoints.
const BYPASS_PATHS = [/^\/api\/auth\/oauth2\//, /^\/actuator\//];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // 'reload' skips the HTTP cache so a new version never precaches an old file.
      await cache.addAll(SHELL.map((path) => new Request(path, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('sj-') && !CACHES.includes(name)) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (BYPASS_PATHS.some((p) => p.test(path))) return;

  if (CATALOGUE_PATHS.some((p) => p.test(path))) {
    event.respondWith(networkFirst(request, CATALOGUE_CACHE, request.url, MAX_CATALOGUE_ENTRIES));
  } else if (path.startsWith('/api/')) {
    event.respondWith(networkOnly(request));
  } else if (request.destination === 'image' && !path.startsWith('/img/')) {
    // Renditions live under content-hashed immutable keys: a saved copy is always right.
    event.respondWith(cacheFirst(request, IMAGE_CACHE, MAX_IMAGE_ENTRIES));
  } else {
    // Shell files are saved by path: /product?slug=a and ?slug=b are the same page.
    event.respondWith(networkFirst(request, SHELL_CACHE, shellKey(url), 0));
  }
});

// Pages ask "is the API up?" before personal calls (basket, checkout) so that, during an outage,
// they can say so at once instead of firing requests that can only fail. The probe is a cheap
// catalogue read, never cached on the way.
self.addEventListener('message', (event) => {
  if (event.data?.type !== 'api-status' || !event.ports[0]) return;
  event.waitUntil(
    (async () => {
      let up;
      try {
        const response = await withTimeout(fetch('/api/categories', { cache: 'no-store' }));
        up = response.status < 500;
      } catch (error) {
        up = false;
      }
      event.ports[0].postMessage({ up });
    })(),
  );
});

function shellKey(url) {
  return url.pathname;
}

function withTimeout(promise) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('network timeout')), NETWORK_TIMEOUT_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function networkFirst(request, cacheName, key, maxEntries) {
  let failed = null;
  try {
    const response = await withTimeout(fetch(request));
    if (response.status < 500) {
      if (response.ok && response.type === 'basic') {
        const copy = response.clone();
        const cache = await caches.open(cacheName);
        await cache.put(key, copy);
        if (maxEntries > 0) await trim(cache, maxEntries);
      }
      return response;
    }
    failed = response;
  } catch (error) {
    failed = null;
  }
  const cached = await caches.match(key, { cacheName });
  if (cached) return stale(cached);
  return failed ?? unavailable(request);
}

async function networkOnly(request) {
  try {
    return await withTimeout(fetch(request));
  } catch (error) {
    return unavailable(request);
  }
}

async function cacheFirst(request, cacheName, maxEntries) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) return cached;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') {
      await cache.put(request, response.clone());
      await trim(cache, maxEntries);
    }
    return response;
  } catch (error) {
    return caches.match('/img/placeholder.svg', { cacheName: SHELL_CACHE }).then((r) => r ?? Response.error());
  }
}

// The oldest entries go first: keys() lists them in insertion order.
async function trim(cache, maxEntries) {
  const keys = await cache.keys();
  for (let i = 0; i < keys.length - maxEntries; i++) await cache.delete(keys[i]);
}

function stale(response) {
  const headers = new Headers(response.headers);
  headers.set('X-SJ-Cache', 'stale');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function unavailable(request) {
  if (request.mode === 'navigate') {
    return new Response(
      '<!doctype html><html lang="en-GB"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
        '<title>Temporarily unavailable · Silver Jems</title><link rel="stylesheet" href="/css/site.css">' +
        '<main><h1>Silver Jems is temporarily unavailable</h1><p>Please try again in a few minutes. <a href="/">Back to the shop</a></p></main>',
      { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8', 'X-SJ-Offline': '1' } },
    );
  }
  return new Response(
    JSON.stringify({
      type: 'about:blank',
      title: 'Temporarily unavailable',
      status: 503,
      detail: 'The shop cannot be reached right now. Please try again in a few minutes.',
    }),
    { status: 503, headers: { 'Content-Type': 'application/problem+json', 'X-SJ-Offline': '1' } },
  );
}
