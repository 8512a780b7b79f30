/// <reference types="node" />
/**
 * Types of the Node binding of libtronpay (index.js, webhooks.js). Every C function of
 * include/tronpay.h has one name here (`BINDINGS` maps them). The types only name what the
 * header documents; every value is the library's.
 *
 * Bytes are Buffers (Uint8Array accepted where bytes go in); token amounts are BigInt or decimal
 * strings, never Number; addresses come out as "T…" text and go in as text or 21 bytes.
 */

// ---- values -----------------------------------------------------------------------------------

/** Bytes going in: a Buffer or any Uint8Array. */
export type Bytes = Buffer | Uint8Array;
/** An address: text in any form tronpay_address_parse accepts ("T…", "41…", "0x…"), or its
 * 21 bytes. */
export type Address = string | Bytes;
/** An exact amount in base units: BigInt (what toBaseUnits returns) or a decimal string. */
export type Amount = bigint | string;
/** TRX in sun: BigInt or a string of digits. */
export type Sun = bigint | string;
/** JSON going in: text (a string or Buffer, passed unchanged) or a value to serialise; a BigInt
 * anywhere in it is written as the JSON integer of its exact digits. */
export type JSONInput = string | Buffer | object;

/** Status codes of include/tronpay.h. */
export interface StatusCodes {
  readonly OK: 0;
  readonly E_ARG: -1;
  readonly E_BUFFER: -2;
  readonly E_HEX: -3;
  readonly E_ADDRESS: -4;
  readonly E_KEY: -5;
  readonly E_SIGNATURE: -6;
  readonly E_VERIFY: -7;
  readonly E_MNEMONIC: -8;
  readonly E_PATH: -9;
  readonly E_XKEY: -10;
  readonly E_AMOUNT: -11;
  readonly E_TX: -12;
  readonly E_JSON: -13;
  readonly E_RANDOM: -14;
  readonly E_INTERNAL: -15;
  readonly E_STORE: -16;
  readonly E_CONFLICT: -17;
  readonly E_NOT_FOUND: -18;
  readonly E_STATE: -19;
  readonly E_BUSY: -20;
}
export type StatusCode = StatusCodes[keyof StatusCodes];
export type ErrorCode =
  | 'TRONPAY_E_ARG' | 'TRONPAY_E_BUFFER' | 'TRONPAY_E_HEX' | 'TRONPAY_E_ADDRESS' | 'TRONPAY_E_KEY'
  | 'TRONPAY_E_SIGNATURE' | 'TRONPAY_E_VERIFY' | 'TRONPAY_E_MNEMONIC' | 'TRONPAY_E_PATH'
  | 'TRONPAY_E_XKEY' | 'TRONPAY_E_AMOUNT' | 'TRONPAY_E_TX' | 'TRONPAY_E_JSON' | 'TRONPAY_E_RANDOM'
  | 'TRONPAY_E_INTERNAL' | 'TRONPAY_E_STORE' | 'TRONPAY_E_CONFLICT' | 'TRONPAY_E_NOT_FOUND'
  | 'TRONPAY_E_STATE' | 'TRONPAY_E_BUSY';

export const ABI_VERSION: 1;
export const STATUS: StatusCodes;

/** A failed libtronpay call. */
export class TronPayError extends Error {
  constructor(status: number, code: string, detail: string);
  /** The negative TRONPAY_E_* code. */
  readonly status: number;
  /** Its name, e.g. "TRONPAY_E_KEY". */
  readonly code: ErrorCode | string;
  /** The library's detail text ("checksum mismatch"); never holds secrets. */
  readonly detail: string;
}

/** Every C function and the name here that exposes it (null: used inside the addon only). */
export const BINDINGS: Readonly<Record<string, string | null>>;
/** The library file loaded (TRONPAY_LIBRARY, beside index.js, the checkout's build/, or the
 * loader name). */
export const libraryPath: string;

// ---- Library ----------------------------------------------------------------------------------

export const PRIVKEY_SIZE: number;
export const PUBKEY_SIZE: number;
export const ADDRESS_SIZE: number;
export const ADDRESS_TEXT_SIZE: number;
export const ADDRESS_HEX_SIZE: number;
export const SIGNATURE_SIZE: number;
export const TXID_SIZE: number;
export const SEED_SIZE: number;
export const XKEY_TEXT_SIZE: number;
export const EPUSDT_SIGNATURE_SIZE: number;

/** "MAJOR.MINOR.PATCH" of the loaded library. */
export function version(): string;
/** The loaded library's ABI version (checked at load). */
export function abiVersion(): number;
/** The name of a status code ("TRONPAY_E_KEY"), or "unknown status". */
export function statusName(status: number): string;
/** This thread's detail text of its last failure ("" if none). */
export function lastError(): string;
/** Wipes your own buffer (a key, a seed) in place. */
export function memzero(buffer: Bytes): void;

