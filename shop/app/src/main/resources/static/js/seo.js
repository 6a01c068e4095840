// What search engines and link previews read about a page: its canonical address, Open Graph and
// Twitter card tags and, for a product, schema.org Product/Offer data (JSON-LD). Built with DOM
// calls like everything else: JSON-LD is a data block the browser never runs, so the CSP allows
// it; text from the API goes in through textContent and setAttribute, never as markup.

const SITE_NAME = 'Silver Jems';

function meta(attribute, key, content) {
  let tag = document.head.querySelector(`meta[${attribute}="${key}"]`);
  if (!content) {
    tag?.remove();
    return;
  }
  if (!tag) {
    tag = document.createElement('meta');
    tag.setAttribute(attribute, key);
    document.head.appendChild(tag);
  }
  tag.setAttribute('content', content);
}

/** The page's one canonical address: its clean path plus only the query that names the content. */
export function canonical(path, query = {}) {
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(query)) if (value) url.searchParams.set(name, value);
  let link = document.head.querySelector('link[rel="canonical"]');
  if (!link) {
    link = document.createElement('link');
    link.setAttribute('rel', 'canonical');
    document.head.appendChild(link);
  }
  link.setAttribute('href', url.href);
  return url.href;
}

/** Title, description, address and picture of the page for link previews. */
export function describe({ title, description, url, image, type = 'website' }) {
  meta('name', 'description', description);
  meta('property', 'og:site_name', SITE_NAME);
  meta('property', 'og:type', type);
  meta('property', 'og:title', title);
  meta('property', 'og:description', description);
  meta('property', 'og:url', url);
  meta('property', 'og:image', image?.url);
  meta('property', 'og:image:width', image?.width ? String(image.width) : null);
  meta('property', 'og:image:height', image?.height ? String(image.height) : null);
  meta('property', 'og:image:alt', image?.alt);
  meta('name', 'twitter:card', image ? 'summary_large_image' : 'summary');
  meta('name', 'twitter:title', title);
  meta('name', 'twitter:description', description);
  meta('name', 'twitter:image', image?.url);
  meta('name', 'twitter:image:alt', image?.alt);
}

/** The largest JPEG of a photo (what every preview scraper can show) with its size. */
export function previewImage(image) {
  const jpegs = (image?.renditions ?? []).filter((r) => r.format === 'jpeg');
  const largest = jpegs.sort((a, b) => b.width - a.width)[0];
  if (!largest) return null;
  const height = image.width && image.height ? Math.round((largest.width * image.height) / image.width) : null;
  return { url: largest.url, width: largest.width, height, alt: image.alt };
}

function amount(minor) {
  return (Number(minor) / 100).toFixed(2);
}

/** schema.org Product with one Offer per variant: price, currency, availability, SKU. */
export function productJsonLd(p, url) {
  const images = (p.images ?? []).map(previewImage).filter(Boolean).map((i) => i.url);
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: p.name,
    description: p.description ?? '',
    url,
    brand: { '@type': 'Brand', name: SITE_NAME },
    category: typeof p.category === 'string' ? p.category : p.category?.name,
    image: images,
    material: 'Sterling silver (925)',
    offers: (p.variants ?? []).map((v) => ({
      '@type': 'Offer',
      sku: v.sku,
      name: v.size ? `${p.name}, size ${v.size}` : p.name,
      price: amount(v.priceMinor),
      priceCurrency: v.currency ?? p.currency,
      availability: v.inStock ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
      itemCondition: 'https://schema.org/NewCondition',
      url,
    })),
  };
  if (images.length === 0) delete data.image;
  let script = document.getElementById('product-json-ld');
  if (!script) {
    script = document.createElement('script');
    script.type = 'application/ld+json';
    script.id = 'product-json-ld';
    document.head.appendChild(script);
  }
  script.textContent = JSON.stringify(data);
  return data;
}
