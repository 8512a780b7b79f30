'use strict';
/**
 * A game server's webhook receiver on libtronpay: Standard Webhooks deliveries of payment events
 * grant an item exactly once.
 *
 * The receiver reads the raw body, verifies it with the three headers
 * (tronpay.webhooks.verify), dedups on webhook-id, and commits the grant to its journal (an
 * append-only file, fsynced) before it answers 2xx: if it dies before the answer, the sender
 * retries, and the retry finds the id in the journal and grants nothing. Forged, tampered and
 * replayed deliveries get 400.
 *
 * To run by itself it listens on 127.0.0.1 (an ephemeral port), plays the engine's part (signs
 * deliveries as the engine's outbox will, tronpay.webhooks.signHeaders), posts them to itself,
 * prints what happened and exits.
 * Run from a checkout after `make`: node examples/node/webhook_receiver.js
 */
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const tronpay = require('../../bindings/node');

const { WebhookVerificationError } = tronpay.webhooks;
// The endpoint's secret, shared with the engine's config ("webhooks":[{"secret":…}]).
const SECRET = `whsec_${crypto.randomBytes(32).toString('base64')}`;

/** The game's durable state: a journal of processed webhook ids and the grants they made. */
class Journal {
  constructor(file) {
    this.file = file;
    this.fd = fs.openSync(file, 'a+');
    this.processed = new Set();
    this.inventory = new Map();
    for (const line of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      this.apply(JSON.parse(line));
    }
  }

  apply(entry) {
    this.processed.add(entry.webhookId);
    if (entry.grant) {
      const items = this.inventory.get(entry.grant.player) || [];
      this.inventory.set(entry.grant.player, [...items, entry.grant.item]);
    }
  }

  /** Records the event once: returns what happened. The entry is on disk before this returns. */
  handle(webhookId, event) {
    if (this.processed.has(webhookId)) return 'duplicate, nothing granted';
    const invoice = event.data.invoice;
    const grant = event.type === 'invoice.paid'
      ? { player: invoice.metadata.player, item: invoice.metadata.item } : null;
    const entry = { webhookId, type: event.type, grant };
    fs.writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    fs.fsyncSync(this.fd); // committed: only now may the 2xx go out
    this.apply(entry);
    return grant ? `${grant.item} granted to ${grant.player}` : `${event.type} noted`;
  }

  close() {
    fs.closeSync(this.fd);
  }
}

function receiver(journal) {
  return http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks); // the raw bytes: verified before any JSON.parse
      const answer = (status, text) => {
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(text);
      };
      try {
        tronpay.webhooks.verify(req.headers, body, SECRET);
      } catch (e) {
        if (e instanceof WebhookVerificationError) return answer(400, `rejected: ${e.detail}`);
        return answer(500, 'verification error'); // our configuration, not the sender's fault
      }
      try {
        answer(200, journal.handle(req.headers['webhook-id'], JSON.parse(body)));
      } catch (e) {
        answer(500, `not processed: ${e.message}`); // nothing committed: the sender retries
      }
    });
  });
}

function post(port, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/hooks/tronpay', method: 'POST',
      headers: { ...headers, 'content-length': body.length } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve([res.statusCode, Buffer.concat(chunks).toString()]));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tronpay-webhooks-'));
  const journal = new Journal(path.join(dir, 'journal.jsonl'));
  const server = receiver(journal);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  console.log(`receiver listening on http://127.0.0.1:${port}/hooks/tronpay`);

  // What the engine's outbox sends for an invoice.paid event (include/tronpay.h, Webhooks).
  const event = { type: 'invoice.paid', timestamp: '2026-01-27T10:15:00Z', data: { invoice: {
    id: 'inv_9c1e', order_id: 'G-42', state: 'paid', token: 'TRX', amount_due: '799000000',
    metadata: { player: 'alice', item: 'Dragon Sword' } } } };
  const body = Buffer.from(JSON.stringify(event));
  const headers = tronpay.webhooks.signHeaders(SECRET, 'evt_0001', body);
  const other = `whsec_${crypto.randomBytes(32).toString('base64')}`;
  const results = [
    ['delivery', await post(port, headers, body)],
    ['retry of the same delivery', await post(port, headers, body)],
    ['tampered body', await post(port, headers,
      Buffer.from(body.toString().replace('alice', 'mallory')))],
    ['replay signed in 2021', await post(port,
      tronpay.webhooks.signHeaders(SECRET, 'evt_0002', body, 1614265330), body)],
    ['signed with another secret', await post(port,
      tronpay.webhooks.signHeaders(other, 'evt_0003', body), body)],
  ];
  server.close();
  for (const [what, [status, text]] of results) {
    console.log(`  ${what.padEnd(28)} -> ${status} ${text}`);
  }
  journal.close();
  const reopened = new Journal(journal.file); // what a restart would see
  console.log(`inventory after a restart: ${JSON.stringify(Object.fromEntries(reopened.inventory))}`);
  reopened.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const statuses = results.map(([, [status]]) => status);
  if (JSON.stringify(statuses) !== '[200,200,400,400,400]' || reopened.processed.size !== 1) {
    console.error('unexpected outcome');
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
