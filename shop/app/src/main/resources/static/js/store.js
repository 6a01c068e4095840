// Hints kept in the browser so the header can show "Signed in" and the basket count without asking
// the API on every page (and still shows them while the API is down). They are only hints: the
// server's session and cart are the truth, and any 401 clears the sign-in hint.

const ACCOUNT = 'sj.account';
const CART_COUNT = 'sj.cartCount';

export function accountHint() {
  try {
    return JSON.parse(localStorage.getItem(ACCOUNT));
  } catch {
    return null;
  }
}

export function rememberAccount(account) {
  if (account) localStorage.setItem(ACCOUNT, JSON.stringify({ email: account.email, name: account.name ?? account.displayName ?? null }));
  else localStorage.removeItem(ACCOUNT);
  document.dispatchEvent(new CustomEvent('sj:account'));
}

export function cartCountHint() {
  return Number(localStorage.getItem(CART_COUNT) || 0);
}

export function rememberCartCount(count) {
  localStorage.setItem(CART_COUNT, String(Math.max(0, Number(count) || 0)));
  document.dispatchEvent(new CustomEvent('sj:cart'));
}
