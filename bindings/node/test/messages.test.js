'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const tronpay = require('..');
const { loadJson } = require('../test_helpers');

const M = loadJson('Tests/vectors/messages.json');
const sig = (h) => Buffer.from(h.replace(/^0x/, ''), 'hex');
const message = (c) => (c.message_kind === 'utf8' ? c.message : Buffer.from(c.message_bytes_hex, 'hex'));
const throwsStatus = (fn, status) =>
  assert.throws(fn, (e) => e instanceof tronpay.TronPayError && e.status === status);

test('TIP-104 v2: sign, recover, verify', () => {
  assert.ok(M.v2.length >= 7);
  for (const c of M.v2) {
    const key = Buffer.from(c.private_key, 'hex');
    assert.ok(tronpay.signMessage(message(c), key).equals(sig(c.signature)), c.name);
    assert.equal(tronpay.recoverMessageSigner(message(c), sig(c.signature)), c.address);
    assert.equal(tronpay.verifyMessage(message(c), sig(c.signature), c.address), true);
  }
  const [a, , , b] = M.v2;
  assert.equal(tronpay.verifyMessage(message(a), sig(a.signature), b.address), false);
  assert.equal(tronpay.verifyMessage('other', sig(a.signature), a.address), false);
});

test('malformed signatures throw', () => {
  const c = M.v2[0];
  const bad = sig(c.signature);
  bad[64] = 29;
  throwsStatus(() => tronpay.verifyMessage(c.message, bad, c.address), tronpay.STATUS.E_SIGNATURE);
  throwsStatus(() => tronpay.recoverMessageSigner(c.message, Buffer.alloc(65)),
    tronpay.STATUS.E_SIGNATURE);
  throwsStatus(() => tronpay.recoverMessageSigner(c.message, Buffer.alloc(64)),
    tronpay.STATUS.E_ARG);
});

test('legacy v1', () => {
  for (const c of M.v1_legacy) {
    const msg = Buffer.from(c.message_hex, 'hex');
    assert.equal(tronpay.recoverMessageSignerV1(msg, sig(c.signature)), c.address);
    assert.equal(tronpay.verifyMessageV1(msg, sig(c.signature), c.address), true);
  }
});

test('raw digests: same r and s, v without 27', () => {
  for (const c of M.v2) {
    const digest = Buffer.from(c.digest_keccak256, 'hex');
    const raw = tronpay.signDigest(digest, Buffer.from(c.private_key, 'hex'));
    const tron = sig(c.signature);
    assert.ok(raw.subarray(0, 64).equals(tron.subarray(0, 64)));
    assert.equal(raw[64], tron[64] - 27);
    assert.equal(tronpay.recoverDigestSigner(digest, raw), c.address);
    assert.equal(tronpay.recoverDigestSigner(digest, tron), c.address);
  }
});
