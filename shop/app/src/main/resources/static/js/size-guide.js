// Size guides shown in a <dialog> from the product page: UK ring letters and chain lengths.
import { h } from './dom.js';

// Inside diameter in millimetres for UK ring sizes (British Standard BS 6820); circumference is pi * d.
const RING_SIZES = [
  ['H', 15.3], ['I', 15.7], ['J', 16.1], ['K', 16.5], ['L', 16.9], ['M', 17.3], ['N', 17.7],
  ['O', 18.1], ['P', 18.5], ['Q', 18.9], ['R', 19.4], ['S', 19.8], ['T', 20.2],
];

const CHAIN_LENGTHS = [
  ['16in', 41, 'Sits at the base of the neck, on the collarbone'],
  ['18in', 46, 'Falls just below the collarbone: our most popular length'],
  ['20in', 51, 'A few centimetres below the collarbone'],
  ['24in', 61, 'Rests on the chest, over a neckline'],
];

function ringTable() {
  return h(
    'table',
    {},
    h('caption', { class: 'visually-hidden' }, 'UK ring sizes'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'UK size'), h('th', { scope: 'col' }, 'Inside diameter'), h('th', { scope: 'col' }, 'Inside circumference'))),
    h(
      'tbody',
      {},
      RING_SIZES.map(([size, d]) => h('tr', {}, h('th', { scope: 'row' }, size), h('td', {}, `${d.toFixed(1)} mm`), h('td', {}, `${(Math.PI * d).toFixed(1)} mm`))),
    ),
  );
}

function chainTable() {
  return h(
    'table',
    {},
    h('caption', { class: 'visually-hidden' }, 'Chain lengths'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Length'), h('th', { scope: 'col' }, 'Centimetres'), h('th', { scope: 'col' }, 'Where it sits'))),
    h('tbody', {}, CHAIN_LENGTHS.map(([len, cm, where]) => h('tr', {}, h('th', { scope: 'row' }, len), h('td', {}, `${cm} cm`), h('td', {}, where)))),
  );
}

/** A button and the dialog it opens; `kind` is "ring" or "chain". */
export function sizeGuide(kind) {
  const titleId = `size-guide-title-${kind}`;
  const dialog = h(
    'dialog',
    { 'aria-labelledby': titleId, id: 'size-guide' },
    h('h2', { id: titleId }, kind === 'ring' ? 'Ring size guide' : 'Chain length guide'),
    kind === 'ring'
      ? h('p', {}, 'Measure the inside of a ring that fits the same finger, or wrap a strip of paper round your finger and measure where it meets. Between two sizes? Choose the larger: wide bands fit snugly.')
      : h('p', {}, 'Lay a piece of string round your neck where you want the pendant to sit, then measure it.'),
    kind === 'ring' ? ringTable() : chainTable(),
    h('form', { method: 'dialog' }, h('button', { class: 'button button--secondary', type: 'submit', autofocus: true }, 'Close')),
  );
  const button = h(
    'button',
    { type: 'button', class: 'link-button', 'aria-haspopup': 'dialog', on: { click: () => dialog.showModal() } },
    kind === 'ring' ? 'Ring size guide' : 'Chain length guide',
  );
  return { button, dialog };
}
