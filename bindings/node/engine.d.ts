// Types of engine.js (tronpay.Engine), after ENGINE.md's JSON shapes. Kept beside engine.js so
// that the package's index.d.ts can re-export them: export * from './engine';
// (Buffers are Uint8Arrays: the types name Uint8Array so that they need no @types/node.)

export type JSONInput = string | Uint8Array | object;

export type InvoiceState = 'new' | 'detected' | 'partial' | 'paid' | 'overpaid' | 'expired' |
  'paid_late' | 'cancelled' | 'marked_paid' | 'invalid';

export interface Credit {
  txid: string; ordinal: number; amount: string; block: number | null;
  block_id: string | null; final: boolean;
  source: 'log' | 'transfer_contract' | 'internal' | 'indexer';
}

export interface Invoice {
  id: string; order_id: string; token: string; token_contract: string | null; decimals: number;
  address: string; wallet: string | null; derivation_index: number | null;
  amount_due: string; amount_due_text: string; state: InvoiceState;
  received: string; received_final: string; refunded: string;
  created_at_ms: number; expires_at_ms: number; monitor_until_ms: number; updated_at_ms: number;
  credits: Credit[]; metadata: Record<string, unknown> | null;
}

export interface CreateResult { created: boolean; invoice: Invoice }
export interface InvoicePage { invoices: Invoice[]; next: string | null }

export interface AuditRecord {
  seq: number; at_ms: number; actor: string; action: string; invoice_id: string; reason: string;
  before: string; after: string;
}
export interface AuditPage { records: AuditRecord[]; next: string | null }

export interface ChainResult {
  applied: boolean; credits: Array<Record<string, unknown>>; events: number;
  cursor: number | null;
}

export interface Event {
  seq: number; id: string; type: string; created_at_ms: number; data: Record<string, unknown>;
}
export interface EventPage { events: Event[]; last_seq: number }

export interface Delivery {
  id: string; event_id: string; webhook: string; url: string; headers: Record<string, string>;
  body: string; attempt: number;
}
export interface Deliveries { deliveries: Delivery[] }

export interface Health {
  store: string; schema_version: number; network: string; head: number | null;
  solidified: number | null; cursor: number | null; lag_blocks: number | null; stalled: boolean;
  open_invoices: number; outbox: { pending: number; failed: number };
  providers: Array<{ id: string; state: 'ok' | 'backoff' | 'failing';
    retry_at_ms: number | null; last_error: string | null }>;
  lease: { holder: string | null; expires_at_ms: number | null };
}

export interface Refund {
  id: string; invoice_id: string;
  state: 'built' | 'signed' | 'broadcast' | 'confirmed' | 'failed';
  txid: string; raw_data_hex: string; from: string; to: string; token: string; amount: string;
  created_at_ms: number; updated_at_ms: number;
}

export interface Dispute {
  txid: string;
  status: 'credited' | 'pending' | 'rejected' | 'unknown' | 'lookup_scheduled';
  transfers: Array<{ token: string; from: string; to: string; amount: string; ordinal: number;
    block: number | null; final: boolean; invoice_id: string | null;
    outcome: 'credited' | 'rejected' | 'unmatched'; reason: string | null }>;
  invoices: Invoice[]; result: string | null; refund: Refund | null; summary: string;
}

export type TransportError = 'none' | 'timeout' | 'connect' | 'dns' | 'tls' | 'reset' | 'other';
export declare const TRANSPORT_ERRORS: Readonly<Record<TransportError, number>>;

export interface AckOptions {
  body?: Uint8Array | string; transportError?: number | TransportError;
  retryAfter?: string | null; nowMs?: number | bigint;
}

type Ms = number | bigint;

export type SyncPlan =
  | { kind: 'http'; id: string; purpose: string; provider: string; method: string; url: string;
      headers: Record<string, string>; body: string; timeout_ms: number }
  | { kind: 'wait'; until_ms: number; reason: string }
  | { kind: 'idle'; reason: string };

export interface SyncFed {
  class: 'ok' | 'not_yet' | 'rate_limited' | 'transient' | 'persistent' | 'inconsistent';
  applied: boolean; retry_at_ms: number | null; cursor: number | null; events: number;
}

export interface FeedOptions {
  /** The answer's headers as "Name: value\r\n" lines, or null. */
  headers?: string | null; body?: Uint8Array | string; transportError?: number | TransportError;
  nowMs?: number | bigint;
}

