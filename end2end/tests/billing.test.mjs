// The partner's plan in a real browser: the billing page shows the tier, the price list
// and the extension meter; the tier's extension cap (Starter: 300 across all tenants)
// turns the next extension into an upgrade prompt, not an error page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hydrated, signIn, serverAndBrowser } from './harness.mjs';

describe('billing', () => {
  const suite = serverAndBrowser();

  test('plan, price list, tier cap with upgrade prompt', async () => {
    const page = await (await suite.browser.newContext()).newPage();
    await signIn(page, suite.server.url);
    await page.goto(suite.server.url + '/settings/billing');
    await page.getByTestId('current-tier').getByText('Starter').waitFor();
    await page.getByText('0 of 300 extensions in use (0%)').waitFor();
    const starter = page.getByTestId('tier-table').locator('tr', { hasText: 'Starter' });
    await starter.getByText('$249.00/mo').waitFor();
    await starter.getByText('$0.020 / $0.022').waitFor();
    const pro = page.getByTestId('tier-table').locator('tr', { hasText: 'Professional' });
    await pro.getByText('1000').waitFor();
    await page.getByTestId('tier-table').locator('tr', { hasText: 'Business' }).getByText('Unlimited').waitFor();

    // Fill the plan: 300 extensions across two tenants, through the same server functions.
    await hydrated(page);
    const ids = await page.evaluate(async () => {
      const post = async (path, fields) => {
        const r = await fetch(path, { method: 'POST', body: new URLSearchParams(fields), headers: { accept: 'application/json' } });
        if (r.status >= 400) throw new Error(path + ' ' + r.status + ' ' + await r.text());
        return r;
      };
      const out = [];
      for (const [name, prefix] of [['Cap One', 'capone'], ['Cap Two', 'captwo']]) {
        const t = await post('/api/create_tenant', {
          'form[name]': name, 'form[sip_prefix]': prefix, 'form[billing_email]': `ap@${prefix}.test`, 'form[timezone]': 'UTC',
        });
        // The server function answers with the new tenant's page as its Location.
        out.push(t.headers.get('location').split('/').pop());
      }
      for (let batch = 0; batch < 15; batch++) {
        await Promise.all(Array.from({ length: 20 }, (_, i) => {
          const n = batch * 20 + i;
          return post('/api/add_extension', { tenant: out[n % 2], 'form[number]': String(1000 + n), 'form[display_name]': `Desk ${n}` });
        }));
      }
      return out;
    });

    await page.goto(suite.server.url + '/tenants/' + ids[1]);
    await hydrated(page);
    const add = page.getByTestId('add-extension');
    await add.locator('#field-number').fill('2000');
    await add.locator('#field-display_name').fill('One too many');
    await add.getByRole('button', { name: 'Add extension' }).click();
    const prompt = page.getByTestId('upgrade-prompt');
    await prompt.getByText('Starter plan includes 300 extensions').waitFor();
    await prompt.getByText('Professional allows up to 1000').waitFor();
    await Promise.all([page.waitForURL('**/settings/billing'), prompt.getByRole('link', { name: 'Compare plans' }).click()]);
    await page.getByText('300 of 300 extensions in use (100%)').waitFor();
    assert.equal(await page.getByRole('meter', { name: 'Extensions in use' }).getAttribute('aria-valuenow'), '300');
  });
});
