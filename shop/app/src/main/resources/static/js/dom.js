// Tiny DOM builder. Pages build elements with h() instead of innerHTML so that text from the API
// (product names, addresses, audit entries) is always inserted as text and can never become markup,
// and so nothing needs an inline style or handler (the CSP forbids both).

/**
 * Creates an element.
 * attrs: plain attributes, plus `class`, `dataset` (object), `on` (event name -> listener),
 * and boolean attributes given as true/false. Children: nodes, strings, numbers, arrays, null.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'on') {
      for (const [event, listener] of Object.entries(value)) el.addEventListener(event, listener);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name === 'class') {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (name === 'style' || /^on./.test(name)) {
      // The CSP would block these anyway; failing here names the culprit.
      throw new Error(`h(): inline ${name} is not allowed, use a class or the "on" listeners`);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else if (name === 'value' && 'value' in el) {
      el.value = value;
      el.setAttribute(name, String(value));
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

/**
 * The attributes of a box that scrolls a wide table sideways: keyboard users can focus it to
 * scroll (axe's scrollable-region-focusable), and it is announced by its label.
 */
export function scrollBox(label) {
  return { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': label };
}

/** Replaces all children of `el`. */
export function render(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** The element with this id; throws a clear error when a page's markup lacks it. */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id} in the page`);
  return el;
}

/** Query-string parameter of the current page. */
export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

let fieldCounter = 0;

/** A labelled form field: label, control, optional hint and error slot wired with aria. */
export function field(label, control, { hint, name } = {}) {
  const id = control.id || `f-${name ?? control.name ?? 'field'}-${++fieldCounter}`;
  control.id = id;
  const described = [];
  let hintEl = null;
  if (hint) {
    hintEl = h('p', { class: 'field__hint', id: `${id}-hint` }, hint);
    described.push(hintEl.id);
  }
  const errorEl = h('p', { class: 'field__error', id: `${id}-error`, hidden: true });
  described.push(errorEl.id);
  control.setAttribute('aria-describedby', described.join(' '));
  return h('div', { class: 'field' }, h('label', { for: id }, label), hintEl, control, errorEl);
}

/** Shows field errors from an RFC 7807 problem (`errors: [{field, message}]`) next to inputs. */
export function showFieldErrors(form, problem) {
  for (const errorEl of form.querySelectorAll('.field__error')) {
    errorEl.hidden = true;
    errorEl.textContent = '';
  }
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  let first = null;
  for (const error of problem?.fieldErrors ?? []) {
    // Server field paths may be nested ("shippingAddress.postcode"); the form names the leaf.
    const input = form.elements.namedItem(error.field) ?? form.elements.namedItem(String(error.field).split('.').pop());
    if (!input || !input.id) continue;
    const errorEl = document.getElementById(`${input.id}-error`);
    if (errorEl) {
      // The API says "is required"; the shopper reads "Postcode is required".
      const label = input.labels?.[0]?.textContent?.trim();
      errorEl.textContent = label && /^[a-z]/.test(error.message) ? `${label} ${error.message}` : error.message;
      errorEl.hidden = false;
    }
    input.setAttribute('aria-invalid', 'true');
    first ??= input;
  }
  first?.focus();
  return first !== null;
}

/** A notice box; role=alert for errors so screen readers announce them. */
export function notice(kind, ...children) {
  const role = kind === 'error' || kind === 'degraded' ? 'alert' : 'status';
  return h('div', { class: `notice notice--${kind}`, role }, ...children);
}

/** Reads a form into a plain object (trimmed strings; checkboxes as booleans). */
export function formValues(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled) continue;
    if (el.type === 'checkbox') values[el.name] = el.checked;
    else if (el.type === 'radio') {
      if (el.checked) values[el.name] = el.value;
    } else if (el.type !== 'submit' && el.type !== 'button' && el.type !== 'file') {
      values[el.name] = el.value.trim();
    }
  }
  return values;
}

/** Disables a form's submit button while `work` runs, so double clicks never submit twice. */
export async function whileBusy(form, work) {
  const buttons = [...form.querySelectorAll('button[type="submit"], button:not([type])')];
  buttons.forEach((b) => {
    b.disabled = true;
    b.setAttribute('aria-busy', 'true');
  });
  try {
    return await work();
  } finally {
    buttons.forEach((b) => {
      b.disabled = false;
      b.removeAttribute('aria-busy');
    });
  }
}
