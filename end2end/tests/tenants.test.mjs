// Tenants in a real browser: a bad SIP prefix is a field message and creates nothing;
// create (the prefix follows the name), add an extension, edit, search, sort and page
// the list; suspend
// and restore; delete with the typed name → CANCELLED → reactivate.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hydrated, signIn, serverAndBrowser } from './harness.mjs';

describe('tenants', () => {
  const suite = serverAndBrowser();

  test('create, edit, list, lifecycle', async () => {
    const page = await (await suite.browser.newContext()).newPage();
    await signIn(page, suite.server.url);
    await page.goto(suite.server.url + '/tenants');
    await hydrated(page);
    await page.getByTestId('tenants-empty').waitFor();

    // Tenant defaults pre-fill the next new tenant.
    await page.goto(suite.server.url + '/tenants/defaults');
    await hydrated(page);
    await page.locator('#field-timezone').selectOption('America/Denver');
    await page.locator('#field-max_extensions').fill('25');
    await page.getByRole('button', { name: 'Save defaults' }).click();
    await page.getByText('Saved. New tenants start with these.').waitFor();

    await page.goto(suite.server.url + '/tenants');
    await hydrated(page);
    await page.getByRole('link', { name: 'New tenant' }).click();
    await page.waitForURL('**/tenants/new');
    await page.locator('#field-name').waitFor();
    assert.equal(await page.locator('#field-timezone').inputValue(), 'America/Denver');
    assert.equal(await page.locator('#field-max_extensions').inputValue(), '25');
    await page.locator('#field-name').fill('Acme Dental');
    assert.equal(await page.locator('#field-sip_prefix').inputValue(), 'acmedental');
    await page.locator('#field-sip_prefix').fill('Bad Prefix!');
    await page.locator('#field-billing_email').fill('ap@acmedental.test');
    await page.getByRole('button', { name: 'Create tenant' }).click();
    await page.locator('#field-sip_prefix-error').getByText('lowercase letters and digits').waitFor();
    assert.match(page.url(), /\/tenants\/new$/, 'nothing was created');

    await page.locator('#field-sip_prefix').fill('acmedental');
    await page.locator('#field-timezone').selectOption('America/Chicago');
    await Promise.all([
      page.waitForURL(/\/tenants\/[0-9a-f-]{36}$/),
      page.getByRole('button', { name: 'Create tenant' }).click(),
    ]);
    await hydrated(page);
    await page.getByRole('heading', { name: 'Acme Dental' }).waitFor();
    await page.getByText('Trial', { exact: true }).first().waitFor();

    // Extensions: a service code is refused under the field; a good one shows its SIP
    // password once.
    const add = page.getByTestId('add-extension');
    await add.locator('#field-number').fill('911');
    await add.locator('#field-display_name').fill('Front desk');
    await add.getByRole('button', { name: 'Add extension' }).click();
    await page.locator('#field-number-error').getByText('service code').waitFor();
    await add.locator('#field-number').fill('101');
    await add.getByRole('button', { name: 'Add extension' }).click();
    await page.getByTestId('sip-secret').getByText('acmedental101').waitFor();
    const first = await page.getByTestId('sip-password').textContent();
    assert.equal(first.length, 20);
    await page.getByTestId('extension-row').getByText('acmedental101').waitFor();
    await page.getByRole('button', { name: 'New password' }).click();
    await page.waitForFunction((old) => document.querySelector('[data-testid=sip-password]')?.textContent !== old, first);

    // Edit: the prefix is fixed; the name changes at once.
    await page.locator('#field-name').fill('Acme Dental Care');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved. Changes apply at once.').waitFor();

    // Suspend and restore.
    await page.getByRole('button', { name: 'Suspend service' }).click();
    await page.getByText('Suspended', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Restore service' }).click();
    await page.getByText('Active', { exact: true }).first().waitFor();

    // Delete needs the exact name; then it is cancelled, read-only, and can come back.
    await page.getByText('Delete tenant…').click();
    await page.locator('#field-confirm').fill('acme dental care');
    await page.getByRole('button', { name: 'Delete tenant' }).click();
    await page.locator('#field-confirm-error').getByText('exactly').waitFor();
    await page.locator('#field-confirm').fill('Acme Dental Care');
    await page.getByRole('button', { name: 'Delete tenant' }).click();
    await page.getByText('Cancelled and read-only.').waitFor();
    await page.getByRole('button', { name: 'Reactivate' }).click();
    await page.getByText('Active', { exact: true }).first().waitFor();

    // Thirty more through the same server function the form posts to, then the list.
    const statuses = await page.evaluate(async () => {
      const out = [];
      for (let i = 0; i < 30; i++) {
        const n = String(i).padStart(2, '0');
        const body = new URLSearchParams({
          'form[name]': `Customer ${n}`, 'form[sip_prefix]': `cust${n}`,
          'form[billing_email]': `billing${n}@cust.test`, 'form[timezone]': 'UTC',
        });
        const r = await fetch('/api/create_tenant', { method: 'POST', body });
        out.push(r.status < 400 ? r.status : `${r.status} ${await r.text()}`);
      }
      return out;
    });
    assert.ok(statuses.every((s) => typeof s === 'number'), statuses.join(','));

    await page.goto(suite.server.url + '/tenants');
    await hydrated(page);
    assert.equal(await page.getByTestId('tenant-row').count(), 25);
    assert.match(await page.getByTestId('tenants-count').textContent(), /31 tenants · page 1 of 2/);
    await page.getByRole('link', { name: 'Next →' }).click();
    await page.waitForURL(/page=2/);
    await page.getByTestId('tenants-count').getByText('page 2 of 2').waitFor();
    assert.equal(await page.getByTestId('tenant-row').count(), 6);

    // Sort by SIP prefix, descending: cust29 first.
    await page.goto(suite.server.url + '/tenants?sort=sip_prefix&desc=true');
    await hydrated(page);
    assert.equal(await page.getByTestId('tenant-row').first().locator('code').textContent(), 'cust29');
    await page.getByRole('link', { name: /SIP prefix/ }).click();
    await page.waitForURL(/desc=false/);
    await page.getByTestId('tenant-row').first().locator('code').getByText('acmedental').waitFor();

    // Search by billing email.
    await page.locator('#tenant-search').fill('billing07@');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('tenants-count').getByText('1 tenants').waitFor();
    await page.getByTestId('tenant-row').getByText('Customer 07').waitFor();
  });
});
