// The partner's plan in a real browser: the billing page shows the tier, the price list
// and the extension meter; the tier's extension cap (Starter: 300 across all tenants)
// turns the next extension into an upgrade prompt, not an error page. Cards: a mistyped
// number is a field message, a declined card changes nothing, a good card tops up the
// wallet, and the history filters and exports as CSV.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, hydrated, signIn, serverAndBrowser } from './harness.mjs';

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

  test('cards, a declined top-up changes nothing, top up, history and CSV', async () => {
    const page = await (await suite.browser.newContext()).newPage();
    await signIn(page, suite.server.url);
    await page.goto(suite.server.url + '/settings/billing/methods');
    await page.getByTestId('no-cards').waitFor();
    await hydrated(page);
    const add = page.getByTestId('add-card');
    const addCard = async (number) => {
      await add.locator('#field-name').fill('Pat Partner');
      await add.locator('#field-number').fill(number);
      await add.locator('#field-expiry').fill('12/39');
      await add.locator('#field-cvc').fill('123');
      await add.getByRole('button', { name: 'Save card' }).click();
    };
    // A mistyped number is a field message; a card that declines saves but will not pay.
    await addCard('4242 4242 4242 4241');
    await add.locator('#field-number-error').getByText('typo').waitFor();
    await addCard('4000 0000 0000 0002');
    await page.getByTestId('card-row').filter({ hasText: 'Visa ending 0002' }).getByText('Default').waitFor();

    await page.getByRole('navigation', { name: 'Billing' }).getByRole('link', { name: 'Subscription' }).click();
    await page.waitForURL('**/settings/billing');
    await hydrated(page);
    const topUp = page.getByTestId('top-up');
    await topUp.locator('#field-amount').fill('50');
    await topUp.getByRole('button', { name: 'Top up' }).click();
    await topUp.getByText('ending 0002 was declined').waitFor();
    assert.equal(await page.getByTestId('wallet-balance').textContent(), '$0.00');

    // A good card, made the default, pays.
    await page.goto(suite.server.url + '/settings/billing/methods');
    await hydrated(page);
    await addCard('4242424242424242');
    const good = page.getByTestId('card-row').filter({ hasText: 'Visa ending 4242' });
    await good.getByRole('button', { name: /Make .* the default/ }).click();
    await good.getByText('Default').waitFor();

    await page.goto(suite.server.url + '/settings/billing');
    await hydrated(page);
    await page.getByTestId('top-up').locator('#field-amount').fill('$125.50');
    await page.getByTestId('top-up').getByRole('button', { name: 'Top up' }).click();
    await page.getByTestId('top-up').getByText('Added $125.50').waitFor();
    await page.getByTestId('wallet-balance').getByText('$125.50').waitFor();

    await page.goto(suite.server.url + '/settings/billing/history');
    const row = page.getByTestId('history-table').locator('tr', { hasText: 'Top-up' });
    await row.getByText('card ending 4242').waitFor();
    await row.getByText('$125.50').first().waitFor();
    await page.goto(suite.server.url + '/settings/billing/history?kind=refund');
    await page.getByTestId('history-empty').waitFor();
    const csv = await page.evaluate(async () => {
      const r = await fetch('/settings/billing/history.csv?kind=top_up');
      return { type: r.headers.get('content-type'), body: await r.text() };
    });
    assert.match(csv.type, /text\/csv/);
    const lines = csv.body.trim().split('\n');
    assert.equal(lines[0], 'date,type,description,amount,balance_after,id');
    assert.equal(lines.length, 2);
    assert.match(lines[1], /,Top-up,Top-up \(card ending 4242\),125\.50,125\.50,/);

    // Auto-recharge: threshold and amount, checked by field.
    await page.goto(suite.server.url + '/settings/billing/methods');
    await hydrated(page);
    const auto = page.getByTestId('auto-recharge');
    await auto.locator('#field-enabled').check();
    await auto.locator('#field-threshold').fill('20');
    await auto.locator('#field-amount').fill('5');
    await auto.getByRole('button', { name: 'Save auto-recharge' }).click();
    await auto.locator('#field-amount-error').getByText('$10.00').waitFor();
    await auto.locator('#field-amount').fill('50');
    await auto.getByRole('button', { name: 'Save auto-recharge' }).click();
    await page.getByTestId('auto-recharge-state').getByText('below $20.00, your default card is charged $50.00').waitFor();
  });

  test('a trial activates with a test card; plans change up now and down at cycle end', async () => {
    // A new partner signs up (TRIAL) and verifies from the outbox.
    const user = await (await suite.browser.newContext()).newPage();
    await user.goto(suite.server.url + '/signup');
    await user.getByLabel('Company name').fill('Pier Voice');
    await user.getByLabel('Your name').fill('Pia Pier');
    await user.getByLabel('Work email').fill('pia@pier.test');
    await user.getByLabel('Password').fill('Pier-pass-2026');
    await Promise.all([user.waitForURL('**/verify-email'), user.getByRole('button', { name: 'Create account' }).click()]);
    const ops = await (await suite.browser.newContext()).newPage();
    await signIn(ops, suite.server.url, ADMIN);
    await ops.goto(suite.server.url + '/admin/outbox');
    const body = await ops.locator('li', { hasText: 'To pia@pier.test' }).getByTestId('outbox-body').first().textContent();
    await user.goto(body.match(/http:\/\/\S+\/verify-email\?token=[\w-]+/)[0]);
    await user.getByTestId('email-verified').waitFor();

    const now = new Date();
    const dim = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
    const left = dim - now.getUTCDate() + 1;
    const prorate = (cents) => Math.floor((2 * cents * left + dim) / (2 * dim));
    const usd = (cents) => '$' + (cents / 100).toFixed(2);
    const nextCycle = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);

    await user.goto(suite.server.url + '/settings/billing');
    await user.getByTestId('trial-banner').waitFor();
    await hydrated(user);
    const chooser = user.getByRole('region', { name: 'Activate your account' });
    await chooser.locator('#field-tier').selectOption('professional');
    const quote = user.getByTestId('plan-quote');
    await quote.getByText(usd(prorate(54_900)), { exact: true }).first().waitFor();
    await quote.getByText(`Prorated first month, ${left} of ${dim} days`).waitFor();
    await quote.getByRole('button', { name: 'Activate Professional' }).click();
    await chooser.getByText('Add a payment method first').waitFor();

    // A declined card changes nothing.
    const addCard = async (number) => {
      await user.goto(suite.server.url + '/settings/billing/methods');
      await hydrated(user);
      const add = user.getByTestId('add-card');
      await add.locator('#field-name').fill('Pia Pier');
      await add.locator('#field-number').fill(number);
      await add.locator('#field-expiry').fill('12/39');
      await add.locator('#field-cvc').fill('123');
      await add.getByRole('button', { name: 'Save card' }).click();
      await user.getByTestId('card-row').filter({ hasText: number.slice(-4) }).waitFor();
    };
    await addCard('4000000000000002');
    await user.goto(suite.server.url + '/settings/billing');
    await hydrated(user);
    await user.locator('#field-tier').selectOption('professional');
    await user.getByTestId('plan-quote').getByRole('button', { name: 'Activate Professional' }).click();
    await user.getByText('ending 0002 was declined').waitFor();
    assert.equal(await user.getByTestId('current-tier').textContent(), 'Starter');

    await user.goto(suite.server.url + '/settings/billing/methods');
    await hydrated(user);
    const remove = user.getByTestId('card-row').filter({ hasText: '0002' }).getByRole('button', { name: 'Remove' });
    await remove.click();
    await user.getByTestId('no-cards').waitFor();
    await addCard('4242424242424242');
    await user.goto(suite.server.url + '/settings/billing');
    await hydrated(user);
    await user.locator('#field-tier').selectOption('professional');
    await Promise.all([
      user.waitForURL('**/settings/billing'),
      user.getByTestId('plan-quote').getByRole('button', { name: 'Activate Professional' }).click(),
    ]);
    await user.getByTestId('current-tier').getByText('Professional').waitFor();
    assert.equal(await user.getByTestId('trial-banner').count(), 0);

    // Upgrade: the prorated difference now.
    await hydrated(user);
    const change = user.getByRole('region', { name: 'Change plan' });
    await change.locator('#field-tier').selectOption('business');
    await user.getByTestId('plan-quote').getByText(usd(prorate(99_900 - 54_900)), { exact: true }).first().waitFor();
    await Promise.all([
      user.waitForURL('**/settings/billing'),
      user.getByTestId('plan-quote').getByRole('button', { name: 'Upgrade to Business' }).click(),
    ]);
    await user.getByTestId('current-tier').getByText('Business').waitFor();

    // Downgrade: nothing now, from the next cycle.
    await hydrated(user);
    await user.getByRole('region', { name: 'Change plan' }).locator('#field-tier').selectOption('starter');
    const down = user.getByTestId('plan-quote');
    await down.getByText(`From ${nextCycle}`).waitFor();
    await down.getByText('$0.00', { exact: true }).waitFor();
    await Promise.all([
      user.waitForURL('**/settings/billing'),
      down.getByRole('button', { name: 'Downgrade to Starter' }).click(),
    ]);
    await user.getByText(`Starter on ${nextCycle}`).waitFor();
    await user.getByTestId('current-tier').getByText('Business').waitFor();

    await user.goto(suite.server.url + '/settings/billing/history?kind=subscription');
    await user.getByTestId('history-table').getByText('Upgrade to Business').first().waitFor();
    await user.getByTestId('history-table').getByText('Professional plan').first().waitFor();
  });
});
