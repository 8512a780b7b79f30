'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const tronpay = require('..');
const { ROOT, headerFunctions, headerDefines } = require('../test_helpers');

test('every header function has a binding name that exists', () => {
  assert.deepEqual(new Set(Object.keys(tronpay.BINDINGS)), headerFunctions());
  for (const [cName, jsName] of Object.entries(tronpay.BINDINGS)) {
    if (cName === 'tronpay_free') continue; // freed inside the addon
    // "webhooks.verify", "Engine.prototype.health": walk the path.
    const parts = jsName.split('.');
    const owner = parts.slice(0, -1).reduce((o, p) => o && o[p], tronpay);
    assert.ok(owner && parts[parts.length - 1] in owner, `${cName} → ${jsName}`);
  }
});

test('every header function is resolved by the addon', () => {
  const source = fs.readFileSync(path.join(__dirname, '..', 'addon.c'), 'utf8');
  const list = source.slice(source.indexOf('#define TRONPAY_FUNCTIONS'),
    source.indexOf('static struct'));
  const names = new Set([...list.matchAll(/X\((\w+)\)/g)].map((m) => 'tronpay_' + m[1]));
  assert.deepEqual(names, headerFunctions());
});

test('version, ABI and sizes match the header', () => {
  const d = headerDefines();
  assert.equal(tronpay.version(),
    `${d.TRONPAY_VERSION_MAJOR}.${d.TRONPAY_VERSION_MINOR}.${d.TRONPAY_VERSION_PATCH}`);
  assert.equal(tronpay.abiVersion(), d.TRONPAY_ABI_VERSION);
  assert.equal(tronpay.ABI_VERSION, d.TRONPAY_ABI_VERSION);
  for (const n of ['PRIVKEY', 'PUBKEY', 'ADDRESS', 'ADDRESS_TEXT', 'ADDRESS_HEX', 'SIGNATURE',
    'TXID', 'SEED', 'XKEY_TEXT']) {
    assert.equal(tronpay[`${n}_SIZE`], d[`TRONPAY_${n}_SIZE`], n);
  }
});

test('status names and STATUS match the header', () => {
  const d = headerDefines();
  const codes = Object.entries(d).filter(([k]) => k === 'TRONPAY_OK' || k.startsWith('TRONPAY_E_'));
  assert.equal(codes.length, 21);
  for (const [name, code] of codes) {
    assert.equal(tronpay.statusName(code), name);
    assert.equal(tronpay.STATUS[name.slice('TRONPAY_'.length)], code);
  }
  assert.equal(tronpay.statusName(-999), 'unknown status');
  assert.throws(() => tronpay.statusName('x'), TypeError);
});

test('a failure throws TronPayError with status, code and detail', () => {
  let caught;
  try {
    tronpay.parseAddress('TSvT6Bg3siokv3dbdtt9o4oM1CTXmymGn2');
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof tronpay.TronPayError);
  assert.ok(caught instanceof Error);
  assert.equal(caught.name, 'TronPayError');
  assert.equal(caught.status, tronpay.STATUS.E_ADDRESS);
  assert.equal(caught.code, 'TRONPAY_E_ADDRESS');
  assert.ok(caught.detail.length > 0);
  assert.equal(caught.detail, tronpay.lastError());
  assert.ok(caught.message.includes(caught.detail));
});

test('memzero wipes a Buffer in place, and a subarray only', () => {
  const secret = Buffer.alloc(32, 0x5a);
  tronpay.memzero(secret);
  assert.ok(secret.equals(Buffer.alloc(32)));
  const b = Buffer.from('abcdef');
  tronpay.memzero(b.subarray(2, 4));
  assert.equal(b.toString('latin1'), 'ab\0\0ef');
  tronpay.memzero(Buffer.alloc(0));
  assert.throws(() => tronpay.memzero('text'), TypeError);
});

function probe(env) {
  const script = "const t = require('./bindings/node'); console.log(t.libraryPath); " +
    "console.log(t.addressFromPrivateKey(Buffer.from('00'.repeat(31) + '01', 'hex')))";
  const clean = { ...process.env };
  delete clean.TRONPAY_LIBRARY;
  return spawnSync(process.execPath, ['-e', script], { cwd: ROOT, env: { ...clean, ...env },
    encoding: 'utf8' });
}

test('TRONPAY_LIBRARY is honoured', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tronpay-'));
  const copy = path.join(dir, 'libtronpay-copy.so');
  fs.copyFileSync(tronpay.libraryPath, copy);
  const r = probe({ TRONPAY_LIBRARY: copy });
  assert.equal(r.status, 0, r.stderr);
  const [used, address] = r.stdout.trim().split('\n');
  assert.equal(used, copy);
  // Key 1: the generator point, Ethereum address 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf.
  assert.equal(address, 'TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC');
  fs.rmSync(dir, { recursive: true });
});

test('a missing TRONPAY_LIBRARY fails loudly, with no silent fallback', () => {
  const r = probe({ TRONPAY_LIBRARY: '/nonexistent/libtronpay.so.1' });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /cannot load \/nonexistent\/libtronpay\.so\.1/);
});

test('require from the repository root finds build/ without the variable', () => {
  const r = probe({});
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout.split('\n')[0], /libtronpay\.so\.1$/);
});
