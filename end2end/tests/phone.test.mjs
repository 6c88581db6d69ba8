// Every page on a phone (390×844): each route of the app, as the role that uses it and
// with real data in it (a tenant with an extension, ported numbers, a card and a top-up,
// a custom domain, an API key, a webhook, invited people), must fit the screen: the page
// never scrolls sideways and nothing sticks out past the right edge unless it sits in a
// container that scrolls sideways itself (tables scroll inside their card). Measured once
// hydrated and again once the page's data has loaded. And for every signed-in role each
// link of the navigation (bar, hamburger, user menu) opens a real page, never the 404.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, PARTNER, acceptInvite, createTenant, hydrated, signIn, serverAndBrowser } from './harness.mjs';

const PHONE = { width: 390, height: 844 };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
// Long on purpose: real names, e-mail addresses and hosts are what widen a page.
const TENANT = { name: 'Bluebird Bakery & Café of Greater Denver', prefix: 'bluebird', email: 'accounts-payable@bluebird-bakery.test' };
const PORTAL = ['', '/extensions', '/numbers', '/users', '/activity', '/billing', '/settings'].map((p) => `/orgs/${TENANT.prefix}${p}`);

/** Every `path!("…")` in the app's route table, wherever it lives under app/src. */
function appRoutes() {
  const src = fileURLToPath(new URL('../../app/src', import.meta.url));
  const found = new Set();
  for (const file of readdirSync(src, { recursive: true }).filter((f) => f.endsWith('.rs'))) {
    for (const m of readFileSync(join(src, file), 'utf8').matchAll(/path!\("([^"]*)"\)/g)) found.add(m[1]);
  }
  return [...found];
}

/**
 * Runs in the page: what sticks out past the right edge of the screen. An element or a
 * run of text counts unless an ancestor that really clips it (for an absolutely
 * positioned box, only its containing block and what clips that) scrolls sideways
 * (`overflow-x: auto|scroll`), truncates with an ellipsis, or is visually hidden. An
 * `overflow: hidden` ancestor is no excuse: what it cuts off cannot be reached at all.
 * A table's `sr-only` header inside a scroll box that is not `relative` is caught too:
 * it escapes the box and widens the page. Only the outermost offenders are named.
 */
function sticksOut() {
  const edge = document.documentElement.clientWidth;
  const out = [];
  const wide = document.documentElement.scrollWidth;
  if (wide > edge) out.push(`the page scrolls sideways: ${wide}px wide on a ${edge}px screen`);
  const excused = (from, position) => {
    for (let a = from; a && a !== document.body; a = a.parentElement) {
      if (position === 'fixed') return false;
      const s = getComputedStyle(a);
      if (position === 'absolute' && s.position === 'static') continue; // not its containing block
      if (s.overflowX === 'auto' || s.overflowX === 'scroll') return true;
      if (s.overflowX !== 'visible' && s.textOverflow === 'ellipsis') return true;
      if (s.clipPath !== 'none' || (s.clip && s.clip !== 'auto')) return true;
      position = s.position;
    }
    return false;
  };
  const bad = new Map();
  // Text is checked from its own element up (a `truncate` span clips its own text); an
  // element from its parent up (its own overflow does not move its box).
  const note = (el, right, text) => {
    if (right <= edge + 1) return; // sub-pixel rounding
    if (text ? excused(el, 'static') : excused(el.parentElement, getComputedStyle(el).position)) return;
    bad.set(el, Math.max(right, bad.get(el) ?? 0));
  };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width || r.height) note(el, r.right, false);
  }
  const range = document.createRange();
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let t = walk.nextNode(); t; t = walk.nextNode()) {
    if (!t.textContent.trim() || !t.parentElement) continue;
    range.selectNodeContents(t);
    const r = range.getBoundingClientRect();
    if (r.width || r.height) note(t.parentElement, r.right, true);
  }
  const name = (el) => {
    let s = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '');
    if (el.dataset?.testid) s += `[data-testid=${el.dataset.testid}]`;
    const cls = (el.getAttribute('class') ?? '').trim();
    return cls ? `${s} class="${cls}"` : s;
  };
  const outermost = [...bad].filter(([el]) => ![...bad.keys()].some((o) => o !== el && o.contains(el)));
  for (const [el, right] of outermost.slice(0, 6)) {
    const where = el.parentElement?.closest('[data-testid]')?.dataset.testid;
    const text = el.textContent.trim().replace(/\s+/g, ' ').slice(0, 50);
    out.push(`${name(el)} ends at ${Math.round(right)}px > ${edge}px: "${text}"; in ${name(el.parentElement)}`
      + (where ? ` in [data-testid=${where}]` : ''));
  }
  if (outermost.length > 6) out.push(`…and ${outermost.length - 6} more`);
  return out;
}

