// Admin home: what needs doing today.
import { api } from '../api.js';
import { h, render } from '../dom.js';
import { adminPage } from './layout.js';

adminPage({
  title: 'Admin',
  active: null,
  build: async (content) => {
    const [toPack, toShip] = await Promise.all([api.get('/api/admin/orders?status=paid&size=100'), api.get('/api/admin/orders?status=packed&size=100')]);
    render(
      content,
      h(
        'div',
        { class: 'cards' },
        h('section', { class: 'card' }, h('h2', {}, 'To pack'), h('p', { class: 'summary__total', id: 'count-to-pack' }, String(toPack.length)), h('a', { href: '/admin/orders?status=paid' }, 'Paid orders')),
        h('section', { class: 'card' }, h('h2', {}, 'To send'), h('p', { class: 'summary__total', id: 'count-to-ship' }, String(toShip.length)), h('a', { href: '/admin/orders?status=packed' }, 'Packed orders')),
        h('section', { class: 'card' }, h('h2', {}, 'Catalogue'), h('p', {}, h('a', { href: '/admin/products' }, 'Products, prices and stock'))),
        h('section', { class: 'card' }, h('h2', {}, 'Checks'), h('p', {}, h('a', { href: '/admin/audit' }, 'Audit log'), ' · ', h('a', { href: '/admin/email' }, 'Email deliverability'))),
      ),
    );
  },
});
