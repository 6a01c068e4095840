// Edit one product: details, each variant's price and stock (saved one at a time, each an audit
// entry), new variants, and photos (uploaded to the image pipeline, with its verdict on each).
import { api, ApiProblem } from '../api.js';
import { field, formValues, h, notice, param, render, scrollBox, showFieldErrors, whileBusy } from '../dom.js';
import { minorToInput, money, parseMoney, when, words } from '../format.js';
import { picture } from '../images.js';
import { adminError, adminPage } from './layout.js';
import { addVariant, findProduct, images, setPrice, setStock, updateProduct, uploadImage } from './catalog.js';

const ACCEPTED_TYPES = 'image/jpeg,image/png,image/webp';
const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
const POLL_MS = 2000;

const STATUS = {
  waiting: 'Waiting for processing',
  processing: 'Processing',
  processed: 'In the shop',
  duplicate: 'Duplicate',
  rejected: 'Refused',
};

function saved(slot, text) {
  render(slot, h('span', { class: 'stock' }, text));
}

function variantRow(variant) {
  const status = h('span', { 'aria-live': 'polite', class: 'variant-status' });
  const label = `${variant.sku}${variant.size ? ` (size ${variant.size})` : ''}`;
  const priceInput = h('input', { type: 'text', name: 'price', inputmode: 'decimal', id: `price-${variant.sku}`, value: minorToInput(variant.priceMinor, variant.currency), 'aria-label': `Price of ${label} in ${variant.currency}` });
  const priceForm = h('form', { class: 'inline-form', novalidate: true, dataset: { sku: variant.sku, kind: 'price' } }, priceInput, h('button', { type: 'submit', class: 'button button--small' }, 'Save price', h('span', { class: 'visually-hidden' }, ` of ${label}`)));
  priceForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const minor = parseMoney(priceInput.value, variant.currency);
    if (Number.isNaN(minor)) {
      priceInput.setAttribute('aria-invalid', 'true');
      render(status, h('span', { class: 'field__error' }, 'Enter a price like 65.00'));
      priceInput.focus();
      return;
    }
    priceInput.removeAttribute('aria-invalid');
    whileBusy(priceForm, async () => {
      try {
        const updated = await setPrice(variant.sku, minor, variant.currency);
        variant.priceMinor = updated.priceMinor;
        priceInput.value = minorToInput(updated.priceMinor, updated.currency);
        saved(status, `Price saved: ${money(updated.priceMinor, updated.currency)}`);
      } catch (error) {
        render(status, adminError(error));
      }
    });
  });
  const stockInput = h('input', { type: 'number', name: 'stock', min: 0, max: 100000, step: 1, id: `stock-${variant.sku}`, value: variant.stock, 'aria-label': `Stock of ${label}` });
  const stockForm = h('form', { class: 'inline-form', novalidate: true, dataset: { sku: variant.sku, kind: 'stock' } }, stockInput, h('button', { type: 'submit', class: 'button button--small' }, 'Save stock', h('span', { class: 'visually-hidden' }, ` of ${label}`)));
  stockForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const stock = Number(stockInput.value);
    if (!Number.isInteger(stock) || stock < 0) {
      stockInput.setAttribute('aria-invalid', 'true');
      render(status, h('span', { class: 'field__error' }, 'Stock is a whole number, 0 or more'));
      return;
    }
    stockInput.removeAttribute('aria-invalid');
    whileBusy(stockForm, async () => {
      try {
        const updated = await setStock(variant.sku, stock);
        saved(status, `Stock saved: ${updated.stock}`);
      } catch (error) {
        render(status, adminError(error));
      }
    });
  });
  return h(
    'tr',
    { dataset: { sku: variant.sku } },
    h('th', { scope: 'row' }, h('span', { class: 'mono' }, variant.sku)),
    h('td', {}, variant.size ?? 'one size'),
    h('td', {}, `${variant.metal} ${variant.purity}`),
    h('td', {}, `${Number(variant.weightGrams).toFixed(2)} g`),
    h('td', {}, priceForm),
    h('td', {}, stockForm),
    h('td', {}, status),
  );
}

