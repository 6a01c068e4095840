import { h, notice, render } from '../dom.js';
import { categories, errorNotice, storefrontPage } from '../layout.js';
import { productCard, products } from '../catalog.js';

storefrontPage({
  title: null,
  build: async (content) => {
    const [list, featured] = await Promise.all([categories(), products({ page: 0 }).catch((e) => e)]);
    render(
      content,
      h(
        'section',
        { class: 'hero', 'aria-labelledby': 'hero-title' },
        h('p', { id: 'hero-title', class: 'hero__title' }, 'Sterling silver, made by hand'),
        h('p', {}, 'Rings, necklaces and earrings made in our family workshop from recycled 925 silver. Free UK delivery, and every piece hallmarked.'),
        list.length ? h('a', { class: 'button', href: `/category?slug=${encodeURIComponent(list[0].slug)}` }, `Shop ${list[0].name.toLowerCase()}`) : null,
      ),
      h('h2', {}, 'Shop by category'),
      list.length
        ? h('ul', { class: 'category-tiles' }, list.map((c) => h('li', {}, h('a', { href: `/category?slug=${encodeURIComponent(c.slug)}` }, c.name))))
        : notice('info', 'Categories will be back shortly.'),
      h('h2', {}, 'New in'),
      featured instanceof Error
        ? errorNotice(featured, 'New pieces cannot be shown right now. Please try again in a few minutes.')
        : h('ul', { class: 'product-grid', 'aria-label': 'New in' }, featured.items.slice(0, 8).map(productCard)),
    );
  },
});
