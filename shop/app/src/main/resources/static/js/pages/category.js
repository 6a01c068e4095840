// Category listing with filters. The API filters, sorts and pages; the filters live in the address
// (shareable, and the back button works). Changing one fetches at once and announces the new count.
import { ApiUnavailable } from '../api.js';
import { byId, h, notice, param, render } from '../dom.js';
import { categories, heading, showDegradedBanner, storefrontPage } from '../layout.js';
import { productCard, products } from '../catalog.js';
import { parseMoney } from '../format.js';

const SORTS = {
  featured: 'Featured',
  newest: 'Newest',
  'price-asc': 'Price: low to high',
  'price-desc': 'Price: high to low',
  name: 'Name',
};

const SEARCH_DELAY_MS = 300;

function readFilters() {
  const q = new URLSearchParams(location.search);
  return {
    q: q.get('q') ?? '',
    inStock: q.get('inStock') === 'true',
    minPrice: q.get('minPrice') ?? '',
    maxPrice: q.get('maxPrice') ?? '',
    sort: SORTS[q.get('sort')] ? q.get('sort') : 'featured',
    page: Math.max(0, Number.parseInt(q.get('page') ?? '0', 10) || 0),
  };
}

function writeFilters(slug, filters) {
  const q = new URLSearchParams({ slug });
  if (filters.q) q.set('q', filters.q);
  if (filters.inStock) q.set('inStock', 'true');
  if (filters.minPrice) q.set('minPrice', filters.minPrice);
  if (filters.maxPrice) q.set('maxPrice', filters.maxPrice);
  if (filters.sort !== 'featured') q.set('sort', filters.sort);
  if (filters.page > 0) q.set('page', String(filters.page));
  history.replaceState(null, '', `/category?${q}`);
}

// The shopper types pounds; the API speaks minor units. A half-typed price is simply not applied.
function pence(text) {
  if (text === '') return null;
  const minor = parseMoney(text);
  return Number.isNaN(minor) ? null : minor;
}

function filterPanel(filters, onChange) {
  const form = h(
    'form',
    { class: 'filters__form', role: 'search', 'aria-label': 'Filter and sort' },
    h('div', { class: 'field' }, h('label', { for: 'filter-q' }, 'Search this category'), h('input', { id: 'filter-q', name: 'q', type: 'search', value: filters.q, autocomplete: 'off', maxlength: 100 })),
    h('label', { class: 'checkbox' }, h('input', { type: 'checkbox', name: 'inStock', id: 'filter-in-stock', checked: filters.inStock }), 'In stock only'),
    h(
      'fieldset',
      { class: 'price-range' },
      h('legend', {}, 'Price'),
      h('div', { class: 'field' }, h('label', { for: 'filter-min' }, 'Min price (£)'), h('input', { id: 'filter-min', name: 'minPrice', type: 'number', min: 0, step: 1, inputmode: 'decimal', value: filters.minPrice })),
      h('div', { class: 'field' }, h('label', { for: 'filter-max' }, 'Max price (£)'), h('input', { id: 'filter-max', name: 'maxPrice', type: 'number', min: 0, step: 1, inputmode: 'decimal', value: filters.maxPrice })),
    ),
    h('div', { class: 'field' }, h('label', { for: 'filter-sort' }, 'Sort by'), h('select', { id: 'filter-sort', name: 'sort' }, Object.entries(SORTS).map(([value, label]) => h('option', { value, selected: value === filters.sort }, label)))),
    h('button', { type: 'reset', class: 'button button--secondary button--small' }, 'Clear filters'),
  );
  const read = () => ({
    q: form.elements.q.value.trim(),
    inStock: form.elements.inStock.checked,
    minPrice: form.elements.minPrice.value,
    maxPrice: form.elements.maxPrice.value,
    sort: form.elements.sort.value,
    page: 0,
  });
  let typing = null;
  form.addEventListener('input', (event) => {
    clearTimeout(typing);
    // Wait for a pause in typing before searching; other controls apply at once.
    if (event.target.type === 'search' || event.target.type === 'number') typing = setTimeout(() => onChange(read()), SEARCH_DELAY_MS);
    else onChange(read());
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(typing);
    onChange(read());
  });
  form.addEventListener('reset', () => setTimeout(() => onChange(read())));
  // On a phone the filters fold away above the results; on a wide screen they stay open beside them.
  const active = filters.q || filters.inStock || filters.minPrice || filters.maxPrice || filters.sort !== 'featured';
  return h('details', { class: 'filters', open: matchMedia('(min-width: 60rem)').matches || !!active }, h('summary', {}, 'Filter and sort'), form);
}

storefrontPage({
  title: 'Shop',
  activeCategory: param('slug'),
  build: async (content) => {
    const slug = param('slug');
    const list = await categories();
    const category = list.find((c) => c.slug === slug);
    const name = category?.name ?? (slug ? slug.replaceAll('-', ' ') : 'All jewellery');
    heading(name);
    document.title = `${name} · Silver Jems`;

    let filters = readFilters();
    const results = h('div', { id: 'results', 'aria-busy': 'true' });
    const count = h('p', { id: 'result-count', role: 'status' });
    let latest = 0;

    const show = async () => {
      const ticket = ++latest;
      results.setAttribute('aria-busy', 'true');
      let page;
      try {
        page = await products({
          category: slug,
          q: filters.q,
          inStock: filters.inStock,
          minPrice: pence(filters.minPrice),
          maxPrice: pence(filters.maxPrice),
          sort: filters.sort === 'featured' ? null : filters.sort,
          page: filters.page,
        });
      } catch (error) {
        if (ticket !== latest) return;
        if (error instanceof ApiUnavailable) showDegradedBanner();
        count.textContent = '';
        render(results, notice(error instanceof ApiUnavailable ? 'degraded' : 'error', error instanceof ApiUnavailable ? 'These results are not available while the shop is offline. Clear the filters to see the saved list.' : error.message));
        results.removeAttribute('aria-busy');
        return;
      }
      if (ticket !== latest) return; // a newer filter change has overtaken this answer
      const pages = Math.max(1, Math.ceil(page.totalItems / page.size));
      count.textContent = `${page.totalItems} ${page.totalItems === 1 ? 'piece' : 'pieces'}`;
      const pager = (label, target, rel) =>
        h(
          'button',
          {
            type: 'button',
            class: 'button button--secondary button--small',
            rel,
            disabled: target < 0 || target >= pages,
            on: {
              click: async () => {
                filters = { ...filters, page: target };
                writeFilters(slug, filters);
                await show();
                byId('main').focus();
              },
            },
          },
          label,
        );
      render(
        results,
        page.items.length
          ? h('ul', { class: 'product-grid', 'aria-label': name }, page.items.map(productCard))
          : h('p', { class: 'empty' }, 'Nothing matches these filters. Try clearing some.'),
        pages > 1 ? h('nav', { class: 'pagination', 'aria-label': 'Pages' }, pager('Previous', filters.page - 1, 'prev'), h('span', {}, `Page ${filters.page + 1} of ${pages}`), pager('Next', filters.page + 1, 'next')) : null,
      );
      results.removeAttribute('aria-busy');
    };

    render(
      content,
      h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' }, h('ol', {}, h('li', {}, h('a', { href: '/' }, 'Home')), h('li', {}, h('span', { 'aria-current': 'page' }, name)))),
      h(
        'div',
        { class: 'listing' },
        filterPanel(filters, (next) => {
          filters = next;
          writeFilters(slug, filters);
          show();
        }),
        h('section', { 'aria-label': 'Products' }, count, results),
      ),
    );
    await show();
  },
});
