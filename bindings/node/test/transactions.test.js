'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const tronpay = require('..');
const { loadJson } = require('../test_helpers');

const TXS = loadJson('Tests/vectors/transactions.json');
const MAINNET = loadJson('Tests/vectors/mainnet.json');
const WC = TXS.transactions[0];
const REF = TXS.block_reference[0];
const hex = (h) => Buffer.from(h, 'hex');
const throwsStatus = (fn, status) =>
  assert.throws(fn, (e) => e instanceof tronpay.TronPayError && e.status === status);
const nodeJson = (c) => ({ txID: c.txID, raw_data: c.raw_data, raw_data_hex: c.raw_data_hex,
  signature: c.signature, visible: false });
// A block id with the vector's ref_block_bytes/hash where TRON reads them (id[6..8], id[8..16]).
const refBlockId = (rd) => Buffer.concat([Buffer.alloc(6), hex(rd.ref_block_bytes),
  hex(rd.ref_block_hash), Buffer.alloc(16)]);

test('a TRX transfer is built, signed and serialised byte-exact', () => {
  const v = WC.raw_data.contract[0].parameter.value;
  const raw = tronpay.buildTransfer(v.owner_address, v.to_address, BigInt(v.amount), {
    refBlockId: hex(REF.block_id), timestampMs: WC.raw_data.timestamp,
    expirationMs: WC.raw_data.expiration });
  assert.equal(raw.toString('hex'), WC.raw_data_hex);
  assert.equal(tronpay.transactionId(raw).toString('hex'), WC.txID);
  const signature = tronpay.signTransaction(raw, hex(WC.private_key));
  assert.equal(signature.toString('hex'), WC.signature[0]);
  const node = JSON.parse(tronpay.transactionToJson(raw, [signature]));
  assert.equal(node.txID, WC.txID);
  assert.deepEqual(node.signature, [signature.toString('hex')]);
  const back = tronpay.transactionFromJson(node);
  assert.ok(back.raw.equals(raw));
  assert.equal(back.signatures.length, 1);
  assert.ok(back.signatures[0].equals(signature));
});

test('the synthetic USDT transfer, as TRC-20 and as a plain trigger', () => {
  const c = TXS.transactions.find((t) => t.name.startsWith('SYNTHETIC USDT'));
  const rd = c.raw_data;
  const v = rd.contract[0].parameter.value;
  const data = hex(v.data);
  const to = Buffer.concat([Buffer.from([0x41]), data.subarray(16, 36)]);
  const amount = BigInt('0x' + data.subarray(36, 68).toString('hex'));
  const options = { refBlockId: refBlockId(rd), timestampMs: rd.timestamp || 0,
    expirationMs: rd.expiration, feeLimitSun: BigInt(rd.fee_limit) };
  const raw = tronpay.buildTrc20Transfer(v.owner_address, v.contract_address, to, amount, options);
  assert.equal(raw.toString('hex'), c.raw_data_hex);
  assert.equal(tronpay.signTransaction(raw, hex(c.private_key)).toString('hex'), c.signature[0]);
  const trigger = tronpay.buildTrigger(v.owner_address, v.contract_address, 0n, data,
    { ...options, feeLimitSun: String(rd.fee_limit) });
  assert.ok(trigger.equals(raw));
});

test('vectors and real mainnet transactions verify', () => {
  for (const c of TXS.transactions) {
    if (!c.raw_data || c.signature.length !== 1) continue;
    const report = tronpay.verifyTransaction(nodeJson(c));
    assert.deepEqual(report.signers, c.signature_recovers_to);
    assert.equal(report.valid, c.signature_recovers_to.includes(report.owner), c.name);
  }
  for (const c of MAINNET.cases) {
    const report = tronpay.verifyTransaction(JSON.stringify(c.trongrid_v1_account_transaction));
    assert.equal(report.valid, true, c.name);
    assert.equal(report.owner, c.expected.signer_base58);
  }
});

test('tampering is reported, expiry too', () => {
  const node = nodeJson(WC);
  node.raw_data = structuredClone(node.raw_data);
  node.raw_data.contract[0].parameter.value.amount = 2000001;
  const report = tronpay.verifyTransaction(node);
  assert.equal(report.valid, false);
  assert.equal(report.raw_data_matches, false);
  throwsStatus(() => tronpay.transactionFromJson(node), tronpay.STATUS.E_TX);
  assert.equal(tronpay.verifyTransaction(nodeJson(WC), WC.raw_data.expiration + 1).expired, true);
});

test('builder arguments are checked', () => {
  const v = WC.raw_data.contract[0].parameter.value;
  const opts = { refBlockId: hex(REF.block_id), expirationMs: 1539331479000 };
  throwsStatus(() => tronpay.buildTransfer(v.owner_address, v.to_address, 0n, opts),
    tronpay.STATUS.E_AMOUNT);
  throwsStatus(() => tronpay.buildTransfer(v.owner_address, v.owner_address, 1n, opts),
    tronpay.STATUS.E_TX);
  throwsStatus(() => tronpay.buildTransfer(v.owner_address, v.to_address, 1n,
    { refBlockId: Buffer.alloc(31), expirationMs: 1 }), tronpay.STATUS.E_ARG);
  assert.throws(() => tronpay.buildTransfer(v.owner_address, v.to_address, 1, opts), TypeError);
  throwsStatus(() => tronpay.buildTransfer(v.owner_address, v.to_address, 2n ** 63n, opts),
    tronpay.STATUS.E_ARG);
  throwsStatus(() => tronpay.transactionId(Buffer.from([0xff, 0xff])), tronpay.STATUS.E_TX);
  throwsStatus(() => tronpay.transactionToJson(hex(WC.raw_data_hex), [Buffer.alloc(64)]),
    tronpay.STATUS.E_ARG);
});

test('serialize gives the /wallet/broadcasthex bytes', () => {
  const c = TXS.transactions.find((t) => t.transaction_protobuf_hex);
  const out = tronpay.serializeTransaction(hex(c.raw_data_hex), c.signature.map(hex));
  assert.equal(out.toString('hex'), c.transaction_protobuf_hex);
  throwsStatus(() => tronpay.serializeTransaction(Buffer.from([0xff, 0xff])), tronpay.STATUS.E_TX);
});
