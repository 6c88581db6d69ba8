// The app shell in a real browser: server rendering with JavaScript off, hydration,
// the phone layout, dark mode across reloads, scoped styles, and the 404 page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hydrated, signIn, serverAndBrowser } from './harness.mjs';

describe('app shell', () => {
  const suite = serverAndBrowser();

  test('renders on the server with JavaScript off', async () => {
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, suite.server.url);
    const response = await page.goto(suite.server.url + '/');
    assert.equal(response.status(), 200);
    // Signed in, the partner's own brand (not the platform's) names every page.
    assert.equal(await page.title(), 'E2E Voice — Dashboard');
    assert.equal(await page.locator('h1').textContent(), 'Dashboard');
    assert.match(await page.getByTestId('system-status').textContent(), /Operational/);
    assert.equal(await page.locator('body').getAttribute('data-hydrated'), null);
    await context.close();
  });

  test('hydrates: the live check runs in the browser', async () => {
    const page = await suite.browser.newPage();
    await signIn(page, suite.server.url);
    await page.goto(suite.server.url + '/');
    await hydrated(page);
    await page.getByTestId('live-check').click();
    await page.getByTestId('live-check-result').getByText(/Database ok/).waitFor({ timeout: 10_000 });
    await page.close();
  });

  test('component-scoped styles (stylers) reach the page', async () => {
    const page = await suite.browser.newPage();
    await signIn(page, suite.server.url);
    const dot = page.getByTestId('status-dot');
    const style = await dot.evaluate((el) => {
      const s = getComputedStyle(el);
      return { radius: s.borderTopLeftRadius, width: s.width, animation: s.animationName };
    });
    assert.notEqual(style.radius, '0px');
    assert.ok(Math.abs(parseFloat(style.width) - 9.6) < 0.1, `width ${style.width} is 0.6rem`);
    assert.match(style.animation, /status-pulse/);
    await page.close();
  });

  test('at 390×844 the hamburger replaces the navigation', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, suite.server.url);
    await hydrated(page);
    assert.equal(await page.getByTestId('desktop-nav').isVisible(), false);
    const hamburger = page.locator('summary[aria-label="Menu"]');
    assert.equal(await hamburger.isVisible(), true);
    await hamburger.click();
    const mobile = page.getByTestId('mobile-nav');
    await mobile.getByRole('link', { name: 'Inventory' }).waitFor({ state: 'visible' });
    // The panel covers the screen below the header (not clipped to the header).
    const panel = await mobile.locator('nav').boundingBox();
    assert.ok(panel.height > 600 && panel.width >= 389, `menu panel is ${panel.width}×${panel.height}`);
    const link = await mobile.getByRole('link', { name: 'Inventory' }).boundingBox();
    assert.ok(link.y + link.height <= panel.y + panel.height, 'links sit inside the visible panel');
    await context.close();
  });

  test('on a desktop the navigation bar shows and the hamburger hides', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, suite.server.url);
    assert.equal(await page.getByTestId('desktop-nav').isVisible(), true);
    assert.equal(await page.getByTestId('mobile-nav').isVisible(), false);
    await context.close();
  });

  test('dark mode survives a reload (with JavaScript)', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await page.goto(suite.server.url + '/login');
    await hydrated(page);
    const isDark = () => page.evaluate(() => document.documentElement.classList.contains('dark'));
    assert.equal(await isDark(), false);
    await page.getByLabel('User menu').click();
    await page.getByTestId('theme-toggle').click();
    await page.waitForFunction(() => document.documentElement.classList.contains('dark'));
    await page.reload();
    assert.equal(await isDark(), true);
    assert.equal(await page.getByTestId('theme-toggle').getAttribute('aria-checked'), 'true');
    await context.close();
  });

  test('dark mode works without JavaScript too', async () => {
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(suite.server.url + '/login');
    await page.getByLabel('User menu').click();
    await Promise.all([page.waitForNavigation(), page.getByTestId('theme-toggle').click()]);
    assert.equal(await page.locator('html').getAttribute('class'), 'dark');
    await context.close();
  });

  test('an unknown page is a real 404', async () => {
    const page = await suite.browser.newPage();
    const response = await page.goto(suite.server.url + '/definitely/not/here');
    assert.equal(response.status(), 404);
    assert.equal(await page.title(), 'Switchboard — Page not found');
    assert.equal(await page.locator('h1').textContent(), 'Page not found');
    await page.close();
  });
});
