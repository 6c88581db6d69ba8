// The platform operator's partner list in a real browser: create a partner (the slug
// follows the name), its owner joins from the emailed invitation, search finds it, and
// a suspension signs the owner out and keeps them out until it is lifted.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, hydrated, signIn, serverAndBrowser } from './harness.mjs';

describe('platform admin', () => {
  const suite = serverAndBrowser();

  test('create, invite, search, suspend, reactivate', async () => {
    const ops = await (await suite.browser.newContext()).newPage();
    await signIn(ops, suite.server.url, ADMIN);
    // The operator's home is the partner list, with the operator's own navigation.
    await ops.goto(suite.server.url + '/');
    await ops.waitForURL('**/admin/partners');
    await hydrated(ops);
    await ops.getByRole('link', { name: 'Outbox' }).first().waitFor();

    await ops.locator('#field-name').fill('Nova Telecom');
    assert.equal(await ops.locator('#field-slug').inputValue(), 'nova-telecom');
    await ops.locator('#field-owner_email').fill('boss@nova.test');
    await ops.getByRole('button', { name: 'Create and invite' }).click();
    await ops.getByText('boss@nova.test has an invitation').waitFor();
    const row = ops.getByTestId('partner-row').filter({ hasText: 'Nova Telecom' });
    await row.getByText('Trial').waitFor();

    // A taken address is a field message, and nothing is created.
    await ops.locator('#field-name').fill('Nova Again');
    await ops.locator('#field-slug').fill('nova-telecom');
    await ops.locator('#field-owner_email').fill('other@nova.test');
    await ops.getByRole('button', { name: 'Create and invite' }).click();
    await ops.locator('#field-slug-error').getByText('is taken').waitFor();

    await ops.goto(suite.server.url + '/admin/outbox');
    const body = await ops.getByTestId('outbox-body').filter({ hasText: 'invited you to Nova Telecom' }).first().textContent();
    const link = body.match(/http:\/\/\S+\/invite\?token=[\w-]+/)[0];
    const boss = await (await suite.browser.newContext()).newPage();
    await boss.goto(link);
    await hydrated(boss);
    await boss.locator('#field-name').fill('Bo Boss');
    await boss.locator('#field-password').fill('Nova-owner-1');
    await boss.locator('#field-confirm').fill('Nova-owner-1');
    await Promise.all([boss.waitForURL(suite.server.url + '/'), boss.getByRole('button', { name: 'Join' }).click()]);

    // Search by a team member's email finds the partner, and only it.
    await ops.goto(suite.server.url + '/admin/partners?q=boss%40nova');
    await hydrated(ops);
    assert.equal(await ops.getByTestId('partner-row').count(), 1);
    await ops.getByTestId('partner-row').getByText('Nova Telecom', { exact: true }).waitFor();

    await ops.getByText('Suspend…').click();
    await ops.getByLabel('Why suspend Nova Telecom?').fill('Card declined three times');
    await ops.getByRole('button', { name: 'Suspend partner' }).click();
    await ops.getByTestId('partner-row').getByText('Suspended').waitFor();
    await ops.getByTestId('partner-row').getByText('Card declined three times').waitFor();

    await boss.goto(suite.server.url + '/');
    await boss.waitForURL('**/login');

    await ops.getByRole('button', { name: 'Reactivate' }).click();
    await ops.getByTestId('partner-row').getByText('Trial').waitFor();
    await signIn(boss, suite.server.url, { email: 'boss@nova.test', password: 'Nova-owner-1' });
    await boss.goto(suite.server.url + '/');
    await boss.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  test('tiers change from a date; the partner list shows plan, wallet and usage', async () => {
    const ops = await (await suite.browser.newContext()).newPage();
    await signIn(ops, suite.server.url, ADMIN);
    await ops.goto(suite.server.url + '/admin/partners');
    const row = ops.getByTestId('partner-row').first();
    await row.getByTestId('partner-tier').getByText('starter').waitFor();

    await ops.goto(suite.server.url + '/admin/tiers');
    await hydrated(ops);
    const card = ops.getByTestId('edit-tier-starter');
    assert.equal(await card.locator('#field-local_minute').inputValue(), '0.020');
    await card.locator('#field-local_minute').fill('0.019');
    await card.locator('#field-effective_from').fill('2020-01-01');
    await card.getByRole('button', { name: 'Schedule prices' }).click();
    await card.locator('#field-effective_from-error').getByText('today or later').waitFor();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await card.locator('#field-effective_from').fill(tomorrow);
    await card.getByRole('button', { name: 'Schedule prices' }).click();
    const scheduled = ops.getByTestId('tier-schedule').locator('tr', { hasText: '(scheduled)' });
    await scheduled.getByText(tomorrow).waitFor();
    await scheduled.getByText('$0.019 / $0.022').waitFor();
  });
});