// ---- Hashes, keys, addresses ------------------------------------------------------------------

/** Keccak-256 with the original 0x01 padding (not SHA3-256): 32 bytes. */
export function keccak256(data: Bytes): Buffer;
/** SHA-256: 32 bytes. */
export function sha256(data: Bytes): Buffer;
/** A fresh 32-byte private key from the OS CSPRNG. Wipe it with memzero. */
export function generatePrivateKey(): Buffer;
/** true iff 1 ≤ key < n; a key of another length throws TronPayError E_ARG. */
export function isValidPrivateKey(key: Bytes): boolean;
/** The uncompressed public key 04‖X‖Y (65 bytes). */
export function publicKeyFromPrivateKey(key: Bytes): Buffer;
/** The address ("T…") of a 33- or 65-byte public key. */
export function addressFromPublicKey(publicKey: Bytes): string;
/** The address ("T…") of a 32-byte private key. */
export function addressFromPrivateKey(key: Bytes): string;
/** The 21 bytes of a base58check, "41…" hex or "0x…" address; nothing is repaired. */
export function parseAddress(text: string): Buffer;
/** "T…" text of an address. */
export function addressToBase58(address: Address): string;
/** "41…" lower-case hex of an address. */
export function addressToHex(address: Address): string;

// ---- HD wallets -------------------------------------------------------------------------------

export type MnemonicWordCount = 12 | 15 | 18 | 21 | 24;
export type MnemonicLanguage =
  | 'english' | 'japanese' | 'korean' | 'spanish' | 'chinese_simplified' | 'chinese_traditional'
  | 'french' | 'italian' | 'czech' | 'portuguese' | 'russian' | 'turkish';

/** A fresh mnemonic (English unless a BIP39 list is named). Wipe it when done. */
export function generateMnemonic(wordCount?: MnemonicWordCount | number,
  language?: MnemonicLanguage | string | null): string;
/** true iff every word is in one BIP39 list and the checksum holds. */
export function isValidMnemonic(mnemonic: string): boolean;
/** The 64-byte BIP39 seed; the mnemonic is validated first (TronPayError E_MNEMONIC). */
export function mnemonicToSeed(mnemonic: string, passphrase?: string | null): Buffer;
/** mnemonicToSeed on libuv's thread pool, off the event loop; rejects with the TronPayError the
 * synchronous call would throw (a TypeError for a wrong argument type). */
export function mnemonicToSeedAsync(mnemonic: string,
  passphrase?: string | null): Promise<Buffer>;
/** The 32-byte private key at a path such as "m/44'/195'/0'/0/7". */
export function hdPrivateKey(seed: Bytes, path: string): Buffer;
/** The extended public key "xpub…" at a path. */
export function hdXpub(seed: Bytes, path: string): string;
/** The extended private key "xprv…" at a path. A secret. */
export function hdXprv(seed: Bytes, path: string): string;
/** Watch-only: the addresses ("T…") at xpub/change/i, i in [firstIndex, firstIndex + count). */
export function xpubDeriveAddresses(xpub: string, change?: number, firstIndex?: number,
  count?: number): string[];

// ---- Amounts ----------------------------------------------------------------------------------

/** "12.5", 6 → 12500000n (exact; the grammar is the library's). */
export function toBaseUnits(text: string, decimals: number): bigint;
/** 12500000n (or "12500000"), 6 → "12.5". */
export function fromBaseUnits(baseUnits: Amount, decimals: number): string;

// ---- Transactions -----------------------------------------------------------------------------

/** tronpay_tx_options. */
export interface TxOptions {
  /** The 32-byte block id of a recent block (ref_block_bytes and ref_block_hash come from it). */
  refBlockId: Bytes;
  expirationMs: number | bigint;
  timestampMs?: number | bigint;
  feeLimitSun?: Sun;
  memo?: Bytes | string;
  permissionId?: number;
}

/** raw_data bytes of a TRX TransferContract (amountSun > 0, owner ≠ to). */
export function buildTransfer(owner: Address, to: Address, amountSun: Sun,
  options: TxOptions): Buffer;
/** raw_data bytes of token.transfer(to, amount); amount in base units. */
export function buildTrc20Transfer(owner: Address, token: Address, to: Address, amount: Amount,
  options: TxOptions): Buffer;
/** raw_data bytes of any contract call with your call data. */
export function buildTrigger(owner: Address, contract: Address, callValueSun: Sun, data: Bytes,
  options: TxOptions): Buffer;