function detailsForm(product, categories) {
  const message = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'form', id: 'product-form', novalidate: true },
    field('Name', h('input', { type: 'text', name: 'name', id: 'product-name', value: product.name, required: true })),
    field('Category', h('select', { name: 'category', id: 'product-category' }, categories.map((c) => h('option', { value: c.slug, selected: c.slug === product.category }, c.name)))),
    field('Description', h('textarea', { name: 'description', id: 'product-description', rows: 5 }, product.description ?? '')),
    h('label', { class: 'checkbox' }, h('input', { type: 'checkbox', name: 'published', id: 'product-published', checked: product.published }), 'Shown in the shop'),
    message,
    h('button', { type: 'submit', class: 'button' }, 'Save details'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    whileBusy(form, async () => {
      try {
        await updateProduct(product.slug, { ...formValues(form), slug: product.slug });
        render(message, notice('ok', 'Details saved.'));
      } catch (error) {
        if (error instanceof ApiProblem && showFieldErrors(form, error)) render(message, notice('error', 'Please check the highlighted fields.'));
        else render(message, adminError(error));
      }
    });
  });
  return h('section', { class: 'card', 'aria-labelledby': 'details-title' }, h('h2', { id: 'details-title' }, 'Details'), form);
}

function newVariantForm(product, onAdded) {
  const message = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'form', id: 'variant-form', novalidate: true },
    field('SKU', h('input', { type: 'text', name: 'sku', id: 'variant-sku', required: true, pattern: '[A-Z0-9]+(-[A-Z0-9]+)*' }), { hint: 'Upper case, e.g. RNG-HAM-R' }),
    field('Size', h('input', { type: 'text', name: 'size', id: 'variant-size' }), { hint: 'Ring size letter or chain length; leave empty for one size.' }),
    field('Metal', h('input', { type: 'text', name: 'metal', id: 'variant-metal', value: 'silver' })),
    field('Purity', h('input', { type: 'text', name: 'purity', id: 'variant-purity', value: '925' })),
    field('Weight (g)', h('input', { type: 'number', name: 'weightGrams', id: 'variant-weight', min: 0.01, step: 0.01 })),
    field('Price (£)', h('input', { type: 'text', name: 'price', id: 'variant-price', inputmode: 'decimal' })),
    field('Stock', h('input', { type: 'number', name: 'stock', id: 'variant-stock', min: 0, step: 1, value: 0 })),
    message,
    h('button', { type: 'submit', class: 'button' }, 'Add variant'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = formValues(form);
    const body = {
      sku: v.sku,
      size: v.size || null,
      metal: v.metal,
      purity: v.purity,
      weightGrams: v.weightGrams === '' ? null : Number(v.weightGrams),
      priceMinor: v.price === '' ? null : parseMoney(v.price),
      currency: 'GBP',
      stock: v.stock === '' ? null : Number(v.stock),
    };
    if (Number.isNaN(body.priceMinor)) {
      showFieldErrors(form, { fieldErrors: [{ field: 'price', message: 'Enter a price like 65.00' }] });
      return;
    }
    whileBusy(form, async () => {
      try {
        onAdded(await addVariant(product.slug, body));
        form.reset();
        render(message, notice('ok', `Variant ${body.sku} added.`));
      } catch (error) {
        const mapped = error instanceof ApiProblem ? { fieldErrors: error.fieldErrors.map((e) => ({ ...e, field: e.field === 'priceMinor' ? 'price' : e.field })) } : null;
        if (mapped && showFieldErrors(form, mapped)) render(message, notice('error', 'Please check the highlighted fields.'));
        else render(message, adminError(error));
      }
    });
  });
  return h('details', { class: 'card' }, h('summary', {}, h('strong', {}, 'Add a variant')), form);
}

