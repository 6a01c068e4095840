// Product page: gallery from the image pipeline's renditions, variant (size) picker with stock per
// variant, size guide, add to basket.
import { ApiProblem, ApiUnavailable } from '../api.js';
import { addToCart } from '../cart.js';
import { h, notice, param, render } from '../dom.js';
import { money } from '../format.js';
import { picture } from '../images.js';
import { categories, errorNotice, heading, showDegradedBanner, storefrontPage } from '../layout.js';
import { product } from '../catalog.js';
import { canonical, describe, previewImage, productJsonLd } from '../seo.js';
import { sizeGuide } from '../size-guide.js';

const GALLERY_SIZES = '(min-width: 60rem) 36rem, 92vw';
const LOW_STOCK = 3;

function categorySlug(p) {
  return typeof p.category === 'string' ? p.category : p.category?.slug;
}

function variantsOf(p) {
  return (p.variants ?? []).map((v) => ({
    ...v,
    price: v.priceMinor ?? v.price?.amountMinor ?? v.price,
    currency: v.currency ?? v.price?.currency ?? p.currency ?? 'GBP',
    available: v.stock !== undefined ? Number(v.stock) : v.inStock === false ? 0 : v.available ?? null,
  }));
}

function stockText(variant) {
  if (variant.available === 0) return h('span', { class: 'stock stock--out' }, 'Sold out');
  if (variant.available !== null && variant.available <= LOW_STOCK) {
    return h('span', { class: 'stock stock--low' }, variant.available === 1 ? 'Only one left' : `Only ${variant.available} left`);
  }
  return h('span', { class: 'stock' }, 'In stock, ready to send');
}

// Gallery: the main photo opens a zoomed view on click (Enter/Space too, it is a button); the
// thumbnails are one tab stop, arrow keys move between them (as in a toolbar), and the zoomed view
// pages with the arrow keys and closes with Escape (a native modal <dialog>, which keeps focus).
function gallery(p) {
  const images = p.images ?? [];
  const count = images.length;
  let current = 0;
  const altOf = (i) => images[i]?.alt ?? p.name;
  const main = h('div', { class: 'gallery__main' });
  if (count === 0) {
    render(main, picture(null, { alt: p.name, sizes: GALLERY_SIZES, eager: true }));
    return { element: h('section', { class: 'gallery', 'aria-label': 'Photos' }, main), dialog: null };
  }

  const zoomImage = h('div', { class: 'zoom__image' });
  const zoomCaption = h('p', { class: 'zoom__caption', id: 'zoom-caption', 'aria-live': 'polite' });
  const show = (index) => {
    current = (index + count) % count;
    render(zoomImage, picture(images[current], { alt: altOf(current), sizes: '100vw', eager: true }));
    zoomCaption.textContent = `Photo ${current + 1} of ${count}`;
  };
  const pager = count > 1
    ? h(
        'div',
        { class: 'zoom__pager' },
        h('button', { type: 'button', class: 'button button--secondary button--small', id: 'zoom-previous', on: { click: () => show(current - 1) } }, '← Previous'),
        h('button', { type: 'button', class: 'button button--secondary button--small', id: 'zoom-next', on: { click: () => show(current + 1) } }, 'Next →'),
      )
    : null;
  const dialog = h(
    'dialog',
    { class: 'zoom', id: 'zoom', 'aria-label': `${p.name}: photos`, 'aria-describedby': 'zoom-caption' },
    zoomImage,
    h('div', { class: 'zoom__bar' }, zoomCaption, pager, h('form', { method: 'dialog' }, h('button', { type: 'submit', class: 'button button--small', id: 'zoom-close', autofocus: true }, 'Close'))),
  );
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowRight') show(current + 1);
    else if (event.key === 'ArrowLeft') show(current - 1);
    else return;
    event.preventDefault();
  });
  // A click on the backdrop (outside the picture and its bar) closes, as shoppers expect.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });

  const zoomButton = h('button', {
    type: 'button',
    class: 'gallery__zoom',
    id: 'gallery-zoom',
    'aria-haspopup': 'dialog',
    on: {
      click: () => {
        show(current);
        dialog.showModal();
      },
    },
  });
  const select = (index) => {
    current = index;
    render(zoomButton, picture(images[index], { alt: altOf(index), sizes: GALLERY_SIZES, eager: true }), h('span', { class: 'gallery__hint', 'aria-hidden': 'true' }, 'Zoom'));
    zoomButton.setAttribute('aria-label', `Zoom photo ${index + 1} of ${count}: ${altOf(index)}`);
    buttons.forEach((b, i) => {
      b.setAttribute('aria-pressed', i === index ? 'true' : 'false');
      b.tabIndex = i === index ? 0 : -1;
    });
  };
  const buttons = images.map((image, index) =>
    h(
      'button',
      {
        type: 'button',
        'aria-pressed': 'false',
        'aria-label': `Show photo ${index + 1} of ${count}`,
        on: { click: () => select(index) },
      },
      picture(image, { alt: '', sizes: '4.5rem' }),
    ),
  );
  // The toolbar wraps the list, so the list keeps its list semantics.
  const thumbs = count > 1 ? h('div', { role: 'toolbar', 'aria-label': 'Choose a photo' }, h('ul', { class: 'gallery__thumbs' }, buttons.map((b) => h('li', {}, b)))) : null;
  thumbs?.addEventListener('keydown', (event) => {
    const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    let next = null;
    if (event.key in moves) next = (current + moves[event.key] + count) % count;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = count - 1;
    if (next === null) return;
    event.preventDefault();
    select(next);
    buttons[next].focus();
  });
  render(main, zoomButton);
  select(0);
  return { element: h('section', { class: 'gallery', 'aria-label': 'Photos' }, main, thumbs), dialog };
}