/** An open engine store; every method also has an ...Async form returning a Promise. */
export declare class Engine {
  constructor(config: JSONInput, nowMs?: Ms);
  static open(config: JSONInput, nowMs?: Ms): Promise<Engine>;
  close(): void;
  readonly closed: boolean;

  health(nowMs?: Ms): Health;
  invoiceCreate(request: JSONInput, nowMs?: Ms): CreateResult;
  invoiceGet(idOrOrderId: string, nowMs?: Ms): Invoice;
  invoiceList(filter?: JSONInput, nowMs?: Ms): InvoicePage;
  invoiceCancel(id: string, actor: string, reason: string, nowMs?: Ms): Invoice;
  invoiceResolve(request: JSONInput, nowMs?: Ms): Invoice;
  auditList(filter?: JSONInput): AuditPage;
  chainTip(tip: JSONInput, nowMs?: Ms): ChainResult;
  chainBlock(block: JSONInput, infos: JSONInput, nowMs?: Ms): ChainResult;
  chainDisconnect(number: Ms, blockId: string, nowMs?: Ms): ChainResult;
  chainEvidence(evidence: JSONInput, nowMs?: Ms): ChainResult;
  eventsList(afterSeq?: Ms, limit?: number): EventPage;
  outboxNext(max?: number, nowMs?: Ms): Deliveries;
  outboxAck(deliveryId: string, httpStatus: number, options?: AckOptions): void;
  outboxRedeliver(eventId: string, webhookId: string, nowMs?: Ms): void;
  disputeLookup(txid: string, nowMs?: Ms): Dispute;
  refundCreate(request: JSONInput, nowMs?: Ms): Refund;
  refundSubmit(refundId: string, signatures: Uint8Array[] | Uint8Array, nowMs?: Ms): Refund;
  refundGet(refundId: string): Refund;
  /** tronpay_sync_next: {kind: 'http', id, url, method, headers, body, timeout_ms, …},
   * {kind: 'wait', until_ms, reason} or {kind: 'idle', reason}. */
  syncNext(nowMs?: Ms): SyncPlan;
  syncFeed(requestId: string, httpStatus: number, options?: FeedOptions): SyncFed;

  healthAsync(nowMs?: Ms): Promise<Health>;
  invoiceCreateAsync(request: JSONInput, nowMs?: Ms): Promise<CreateResult>;
  invoiceGetAsync(idOrOrderId: string, nowMs?: Ms): Promise<Invoice>;
  invoiceListAsync(filter?: JSONInput, nowMs?: Ms): Promise<InvoicePage>;
  invoiceCancelAsync(id: string, actor: string, reason: string, nowMs?: Ms): Promise<Invoice>;
  invoiceResolveAsync(request: JSONInput, nowMs?: Ms): Promise<Invoice>;
  auditListAsync(filter?: JSONInput): Promise<AuditPage>;
  chainTipAsync(tip: JSONInput, nowMs?: Ms): Promise<ChainResult>;
  chainBlockAsync(block: JSONInput, infos: JSONInput, nowMs?: Ms): Promise<ChainResult>;
  chainDisconnectAsync(number: Ms, blockId: string, nowMs?: Ms): Promise<ChainResult>;
  chainEvidenceAsync(evidence: JSONInput, nowMs?: Ms): Promise<ChainResult>;
  eventsListAsync(afterSeq?: Ms, limit?: number): Promise<EventPage>;
  outboxNextAsync(max?: number, nowMs?: Ms): Promise<Deliveries>;
  outboxAckAsync(deliveryId: string, httpStatus: number, options?: AckOptions): Promise<void>;
  outboxRedeliverAsync(eventId: string, webhookId: string, nowMs?: Ms): Promise<void>;
  disputeLookupAsync(txid: string, nowMs?: Ms): Promise<Dispute>;
  refundCreateAsync(request: JSONInput, nowMs?: Ms): Promise<Refund>;
  refundSubmitAsync(refundId: string, signatures: Uint8Array[] | Uint8Array,
    nowMs?: Ms): Promise<Refund>;
  refundGetAsync(refundId: string): Promise<Refund>;
  syncNextAsync(nowMs?: Ms): Promise<SyncPlan>;
  syncFeedAsync(requestId: string, httpStatus: number, options?: FeedOptions): Promise<SyncFed>;
}
