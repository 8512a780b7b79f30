'use strict';
// The Promise variants (napi_async_work): same answers and errors as the synchronous calls, run
// off the event loop; and the BigInt that toBaseUnits returns goes into checkPayments as it is.
const test = require('node:test');
const assert = require('node:assert/strict');
const tronpay = require('..');
const { loadJson } = require('../test_helpers');

const MAINNET = loadJson('Tests/vectors/mainnet.json');
const OK = MAINNET.cases.find((c) => c.name === 'usdt_transfer_success_41_padded_recipient');
const HD = loadJson('Tests/vectors/hd.json');
const { STATUS, TronPayError } = tronpay;

const invoice = (extra = {}) => ({ id: 'order-1', address: OK.expected.transfer_event.to_base58,
  token: 'USDT', amount_due: '41677389', created_at_ms: 1738601000000,
  expires_at_ms: 1738604600000, ...extra });
const request = (invoices, evidence = [OK.gettransactioninfobyid]) => ({
  chain: { head_block: 69316620, solidified_block: 69316600, now_ms: 1738601600000 },
  invoices, evidence });

const isStatus = (status, detail) => (e) => e instanceof TronPayError && e.status === status &&
  e.code === tronpay.statusName(status) && (detail === undefined || e.detail === detail);

test('checkPaymentsAsync gives exactly what checkPayments gives', async () => {
  const req = request([invoice()]);
  const promise = tronpay.checkPaymentsAsync(req);
  assert.ok(promise instanceof Promise);
  const verdict = await promise;
  assert.deepEqual(verdict, tronpay.checkPayments(req));
  assert.equal(verdict.invoices[0].state, 'paid');
  const many = await Promise.all(Array.from({ length: 16 }, (_, i) =>
    tronpay.checkPaymentsAsync(request([invoice({ id: `order-${i}` })]))));
  many.forEach((v, i) => {
    assert.equal(v.invoices[0].id, `order-${i}`);
    assert.equal(v.invoices[0].received_final, '41677389');
  });
});