function variantLabel(v) {
  return v.size ?? [v.metal, v.purity].filter(Boolean).join(' ') ?? v.sku;
}

storefrontPage({
  title: 'Product',
  build: async (content) => {
    const slug = param('slug');
    if (!slug) {
      render(content, notice('info', 'Choose a piece from the ', h('a', { href: '/' }, 'shop'), '.'));
      return;
    }
    const [p, list] = await Promise.all([product(slug), categories()]);
    heading(p.name);
    document.title = `${p.name} · Silver Jems`;
    const url = canonical('/product', { slug: p.slug ?? slug });
    describe({ title: p.name, description: p.description || `${p.name} in sterling silver (925).`, url, image: previewImage(p.images?.[0]), type: 'product' });
    productJsonLd(p, url);
    const catSlug = categorySlug(p);
    const category = list.find((c) => c.slug === catSlug);
    const variants = variantsOf(p);
    const sized = variants.some((v) => v.size);
    const kind = catSlug === 'rings' ? 'ring' : catSlug === 'necklaces' ? 'chain' : null;

    let selected = variants.length === 1 ? variants[0] : null;
    const price = h('p', { class: 'product__price', id: 'price' });
    const stock = h('p', { id: 'stock', 'aria-live': 'polite' });
    const message = h('div', { id: 'add-message', 'aria-live': 'polite' });
    const addButton = h('button', { type: 'submit', class: 'button button--block', id: 'add-to-cart' }, 'Add to basket');

    const showSelection = () => {
      const shown = selected ?? variants.reduce((a, b) => (a && a.price <= b.price ? a : b), null);
      price.textContent = shown ? `${selected || !variants.some((v) => v.price !== shown.price) ? '' : 'From '}${money(shown.price, shown.currency)}` : '';
      render(stock, selected ? stockText(selected) : sized ? h('span', { class: 'stock' }, 'Choose a size to see availability') : null);
      addButton.disabled = !!selected && selected.available === 0;
    };

    const picker = sized
      ? h(
          'fieldset',
          { class: 'field', id: 'variant-picker' },
          h('legend', {}, kind === 'chain' ? 'Chain length' : 'Size'),
          h(
            'div',
            { class: 'variant-options' },
            variants.map((v) =>
              h(
                'label',
                { class: 'variant-option' },
                h('input', {
                  type: 'radio',
                  name: 'variant',
                  value: v.sku,
                  disabled: v.available === 0,
                  'aria-describedby': 'stock',
                  on: {
                    change: () => {
                      selected = v;
                      showSelection();
                    },
                  },
                }),
                h('span', {}, variantLabel(v), v.available === 0 ? h('small', {}, 'sold out') : null),
              ),
            ),
          ),
        )
      : null;

    const guide = kind ? sizeGuide(kind) : null;
    const form = h('form', { class: 'form', id: 'add-form', novalidate: true }, picker, guide?.button, message, addButton);

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!selected) {
        render(message, notice('error', `Please choose a ${kind === 'chain' ? 'length' : 'size'} first.`));
        form.querySelector('input[name="variant"]:not(:disabled)')?.focus();
        return;
      }
      addButton.disabled = true;
      try {
        await addToCart(selected, 1);
        render(message, notice('ok', `${p.name}${selected.size ? `, size ${selected.size},` : ''} is in your basket. `, h('a', { href: '/cart' }, 'View basket')));
      } catch (error) {
        if (error instanceof ApiUnavailable) {
          showDegradedBanner();
          render(message, notice('degraded', 'The basket is temporarily unavailable, so nothing was added. Please try again in a few minutes.'));
        } else if (error instanceof ApiProblem) {
          render(message, notice('error', error.message));
        } else {
          render(message, errorNotice(error));
        }
      } finally {
        addButton.disabled = selected?.available === 0;
      }
    });

    const photos = gallery(p);
    const specs = variants[0]
      ? h(
          'dl',
          { class: 'specs' },
          h('dt', {}, 'Metal'),
          h('dd', {}, `${variants[0].metal === 'silver' ? 'Sterling silver' : variants[0].metal ?? ''}${variants[0].purity ? ` (${variants[0].purity})` : ''}`),
          variants[0].weightGrams ? [h('dt', {}, 'Weight'), h('dd', {}, `about ${Number(selected?.weightGrams ?? variants[0].weightGrams).toFixed(1)} g`)] : null,
        )
      : null;

    render(
      content,
      h(
        'nav',
        { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' },
        h(
          'ol',
          {},
          h('li', {}, h('a', { href: '/' }, 'Home')),
          category ? h('li', {}, h('a', { href: `/category?slug=${encodeURIComponent(category.slug)}` }, category.name)) : null,
          h('li', {}, h('span', { 'aria-current': 'page' }, p.name)),
        ),
      ),
      h('div', { class: 'product' }, photos.element, h('section', { class: 'product__info', 'aria-label': 'Details' }, price, stock, form, h('p', {}, p.description ?? ''), specs)),
      guide?.dialog,
      photos.dialog,
    );
    showSelection();
  },
});
