// Starts the real, built server on a free port with a fresh SQLite database, and
// launches Debian's chromium through playwright-core. Every test file uses this.
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

function serverBinary() {
  const candidates = [
    process.env.SWITCHBOARD_SERVER_BIN,
    join(root, 'target', 'release', 'server'),
    join(root, 'target', 'debug', 'server'),
  ].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`no server binary; build first (looked at ${candidates.join(', ')})`);
  return found;
}

/** Accounts every suite can sign in with, created through the real CLI. */
export const PARTNER = { email: 'owner@e2e.test', password: 'Correct-horse1', name: 'E2E Voice' };
export const ADMIN = { email: 'admin@e2e.test', password: 'Correct-horse1' };

export async function startServer(extraEnv = {}) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
    LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? join(root, 'target', 'site'),
    DATABASE_URL: `sqlite://${join(dir, 'e2e.db')}?mode=rwc`,
    SWITCHBOARD_DATA_DIR: dir,
    RUST_LOG: 'warn',
    ...extraEnv,
  };
  const cli = (...args) => {
    const r = spawnSync(serverBinary(), args, { cwd: root, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`server ${args[0]} failed: ${r.stdout}${r.stderr}`);
    return r.stdout;
  };
  cli('create-partner', '--name', PARTNER.name, '--slug', 'e2e', '--email', PARTNER.email, '--password', PARTNER.password);
  cli('create-platform-admin', '--email', ADMIN.email, '--password', ADMIN.password);
  const child = spawn(serverBinary(), ['serve'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  let exited = null;
  let exitSignal = null;
  child.on('exit', (code, signal) => { exited = code; exitSignal = signal; });

  // cargo-leptos style runners start tests and server together: poll until it answers.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) throw new Error(`server exited early with ${exited}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error('server did not become healthy within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    /** Runs a `server` subcommand on this server's database; resolves with its output. */
    cli,
    /** Sends SIGTERM and resolves with the exit code: 0 means a graceful shutdown. */
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (exited !== null || exitSignal !== null ? r() : child.on('exit', r)));
      rmSync(dir, { recursive: true, force: true });
      return exited;
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** Signs in through the real form (works with JavaScript on or off). */
export async function signIn(page, url, { email, password } = PARTNER) {
  await page.goto(url + '/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([
    // Generous: with several suites at once on two cores a sign-in can take a while.
    page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 45_000 }),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

/** Waits until the WASM app has hydrated the page. */
export async function hydrated(page) {
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 30_000 });
}

/**
 * One server and one browser for the enclosing `describe`; torn down after it, with
 * SIGTERM required to end in a clean exit (graceful shutdown).
 */
export function serverAndBrowser(extraEnv = {}) {
  const suite = { server: null, browser: null };
  before(async () => {
    suite.server = await startServer(extraEnv);
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    assert.equal(await suite.server?.stop(), 0);
  });
  return suite;
}

/** GET `path` with another Host header (browsers cannot set one): status and body. */
export function getWithHost(url, path, host) {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    http.get({ hostname, port, path, headers: { host, accept: 'text/html' } }, (res) => {
      let body = '';
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    }).on('error', reject);
  });
}

/** Creates a tenant through the real form and waits for its page. */
export async function createTenant(page, url, { name, prefix, email }) {
  await page.goto(url + '/tenants/new');
  await hydrated(page);
  await page.locator('#field-name').fill(name);
  await page.locator('#field-sip_prefix').fill(prefix);
  await page.locator('#field-billing_email').fill(email);
  await Promise.all([
    page.waitForURL(/\/tenants\/[0-9a-f-]{36}$/),
    page.getByRole('button', { name: 'Create tenant' }).click(),
  ]);
}

/**
 * Accepts the newest invitation mailed to `email`: a platform admin's page (`ops`) reads
 * the link from the outbox, and a fresh browser context joins with it. Resolves with the
 * new member's page once the Join form has moved on.
 */
export async function acceptInvite(browser, url, ops, email, { name, password }) {
  await ops.goto(url + '/admin/outbox');
  const item = ops.locator('li', { hasText: `To ${email}` }).filter({ hasText: '/invite?token=' }).first();
  const link = (await item.getByTestId('outbox-body').textContent()).match(/http:\/\/\S+\/invite\?token=[\w-]+/)[0];
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await hydrated(page);
  await page.locator('#field-name').fill(name);
  await page.locator('#field-password').fill(password);
  await page.locator('#field-confirm').fill(password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/invite'), { timeout: 15_000 }),
    page.getByRole('button', { name: 'Join' }).click(),
  ]);
  return page;
}

/**
 * A tenant billed daily on the Flat Rate starter profile, made through the partner's
 * forms, with its own Tenant Admin (invited by the partner, joined through the operator's
 * outbox). Returns the admin's signed-in page.
 */
export async function dailyTenantWithAdmin(browser, url, partner, { name, prefix, admin }) {
  await createTenant(partner, url, { name, prefix, email: `ap@${prefix}.test` });
  await hydrated(partner);
  const tenantId = partner.url().split('/').pop();
  const billing = partner.getByTestId('tenant-billing');
  await billing.getByTestId('billing-profile').selectOption({ label: 'Flat Rate' });
  await billing.getByTestId('billing-period').selectOption('daily');
  await billing.getByRole('button', { name: 'Save billing' }).click();
  await billing.getByText('Saved.').waitFor();
  const invited = await partner.evaluate(async ([tenant, email]) => {
    const body = new URLSearchParams({ tenant, email, role: 'tenant_admin' });
    return (await fetch('/api/invite_tenant_user', { method: 'POST', body })).status;
  }, [tenantId, admin.email]);
  assert.ok(invited < 400, String(invited));
  const ops = await (await browser.newContext()).newPage();
  await signIn(ops, url, ADMIN);
  return acceptInvite(browser, url, ops, admin.email, { name: admin.name, password: 'Correct-horse1' });
}
