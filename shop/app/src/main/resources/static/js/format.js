// Money is integers of minor units plus an ISO 4217 currency, exactly as the API sends it.

const formatters = new Map();

/** 6500, "GBP" -> "£65.00". */
export function money(minor, currency = 'GBP') {
  if (minor === null || minor === undefined) return '';
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-GB', { style: 'currency', currency });
    formatters.set(currency, formatter);
  }
  const digits = formatter.resolvedOptions().maximumFractionDigits;
  return formatter.format(Number(minor) / 10 ** digits);
}

/** "65.00" (what a shop owner types) -> 6500 minor units; NaN when it is not a price. */
export function parseMoney(text, currency = 'GBP') {
  const digits = new Intl.NumberFormat('en-GB', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  const cleaned = String(text).replace(/[£$€,\s]/g, '');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return NaN;
  const [whole, fraction = ''] = cleaned.split('.');
  if (fraction.length > digits) return NaN;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || 0);
}

/** Minor units as the plain number an admin edits: 6500 -> "65.00". */
export function minorToInput(minor, currency = 'GBP') {
  const digits = new Intl.NumberFormat('en-GB', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  return (Number(minor) / 10 ** digits).toFixed(digits);
}

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

export function when(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : dateTime.format(date);
}

export function day(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : dateOnly.format(date);
}

/** "out_of_stock" / "OUT_OF_STOCK" -> "out of stock". */
export function words(code) {
  return String(code ?? '').toLowerCase().replaceAll('_', ' ');
}
