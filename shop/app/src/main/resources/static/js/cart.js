// The shopper's basket lives on the server (stock is held for it for a while); the browser only
// remembers the basket's id. Nothing here is ever answered from the service worker's cache.
import { api, ApiProblem, requireApi } from './api.js';
import { rememberCartCount } from './store.js';

const CART_ID = 'sj.cartId';

function remember(cart) {
  if (cart?.id) localStorage.setItem(CART_ID, cart.id);
  rememberCartCount(itemCount(cart));
  return cart;
}

export function cartId() {
  return localStorage.getItem(CART_ID);
}

export function forgetCart() {
  localStorage.removeItem(CART_ID);
  rememberCartCount(0);
}

export function itemCount(cart) {
  return lines(cart).reduce((n, line) => n + Number(line.quantity ?? 1), 0);
}

export function lines(cart) {
  return cart?.items ?? cart?.lines ?? [];
}

const EMPTY = Object.freeze({ id: null, status: 'open', items: [], totalMinor: 0, currency: 'GBP' });

async function openCart() {
  return remember(await api.post('/api/cart', {}));
}

/** The current basket, or an empty one when the shopper has none yet (no request then). */
export async function getCart() {
  const id = cartId();
  if (!id) return EMPTY;
  await requireApi();
  try {
    const cart = await api.get(`/api/cart/${encodeURIComponent(id)}`);
    // A basket that became an order (or expired) is finished: the next add starts a new one.
    if (cart.status && cart.status !== 'open') {
      forgetCart();
      return EMPTY;
    }
    return remember(cart);
  } catch (error) {
    if (error instanceof ApiProblem && (error.status === 404 || error.status === 410)) {
      forgetCart();
      return EMPTY;
    }
    throw error;
  }
}

async function withCart(change) {
  await requireApi();
  let id = cartId();
  if (!id) id = (await openCart()).id;
  try {
    return remember(await change(id));
  } catch (error) {
    if (error instanceof ApiProblem && (error.status === 404 || error.status === 410 || error.problem?.type?.endsWith('cart-not-open'))) {
      forgetCart();
      return remember(await change((await openCart()).id));
    }
    throw error;
  }
}

/** Sets how many of a variant (by SKU) the basket holds. */
export function setQuantity(sku, quantity) {
  return withCart((id) => api.put(`/api/cart/${encodeURIComponent(id)}/items/${encodeURIComponent(sku)}`, { quantity }));
}

/** Adds one more of a variant to whatever the basket already holds. */
export async function addToCart(variant, quantity = 1) {
  await requireApi();
  const current = cartId() ? await getCart() : EMPTY;
  const line = lines(current).find((l) => l.sku === variant.sku);
  return setQuantity(variant.sku, (line?.quantity ?? 0) + quantity);
}

export function removeLine(sku) {
  return withCart((id) => api.delete(`/api/cart/${encodeURIComponent(id)}/items/${encodeURIComponent(sku)}`));
}

/**
 * After sign-in: folds the anonymous basket into the shopper's own, or (on a new device) picks up
 * the basket the shopper left open elsewhere.
 */
export async function mergeAfterSignIn() {
  const id = cartId();
  if (!id) return openCart();
  try {
    return remember(await api.post(`/api/cart/${encodeURIComponent(id)}/merge`, {}));
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) {
      forgetCart();
      return null;
    }
    throw error;
  }
}
