// First-load weight of a page, as served: which JS, WASM and CSS files a cold browser
// fetches to show and hydrate one path, and how many bytes each costs a client that
// accepts brotli. Sizes only (no timing), so the numbers are the same on every run.
// Used by budget.test.mjs and end2end/bench/firstload-report.mjs.
import http from 'node:http';
import assert from 'node:assert/strict';

/** What a brotli-capable browser says it accepts. */
export const ACCEPT_ENCODING = 'br, gzip';

const ASSET_TYPES = new Set(['script', 'stylesheet']);
const ASSET_EXT = /\.(js|mjs|wasm|css)$/i;

/**
 * Is this request part of the first-load weight? Same origin only; scripts and
 * stylesheets by resource type, anything ending in .js/.wasm/.css (the WASM itself is a
 * `fetch`), and whatever else the page takes from /pkg/ (the split manifest, say).
 */
export function isFirstLoadAsset(requestUrl, resourceType, origin) {
  const u = new URL(requestUrl);
  if (u.origin !== origin) return false;
  return ASSET_TYPES.has(resourceType) || ASSET_EXT.test(u.pathname) || u.pathname.startsWith('/pkg/');
}

/**
 * GET `fileUrl` with Node's http module (which never decompresses) and count the body
 * as it crossed the wire. Content-Length when the server sends one, else the sum of the
 * chunks; a Content-Length that disagrees with the body is an error.
 */
export function servedBytes(fileUrl, { acceptEncoding = ACCEPT_ENCODING, cookie } = {}) {
  return new Promise((resolve, reject) => {
    const headers = { 'accept-encoding': acceptEncoding, accept: '*/*' };
    if (cookie) headers.cookie = cookie;
    const req = http.get(fileUrl, { headers }, (res) => {
      let counted = 0;
      res.on('data', (chunk) => { counted += chunk.length; });
      res.on('error', reject);
      res.on('end', () => {
        const declared = res.headers['content-length'];
        const bytes = declared === undefined ? counted : Number(declared);
        if (declared !== undefined && bytes !== counted) {
          reject(new Error(`${fileUrl}: Content-Length ${declared} but ${counted} bytes arrived`));
          return;
        }
        resolve({
          status: res.statusCode,
          bytes,
          encoding: res.headers['content-encoding'] ?? 'identity',
          contentType: res.headers['content-type'] ?? '',
        });
      });
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`${fileUrl}: no answer within 30 s`)));
  });
}

/**
 * Opens `path` on `url` in a fresh browser context (so nothing is cached), signed in when
 * `cookies` is given (an array from `context.cookies()`, or a whole `storageState`), waits
 * for hydration and an idle network, and measures every JS/WASM/CSS file the page asked
 * for as a brotli client gets it. Returns `{ path, files: [{url, bytes, encoding}], total }`
 * with files sorted by URL.
 */
export async function firstLoad(browser, url, path, { cookies, viewport } = {}) {
  const origin = new URL(url).origin;
  const storageState = cookies && !Array.isArray(cookies) ? cookies : undefined;
  const context = await browser.newContext({ storageState, ...(viewport ? { viewport } : {}) });
  try {
    if (Array.isArray(cookies)) await context.addCookies(cookies);
    const page = await context.newPage();
    const seen = new Set();
    page.on('request', (request) => {
      if (isFirstLoadAsset(request.url(), request.resourceType(), origin)) {
        const u = new URL(request.url());
        u.hash = '';
        seen.add(u.href);
      }
    });
    const response = await page.goto(url + path, { waitUntil: 'networkidle', timeout: 60_000 });
    if (!response || response.status() >= 400) {
      throw new Error(`${path}: page answered ${response?.status()}`);
    }
    const landed = new URL(page.url()).pathname;
    if (landed !== new URL(url + path).pathname) {
      throw new Error(`${path}: the browser ended up at ${landed} (signed out? not assuming?)`);
    }
    await page.waitForSelector('body[data-hydrated="true"]', { timeout: 60_000 });
    // Chunks a route loads on demand may start only once hydration runs.
    await page.waitForLoadState('networkidle');

    const cookie = (await context.cookies(origin)).map((c) => `${c.name}=${c.value}`).join('; ');
    const files = [];
    for (const fileUrl of [...seen].sort()) {
      const served = await servedBytes(fileUrl, { cookie });
      if (served.status !== 200) throw new Error(`${fileUrl}: answered ${served.status}`);
      files.push({ url: new URL(fileUrl).pathname + new URL(fileUrl).search, bytes: served.bytes, encoding: served.encoding });
    }
    return { path, files, total: files.reduce((sum, f) => sum + f.bytes, 0) };
  } finally {
    await context.close();
  }
}

