// The shopper's account: who they are, their orders with status, sign out.
import { ApiUnavailable } from '../api.js';
import { currentAccount, signOut } from '../auth.js';
import { h, render, scrollBox } from '../dom.js';
import { day, money } from '../format.js';
import { errorNotice, storefrontPage } from '../layout.js';
import { myOrders, orderHref, statusBadge } from '../orders.js';

function toSignIn() {
  location.replace(`/sign-in?next=${encodeURIComponent('/account')}`);
}

storefrontPage({
  title: 'Your account',
  build: async (content) => {
    let account;
    try {
      account = await currentAccount();
    } catch (error) {
      render(content, errorNotice(error, 'Your account is temporarily unavailable. Please try again in a few minutes.'));
      return;
    }
    if (!account) return toSignIn();

    const signOutButton = h('button', { type: 'button', class: 'button button--secondary', id: 'sign-out' }, 'Sign out');
    signOutButton.addEventListener('click', async () => {
      signOutButton.disabled = true;
      await signOut().catch(() => null);
      location.assign('/');
    });

    const ordersSection = h('section', { 'aria-labelledby': 'orders-title' }, h('h2', { id: 'orders-title' }, 'Your orders'));
    render(
      content,
      h('div', { class: 'card' }, h('p', {}, 'Signed in as ', h('strong', {}, account.displayName || account.email), account.displayName ? ` (${account.email})` : ''), signOutButton),
      ordersSection,
    );

    try {
      const orders = await myOrders();
      const list = Array.isArray(orders) ? orders : orders.items ?? [];
      if (list.length === 0) {
        ordersSection.append(h('p', { class: 'empty' }, 'No orders yet. ', h('a', { href: '/' }, 'Start shopping')));
        return;
      }
      ordersSection.append(
        h(
          'div',
          scrollBox('Your orders, newest first'),
          h(
            'table',
            { id: 'orders' },
            h('caption', { class: 'visually-hidden' }, 'Your orders, newest first'),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Order'), h('th', { scope: 'col' }, 'Placed'), h('th', { scope: 'col' }, 'Total'), h('th', { scope: 'col' }, 'Status'))),
            h(
              'tbody',
              {},
              list.map((o) =>
                h('tr', { dataset: { number: o.number } }, h('th', { scope: 'row' }, h('a', { href: orderHref(o.number) }, o.number)), h('td', {}, day(o.placedAt)), h('td', {}, money(o.totalMinor, o.currency)), h('td', {}, statusBadge(o.status))),
              ),
            ),
          ),
        ),
      );
    } catch (error) {
      ordersSection.append(errorNotice(error, error instanceof ApiUnavailable ? 'Your orders cannot be shown right now. Please try again in a few minutes.' : undefined));
    }
  },
});
