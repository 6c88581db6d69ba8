// Numbers in a real browser: a search without a state is a field message; local numbers
// in a state; buying with an empty wallet is refused with the shortfall and buys
// nothing; after a top-up two numbers are bought (the total shown first), come into
// service through the carrier job, one is assigned to a tenant; E911 in bulk (a PO box
// refused first) turns the E911 page green; a vanity search returns only numbers that
// spell the pattern. On the number's own page a too-long caller-ID name and a PO box are
// field messages, and a good name goes Pending → Synced.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTenant, hydrated, signIn, serverAndBrowser } from './harness.mjs';

describe('numbers', () => {
  const suite = serverAndBrowser();

  test('search, refuse when short, top up, buy two, activate, assign; vanity search', async () => {
    const { url } = suite.server;
    const page = await (await suite.browser.newContext()).newPage();
    await signIn(page, url);

    // A tenant to assign to.
    await createTenant(page, url, { name: 'Bluebird Bakery', prefix: 'bluebird', email: 'ap@bluebird.test' });

    await page.goto(url + '/numbers/buy');
    await hydrated(page);
    const form = page.getByTestId('number-search');
    await form.getByRole('button', { name: 'Search' }).click();
    await page.locator('#field-state-error').getByText('Choose a state').waitFor();

    await page.locator('#field-state').selectOption('CO');
    await page.locator('#field-city').fill('Denver');
    await form.getByRole('button', { name: 'Search' }).click();
    const rows = page.getByTestId('available-row');
    await rows.first().waitFor();
    assert.ok(await rows.count() >= 2);
    for (const region of await page.getByTestId('available').locator('tbody td:nth-child(3)').allInnerTexts()) {
      assert.equal(region, 'Denver, CO');
    }
    const picks = [await rows.nth(0).getAttribute('data-number'), await rows.nth(1).getAttribute('data-number')];
    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    await page.getByTestId('selection').getByText('2 selected · $3.50 a month').waitFor();
    await page.getByRole('button', { name: 'Review purchase' }).click();
    const confirm = page.getByTestId('confirm-purchase');
    const total = await confirm.getByTestId('total-today').innerText();
    assert.match(total, /^\$\d+\.\d\d$/);

    // The wallet is empty: refused, with what is missing, and nothing bought.
    await confirm.getByRole('button', { name: 'Buy now' }).click();
    await page.getByRole('alert').getByText(/top up at least/).waitFor();
    await page.goto(url + '/numbers');
    await hydrated(page);
    await page.getByTestId('no-numbers').waitFor();

    // Top up with the built-in processor's good test card.
    await page.goto(url + '/settings/billing/methods');
    await hydrated(page);
    const add = page.getByTestId('add-card');
    await add.locator('#field-name').fill('Pat Partner');
    await add.locator('#field-number').fill('4242424242424242');
    await add.locator('#field-expiry').fill('12/39');
    await add.locator('#field-cvc').fill('123');
    await add.getByRole('button', { name: 'Save card' }).click();
    await page.getByTestId('card-row').filter({ hasText: 'Visa ending 4242' }).waitFor();
    await page.goto(url + '/settings/billing');
    await hydrated(page);
    await page.getByTestId('top-up').locator('#field-amount').fill('20');
    await page.getByTestId('top-up').getByRole('button', { name: 'Top up' }).click();
    await page.getByTestId('top-up').getByText('Added $20.00').waitFor();

    // Same search, same numbers (the inventory is deterministic): buy them.
    await page.goto(url + '/numbers/buy');
    await hydrated(page);
    await page.locator('#field-state').selectOption('CO');
    await page.locator('#field-city').fill('Denver');
    await page.getByTestId('number-search').getByRole('button', { name: 'Search' }).click();
    for (const n of picks) await page.locator(`[data-testid="available-row"][data-number="${n}"]`).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Review purchase' }).click();
    assert.equal(await page.getByTestId('total-today').innerText(), total);
    await page.getByTestId('confirm-purchase').getByRole('button', { name: 'Buy now' }).click();
    await page.getByTestId('bought').getByText(`Bought 2 numbers for ${total}`).waitFor();

    // PENDING until the carrier job runs (every minute; the page shows it either way),
    // then ACTIVE.
    await page.goto(url + '/numbers');
    await hydrated(page);
    const row = page.locator(`[data-testid="number-row"][data-number="${picks[0]}"]`);
    await row.waitFor();
    assert.match(await row.getByTestId('number-status').innerText(), /Pending|Active/);
    for (let i = 0; i < 90 && !/Active/.test(await row.getByTestId('number-status').innerText()); i += 1) {
      await page.waitForTimeout(1000);
      await page.reload();
      await hydrated(page);
    }
    assert.match(await row.getByTestId('number-status').innerText(), /Active/);

    // Assign one to the tenant; the filter by tenant then shows just that one.
    await row.getByRole('combobox').selectOption({ label: 'Bluebird Bakery' });
    await row.getByRole('button', { name: 'Assign' }).click();
    await row.getByTestId('number-tenant').getByText('Bluebird Bakery').waitFor();
    await page.goto(url + '/numbers?q=bluebird');
    await hydrated(page);
    assert.equal(await page.getByTestId('number-row').count(), 1);

    // CNAM on the number's own page: too long is a field message (the browser and the
    // server run the same rule); a good name goes Pending, then Synced once the carrier
    // job has run. The number's own E911 card refuses a PO box by field, on the server.
    await page.goto(url + '/numbers');
    await hydrated(page);
    await page.locator(`[data-testid="number-row"][data-number="${picks[0]}"] td:nth-child(2) a`).click();
    await page.waitForURL(/\/numbers\/[0-9a-f-]{36}$/);
    await hydrated(page);
    const cnam = page.getByTestId('cnam-form');
    await cnam.locator('#field-cnam').fill('Bluebird Bakery Company');
    await cnam.getByRole('button', { name: 'Save caller ID' }).click();
    await cnam.locator('#field-cnam-error').getByText('at most 15').waitFor();
    await cnam.locator('#field-cnam').fill('Bluebird Bakery');
    await cnam.getByRole('button', { name: 'Save caller ID' }).click();
    await cnam.getByTestId('cnam-status').getByText(/Pending|Synced/).waitFor();
    for (let i = 0; i < 30 && !/Synced/.test(await page.getByTestId('cnam-status').innerText()); i += 1) {
      await page.waitForTimeout(500);
      await page.reload();
      await hydrated(page);
    }
    assert.match(await page.getByTestId('cnam-status').innerText(), /Synced/);
    const own = page.getByTestId('e911-form');
    await own.locator('#field-e911_street').fill('PO Box 5');
    await own.locator('#field-e911_city').fill('Denver');
    await own.locator('#field-e911_state').fill('CO');
    await own.locator('#field-e911_zip').fill('80202');
    await own.getByRole('button', { name: 'Register address' }).click();
    await own.locator('#field-e911_street-error').getByText(/PO box/i).waitFor();

    // E911 in bulk: tick both numbers; a PO box is refused before anything is sent; a
    // street address goes through with progress, and the E911 page turns green.
    await page.goto(url + '/numbers/e911');
    await hydrated(page);
    assert.equal(await page.getByTestId('e911-summary').getAttribute('data-compliant'), 'false');
    await page.goto(url + '/numbers');
    await hydrated(page);
    for (const n of picks) await page.getByRole('checkbox', { name: `Select ${await page.locator(`[data-testid="number-row"][data-number="${n}"] td:nth-child(2) a`).innerText()}` }).check();
    const bar = page.getByTestId('bulk-bar');
    await bar.getByLabel('Bulk action').selectOption('e911');
    await bar.getByLabel('Street').fill('PO Box 12');
    await bar.getByLabel('City').fill('Denver');
    await bar.getByLabel('State').fill('CO');
    await bar.getByLabel('ZIP').fill('80202');
    await bar.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('alert').getByText(/PO box/i).waitFor();
    await bar.getByLabel('Street').fill('1600 Glenarm Pl');
    await bar.getByRole('button', { name: 'Review' }).click();
    await page.getByTestId('bulk-summary').getByText('as the emergency address of 2 numbers').waitFor();
    await page.getByTestId('bulk-summary').getByRole('button', { name: 'Confirm' }).click();
    await page.getByTestId('bulk-outcome').getByText('Done: 2.').waitFor();
    await page.goto(url + '/numbers/e911');
    await hydrated(page);
    for (let i = 0; i < 30 && (await page.getByTestId('e911-summary').getAttribute('data-compliant')) !== 'true'; i += 1) {
      await page.waitForTimeout(500);
      await page.reload();
      await hydrated(page);
    }
    assert.equal(await page.getByTestId('e911-summary').getAttribute('data-compliant'), 'true');
    await page.getByTestId('e911-summary').getByText('All 2 numbers have a registered emergency address.').waitFor();

    // Vanity: only numbers that spell OUR-FOOD after a toll-free area code.
    await page.goto(url + '/numbers/buy');
    await hydrated(page);
    await page.getByLabel('Toll-free').check();
    await page.locator('#field-pattern').fill('8XX-OUR-FOOD');
    await page.getByTestId('number-search').getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('available-row').first().waitFor();
    const vanity = await page.getByTestId('available-row').evaluateAll((els) => els.map((e) => e.dataset.number));
    assert.ok(vanity.length > 0);
    for (const n of vanity) assert.match(n, /^\+18(00|33|44|55|66|77|88)6873663$/);
  });
});
