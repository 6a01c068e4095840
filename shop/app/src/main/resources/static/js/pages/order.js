// One order: what was bought, where it goes, and where it is in its journey. Right after checkout
// it waits for the payment provider's confirmation (which only the server-side webhook can give).
import { ApiProblem } from '../api.js';
import { h, notice, param, render } from '../dom.js';
import { money, when } from '../format.js';
import { errorNotice, heading, storefrontPage } from '../layout.js';
import { JOURNEY, LAST_ORDER, myOrder, statusBadge, STATUS_TEXT } from '../orders.js';
import { accountHint } from '../store.js';

const POLL_MS = 2000;
const POLL_FOR_MS = 60000;

function lastPlaced(number) {
  try {
    const order = JSON.parse(sessionStorage.getItem(LAST_ORDER));
    return order?.number === number ? order : null;
  } catch {
    return null;
  }
}

function journey(status) {
  const code = String(status).toLowerCase();
  if (!JOURNEY.includes(code)) return h('p', {}, statusBadge(code));
  const reached = JOURNEY.indexOf(code);
  return h(
    'ol',
    { class: 'timeline', 'aria-label': 'Order progress' },
    JOURNEY.map((step, i) => h('li', { 'aria-current': i === reached ? 'step' : null, class: i <= reached ? 'done' : 'todo' }, i <= reached ? h('strong', {}, STATUS_TEXT[step]) : STATUS_TEXT[step])),
  );
}

function view(order, placed) {
  const address = order.shippingAddress ?? {};
  return [
    placed ? notice('ok', h('strong', {}, 'Thank you! '), `Your order ${order.number} is placed. We have emailed ${order.email} a confirmation.`) : null,
    h('p', {}, 'Status: ', h('span', { id: 'order-status' }, statusBadge(order.status))),
    journey(order.status),
    order.shipment?.trackingUrl ? h('p', {}, `Sent with ${order.shipment.carrier}: `, h('a', { href: order.shipment.trackingUrl, rel: 'noopener noreferrer' }, `track parcel ${order.shipment.trackingNumber}`)) : null,
    h('h2', {}, 'Items'),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { id: 'order-lines' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Item'), h('th', { scope: 'col' }, 'Quantity'), h('th', { scope: 'col' }, 'Price'))),
        h('tbody', {}, (order.lines ?? []).map((l) => h('tr', {}, h('td', {}, l.productName, l.size ? ` (size ${l.size})` : ''), h('td', {}, String(l.quantity)), h('td', {}, money(l.unitPriceMinor * l.quantity, order.currency))))),
        h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', colspan: 2 }, 'Total'), h('td', {}, money(order.totalMinor, order.currency)))),
      ),
    ),
    h('h2', {}, 'Delivery'),
    h('address', {}, [address.name, address.line1, address.line2, address.city, address.postcode, address.country].filter(Boolean).flatMap((part) => [part, h('br')])),
    h('p', { class: 'field__hint' }, `Placed ${when(order.placedAt)}`),
  ];
}

storefrontPage({
  title: 'Your order',
  build: async (content) => {
    const number = param('number');
    const placed = param('placed') === '1';
    heading(`Order ${number ?? ''}`.trim());
    const saved = lastPlaced(number);
    if (!accountHint()) {
      // A guest sees the order they just placed; anything later comes by email.
      if (saved) render(content, view(saved, placed), h('p', {}, h('a', { href: '/signup.html' }, 'Create an account'), ' to follow your orders here.'));
      else render(content, notice('info', 'Sign in to see your orders. ', h('a', { href: `/signin.html?next=${encodeURIComponent(location.pathname + location.search)}` }, 'Sign in')));
      return;
    }
    const started = Date.now();
    const show = async () => {
      let order;
      try {
        order = await myOrder(number);
      } catch (error) {
        if (saved && error instanceof ApiProblem) order = saved;
        else return render(content, errorNotice(error));
      }
      render(content, view(order, placed));
      // Payment is confirmed by the provider's webhook, not the browser: watch for it for a while.
      if (String(order.status).toLowerCase() === 'placed' && Date.now() - started < POLL_FOR_MS) setTimeout(show, POLL_MS);
    };
    await show();
  },
});