export const kib = (bytes) => (bytes / 1024).toFixed(1);
const group = (n) => n.toLocaleString('en-US');

/** One line per file: size, encoding, URL (largest first), then the total. */
export function describeFiles({ files, total }) {
  const width = Math.max(...files.map((f) => group(f.bytes).length), group(total).length);
  const lines = [...files]
    .sort((a, b) => b.bytes - a.bytes || a.url.localeCompare(b.url))
    .map((f) => `  ${group(f.bytes).padStart(width)} B  ${kib(f.bytes).padStart(8)} KiB  ${f.encoding.padEnd(8)}  ${f.url}`);
  lines.push(`  ${group(total).padStart(width)} B  ${kib(total).padStart(8)} KiB  total (${files.length} files)`);
  return lines.join('\n');
}

/** `null` when `result` fits in `budget` bytes, else a message listing every file. */
export function budgetViolation(result, budget) {
  if (result.total <= budget) return null;
  return `${result.path}: first load is ${group(result.total)} B (${kib(result.total)} KiB) as served to a brotli client, `
    + `over the ${group(budget)} B (${kib(budget)} KiB) budget by ${group(result.total - budget)} B:\n${describeFiles(result)}`;
}

/** Throws an AssertionError naming every file when `result` is over `budget` bytes. */
export function assertWithinBudget(result, budget) {
  const message = budgetViolation(result, budget);
  if (message) throw new assert.AssertionError({ message, actual: result.total, expected: budget, operator: '<=' });
}

/** The .wasm and .js files of `result` that did not come brotli-compressed. */
export function notBrotli(result) {
  return result.files.filter((f) => /\.(wasm|m?js)$/i.test(new URL(f.url, 'http://x').pathname) && f.encoding !== 'br');
}

// Setting up the measured pages (shared by budget.test.mjs and the bench report).

/**
 * Creates tenants through the app's own server function from a signed-in partner admin's
 * page (quicker than the form when there are dozens); returns each one's `/tenants/{id}`
 * path, in order. `tenants`: `[{name, prefix, email}]`.
 */
export async function createTenantsViaApi(page, tenants) {
  return page.evaluate(async (list) => {
    const paths = [];
    for (const { name, prefix, email } of list) {
      const body = new URLSearchParams({
        'form[name]': name, 'form[sip_prefix]': prefix,
        'form[billing_email]': email, 'form[timezone]': 'UTC',
      });
      const r = await fetch('/api/create_tenant', { method: 'POST', body });
      if (r.status >= 400) throw new Error(`create_tenant ${prefix}: ${r.status} ${await r.text()}`);
      const to = r.redirected ? r.url : r.headers.get('location');
      const path = to && new URL(to, location.href).pathname;
      if (!path || !/^\/tenants\/[0-9a-f-]{36}$/.test(path)) throw new Error(`create_tenant ${prefix}: no tenant page in the answer (${to})`);
      paths.push(path);
    }
    return paths;
  }, tenants);
}

/** As a signed-in partner admin: opens the tenant's page and "Manage as this tenant"
 *  (the session then carries the assumption), ending on `/orgs/{prefix}`. */
export async function manageAsTenant(page, url, tenantPath, prefix, reason = 'Measuring first-load weight') {
  await page.goto(url + tenantPath);
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 30_000 });
  const form = page.getByTestId('assume-form');
  await page.locator('#field-reason').fill(reason);
  await Promise.all([
    page.waitForURL(`**/orgs/${prefix}`),
    form.getByRole('button', { name: 'Manage as this tenant' }).click(),
  ]);
  await page.getByTestId('assume-banner').waitFor();
}
