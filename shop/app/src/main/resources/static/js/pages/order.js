// One order: what was bought, where it goes, and where it is in its journey. Right after checkout
// it waits for the payment provider's confirmation (which only the server-side webhook can give).
import { api, ApiProblem } from '../api.js';
import { h, notice, param, render, scrollBox } from '../dom.js';
import { money, when } from '../format.js';
import { errorNotice, heading, storefrontPage } from '../layout.js';
import { JOURNEY, LAST_ORDER, myOrder, statusBadge, STATUS_TEXT } from '../orders.js';
import { currentAccount } from '../auth.js';

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

// The local run's payment provider has a "pay" call standing in for the provider's payment page;
// either way the order only becomes paid when the provider's signed webhook reaches the shop.
function paymentStep(order, payment, onPaid) {
  if (String(order.status).toLowerCase() !== 'placed' || !payment) return null;
  if (payment.provider !== 'local') {
    return notice('info', h('strong', {}, 'Payment pending. '), 'We will confirm your order by email as soon as your payment goes through.');
  }
  const message = h('div', { 'aria-live': 'assertive' });
  const pay = h('button', { type: 'button', class: 'button', id: 'pay-now' }, `Pay ${money(order.totalMinor, order.currency)}`);
  pay.addEventListener('click', async () => {
    pay.disabled = true;
    try {
      await api.post(`/api/payments/local/intents/${encodeURIComponent(payment.intentId)}/pay`, {});
      onPaid();
    } catch (error) {
      pay.disabled = false;
      render(message, errorNotice(error, 'Payment is temporarily unavailable. Nothing has been charged; please try again in a few minutes.'));
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'pay-title' }, h('h2', { id: 'pay-title' }, 'Payment'), h('p', {}, 'Test payment (local run): no card needed.'), pay, message);
}

function view(order, placed, payment = null, onPaid = () => {}) {
  const address = order.shippingAddress ?? {};
  return [
    placed ? notice('ok', h('strong', {}, 'Thank you! '), `Your order ${order.number} is placed. We have emailed ${order.email} a confirmation.`) : null,
    paymentStep(order, payment, onPaid),
    h('p', {}, 'Status: ', h('span', { id: 'order-status' }, statusBadge(order.status))),
    journey(order.status),
    order.shipment?.trackingUrl ? h('p', {}, `Sent with ${order.shipment.carrier}: `, h('a', { href: order.shipment.trackingUrl, rel: 'noopener noreferrer' }, `track parcel ${order.shipment.trackingNumber}`)) : null,
    h('h2', {}, 'Items'),
    h(
      'div',
      scrollBox('Items'),
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
    const payment = saved?.payment ?? null;
    if (!(await currentAccount())) {
      // A guest sees the order they just placed; anything later comes by email.
      const guestView = (order) => render(content, view(order, placed, payment, () => guestView({ ...order, status: 'paid' })), h('p', {}, h('a', { href: '/sign-up' }, 'Create an account'), ' to follow your orders here.'));
      if (saved) guestView(saved);
      else render(content, notice('info', 'Sign in to see your orders. ', h('a', { href: `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}` }, 'Sign in')));
      return;
    }
    let started = Date.now();
    let shown = null;
    // Payment is confirmed by the provider's webhook, not the browser: watch for it for a while
    // (only once the shopper has paid, so the pay button is not redrawn under their finger).
    let watching = payment?.provider !== 'local';
    const show = async () => {
      let order;
      try {
        order = await myOrder(number);
      } catch (error) {
        if (saved && error instanceof ApiProblem) order = saved;
        else return render(content, errorNotice(error));
      }
      const status = String(order.status).toLowerCase();
      if (status !== shown) {
        shown = status;
        render(content, view(order, placed, payment, () => {
          watching = true;
          started = Date.now();
          show();
        }));
      }
      if (watching && status === 'placed' && Date.now() - started < POLL_FOR_MS) setTimeout(show, POLL_MS);
    };
    await show();
  },
});
