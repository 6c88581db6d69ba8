// Live cards through Stripe's card form, in a real browser, against a local stand-in for
// Stripe (its Stripe.js look-alike and API). The partner saves its own card, and a
// tenant's admin pays an invoice, by typing into Stripe's field: the browser turns the card
// into a PaymentMethod with the publishable key and the server only ever sees its id. A
// declined card says so under the field and changes nothing. In Connect mode the card is
// made in the partner's connected account and charged there.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dailyTenantWithAdmin, hydrated, signIn, serverAndBrowser } from './harness.mjs';
import { startFakeStripe } from './fake-stripe.mjs';

const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
const lastJson = (out) => JSON.parse(out.trim().split('\n').pop());

/** Types a card into the stand-in's field inside `form`. */
async function typeCard(form, number) {
  await form.getByLabel('Stripe card number').fill(number);
  await form.getByLabel('Stripe expiry').fill('12/34');
  await form.getByLabel('Stripe CVC').fill('123');
}

describe("Live cards through Stripe's card form", () => {
  let stripe;
  const env = {};
  before(async () => {
    stripe = await startFakeStripe();
    Object.assign(env, stripe.env);
  });
  after(() => stripe?.close());
  const suite = serverAndBrowser(env);

  test('the partner saves a card and a tenant pays, declined first, then in Connect mode', async () => {
    const { url } = suite.server;
    const partner = await (await suite.browser.newContext()).newPage();
    await signIn(partner, url);

    // The partner's own card: Stripe's field replaces ours, and no test-card list shows.
    await partner.goto(url + '/settings/billing/methods');
    await hydrated(partner);
    const add = partner.getByTestId('add-card');
    await add.getByTestId('stripe-card').getByLabel('Stripe card number').waitFor();
    assert.equal(await add.locator('#field-expiry').count(), 0, 'no card fields of our own');
    assert.equal(await partner.getByText('Test cards').count(), 0);
    await add.locator('#field-name').fill('Pat Partner');
    await typeCard(add, '4242 4242 4242 4242');
    await add.getByRole('button', { name: 'Save card' }).click();
    await partner.getByTestId('card-row').filter({ hasText: 'Visa ending 4242' }).waitFor();

    // A tenant billed daily, with its own admin.
    const boss = await dailyTenantWithAdmin(suite.browser, url, partner, { name: 'Quay Cafe', prefix: 'quay', admin: { email: 'owner@quay.test', name: 'Quinn Owner' } });
    assert.equal(lastJson(suite.server.cli('billing-run', '--at', inDays(2))).invoices_created, 2);

    // Platform mode: a declined card first, then a good one.
    await boss.goto(url + '/orgs/quay/billing');
    await hydrated(boss);
    const owed = boss.getByTestId('amount-owed');
    await owed.getByText('open on 2 invoices').waitFor();
    await boss.getByRole('button', { name: 'Pay invoice INV-000001' }).click();
    const form = boss.getByTestId('pay-invoice');
    await form.getByTestId('stripe-card').getByLabel('Stripe card number').waitFor();
    await form.locator('#field-name').fill('Quinn Owner');
    await typeCard(form, '4000 0000 0000 0002');
    await form.getByTestId('pay-now').click();
    await form.locator('#field-number-error').getByText('ending 0002 was declined').waitFor();
    await owed.getByText('open on 2 invoices').waitFor();
    await typeCard(form, '4242 4242 4242 4242');
    await form.getByTestId('pay-now').click();
    await boss.getByTestId('paid-notice').getByText('invoice INV-000001 is paid').waitFor();
    await owed.getByText('open on one invoice').waitFor();

    // Connect: the partner names its connected account; the next card is made there.
    const saved = await partner.evaluate(async () => {
      const body = new URLSearchParams({ 'form[mode]': 'connect', 'form[connect_account_id]': 'acct_1QuayPartner' });
      return (await fetch('/api/save_collection', { method: 'POST', body })).status;
    });
    assert.ok(saved < 400, String(saved));
    await boss.reload();
    await hydrated(boss);
    await boss.getByRole('button', { name: 'Pay invoice INV-000002' }).click();
    await form.locator('#field-name').fill('Quinn Owner');
    await typeCard(form, '4242 4242 4242 4242');
    await form.getByTestId('pay-now').click();
    await boss.getByTestId('paid-notice').getByText('invoice INV-000002 is paid').waitFor();
    await owed.getByText('Nothing is owed').waitFor();

    // What Stripe saw: cards only ever came from the browser with the publishable key;
    // the server sent PaymentMethod ids with its secret key, in the right account.
    const seen = stripe.state.seen;
    const fromBrowser = seen.filter((s) => s.path === '/v1/payment_methods');
    assert.equal(fromBrowser.length, 4);
    assert.ok(fromBrowser.every((s) => s.form.key === 'pk_test_e2eplatform' && s.authorization === null));
    assert.deepEqual(fromBrowser.map((s) => s.form._stripe_account ?? null), [null, null, null, 'acct_1QuayPartner']);
    const fromServer = seen.filter((s) => s.authorization !== null);
    assert.ok(fromServer.every((s) => s.authorization === 'Bearer sk_test_e2eplatform'));
    assert.ok(fromServer.every((s) => !/\d{12,}/.test(s.body)), 'no card number reached the server side');
    const connected = [...stripe.state.methods.values()].find((pm) => pm.account === 'acct_1QuayPartner');
    const charged = fromServer.filter((s) => s.path === '/v1/payment_intents' && s.form.payment_method === connected.id);
    assert.deepEqual(charged.map((s) => s.account), ['acct_1QuayPartner']);
  });
});
