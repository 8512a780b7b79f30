'use strict';
// Webhooks: Tests/vectors/webhooks.json, cross-checks with node:crypto (sign with the library,
// verify with createHmac, and back), header shapes, and epusdt against a reimplementation of
// epusdt's Go rules on V8's own shortest number text.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const tronpay = require('..');
const { loadJson } = require('../test_helpers');

const { webhooks } = tronpay;
const { WebhookVerificationError } = webhooks;
const V = loadJson('Tests/vectors/webhooks.json');
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const MSG_ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TS = 1614265330;
const BODY = Buffer.from('{"test": 2432232314}');
const PUBLISHED = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

const headers = (id = MSG_ID, ts = String(TS), sig = PUBLISHED) =>
  ({ 'webhook-id': id, 'webhook-timestamp': ts, 'webhook-signature': sig });

function nodeSign(secret, msgId, ts, body) {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
  const mac = crypto.createHmac('sha256', key).update(`${msgId}.${ts}.`).update(body).digest();
  return `v1,${mac.toString('base64')}`;
}

const isVerification = (e) => e instanceof WebhookVerificationError &&
  e instanceof tronpay.TronPayError && e.status === tronpay.STATUS.E_VERIFY && e.detail !== '';

test('the published Standard Webhooks vector', () => {
  assert.equal(webhooks.sign(SECRET, MSG_ID, TS, BODY), PUBLISHED);
  assert.equal(webhooks.sign(SECRET.slice(6), MSG_ID, BigInt(TS), BODY.toString()), PUBLISHED);
  webhooks.verify(headers(), BODY, SECRET, 300, { now: TS });
  assert.equal(tronpay.WebhookVerificationError, WebhookVerificationError);
});

test('sign vectors', () => {
  for (const c of V.standard_webhooks.sign) {
    assert.equal(webhooks.sign(c.secret, c.msg_id, BigInt(c.timestamp_text), c.body), c.signature,
      c.name);
    assert.equal(nodeSign(c.secret, c.msg_id, c.timestamp_text, Buffer.from(c.body)), c.signature);
  }
});

test('the verify table', () => {
  const cases = V.standard_webhooks.verify;
  assert.ok(cases.length >= 30);
  for (const c of cases) {
    const call = () => webhooks.verify(headers(c.msg_id, c.timestamp, c.signature_header),
      Buffer.from(c.body), c.secret, c.tolerance, { now: c.now });
    if (c.status === 'OK') call();
    else if (c.status === 'TRONPAY_E_VERIFY') assert.throws(call, isVerification, c.name);
    else {
      assert.throws(call, (e) => e instanceof tronpay.TronPayError &&
        !(e instanceof WebhookVerificationError) && e.status === tronpay.STATUS.E_ARG &&
        !e.message.includes('MfKQ9r8G'), c.name);
    }
  }
});

test('library signs, node:crypto verifies, and back', () => {
  for (let i = 0; i < 200; i++) {
    const key = crypto.randomBytes([24, 32, 64][i % 3]);
    const secret = (i % 2 ? 'whsec_' : '') + key.toString('base64');
    const body = crypto.randomBytes(i * 13);
    const id = `evt_${crypto.randomBytes(8).toString('hex')}`;
    const ts = 1700000000 + i;
    const ours = webhooks.sign(secret, id, ts, body);
    assert.equal(ours, nodeSign(secret, id, ts, body));
    webhooks.verify(headers(id, String(ts), `v1a,xx ${nodeSign(secret, id, ts, body)}`), body,
      secret, 300, { now: ts });
    if (body.length) {
      const tampered = Buffer.from(body);
      tampered[0] ^= 1;
      assert.throws(() => webhooks.verify(headers(id, String(ts), ours), tampered, secret, 300,
        { now: ts }), isVerification);
    }
  }
});

test('header shapes: object with any case, Map, Headers; missing and repeated headers', () => {
  const mixed = { 'Webhook-Id': MSG_ID, 'WEBHOOK-TIMESTAMP': String(TS),
    'webhook-Signature': PUBLISHED, 'Content-Type': 'application/json' };
  webhooks.verify(mixed, BODY, SECRET, 300, { now: TS });
  webhooks.verify(new Map(Object.entries(mixed)), new Uint8Array(BODY), SECRET, 300, { now: TS });
  if (typeof Headers === 'function') {
    webhooks.verify(new Headers(mixed), BODY, SECRET, 300, { now: TS });
  }
  for (const name of webhooks.HEADERS) {
    const partial = headers();
    delete partial[name];
    assert.throws(() => webhooks.verify(partial, BODY, SECRET, 300, { now: TS }),
      (e) => isVerification(e) && e.detail === `missing ${name} header`);
  }
  assert.throws(() => webhooks.verify({ ...headers(), 'Webhook-Id': 'other' }, BODY, SECRET, 300,
    { now: TS }), (e) => isVerification(e) && /more than once/.test(e.detail));
  assert.throws(() => webhooks.verify({ ...headers(), 'webhook-id': ['a', 'b'] }, BODY, SECRET,
    300, { now: TS }), isVerification);
  assert.throws(() => webhooks.verify(headers('a\0b'), BODY, SECRET, 300, { now: TS }),
    isVerification);
  assert.throws(() => webhooks.verify(headers(), 42, SECRET), TypeError);
  assert.throws(() => webhooks.verify(null, BODY, SECRET), TypeError);
});

