// Admin catalogue API: products with every variant's price and stock, edited one field at a time
// so each change is its own audit-log entry.
import { api } from '../api.js';

const PAGE = 200;

export async function allProducts() {
  const products = [];
  for (let page = 0; ; page++) {
    const batch = await api.get(`/api/admin/products?page=${page}&size=${PAGE}`);
    products.push(...batch);
    if (batch.length < PAGE) return products;
  }
}

export async function findProduct(slug) {
  return (await allProducts()).find((p) => p.slug === slug) ?? null;
}

export function createProduct(form) {
  return api.post('/api/admin/products', form);
}

export function updateProduct(slug, form) {
  return api.put(`/api/admin/products/${encodeURIComponent(slug)}`, form);
}

export function addVariant(slug, form) {
  return api.post(`/api/admin/products/${encodeURIComponent(slug)}/variants`, form);
}

export function setPrice(sku, priceMinor, currency) {
  return api.put(`/api/admin/variants/${encodeURIComponent(sku)}/price`, { priceMinor, currency });
}

export function setStock(sku, stock) {
  return api.put(`/api/admin/variants/${encodeURIComponent(sku)}/stock`, { stock });
}

export function images(slug) {
  return api.get(`/api/admin/products/${encodeURIComponent(slug)}/images`);
}

export function uploadImage(slug, file) {
  const body = new FormData();
  body.append('file', file, file.name);
  return api.post(`/api/admin/products/${encodeURIComponent(slug)}/images`, body);
}
