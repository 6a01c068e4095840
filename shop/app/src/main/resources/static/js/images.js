// Product images come from the image pipeline as renditions (width + format + URL) under
// content-hashed immutable keys. We hand the browser every width in a srcset and let it choose
// for the screen; WebP goes in a <source> so browsers that cannot show it fall back to JPEG.
import { h } from './dom.js';

export const PLACEHOLDER = '/img/placeholder.svg';

function renditionsOf(image) {
  const list = image?.renditions ?? image?.sources ?? [];
  return list
    .map((r) => ({
      url: r.url ?? r.href ?? r.src,
      width: Number(r.width ?? r.w),
      type: r.contentType ?? r.mediaType ?? (r.format ? `image/${String(r.format).toLowerCase().replace('jpg', 'jpeg')}` : guessType(r.url ?? r.src ?? '')),
    }))
    .filter((r) => r.url && r.width > 0);
}

function guessType(url) {
  if (/\.webp(\?|$)/i.test(url)) return 'image/webp';
  if (/\.png(\?|$)/i.test(url)) return 'image/png';
  return 'image/jpeg';
}

function srcset(renditions) {
  return renditions
    .slice()
    .sort((a, b) => a.width - b.width)
    .map((r) => `${r.url} ${r.width}w`)
    .join(', ');
}

/**
 * A <picture> for one product image. `sizes` tells the browser how wide the image is laid out, so
 * a phone downloads the 320 px rendition and a desktop the 800 px one.
 */
export function picture(image, { alt, sizes, eager = false } = {}) {
  const renditions = renditionsOf(image);
  const loading = eager ? 'eager' : 'lazy';
  const text = alt ?? image?.alt ?? '';
  if (renditions.length === 0) {
    return h('img', { src: PLACEHOLDER, alt: text, width: 600, height: 600, loading, class: 'placeholder' });
  }
  const webp = renditions.filter((r) => r.type === 'image/webp');
  const fallback = renditions.filter((r) => r.type !== 'image/webp');
  const imgSet = fallback.length ? fallback : webp;
  const largest = imgSet.slice().sort((a, b) => b.width - a.width)[0];
  const smallestSensible = imgSet.slice().sort((a, b) => a.width - b.width).find((r) => r.width >= 600) ?? largest;
  const img = h('img', {
    src: smallestSensible.url,
    srcset: srcset(imgSet),
    sizes,
    alt: text,
    width: largest.width,
    height: Number(image?.height && image?.width ? Math.round((largest.width * image.height) / image.width) : largest.width),
    loading,
    decoding: 'async',
  });
  // A rendition that fails to load (deleted, CDN hiccup) shows the placeholder, never a broken icon.
  img.addEventListener('error', () => {
    if (!img.src.endsWith(PLACEHOLDER)) {
      img.removeAttribute('srcset');
      img.src = PLACEHOLDER;
    }
  }, { once: true });
  if (webp.length && fallback.length) {
    return h('picture', {}, h('source', { type: 'image/webp', srcset: srcset(webp), sizes }), img);
  }
  return img;
}

/** The first image of a product or listing item, whatever the API calls it. */
export function primaryImage(item) {
  if (item?.image) return item.image;
  if (Array.isArray(item?.images) && item.images.length) return item.images[0];
  return null;
}
