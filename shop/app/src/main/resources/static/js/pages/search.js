// Search results for ?q=: every matching piece; when nothing matches, the categories to browse
// instead (a dead end sells nothing).
import { ApiUnavailable } from '../api.js';
import { h, notice, param, render } from '../dom.js';
import { categories, heading, showDegradedBanner, storefrontPage } from '../layout.js';
import { productCard, products } from '../catalog.js';
import { canonical } from '../seo.js';

storefrontPage({
  title: 'Search',
  build: async (content) => {
    const q = (param('q') ?? '').trim();
    canonical('/search', { q });
    if (!q) {
      heading('Search');
      render(content, notice('info', 'Type what you are looking for in the search box above, for example "moonstone" or "hoops".'));
      return;
    }
    heading(`Results for "${q}"`);
    document.title = `${q} · Search · Silver Jems`;
    let answer;
    try {
      answer = await products({ q, size: 48 });
    } catch (error) {
      if (!(error instanceof ApiUnavailable)) throw error;
      showDegradedBanner();
      render(content, notice('degraded', 'Search is temporarily unavailable. Please try again in a few minutes.'));
      return;
    }
    const items = answer.items ?? [];
    if (items.length === 0) {
      heading('Search');
      const list = await categories();
      render(
        content,
        h(
          'section',
          { class: 'empty-results', 'aria-labelledby': 'no-results' },
          h('h2', { id: 'no-results' }, `No pieces match "${q}"`),
          h('p', {}, 'Check the spelling, try a shorter word, or browse a category:'),
          h('ul', { class: 'category-tiles', id: 'suggested-categories' }, list.map((c) => h('li', {}, h('a', { href: `/category?slug=${encodeURIComponent(c.slug)}` }, c.name)))),
        ),
      );
      return;
    }
    const total = answer.totalItems ?? items.length;
    render(
      content,
      h('p', { id: 'result-count' }, `${total} ${total === 1 ? 'piece' : 'pieces'}`),
      h('ul', { class: 'product-grid' }, items.map(productCard)),
    );
  },
});
