'use strict';
// index.d.ts declares exactly what index.js exports (tsc itself checks typecheck/usage.ts in
// `make test-node-types`), and its literal unions list what the header documents.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const tronpay = require('..');
const { ROOT } = require('../test_helpers');

const DTS = fs.readFileSync(path.join(__dirname, '..', 'index.d.ts'), 'utf8');
const declared = (re) => new Set([...DTS.matchAll(re)].map((m) => m[1]));

test('index.d.ts declares every export of index.js, and nothing else', () => {
  const names = declared(/^export (?:const|function|class) (\w+)/gm);
  assert.deepEqual([...names].sort(), Object.keys(tronpay).sort());
});

test('index.d.ts types every member of tronpay.webhooks', () => {
  const start = DTS.indexOf('export interface Webhooks {');
  const block = DTS.slice(start, DTS.indexOf('\n}\n', start));
  const inWebhooks = [...block.matchAll(/^ {2}(?:readonly )?(\w+)[(:]/gm)].map((m) => m[1]);
  assert.deepEqual(inWebhooks.sort(), Object.keys(tronpay.webhooks).sort());
});

test('the literal unions are the header documented ones', () => {
  const header = fs.readFileSync(path.join(ROOT, 'include', 'tronpay.h'), 'utf8');
  const union = (name) => {
    const m = DTS.match(new RegExp(`export type ${name} =([^;]+);`));
    return [...m[1].matchAll(/'(\w+)'/g)].map((x) => x[1]);
  };
  const states = header.match(/States: ([^]*?)\n \*\n/)[1];
  for (const s of union('InvoiceState')) assert.ok(states.includes(`"${s}"`), s);
  const reasons = header.match(/Reasons: ([^]*?)\. Skipped/)[1];
  assert.deepEqual(union('RejectReason').sort(),
    [...reasons.matchAll(/"(\w+)"/g)].map((x) => x[1]).sort());
  const skips = header.match(/Skip reasons: ([^]*?)\.\n/)[1];
  assert.deepEqual(union('SkipReason').sort(),
    [...skips.matchAll(/"(\w+)"/g)].map((x) => x[1]).sort());
  const codes = union('ErrorCode');
  for (const [k, v] of Object.entries(tronpay.STATUS)) {
    if (v !== 0) assert.ok(codes.includes(`TRONPAY_${k}`), k);
  }
  assert.equal(codes.length, Object.keys(tronpay.STATUS).length - 1);
});
