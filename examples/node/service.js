'use strict';
/**
 * A game's payment service on libtronpay's engine: players buy items, `tronpay watch` follows
 * the chain and posts signed webhooks here, and each paid item is granted exactly once.
 *
 *   node examples/node/service.js --config TRONPAY_JSON --port P --state FILE
 *        [--webhook-id game] [--ready-file F]
 *
 *   POST /purchases {"player","item","amount"[,"purchase_id"]}
 *        → 201 {"order_id","invoice_id","address","amount","amount_base_units","token",
 *               "expires_at_ms"} (200 with the same invoice when purchase_id repeats a purchase)
 *   POST /webhooks/tronpay   a Standard Webhooks delivery from the engine's outbox
 *        → 200 once the outcome is on disk; 401 when the signature does not verify
 *   GET  /players/<player>   → 200 {"player","items":[…]}
 *
 * Listens on 127.0.0.1 only. The engine calls run on libuv's thread pool (the binding's
 * ...Async forms), so a store commit, or a wait on another process's store lock (`tronpay
 * watch` writes to the same SQLite file), never stalls the other requests.
 *
 * Exactly once: a delivery is deduplicated by its webhook-id (the engine's event id, the same
 * for every retry) and a grant by the invoice id (one invoice can report paid, then overpaid).
 * The new state is written to a temporary file, fsynced, renamed over the state file and the
 * directory fsynced BEFORE the 200 goes out: a crash before that loses nothing (the engine
 * retries the delivery), a crash after it doubles nothing (the retry is a duplicate).
 * Webhook verification is one HMAC-SHA256 over the body (microseconds), done synchronously.
 *
 * Without arguments it prints this usage and exits 0 (it needs a chain to watch; see
 * examples/node/test_service.py for a full run against the simulated node).
 */
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');
const tronpay = require('../../bindings/node');

const USAGE = 'usage: node service.js --config TRONPAY_JSON --port P --state FILE ' +
  '[--webhook-id game] [--ready-file F]';
// The invoice states in which the money is the merchant's (ENGINE.md "Invoice states"), and the
// events that report them. partial, detected, expired, cancelled and invalid grant nothing.
const PAID_STATES = new Set(['paid', 'overpaid', 'paid_late', 'marked_paid']);
const PAID_EVENTS = new Set([...PAID_STATES].map((s) => `invoice.${s}`));
const NAME = /^[A-Za-z0-9_.]{1,32}$/; // players and items: safe in order ids and URLs
const PURCHASE_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const AMOUNT = /^[0-9]{1,30}(\.[0-9]{1,30})?$/;
const MAX_BODY = 1 << 20;

function parseArgs(argv) {
  const args = { webhookId: 'game' };
  const names = { '--config': 'config', '--port': 'port', '--state': 'state',
    '--webhook-id': 'webhookId', '--ready-file': 'readyFile' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = names[argv[i]];
    if (key === undefined || i + 1 >= argv.length) throw new Error(`bad argument ${argv[i]}`);
    args[key] = argv[i + 1];
  }
  if (!args.config || args.port === undefined || !args.state) throw new Error('missing argument');
  args.port = Number(args.port);
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    throw new Error('bad --port');
  }
  return args;
}

/** Writes text durably: temp file, fsync, rename, fsync of the directory (so the rename itself
 * survives a power cut). The temp name is fixed: a leftover from a killed run is overwritten. */
