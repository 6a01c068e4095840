// Admin product list, and a form for a new product.
import { api, ApiProblem } from '../api.js';
import { field, formValues, h, notice, render, scrollBox, showFieldErrors, whileBusy } from '../dom.js';
import { money } from '../format.js';
import { adminError, adminPage } from './layout.js';
import { allProducts, createProduct } from './catalog.js';

function priceRange(variants) {
  if (!variants.length) return '—';
  const prices = variants.map((v) => v.priceMinor);
  const low = Math.min(...prices);
  const high = Math.max(...prices);
  const currency = variants[0].currency;
  return low === high ? money(low, currency) : `${money(low, currency)} – ${money(high, currency)}`;
}

function newProductForm(categories) {
  const message = h('div', { 'aria-live': 'assertive' });
  const form = h(
    'form',
    { class: 'form', id: 'new-product-form', novalidate: true },
    field('Name', h('input', { type: 'text', name: 'name', id: 'new-name', required: true })),
    field('Web address name', h('input', { type: 'text', name: 'slug', id: 'new-slug', required: true, pattern: '[a-z0-9]+(-[a-z0-9]+)*' }), { hint: 'Lower-case words joined by dashes, e.g. pearl-drop-earrings. It becomes part of the page address.' }),
    field('Category', h('select', { name: 'category', id: 'new-category' }, categories.map((c) => h('option', { value: c.slug }, c.name)))),
    field('Description', h('textarea', { name: 'description', id: 'new-description', rows: 4 })),
    h('label', { class: 'checkbox' }, h('input', { type: 'checkbox', name: 'published', id: 'new-published' }), 'Show in the shop now'),
    message,
    h('button', { type: 'submit', class: 'button' }, 'Create product'),
  );
  const name = form.elements.name;
  const slug = form.elements.slug;
  name.addEventListener('input', () => {
    if (!slug.dataset.touched) slug.value = name.value.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  });
  slug.addEventListener('input', () => {
    slug.dataset.touched = 'yes';
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    whileBusy(form, async () => {
      try {
        const created = await createProduct(formValues(form));
        location.assign(`/admin/product?slug=${encodeURIComponent(created.slug)}&created=1`);
      } catch (error) {
        if (error instanceof ApiProblem && showFieldErrors(form, error)) render(message, notice('error', 'Please check the highlighted fields.'));
        else render(message, adminError(error));
      }
    });
  });
  return h('details', { class: 'card' }, h('summary', {}, h('strong', {}, 'Add a product')), form);
}

adminPage({
  title: 'Products',
  active: 'products',
  build: async (content) => {
    const [products, categories] = await Promise.all([allProducts(), api.get('/api/categories')]);
    render(
      content,
      newProductForm(categories),
      h(
        'div',
        scrollBox('Products'),
        h(
          'table',
          { id: 'admin-products' },
          h('caption', { class: 'visually-hidden' }, 'All products'),
          h('thead', {}, h('tr', {}, ['Product', 'Category', 'Shown', 'Variants', 'Price', 'Stock'].map((t) => h('th', { scope: 'col' }, t)))),
          h(
            'tbody',
            {},
            products.map((p) => {
              const stock = p.variants.reduce((n, v) => n + v.stock, 0);
              return h(
                'tr',
                { dataset: { slug: p.slug } },
                h('th', { scope: 'row' }, h('a', { href: `/admin/product?slug=${encodeURIComponent(p.slug)}` }, p.name)),
                h('td', {}, p.category),
                h('td', {}, p.published ? 'Yes' : 'Hidden'),
                h('td', {}, String(p.variants.length)),
                h('td', {}, priceRange(p.variants)),
                h('td', { class: stock === 0 ? 'stock--out' : null }, stock === 0 ? 'Sold out' : String(stock)),
              );
            }),
          ),
        ),
      ),
    );
  },
});
