// A shopper's orders and how an order's status reads to them.
import { api } from './api.js';
import { h } from './dom.js';

/** Session storage key of the order just placed (guests see it without an account). */
export const LAST_ORDER = 'sj.lastOrder';

export const STATUS_TEXT = {
  placed: 'Awaiting payment',
  paid: 'Paid: being made ready',
  packed: 'Packed',
  shipped: 'On its way',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
};

export const JOURNEY = ['placed', 'paid', 'packed', 'shipped', 'delivered'];

export function myOrders(page = 0, size = 20) {
  return api.get(`/api/orders?page=${page}&size=${size}`);
}

export function myOrder(number) {
  return api.get(`/api/orders/${encodeURIComponent(number)}`);
}

export function statusBadge(status) {
  const code = String(status ?? '').toLowerCase();
  return h('span', { class: `status status--${code}`, dataset: { status: code } }, STATUS_TEXT[code] ?? code);
}

export function orderHref(number) {
  return `/order?number=${encodeURIComponent(number)}`;
}