function imagesSection(product) {
  const list = h('div', { id: 'image-uploads', 'aria-live': 'polite' });
  const message = h('div', { 'aria-live': 'assertive' });
  const file = h('input', { type: 'file', name: 'file', id: 'image-file', accept: ACCEPTED_TYPES });
  const form = h(
    'form',
    { class: 'form', id: 'image-form', novalidate: true },
    field('Photo', file, { hint: 'JPEG, PNG or WebP, up to 25 MB. We make the web sizes and remove location data automatically.' }),
    message,
    h('button', { type: 'submit', class: 'button' }, 'Upload photo'),
  );
  let timer = null;
  const refresh = async () => {
    clearTimeout(timer);
    try {
      const state = await images(product.slug);
      const uploads = state.uploads ?? [];
      const published = state.images ?? [];
      render(
        list,
        h('h3', {}, 'In the shop'),
        published.length === 0
          ? h('p', { class: 'empty' }, 'No photos yet: the shop shows a placeholder.')
          : h('ul', { class: 'gallery__thumbs', id: 'published-photos' }, published.map((image) => h('li', {}, picture(image, { alt: image.alt, sizes: '4.5rem' })))),
        h('h3', {}, 'Uploads'),
        uploads.length === 0
          ? h('p', { class: 'empty' }, 'Nothing uploaded yet.')
          : h(
              'div',
              scrollBox('Uploads'),
              h(
                'table',
                { id: 'uploads' },
                h('caption', { class: 'visually-hidden' }, 'Uploaded photos and what the image pipeline made of them'),
                h('thead', {}, h('tr', {}, ['File', 'Uploaded', 'Status', 'Details'].map((t) => h('th', { scope: 'col' }, t)))),
                h(
                  'tbody',
                  {},
                  uploads.map((u) =>
                    h(
                      'tr',
                      { dataset: { status: u.status, key: u.key } },
                      h('td', { class: 'mono' }, u.fileName ?? u.key),
                      h('td', {}, when(u.uploadedAt)),
                      h('td', {}, h('span', { class: `status status--${u.status}` }, STATUS[u.status] ?? words(u.status))),
                      h('td', {}, u.status === 'rejected' ? `${words(u.rejectionReason)}: ${u.rejectionDetail ?? ''}` : u.status === 'duplicate' ? 'Already in the shop' : ''),
                    ),
                  ),
                ),
              ),
            ),
      );
      // Ingestion is asynchronous: keep watching while anything is still in the pipeline.
      if (uploads.some((u) => u.status === 'waiting' || u.status === 'processing')) timer = setTimeout(refresh, POLL_MS);
    } catch (error) {
      render(list, adminError(error));
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = file.files[0];
    if (!chosen) return showFieldErrors(form, { fieldErrors: [{ field: 'file', message: 'Choose a photo first.' }] });
    if (chosen.size > MAX_UPLOAD_BYTES) return showFieldErrors(form, { fieldErrors: [{ field: 'file', message: 'That file is over 25 MB.' }] });
    showFieldErrors(form, { fieldErrors: [] });
    whileBusy(form, async () => {
      try {
        await uploadImage(product.slug, chosen);
        form.reset();
        render(message, notice('ok', `${chosen.name} uploaded. It appears in the shop once processed.`));
        await refresh();
      } catch (error) {
        render(message, adminError(error));
      }
    });
  });
  // Loaded when opened: most visits to this page are price and stock changes.
  const section = h('details', { class: 'card', id: 'photos' }, h('summary', {}, h('strong', {}, 'Photos')), form, list);
  section.addEventListener('toggle', () => {
    if (section.open) refresh();
    else clearTimeout(timer);
  });
  return section;
}

adminPage({
  title: 'Edit product',
  active: 'products',
  build: async (content) => {
    const slug = param('slug');
    const [product, categories] = await Promise.all([findProduct(slug), api.get('/api/categories')]);
    if (!product) {
      render(content, notice('error', `There is no product called ${slug}. `, h('a', { href: '/admin/products' }, 'All products')));
      return;
    }
    document.getElementById('page-title').textContent = product.name;
    const rows = h('tbody', {}, product.variants.map(variantRow));
    render(
      content,
      param('created') ? notice('ok', 'Product created. Add its variants below.') : null,
      h('p', {}, h('a', { href: `/product?slug=${encodeURIComponent(product.slug)}` }, 'View in the shop'), ' · ', h('a', { href: '/admin/products' }, 'All products')),
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'variants-title' },
        h('h2', { id: 'variants-title' }, 'Variants, prices and stock'),
        h('div', scrollBox('Variants'), h('table', { id: 'variants' }, h('thead', {}, h('tr', {}, ['SKU', 'Size', 'Metal', 'Weight', 'Price', 'Stock', ''].map((t) => h('th', { scope: 'col' }, t || h('span', { class: 'visually-hidden' }, 'Actions'))))), rows)),
      ),
      newVariantForm(product, (variant) => rows.append(variantRow(variant))),
      h('div', { class: 'cards' }, detailsForm(product, categories), imagesSection(product)),
    );
  },
});
