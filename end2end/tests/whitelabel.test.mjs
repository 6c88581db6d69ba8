// White-label in a real browser: the logo (an unsafe SVG refused, a safe one previewed
// then saved and shown on the tenant portal), a custom domain reaching ACTIVE through
// the records-file resolver and then serving the brand, the go-live check going green,
// and the customer help center on the partner's own host (search → deep link).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTenant, getWithHost, hydrated, signIn, serverAndBrowser } from './harness.mjs';

const records = join(mkdtempSync(join(tmpdir(), 'switchboard-dns-')), 'records');
writeFileSync(records, '# written by the test as it goes\n');


const SAFE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 32"><rect width="120" height="32" rx="6" fill="#0f766e"/><text x="10" y="22" fill="#fff">Harbor</text></svg>';
const UNSAFE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>';

describe('white-label', () => {
  const suite = serverAndBrowser({ SWITCHBOARD_DNS_RECORDS_FILE: records });

  test('logo, brand on the tenant portal, custom domain, go-live check, help center', async () => {
    const { url } = suite.server;
    const page = await (await suite.browser.newContext()).newPage();
    await signIn(page, url);

    // Brand with its own sender, so no email names the platform.
    await page.goto(url + '/settings/brand');
    await hydrated(page);
    await page.locator('#field-brand_name').fill('Harbor Lines');
    await page.locator('#field-from_email').fill('hello@harborlines.test');
    await page.locator('#field-support_email').fill('help@harborlines.test');
    await page.getByRole('button', { name: 'Save brand' }).click();
    await page.getByText('Saved. Your customers see it').waitFor();

    // An SVG with a script is refused before upload, with the reason under the field.
    const upload = page.getByRole('button', { name: 'Upload logo' });
    await page.locator('#field-logo').setInputFiles({ name: 'evil.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(UNSAFE_SVG) });
    await page.getByTestId('logo-error').getByText('script').waitFor();
    assert.equal(await upload.isDisabled(), true);
    assert.equal(await page.getByTestId('preview-logo').count(), 0);

    // A plain one shows in the preview at once, and is saved on Upload.
    await page.locator('#field-logo').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(SAFE_SVG) });
    await page.getByTestId('preview-logo').waitFor();
    assert.equal(await page.getByTestId('logo-error').innerText(), '');
    await upload.click();
    await page.getByText('Logo saved.').waitFor();
    const logoSrc = await page.getByTestId('preview-logo').getAttribute('src');
    assert.match(logoSrc, /^\/brand\/logo\/[0-9a-f-]{36}\/[0-9a-f]{16}\.svg$/);
    const served = await fetch(url + logoSrc);
    assert.equal(served.headers.get('content-type'), 'image/svg+xml');
    assert.match(await served.text(), /<rect/);

    // A tenant's portal carries the saved brand: name and logo in the header.
    await createTenant(page, url, { name: 'Bluebird Bakery', prefix: 'bluebird', email: 'ap@bluebird.test' });
    await page.goto(url + '/orgs/bluebird');
    await hydrated(page);
    assert.equal(await page.getByTestId('brand-name').innerText(), 'Harbor Lines');
    assert.equal(await page.getByTestId('brand-logo').getAttribute('src'), logoSrc);
    assert.match(await page.title(), /^Harbor Lines — /);

    // Custom domain: PENDING with instructions → record added → Check status → ACTIVE.
    await page.goto(url + '/settings/domains');
    await hydrated(page);
    await page.getByTestId('subdomain').getByText('e2e.localhost').waitFor();
    await page.locator('#field-hostname').fill('not a host');
    await page.getByRole('button', { name: 'Add domain' }).click();
    await page.locator('#field-hostname-error').getByText('full hostname').waitFor();
    await page.locator('#field-hostname').fill('Portal.HarborLines.test');
    await page.getByRole('button', { name: 'Add domain' }).click();
    const row = page.locator('[data-testid="domain-row"][data-host="portal.harborlines.test"]');
    await row.getByTestId('domain-status').getByText('Pending').waitFor();
    await row.getByText('e2e.localhost', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Check status' }).click();
    await row.getByTestId('domain-reason').getByText('No DNS record').waitFor();
    assert.equal((await getWithHost(url, '/login', 'portal.harborlines.test')).body.includes('Harbor Lines'), false);

    writeFileSync(records, 'portal.harborlines.test CNAME e2e.localhost.\n');
    await row.getByRole('button', { name: 'Check status' }).click();
    await row.getByTestId('domain-status').getByText('Active').waitFor();
    const custom = await getWithHost(url, '/login', 'portal.harborlines.test');
    assert.match(custom.body, /Harbor Lines/);
    assert.doesNotMatch(custom.body, /Switchboard/);
    assert.equal((await fetch(`${url}/internal/tls-allowed?domain=portal.harborlines.test`)).status, 200);

    // Go-live check: every customer-facing surface on the custom domain, no mentions.
    await page.goto(url + '/settings/go-live');
    await hydrated(page);
    await page.getByTestId('run-check').click();
    const summary = page.getByTestId('golive-summary');
    await summary.waitFor({ timeout: 30_000 });
    const leaks = (await page.getByTestId('leaks').count()) ? await page.getByTestId('leaks').innerText() : '';
    assert.equal(await summary.getAttribute('data-green'), 'true', `${await summary.innerText()}\n${leaks}`);
    await summary.getByText('portal.harborlines.test').waitFor();
    assert.ok(await page.getByTestId('surfaces').locator('li').count() >= 15);

    // The customer manual on the partner's own host (chromium resolves *.localhost to
    // this machine): branded, searchable, deep links to the section.
    const port = new URL(url).port;
    const customer = await (await suite.browser.newContext()).newPage();
    await customer.goto(`http://e2e.localhost:${port}/help/tenant`);
    await hydrated(customer);
    assert.equal(await customer.getByTestId('brand-name').innerText(), 'Harbor Lines');
    await customer.getByTestId('help-footer').getByText('help@harborlines.test').waitFor();
    await customer.getByLabel('Search the guide').fill('recovery codes');
    await customer.getByRole('button', { name: 'Search' }).click();
    await customer.waitForURL(/\/help\/tenant\?q=recovery/);
    const first = customer.getByTestId('help-results').locator('a').first();
    const href = await first.getAttribute('href');
    assert.match(href, /^\/help\/tenant\/[a-z0-9-]+#[a-z0-9-]+$/);
    await first.click();
    await customer.waitForURL((u) => u.hash.length > 1);
    const anchor = decodeURIComponent(new URL(customer.url()).hash.slice(1));
    await customer.locator(`[id="${anchor}"]`).waitFor();
    assert.doesNotMatch(await customer.content(), /switchboard/i);
  });
});

/** Starts Debian's Caddy with its internal CA, asking the app before each certificate. */
async function startCaddy(appPort) {
  const { spawn } = await import('node:child_process');
  const { freePort } = await import('./harness.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-caddy-'));
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const caddyfile = join(dir, 'Caddyfile');
  writeFileSync(caddyfile, `{
\tadmin off
\tlocal_certs
\tskip_install_trust
\thttp_port ${httpPort}
\thttps_port ${httpsPort}
\tstorage file_system ${dir}/data
\ton_demand_tls {
\t\task http://127.0.0.1:${appPort}/internal/tls-allowed
\t}
}

https:// {
\ttls {
\t\ton_demand
\t}
\treverse_proxy 127.0.0.1:${appPort}
}
`);
  const child = spawn('caddy', ['run', '--config', caddyfile, '--adapter', 'caddyfile'], {
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const up = await new Promise((ok) => {
      const probe = http.get({ host: '127.0.0.1', port: httpPort, path: '/' }, (res) => { res.resume(); ok(true); });
      probe.on('error', () => ok(false));
    });
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`caddy did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { dir, httpsPort, stop: () => child.kill('SIGTERM'), log: () => log };
}

/** Caddy makes its internal CA on first use; wait until its root is on disk. */
async function caddyRoot(caddy) {
  const { existsSync } = await import('node:fs');
  const root = join(caddy.dir, 'data', 'pki', 'authorities', 'local', 'root.crt');
  for (let i = 0; i < 50 && !existsSync(root); i += 1) await new Promise((r) => setTimeout(r, 200));
}

/** GET over TLS to Caddy with SNI and Host `host`, trusting only Caddy's own root. */
async function viaCaddy(caddy, host, path) {
  const https = await import('node:https');
  const { readFileSync, existsSync } = await import('node:fs');
  const root = join(caddy.dir, 'data', 'pki', 'authorities', 'local', 'root.crt');
  return new Promise((resolve, reject) => {
    const request = https.get({
      host: '127.0.0.1',
      port: caddy.httpsPort,
      servername: host,
      path,
      headers: { host, accept: 'text/html' },
      ca: existsSync(root) ? readFileSync(root) : undefined,
    }, (res) => {
      const cert = res.socket.getPeerCertificate();
      let body = '';
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, body, cert }));
    });
    request.on('error', reject);
  });
}

describe('edge proxy', () => {
  const suite = serverAndBrowser({ SWITCHBOARD_DNS_RECORDS_FILE: records });

  test('Caddy gets a certificate on demand for an ACTIVE custom domain and serves the brand', async () => {
    const { url } = suite.server;
    const page = await (await suite.browser.newContext()).newPage();
    await signIn(page, url);
    await page.goto(url + '/settings/domains');
    await hydrated(page);
    await page.locator('#field-hostname').fill('voice.tidewater.test');
    await page.getByRole('button', { name: 'Add domain' }).click();
    const row = page.locator('[data-testid="domain-row"][data-host="voice.tidewater.test"]');
    await row.getByTestId('domain-status').getByText('Pending').waitFor();
    writeFileSync(records, 'voice.tidewater.test CNAME e2e.localhost\n');
    await row.getByRole('button', { name: 'Check status' }).click();
    await row.getByTestId('domain-status').getByText('Active').waitFor();

    const caddy = await startCaddy(new URL(url).port);
    try {
      // An unknown name gets no certificate: the app said 404 to Caddy's question.
      await assert.rejects(viaCaddy(caddy, 'unknown.example.test', '/login'));
      await caddyRoot(caddy);
      // The ACTIVE domain does, from Caddy's own CA, and the page is the partner's.
      const reply = await viaCaddy(caddy, 'voice.tidewater.test', '/login');
      assert.equal(reply.status, 200);
      assert.match(reply.cert.subjectaltname ?? '', /voice\.tidewater\.test/);
      assert.match(reply.body, /E2E Voice/);
      assert.doesNotMatch(reply.body, /Switchboard/);
      // So does a partner subdomain.
      const sub = await viaCaddy(caddy, 'e2e.localhost', '/login');
      assert.equal(sub.status, 200);
    } catch (error) {
      error.message += `\ncaddy log:\n${caddy.log()}`;
      throw error;
    } finally {
      caddy.stop();
    }
  });
});
