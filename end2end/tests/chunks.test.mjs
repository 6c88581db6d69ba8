// The split bundle in a real browser: a page's code arrives as its own chunk, and a chunk
// that cannot be downloaded (a deploy replaced it, the network dropped) leaves a
// "Reload to continue" notice instead of a dead page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hydrated, signIn, serverAndBrowser } from './harness.mjs';

/** The main WASM file, as the page preloads it. */
async function mainWasm(page) {
  // The page also preloads the chunks it used; the main file is the app's own name.
  const href = await page.locator('link[rel="preload"][type="application/wasm"][href^="/pkg/portal."]').getAttribute('href');
  assert.ok(href, 'the page preloads its main WASM file');
  return new URL(href, page.url()).pathname;
}

/** Opens a drop-down of the desktop navigation (a `<details>` whose summary is the label). */
async function openMenu(page, label) {
  await page.getByTestId('desktop-nav').locator('summary', { hasText: label }).click();
}

describe('split bundle', () => {
  const suite = serverAndBrowser();

  test('opening another page fetches that page\'s chunk', async () => {
    const page = await suite.browser.newPage();
    await signIn(page, suite.server.url);
    await hydrated(page);
    const main = await mainWasm(page);
    const fetched = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.endsWith('.wasm')) fetched.push(path);
    });
    await openMenu(page, 'Tenants');
    await page.getByTestId('desktop-nav').getByRole('link', { name: 'Tenants', exact: true }).click();
    await page.waitForURL(/\/tenants$/);
    await page.getByRole('heading', { name: 'Tenants' }).waitFor();
    assert.ok(fetched.length > 0, 'the tenant list came as a chunk of its own');
    assert.ok(!fetched.includes(main), 'the main file is not fetched again');
    await page.close();
  });

  test('a chunk that fails to download shows the reload notice, and reloading recovers', async () => {
    const page = await suite.browser.newPage();
    await signIn(page, suite.server.url);
    await hydrated(page);
    const main = await mainWasm(page);
    // Every chunk but the main file now fails, as after a deploy removed the old files.
    await page.route(/\/pkg\/.*\.wasm$/, (route) =>
      new URL(route.request().url()).pathname === main ? route.continue() : route.abort('failed'));
    await openMenu(page, 'Numbers');
    await page.getByTestId('desktop-nav').getByRole('link', { name: 'Inventory' }).click();

    const notice = page.locator('#sb-reload-notice');
    await notice.waitFor({ timeout: 15_000 });
    assert.equal(await notice.getAttribute('role'), 'alert');
    assert.match(await notice.textContent(), /could not be loaded/);
    const reload = notice.getByRole('link', { name: 'Reload to continue' });

    // The network is back: the link loads the page afresh, and it works.
    await page.unroute(/\/pkg\/.*\.wasm$/);
    await Promise.all([page.waitForEvent('load'), reload.click()]);
    await hydrated(page);
    assert.equal(await page.locator('#sb-reload-notice').count(), 0);
    await page.close();
  });
});
