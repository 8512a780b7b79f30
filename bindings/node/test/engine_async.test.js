'use strict';
// The engine's ...Async forms as a web service uses them (examples/node/service.js): creates
// racing on one order id, the event loop free while another process holds the store, and the
// engine's own deliveries verified by webhooks.verify.
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const tronpay = require('..');

const { STATUS } = tronpay;
const NOW = 1767225600000; // 2026-01-01T00:00:00Z
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const XPUB = tronpay.hdXpub(Buffer.alloc(64, 0x44), "m/44'/195'/0'");

function openEngine() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tronpay-node-async-'));
  const file = path.join(dir, 'tronpay.db');
  return tronpay.Engine.open({ store: `sqlite:${file}`, wallets: [{ id: 'main', xpub: XPUB }],
    webhooks: [{ id: 'game', url: 'http://127.0.0.1:9/hook', secret: SECRET }] }, NOW)
    .then((engine) => ({ engine, file, dir }));
}

test('invoiceCreateAsync: concurrent creates of one order make one invoice', async () => {
  const { engine, dir } = await openEngine();
  try {
    const request = { order_id: 'game-alice-1', amount: '1.5',
      metadata: { player: 'alice', item: 'sword' } };
    const answers = await Promise.all(Array.from({ length: 8 },
      () => engine.invoiceCreateAsync(request, NOW)));
    assert.equal(answers.filter((a) => a.created).length, 1);
    assert.equal(new Set(answers.map((a) => a.invoice.id)).size, 1);
    assert.deepEqual(answers[0].invoice.metadata, { player: 'alice', item: 'sword' });
    // The same order id with another price is the caller's error, not a second invoice.
    await assert.rejects(engine.invoiceCreateAsync({ ...request, amount: '2' }, NOW),
      (e) => e instanceof tronpay.TronPayError && e.status === STATUS.E_CONFLICT);
    // Distinct orders racing: distinct derived addresses, no index skipped.
    const others = await Promise.all(Array.from({ length: 6 }, (_, i) =>
      engine.invoiceCreateAsync({ order_id: `game-bob-${i}`, amount: '1' }, NOW)));
    const indexes = others.map((a) => a.invoice.derivation_index).sort((a, b) => a - b);
    assert.deepEqual(indexes, [1, 2, 3, 4, 5, 6]);
    const byOrder = await engine.invoiceGetAsync('game-alice-1', NOW);
    const byId = await engine.invoiceGetAsync(answers[0].invoice.id, NOW);
    assert.deepEqual(byOrder, byId);
    await assert.rejects(engine.invoiceGetAsync('game-nobody-1', NOW),
      (e) => e instanceof tronpay.TronPayError && e.status === STATUS.E_NOT_FOUND);
  } finally {
    engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('invoiceCreateAsync waits for another process\'s store lock off the event loop',
  async (t) => {
    const { engine, file, dir } = await openEngine();
    // Another process (python3's sqlite3) holds the store's write lock for 600 ms.
    const holder = spawn('python3', ['-c', [
      'import sqlite3, sys, time',
      'c = sqlite3.connect(sys.argv[1], isolation_level=None)',
      'c.execute("BEGIN IMMEDIATE")',
      'print("locked", flush=True)',
      'time.sleep(0.6)',
      'c.execute("COMMIT")'].join('\n'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const started = await new Promise((resolve) => {
        holder.on('error', () => resolve(false));
        holder.stdout.once('data', (d) => resolve(String(d).includes('locked')));
      });
      if (!started) {
        t.skip('python3 with sqlite3 is not available');
        return;
      }
      let ticks = 0;
      const timer = setInterval(() => { ticks += 1; }, 10);
      const t0 = Date.now();
      const { created } = await engine.invoiceCreateAsync({ order_id: 'game-carol-1',
        amount: '3' }, NOW);
      const waited = Date.now() - t0;
      clearInterval(timer);
      assert.equal(created, true);
      assert.ok(waited >= 300, `the create waited for the lock (${waited} ms)`);
      // The synchronous call would have blocked every timer for that long.
      assert.ok(ticks >= 10, `the event loop ran meanwhile (${ticks} ticks in ${waited} ms)`);
    } finally {
      holder.kill();
      engine.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

test('the engine\'s own deliveries verify with webhooks.verify, a tampered one does not',
  async () => {
    const { engine, dir } = await openEngine();
    try {
      await engine.invoiceCreateAsync({ order_id: 'game-dave-1', amount: '1' }, NOW);
      const { deliveries } = await engine.outboxNextAsync(10, NOW);
      assert.equal(deliveries.length, 1);
      const d = deliveries[0];
      const body = Buffer.from(d.body);
      const now = Number(d.headers['webhook-timestamp']);
      assert.equal(tronpay.webhooks.verify(d.headers, body, SECRET, 300, { now }), undefined);
      assert.equal(JSON.parse(d.body).type, 'invoice.created');
      assert.equal(d.headers['webhook-id'], d.event_id); // the receiver's dedup key
      const tampered = Buffer.from(d.body.replace('game-dave-1', 'game-dave-2'));
      assert.throws(() => tronpay.webhooks.verify(d.headers, tampered, SECRET, 300, { now }),
        tronpay.webhooks.WebhookVerificationError);
    } finally {
      engine.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
