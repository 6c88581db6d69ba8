// API keys in a real browser: a key with no scope is refused by field; a key with
// tenants read and write is shown once, works against /v1/tenants (and a read-only
// resource it lacks answers 403), appears masked in the list, and stops working the
// moment it is revoked.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTenant, hydrated, signIn, serverAndBrowser } from './harness.mjs';

describe('API keys', () => {
  const suite = serverAndBrowser();

  test('create, use, see masked, revoke', async () => {
    const { url } = suite.server;
    const page = await (await suite.browser.newContext()).newPage();
    await signIn(page, url);
    await createTenant(page, url, { name: 'Bluebird Bakery', prefix: 'bluebird', email: 'ap@bluebird.test' });

    await page.goto(url + '/settings/api-keys');
    await hydrated(page);
    await page.getByTestId('no-keys').waitFor();
    const form = page.getByTestId('new-key-form');
    await form.locator('#field-name').fill('CRM sync');
    await form.getByRole('button', { name: 'Create key' }).click();
    await page.locator('#new-scopes-error').getByText('at least one scope').waitFor();

    await form.getByRole('radio', { name: 'Tenants: read and write' }).check();
    await form.getByRole('button', { name: 'Create key' }).click();
    const secret = await page.getByTestId('new-secret').inputValue();
    assert.match(secret, /^key_live_/);

    const call = (path, key) => page.request.get(url + path, { headers: { authorization: `Bearer ${key}` } });
    const listed = await call('/v1/tenants', secret);
    assert.equal(listed.status(), 200);
    const body = await listed.json();
    assert.equal(body.data[0].name, 'Bluebird Bakery');
    assert.ok(listed.headers()['x-request-id']);

    const row = page.getByTestId('api-key-row').filter({ hasText: 'CRM sync' });
    await row.waitFor();
    const masked = await row.locator('td:nth-child(2)').innerText();
    assert.match(masked, /^key_live_.{4}…/);
    assert.ok(!masked.includes(secret.slice(13, -4)));
    assert.match(await row.getByTestId('key-status').innerText(), /Active/);

    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: 'Revoke now' }).click();
    await page.getByTestId('api-key-row').filter({ hasText: 'CRM sync' }).getByTestId('key-status').getByText('Revoked').waitFor();
    assert.equal((await call('/v1/tenants', secret)).status(), 401);
  });
});