/** The 32-byte txID of raw_data bytes. */
export function transactionId(raw: Bytes): Buffer;
/** The 65-byte signature r‖s‖v (v 0/1, RFC 6979, low-s) of raw_data's txID. */
export function signTransaction(raw: Bytes, privateKey: Bytes): Buffer;
/** The node's JSON text, ready for /wallet/broadcasttransaction as it is. */
export function transactionToJson(raw: Bytes, signatures?: readonly Bytes[]): string;
/** The Transaction protobuf that /wallet/broadcasthex takes as hex. */
export function serializeTransaction(raw: Bytes, signatures?: readonly Bytes[]): Buffer;
/** raw_data bytes and signatures of a node's transaction JSON, checked for consistency. */
export function transactionFromJson(json: JSONInput): { raw: Buffer; signatures: Buffer[] };

/** The decoded contract of a verified transaction; members depend on its type. */
export interface VerifiedContract {
  type: 'TransferContract' | 'TransferAssetContract' | 'TriggerSmartContract' | string;
  owner?: string;
  to?: string;
  token?: 'TRX';
  amount?: string;
  asset_name_hex?: string;
  contract?: string;
  call_value?: string;
  data?: string;
  call?: { method: 'transfer'; to: string; amount: string }
    | { method: 'transferFrom'; from: string; to: string; amount: string }
    | { method: 'approve'; spender: string; amount: string }
    | null;
  permission_id?: number;
}

/** tronpay_tx_verify's report. */
export interface VerifyReport {
  valid: boolean;
  txid: string;
  txid_matches: boolean;
  raw_data_matches: boolean | null;
  signers: string[];
  owner: string | null;
  owner_signed: boolean;
  expired: boolean;
  contract: VerifiedContract;
  expiration_ms: number;
  timestamp_ms: number | null;
  fee_limit_sun: number;
  memo_hex: string;
  problems: string[];
}

/** The verification report; report.valid is false for a well-formed transaction that does not
 * verify. nowMs 0 skips the expiry check. */
export function verifyTransaction(json: JSONInput, nowMs?: number | bigint): VerifyReport;

// ---- Messages and digests ---------------------------------------------------------------------

/** TIP-104 v2 signature (65 bytes, v 27/28): TronWeb's signMessageV2. */
export function signMessage(message: string | Bytes, privateKey: Bytes): Buffer;
/** The address ("T…") that signed a message. */
export function recoverMessageSigner(message: string | Bytes, signature: Bytes): string;
/** true iff `address` signed the message; false if another key did. */
export function verifyMessage(message: string | Bytes, signature: Bytes, address: Address): boolean;
/** Legacy v1 (TronWeb trx.sign(hex)): the signer of the hex-DECODED message bytes. */
export function recoverMessageSignerV1(message: Bytes, signature: Bytes): string;
/** Legacy v1 verification of the hex-DECODED message bytes. */
export function verifyMessageV1(message: Bytes, signature: Bytes, address: Address): boolean;
/** Signs a raw 32-byte digest (v 0/1). */
export function signDigest(digest: Bytes, privateKey: Bytes): Buffer;
/** The address ("T…") whose key signed a 32-byte digest. */
export function recoverDigestSigner(digest: Bytes, signature: Bytes): string;

// ---- Transfers and payment checks -------------------------------------------------------------

export type TransferSource = 'log' | 'transfer_contract' | 'internal' | 'indexer';
export type SkipReason =
  | 'malformed' | 'removed' | 'rejected' | 'trc10' | 'unsupported' | 'failed' | 'inconsistent';
export type InvoiceState =
  | 'paid' | 'overpaid' | 'paid_late' | 'detected' | 'partial' | 'expired' | 'new';
export type RejectReason =
  | 'foreign_token' | 'failed' | 'inconsistent' | 'not_final' | 'undated' | 'late' | 'early'
  | 'below_minimum' | 'duplicate' | 'malformed' | 'ambiguous' | 'removed' | 'unsupported';

/** One transfer of tronpay_transfers_parse (and a payment check's "unmatched"). */
export interface Transfer {
  txid: string;
  log_index: number | null;
  ordinal: number;
  block: number | null;
  timestamp_ms: number | null;
  /** "TRX" or the token contract "T…". */
  token: string;
  from: string;
  to: string;
  /** Decimal base units. */
  amount: string;
  success: boolean | null;
  source: TransferSource;
}

export interface Skipped {
  txid: string;
  log_index: number | null;
  reason: SkipReason;
  detail?: string;
}

/** The transfers found, with .skipped: what could not be used, and why. */
export type Transfers = Transfer[] & { readonly skipped: Skipped[] };

/** Every transfer in node, TronGrid or JSON-RPC JSON. */
export function parseTransfers(evidence: JSONInput): Transfers;

export interface ChainState {
  head_block: number | bigint;
  solidified_block: number | bigint;
  now_ms: number | bigint;
}

