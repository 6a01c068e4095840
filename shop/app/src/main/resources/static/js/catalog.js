// Catalogue reads and the product card every listing shows. All GETs, so the service worker can
// answer them from its saved copy while the API is down.
import { api } from './api.js';
import { h } from './dom.js';
import { money } from './format.js';
import { picture, primaryImage } from './images.js';

export const LISTING_SIZES = '(min-width: 60rem) 18rem, (min-width: 40rem) 30vw, 46vw';

// Catalogue responses carry an ETag and max-age for CloudFront; the browser revalidates every
// time ('no-cache': a cheap 304 when nothing changed) so a shopper never sees yesterday's price.
const REVALIDATE = { cache: 'no-cache' };

/**
 * One page of products, filtered and sorted by the API: { items, page, size, totalItems }.
 * Filters: q, inStock, minPrice / maxPrice (minor units), sort, page.
 */
export function products({ category, page = 0, ...filters } = {}) {
  const query = new URLSearchParams();
  if (category) query.set('category', category);
  for (const [name, value] of Object.entries(filters)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) query.set(name, String(value));
  }
  query.set('page', String(page));
  return api.get(`/api/products?${query}`, REVALIDATE);
}

export function product(slug) {
  return api.get(`/api/products/${encodeURIComponent(slug)}`, REVALIDATE);
}

export function productHref(slug) {
  return `/product?slug=${encodeURIComponent(slug)}`;
}

/** The lowest price a listing item can be bought at. */
export function priceFrom(item) {
  return item.priceFromMinor ?? item.priceMinor ?? item.price?.amountMinor ?? 0;
}

export function productCard(item) {
  const from = priceFrom(item);
  const stock = item.inStock === false ? h('span', { class: 'stock stock--out' }, 'Sold out') : h('span', { class: 'stock' }, 'In stock');
  return h(
    'li',
    { class: 'product-card', dataset: { slug: item.slug } },
    h(
      'a',
      { href: productHref(item.slug) },
      h('div', { class: 'product-card__image' }, picture(primaryImage(item), { alt: '', sizes: LISTING_SIZES })),
      h(
        'div',
        { class: 'product-card__body' },
        h('span', { class: 'product-card__name' }, item.name),
        h('span', { class: 'price' }, `From ${money(from, item.currency)}`),
        stock,
      ),
    ),
  );
}
