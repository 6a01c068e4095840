// The shopper's basket lives on the server (it survives devices and sign-in); these calls are
// never cached by the service worker.
import { api } from './api.js';
import { rememberCartCount } from './store.js';

function remember(cart) {
  rememberCartCount(itemCount(cart));
  return cart;
}

export function itemCount(cart) {
  return (cart?.lines ?? cart?.items ?? []).reduce((n, line) => n + Number(line.quantity ?? 1), 0);
}

export function lines(cart) {
  return cart?.lines ?? cart?.items ?? [];
}

export async function getCart() {
  return remember(await api.get('/api/cart'));
}

export async function addToCart(variant, quantity = 1) {
  return remember(await api.post('/api/cart/items', { sku: variant.sku, variantId: variant.id, quantity }));
}

export async function setQuantity(line, quantity) {
  return remember(await api.put(`/api/cart/items/${encodeURIComponent(lineId(line))}`, { quantity }));
}

export async function removeLine(line) {
  return remember(await api.delete(`/api/cart/items/${encodeURIComponent(lineId(line))}`));
}

export function lineId(line) {
  return line.id ?? line.lineId ?? line.sku;
}
