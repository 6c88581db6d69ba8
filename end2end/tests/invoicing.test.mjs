// Billing a tenant, in a real browser: a partner makes a flat-rate profile (the margin
// over wholesale shows while typing, amber below it), a tax rate (a bad rate is refused by
// field), chooses to review invoices before they go out, gives profile and rate to a
// tenant on daily billing; a billing run (the real CLI, a clock two days on) makes one
// invoice per closed day, numbered without gaps; the invoice shows its lines and totals,
// is sent, and its PDF (read back with pdftotext) carries the brand, the number and the
// totals and never the platform's name; a payment above what is due is refused and
// changes nothing, the right one pays it, a partial refund reopens part of it; unpaid,
// it turns overdue and at 14 days suspends the tenant ("Suspended (unpaid)"), and paying
// the rest lifts the suspension; a draft is voided with its number kept.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTenant, hydrated, signIn, serverAndBrowser } from './harness.mjs';

// The text a PDF reader shows (Debian poppler-utils).
function pdfText(bytes) {
  const file = join(mkdtempSync(join(tmpdir(), 'invoice-')), 'invoice.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', [file, '-']).toString();
}

const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');

describe('Billing tenants', () => {
  const suite = serverAndBrowser();

  test('profile, tax, tenant billing, billing run, invoice, payment, refund, void', async () => {
    const { url } = suite.server;
    const page = await (await suite.browser.newContext()).newPage();
    await signIn(page, url);

    await page.goto(url + '/settings/pricing');
    await hydrated(page);
    await page.getByTestId('new-profile').click();
    const form = page.getByTestId('profile-form');
    await form.locator('#field-name').fill('Office Flat');
    await form.locator('#field-base_fee').fill('30');
    await form.locator('#field-extension').fill('2');
    const margin = page.getByTestId('margin-extension');
    await margin.getByText('Wholesale $3.00').waitFor();
    assert.match(await margin.getAttribute('class'), /amber/, 'a price below wholesale is flagged');
    await form.locator('#field-extension').fill('5');
    await margin.getByText('margin $2.00 (40.0 %)').waitFor();
    await form.getByRole('button', { name: 'Save profile' }).click();
    await page.getByTestId('profiles-table').getByRole('cell', { name: 'Office Flat', exact: true }).waitFor();

    const tax = page.getByTestId('tax-rate-form');
    await tax.locator('#field-tax_name').fill('Sales tax');
    await tax.locator('#field-tax_code').fill('CO');
    await tax.locator('#field-tax_rate').fill('ten');
    await tax.getByRole('button', { name: 'Add tax rate' }).click();
    await tax.getByText('Use a percentage like 8.25').waitFor();
    await tax.locator('#field-tax_rate').fill('10');
    await tax.getByRole('button', { name: 'Add tax rate' }).click();
    await page.getByTestId('rates-table').getByText('10.00 %').waitFor();

    // This partner checks each invoice before it goes out.
    const settings = page.getByTestId('invoice-settings');
    await settings.getByText('The next invoice is INV-000001.').waitFor();
    await settings.getByTestId('auto-send').uncheck();
    await settings.getByRole('button', { name: 'Save invoice settings' }).click();
    await settings.getByText('Saved.').waitFor();

    await createTenant(page, url, { name: 'Granite Dental', prefix: 'granite', email: 'ap@granite.test' });
    await hydrated(page);
    const billing = page.getByTestId('tenant-billing');
    await billing.getByTestId('billing-profile').selectOption({ label: 'Office Flat' });
    await billing.getByTestId('billing-period').selectOption('daily');
    await billing.getByLabel('Sales tax (10.00 %)').check();
    await billing.getByRole('button', { name: 'Save billing' }).click();
    await billing.getByText('Saved.').waitFor();

    // Today and tomorrow have closed two days on: two invoices, and a rerun adds none.
    const first = JSON.parse(suite.server.cli('billing-run', '--at', inDays(2)).trim().split('\n').pop());
    assert.equal(first.invoices_created, 2);
    assert.equal(first.invoices_sent, 0, 'drafts wait for the partner');
    const again = JSON.parse(suite.server.cli('billing-run', '--at', inDays(2)).trim().split('\n').pop());
    assert.equal(again.invoices_created, 0);

    await page.goto(url + '/invoices');
    await hydrated(page);
    const table = page.getByTestId('invoices-table');
    const numbers = await table.locator('tbody tr td:first-child').allInnerTexts();
    assert.deepEqual(numbers, ['INV-000002', 'INV-000001']);
    await Promise.all([page.waitForURL(/\/invoices\/[0-9a-f-]{36}$/), table.getByText('INV-000001').click()]);
    await hydrated(page);
    const lines = page.getByTestId('invoice-lines');
    // $30 a month for one day (12/365 of it) = $0.99, tax 10 % = $0.10.
    await lines.getByText('Base fee').waitFor();
    assert.equal(await page.getByTestId('invoice-total').innerText(), '$1.09');
    await lines.getByText('Sales tax (10.00 %)').waitFor();

    await page.getByTestId('invoice-send').getByRole('button', { name: 'Send to customer' }).click();
    await page.getByText('Sent', { exact: true }).first().waitFor();
    const pdf = await page.request.get(await page.getByTestId('invoice-pdf').getAttribute('href', { timeout: 5000 }).then((h) => url + h));
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    const text = pdfText(await pdf.body());
    for (const expected of ['E2E Voice', 'INV-000001', 'Granite Dental', 'ap@granite.test', 'Base fee', 'Sales tax (10.00%)', '$1.09']) {
      assert.ok(text.includes(expected), `${expected} missing from the PDF:\n${text}`);
    }
    assert.ok(!/switchboard/i.test(text), `the platform's name is in the PDF:\n${text}`);

    const pay = page.getByTestId('invoice-payment');
    await pay.locator('input[name="amount"]').fill('5');
    await pay.getByRole('button', { name: 'Record payment' }).click();
    await page.getByTestId('amount-error').getByText('at most the $1.09 due').waitFor();
    assert.equal(await page.getByTestId('amount-due').innerText(), '$1.09');
    await pay.locator('input[name="amount"]').fill('1.09');
    await pay.getByRole('button', { name: 'Record payment' }).click();
    await page.getByText('Paid', { exact: true }).first().waitFor();
    await page.getByTestId('amount-due').getByText('$0.00').waitFor();

    const refund = page.getByTestId('invoice-refund');
    await refund.locator('input[name="amount"]').fill('0.50');
    await refund.getByRole('button', { name: 'Refund' }).click();
    await page.getByTestId('amount-due').getByText('$0.50').waitFor();
    await page.getByText('Partially paid', { exact: true }).first().waitFor();
    const invoicePath = new URL(page.url()).pathname;

    // Still $0.50 open: overdue after 7 days, the tenant suspended at 14; paying lifts it.
    const late = JSON.parse(suite.server.cli('billing-run', '--at', inDays(16)).trim().split('\n').pop());
    assert.equal(late.invoices_overdue, 1);
    assert.equal(late.tenants_suspended, 1);
    await page.goto(url + '/tenants');
    await hydrated(page);
    await page.getByText('Suspended (unpaid)').first().waitFor();
    await page.goto(url + invoicePath);
    await hydrated(page);
    await page.getByText('Overdue', { exact: true }).first().waitFor();
    await pay.locator('input[name="amount"]').fill('0.50');
    await pay.getByRole('button', { name: 'Record payment' }).click();
    await page.getByTestId('amount-due').getByText('$0.00').waitFor();
    await page.goto(url + '/tenants');
    await hydrated(page);
    await page.getByRole('link', { name: 'Granite Dental' }).waitFor();
    assert.equal(await page.getByText('Suspended (unpaid)').count(), 0, 'paying lifted the suspension');

    await page.goto(url + '/invoices');
    await hydrated(page);
    await Promise.all([page.waitForURL(/\/invoices\/[0-9a-f-]{36}$/), page.getByTestId('invoices-table').getByText('INV-000002').click()]);
    await hydrated(page);
    await page.getByTestId('invoice-void').getByRole('button', { name: 'Void draft' }).click();
    await page.getByText('Void', { exact: true }).first().waitFor();
    await page.getByRole('heading', { name: 'Invoice INV-000002' }).waitFor();
  });
});
