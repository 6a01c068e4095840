#!/usr/bin/env node
// Usage: node storefront-layout.mjs SOURCE_DIR OUT_DIR
//
// The storefront as the release uploads it, and the one place that decides each file's name and
// caching. Writes the files to OUT_DIR and prints a JSON list of {key, source,
// contentType, cacheControl, hashed} (what publish-storefront.sh uploads, and what the edge stand-in serves).
//
// - Documents (HTML, the service worker, the web manifest) keep their names, since bookmarks, links
//   in emails and the browser's service-worker update check use them, and get a short cache: a
//   release reaches shoppers within a minute, and only the documents that changed are invalidated.
// - Every other file (JS modules, CSS, images) is renamed name.<content hash>.ext and cached for a
//   year as `immutable`: a new release can only ever add new names. References to them (HTML
//   src/href, JS imports, string literals, CSS url()) are rewritten. A file's hash covers its
//   rewritten text, so changing a module renames every module importing it, transitively.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';

export const SHORT_CACHE = 'public, max-age=60, must-revalidate';
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.webmanifest', '.json', '.txt']);

/** Files whose URL is part of a contract with browsers or links, never renamed. */
export function isDocument(key) {
  return key.endsWith('.html') || key === 'sw.js' || key.endsWith('.webmanifest') || key === 'robots.txt';
}

function extension(key) {
  const base = posix.basename(key);
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot);
}

function listFiles(root) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else found.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return found;
}

// A quoted string or url( ) that is a path: absolute (/js/x.js) or relative (./x.js, ../img/y.svg).
const REFERENCE = /(["'(`])(\/[\w./-]+|\.\.?\/[\w./-]+)(?=[)"'`?#])/g;

function resolve(fromKey, path) {
  if (path.startsWith('/')) return path.slice(1);
  return posix.normalize(posix.join(posix.dirname(fromKey), path));
}

/** Keys of the given file's references that are renamed assets, and a function rewriting them. */
function references(key, text, assets) {
  const found = new Set();
  for (const match of text.matchAll(REFERENCE)) {
    const target = resolve(key, match[2]);
    if (assets.has(target)) found.add(target);
  }
  const rewrite = (names) =>
    text.replace(REFERENCE, (whole, quote, path) => {
      const target = resolve(key, path);
      if (!names.has(target)) return whole;
      const renamed = names.get(target);
      const replacement = path.startsWith('/')
        ? '/' + renamed
        : path.slice(0, path.length - posix.basename(path).length) + posix.basename(renamed);
      return quote + replacement;
    });
  return { found, rewrite };
}

export function layout(sourceDir) {
  const keys = listFiles(sourceDir);
  const assets = new Set(keys.filter((k) => !isDocument(k)));
  const content = new Map(keys.map((k) => [k, readFileSync(join(sourceDir, k))]));
  const parsed = new Map();
  for (const key of keys) {
    if (TEXT.has(extension(key))) parsed.set(key, references(key, content.get(key).toString('utf8'), assets));
  }

  const names = new Map();
  const bodies = new Map();
  const visiting = [];
  const nameOf = (key) => {
    if (names.has(key)) return names.get(key);
    if (visiting.includes(key)) {
      throw new Error(`storefront-layout: import cycle ${[...visiting.slice(visiting.indexOf(key)), key].join(' -> ')}`);
    }
    visiting.push(key);
    const refs = parsed.get(key);
    let body = content.get(key);
    if (refs) {
      for (const dependency of refs.found) nameOf(dependency);
      body = Buffer.from(refs.rewrite(names), 'utf8');
    }
    visiting.pop();
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    const ext = extension(key);
    const renamed = key.slice(0, key.length - ext.length) + '.' + hash + ext;
    names.set(key, renamed);
    bodies.set(key, body);
    return renamed;
  };
  for (const key of assets) nameOf(key);

  const files = [];
  for (const key of keys) {
    let body = bodies.get(key);
    if (!body) {
      const refs = parsed.get(key);
      body = refs ? Buffer.from(refs.rewrite(names), 'utf8') : content.get(key);
    }
    const hashed = assets.has(key);
    files.push({
      key: hashed ? names.get(key) : key,
      source: key,
      body,
      contentType: CONTENT_TYPES[extension(key)] ?? 'application/octet-stream',
      cacheControl: hashed ? IMMUTABLE_CACHE : SHORT_CACHE,
      hashed,
    });
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [sourceDir, outDir] = process.argv.slice(2);
  if (!sourceDir || !outDir) {
    console.error('usage: storefront-layout.mjs SOURCE_DIR OUT_DIR');
    process.exit(2);
  }
  try {
    const files = layout(sourceDir);
    for (const file of files) {
      const target = join(outDir, ...file.key.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.body);
    }
    const manifest = files.map(({ key, source, contentType, cacheControl, hashed }) => ({
      key, source, contentType, cacheControl, hashed,
    }));
    process.stdout.write(JSON.stringify(manifest, null, 1) + '\n');
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
