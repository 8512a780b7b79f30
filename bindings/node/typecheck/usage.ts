// Not run: code written the way a TypeScript user writes it, which `make test-node-types`
// compiles with `tsc --strict --noEmit` against index.d.ts. The @ts-expect-error lines must fail.
import * as tronpay from '..';
import type { InvoiceState, PaymentCheckResult, PaymentRequest, Transfers, VerifyReport } from '..';

const key: Buffer = tronpay.generatePrivateKey();
const owner: string = tronpay.addressFromPrivateKey(key);
const raw: Buffer = tronpay.parseAddress(owner);
tronpay.addressToHex(raw);

const due: bigint = tronpay.toBaseUnits('12.5', 6);
const request: PaymentRequest = {
  chain: { head_block: 100, solidified_block: 80, now_ms: 1_700_000_000_000 },
  invoices: [{ id: 'o-1', address: owner, token: 'USDT', amount_due: due }],
  policy: { min_amount: 1n, confirmations: 'solidified' },
  evidence: ['{"id":"…"}', { blockNumber: 1n }],
};
const verdict: PaymentCheckResult = tronpay.checkPayments(request);
const state: InvoiceState = verdict.invoices[0].state;
const done: boolean = state === 'paid' || state === 'overpaid';

async function background(): Promise<void> {
  const later: PaymentCheckResult = await tronpay.checkPaymentsAsync(request);
  const seed: Buffer = await tronpay.mnemonicToSeedAsync('abandon … about', null);
  const xpub: string = tronpay.hdXpub(seed, "m/44'/195'/0'");
  const addresses: string[] = tronpay.xpubDeriveAddresses(xpub, 0, 0, 10);
  console.log(later.rejected.map((r) => r.reason), addresses);
  try {
    tronpay.checkPayments('{}');
  } catch (e) {
    if (e instanceof tronpay.TronPayError && e.status === tronpay.STATUS.E_JSON) {
      console.log(e.detail);
    }
  }
}

const transfers: Transfers = tronpay.parseTransfers('[]');
const skippedReasons = transfers.skipped.map((s) => s.reason);
const senders: string[] = transfers.filter((t) => t.source === 'log').map((t) => t.from);

const USDT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const rawTx: Buffer = tronpay.buildTrc20Transfer(owner, USDT, owner, due,
  { refBlockId: Buffer.alloc(32), expirationMs: 1_700_000_060_000, feeLimitSun: 30_000_000n });
const signature: Buffer = tronpay.signTransaction(rawTx, key);
const json: string = tronpay.transactionToJson(rawTx, [signature]);
const report: VerifyReport = tronpay.verifyTransaction(json);
const method = report.contract.call?.method;

const secret = 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0';
const headers = tronpay.webhooks.signHeaders(secret, 'evt_1', '{}');
tronpay.webhooks.verify(headers, '{}', secret);

// @ts-expect-error: amounts are never Number in toBaseUnits' input
tronpay.toBaseUnits(12.5, 6);
// @ts-expect-error: a state the library does not have
const wrong: InvoiceState = 'payed';
// @ts-expect-error: the async variant returns a Promise
const notYet: PaymentCheckResult = tronpay.checkPaymentsAsync(request);
// @ts-expect-error: chain is required
const incomplete: PaymentRequest = { invoices: [] };

async function shop(xpub: string): Promise<void> {
  const engine: tronpay.Engine = await tronpay.Engine.open({ store: 'sqlite::memory:',
    wallets: [{ id: 'main', xpub }] });
  const created: tronpay.CreateResult = engine.invoiceCreate({ order_id: 'A-1', amount: '1' });
  const invoice: tronpay.EngineInvoice = await engine.invoiceGetAsync(created.invoice.id);
  // What examples/node/service.js does per purchase: the create on the thread pool.
  const bought: tronpay.CreateResult = await engine.invoiceCreateAsync({ order_id: 'game-a-1',
    amount: '1.5', metadata: { player: 'a', item: 'sword' } });
  // @ts-expect-error: the async create returns a Promise, not the CreateResult
  const unawaited: tronpay.CreateResult = engine.invoiceCreateAsync({ order_id: 'game-a-2' });
  console.log(bought.invoice.address, unawaited);
  const page: tronpay.EventPage = engine.eventsList(0, 100);
  for (const d of engine.outboxNext(10).deliveries) {
    engine.outboxAck(d.id, 200, { transportError: 'none', body: Buffer.from('ok') });
  }
  const health: tronpay.Health = engine.health();
  console.log(invoice.state, page.last_seq, health.open_invoices);
  // @ts-expect-error: cancel needs an actor and a reason (both audited)
  engine.invoiceCancel('A-1');
  engine.close();
}

console.log(done, background, skippedReasons, senders, method, wrong, notYet, incomplete, shop);