function writeDurably(file, text) {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  const dir = fs.openSync(path.dirname(path.resolve(file)), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}

/** The game's durable state: players' items, the invoices granted, the deliveries handled. */
class State {
  constructor(file) {
    this.file = file;
    this.data = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8'))
      : { version: 1, players: {}, invoices: {}, events: {} };
    this.queue = Promise.resolve();
  }

  /** Runs `change(copy)` on a copy of the state, one change at a time (a check-then-grant must
   * not interleave with another delivery of the same invoice), writes the copy durably, and
   * only then makes it the current state. A failed write leaves the state as it was. */
  update(change) {
    const run = this.queue.then(async () => {
      const next = structuredClone(this.data);
      const result = await change(next);
      if (result.write !== false) writeDurably(this.file, JSON.stringify(next));
      this.data = next;
      return result;
    });
    this.queue = run.catch(() => {});
    return run;
  }
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json',
    'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A library error as an HTTP status: the caller's fault (400, 409, 404) or ours (500, 503). */
function statusOf(e) {
  if (!(e instanceof tronpay.TronPayError)) return e.status || 500;
  const S = tronpay.STATUS;
  if (e.status === S.E_CONFLICT) return 409;
  if (e.status === S.E_NOT_FOUND) return 404;
  if (e.status === S.E_BUSY) return 503;
  if (e.status === S.E_JSON || e.status === S.E_ARG || e.status === S.E_AMOUNT) return 400;
  return 500;
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv.length === 0) {
    console.log(USAGE);
    return;
  }
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    console.error(`service.js: ${e.message}\n${USAGE}`);
    process.exitCode = 64;
    return;
  }
  const config = JSON.parse(fs.readFileSync(args.config, 'utf8'));
  // The endpoint's secret: the config's, else the environment's (as `tronpay` reads it).
  const hook = (config.webhooks || []).find((w) => w.id === args.webhookId) || {};
  const secret = process.env[`TRONPAY_WEBHOOK_${args.webhookId.toUpperCase()}_SECRET`] ||
    hook.secret;
  if (!secret) {
    console.error(`service.js: no secret for webhook '${args.webhookId}'`);
    process.exitCode = 78;
    return;
  }
  const engine = await tronpay.Engine.open(config);
  const state = new State(args.state);

  async function purchase(req, res) {
    let body;
    try {
      body = JSON.parse((await readBody(req)).toString('utf8'));
    } catch (e) {
      return send(res, e.status || 400, { error: e.status ? e.message : 'body is not JSON' });
    }
    const { player, item, amount } = body || {};
    const purchaseId = body && body.purchase_id !== undefined ? String(body.purchase_id)
      : crypto.randomBytes(8).toString('hex');
    if (typeof player !== 'string' || !NAME.test(player) || typeof item !== 'string' ||
        !NAME.test(item) || typeof amount !== 'string' || !AMOUNT.test(amount) ||
        !PURCHASE_ID.test(purchaseId)) {
      return send(res, 400, { error: 'player and item: 1-32 of [A-Za-z0-9_.]; amount: a ' +
        'decimal string; purchase_id (optional): 1-64 of [A-Za-z0-9_.-]' });
    }
    // The order id is the engine's idempotency key: a client that retries with its
    // purchase_id gets the same invoice, never a second one.
    const { created, invoice } = await engine.invoiceCreateAsync({
      order_id: `game-${player}-${purchaseId}`, amount, metadata: { player, item } });
    return send(res, created ? 201 : 200, { order_id: invoice.order_id, invoice_id: invoice.id,
      address: invoice.address, amount: invoice.amount_due_text,
      amount_base_units: invoice.amount_due, token: invoice.token,
      expires_at_ms: invoice.expires_at_ms });
  }

  async function webhook(req, res) {
    const raw = await readBody(req);
    try {
      tronpay.webhooks.verify(req.headers, raw, secret);
    } catch (e) {
      if (e instanceof tronpay.webhooks.WebhookVerificationError) {
        return send(res, 401, { error: 'signature does not verify' });
      }
      throw e;
    }
    const eventId = req.headers['webhook-id'];
    const event = JSON.parse(raw.toString('utf8'));
    const outcome = await state.update(async (s) => {
      if (s.events[eventId] !== undefined) return { outcome: 'duplicate', write: false };
      const claimed = event.data && event.data.invoice;
      let result = 'noted';
      if (PAID_EVENTS.has(event.type) && claimed && typeof claimed.id === 'string' &&
          String(claimed.order_id).startsWith('game-')) {
        // The grant follows the engine's record as of now, not the body alone: the invoice's
        // state and metadata come from the store.
        const invoice = await engine.invoiceGetAsync(claimed.id);
        const { player, item } = invoice.metadata || {};
        if (!PAID_STATES.has(invoice.state) || typeof player !== 'string' ||
            typeof item !== 'string') {
          result = 'not paid';
        } else if (s.invoices[invoice.id] !== undefined) {
          result = 'already granted';
        } else {
          s.invoices[invoice.id] = { player, item, event_id: eventId, granted_at_ms: Date.now() };
          (s.players[player] = s.players[player] || []).push(item);
          result = 'granted';
        }
      }
      s.events[eventId] = result;
      return { outcome: result, invoice: claimed && claimed.id };
    });
    // Logged once the grant is on disk: a line never stands for a grant a crash undid.
    if (outcome.outcome === 'granted') {
      const g = state.data.invoices[outcome.invoice];
      console.log(`granted ${g.item} to ${g.player} (invoice ${outcome.invoice})`);
    }
    return send(res, 200, { outcome: outcome.outcome });
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let handler;
    const player = /^\/players\/([^/]+)$/.exec(url.pathname);
    if (url.pathname === '/purchases' && req.method === 'POST') handler = purchase;
    else if (url.pathname === '/webhooks/tronpay' && req.method === 'POST') handler = webhook;
    else if (player && req.method === 'GET' && NAME.test(player[1])) {
      return send(res, 200, { player: player[1], items: state.data.players[player[1]] || [] });
    } else return send(res, 404, { error: 'not found' });
    handler(req, res).catch((e) => {
      const status = statusOf(e);
      if (status >= 500) console.error(`service.js: ${req.method} ${url.pathname}: ${e.message}`);
      if (!res.headersSent) send(res, status, { error: e.code || e.message });
      else res.destroy();
    });
  });
  server.listen(args.port, '127.0.0.1', () => {
    const url = `http://127.0.0.1:${server.address().port}`;
    console.log(`listening on ${url}`);
    if (args.readyFile) writeDurably(args.readyFile, `${url}\n`);
  });
  const stop = () => {
    server.close(() => {
      state.queue.finally(() => engine.close());
    });
    server.closeAllConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e) => {
  console.error(`service.js: ${e.message}`);
  process.exitCode = 1;
});
