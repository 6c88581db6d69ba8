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
    const add = page.getByTestId('add-extension');
    await add.locator('#field-number').fill('100');
    await add.locator('#field-display_name').fill('Front desk');
    await add.getByRole('button', { name: 'Add extension' }).click();
    await page.getByTestId('sip-secret').getByText('bluebird100').waitFor();

    // Invite the customer's own admin from inside their portal.
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
    await ops.goto(suite.server.url + '/admin/outbox');
    const mail = await ops.getByTestId('outbox-body').filter({ hasText: 'invited you to' }).first().textContent();
    const link = mail.match(/http:\/\/\S+\/invite\?token=[\w-]+/)[0];
    const boss = await (await suite.browser.newContext()).newPage();
    await boss.goto(link);
    await hydrated(boss);
    await boss.locator('#field-name').fill('Bea Baker');
    await boss.locator('#field-password').fill('Bakery-boss-1');
    await boss.locator('#field-confirm').fill('Bakery-boss-1');
    await Promise.all([boss.waitForURL('**/orgs/bluebird'), boss.getByRole('button', { name: 'Join' }).click()]);
    await boss.getByTestId('extension-row').getByText('bluebird100').waitFor();
    assert.equal(await boss.getByRole('link', { name: 'Tenants' }).count(), 0);
    assert.equal(await boss.getByTestId('trial-banner').count(), 0);
    const refused = await boss.evaluate(async () => (await fetch('/api/tenants_page', {
      method: 'POST', body: new URLSearchParams({ search: '', sort: 'created', descending: 'false', page: '1' }),
    })).status);
    assert.equal(refused, 403);

    // Suspended: the portal shows the suspended page.
    await page.goto(tenantUrl);
    await hydrated(page);
    await page.getByRole('button', { name: 'Suspend service' }).click();
    await page.getByText('Suspended', { exact: true }).first().waitFor();
    await page.locator('#field-reason').fill('Checking the suspended page');
    await Promise.all([page.waitForURL('**/orgs/bluebird'), page.getByRole('button', { name: 'Manage as this tenant' }).click()]);
    await page.getByTestId('suspended-page').waitFor();
  });
});
