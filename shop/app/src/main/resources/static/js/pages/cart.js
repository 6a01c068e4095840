// The basket: quantities, removal, price changes since adding, how long stock is held.
import { ApiProblem, ApiUnavailable } from '../api.js';
import { getCart, lines, removeLine, setQuantity } from '../cart.js';
import { h, notice, render } from '../dom.js';
import { money } from '../format.js';
import { errorNotice, showDegradedBanner, storefrontPage } from '../layout.js';
import { productHref } from '../catalog.js';

const MAX_QUANTITY = 20;
const timeOnly = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

// The last piece is held only briefly (checking out keeps it); a hold that ran out says so.
function holdView(line) {
  const until = line.reservedUntil ? timeOnly.format(new Date(line.reservedUntil)) : null;
  if (line.hold === 'last-piece') {
    return h('p', { class: 'stock stock--low' }, `Last one: held for you until ${until}. Check out by then to keep it.`);
  }
  if (line.hold === 'not-held') {
    return h('p', { class: 'stock stock--low' }, 'No longer held for you: someone else may buy it first.');
  }
  return until ? h('p', { class: 'stock' }, `Held for you until ${until}`) : null;
}

function lineView(line, onChange, message) {
  const quantity = h(
    'select',
    { name: 'quantity', id: `qty-${line.sku}`, 'aria-label': `Quantity of ${line.productName}${line.size ? `, size ${line.size}` : ''}` },
    Array.from({ length: Math.max(MAX_QUANTITY, line.quantity) }, (_, i) => h('option', { value: i + 1, selected: i + 1 === line.quantity }, String(i + 1))),
  );
  quantity.addEventListener('change', () => onChange(() => setQuantity(line.sku, Number(quantity.value))));
  const priceChanged = line.currentPriceMinor !== undefined && line.currentPriceMinor !== line.unitPriceMinor;
  return h(
    'li',
    { class: 'cart-line', dataset: { sku: line.sku } },
    h('div', { class: 'cart-line__image' }, h('img', { src: '/img/placeholder.svg', alt: '', width: 72, height: 72 })),
    h(
      'div',
      {},
      h('a', { href: productHref(line.productSlug), class: 'product-card__name' }, line.productName),
      line.size ? h('p', { class: 'stock' }, `Size ${line.size}`) : null,
      h('p', { class: 'price' }, money((line.currentPriceMinor ?? line.unitPriceMinor) * line.quantity, line.currency)),
      priceChanged ? h('p', { class: 'stock stock--low' }, `Price changed from ${money(line.unitPriceMinor, line.currency)} to ${money(line.currentPriceMinor, line.currency)} each`) : null,
      holdView(line),
      h(
        'div',
        { class: 'cart-line__actions' },
        h('div', { class: 'field' }, h('label', { for: quantity.id }, 'Quantity'), quantity),
        h('button', { type: 'button', class: 'button button--secondary button--small', on: { click: () => onChange(() => removeLine(line.sku)) } }, 'Remove', h('span', { class: 'visually-hidden' }, ` ${line.productName}`)),
      ),
      message,
    ),
  );
}

function summary(cart) {
  const count = lines(cart).reduce((n, l) => n + l.quantity, 0);
  return h(
    'aside',
    { class: 'summary', 'aria-label': 'Order summary' },
    h('h2', {}, 'Summary'),
    h('div', { class: 'summary__row' }, h('span', {}, `Items (${count})`), h('span', {}, money(cart.totalMinor, cart.currency))),
    h('div', { class: 'summary__row' }, h('span', {}, 'UK delivery'), h('span', {}, 'Free')),
    h('div', { class: 'summary__row summary__total' }, h('span', {}, 'Total'), h('span', { id: 'cart-total' }, money(cart.totalMinor, cart.currency))),
    h('a', { class: 'button button--block', href: '/checkout', id: 'checkout-link' }, 'Checkout'),
  );
}

storefrontPage({
  title: 'Your basket',
  build: async (content) => {
    const messages = h('div', { 'aria-live': 'polite' });
    const draw = (cart) => {
      if (lines(cart).length === 0) {
        render(content, messages, h('p', { class: 'empty' }, 'Your basket is empty. ', h('a', { href: '/' }, 'Find something you love')));
        return;
      }
      render(
        content,
        messages,
        h('div', { class: 'two-columns' }, h('ul', { class: 'cart-lines', 'aria-label': 'Items in your basket' }, lines(cart).map((line) => lineView(line, change))), summary(cart)),
      );
    };
    const change = async (action) => {
      try {
        render(messages);
        draw(await action());
      } catch (error) {
        if (error instanceof ApiUnavailable) showDegradedBanner();
        render(messages, error instanceof ApiProblem ? notice('error', error.message) : errorNotice(error, 'Your basket cannot be changed right now. Please try again in a few minutes.'));
      }
    };
    try {
      draw(await getCart());
    } catch (error) {
      render(content, errorNotice(error, 'Your basket is temporarily unavailable. It is saved, so please come back in a few minutes.'));
    }
  },
});
