// Checkout: delivery details, then one POST with an Idempotency-Key. The key is kept for as long as
// the shopper retries the very same order (a timeout, a lost connection, a double click), so the
// order can never be placed twice; change anything in the form and the next attempt gets a new key.
import { api, ApiProblem, ApiUnavailable, newIdempotencyKey } from '../api.js';
import { cartId, forgetCart, getCart, lines } from '../cart.js';
import { field, formValues, h, notice, render, showFieldErrors, whileBusy } from '../dom.js';
import { money } from '../format.js';
import { showDegradedBanner, storefrontPage } from '../layout.js';
import { currentAccount } from '../auth.js';
import { LAST_ORDER } from '../orders.js';

const ATTEMPT = 'sj.checkoutAttempt';

const COUNTRIES = [
  ['GB', 'United Kingdom'],
  ['IE', 'Ireland'],
  ['FR', 'France'],
  ['DE', 'Germany'],
  ['NL', 'Netherlands'],
  ['US', 'United States'],
];

function unavailable(content) {
  showDegradedBanner();
  render(
    content,
    h(
      'div',
      { class: 'notice notice--degraded', role: 'alert', id: 'checkout-unavailable' },
      h('h2', {}, 'Checkout is temporarily unavailable'),
      h('p', {}, 'We cannot take orders right now because our shop system is not reachable. Nothing has been charged. Your basket is saved: please try again in a few minutes.'),
      h('p', {}, h('a', { href: '/' }, 'Keep browsing')),
    ),
  );
}

/** The idempotency key for this exact order body: reused on retry, renewed when the body changes. */
function keyFor(body) {
  const fingerprint = JSON.stringify(body);
  try {
    const saved = JSON.parse(sessionStorage.getItem(ATTEMPT));
    if (saved?.fingerprint === fingerprint) return saved.key;
  } catch {
    // a corrupt entry just means a fresh key
  }
  const key = newIdempotencyKey();
  sessionStorage.setItem(ATTEMPT, JSON.stringify({ fingerprint, key }));
  return key;
}

function text(name, label, attrs = {}, options = {}) {
  return field(label, h('input', { type: 'text', name, id: `checkout-${name}`, ...attrs }), { name, ...options });
}

function orderSummary(cart) {
  return h(
    'aside',
    { class: 'summary', 'aria-label': 'Your order' },
    h('h2', {}, 'Your order'),
    lines(cart).map((line) =>
      h('div', { class: 'summary__row' }, h('span', {}, `${line.quantity} × ${line.productName}${line.size ? ` (size ${line.size})` : ''}`), h('span', {}, money((line.currentPriceMinor ?? line.unitPriceMinor) * line.quantity, line.currency))),
    ),
    h('div', { class: 'summary__row' }, h('span', {}, 'UK delivery'), h('span', {}, 'Free')),
    h('div', { class: 'summary__row summary__total' }, h('span', {}, 'Total'), h('span', { id: 'checkout-total' }, money(cart.totalMinor, cart.currency))),
  );
}

storefrontPage({
  title: 'Checkout',
  build: async (content) => {
    let cart;
    try {
      cart = await getCart();
    } catch (error) {
      if (error instanceof ApiUnavailable) return unavailable(content);
      throw error;
    }
    if (lines(cart).length === 0) {
      render(content, h('p', { class: 'empty' }, 'Your basket is empty. ', h('a', { href: '/' }, 'Find something you love')));
      return;
    }
    const account = await currentAccount();
    const message = h('div', { 'aria-live': 'assertive' });
    const form = h(
      'form',
      { class: 'form', id: 'checkout-form', novalidate: true },
      h(
        'fieldset',
        { class: 'form' },
        h('legend', {}, h('h2', {}, 'Contact')),
        account
          ? h('p', {}, `Signed in as ${account.email}. Your order will be in your account.`)
          : h('p', { id: 'checkout-sign-in' }, h('a', { href: '/sign-in?next=%2Fcheckout' }, 'Sign in'), ' or ', h('a', { href: '/sign-up?next=%2Fcheckout' }, 'create an account'), ' to follow your order online, or simply continue as a guest.'),
        field('Email', h('input', { type: 'email', name: 'email', id: 'checkout-email', autocomplete: 'email', required: true, value: account?.email ?? '' }), { hint: 'For your order confirmation and delivery updates.' }),
      ),
      h(
        'fieldset',
        { class: 'form' },
        h('legend', {}, h('h2', {}, 'Delivery address')),
        text('name', 'Full name', { autocomplete: 'name', required: true, value: account?.displayName ?? '' }),
        text('line1', 'Address line 1', { autocomplete: 'address-line1', required: true }),
        text('line2', 'Address line 2 (optional)', { autocomplete: 'address-line2' }),
        text('city', 'Town or city', { autocomplete: 'address-level2', required: true }),
        text('postcode', 'Postcode', { autocomplete: 'postal-code', required: true }),
        field('Country', h('select', { name: 'country', id: 'checkout-country', autocomplete: 'country' }, COUNTRIES.map(([code, name]) => h('option', { value: code }, name))), { name: 'country' }),
      ),
      message,
      h('button', { type: 'submit', class: 'button button--block', id: 'place-order' }, `Place order · ${money(cart.totalMinor, cart.currency)}`),
      h('p', { class: 'field__hint' }, 'You pay securely on the next step. Your order is only confirmed once payment succeeds.'),
    );

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = formValues(form);
      const missing = ['email', 'name', 'line1', 'city', 'postcode']
        .filter((name) => !values[name])
        .map((name) => ({ field: name, message: 'Please fill this in.' }));
      if (missing.length) {
        showFieldErrors(form, { fieldErrors: missing });
        return;
      }
      showFieldErrors(form, { fieldErrors: [] });
      const body = {
        cartId: cartId(),
        email: values.email,
        name: values.name,
        shippingAddress: { name: values.name, line1: values.line1, line2: values.line2 || null, city: values.city, postcode: values.postcode, country: values.country },
      };
      whileBusy(form, async () => {
        render(message);
        try {
          const placed = await api.post('/api/checkout', body, { headers: { 'Idempotency-Key': keyFor(body) } });
          const order = placed.order ?? placed;
          sessionStorage.removeItem(ATTEMPT);
          sessionStorage.setItem(LAST_ORDER, JSON.stringify({ ...order, payment: placed.payment ?? null }));
          forgetCart();
          location.assign(`/order?number=${encodeURIComponent(order.number)}&placed=1`);
        } catch (error) {
          if (error instanceof ApiUnavailable) {
            showDegradedBanner();
            render(message, notice('degraded', h('strong', {}, 'Checkout is temporarily unavailable. '), 'We could not confirm your order. Please try again in a few minutes: pressing the button again will never place it twice.'));
          } else if (error instanceof ApiProblem) {
            if (!showFieldErrors(form, error)) render(message, notice('error', h('strong', {}, `${error.title}. `), error.problem.detail ?? ''));
            else render(message, notice('error', 'Please check the highlighted fields.'));
          } else {
            throw error;
          }
        }
      });
    });

    render(content, h('div', { class: 'two-columns' }, form, orderSummary(cart)));
  },
});
