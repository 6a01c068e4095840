// The audit log: every admin change, who made it, and what changed (before -> after).
import { api } from '../api.js';
import { h, param, render, scrollBox } from '../dom.js';
import { when } from '../format.js';
import { adminPage } from './layout.js';

const PAGE_SIZE = 50;

function changes(before, after) {
  if (!before && after) return h('p', { class: 'diff' }, 'created');
  if (before && !after) return h('p', { class: 'diff' }, 'deleted');
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const changed = keys.filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k]));
  if (changed.length === 0) return h('p', { class: 'diff' }, 'no change');
  return h('ul', { class: 'diff' }, changed.map((k) => h('li', {}, `${k}: ${show(before?.[k])} → ${show(after?.[k])}`)));
}

function show(value) {
  if (value === undefined || value === null) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

adminPage({
  title: 'Audit log',
  active: 'audit',
  build: async (content) => {
    const type = param('entityType') ?? '';
    const id = param('entityId') ?? '';
    const page = Math.max(0, Number(param('page') ?? 0) || 0);
    const query = new URLSearchParams({ page: String(page), size: String(PAGE_SIZE) });
    if (type) query.set('entityType', type);
    if (id) query.set('entityId', id);
    const entries = await api.get(`/api/admin/audit-log?${query}`);
    const href = (p) => `/admin/audit?${new URLSearchParams({ ...(type && { entityType: type }), ...(id && { entityId: id }), page: String(p) })}`;
    render(
      content,
      h(
        'form',
        { class: 'toolbar', method: 'get', action: '/admin/audit' },
        h('div', { class: 'field' }, h('label', { for: 'audit-type' }, 'What'), h('select', { id: 'audit-type', name: 'entityType' }, [['', 'Everything'], ['product', 'Products'], ['variant', 'Variants'], ['order', 'Orders'], ['account', 'Accounts and MFA']].map(([v, t]) => h('option', { value: v, selected: v === type }, t)))),
        h('div', { class: 'field' }, h('label', { for: 'audit-id' }, 'Which (SKU, slug, order number)'), h('input', { type: 'text', id: 'audit-id', name: 'entityId', value: id })),
        h('button', { type: 'submit', class: 'button button--small' }, 'Show'),
      ),
      entries.length === 0
        ? h('p', { class: 'empty' }, 'Nothing recorded yet.')
        : h(
            'div',
            scrollBox('Audit log'),
            h(
              'table',
              { id: 'audit-log' },
              h('caption', { class: 'visually-hidden' }, 'Admin changes, newest first'),
              h('thead', {}, h('tr', {}, ['When', 'Who', 'What', 'Which', 'Change'].map((t) => h('th', { scope: 'col' }, t)))),
              h('tbody', {}, entries.map((e) => h('tr', { dataset: { action: e.action } }, h('td', {}, when(e.at)), h('td', {}, e.actor), h('td', {}, e.action), h('td', { class: 'mono' }, `${e.entityType} ${e.entityId}`), h('td', {}, changes(e.before, e.after))))),
            ),
          ),
      h('nav', { class: 'pagination', 'aria-label': 'Pages' }, page > 0 ? h('a', { href: href(page - 1), rel: 'prev' }, 'Newer') : null, entries.length === PAGE_SIZE ? h('a', { href: href(page + 1), rel: 'next' }, 'Older') : null),
    );
  },
});
