// Porting numbers in, in a real browser: an empty form is refused field by field in
// the browser; a renamed file is refused by the server under its field; a request from
// a carrier that wants the account PIN is rejected with that reason, fixed and
// resubmitted, then goes through FOC to COMPLETED (the carrier steps run as jobs), its
// history shows every step, its documents download, and the numbers are in the
// inventory, assigned to the customer.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTenant, hydrated, signIn, serverAndBrowser } from './harness.mjs';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

async function statusOf(page) {
  return (await page.getByTestId('port-status').innerText()).trim();
}

// The carrier steps run in the background: reload until the request shows `want`.
async function waitForStatus(page, want) {
  for (let i = 0; i < 60 && (await statusOf(page)) !== want; i += 1) {
    await page.waitForTimeout(500);
    await page.reload();
    await hydrated(page);
  }
  assert.equal(await statusOf(page), want);
}

describe('porting in', () => {
  const suite = serverAndBrowser();

  test('reject for a missing PIN, fix and resubmit, complete into the inventory', async () => {
    const { url } = suite.server;
    const page = await (await suite.browser.newContext()).newPage();
    await signIn(page, url);
    await createTenant(page, url, { name: 'Bluebird Bakery', prefix: 'bluebird', email: 'ap@bluebird.test' });

    await page.goto(url + '/numbers/ports');
    await hydrated(page);
    await page.getByTestId('no-ports').waitFor();
    await page.getByRole('link', { name: 'New port request' }).click();
    await page.waitForURL(/\/numbers\/ports\/new$/);
    await hydrated(page);

    // Nothing filled in: the browser says what is missing, field by field.
    const form = page.getByTestId('port-form');
    await form.getByRole('button', { name: 'Submit request' }).click();
    await page.locator('#field-numbers-error').getByText('one per line').waitFor();
    await page.locator('#field-tenant-error').getByText('Choose the customer').waitFor();
    await page.locator('#field-loa-error').getByText('letter of authorization').waitFor();

    const today = new Date().toISOString().slice(0, 10);
    await page.locator('#field-numbers').fill('(303) 555-0142\n+1 720 555 0199');
    await page.locator('#field-losing_carrier').fill('AT&T');
    await page.locator('#field-tenant').selectOption({ label: 'Bluebird Bakery' });
    await page.locator('#field-account_holder').fill('Bluebird Bakery LLC');
    await page.locator('#field-account_number').fill('8812-4410');
    await page.locator('#field-desired_date').fill(today);
    await page.locator('#field-service_street').fill('1600 Glenarm Pl');
    await page.locator('#field-service_city').fill('Denver');
    await page.locator('#field-service_state').fill('CO');
    await page.locator('#field-service_zip').fill('80202');
    // A file named .pdf that is not one: only the server can tell, under the field.
    await page.locator('#field-loa').setInputFiles({ name: 'loa.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just text') });
    await page.locator('#field-bill').setInputFiles({ name: 'bill.png', mimeType: 'image/png', buffer: PNG });
    await form.getByRole('button', { name: 'Submit request' }).click();
    await page.locator('#field-loa-error').getByText('does not match').waitFor();
    await page.goto(url + '/numbers/ports');
    await hydrated(page);
    await page.getByTestId('no-ports').waitFor();

    await page.goto(url + '/numbers/ports/new');
    await hydrated(page);
    await page.locator('#field-numbers').fill('(303) 555-0142\n+1 720 555 0199');
    await page.locator('#field-losing_carrier').fill('AT&T');
    await page.locator('#field-tenant').selectOption({ label: 'Bluebird Bakery' });
    await page.locator('#field-account_holder').fill('Bluebird Bakery LLC');
    await page.locator('#field-account_number').fill('8812-4410');
    await page.locator('#field-desired_date').fill(today);
    await page.locator('#field-service_street').fill('1600 Glenarm Pl');
    await page.locator('#field-service_city').fill('Denver');
    await page.locator('#field-service_state').fill('CO');
    await page.locator('#field-service_zip').fill('80202');
    await page.locator('#field-loa').setInputFiles({ name: 'signed-loa.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.locator('#field-bill').setInputFiles({ name: 'bill.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('port-form').getByRole('button', { name: 'Submit request' }).click();
    await page.waitForURL(/\/numbers\/ports\/[0-9a-f-]{36}$/);
    await hydrated(page);
    assert.match(await page.getByTestId('port-numbers').innerText(), /\(303\) 555-0142, \(720\) 555-0199/);

    // AT&T wants the account PIN: rejected with that reason.
    await waitForStatus(page, 'Rejected');
    assert.match(await page.getByTestId('port-reason').innerText(), /PIN/);

    // The documents download as they were sent.
    const loa = await page.getByTestId('port-documents').getByRole('link', { name: 'Letter of authorization' }).getAttribute('href');
    const download = await page.request.get(url + loa);
    assert.equal(download.status(), 200);
    assert.equal(download.headers()['content-type'], 'application/pdf');
    assert.deepEqual(Buffer.from(await download.body()), PDF);

    // Fix: add the PIN and resubmit (the form comes back filled in).
    const fix = page.getByTestId('resubmit');
    assert.equal(await fix.locator('#field-account_holder').inputValue(), 'Bluebird Bakery LLC');
    await fix.locator('#field-pin').fill('4821');
    await fix.getByRole('button', { name: 'Resubmit' }).click();
    await waitForStatus(page, 'Completed');
    assert.match(await page.getByTestId('port-foc').innerText(), /\d{4}/);
    const trail = await page.getByTestId('port-history').locator('li').evaluateAll((els) => els.map((e) => e.dataset.status));
    assert.deepEqual(trail, ['PENDING', 'SUBMITTED', 'REJECTED', 'PENDING', 'SUBMITTED', 'FOC_RECEIVED', 'COMPLETED']);

    // The numbers are in the inventory, active and assigned to the customer.
    await page.goto(url + '/numbers?q=bluebird');
    await hydrated(page);
    for (const n of ['+13035550142', '+17205550199']) {
      const row = page.locator(`[data-testid="number-row"][data-number="${n}"]`);
      await row.waitFor();
      assert.match(await row.getByTestId('number-status').innerText(), /Active/);
      assert.match(await row.getByTestId('number-tenant').innerText(), /Bluebird Bakery/);
    }
    await page.goto(url + '/numbers/ports?status=COMPLETED');
    await hydrated(page);
    assert.equal(await page.getByTestId('port-row').count(), 1);
  });
});
