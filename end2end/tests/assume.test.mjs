// "Manage as the tenant" in a real browser: enter with a reason, the banner stays through
// a reload and a new tab, work done inside is recorded for both identities, and ending
// it records how long it lasted. A suspended tenant's portal shows the suspended page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, hydrated, signIn, serverAndBrowser } from './harness.mjs';

describe('assume identity', () => {
  const suite = serverAndBrowser();

  test('enter, banner, work, end, audit', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await signIn(page, suite.server.url);
    await page.goto(suite.server.url + '/tenants');
    await hydrated(page);
    const status = await page.evaluate(async () => {
      const body = new URLSearchParams({
        'form[name]': 'Bluebird Bakery', 'form[sip_prefix]': 'bluebird',
        'form[billing_email]': 'ap@bluebird.test', 'form[timezone]': 'UTC',
      });
      return (await fetch('/api/create_tenant', { method: 'POST', body })).status;
    });
    assert.ok(status < 400, String(status));
    await page.reload();
    await hydrated(page);
    await page.getByRole('link', { name: 'Bluebird Bakery' }).click();
    await page.waitForURL(/\/tenants\/[0-9a-f-]{36}$/);
    await hydrated(page);
    const tenantUrl = page.url();

    const form = page.getByTestId('assume-form');
    await form.getByRole('button', { name: 'Manage as this tenant' }).click();
    await page.locator('#field-reason-error').getByText('Say why').waitFor();
    await page.locator('#field-reason').fill('Ticket 7: set up the front desk phone');
    await Promise.all([page.waitForURL('**/orgs/bluebird'), form.getByRole('button', { name: 'Manage as this tenant' }).click()]);
    await hydrated(page);
    await page.getByTestId('assume-banner').getByText('Bluebird Bakery').waitFor();

    // It survives a reload and a new tab (the session carries it).
    await page.reload();
    await page.getByTestId('assume-banner').waitFor();
    const other = await context.newPage();
    await other.goto(suite.server.url + '/');
    await other.getByTestId('assume-banner').getByText('Bluebird Bakery').waitFor();
    await other.close();

    await hydrated(page);
    // The overview says what to do next; the tabs lead there.
    await page.getByTestId('next-steps').getByText('emergency (E911) address').waitFor();
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Extensions' }).click();
    await page.waitForURL('**/orgs/bluebird/extensions');
    const add = page.getByTestId('add-extension');
    await add.locator('#field-number').fill('100');
    await add.locator('#field-display_name').fill('Front desk');
    await add.getByRole('button', { name: 'Add extension' }).click();
    await page.getByTestId('sip-secret').getByText('bluebird100').waitFor();

    // Invite the customer's own admin from inside their portal.
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Users' }).click();
    await page.waitForURL('**/orgs/bluebird/users');
    const invite = page.getByTestId('invite-tenant-user');
    await invite.locator('#field-email').fill('boss@bluebird.test');
    await invite.locator('#field-role').selectOption('tenant_admin');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByTestId('portal-users').getByText('boss@bluebird.test').first().waitFor();

    await Promise.all([
      page.waitForURL(tenantUrl),
      page.getByTestId('assume-banner').getByRole('button', { name: 'End assumption' }).click(),
    ]);
    assert.equal(await page.getByTestId('assume-banner').count(), 0);

    await page.goto(suite.server.url + '/settings/audit');
    const table = page.getByTestId('audit-table');
    await table.getByText('tenant.assume_started').waitFor();
    await table.getByText('Ticket 7').first().waitFor();
    const created = table.locator('tr', { hasText: 'extension.created' });
    await created.getByText('(as tenant:bluebird (Bluebird Bakery))').waitFor();
    await table.locator('tr', { hasText: 'tenant.assume_ended' }).getByText('duration_seconds').waitFor();

    // The customer's admin joins from the emailed link and lands in their own portal,
    // with none of the partner's pages.
    const ops = await (await suite.browser.newContext()).newPage();
    await signIn(ops, suite.server.url, ADMIN);
    const boss = await join(ops, suite, 'boss@bluebird.test', 'Bea Baker', 'Bakery-boss-1');
    await boss.goto(suite.server.url + '/orgs/bluebird/extensions');
    await boss.getByTestId('extension-row').getByText('bluebird100').waitFor();
    assert.equal(await boss.getByRole('link', { name: 'Tenants' }).count(), 0);
    assert.equal(await boss.getByTestId('trial-banner').count(), 0);
    const refused = await boss.evaluate(async () => (await fetch('/api/tenants_page', {
      method: 'POST', body: new URLSearchParams({ search: '', sort: 'created', descending: 'false', page: '1' }),
    })).status);
    assert.equal(refused, 403);

    // Their activity tab shows when support came in, why and for how long.
    await boss.goto(suite.server.url + '/orgs/bluebird/activity');
    const visit = boss.getByTestId('support-visits').locator('li').first();
    await visit.getByText('Ticket 7: set up the front desk phone').waitFor();
    await visit.getByText(/Stayed \d+ (s|min)/).waitFor();
    await visit.getByText('owner@e2e.test').waitFor();

    // Settings: a PO box is refused field by field; a street address saves.
    await boss.goto(suite.server.url + '/orgs/bluebird/settings');
    await hydrated(boss);
    const settings = boss.getByTestId('portal-settings');
    await settings.locator('#field-e911_street').fill('PO Box 12');
    await settings.locator('#field-e911_city').fill('Austin');
    await settings.locator('#field-e911_state').selectOption('TX');
    await settings.locator('#field-e911_zip').fill('78701');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.locator('#field-e911_street-error').getByText(/PO box/i).waitFor();
    await settings.locator('#field-e911_street').fill('500 Congress Ave');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Saved.').waitFor();
    await boss.goto(suite.server.url + '/orgs/bluebird');
    await boss.getByText('500 Congress Ave, Austin, TX 78701').waitFor();

    // A Tenant User reads: no activity tab, no forms, and the server refuses changes.
    await boss.goto(suite.server.url + '/orgs/bluebird/users');
    await hydrated(boss);
    const invite2 = boss.getByTestId('invite-tenant-user');
    await invite2.locator('#field-email').fill('clerk@bluebird.test');
    await invite2.locator('#field-role').selectOption('tenant_user');
    await invite2.getByRole('button', { name: 'Send invitation' }).click();
    await boss.getByTestId('portal-users').getByText('clerk@bluebird.test').first().waitFor();
    const clerk = await join(ops, suite, 'clerk@bluebird.test', 'Cal Clerk', 'Bakery-clerk-1');
    await clerk.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Settings' }).waitFor();
    assert.equal(await clerk.getByRole('link', { name: 'Activity' }).count(), 0);
    await clerk.goto(suite.server.url + '/orgs/bluebird/extensions');
    await clerk.getByTestId('extension-row').first().waitFor();
    assert.equal(await clerk.getByTestId('add-extension').count(), 0);
    const tenantId = tenantUrl.split('/').pop();
    const clerkTries = await clerk.evaluate(async (id) => {
      const post = async (path, fields) => (await fetch(path, { method: 'POST', body: new URLSearchParams(fields) })).status;
      return [
        await post('/api/save_tenant_settings', { id, 'form[billing_email]': 'x@bluebird.test', 'form[timezone]': 'UTC' }),
        await post('/api/add_extension', { tenant: id, 'form[number]': '205', 'form[display_name]': 'Sneaky' }),
        await post('/api/portal_activity', { tenant: id }),
      ];
    }, tenantId);
    assert.deepEqual(clerkTries, [403, 403, 403]);

    // Suspended: the portal shows the suspended page.
    await page.goto(tenantUrl);
    await hydrated(page);
    await page.getByRole('button', { name: 'Suspend service' }).click();
    await page.getByText('Suspended', { exact: true }).first().waitFor();
    await page.locator('#field-reason').fill('Checking the suspended page');
    await Promise.all([page.waitForURL('**/orgs/bluebird'), page.getByRole('button', { name: 'Manage as this tenant' }).click()]);
    await page.getByTestId('suspended-page').waitFor();
    await boss.goto(suite.server.url + '/orgs/bluebird/users');
    await boss.getByTestId('suspended-page').waitFor();

    // Cancelled: the customer's portal is read-only, on the page and on the server.
    await page.getByTestId('assume-banner').getByRole('button', { name: 'End assumption' }).click();
    await page.waitForURL(tenantUrl);
    await hydrated(page);
    await page.getByText('Delete tenant…').click();
    await page.locator('#field-confirm').fill('Bluebird Bakery');
    await page.getByRole('button', { name: 'Delete tenant' }).click();
    await page.getByText('Cancelled', { exact: true }).first().waitFor();
    await boss.goto(suite.server.url + '/orgs/bluebird/extensions');
    await boss.getByTestId('read-only-notice').waitFor();
    await boss.getByTestId('extension-row').first().waitFor();
    assert.equal(await boss.getByTestId('add-extension').count(), 0);
    const bossTries = await boss.evaluate(async (id) => (await fetch('/api/add_extension', {
      method: 'POST', body: new URLSearchParams({ tenant: id, 'form[number]': '206', 'form[display_name]': 'Late' }),
    })).status, tenantId);
    assert.equal(bossTries, 409);
  });
});

/** Reads the newest invitation to `email` from the platform outbox (as `ops`), opens its
 *  link in a fresh browser context and joins; returns that page, in the portal. */
async function join(ops, suite, email, name, password) {
  await ops.goto(suite.server.url + '/admin/outbox');
  const item = ops.locator('li', { hasText: `To ${email}` }).filter({ hasText: 'invited you to' }).first();
  const mail = await item.getByTestId('outbox-body').textContent();
  const link = mail.match(/http:\/\/\S+\/invite\?token=[\w-]+/)[0];
  const page = await (await suite.browser.newContext()).newPage();
  await page.goto(link);
  await hydrated(page);
  await page.locator('#field-name').fill(name);
  await page.locator('#field-password').fill(password);
  await page.locator('#field-confirm').fill(password);
  await Promise.all([page.waitForURL('**/orgs/bluebird'), page.getByRole('button', { name: 'Join' }).click()]);
  return page;
}
