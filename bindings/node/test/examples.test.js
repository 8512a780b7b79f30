'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { ROOT } = require('../test_helpers');

test('examples/node/game_server.js grants the item once, only when the payment is final', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'examples', 'node', 'game_server.js')],
    { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout;
  assert.match(out, /send 799 TRX to TL24LCps5FKwp3PoU1MvrYrwhi5LU1tHre/);
  const seen = out.indexOf('799 TRX seen, not final yet');
  const granted = out.indexOf('Dragon Sword granted to alice');
  assert.ok(seen > 0 && granted > seen, out);
  assert.equal(out.split('granted to alice').length - 1, 1);
  assert.match(out, /already granted — nothing to do/);
  assert.match(out, /ignored 24f75fe5dfb88cc4…: duplicate/);
  assert.match(out, /inventory: \{"alice":\["Dragon Sword"\]\}/);
});

test('examples/node/webhook_receiver.js verifies, dedups on webhook-id and rejects forgeries', () => {
  const r = spawnSync(process.execPath,
    [path.join(ROOT, 'examples', 'node', 'webhook_receiver.js')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const lines = [...r.stdout.matchAll(/^ {2}(.+?)\s+-> (\d+) /gm)].map((m) => [m[1], Number(m[2])]);
  assert.deepEqual(lines, [['delivery', 200], ['retry of the same delivery', 200],
    ['tampered body', 400], ['replay signed in 2021', 400], ['signed with another secret', 400]]);
  assert.match(r.stdout, /duplicate, nothing granted/);
  assert.match(r.stdout, /inventory after a restart: \{"alice":\["Dragon Sword"\]\}/);
});
