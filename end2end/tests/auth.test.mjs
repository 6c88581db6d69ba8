// Accounts in a real browser: sign up → verification link from the platform's outbox →
// verified dashboard with the trial countdown → sign out → sign in again; plus the
// messages a person sees when something is wrong.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, hydrated, signIn, serverAndBrowser } from './harness.mjs';

describe('accounts', () => {
  const suite = serverAndBrowser();

  test('sign up, verify from the outbox, see the trial, sign out and back in', async () => {
    const user = await (await suite.browser.newContext()).newPage();
    await user.goto(suite.server.url + '/signup');
    await user.getByLabel('Company name').fill('Harbor Telecom');
    await user.getByLabel('Your name').fill('Robin Harbor');
    await user.getByLabel('Work email').fill('robin@harbor.test');
    await user.getByLabel('Password').fill('Harbor-pass-2026');
    await Promise.all([
      user.waitForURL('**/verify-email'),
      user.getByRole('button', { name: 'Create account' }).click(),
    ]);
    await user.getByText('Please verify your email').waitFor();
    // Unverified users are kept out of the product.
    await user.goto(suite.server.url + '/');
    await user.waitForURL('**/verify-email');

    // The platform admin reads the outbox (no SMTP configured) and finds the link.
    const admin = await (await suite.browser.newContext()).newPage();
    await signIn(admin, suite.server.url, ADMIN);
    await admin.goto(suite.server.url + '/admin/outbox');
    const body = await admin.getByTestId('outbox-body').filter({ hasText: 'verify-email' }).first().textContent();
    const link = body.match(/http:\/\/\S+\/verify-email\?token=[\w-]+/)[0];
    assert.ok(link.startsWith(suite.server.url), `the link points at the host the user signed up on: ${link}`);

    await user.goto(link);
    await user.getByTestId('email-verified').waitFor();
    await user.getByRole('link', { name: 'Continue to your dashboard' }).click();
    await user.waitForURL(suite.server.url + '/');
    assert.match(await user.getByTestId('trial-banner').textContent(), /14 days left in your trial/);
    await hydrated(user);

    await user.getByLabel('User menu').click();
    assert.match(await user.getByTestId('signed-in-as').textContent(), /robin@harbor\.test/);
    await Promise.all([user.waitForURL('**/login'), user.getByTestId('sign-out').click()]);
    await user.goto(suite.server.url + '/');
    await user.waitForURL('**/login');

    await signIn(user, suite.server.url, { email: 'robin@harbor.test', password: 'Harbor-pass-2026' });
    assert.equal(new URL(user.url()).pathname, '/');

    // A spent link is refused with a clear message.
    await user.goto(link);
    await user.getByRole('alert').getByText(/expired or was already used/).waitFor();
  });

  test('forgot password: a link from the outbox sets a new password once', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await signIn(page, suite.server.url, { email: 'robin@harbor.test', password: 'Harbor-pass-2026' });
    const other = await (await suite.browser.newContext()).newPage();
    await other.goto(suite.server.url + '/login');
    await other.getByRole('link', { name: 'Forgot your password?' }).click();
    await other.waitForURL('**/forgot-password');
    await hydrated(other);
    await other.getByLabel('Email').fill('robin@harbor.test');
    await other.getByRole('button', { name: 'Send the link' }).click();
    await other.getByTestId('reset-sent').waitFor();

    const admin = await (await suite.browser.newContext()).newPage();
    await signIn(admin, suite.server.url, ADMIN);
    await admin.goto(suite.server.url + '/admin/outbox');
    const body = await admin.getByTestId('outbox-body').filter({ hasText: 'reset-password' }).first().textContent();
    const link = body.match(/http:\/\/\S+\/reset-password\?token=[\w-]+/)[0];

    await other.goto(link);
    await hydrated(other);
    await other.locator('#field-password').fill('Harbor-pass-2027');
    await other.locator('#field-confirm').fill('Harbor-pass-2027');
    await other.getByRole('button', { name: 'Save the new password' }).click();
    await other.getByTestId('password-reset').waitFor();

    // The session that existed before the reset is over.
    await page.goto(suite.server.url + '/');
    await page.waitForURL('**/login');
    await signIn(page, suite.server.url, { email: 'robin@harbor.test', password: 'Harbor-pass-2027' });
    assert.equal(new URL(page.url()).pathname, '/');

    // The link works once.
    await other.goto(link);
    await hydrated(other);
    await other.locator('#field-password').fill('Harbor-pass-2028');
    await other.locator('#field-confirm').fill('Harbor-pass-2028');
    await other.getByRole('button', { name: 'Save the new password' }).click();
    await other.getByRole('alert').getByText(/expired or was already used/).waitFor();
    await context.close();
  });

  test('sign out everywhere ends the other browsers too', async () => {
    const first = await (await suite.browser.newContext()).newPage();
    const second = await (await suite.browser.newContext()).newPage();
    await signIn(first, suite.server.url);
    await signIn(second, suite.server.url);
    await hydrated(first);
    await first.getByLabel('User menu').click();
    await Promise.all([first.waitForURL('**/login'), first.getByTestId('sign-out-everywhere').click()]);
    await second.goto(suite.server.url + '/');
    await second.waitForURL('**/login');
  });

  test('a wrong password is reported under the field, the same as an unknown email', async () => {
    const page = await suite.browser.newPage();
    const attempt = async (email) => {
      await page.goto(suite.server.url + '/login');
      await hydrated(page);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('Not-the-pass1');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const message = page.locator('#field-password-error');
      await message.getByText('The email or password is incorrect.').waitFor();
      return message.textContent();
    };
    assert.equal(await attempt('owner@e2e.test'), await attempt('nobody@e2e.test'));
    assert.equal(new URL(page.url()).pathname, '/login');
  });

  test('the browser checks a field as soon as it is left, with the same rule as the server', async () => {
    const page = await suite.browser.newPage();
    await page.goto(suite.server.url + '/signup');
    await hydrated(page);
    await page.getByLabel('Work email').fill('not-an-email');
    await page.getByLabel('Password').focus();
    await page.locator('#field-email-error').getByText('is not a valid email address').waitFor();
    assert.equal(await page.getByLabel('Work email').getAttribute('aria-invalid'), 'true');
  });

  test('sign-up without JavaScript still reports every field', async () => {
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(suite.server.url + '/signup');
    await page.getByLabel('Work email').fill('bad');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForLoadState();
    // Without JS the form posts, the server refuses, and the page comes back to the form.
    assert.equal(new URL(page.url()).pathname, '/signup');
    await context.close();
  });
});
