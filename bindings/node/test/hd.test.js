'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const tronpay = require('..');
const { loadJson } = require('../test_helpers');

const HD = loadJson('Tests/vectors/hd.json');
const ABANDON = HD.abandon_about;
const throwsStatus = (fn, status) =>
  assert.throws(fn, (e) => e instanceof tronpay.TronPayError && e.status === status);

test('abandon … about: seed, keys and addresses', () => {
  assert.equal(tronpay.isValidMnemonic(ABANDON.mnemonic), true);
  const seed = tronpay.mnemonicToSeed(ABANDON.mnemonic);
  assert.equal(seed.toString('hex'), ABANDON.seed);
  for (const c of ABANDON.addresses) {
    const key = tronpay.hdPrivateKey(seed, c.path);
    assert.equal(key.toString('hex'), c.private_key);
    assert.equal(tronpay.addressFromPrivateKey(key), c.address_base58);
  }
});

test('the account xpub derives the same addresses watch-only', () => {
  const seed = Buffer.from(ABANDON.seed, 'hex');
  const node = ABANDON.account_node;
  assert.equal(tronpay.hdXpub(seed, node.path), node.ext_pub);
  assert.equal(tronpay.hdXprv(seed, node.path), node.ext_prv);
  const byIndex = Object.fromEntries(ABANDON.addresses.map((c) =>
    [Number(c.path.split('/').pop()), c.address_base58]));
  assert.deepEqual(tronpay.xpubDeriveAddresses(node.ext_pub, 0, 0, 6),
    [0, 1, 2, 3, 4, 5].map((i) => byIndex[i]));
  assert.deepEqual(tronpay.xpubDeriveAddresses(node.ext_pub, 0, 42, 1), [byIndex[42]]);
  assert.deepEqual(tronpay.xpubDeriveAddresses(node.ext_pub, 0, 3, 0), []);
});

test('passphrase and the BIP39 / BIP32 reference vectors', () => {
  const p = HD.abandon_about_with_passphrase;
  const seed = tronpay.mnemonicToSeed(p.mnemonic, p.passphrase);
  assert.equal(seed.toString('hex'), p.seed);
  assert.equal(tronpay.addressFromPrivateKey(tronpay.hdPrivateKey(seed, p.path)), p.address_base58);
  for (const v of HD.bip39_english_vectors.vectors) {
    const s = tronpay.mnemonicToSeed(v.mnemonic, v.passphrase);
    assert.equal(s.toString('hex'), v.seed);
    assert.equal(tronpay.hdXprv(s, 'm'), v.master_xprv);
  }
  for (const v of HD.bip32_vectors.vectors) {
    const s = Buffer.from(v.seed, 'hex');
    for (const c of v.chains) {
      assert.equal(tronpay.hdXpub(s, c.path), c.ext_pub, c.path);
      assert.equal(tronpay.hdXprv(s, c.path), c.ext_prv, c.path);
    }
  }
});

test('generated mnemonics are valid; bad ones are refused', () => {
  for (const n of [12, 15, 18, 21, 24]) {
    const words = tronpay.generateMnemonic(n);
    assert.equal(words.split(' ').length, n);
    assert.equal(tronpay.isValidMnemonic(words), true);
  }
  const jp = tronpay.generateMnemonic(12, 'japanese');
  assert.equal(jp.split('\u3000').length, 12);
  throwsStatus(() => tronpay.generateMnemonic(13), tronpay.STATUS.E_ARG);
  throwsStatus(() => tronpay.generateMnemonic(12, 'klingon'), tronpay.STATUS.E_ARG);
  const words = ABANDON.mnemonic.split(' ');
  for (const bad of [[...words.slice(0, -1), 'abandon'].join(' '), words.slice(0, -1).join(' '),
    ABANDON.mnemonic.toUpperCase(), '']) {
    assert.equal(tronpay.isValidMnemonic(bad), false);
    throwsStatus(() => tronpay.mnemonicToSeed(bad), tronpay.STATUS.E_MNEMONIC);
  }
});

test('paths and extended keys are checked', () => {
  const seed = Buffer.from(ABANDON.seed, 'hex');
  for (const path of ['', 'm/', 'm//0', 'm/01', 'm/2147483648', 'm/1H']) {
    throwsStatus(() => tronpay.hdPrivateKey(seed, path), tronpay.STATUS.E_PATH);
  }
  throwsStatus(() => tronpay.hdXpub(seed.subarray(0, 15), 'm'), tronpay.STATUS.E_ARG);
  const node = ABANDON.account_node;
  throwsStatus(() => tronpay.xpubDeriveAddresses(node.ext_prv, 0, 0, 1), tronpay.STATUS.E_XKEY);
  throwsStatus(() => tronpay.xpubDeriveAddresses(node.ext_pub, 0, 2 ** 31 - 1, 2),
    tronpay.STATUS.E_PATH);
  throwsStatus(() => tronpay.xpubDeriveAddresses(node.ext_pub, 0, 0, 1000001),
    tronpay.STATUS.E_ARG);
  throwsStatus(() => tronpay.xpubDeriveAddresses(node.ext_pub, 0, -1, 1), tronpay.STATUS.E_ARG);
});
