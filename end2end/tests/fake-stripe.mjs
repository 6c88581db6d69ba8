// A local stand-in for Stripe for the browser tests: it serves a small Stripe.js look-alike
// (a card field of three inputs, `createPaymentMethod`) and the API calls the server makes
// (customers, attaching and reading PaymentMethods, PaymentIntents, refunds). Like Stripe,
// it keeps every account apart: a PaymentMethod made with the publishable key for a
// connected account exists only in that account, so the server must ask with the same
// `Stripe-Account`. It records every request, so a test can prove that no card number
// ever reached the server's side of the API.
import http from 'node:http';

const STAND_IN = String.raw`(function () {
  var api = new URL(document.currentScript.src).origin;
  function luhn(d) {
    var sum = 0;
    for (var i = 0; i < d.length; i++) {
      var n = +d[d.length - 1 - i];
      if (i % 2) { n *= 2; if (n > 9) n -= 9; }
      sum += n;
    }
    return d.length >= 12 && sum % 10 === 0;
  }
  function field(label, mode) {
    var input = document.createElement('input');
    input.setAttribute('aria-label', label);
    input.setAttribute('inputmode', mode);
    input.style.cssText = 'border:0;background:transparent;color:inherit;font:inherit;width:auto;min-width:4rem;flex:1';
    return input;
  }
  function Card() {
    var handlers = {};
    var number = field('Stripe card number', 'numeric');
    var expiry = field('Stripe expiry', 'numeric');
    var cvc = field('Stripe CVC', 'numeric');
    function digits() { return number.value.replace(/\D/g, ''); }
    function check() {
      var error = digits().length >= 12 && !luhn(digits()) ? { message: 'Your card number is invalid.' } : undefined;
      (handlers.change || []).forEach(function (f) { f({ complete: !error && luhn(digits()), error: error }); });
    }
    [number, expiry, cvc].forEach(function (i) { i.addEventListener('input', check); });
    return {
      mount: function (el) {
        var box = document.createElement('div');
        box.setAttribute('data-stand-in', 'stripe-card');
        box.style.cssText = 'display:flex;gap:.5rem';
        box.append(number, expiry, cvc);
        el.appendChild(box);
      },
      on: function (name, f) { (handlers[name] = handlers[name] || []).push(f); },
      destroy: function () { number.parentNode && number.parentNode.remove(); },
      _values: function () {
        var parts = expiry.value.split('/');
        return { number: digits(), exp_month: (parts[0] || '').trim(), exp_year: (parts[1] || '').trim(), cvc: cvc.value };
      },
    };
  }
  window.Stripe = function (key, options) {
    var account = options && options.stripeAccount;
    return {
      elements: function () { return { create: function () { return Card(); } }; },
      createPaymentMethod: function (request) {
        var v = request.card._values();
        var body = new URLSearchParams({
          type: 'card', 'card[number]': v.number, 'card[exp_month]': v.exp_month,
          'card[exp_year]': v.exp_year, 'card[cvc]': v.cvc,
          'billing_details[name]': (request.billing_details || {}).name || '', key: key,
        });
        if (account) body.set('_stripe_account', account);
        return fetch(api + '/v1/payment_methods', { method: 'POST', body: body })
          .then(function (r) { return r.json(); })
          .then(function (json) { return json.error ? { error: json.error } : { paymentMethod: json }; });
      },
    };
  };
})();`;

const declines = {
  '4000000000000002': ['card_declined', 'generic_decline'],
  '4000000000009995': ['card_declined', 'insufficient_funds'],
  '4000000000000069': ['expired_card', 'expired_card'],
};

