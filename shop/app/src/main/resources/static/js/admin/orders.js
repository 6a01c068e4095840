// Orders: the queue by status, and one order with its history and the moves it may make next.
import { api, ApiProblem } from '../api.js';
import { field, formValues, h, notice, param, render, scrollBox, whileBusy } from '../dom.js';
import { money, when, words } from '../format.js';
import { adminError, adminPage } from './layout.js';

const STATUSES = ['placed', 'paid', 'packed', 'shipped', 'delivered', 'cancelled', 'refunded'];

// The moves the transitions API accepts; the page only offers legal moves. Refunded is not one of
// them: an order becomes refunded when the provider confirms a refund (the Refunds section).
const NEXT = {
  placed: ['paid', 'cancelled'],
  paid: ['packed'],
  packed: ['shipped'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
  refunded: [],
};

const ACTION = { paid: 'Mark paid', packed: 'Mark packed', shipped: 'Mark shipped', delivered: 'Mark delivered', cancelled: 'Cancel order' };

function badge(status) {
  return h('span', { class: `status status--${status}`, dataset: { status } }, words(status));
}

// How long a placed order waits for its payment, in words: 1800 -> "30 minutes".
function duration(seconds) {
  const parts = [[Math.floor(seconds / 86400), 'day'], [Math.floor((seconds % 86400) / 3600), 'hour'], [Math.floor((seconds % 3600) / 60), 'minute'], [seconds % 60, 'second']];
  return parts.filter(([n]) => n > 0).map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`).join(' ') || '0 seconds';
}

// Read-only: a deploy-time setting that every replica's expiry job reads from its configuration.
function expirySetting(settings) {
  return h('p', { id: 'unpaid-ttl', class: 'notice notice--info' }, `Unpaid orders are cancelled and their stock released ${duration(settings.unpaidTtlSeconds)} after they are placed. Set at deploy time: `, h('code', {}, settings.property), '.');
}

function list(content, orders, status, settings) {
  const filter = h('select', { id: 'status-filter', name: 'status' }, h('option', { value: '' }, 'All'), STATUSES.map((s) => h('option', { value: s, selected: s === status }, words(s))));
  filter.addEventListener('change', () => location.assign(filter.value ? `/admin/orders?status=${filter.value}` : '/admin/orders'));
  render(
    content,
    h('div', { class: 'toolbar' }, h('div', { class: 'field' }, h('label', { for: 'status-filter' }, 'Status'), filter)),
    expirySetting(settings),
    orders.length === 0
      ? h('p', { class: 'empty' }, 'No orders here.')
      : h(
          'div',
          scrollBox('Orders'),
          h(
            'table',
            { id: 'admin-orders' },
            h('caption', { class: 'visually-hidden' }, 'Orders, newest first'),
            h('thead', {}, h('tr', {}, ['Order', 'Placed', 'Customer', 'Items', 'Total', 'Status'].map((t) => h('th', { scope: 'col' }, t)))),
            h(
              'tbody',
              {},
              orders.map((o) =>
                h(
                  'tr',
                  { dataset: { number: o.number } },
                  h('th', { scope: 'row' }, h('a', { href: `/admin/orders?number=${encodeURIComponent(o.number)}` }, o.number)),
                  h('td', {}, when(o.placedAt)),
                  h('td', {}, o.name, h('br'), h('span', { class: 'stock' }, o.email)),
                  h('td', {}, String((o.lines ?? []).reduce((n, l) => n + l.quantity, 0))),
                  h('td', {}, money(o.totalMinor, o.currency)),
                  h('td', {}, badge(o.status)),
                ),
              ),
            ),
          ),
        ),
  );
}

function transitionForm(order, onDone) {
  const message = h('div', { 'aria-live': 'assertive' });
  const next = NEXT[order.status] ?? [];
  if (next.length === 0) {
    return h('p', {}, REFUNDABLE.includes(order.status) ? 'Delivered: no further moves. A refund goes through the Refunds section.' : 'This order is finished: no further changes.');
  }
  const target = h('select', { name: 'status', id: 'transition-status' }, next.map((s) => h('option', { value: s }, ACTION[s] ?? words(s))));
  const shipping = h(
    'fieldset',
    { class: 'form', id: 'shipment-fields' },
    h('legend', {}, 'Shipment'),
    field('Carrier', h('input', { type: 'text', name: 'carrier', id: 'ship-carrier', value: 'Royal Mail' })),
    field('Tracking number', h('input', { type: 'text', name: 'trackingNumber', id: 'ship-tracking' })),
    field('Tracking link', h('input', { type: 'text', name: 'trackingUrl', id: 'ship-url', inputmode: 'url', placeholder: 'https://' })),
  );
  const syncShipping = () => {
    shipping.hidden = target.value !== 'shipped';
    for (const input of shipping.querySelectorAll('input')) input.disabled = shipping.hidden;
  };
  target.addEventListener('change', syncShipping);
  const form = h(
    'form',
    { class: 'form', id: 'transition-form', novalidate: true },
    field('Next step', target),
    shipping,
    field('Note for the history (optional)', h('input', { type: 'text', name: 'reason', id: 'transition-reason', maxlength: 500 })),
    message,
    h('button', { type: 'submit', class: 'button' }, 'Apply'),
  );
  syncShipping();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = formValues(form);
    const body = { status: values.status, reason: values.reason || null, carrier: values.carrier || null, trackingNumber: values.trackingNumber || null, trackingUrl: values.trackingUrl || null };
    whileBusy(form, async () => {
      try {
        onDone(await api.post(`/api/admin/orders/${encodeURIComponent(order.number)}/transitions`, body));
      } catch (error) {
        render(message, error instanceof ApiProblem ? notice('error', h('strong', {}, `${error.title}. `), error.problem.detail ?? '') : adminError(error));
      }
    });
  });
  return form;
}

// Refunds through the payment provider: the whole remainder, or chosen quantities per line. One
// Idempotency-Key per form submission, so a double click is one refund.
const REFUNDABLE = ['paid', 'packed', 'shipped', 'delivered'];

function refundSection(order, refunds, onDone) {
  const message = h('div', { 'aria-live': 'assertive' });
  const rows = (refunds ?? []).map((r) =>
    h('tr', { 'data-refund': r.id },
      h('td', {}, when(r.createdAt)),
      h('td', {}, money(r.amountMinor, r.currency)),
      h('td', {}, r.fullRefund ? 'Whole order' : r.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ')),
      h('td', { class: 'refund-status' }, r.status === 'failed' ? `declined: ${r.failureReason ?? 'no reason given'}` : words(r.status))));
  const table = rows.length
    ? h('table', { class: 'table', id: 'order-refunds' },
        h('caption', {}, 'Refunds of this order'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Asked'), h('th', { scope: 'col' }, 'Amount'), h('th', { scope: 'col' }, 'What'), h('th', { scope: 'col' }, 'State'))),
        h('tbody', {}, rows))
    : h('p', {}, 'No refunds yet.');
  if (!REFUNDABLE.includes(order.status)) return h('div', {}, table);
  const scope = h('select', { name: 'scope', id: 'refund-scope' }, h('option', { value: 'full' }, 'Refund what is left of the order'), h('option', { value: 'lines' }, 'Refund chosen lines'));
  const lines = h('fieldset', { class: 'form', id: 'refund-lines' }, h('legend', {}, 'Quantities to refund'),
    (order.lines ?? []).map((l, i) => field(`${l.productName}${l.size ? ` (${l.size})` : ''}, ${l.sku}`, h('input', { type: 'number', min: 0, max: l.quantity, value: 0, name: `qty-${i}`, id: `refund-qty-${i}`, 'data-sku': l.sku }))));
  const sync = () => {
    lines.hidden = scope.value !== 'lines';
    for (const input of lines.querySelectorAll('input')) input.disabled = lines.hidden;
  };
  scope.addEventListener('change', sync);
  const form = h('form', { class: 'form', id: 'refund-form', novalidate: true },
    field('Refund', scope), lines,
    field('Reason (optional)', h('input', { type: 'text', name: 'reason', id: 'refund-reason', maxlength: 500 })),
    message, h('button', { type: 'submit', class: 'button' }, 'Refund through the card provider'));
  sync();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = scope.value === 'lines'
      ? [...lines.querySelectorAll('input')].map((i) => ({ sku: i.dataset.sku, quantity: Number(i.value) })).filter((l) => l.quantity > 0)
      : [];
    const key = crypto.randomUUID();
    whileBusy(form, async () => {
      try {
        await api.post(`/api/admin/orders/${encodeURIComponent(order.number)}/refunds`, { lines: chosen, reason: formValues(form).reason || null }, { headers: { 'Idempotency-Key': key } });
        await onDone();
      } catch (error) {
        render(message, error instanceof ApiProblem ? notice('error', h('strong', {}, `${error.title}. `), error.problem.detail ?? '') : adminError(error));
      }
    });
  });
  return h('div', {}, table, form);
}

async function load(number) {
  const path = `/api/admin/orders/${encodeURIComponent(number)}`;
  return Promise.all([api.get(path), api.get(`${path}/refunds`)]);
}

function detail(content, data, refunds) {
  const { order, history } = data;
  const address = order.shippingAddress ?? {};
  document.getElementById('page-title').textContent = `Order ${order.number}`;
  render(
    content,
    h('p', {}, h('a', { href: '/admin/orders' }, 'All orders')),
    h(
      'div',
      { class: 'cards' },
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'order-summary' },
        h('h2', { id: 'order-summary' }, 'Summary'),
        h('p', {}, 'Status: ', h('span', { id: 'admin-order-status' }, badge(order.status))),
        h('p', {}, `${order.name} · `, h('a', { href: `mailto:${order.email}` }, order.email)),
        h('address', {}, [address.line1, address.line2, address.city, address.postcode, address.country].filter(Boolean).flatMap((p) => [p, h('br')])),
        h('ul', {}, (order.lines ?? []).map((l) => h('li', {}, `${l.quantity} × ${l.productName}${l.size ? ` (${l.size})` : ''} — ${money(l.unitPriceMinor * l.quantity, order.currency)}`))),
        h('p', { class: 'summary__total' }, `Total ${money(order.totalMinor, order.currency)}`),
        order.shipment ? h('p', {}, `Shipped with ${order.shipment.carrier}, tracking ${order.shipment.trackingNumber}`) : null,
      ),
      h('section', { class: 'card', 'aria-labelledby': 'order-next' }, h('h2', { id: 'order-next' }, 'Move the order on'), transitionForm(order, (updated) => detail(content, updated, refunds))),
    ),
    h('section', { 'aria-labelledby': 'order-refunds-title' }, h('h2', { id: 'order-refunds-title' }, 'Refunds'), refundSection(order, refunds, async () => detail(content, ...(await load(order.number))))),
    h(
      'section',
      { 'aria-labelledby': 'order-history' },
      h('h2', { id: 'order-history' }, 'History'),
      h('ol', { class: 'timeline', id: 'order-timeline' }, (history ?? []).map((c) => h('li', {}, h('strong', {}, c.from ? `${words(c.from)} → ${words(c.to)}` : words(c.to)), ` · ${when(c.at)} · ${c.actor}`, c.reason ? ` · “${c.reason}”` : ''))),
    ),
  );
}

adminPage({
  title: 'Orders',
  active: 'orders',
  build: async (content) => {
    const number = param('number');
    if (number) {
      detail(content, ...(await load(number)));
      return;
    }
    const status = param('status') ?? '';
    const query = new URLSearchParams({ page: '0', size: '100' });
    if (status) query.set('status', status);
    const [orders, settings] = await Promise.all([api.get(`/api/admin/orders?${query}`), api.get('/api/admin/settings/orders')]);
    list(content, orders, status, settings);
  },
});
