// The team in a real browser: a Partner Admin invites a Partner User, who accepts from
// the emailed link, can read but not change (the server refuses a direct call with 403),
// and is signed out on their next request once removed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, PARTNER, hydrated, signIn, serverAndBrowser } from './harness.mjs';

describe('team', () => {
  const suite = serverAndBrowser();

  test('invite, accept, read-only, removal', async () => {
    const owner = await (await suite.browser.newContext()).newPage();
    await signIn(owner, suite.server.url, PARTNER);
    await owner.goto(suite.server.url + '/settings/users');
    await hydrated(owner);
    await owner.locator('#field-email').fill('pat@e2e.test');
    await owner.locator('#field-role').selectOption('partner_user');
    await owner.getByRole('button', { name: 'Send invitation' }).click();
    await owner.getByText('Invitation sent.').waitFor();
    await owner.getByTestId('team-row').filter({ hasText: 'pat@e2e.test' }).getByText('Invited').waitFor();

    const admin = await (await suite.browser.newContext()).newPage();
    await signIn(admin, suite.server.url, ADMIN);
    await admin.goto(suite.server.url + '/admin/outbox');
    const body = await admin.getByTestId('outbox-body').filter({ hasText: '/invite?token=' }).first().textContent();
    const link = body.match(/http:\/\/\S+\/invite\?token=[\w-]+/)[0];

    const pat = await (await suite.browser.newContext()).newPage();
    await pat.goto(link);
    await hydrated(pat);
    await pat.locator('#field-name').fill('Pat Reader');
    await pat.locator('#field-password').fill('Reader-pass-1');
    await pat.locator('#field-confirm').fill('Reader-pass-1');
    await Promise.all([pat.waitForURL(suite.server.url + '/'), pat.getByRole('button', { name: 'Join' }).click()]);

    // Read-only: the team is visible, the controls that change it are not…
    await pat.goto(suite.server.url + '/settings/users');
    await pat.getByTestId('team-table').waitFor();
    assert.equal(await pat.getByRole('button', { name: 'Send invitation' }).count(), 0);
    assert.equal(await pat.getByTestId('remove-member').count(), 0);
    // …and the server refuses the mutation itself, whatever the page showed.
    const status = await pat.evaluate(async () => {
      const r = await fetch('/api/invite_member', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=sneaky%40e2e.test&role=partner_admin',
      });
      return r.status;
    });
    assert.equal(status, 403);

    // The owner removes Pat; Pat's next request is signed out.
    await owner.reload();
    await hydrated(owner);
    await owner.getByTestId('team-row').filter({ hasText: 'pat@e2e.test' }).getByTestId('remove-member').click();
    await owner.getByTestId('team-row').filter({ hasText: 'pat@e2e.test' }).waitFor({ state: 'detached' });
    await pat.goto(suite.server.url + '/');
    await pat.waitForURL('**/login');

    // Both changes are on record, in a chain that verifies; the filter narrows it.
    await owner.goto(suite.server.url + '/settings/audit?action=team.');
    assert.match(await owner.getByTestId('audit-chain').textContent(), /Chain intact/);
    const table = owner.getByTestId('audit-table');
    await table.getByText('team.invited').waitFor();
    await table.getByText('team.removed').waitFor();
    assert.equal(await table.getByText('auth.signed_in').count(), 0);
  });
});