export async function startFakeStripe() {
  const state = { seen: [], methods: new Map(), replies: new Map(), next: 0 };
  const id = (prefix) => `${prefix}_e2e${++state.next}`;
  const error = (status, type, message, extra = {}) => [status, { error: { type, message, ...extra } }];
  const methodJson = (pm) => ({
    id: pm.id, object: 'payment_method', created: 1700000000, livemode: false, type: 'card',
    billing_details: { name: pm.name }, customer: pm.customer ?? null,
    card: { brand: 'visa', last4: pm.number.slice(-4), exp_month: pm.exp_month, exp_year: pm.exp_year, funding: 'credit' },
  });
  // The account a request acts in: the platform's (null) or a connected one.
  const answer = (req, path, form) => {
    const auth = req.headers.authorization ?? '';
    const account = req.headers['stripe-account'] ?? null;
    const parts = path.split('/').filter(Boolean);
    if (req.method === 'POST' && path === '/v1/payment_methods') {
      // From the browser, with the publishable key, as Stripe.js sends it.
      if (!(form.key ?? '').startsWith('pk_')) return error(401, 'invalid_request_error', 'Invalid API Key provided.');
      const number = form['card[number]'] ?? '';
      const month = Number(form['card[exp_month]']);
      let year = Number(form['card[exp_year]']);
      if (year < 100) year += 2000;
      if (!/^\d{12,19}$/.test(number)) return error(402, 'card_error', 'Your card number is incomplete.', { code: 'incomplete_number' });
      if (!(month >= 1 && month <= 12) || !year) return error(402, 'card_error', "Your card's expiration date is incomplete.", { code: 'incomplete_expiry' });
      const pm = { id: id('pm'), number, exp_month: month, exp_year: year, name: form['billing_details[name]'], key: form.key, account: form._stripe_account ?? null };
      state.methods.set(pm.id, pm);
      return [200, methodJson(pm)];
    }
    if (!auth.startsWith('Bearer sk_')) return error(401, 'invalid_request_error', 'Invalid API Key provided.');
    const method = (pmId) => {
      const pm = state.methods.get(pmId);
      return pm && pm.account === account ? pm : null;
    };
    const missing = (pmId) => error(404, 'invalid_request_error', `No such PaymentMethod: '${pmId}'`, { code: 'resource_missing' });
    if (req.method === 'POST' && path === '/v1/customers') {
      return [200, { id: id('cus'), object: 'customer', created: 1700000000, livemode: false }];
    }
    if (req.method === 'GET' && path === '/v1/customers') {
      return [200, { object: 'list', data: [], has_more: false, url: '/v1/customers' }];
    }
    if (req.method === 'POST' && parts[1] === 'payment_methods' && parts[3] === 'attach') {
      const pm = method(parts[2]);
      if (!pm) return missing(parts[2]);
      pm.customer = form.customer;
      return [200, methodJson(pm)];
    }
    if (req.method === 'GET' && parts[1] === 'payment_methods' && parts[2]) {
      const pm = method(parts[2]);
      return pm ? [200, methodJson(pm)] : missing(parts[2]);
    }
    if (req.method === 'POST' && path === '/v1/payment_intents') {
      const pm = method(form.payment_method);
      if (!pm) return missing(form.payment_method);
      const n = ++state.next;
      const decline = declines[pm.number];
      if (decline) {
        return error(402, 'card_error', 'Your card was declined.', { code: decline[0], decline_code: decline[1], charge: `ch_e2e${n}` });
      }
      return [200, {
        id: `pi_e2e${n}`, object: 'payment_intent', amount: Number(form.amount), amount_capturable: 0,
        amount_received: Number(form.amount), capture_method: 'automatic', confirmation_method: 'automatic',
        created: 1700000000, currency: 'usd', livemode: false, metadata: {}, payment_method_types: ['card'],
        status: 'succeeded', customer: form.customer, payment_method: pm.id,
      }];
    }
    if (req.method === 'POST' && path === '/v1/refunds') {
      return [200, {
        id: id('re'), object: 'refund', amount: Number(form.amount), created: 1700000000, currency: 'usd',
        status: 'succeeded', payment_intent: form.payment_intent,
      }];
    }
    return error(404, 'invalid_request_error', 'Unrecognized request URL.');
  };

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const path = new URL(req.url, 'http://x').pathname;
      const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' };
      if (req.method === 'OPTIONS') { res.writeHead(204, cors); res.end(); return; }
      if (req.method === 'GET' && path === '/v3/') {
        res.writeHead(200, { 'content-type': 'text/javascript', ...cors });
        res.end(STAND_IN);
        return;
      }
      const form = Object.fromEntries(new URLSearchParams(body));
      state.seen.push({
        method: req.method, path, body, form,
        authorization: req.headers.authorization ?? null,
        account: req.headers['stripe-account'] ?? null,
      });
      const key = req.headers['idempotency-key'];
      let reply = key && state.replies.get(key);
      if (!reply) {
        reply = answer(req, path, form);
        if (key) state.replies.set(key, reply);
      }
      const [status, json] = reply;
      res.writeHead(status, { 'content-type': 'application/json', ...cors });
      res.end(JSON.stringify(json));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    state,
    /** The environment that points a server at this fake with Stripe's card form on. */
    env: {
      SWITCHBOARD_STRIPE_SECRET_KEY: 'sk_test_e2eplatform',
      SWITCHBOARD_STRIPE_PUBLISHABLE_KEY: 'pk_test_e2eplatform',
      SWITCHBOARD_STRIPE_API_BASE: url,
      SWITCHBOARD_STRIPE_JS_URL: `${url}/v3/`,
    },
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}