/** Waits until nothing is loading: no request in flight, no skeleton left. */
async function settled(page) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 10_000 }).catch(() => {});
}

/** The heading of the app's status page (404 and friends), or null on a real page. */
async function statusPage(page) {
  const title = page.locator('#status-title');
  return (await title.count()) ? title.textContent() : null;
}

describe('on a phone', () => {
  const suite = serverAndBrowser({ SWITCHBOARD_ALLOW_PRIVATE_WEBHOOKS: 'true' });
  // One signed-in page per role; the data is made at desktop size, where nothing can be
  // in the way of a click, and each page is switched to the phone size afterwards.
  const as = {};
  const paths = {};

  before(async () => {
    const { url } = suite.server;
    const { browser } = suite;
    const partner = as.partner = await (await browser.newContext()).newPage();
    await signIn(partner, url);
    await createTenant(partner, url, TENANT);
    paths.tenant = new URL(partner.url()).pathname;
    await hydrated(partner);
    const ext = partner.getByTestId('add-extension');
    await ext.locator('#field-number').fill('101');
    await ext.locator('#field-display_name').fill('Front desk and reception');
    await ext.getByRole('button', { name: 'Add extension' }).click();
    await partner.getByTestId('sip-secret').waitFor();

    // A card and a top-up, so the wallet pages have rows.
    await partner.goto(url + '/settings/billing/methods');
    await hydrated(partner);
    const card = partner.getByTestId('add-card');
    await card.locator('#field-name').fill('Pat Partner');
    await card.locator('#field-number').fill('4242424242424242');
    await card.locator('#field-expiry').fill('12/39');
    await card.locator('#field-cvc').fill('123');
    await card.getByRole('button', { name: 'Save card' }).click();
    await partner.getByTestId('card-row').first().waitFor();
    await partner.goto(url + '/settings/billing');
    await hydrated(partner);
    await partner.getByTestId('top-up').locator('#field-amount').fill('20');
    await partner.getByTestId('top-up').getByRole('button', { name: 'Top up' }).click();
    await partner.getByTestId('top-up').getByText('Added $20.00').waitFor();

    // A port with the PIN the carrier wants: it completes (carrier steps run as jobs)
    // and puts two numbers into the inventory, assigned to the tenant.
    await partner.goto(url + '/numbers/ports/new');
    await hydrated(partner);
    const fields = {
      numbers: '(303) 555-0142\n+1 720 555 0199', losing_carrier: 'AT&T', account_holder: 'Bluebird Bakery LLC',
      account_number: '8812-4410', pin: '4821', desired_date: new Date().toISOString().slice(0, 10),
      service_street: '1600 Glenarm Pl', service_city: 'Denver', service_state: 'CO', service_zip: '80202',
    };
    for (const [field, value] of Object.entries(fields)) await partner.locator(`#field-${field}`).fill(value);
    await partner.locator('#field-tenant').selectOption({ label: TENANT.name });
    await partner.locator('#field-loa').setInputFiles({ name: 'signed-loa.pdf', mimeType: 'application/pdf', buffer: PDF });
    await partner.locator('#field-bill').setInputFiles({ name: 'bill.png', mimeType: 'image/png', buffer: PNG });
    await partner.getByTestId('port-form').getByRole('button', { name: 'Submit request' }).click();
    await partner.waitForURL(/\/numbers\/ports\/[0-9a-f-]{36}$/);
    paths.port = new URL(partner.url()).pathname;
    for (let i = 0; i < 60 && !/Completed/.test(await partner.getByTestId('port-status').innerText()); i += 1) {
      await partner.waitForTimeout(500);
      await partner.reload();
    }
    assert.match(await partner.getByTestId('port-status').innerText(), /Completed/, 'the port completes');
    await partner.goto(url + '/numbers');
    paths.number = await partner.locator('[data-testid=number-row] td:nth-child(2) a').first().getAttribute('href');

    // Settings with rows: a custom domain (pending, so its DNS record shows), an API key,
    // a webhook endpoint, an invited team member.
    await partner.goto(url + '/settings/domains');
    await hydrated(partner);
    await partner.locator('#field-hostname').fill('voice-portal.bluebird-bakery-and-cafe-of-greater-denver.test');
    await partner.getByRole('button', { name: 'Add domain' }).click();
    await partner.getByTestId('domain-row').first().waitFor();
    await partner.goto(url + '/settings/api-keys');
    await hydrated(partner);
    const key = partner.getByTestId('new-key-form');
    await key.locator('#field-name').fill('CRM sync for the bakery chain');
    await key.getByRole('radio', { name: 'Tenants: read and write' }).check();
    await key.getByRole('button', { name: 'Create key' }).click();
    await partner.getByTestId('new-secret').waitFor();
    await partner.goto(url + '/settings/webhooks');
    await hydrated(partner);
    const hook = partner.getByTestId('new-endpoint-form');
    await hook.locator('#field-url').fill('http://127.0.0.1:9/integrations/switchboard/webhooks/receiver-for-tenant-events');
    await hook.locator('#field-description').fill('CRM sync');
    await hook.getByRole('checkbox', { name: 'tenant.created' }).check();
    await hook.getByRole('button', { name: 'Create endpoint' }).click();
    await partner.getByTestId('new-secret').waitFor();
    await partner.goto(url + '/settings/users');
    await hydrated(partner);
    await partner.locator('#field-email').fill('a.rather.long.name.for.a.colleague@e2e-voice-partner.test');
    await partner.locator('#field-role').selectOption('partner_user');
    await partner.getByRole('button', { name: 'Send invitation' }).click();
    await partner.getByText('Invitation sent.').waitFor();

    // Billing on the Flat Rate starter profile, and a billing run two days on: an invoice.
    await partner.goto(url + paths.tenant);
    await hydrated(partner);
    const billing = partner.getByTestId('tenant-billing');
    await billing.getByTestId('billing-profile').selectOption({ label: 'Flat Rate' });
    await billing.getByTestId('billing-period').selectOption('daily');
    await billing.getByRole('button', { name: 'Save billing' }).click();
    await billing.getByText('Saved.').waitFor();
    suite.server.cli('billing-run', '--at', new Date(Date.now() + 2 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'));
    await partner.goto(url + '/invoices');
    paths.invoice = await partner.getByTestId('invoices-table').locator('a').first().getAttribute('href');

    // The partner managing the tenant: a second session, so the first stays the partner's.
    const managing = as.managing = await (await browser.newContext()).newPage();
    await signIn(managing, url);
    await managing.goto(url + paths.tenant);
    await hydrated(managing);
    await managing.locator('#field-reason').fill('Ticket 7: set up the front desk phone');
    await Promise.all([
      managing.waitForURL(`**/orgs/${TENANT.prefix}`),
      managing.getByTestId('assume-form').getByRole('button', { name: 'Manage as this tenant' }).click(),
    ]);
    // …who invites the customer's admin and a plain user, who join from the mail.
    for (const [email, role] of [['boss@bluebird-bakery.test', 'tenant_admin'], ['clerk@bluebird-bakery.test', 'tenant_user']]) {
      await managing.goto(url + PORTAL[3]);
      await hydrated(managing);
      const invite = managing.getByTestId('invite-tenant-user');
      await invite.locator('#field-email').fill(email);
      await invite.locator('#field-role').selectOption(role);
      await invite.getByRole('button', { name: 'Send invitation' }).click();
      await managing.getByTestId('portal-users').getByText(email).first().waitFor();
    }
    const admin = as.admin = await (await browser.newContext()).newPage();
    await signIn(admin, url, ADMIN);
    as.tenantAdmin = await acceptInvite(browser, url, admin, 'boss@bluebird-bakery.test', { name: 'Bea Baker', password: 'Bakery-boss-1' });
    as.tenantUser = await acceptInvite(browser, url, admin, 'clerk@bluebird-bakery.test', { name: 'Cal Clerk', password: 'Bakery-clerk-1' });
    as.signedOut = await (await browser.newContext()).newPage();
    for (const page of Object.values(as)) await page.setViewportSize(PHONE);
  });

  test('every page fits the screen', async () => {
    const { url } = suite.server;
    const problems = [];
    const visited = [];

    // Opens `path` as `role`; it must be the page itself (200, not a status page, not
    // redirected away); then measures it hydrated, and again once its data is in.
    const check = async (role, path, then) => {
      const page = as[role];
      const label = `${role} ${path}`;
      const response = await page.goto(url + path);
      visited.push(path.split(/[?#]/)[0]);
      await hydrated(page);
      const status = await statusPage(page);
      const landed = new URL(page.url()).pathname;
      if (response.status() !== 200 || status) problems.push(`${label}: answered ${response.status()} ${status ?? ''}`);
      if (landed !== path.split(/[?#]/)[0]) problems.push(`${label}: redirected to ${landed}`);
      const hydratedOnes = await page.evaluate(sticksOut);
      await settled(page);
      if (then) await then(page);
      const loadedOnes = await page.evaluate(sticksOut);
      for (const p of new Set([...hydratedOnes, ...loadedOnes])) {
        const when = [hydratedOnes.includes(p) && 'hydrated', loadedOnes.includes(p) && 'loaded'].filter(Boolean);
        problems.push(`${label} (${when.join(' and ')}): ${p}`);
      }
    };
    // The open menus (hamburger panel, user menu) must fit too, over the role's last page.
    const menus = async (role) => {
      const page = as[role];
      for (const label of ['Menu', 'User menu']) {
        const summary = page.locator(`summary[aria-label="${label}"]`);
        if (!(await summary.isVisible())) continue;
        await summary.click();
        await page.waitForTimeout(200);
        for (const p of await page.evaluate(sticksOut)) problems.push(`${role} ${new URL(page.url()).pathname} with "${label}" open: ${p}`);
        await summary.click();
      }
    };

    for (const path of ['/login', '/login/code?ticket=expired', '/signup', '/verify-email?token=expired',
      '/forgot-password', '/reset-password?token=expired', '/invite?token=expired']) await check('signedOut', path);
    await menus('signedOut');

    const partnerPages = ['/', '/tenants', '/tenants/new', '/tenants/defaults', paths.tenant,
      '/numbers', '/numbers/e911', '/numbers/ports', '/numbers/ports/new', paths.port, paths.number,
      '/settings/users', '/settings/audit', '/settings/brand', '/settings/domains', '/settings/go-live',
      '/settings/api-keys', '/settings/webhooks', '/settings/billing', '/settings/billing/methods',
      '/settings/billing/history', '/settings/security', '/help/partner?q=number', '/help/tenant',
      '/invoices', paths.invoice, '/settings/pricing'];
    for (const path of partnerPages) await check('partner', path);
    await menus('partner');
    // The search results are the page's data.
    await check('partner', '/numbers/buy', async (page) => {
      await page.locator('#field-state').selectOption('CO');
      await page.getByTestId('number-search').getByRole('button', { name: 'Search' }).click();
      await page.getByTestId('available-row').first().waitFor();
    });
    // Every chapter of both manuals, as the reader each is written for.
    for (const [role, manual] of [['partner', 'partner'], ['tenantAdmin', 'tenant']]) {
      await check(role, `/help/${manual}`);
      const chapters = await as[role].locator(`main a[href^="/help/${manual}/"]`)
        .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('href').split('#')[0]))]);
      assert.ok(chapters.length > 0, `the ${manual} manual lists its chapters`);
      for (const chapter of chapters) await check(role, chapter);
    }

    for (const path of ['/admin/partners', '/admin/tiers', '/admin/outbox', '/settings/security']) await check('admin', path);
    await menus('admin');
    for (const path of PORTAL) await check('managing', path);
    await menus('managing');
    for (const path of [...PORTAL, '/settings/security']) await check('tenantAdmin', path);
    await menus('tenantAdmin');
    for (const path of PORTAL.filter((p) => !p.endsWith('/activity'))) await check('tenantUser', path);

    // A page added to the route table must be added here too.
    const missed = appRoutes().filter((route) => {
      const pattern = new RegExp('^' + route.replace(/:[^/]+/g, '[^/]+') + '$');
      return !visited.some((path) => pattern.test(path));
    });
    assert.deepEqual(missed, [], 'routes this test does not visit');
    assert.equal(problems.length, 0, `${problems.length} problems on a phone:\n${problems.join('\n')}`);
  });

  test('every navigation link opens a real page', async () => {
    const { url } = suite.server;
    const problems = [];
    for (const role of ['partner', 'admin', 'managing', 'tenantAdmin', 'tenantUser']) {
      const page = as[role];
      await page.goto(url + '/');
      await hydrated(page);
      // The bar is hidden on a phone and the menus are closed, but their links are in
      // the document all the same.
      const links = {};
      for (const list of ['desktop-nav', 'mobile-nav', 'user-menu']) {
        links[list] = await page.locator(`[data-testid=${list}] a[href]`).evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
      }
      assert.ok(links['mobile-nav'].length > 0 && links['user-menu'].length > 0, `${role} has a menu: ${JSON.stringify(links)}`);
      assert.deepEqual(links['mobile-nav'], links['desktop-nav'], `${role}: the hamburger offers what the bar does`);
      const other = await page.context().newPage();
      for (const href of new Set(Object.values(links).flat())) {
        const response = await other.goto(new URL(href, url).href);
        // Redirects are followed: a link that bounces a signed-in person to the sign-in
        // page is as broken as a 404.
        const status = await statusPage(other);
        const landed = new URL(other.url()).pathname;
        if (response.status() !== 200 || status || landed === '/login') {
          problems.push(`${role}: ${href} answered ${response.status()} ${status ?? ''} at ${landed}`);
        }
      }
      await other.close();
    }
    assert.equal(problems.length, 0, `navigation links that are not pages:\n${problems.join('\n')}`);
  });
});
