'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const tronpay = require('..');
const { loadJson } = require('../test_helpers');

const MAINNET = loadJson('Tests/vectors/mainnet.json');
const CASES = Object.fromEntries(MAINNET.cases.map((c) => [c.name, c]));
const OK = CASES.usdt_transfer_success_41_padded_recipient;
const FAILED = CASES.usdt_transfer_FAILED_out_of_energy;
const TRX799 = CASES.trx_transfer_with_fee_limit;
const throwsStatus = (fn, status) =>
  assert.throws(fn, (e) => e instanceof tronpay.TronPayError && e.status === status);

test('a real USDT receipt gives its Transfer log', () => {
  const transfers = tronpay.parseTransfers(JSON.stringify(OK.gettransactioninfobyid));
  assert.ok(Array.isArray(transfers));
  assert.deepEqual(transfers.skipped, []);
  assert.equal(transfers.length, 1);
  const [t] = transfers;
  const e = OK.expected.transfer_event;
  assert.equal(t.txid, OK.expected.txID);
  assert.deepEqual([t.token, t.from, t.to, t.amount], [e.token_contract_base58, e.from_base58,
    e.to_base58, String(e.amount)]);
  assert.equal(t.success, true);
  assert.equal(t.block, OK.expected.block_number);
  assert.deepEqual(tronpay.parseTransfers(OK.gettransactioninfobyid), transfers);
});

test('a TRX transaction and a failed transfer', () => {
  const [t] = tronpay.parseTransfers(TRX799.trongrid_v1_account_transaction);
  assert.deepEqual([t.token, t.amount, t.to], ['TRX', '799000000', TRX799.expected.to_base58]);
  for (const f of tronpay.parseTransfers(FAILED.gettransactioninfobyid)) {
    assert.equal(f.success, false);
  }
});

test('malformed JSON throws E_JSON', () => {
  for (const bad of ['', '{', '{"a":1,"a":2}', '[1,]']) {
    throwsStatus(() => tronpay.parseTransfers(bad), tronpay.STATUS.E_JSON);
  }
  assert.throws(() => tronpay.parseTransfers(12), TypeError);
});

const invoice = (extra = {}) => ({ id: 'order-1', address: OK.expected.transfer_event.to_base58,
  token: 'USDT', amount_due: '41677389', created_at_ms: 1738601000000,
  expires_at_ms: 1738604600000, tolerance_bps: 0, ...extra });
const request = (invoices, evidence, solidified = 69316600) => ({
  chain: { head_block: 69316620, solidified_block: solidified, now_ms: 1738601600000 },
  invoices, evidence });

test('a real payment is paid once final, detected before', () => {
  const paid = tronpay.checkPayments(request([invoice()], [OK.gettransactioninfobyid]));
  assert.equal(paid.invoices[0].state, 'paid');
  assert.equal(paid.invoices[0].received_final, '41677389');
  const early = tronpay.checkPayments(request([invoice()], [OK.gettransactioninfobyid], 69316500));
  assert.equal(early.invoices[0].state, 'detected');
});

test('raw evidence text is inserted unchanged; a duplicate counts once', () => {
  const text = JSON.stringify(OK.gettransactioninfobyid);
  const verdict = tronpay.checkPayments(request([invoice()], [text, text]));
  assert.equal(verdict.invoices[0].received, '41677389');
  assert.deepEqual(verdict.rejected.map((r) => r.reason), ['duplicate']);
});

test('bad requests throw', () => {
  throwsStatus(() => tronpay.checkPayments(request([invoice({ tolerance_bps: 5001 })], [])),
    tronpay.STATUS.E_JSON);
  throwsStatus(() => tronpay.checkPayments(request([invoice({
    address: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6T' })], [])), tronpay.STATUS.E_ADDRESS);
});
