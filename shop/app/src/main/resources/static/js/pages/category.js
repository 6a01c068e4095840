// Category listing with filters. Filters live in the address (shareable, and the back button
// works); changing one re-filters at once and announces the new count to screen readers.
import { byId, h, param, render } from '../dom.js';
import { categories, heading, storefrontPage } from '../layout.js';
import { allProducts, priceFrom, productCard } from '../catalog.js';
import { parseMoney } from '../format.js';

const PAGE_SIZE = 12;

const SORTS = {
  featured: { label: 'Featured', compare: null },
  'price-asc': { label: 'Price: low to high', compare: (a, b) => priceFrom(a) - priceFrom(b) },
  'price-desc': { label: 'Price: high to low', compare: (a, b) => priceFrom(b) - priceFrom(a) },
  name: { label: 'Name', compare: (a, b) => a.name.localeCompare(b.name, 'en-GB') },
};

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
  history.replaceState(null, '', `/category.html?${q}`);
}

function apply(items, filters) {
  const needle = filters.q.toLowerCase();
  const min = filters.minPrice === '' ? null : parseMoney(filters.minPrice);
  const max = filters.maxPrice === '' ? null : parseMoney(filters.maxPrice);
  const matching = items.filter(
    (item) =>
      (!needle || item.name.toLowerCase().includes(needle)) &&
      (!filters.inStock || item.inStock !== false) &&
      (min === null || Number.isNaN(min) || priceFrom(item) >= min) &&
      (max === null || Number.isNaN(max) || priceFrom(item) <= max),
  );
  const compare = SORTS[filters.sort].compare;
  return compare ? matching.slice().sort(compare) : matching;
}

function filterForm(filters, onChange) {
  const form = h(
    'form',
    { class: 'filters__form', role: 'search', 'aria-label': 'Filter and sort' },
    h('div', { class: 'field' }, h('label', { for: 'filter-q' }, 'Search this category'), h('input', { id: 'filter-q', name: 'q', type: 'search', value: filters.q, autocomplete: 'off' })),
    h('label', { class: 'checkbox' }, h('input', { type: 'checkbox', name: 'inStock', id: 'filter-in-stock', checked: filters.inStock }), 'In stock only'),
    h(
      'fieldset',
      { class: 'price-range' },
      h('legend', {}, 'Price'),
      h('div', { class: 'field' }, h('label', { for: 'filter-min' }, 'Min price (£)'), h('input', { id: 'filter-min', name: 'minPrice', type: 'number', min: 0, step: 1, inputmode: 'decimal', value: filters.minPrice })),
      h('div', { class: 'field' }, h('label', { for: 'filter-max' }, 'Max price (£)'), h('input', { id: 'filter-max', name: 'maxPrice', type: 'number', min: 0, step: 1, inputmode: 'decimal', value: filters.maxPrice })),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'filter-sort' }, 'Sort by'),
      h('select', { id: 'filter-sort', name: 'sort' }, Object.entries(SORTS).map(([value, s]) => h('option', { value, selected: value === filters.sort }, s.label))),
    ),
    h('button', { type: 'reset', class: 'button button--secondary button--small' }, 'Clear filters'),
  );
  // On a phone the filters fold away above the results; on a wide screen they stay open beside them.
  const panel = h('details', { class: 'filters', open: matchMedia('(min-width: 60rem)').matches || Object.values(filters).some((v) => v && v !== 'featured') }, h('summary', {}, 'Filter and sort'), form);
  const read = () => ({
    q: form.elements.q.value.trim(),
    inStock: form.elements.inStock.checked,
    minPrice: form.elements.minPrice.value,
    maxPrice: form.elements.maxPrice.value,
    sort: form.elements.sort.value,
    page: 0,
  });
  form.addEventListener('input', () => onChange(read()));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onChange(read());
  });
  form.addEventListener('reset', () => setTimeout(() => onChange(read())));
  return panel;
}

storefrontPage({
  title: 'Shop',
  activeCategory: param('slug'),
  build: async (content) => {
    const slug = param('slug');
    const [list, items] = await Promise.all([categories(), allProducts(slug)]);
    const category = list.find((c) => c.slug === slug);
    const name = category?.name ?? (slug ? slug.replaceAll('-', ' ') : 'All jewellery');
    heading(name);
    document.title = `${name} · Silver Jems`;

    let filters = readFilters();
    const results = h('div', { id: 'results' });
    const count = h('p', { id: 'result-count', role: 'status' });

    const show = () => {
      const matching = apply(items, filters);
      const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
      filters.page = Math.min(filters.page, pages - 1);
      const shown = matching.slice(filters.page * PAGE_SIZE, (filters.page + 1) * PAGE_SIZE);
      count.textContent = `${matching.length} ${matching.length === 1 ? 'piece' : 'pieces'}`;
      const pager = (label, page, rel) =>
        h('button', {
          type: 'button',
          class: 'button button--secondary button--small',
          rel,
          disabled: page < 0 || page >= pages,
          on: { click: () => { filters = { ...filters, page }; writeFilters(slug, filters); show(); byId('main').focus(); } },
        }, label);
      render(
        results,
        shown.length
          ? h('ul', { class: 'product-grid', 'aria-label': name }, shown.map(productCard))
          : h('p', { class: 'empty' }, 'Nothing matches these filters. Try clearing some.'),
        pages > 1
          ? h('nav', { class: 'pagination', 'aria-label': 'Pages' }, pager('Previous', filters.page - 1, 'prev'), h('span', {}, `Page ${filters.page + 1} of ${pages}`), pager('Next', filters.page + 1, 'next'))
          : null,
      );
    };

    render(
      content,
      h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' }, h('ol', {}, h('li', {}, h('a', { href: '/' }, 'Home')), h('li', {}, h('span', { 'aria-current': 'page' }, name)))),
      h(
        'div',
        { class: 'listing' },
        filterForm(filters, (next) => {
          filters = next;
          writeFilters(slug, filters);
          show();
        }),
        h('section', { 'aria-label': 'Products' }, count, results),
      ),
    );
    show();
  },
});
