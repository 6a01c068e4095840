// Run in the page by the browser tests at every screenshot: the accessibility basics a machine can
// check. Every form control has a label, every image an alt, every link and button a name, and all
// visible text reaches WCAG AA contrast against its background (4.5:1, or 3:1 for large text).
() => {
  const problems = [];
  const shown = (el) => !el.closest('[hidden], .visually-hidden, noscript, template') && el.getClientRects().length > 0;

  for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
    if (!shown(el)) continue;
    if (!(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby'))) {
      problems.push(`control without a label: ${el.outerHTML.slice(0, 100)}`);
    }
  }
  for (const img of document.querySelectorAll('img')) {
    if (!img.hasAttribute('alt')) problems.push(`image without alt: ${img.getAttribute('src')}`);
  }
  for (const el of document.querySelectorAll('a[href], button')) {
    if (!shown(el)) continue;
    const named = el.textContent.trim() || el.getAttribute('aria-label') || el.querySelector('img[alt]:not([alt=""])');
    if (!named) problems.push(`link or button without a name: ${el.outerHTML.slice(0, 100)}`);
  }

  const channels = (text) => (text.match(/[\d.]+/g) || []).map(Number);
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = channels(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] >= 0.9)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const checked = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim();
    const el = walker.currentNode.parentElement;
    if (!text || checked.has(el) || !shown(el)) continue;
    checked.add(el);
    // WCAG exempts inactive controls; the skip link is shown only when focused.
    if (el.closest('button[disabled], [aria-disabled="true"], .skip-link')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
    const fg = luminance(channels(style.color).slice(0, 3));
    const bg = luminance(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (Number(style.fontWeight) >= 700 && size >= 18.66);
    const needed = large ? 3 : 4.5;
    if (ratio < needed) problems.push(`contrast ${ratio.toFixed(2)}:1 below ${needed}:1 for "${text.slice(0, 40)}"`);
  }
  return problems;
}
