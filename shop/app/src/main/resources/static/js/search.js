// The header's search box: results as the shopper types, from the catalogue API's `q`. Typing is
// debounced, and at most one request is ever in flight: while one is out, only the latest text is
// remembered and asked for when it returns, so a fast typist costs two requests, not twenty.
// Enter (or the button) goes to the full results page, /search?q=...
import { h, render } from './dom.js';
import { money } from './format.js';
import { priceFrom, productHref, products } from './catalog.js';
import { latestOnly } from './latest-only.js';

export const TYPING_PAUSE_MS = 250;
const MIN_LENGTH = 2;
const SHOWN = 5;

let box = null;

/** The search form for the header; one element for the page's life, so re-drawing keeps its text. */
export function searchBox() {
  if (box) return box;
  const input = h('input', {
    id: 'site-search',
    name: 'q',
    type: 'search',
    autocomplete: 'off',
    maxlength: 100,
    placeholder: 'Search rings, chains…',
    'aria-describedby': 'search-status',
    'aria-controls': 'search-suggestions',
    value: new URLSearchParams(location.search).get('q') ?? '',
  });
  const status = h('p', { id: 'search-status', class: 'visually-hidden', role: 'status' });
  const list = h('ul', { id: 'search-suggestions', class: 'search-suggestions', 'aria-label': 'Suggestions' });
  list.hidden = true;
  const hide = () => {
    list.hidden = true;
  };
  const search = latestOnly(
    (text) => products({ q: text, size: SHOWN }),
    (text, answer, error) => {
      if (error) {
        status.textContent = 'Search is temporarily unavailable.';
        hide();
        return;
      }
      const items = (answer?.items ?? []).slice(0, SHOWN);
      const total = answer?.totalItems ?? items.length;
      status.textContent = total === 0 ? `No pieces match "${text}".` : `${total} ${total === 1 ? 'piece matches' : 'pieces match'} "${text}".`;
      render(
        list,
        items.map((item) =>
          h('li', {}, h('a', { href: productHref(item.slug) }, h('span', { class: 'search-suggestions__name' }, item.name), h('span', { class: 'search-suggestions__price' }, money(priceFrom(item), item.currency)))),
        ),
        h('li', { class: 'search-suggestions__all' }, h('a', { href: `/search?q=${encodeURIComponent(text)}` }, total === 0 ? 'No matches: browse the categories' : `See all results for "${text}"`)),
      );
      list.hidden = false;
    },
  );
  let typing = null;
  input.addEventListener('input', () => {
    clearTimeout(typing);
    const text = input.value.trim();
    if (text.length < MIN_LENGTH) {
      search.reset();
      hide();
      status.textContent = '';
      return;
    }
    typing = setTimeout(() => search.request(text), TYPING_PAUSE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && !list.hidden) {
      event.preventDefault();
      list.querySelector('a')?.focus();
    } else if (event.key === 'Escape') {
      hide();
    }
  });
  list.addEventListener('keydown', (event) => {
    const links = [...list.querySelectorAll('a')];
    const at = links.indexOf(document.activeElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = at + (event.key === 'ArrowDown' ? 1 : -1);
      if (next < 0) input.focus();
      else links[Math.min(next, links.length - 1)].focus();
    } else if (event.key === 'Escape') {
      hide();
      input.focus();
    }
  });
  box = h(
    'form',
    { class: 'site-search', role: 'search', action: '/search', method: 'get', 'aria-label': 'Search the shop' },
    h('label', { for: 'site-search', class: 'visually-hidden' }, 'Search the shop'),
    input,
    h('button', { type: 'submit', class: 'button button--small' }, 'Search'),
    status,
    list,
  );
  box.addEventListener('focusout', (event) => {
    if (!box.contains(event.relatedTarget)) hide();
  });
  return box;
}