test('checkPaymentsAsync rejects with the TronPayError checkPayments throws', async () => {
  const bad = request([invoice({ tolerance_bps: 5001 })]);
  let syncError;
  try { tronpay.checkPayments(bad); } catch (e) { syncError = e; }
  assert.ok(isStatus(STATUS.E_JSON)(syncError));
  await assert.rejects(tronpay.checkPaymentsAsync(bad), isStatus(STATUS.E_JSON, syncError.detail));
  await assert.rejects(tronpay.checkPaymentsAsync('{"chain":'), isStatus(STATUS.E_JSON));
  await assert.rejects(tronpay.checkPaymentsAsync(request([invoice({
    address: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6T' })])), isStatus(STATUS.E_ADDRESS));
  // A wrong JavaScript type is a rejection too, never a synchronous throw.
  const p = tronpay.checkPaymentsAsync(12);
  await assert.rejects(p, TypeError);
});

test('mnemonicToSeedAsync gives the BIP39 reference seeds', async () => {
  const p = HD.abandon_about_with_passphrase;
  assert.equal((await tronpay.mnemonicToSeedAsync(p.mnemonic, p.passphrase)).toString('hex'),
    p.seed);
  const vectors = HD.bip39_english_vectors.vectors;
  const seeds = await Promise.all(vectors.map((v) =>
    tronpay.mnemonicToSeedAsync(v.mnemonic, v.passphrase)));
  seeds.forEach((s, i) => {
    assert.ok(Buffer.isBuffer(s) && s.length === tronpay.SEED_SIZE);
    assert.equal(s.toString('hex'), vectors[i].seed);
  });
  const noPassphrase = await tronpay.mnemonicToSeedAsync(HD.abandon_about_with_passphrase.mnemonic);
  assert.deepEqual(noPassphrase, tronpay.mnemonicToSeed(HD.abandon_about_with_passphrase.mnemonic));
});

test('mnemonicToSeedAsync rejects as mnemonicToSeed throws', async () => {
  const words = HD.abandon_about_with_passphrase.mnemonic.split(' ');
  const bad = [...words.slice(0, -1), 'abandon'].join(' ');
  await assert.rejects(tronpay.mnemonicToSeedAsync(bad), isStatus(STATUS.E_MNEMONIC));
  await assert.rejects(tronpay.mnemonicToSeedAsync(''), isStatus(STATUS.E_MNEMONIC));
  await assert.rejects(tronpay.mnemonicToSeedAsync('abandon\0about'), isStatus(STATUS.E_ARG));
  await assert.rejects(tronpay.mnemonicToSeedAsync(42), TypeError);
  await assert.rejects(tronpay.mnemonicToSeedAsync(words.join(' '), 7), TypeError);
});

test('the event loop keeps running while the async variants work', async () => {
  // A request the library needs a while for: many invoices sharing one address.
  const invoices = Array.from({ length: 60000 }, (_, i) =>
    invoice({ id: `inv-${i}`, amount_due: String(1000000 + i) }));
  const big = request(invoices);
  let turns = 0;
  let settled = false;
  const tick = () => { if (!settled) { turns += 1; setImmediate(tick); } };
  setImmediate(tick);
  const verdict = await tronpay.checkPaymentsAsync(big).finally(() => { settled = true; });
  assert.equal(verdict.invoices.length, 60000);
  assert.ok(turns > 0, `the event loop turned ${turns} times during the check`);
  // The synchronous call, by contrast, holds the loop: no turn happens inside it.
  turns = 0;
  settled = false;
  setImmediate(tick);
  tronpay.checkPayments(big);
  const during = turns;
  settled = true;
  assert.equal(during, 0);

  // Seeds: several PBKDF2 derivations in the pool while the loop turns.
  turns = 0;
  settled = false;
  setImmediate(tick);
  const m = HD.abandon_about_with_passphrase.mnemonic;
  await Promise.all(Array.from({ length: 8 }, () => tronpay.mnemonicToSeedAsync(m)))
    .finally(() => { settled = true; });
  assert.ok(turns > 0, `the event loop turned ${turns} times during the seeds`);
});

test('toBaseUnits gives a BigInt that checkPayments takes where amounts go in', async () => {
  const due = tronpay.toBaseUnits('41.677389', 6);
  assert.equal(typeof due, 'bigint');
  const req = request([invoice({ amount_due: due })]);
  req.policy = { min_amount: tronpay.toBaseUnits('0.000001', 6) };
  const verdict = tronpay.checkPayments(req);
  assert.equal(verdict.invoices[0].state, 'paid');
  assert.equal(verdict.invoices[0].due, '41677389');
  assert.deepEqual(await tronpay.checkPaymentsAsync(req), verdict);
  // Exact beyond Number's 2^53 and beyond 64 bits: a BigInt is written as its exact digits.
  const huge = tronpay.toBaseUnits('123456789012345678901234567.123456', 6);
  const hugeVerdict = tronpay.checkPayments(request([invoice({ amount_due: huge })]));
  assert.equal(hugeVerdict.invoices[0].due, huge.toString());
  assert.equal(hugeVerdict.invoices[0].state, 'partial');
  // A string that merely looks like the internal tag stays a string.
  const tricky = tronpay.checkPayments(
    request([invoice({ id: 'tronpay-bigint-x:5', amount_due: due })]));
  assert.equal(tricky.invoices[0].id, 'tronpay-bigint-x:5');
  // Other BigInts in the request are JSON integers too (chain heights, times).
  const chainBig = request([invoice({ amount_due: due })]);
  chainBig.chain = { head_block: 69316620n, solidified_block: 69316600n, now_ms: 1738601600000n };
  assert.equal(tronpay.checkPayments(chainBig).invoices[0].state, 'paid');
  // And in evidence objects.
  assert.equal(tronpay.checkPayments(request([invoice({ amount_due: due })],
    [{ ...OK.gettransactioninfobyid, blockNumber: BigInt(OK.gettransactioninfobyid.blockNumber) }]))
    .invoices[0].state, 'paid');
});