export interface Invoice {
  id: string;
  address: string;
  /** "TRX", a pinned symbol ("USDT", the default) or a contract address. */
  token?: string;
  /** ≥ 1 base unit: a BigInt (toBaseUnits), a decimal string or a safe integer. */
  amount_due: Amount | number;
  created_at_ms?: number | bigint;
  expires_at_ms?: number | bigint;
  /** 0 … 5000. */
  tolerance_bps?: number;
}

export interface PaymentPolicy {
  min_amount?: Amount | number;
  confirmations?: 'solidified' | number;
}

/** The request of tronpay_payment_check. Evidence items given as strings or Buffers are the
 * JSON a node returned, inserted unchanged. */
export interface PaymentRequest {
  chain: ChainState;
  invoices: Invoice[];
  tokens?: Record<string, string>;
  policy?: PaymentPolicy;
  evidence?: Array<string | Buffer | object>;
}

export interface Credit {
  txid: string;
  log_index: number | null;
  ordinal: number;
  amount: string;
  block: number | null;
  final: boolean;
}

export interface InvoiceResult {
  id: string;
  state: InvoiceState;
  due: string;
  received: string;
  received_final: string;
  credits: Credit[];
}

export interface Rejection {
  txid: string;
  log_index: number | null;
  reason: RejectReason;
}

/** tronpay_payment_check's verdict. */
export interface PaymentCheckResult {
  invoices: InvoiceResult[];
  rejected: Rejection[];
  unmatched: Transfer[];
}

/** The verdict on invoices from recorded evidence (see tronpay_payment_check). */
export function checkPayments(request: PaymentRequest | string | Buffer): PaymentCheckResult;
/** checkPayments on libuv's thread pool, so a large check does not block the event loop;
 * rejects with the TronPayError the synchronous call would throw. */
export function checkPaymentsAsync(request: PaymentRequest | string | Buffer):
  Promise<PaymentCheckResult>;

// ---- Webhooks ---------------------------------------------------------------------------------

/** The callback is not authentic or not fresh (TRONPAY_E_VERIFY): answer 4xx, do nothing. */
export class WebhookVerificationError extends TronPayError {
  constructor(detail: string);
}

/** Headers as Node's req.headers, a Map or a fetch Headers; names compared case-insensitively. */
export type WebhookHeaders =
  | Record<string, string | string[] | undefined>
  | Map<string, string>
  | { entries(): IterableIterator<[string, string]> };

/** A type alias, not an interface, so that it is also a WebhookHeaders. */
export type WebhookSignedHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
  'content-type': 'application/json';
};

export interface Webhooks {
  readonly HEADERS: readonly ['webhook-id', 'webhook-timestamp', 'webhook-signature'];
  readonly DEFAULT_TOLERANCE: number;
  readonly EPUSDT_SIGNATURE_SIZE: number;
  readonly WebhookVerificationError: typeof WebhookVerificationError;
  /** The webhook-signature value "v1,<base64>" of a message; timestamp in Unix seconds. */
  sign(secret: string, msgId: string, timestamp: number | bigint, body: string | Bytes): string;
  /** The headers of a delivery signed now (or at `timestamp`), content-type included. */
  signHeaders(secret: string, msgId: string, body: string | Bytes,
    timestamp?: number | bigint): WebhookSignedHeaders;
  /** Returns for an authentic, fresh delivery; throws WebhookVerificationError otherwise.
   * `body` must be the raw bytes as received; options.now overrides the clock (seconds). */
  verify(headers: WebhookHeaders, body: string | Bytes, secret: string, tolerance?: number,
    options?: { now?: number | bigint }): void;
  /** LEGACY (no replay protection): the epusdt MD5 signature, 32 lower-case hex digits. */
  epusdtSign(params: string | Bytes | Record<string, unknown>, apiToken: string): string;
  /** LEGACY (no replay protection): checks an epusdt callback's own "signature" member. */
  epusdtVerify(params: string | Bytes | Record<string, unknown>, apiToken: string): void;
}

export const webhooks: Webhooks;

// ---- The engine (engine.d.ts): tronpay.Engine and its answers -----------------------------
// Names that the stateless part already uses come with an Engine prefix.

import { Engine as EngineBase, TRANSPORT_ERRORS as TransportErrors } from './engine';
/** An open engine store (tronpay_engine_open); every method has an ...Async form. */
export class Engine extends EngineBase {}
/** tronpay_outbox_ack's transport_error codes by name. */
export const TRANSPORT_ERRORS: typeof TransportErrors;
export type {
  AckOptions, AuditPage, AuditRecord, ChainResult, CreateResult, Deliveries, Delivery, Dispute,
  EventPage, FeedOptions, Health, InvoicePage, Refund, SyncFed, SyncPlan, TransportError,
  Credit as EngineCredit, Event as EngineEvent, Invoice as EngineInvoice,
  InvoiceState as EngineInvoiceState,
} from './engine';