test('the clock, signHeaders and argument errors', () => {
  const h = webhooks.signHeaders(SECRET, 'evt_now', '{}');
  assert.equal(h['content-type'], 'application/json');
  webhooks.verify(h, '{}', SECRET);
  assert.throws(() => webhooks.verify(headers(), BODY, SECRET), (e) => isVerification(e) &&
    /old/.test(e.detail));
  const arg = (e) => e instanceof tronpay.TronPayError && e.status === tronpay.STATUS.E_ARG;
  assert.throws(() => webhooks.sign('whsec_not base64', MSG_ID, TS, BODY), arg);
  assert.throws(() => webhooks.sign(SECRET, MSG_ID, -1, BODY), arg);
  assert.throws(() => webhooks.sign(SECRET, MSG_ID, 2 ** 63, BODY), arg);
  assert.throws(() => webhooks.sign(SECRET, MSG_ID, '1614265330', BODY), TypeError);
  assert.throws(() => webhooks.verify(headers(), BODY, SECRET, -1, { now: TS }), arg);
});

// ---- epusdt -----------------------------------------------------------------------------------

/** Go's strconv.FormatFloat(v, 'f', -1, 64) from V8's shortest round-trip text. */
function goFormatFloat(v) {
  if (Object.is(v, -0)) return '-0';
  const text = String(Math.abs(v));
  const sign = v < 0 ? '-' : '';
  const [mantissa, exp = '0'] = text.split('e');
  const [int, frac = ''] = mantissa.split('.');
  let digits = int + frac;
  let point = int.length + Number(exp);
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(lead).replace(/0+$/, '');
  point -= lead;
  if (digits === '') return sign + '0';
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function goEpusdtSign(paramsJson, token) {
  const pairs = [];
  for (const [key, value] of Object.entries(JSON.parse(paramsJson))) {
    if (key === 'signature' || value === null) continue;
    const text = typeof value === 'number' ? goFormatFloat(value) : value;
    if (text !== '') pairs.push(Buffer.from(`${key}=${text}`));
  }
  pairs.sort(Buffer.compare);
  return crypto.createHash('md5').update(Buffer.concat([Buffer.from(pairs.map((p) => p.toString())
    .join('&')), Buffer.from(token)])).digest('hex');
}

test('epusdt vectors: wiki, derived callback, numeric zero, rule edges', () => {
  for (const c of V.epusdt.sign) {
    assert.equal(webhooks.epusdtSign(c.params, c.api_token), c.signature, c.name);
    assert.equal(goEpusdtSign(c.params, c.api_token), c.signature, c.name);
  }
  const token = 'epusdt_password_xasddawqe';
  assert.equal(webhooks.epusdtSign({ order_id: '20220201030210321', amount: 42,
    notify_url: 'http://example.com/notify', redirect_url: 'http://example.com/redirect' },
  token), '1cd4b52df5587cfb1968b0c0c6e156cd');
  const callback = { trade_id: '202203251648208648961728', order_id: '2022123321312321321',
    amount: 100, actual_amount: 15.625, token: 'TNEns8t9jbWENbStkQdVQtHMGpbsYsQjZK',
    block_transaction_id: '123333333321232132131', status: 2 };
  assert.equal(webhooks.epusdtSign(callback, token), 'a9a2530ea673dbf920e50ff6a9ce4789');
  const expired = { ...callback, actual_amount: 0, block_transaction_id: '', status: 3 };
  assert.equal(webhooks.epusdtSign(expired, token), goEpusdtSign(JSON.stringify(expired), token));
  assert.equal(webhooks.epusdtSign(expired, token), 'ad6105c15068f8359f6a35b0041453bd');
  webhooks.epusdtVerify({ ...callback, signature: 'a9a2530ea673dbf920e50ff6a9ce4789' }, token);
});

test('epusdt against the Go rules on random numbers', () => {
  const view = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < 2000; i++) {
    const params = {};
    for (let k = 0; k < 6; k++) {
      view.setBigUint64(0, BigInt.asUintN(64, BigInt(`0x${crypto.randomBytes(8).toString('hex')}`)));
      let v = view.getFloat64(0);
      if (!Number.isFinite(v)) v = 1;
      params[`k${k}`] = k % 2 ? v : Number((Math.random() * 10 ** (k * 4)).toFixed(k));
    }
    const text = JSON.stringify(params);
    assert.equal(webhooks.epusdtSign(text, 'tok'), goEpusdtSign(text, 'tok'), text);
  }
});

test('epusdt refuses hostile params with TRONPAY_E_JSON', () => {
  for (const c of V.epusdt.refused) {
    const params = c.params !== undefined ? c.params : Buffer.from(c.params_hex, 'hex');
    for (const fn of [webhooks.epusdtSign, webhooks.epusdtVerify]) {
      assert.throws(() => fn(params, 'token'), (e) => e instanceof tronpay.TronPayError &&
        !(e instanceof WebhookVerificationError) && e.status === tronpay.STATUS.E_JSON, c.name);
    }
  }
  assert.throws(() => webhooks.epusdtSign([1], 'token'), TypeError);
  assert.throws(() => webhooks.epusdtSign({ a: 1 }, ''),
    (e) => e.status === tronpay.STATUS.E_ARG);
});

test('epusdt verification failures', () => {
  const token = 'epusdt_password_xasddawqe';
  const signed = { amount: 42, signature: webhooks.epusdtSign({ amount: 42 }, token) };
  webhooks.epusdtVerify(JSON.stringify(signed), token);
  webhooks.epusdtVerify(Buffer.from(JSON.stringify(signed)), token);
  for (const bad of [{ amount: 42 }, { ...signed, amount: 43 }, { ...signed, signature: null },
    { ...signed, signature: signed.signature.toUpperCase() }]) {
    assert.throws(() => webhooks.epusdtVerify(bad, token), isVerification);
  }
  assert.throws(() => webhooks.epusdtVerify(signed, `${token}x`), isVerification);
  assert.equal(webhooks.EPUSDT_SIGNATURE_SIZE, 33);
});
