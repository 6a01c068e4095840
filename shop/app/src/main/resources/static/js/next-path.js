// Where a page may send the browser after signing in: a path on this site only. A check on the
// text alone is not enough: browsers read '/\evil.example' as '//evil.example' (another site), and
// drop tabs and newlines from addresses, so the path is resolved as the browser will and its origin
// compared.

/** {@code next} when it is a path on {@code origin} under {@code prefix}, else null. */
export function sameSitePath(next, prefix = '/', origin = globalThis.location?.origin) {
  // eslint-disable-next-line no-control-regex
  if (typeof next !== 'string' || !next.startsWith(prefix) || /[\\\u0000-\u0020\u007f]/.test(next)) {
    return null;
  }
  let url;
  try {
    url = new URL(next, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin || !url.pathname.startsWith(prefix) || url.pathname.includes('//')) {
    return null;
  }
  return url.pathname + url.search + url.hash;
}
