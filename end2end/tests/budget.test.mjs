// First-load budgets: the JS, WASM and CSS a cold browser needs to show and hydrate a
// page, in bytes as served to a client that accepts brotli. The targets: /login (the
// first thing a partner's customer ever loads) ≤ 200 KiB; the dashboard, the tenant list
// and a tenant's portal ≤ 300 KiB each. Until they are met, each route is held to what it
// measures today (ROUTES), so nothing grows. The .wasm and .js files must come
// brotli-compressed.
// The checker itself is shown to fail on a planted oversized page first.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { launchBrowser, signIn, serverAndBrowser, freePort } from './harness.mjs';
import {
  firstLoad, budgetViolation, assertWithinBudget, notBrotli, describeFiles,
  createTenantsViaApi, manageAsTenant,
} from './firstload.mjs';

const KiB = 1024;
const PREFIX = 'budgetbakery';
// KiB as measured with the split build plus 2 % (see ROUTES). Before the split every
// route loaded 1,155 KiB; split by page: /login 376.5, / 444.8, /tenants 479.8, a tenant
// portal 467.0 (2026-12-07). With the billing pages: 385.9, 454.5, 500.6, 483.3. With
// card payments (portal payment forms, the collection settings, payment history): 394.2,
// 463.8, 509.4, 492.4, about 9 KiB more on every route. Most of
// it is the main chunk (343 KiB) every page shares, which holds every page's data
// (cargo-leptos #679: the splitter keeps the whole data segment in main), so each new
// page adds its strings to every first load until that is fixed upstream.
const LOGIN_BUDGET = 402;
const HOME_BUDGET = 473;
const TENANTS_BUDGET = 520;
const PORTAL_BUDGET = 502;

describe('first-load budget checker (planted page)', () => {
  // A page whose "hydration" fetches a 260 KiB incompressible WASM (served brotli, chunked,
  // no Content-Length), a 2 MiB all-zero WASM that brotli shrinks to a few bytes (so a
  // counter that decompressed would be caught), gzip JS and plain CSS.
  const br = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  const plain = { '/pkg/app.wasm': randomBytes(260 * KiB), '/pkg/zeros.wasm': Buffer.alloc(2 * 1024 * KiB) };
  const big = br(plain['/pkg/app.wasm']);
  const zeros = br(plain['/pkg/zeros.wasm']);
  const js = `await fetch('/pkg/app.wasm'); await fetch('/pkg/zeros.wasm');
document.body.setAttribute('data-hydrated', 'true');`;
  const jsGz = gzipSync(js);
  const css = 'body { color: #123; }';
  const html = `<!doctype html><html><head><title>planted</title>
<link rel="stylesheet" href="/pkg/app.css"><script type="module" src="/pkg/app.js"></script>
</head><body><h1>planted</h1></body></html>`;
  let server;
  let browser;
  let url;

  before(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = http.createServer((req, res) => {
      const accepts = req.headers['accept-encoding'] ?? '';
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(html) });
        res.end(html);
      } else if (req.url === '/pkg/app.js') {
        res.writeHead(200, { 'content-type': 'text/javascript', 'content-encoding': 'gzip', 'content-length': jsGz.length });
        res.end(jsGz);
      } else if (req.url === '/pkg/app.css') {
        res.writeHead(200, { 'content-type': 'text/css', 'content-length': css.length });
        res.end(css);
      } else if (req.url === '/pkg/app.wasm' || req.url === '/pkg/zeros.wasm') {
        const body = req.url === '/pkg/app.wasm' ? big : zeros;
        if (!/\bbr\b/.test(accepts)) {
          // A browser that did not offer brotli gets it plain; the measurement must not.
          res.writeHead(200, { 'content-type': 'application/wasm' });
          res.end(plain[req.url]);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/wasm', 'content-encoding': 'br' });
        // Chunked on purpose: several writes, no Content-Length.
        for (let at = 0; at < body.length; at += 16 * KiB) res.write(body.subarray(at, at + 16 * KiB));
        res.end();
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await new Promise((ok) => server.close(ok));
  });

  test('counts raw bytes as served and fails an oversized budget, naming every file', async () => {
    const result = await firstLoad(browser, url, '/');
    assert.deepEqual(result.files, [
      { url: '/pkg/app.css', bytes: css.length, encoding: 'identity' },
      { url: '/pkg/app.js', bytes: jsGz.length, encoding: 'gzip' },
      { url: '/pkg/app.wasm', bytes: big.length, encoding: 'br' },
      { url: '/pkg/zeros.wasm', bytes: zeros.length, encoding: 'br' },
    ]);
    assert.ok(zeros.length < 100, 'the all-zero WASM counts compressed, not as 2 MiB');
    assert.equal(result.total, css.length + jsGz.length + big.length + zeros.length);

    // Over 200 KiB: the checker fails, and its message lists each file, size and encoding.
    const message = budgetViolation(result, 200 * KiB);
    assert.ok(message, 'a 260 KiB first load must violate a 200 KiB budget');
    assert.throws(() => assertWithinBudget(result, 200 * KiB), (e) => e instanceof assert.AssertionError && e.message === message);
    assert.match(message, /^\/: first load is [\d,]+ B .* over the 204,800 B \(200\.0 KiB\) budget/);
    for (const f of result.files) {
      assert.match(message, new RegExp(`${f.bytes.toLocaleString('en-US')} B .*${f.encoding} +${f.url.replaceAll('.', '\\.')}\\n`));
    }
    // Within budget it passes; only the gzip JS is "not brotli".
    assert.equal(budgetViolation(result, result.total), null);
    assertWithinBudget(result, 300 * KiB);
    assert.deepEqual(notBrotli(result).map((f) => f.url), ['/pkg/app.js']);
  });
});

