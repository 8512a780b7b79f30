'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const tronpay = require('..');

const MAX = (1n << 256n) - 1n;
const throwsStatus = (fn, status) =>
  assert.throws(fn, (e) => e instanceof tronpay.TronPayError && e.status === status);

test('toBaseUnits is exact and returns BigInt', () => {
  const cases = [['12.5', 6, 12500000n], ['0', 6, 0n], ['0.000001', 6, 1n], ['1', 0, 1n],
    ['41.677389', 6, 41677389n], [MAX.toString(), 0, MAX], ['1', 18, 10n ** 18n],
    ['0.1', 77, 10n ** 76n]];
  for (const [text, decimals, units] of cases) {
    assert.equal(tronpay.toBaseUnits(text, decimals), units, text);
  }
});

test('fromBaseUnits takes BigInt or string', () => {
  assert.equal(tronpay.fromBaseUnits(12500000n, 6), '12.5');
  assert.equal(tronpay.fromBaseUnits('12500000', 6), '12.5');
  assert.equal(tronpay.fromBaseUnits(1n, 6), '0.000001');
  assert.equal(tronpay.fromBaseUnits(0n, 6), '0');
  assert.equal(tronpay.fromBaseUnits('000100', 2), '1');
  const max = MAX.toString();
  assert.equal(tronpay.fromBaseUnits(MAX, 6), `${max.slice(0, -6)}.${max.slice(-6)}`);
});

test('malformed amounts throw E_AMOUNT', () => {
  for (const text of ['-1', '+1', '1e6', ' 1', '1 ', '.5', '5.', '', '1,000', '1.0000001',
    (MAX + 1n).toString(), '0x10']) {
    throwsStatus(() => tronpay.toBaseUnits(text, 6), tronpay.STATUS.E_AMOUNT);
  }
  throwsStatus(() => tronpay.toBaseUnits('1', 78), tronpay.STATUS.E_AMOUNT);
  for (const units of [-1n, '1.5', '', 'abc', MAX + 1n]) {
    throwsStatus(() => tronpay.fromBaseUnits(units, 6), tronpay.STATUS.E_AMOUNT);
  }
});

test('Number amounts are refused; decimals must be an integer in range', () => {
  assert.throws(() => tronpay.fromBaseUnits(12500000, 6), TypeError);
  assert.throws(() => tronpay.toBaseUnits(12.5, 6), TypeError);
  assert.throws(() => tronpay.toBaseUnits('1', '6'), TypeError);
  throwsStatus(() => tronpay.toBaseUnits('1', 256), tronpay.STATUS.E_ARG);
  throwsStatus(() => tronpay.toBaseUnits('1', 1.5), tronpay.STATUS.E_ARG);
  throwsStatus(() => tronpay.toBaseUnits('1', -1), tronpay.STATUS.E_ARG);
  throwsStatus(() => tronpay.toBaseUnits('1', 2 ** 32), tronpay.STATUS.E_ARG);
});

test('round trips are exact', () => {
  for (const units of [1n, 999999n, 10n ** 30n + 7n, MAX]) {
    for (const decimals of [0, 6, 18, 77]) {
      assert.equal(tronpay.toBaseUnits(tronpay.fromBaseUnits(units, decimals), decimals), units);
    }
  }
});
