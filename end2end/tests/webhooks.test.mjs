// Webhooks in a real browser, with a receiver on loopback: an endpoint without events
// is refused by field; one for tenant.created shows its secret once; creating a tenant
// delivers a signed event (checked here with Node's own HMAC); the deliveries view
// shows it with its request body; Redeliver sends the same id and body again; then the
// endpoint is turned off, its secret rotated, and it is deleted.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import crypto from 'node:crypto';
import { createTenant, hydrated, signIn, serverAndBrowser } from './harness.mjs';

/** Records every request and answers 200. */
function startReceiver() {
  const hits = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      hits.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, hits, url: `http://127.0.0.1:${server.address().port}/hooks` })));
}

function genuine(secret, hit) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const { 'webhook-id': id, 'webhook-timestamp': sent, 'webhook-signature': signature } = hit.headers;
  const mac = crypto.createHmac('sha256', key).update(`${id}.${sent}.${hit.body}`).digest('base64');
  return signature.split(' ').includes(`v1,${mac}`);
}

async function until(check, what) {
  for (let i = 0; i < 100; i += 1) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what}`);
}

describe('Webhooks', () => {
  const suite = serverAndBrowser({ SWITCHBOARD_ALLOW_PRIVATE_WEBHOOKS: 'true' });
  let receiver;
  after(() => receiver?.server.close());

  test('add an endpoint, receive a signed event, inspect and redeliver it', async () => {
    receiver = await startReceiver();
    const { url } = suite.server;
    const page = await (await suite.browser.newContext()).newPage();
    await signIn(page, url);

    await page.goto(url + '/settings/webhooks');
    await hydrated(page);
    await page.getByTestId('no-endpoints').waitFor();
    const form = page.getByTestId('new-endpoint-form');
    await form.locator('#field-url').fill(receiver.url);
    await form.locator('#field-description').fill('CRM sync');
    await form.getByRole('button', { name: 'Create endpoint' }).click();
    await page.locator('#new-events-error').getByText('at least one event').waitFor();

    await form.getByRole('checkbox', { name: 'tenant.created' }).check();
    await form.getByRole('button', { name: 'Create endpoint' }).click();
    const secret = await page.getByTestId('new-secret').inputValue();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]+=*$/);
    const card = page.getByTestId('endpoint').filter({ hasText: receiver.url });
    await card.getByTestId('endpoint-state').getByText('Active').waitFor();
    assert.ok(!(await card.innerText()).includes(secret.slice(10)));

    await createTenant(page, url, { name: 'Bluebird Bakery', prefix: 'bluebird', email: 'ap@bluebird.test' });
    await until(() => receiver.hits.length === 1, 'the tenant.created delivery');
    const [first] = receiver.hits;
    assert.ok(genuine(secret, first), 'the signature checks out');
    const event = JSON.parse(first.body);
    assert.equal(event.type, 'tenant.created');
    assert.equal(event.data.name, 'Bluebird Bakery');
    assert.equal(first.headers['webhook-id'], event.id);

    await page.goto(url + '/settings/webhooks');
    await hydrated(page);
    await card.getByRole('button', { name: 'Deliveries' }).click();
    const line = card.getByTestId('delivery').first();
    await line.waitFor();
    assert.equal(await line.getAttribute('data-status'), 'DELIVERED');
    assert.equal(await line.getByTestId('attempt').innerText(), 'Attempt 1/8');
    assert.match(await line.getByTestId('outcome').innerText(), /^200 OK/);
    await line.locator('summary').click();
    assert.match(await line.getByTestId('request-body').innerText(), /Bluebird Bakery/);

    await line.getByRole('button', { name: 'Redeliver' }).click();
    await card.getByText('Queued').waitFor();
    await until(() => receiver.hits.length === 2, 'the redelivery');
    assert.equal(receiver.hits[1].body, first.body);
    assert.equal(receiver.hits[1].headers['webhook-id'], first.headers['webhook-id']);

    await card.getByTestId('toggle').click();
    await page.getByTestId('endpoint').filter({ hasText: receiver.url }).getByTestId('endpoint-state').getByText('Off').waitFor();

    const again = page.getByTestId('endpoint').filter({ hasText: receiver.url });
    await again.getByRole('button', { name: 'Rotate secret' }).click();
    await again.getByRole('button', { name: /Rotate now/ }).click();
    await page.getByTestId('endpoint-secret').first().waitFor();
    const rotated = await page.getByTestId('new-secret').first().inputValue();
    assert.match(rotated, /^whsec_/);
    assert.notEqual(rotated, secret);

    const last = page.getByTestId('endpoint').filter({ hasText: receiver.url });
    await last.getByRole('button', { name: 'Delete' }).click();
    await last.getByRole('button', { name: /Delete: nothing more/ }).click();
    await page.getByTestId('no-endpoints').waitFor();
  });
});
