// Collecting from a tenant, in a real browser: the partner bills a tenant daily and the
// billing run mails its invoices; the tenant's own admin opens the portal's Billing tab
// and pays with a test card. A declined card says so on the card number and nothing
// changes; a good card pays, is kept with auto-pay on, and the next invoice is paid with
// the card on file in one click. The partner refunds part of it (through the processor),
// sees the money in its wallet history, and the next billing run charges auto-pay.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dailyTenantWithAdmin, hydrated, signIn, serverAndBrowser } from './harness.mjs';

const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
const lastJson = (out) => JSON.parse(out.trim().split('\n').pop());

describe('Collecting from tenants', () => {
  const suite = serverAndBrowser();

  test('declined card, card payment, saved card, auto-pay, refund', async () => {
    const { url } = suite.server;
    const partner = await (await suite.browser.newContext()).newPage();
    await signIn(partner, url);
    const boss = await dailyTenantWithAdmin(suite.browser, url, partner, { name: 'Harbor Books', prefix: 'harbor', admin: { email: 'boss@harbor.test', name: 'Hana Boss' } });

    const run = lastJson(suite.server.cli('billing-run', '--at', inDays(2)));
    assert.equal(run.invoices_created, 2);
    assert.equal(run.invoices_sent, 2);

    await boss.goto(url + '/orgs/harbor/billing');
    await hydrated(boss);
    const owed = boss.getByTestId('amount-owed');
    await owed.getByText('open on 2 invoices').waitFor();
    const before = await owed.innerText();
    await boss.getByTestId('no-saved-card').waitFor();

    // A declined card: the message sits on the card number, nothing is paid.
    await boss.getByRole('button', { name: 'Pay invoice INV-000001' }).click();
    const form = boss.getByTestId('pay-invoice');
    await form.locator('#field-name').fill('Hana Boss');
    await form.locator('#field-number').fill('4000 0000 0000 0002');
    await form.locator('#field-expiry').fill('12/34');
    await form.locator('#field-cvc').fill('123');
    await form.getByTestId('pay-now').click();
    await form.locator('#field-number-error').getByText('ending 0002 was declined').waitFor();
    assert.equal(await owed.innerText(), before, 'a declined card changes nothing');

    // A good card pays, and is kept for auto-pay.
    await form.locator('#field-number').fill('4242 4242 4242 4242');
    await form.getByTestId('remember-card').check();
    await form.getByTestId('autopay-card').check();
    await form.getByTestId('pay-now').click();
    await boss.getByTestId('paid-notice').getByText('invoice INV-000001 is paid').waitFor();
    await boss.getByTestId('saved-card').getByText('Visa ending 4242').waitFor();
    await boss.getByTestId('autopay-state').getByText('Auto-pay is on').waitFor();
    await owed.getByText('open on one invoice').waitFor();

    // The next one in one click with the card on file.
    await boss.getByRole('button', { name: 'Pay invoice INV-000002' }).click();
    assert.ok(await form.getByTestId('use-saved-card').isChecked());
    await form.getByTestId('pay-now').click();
    await boss.getByTestId('paid-notice').getByText('invoice INV-000002 is paid').waitFor();
    await owed.getByText('Nothing is owed').waitFor();

    // The partner refunds part of the first; the card gets it back, the wallet shows both.
    await partner.goto(url + '/invoices');
    await hydrated(partner);
    await Promise.all([partner.waitForURL(/\/invoices\/[0-9a-f-]{36}$/), partner.getByTestId('invoices-table').getByText('INV-000001').click()]);
    await hydrated(partner);
    const refund = partner.getByTestId('invoice-refund');
    await refund.locator('input[name="amount"]').fill('0.50');
    await refund.getByRole('button', { name: 'Refund' }).click();
    await partner.getByTestId('amount-due').getByText('$0.50').waitFor();
    const moves = partner.getByTestId('invoice-payments');
    await moves.getByText('Card payment, card ending 4242').waitFor();
    await moves.getByText('Refund to card, card ending 4242').waitFor();
    await partner.goto(url + '/settings/billing/history');
    await hydrated(partner);
    await partner.getByText('Harbor Books: invoice INV-000001 paid, card ending 4242').waitFor();
    await partner.getByText('Invoice INV-000001 refunded, card ending 4242').waitFor();

    // Tomorrow's invoice is charged by the run that makes it.
    const next = lastJson(suite.server.cli('billing-run', '--at', inDays(3)));
    assert.equal(next.invoices_created, 1);
    assert.equal(next.invoices_autopaid, 1);
    await boss.reload();
    await hydrated(boss);
    await boss.getByTestId('portal-invoices').getByText('INV-000003').waitFor();
  });
});
