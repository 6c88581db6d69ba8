// Brand settings in a real browser: typing a name and picking a colour change the live
// preview before anything is saved, a colour that reads poorly is warned about, and the
// saved brand is what the partner's own subdomain serves.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getWithHost, hydrated, signIn, serverAndBrowser } from './harness.mjs';


describe('brand', () => {
  const suite = serverAndBrowser();

  test('live preview, contrast warning, save, served on the subdomain', async () => {
    const page = await (await suite.browser.newContext()).newPage();
    await signIn(page, suite.server.url);
    await page.goto(suite.server.url + '/settings/brand');
    await hydrated(page);
    const preview = page.getByTestId('brand-preview');
    await preview.getByTestId('preview-name').getByText('E2E Voice').waitFor();

    await page.locator('#field-brand_name').fill('Harbor Lines');
    await preview.getByTestId('preview-name').getByText('Harbor Lines').waitFor();
    await preview.getByText('Sign in to Harbor Lines').waitFor();

    await page.locator('#field-primary_color').fill('#facc15');
    await page.getByTestId('contrast-warnings').getByText('on white has a contrast of').waitFor();
    assert.match(await preview.getByTestId('preview-button').getAttribute('style'), /#facc15/);
    await page.getByLabel('Pick the primary colour').fill('#0f766e');
    await preview.getByTestId('preview-button').and(page.locator('[style*="#0f766e"]')).waitFor();
    assert.equal(await page.getByTestId('contrast-warnings').locator('li').count(), 0);
    assert.equal(await page.locator('#field-primary_color').inputValue(), '#0f766e');

    // Nothing was saved yet: the subdomain still shows the company name.
    assert.match((await getWithHost(suite.server.url, '/login', 'e2e.localhost')).body, /E2E Voice/);
    await page.getByRole('button', { name: 'Save brand' }).click();
    await page.getByText('Saved. Your customers see it').waitFor();
    const served = (await getWithHost(suite.server.url, '/login', 'e2e.localhost')).body;
    assert.match(served, /Harbor Lines/);
    assert.match(served, /--brand-primary:#0f766e/);
    assert.doesNotMatch(served, /Switchboard/);
  });
});
