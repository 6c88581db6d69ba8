// Two-factor sign-in in a real browser: enrol with the key from the page, sign out,
// sign in with a TOTP code computed here (RFC 6238), then with a recovery code, which
// works once.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { PARTNER, hydrated, signIn, serverAndBrowser } from './harness.mjs';

function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

function totp(secret, at = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

async function passwordStep(page, url) {
  await page.goto(url + '/login');
  await page.getByLabel('Email').fill(PARTNER.email);
  await page.getByLabel('Password').fill(PARTNER.password);
  await Promise.all([page.waitForURL('**/login/code?ticket=*'), page.getByRole('button', { name: 'Sign in' }).click()]);
}

async function codeStep(page, code) {
  await hydrated(page);
  await page.locator('#field-code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
}

describe('two-factor sign-in', () => {
  const suite = serverAndBrowser();

  test('enrol, then every sign-in asks for a code', async () => {
    const page = await (await suite.browser.newContext()).newPage();
    await signIn(page, suite.server.url);
    await page.goto(suite.server.url + '/settings/security');
    await hydrated(page);
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent()).trim();
    assert.match(secret, /^[A-Z2-7]+=*$/);
    await page.locator('#field-code').fill(totp(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByTestId('recovery-codes').locator('li').nth(9).waitFor();
    const codes = await page.getByTestId('recovery-codes').locator('li').allTextContents();
    assert.equal(codes.length, 10);

    // Sign out; the password alone no longer gets in.
    await page.getByLabel('User menu').click();
    await Promise.all([page.waitForURL('**/login'), page.getByTestId('sign-out').click()]);
    await passwordStep(page, suite.server.url);
    // The enrolment's step is spent: the next step's code (inside the allowed skew).
    await Promise.all([page.waitForURL(suite.server.url + '/'), codeStep(page, totp(secret, Date.now() + 30_000))]);

    // A recovery code works once.
    await page.getByLabel('User menu').click();
    await Promise.all([page.waitForURL('**/login'), page.getByTestId('sign-out').click()]);
    await passwordStep(page, suite.server.url);
    await Promise.all([page.waitForURL(suite.server.url + '/'), codeStep(page, codes[0])]);
    await page.getByLabel('User menu').click();
    await Promise.all([page.waitForURL('**/login'), page.getByTestId('sign-out').click()]);
    await passwordStep(page, suite.server.url);
    await codeStep(page, codes[0]);
    await page.locator('#field-code-error').getByText('not right, or was already used').waitFor();
  });
});
