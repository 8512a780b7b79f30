'use strict';
// tronpay.Engine against a real SQLite store in a temporary directory (ENGINE.md's shapes).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const tronpay = require('..');

const { STATUS } = tronpay;
const NOW = 1767225600000; // 2026-01-01T00:00:00Z
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const XPUB = tronpay.hdXpub(Buffer.alloc(64, 0x42), "m/44'/195'/0'");
const OTHER_XPUB = tronpay.hdXpub(Buffer.alloc(64, 0x43), "m/44'/195'/0'");

function tempStore() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tronpay-node-'));
  return path.join(dir, 'tronpay.db');
}

function config(file, { network = 'mainnet', xpub = XPUB, ...extra } = {}) {
  return {
    store: `sqlite:${file}`, network, wallets: [{ id: 'main', xpub }],
    webhooks: [{ id: 'shop', url: 'https://shop.example/hook', secret: SECRET,
      scheme: 'standard', events: ['invoice.*'] }],
    ...extra,
  };
}

function fails(fn, status) {
  assert.throws(fn, (e) => e instanceof tronpay.TronPayError && e.status === status);
}

async function rejects(promise, status) {
  await assert.rejects(promise, (e) => e instanceof tronpay.TronPayError && e.status === status);
}

test('create answers the INVOICE shape at the first derived address', () => {
  const engine = new tronpay.Engine(config(tempStore()), NOW);
  try {
    const { created, invoice } = engine.invoiceCreate({ order_id: 'A-1001', amount: '12.5' }, NOW);
    assert.equal(created, true);
    assert.match(invoice.id, /^inv_/);
    assert.equal(invoice.order_id, 'A-1001');
    assert.equal(invoice.token, 'USDT');
    assert.equal(invoice.token_contract, 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t');
    assert.equal(invoice.decimals, 6);
    assert.equal(invoice.address, tronpay.xpubDeriveAddresses(XPUB, 0, 0, 1)[0]);
    assert.equal(invoice.derivation_index, 0);
    assert.equal(invoice.amount_due, '12500000');
    assert.equal(invoice.amount_due_text, '12.5');
    assert.equal(invoice.state, 'new');
    assert.equal(invoice.created_at_ms, NOW);
    assert.equal(invoice.expires_at_ms, NOW + 900000);
    assert.deepEqual(invoice.credits, []);
    const again = engine.invoiceCreate('{"order_id":"A-1001","amount":"12.5"}', NOW + 60000);
    assert.equal(again.created, false);
    assert.equal(again.invoice.id, invoice.id);
    assert.equal(again.invoice.expires_at_ms, invoice.expires_at_ms);
    fails(() => engine.invoiceCreate({ order_id: 'A-1001', amount: '13' }, NOW), STATUS.E_CONFLICT);
    fails(() => engine.invoiceCreate({ order_id: 'X', amount: '1', expiry: 5 }, NOW), STATUS.E_JSON);
    fails(() => engine.invoiceGet('nope', NOW), STATUS.E_NOT_FOUND);
    assert.equal(engine.invoiceGet('A-1001', NOW + 900001).state, 'expired');
  } finally {
    engine.close();
  }
});

test('lists, events, signed deliveries, health, cancel and audit', () => {
  const engine = new tronpay.Engine(config(tempStore()), NOW);
  try {
    const a = engine.invoiceCreate({ order_id: 'A', amount: '1' }, NOW).invoice;
    const b = engine.invoiceCreate({ order_id: 'B', amount_base_units: '5' }, NOW).invoice;
    assert.equal(b.derivation_index, 1);
    const page = engine.invoiceList({}, NOW);
    assert.deepEqual(new Set(page.invoices.map((i) => i.id)), new Set([a.id, b.id]));
    assert.equal(page.next, null);
    const one = engine.invoiceList({ limit: 1 }, NOW);
    assert.equal(one.invoices.length, 1);
    const rest = engine.invoiceList({ limit: 1, after: one.next }, NOW);
    assert.notEqual(rest.invoices[0].id, one.invoices[0].id);

    const events = engine.eventsList(0, 10);
    assert.deepEqual(events.events.map((e) => e.type), ['invoice.created', 'invoice.created']);
    assert.equal(events.last_seq, events.events[1].seq);
    assert.deepEqual(engine.eventsList(events.last_seq).events, []);

    const { deliveries } = engine.outboxNext(10, NOW + 5000);
    assert.equal(deliveries.length, 2);
    for (const d of deliveries) {
      assert.equal(d.webhook, 'shop');
      assert.equal(d.attempt, 1);
      tronpay.webhooks.verify(d.headers, Buffer.from(d.body), SECRET, 300,
        { now: Math.floor((NOW + 5000) / 1000) });
      assert.equal(engine.outboxAck(d.id, 200, { nowMs: NOW + 5000 }), undefined);
    }
    assert.deepEqual(engine.outboxNext(10, NOW + 6000).deliveries, []);
    fails(() => engine.outboxAck('dlv_nope', 0, { transportError: 'timeout' }), STATUS.E_NOT_FOUND);
    fails(() => engine.outboxAck('dlv_nope', 0, { transportError: 'pigeon' }), STATUS.E_ARG);

    const health = engine.health(NOW);
    assert.equal(health.store, 'sqlite');
    assert.equal(health.network, 'mainnet');
    assert.equal(health.open_invoices, 2);
    assert.equal(health.cursor, null);
    assert.equal(engine.invoiceCancel('B', 'alice', 'asked', NOW + 1).state, 'cancelled');
    const audit = engine.auditList();
    assert.equal(audit.records.length, 1);
    assert.equal(audit.records[0].actor, 'alice');
  } finally {
    engine.close();
  }
});

test('disputes and refunds without payments', () => {
  const engine = new tronpay.Engine(config(tempStore()), NOW);
  try {
    const txid = 'ab'.repeat(32);
    const answer = engine.disputeLookup(txid, NOW);
    assert.equal(answer.txid, txid);
    assert.ok(['unknown', 'lookup_scheduled'].includes(answer.status));
    fails(() => engine.disputeLookup('zz'), STATUS.E_HEX);
    fails(() => engine.refundGet('R-none'), STATUS.E_NOT_FOUND);
    fails(() => engine.refundSubmit('R-none', []), STATUS.E_ARG);
    assert.throws(() => engine.refundSubmit('R-none', [Buffer.alloc(64)]), tronpay.TronPayError);
  } finally {
    engine.close();
  }
});

test('every call has an async form on the thread pool', async () => {
  const engine = await tronpay.Engine.open(config(tempStore()), NOW);
  try {
    const created = await Promise.all([...Array(8).keys()].map((i) =>
      engine.invoiceCreateAsync({ order_id: `P-${i}`, amount: '1' }, NOW)));
    const indexes = created.map((r) => r.invoice.derivation_index).sort((x, y) => x - y);
    assert.deepEqual(indexes, [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.equal((await engine.invoiceGetAsync('P-3', NOW)).order_id, 'P-3');
    await rejects(engine.invoiceGetAsync('nope', NOW), STATUS.E_NOT_FOUND);
    assert.equal((await engine.eventsListAsync(0, 100)).events.length, 8);
    assert.equal((await engine.healthAsync(NOW)).open_invoices, 8);
  } finally {
    engine.close();
  }
  await rejects(engine.healthAsync(NOW), STATUS.E_ARG);
});

test('close, reopen, persistence and the recorded network and wallet', async () => {
  const file = tempStore();
  const engine = new tronpay.Engine(config(file), NOW);
  const inv = engine.invoiceCreate({ order_id: 'K-1', amount: '1' }, NOW).invoice;
  engine.close();
  assert.equal(engine.closed, true);
  assert.throws(() => engine.invoiceGet('K-1'),
    (e) => e.status === STATUS.E_ARG && /closed/.test(e.detail));
  engine.close(); // a no-op
  const again = new tronpay.Engine(config(file), NOW);
  assert.equal(again.invoiceGet('K-1', NOW).id, inv.id);
  assert.equal(again.invoiceCreate({ order_id: 'K-2', amount: '1' }, NOW).invoice.derivation_index, 1);
  again.close();
  fails(() => new tronpay.Engine(config(file, { network: 'nile' }), NOW), STATUS.E_CONFLICT);
  fails(() => new tronpay.Engine(config(file, { xpub: OTHER_XPUB }), NOW), STATUS.E_CONFLICT);
  await rejects(tronpay.Engine.open(config(file, { network: 'nile' }), NOW), STATUS.E_CONFLICT);
  fails(() => new tronpay.Engine(config(tempStore(), { polcy: {} }), NOW), STATUS.E_JSON);
  const garbage = path.join(path.dirname(file), 'garbage.db');
  fs.writeFileSync(garbage, Buffer.alloc(8192, 0x5a));
  fails(() => new tronpay.Engine(config(garbage), NOW), STATUS.E_STORE);
});

test('arguments are checked before the library sees them', () => {
  assert.throws(() => new tronpay.Engine(42), TypeError);
  assert.throws(() => new tronpay.Engine({ store: 'sqlite::memory:' }, 1.5), tronpay.TronPayError);
  assert.throws(() => new tronpay.Engine({ store: 'sqlite::memory:' }, 'now'), TypeError);
});

test('planner mode: a planned request and its answer, sync and async', async () => {
  const cfg = config(tempStore(), {
    providers: [{ id: 'tg', kind: 'fullnode', base_url: 'http://127.0.0.1:1' }],
  });
  const engine = new tronpay.Engine(cfg, NOW);
  try {
    assert.deepEqual(engine.syncNext(NOW), { kind: 'idle', reason: 'nothing_to_watch' });
    engine.invoiceCreate({ order_id: 'S-1', amount: '1' }, NOW);
    const plan = await engine.syncNextAsync(NOW);
    assert.equal(plan.kind, 'http');
    assert.match(plan.url, /^http:\/\/127\.0\.0\.1:1\/wallet\//);
    const fed = await engine.syncFeedAsync(plan.id, 503,
      { headers: 'Retry-After: 30\r\n', body: 'busy', nowMs: NOW + 1 });
    assert.equal(fed.class, 'rate_limited');
    assert.equal(fed.applied, false);
    fails(() => engine.syncFeed('r_nope', 0, { transportError: 'timeout', nowMs: NOW }),
      STATUS.E_NOT_FOUND);
  } finally {
    engine.close();
  }
  const pushOnly = new tronpay.Engine(config(tempStore()), NOW);
  fails(() => pushOnly.syncNext(NOW), STATUS.E_STATE);
  pushOnly.close();
});