describe('first-load budget', () => {
  const suite = serverAndBrowser();
  const sessions = { partner: null, assuming: null };
  const measured = new Map();
  // `target` is where each first load must get to (the first-load issue's budgets);
  // `budget` is what it measures today plus 2 %, so any growth fails here while the
  // shared main chunk is still too large for the targets. Lower `budget` whenever a
  // change shrinks a route; never raise it.
  const ROUTES = [
    { path: '/login', target: 200 * KiB, budget: LOGIN_BUDGET * KiB, as: null },
    { path: '/', target: 300 * KiB, budget: HOME_BUDGET * KiB, as: 'partner' },
    { path: '/tenants', target: 300 * KiB, budget: TENANTS_BUDGET * KiB, as: 'partner' },
    { path: `/orgs/${PREFIX}`, target: 300 * KiB, budget: PORTAL_BUDGET * KiB, as: 'assuming' },
  ];

  /** Each route is measured once, on first use. */
  const measure = (route) => {
    if (!measured.has(route.path)) {
      const cookies = route.as ? sessions[route.as] : undefined;
      measured.set(route.path, firstLoad(suite.browser, suite.server.url, route.path, { cookies }));
    }
    return measured.get(route.path);
  };

  before(async () => {
    const { url } = suite.server;
    // Two sign-ins, two sessions: one stays the partner admin, one manages a tenant.
    const partner = await suite.browser.newContext();
    const page = await partner.newPage();
    await signIn(page, url);
    const [tenantPath] = await createTenantsViaApi(page, [
      { name: 'Budget Bakery', prefix: PREFIX, email: 'ap@budgetbakery.test' },
    ]);
    sessions.partner = await partner.storageState();
    await partner.close();

    const assuming = await suite.browser.newContext();
    const other = await assuming.newPage();
    await signIn(other, url);
    await manageAsTenant(other, url, tenantPath, PREFIX);
    sessions.assuming = await assuming.storageState();
    await assuming.close();
  });

  for (const route of ROUTES) {
    test(`${route.path} first load ≤ ${route.budget / KiB} KiB as served to a brotli client (target ${route.target / KiB} KiB)`, async () => {
      const result = await measure(route);
      const has = (ext) => result.files.some((f) => f.url.split('?')[0].endsWith(ext));
      assert.ok(has('.wasm') && has('.js'), `${route.path}: no WASM or JS was loaded, so nothing was measured:\n${describeFiles(result)}`);
      assertWithinBudget(result, route.budget);
    });
  }

  test('every .wasm and .js file of a first load is served with content-encoding: br', async () => {
    const problems = [];
    for (const route of ROUTES) {
      const result = await measure(route);
      for (const f of notBrotli(result)) problems.push(`  ${route.path}: ${f.url} came ${f.encoding} (${f.bytes.toLocaleString('en-US')} B)`);
    }
    if (problems.length > 0) {
      assert.fail(`asked with Accept-Encoding: br, gzip, these were not served brotli-compressed:\n${problems.join('\n')}`);
    }
  });
});
