'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const tronpay = require('..');
const { loadJson } = require('../test_helpers');

const addresses = loadJson('Tests/vectors/addresses.json');
const keccak = loadJson('Tests/vectors/keccak.json');
const N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141n;
const hex = (h) => Buffer.from(h, 'hex');
const key32 = (n) => hex(n.toString(16).padStart(64, '0'));

function throwsStatus(fn, status) {
  assert.throws(fn, (e) => e instanceof tronpay.TronPayError && e.status === status);
}

test('private key → public key → address (shared vectors)', () => {
  const cases = addresses.private_key_to_address;
  assert.ok(cases.length >= 10);
  for (const c of cases) {
    const key = hex(c.private_key);
    assert.equal(tronpay.isValidPrivateKey(key), true);
    const pub = tronpay.publicKeyFromPrivateKey(key);
    assert.equal(pub.toString('hex'), c.public_key_uncompressed.toLowerCase());
    assert.equal(tronpay.addressFromPrivateKey(key), c.address_base58);
    assert.equal(tronpay.addressFromPublicKey(pub), c.address_base58);
    assert.equal(tronpay.addressFromPublicKey(hex(c.public_key_compressed)), c.address_base58);
    assert.equal(tronpay.addressToHex(c.address_base58), c.address_hex);
  }
  for (const c of addresses.public_key_to_address) {
    assert.equal(tronpay.addressFromPublicKey(hex('04' + c.public_key_xy)), c.address_base58);
  }
});

test('the three address forms parse to the same bytes', () => {
  for (const c of [...addresses.hex_base58_pairs, ...addresses.testnet_tokens]) {
    const raw = hex(c.address_hex);
    for (const form of [c.address_base58, c.address_hex, c.address_hex.toUpperCase(),
      c.address_evm_0x]) {
      assert.ok(tronpay.parseAddress(form).equals(raw), form);
    }
    assert.equal(tronpay.addressToBase58(raw), c.address_base58);
    assert.equal(tronpay.addressToHex(raw), c.address_hex);
    assert.equal(tronpay.addressToBase58(c.address_evm_0x), c.address_base58);
    assert.equal(tronpay.addressToBase58(new Uint8Array(raw)), c.address_base58);
  }
});

test('invalid addresses throw E_ADDRESS; an embedded NUL is refused', () => {
  const good = addresses.hex_base58_pairs[0].address_base58;
  const refused = addresses.invalid_addresses.map((c) => c.input)
    .filter((s) => !s.startsWith('0x')) // "0x" + 40 hex digits is the accepted EVM form
    .concat([' ' + good, good + '\n', good.slice(0, -1), good.toLowerCase(), '',
      '41' + '00'.repeat(19)]);
  assert.ok(refused.length >= 12);
  for (const text of refused) {
    throwsStatus(() => tronpay.parseAddress(text), tronpay.STATUS.E_ADDRESS);
  }
  throwsStatus(() => tronpay.parseAddress(good + '\0junk'), tronpay.STATUS.E_ARG);
  assert.throws(() => tronpay.parseAddress(Buffer.from(good)), TypeError);
  const wrong = hex(addresses.hex_base58_pairs[0].address_hex);
  wrong[0] = 0xa0;
  throwsStatus(() => tronpay.addressToBase58(wrong), tronpay.STATUS.E_ADDRESS);
  throwsStatus(() => tronpay.addressToHex(wrong.subarray(0, 20)), tronpay.STATUS.E_ARG);
});

test('out-of-range private keys are invalid and throw E_KEY', () => {
  for (const n of [0n, N, N + 1n, (1n << 256n) - 1n]) {
    const key = key32(n);
    assert.equal(tronpay.isValidPrivateKey(key), false);
    throwsStatus(() => tronpay.addressFromPrivateKey(key), tronpay.STATUS.E_KEY);
    throwsStatus(() => tronpay.publicKeyFromPrivateKey(key), tronpay.STATUS.E_KEY);
  }
  assert.equal(tronpay.isValidPrivateKey(key32(1n)), true);
  assert.equal(tronpay.isValidPrivateKey(key32(N - 1n)), true);
});

test('wrong lengths and types are refused', () => {
  for (const len of [0, 31, 33]) {
    throwsStatus(() => tronpay.addressFromPrivateKey(Buffer.alloc(len, 1)), tronpay.STATUS.E_ARG);
  }
  assert.throws(() => tronpay.addressFromPrivateKey('01'.repeat(32)), TypeError);
  assert.throws(() => tronpay.keccak256('text'), TypeError);
  assert.throws(() => tronpay.keccak256(new Uint16Array(4)), TypeError);
  throwsStatus(() => tronpay.addressFromPublicKey(Buffer.alloc(64, 4)), tronpay.STATUS.E_KEY);
  throwsStatus(() => tronpay.addressFromPublicKey(Buffer.concat([Buffer.from([2]),
    Buffer.alloc(32, 0xff)])), tronpay.STATUS.E_KEY);
});

test('keccak256 known answers; it is not SHA3-256', () => {
  for (const c of [...keccak.keccak256, ...keccak.keccak256_padding_boundaries]) {
    const data = 'input_utf8' in c ? Buffer.from(c.input_utf8, 'utf8') : hex(c.input_hex);
    assert.equal(data.length, c.input_length);
    assert.equal(tronpay.keccak256(data).toString('hex'), c.keccak256);
  }
  for (const c of keccak.trc20_abi) {
    assert.equal(tronpay.keccak256(Buffer.from(c.signature)).toString('hex'), c.keccak256);
  }
  for (const c of keccak.sha3_256_contrast) {
    assert.notEqual(tronpay.keccak256(Buffer.from(c.input_utf8)).toString('hex'), c.sha3_256);
  }
});

test('sha256 matches node:crypto', () => {
  for (const c of keccak.sha256_examples) {
    assert.equal(tronpay.sha256(Buffer.from(c.input_utf8)).toString('hex'), c.sha256);
  }
  const big = Buffer.alloc(1280);
  for (let i = 0; i < big.length; i++) big[i] = i & 0xff;
  for (const data of [Buffer.alloc(0), Buffer.alloc(1), big, big.subarray(7, 300)]) {
    assert.ok(tronpay.sha256(data).equals(crypto.createHash('sha256').update(data).digest()));
  }
});

test('generated keys are valid and distinct', () => {
  const seen = new Set();
  for (let i = 0; i < 8; i++) {
    const key = tronpay.generatePrivateKey();
    assert.equal(key.length, 32);
    assert.equal(tronpay.isValidPrivateKey(key), true);
    assert.match(tronpay.addressFromPrivateKey(key), /^T[1-9A-HJ-NP-Za-km-z]{33}$/);
    seen.add(key.toString('hex'));
  }
  assert.equal(seen.size, 8);
});
