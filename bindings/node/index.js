'use strict';
/**
 * Node binding of libtronpay, an embedded TRON payment engine.
 *
 * A thin layer over the N-API addon (addon.c): it converts types and throws TronPayError; every
 * decision is the C library's. Buffers for bytes; amounts as BigInt or decimal strings, never
 * Number; addresses come out as "T…" text and go in as text or 21-byte Buffers.
 *
 * The addon is found beside this file or in the checkout's build/ ($TRONPAY_NODE_ADDON
 * overrides); the library through $TRONPAY_LIBRARY, then beside this file, then the checkout's
 * build/, then the system loader path. The library's ABI version is checked at load.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const ABI_VERSION = 1;

/** A failed libtronpay call: .status (negative code), .code ("TRONPAY_E_KEY"), .detail. */
class TronPayError extends Error {
  constructor(status, code, detail) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'TronPayError';
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

const STATUS = Object.freeze({
  OK: 0, E_ARG: -1, E_BUFFER: -2, E_HEX: -3, E_ADDRESS: -4, E_KEY: -5, E_SIGNATURE: -6,
  E_VERIFY: -7, E_MNEMONIC: -8, E_PATH: -9, E_XKEY: -10, E_AMOUNT: -11, E_TX: -12,
  E_JSON: -13, E_RANDOM: -14, E_INTERNAL: -15,
  E_STORE: -16, E_CONFLICT: -17, E_NOT_FOUND: -18, E_STATE: -19, E_BUSY: -20,
});

const repoBuild = path.resolve(__dirname, '..', '..', 'build');

function firstExisting(candidates) {
  return candidates.find((p) => fs.existsSync(p));
}

function loadNative() {
  const addon = process.env.TRONPAY_NODE_ADDON ||
    firstExisting([path.join(__dirname, 'tronpay.node'), path.join(repoBuild, 'tronpay.node')]);
  if (!addon) throw new Error('tronpay.node not found: run make (or set TRONPAY_NODE_ADDON)');
  const native = require(addon);
  native.setErrorClass(TronPayError);
  // An explicit TRONPAY_LIBRARY is never second-guessed; otherwise the system loader last.
  const library = process.env.TRONPAY_LIBRARY ||
    firstExisting([path.join(__dirname, 'libtronpay.so.1'),
      path.join(repoBuild, 'libtronpay.so.1')]) ||
    'libtronpay.so.1';
  const abi = native.load(library);
  if (abi !== ABI_VERSION) throw new Error(`libtronpay ABI ${abi}, binding needs ${ABI_VERSION}`);
  return { native, library };
}

const { native, library: libraryPath } = loadNative();
const sizes = Object.freeze(native.sizes());
const webhooks = require('./webhooks')({ native, TronPayError, STATUS, sizes });
const { Engine, TRANSPORT_ERRORS } = require('./engine')({ native, TronPayError, STATUS });

// ---- conversions ----------------------------------------------------------------------------

function argError(detail) {
  return new TronPayError(STATUS.E_ARG, 'TRONPAY_E_ARG', detail);
}

/** An address as 21 bytes: text is parsed by the library, a Buffer is passed as it is. */
function addressBytes(address) {
  return typeof address === 'string' ? native.addressParse(address) : address;
}

/** A token amount as the library's decimal text: BigInt or string, never Number. */
function amountText(value, what = 'amount') {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return value;
  throw new TypeError(`${what} must be a BigInt or a decimal string, not ${typeof value}`);
}

/**
 * JSON.stringify, except that a BigInt (what toBaseUnits returns) is written as the JSON integer
 * of its exact digits, not refused: the library reads numbers exactly, at any size. Each BigInt
 * is first written as a string holding a random tag, which is then replaced by the bare digits.
 */
function stringifyExact(value) {
  let tag = null;
  const text = JSON.stringify(value, (key, v) => {
    if (typeof v !== 'bigint') return v;
    if (tag === null) tag = `tronpay-bigint-${crypto.randomBytes(12).toString('hex')}:`;
    return `${tag}${v.toString()}`;
  });
  return tag === null ? text : text.replace(new RegExp(`"${tag}(-?[0-9]+)"`, 'g'), '$1');
}

/** JSON input: a string is passed as it is, anything else is serialised (BigInt exactly). */
function jsonText(value, what = 'json') {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (value !== null && typeof value === 'object') return stringifyExact(value);
  throw new TypeError(`${what} must be a JSON string or an object`);
}

// ---- Library --------------------------------------------------------------------------------

/** "MAJOR.MINOR.PATCH" of the loaded library. */
const version = () => native.version();
/** The loaded library's ABI version (checked at load). */
const abiVersion = () => native.abiVersion();
/** The name of a status code ("TRONPAY_E_KEY"), or "unknown status". */
const statusName = (status) => native.statusStr(status);
/** This thread's detail text of its last failure ("" if none). */
const lastError = () => native.lastError();
/** Wipes your own Buffer (a key, a seed) in place. */
const memzero = (buffer) => native.memzero(buffer);

// ---- Hashes, keys, addresses ----------------------------------------------------------------

/** Keccak-256 with the original 0x01 padding (not SHA3-256) → 32-byte Buffer. */
const keccak256 = (data) => native.keccak256(data);
/** SHA-256 → 32-byte Buffer. */
const sha256 = (data) => native.sha256(data);
/** A fresh private key (32-byte Buffer) from the OS CSPRNG. Wipe it with memzero. */
const generatePrivateKey = () => native.privkeyGenerate();
/** true iff 1 ≤ key < n; a Buffer of another length throws TronPayError E_ARG. */
const isValidPrivateKey = (key) => native.privkeyVerify(key);
/** The uncompressed public key 04‖X‖Y (65-byte Buffer). */
const publicKeyFromPrivateKey = (key) => native.pubkeyFromPrivkey(key);
/** The address ("T…") of a 33- or 65-byte public key. */
const addressFromPublicKey = (pub) => native.addressToBase58(native.addressFromPubkey(pub));
/** The address ("T…") of a 32-byte private key. */
const addressFromPrivateKey = (key) => native.addressToBase58(native.addressFromPrivkey(key));
/** The 21 bytes of a base58check, "41…" hex or "0x…" address; nothing is repaired. */
const parseAddress = (text) => native.addressParse(text);
/** "T…" text of an address (21-byte Buffer or any parseable text). */
const addressToBase58 = (address) => native.addressToBase58(addressBytes(address));
/** "41…" lower-case hex of an address. */
const addressToHex = (address) => native.addressToHex(addressBytes(address));

// ---- Amounts --------------------------------------------------------------------------------

/** "12.5", 6 → 12500000n (exact; the grammar is the library's). */
const toBaseUnits = (text, decimals) => {
  if (typeof text !== 'string') throw new TypeError('amount text must be a string');
  return BigInt(native.amountToBaseUnits(text, decimals));
};
/** 12500000n (or "12500000"), 6 → "12.5". */
const fromBaseUnits = (units, decimals) =>
  native.amountFromBaseUnits(amountText(units, 'base units'), decimals);

// ---- HD wallets -----------------------------------------------------------------------------

/** A fresh mnemonic of 12/15/18/21/24 words; language defaults to English. Wipe it when done. */
const generateMnemonic = (wordCount = 24, language = null) =>
  native.mnemonicGenerate(wordCount, language);
/** true iff every word is in one BIP39 list and the checksum holds. */
const isValidMnemonic = (mnemonic) => native.mnemonicValidate(mnemonic);
/** The 64-byte BIP39 seed (Buffer); the mnemonic is validated first. */
const mnemonicToSeed = (mnemonic, passphrase = null) => native.mnemonicToSeed(mnemonic, passphrase);
/** mnemonicToSeed on libuv's thread pool (2048 PBKDF2 rounds off the event loop): a Promise of
 * the Buffer, rejected with the TronPayError the synchronous call would throw. */
const mnemonicToSeedAsync = async (mnemonic, passphrase = null) =>
  native.mnemonicToSeedAsync(mnemonic, passphrase);
/** The 32-byte private key at a path such as "m/44'/195'/0'/0/7". */
const hdPrivateKey = (seed, path) => native.hdPrivkey(seed, path);
/** The extended public key "xpub…" at a path (a shop keeps the account's: "m/44'/195'/0'"). */
const hdXpub = (seed, path) => native.hdXpub(seed, path);
/** The extended private key "xprv…" at a path. A secret. */
const hdXprv = (seed, path) => native.hdXprv(seed, path);
/** Watch-only: the addresses ('T…') at xpub/change/i for i in [firstIndex, firstIndex+count). */
function xpubDeriveAddresses(xpub, change = 0, firstIndex = 0, count = 1) {
  const raw = native.xpubDeriveAddresses(xpub, change, firstIndex, count);
  const out = [];
  for (let i = 0; i < raw.length; i += 21) {
    out.push(native.addressToBase58(raw.subarray(i, i + 21)));
  }
  return out;
}

// ---- Transactions ---------------------------------------------------------------------------

/** TRX in sun: BigInt, a string of digits, or (for options only) a safe-integer Number. */
function sunValue(value, what) {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' && /^-?[0-9]+$/.test(value)) return BigInt(value);
  if (typeof value === 'string') {
    throw argError(`${what} ${JSON.stringify(value)} is not a whole number of sun`);
  }
  throw new TypeError(`${what} must be a BigInt or a decimal string, not ${typeof value}`);
}

/** {refBlockId, expirationMs, timestampMs?, feeLimitSun?, memo?, permissionId?} for the addon. */
function txOptions(options) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('options must be an object');
  }
  const out = { ...options };
  if (out.feeLimitSun !== undefined) out.feeLimitSun = sunValue(out.feeLimitSun, 'feeLimitSun');
  if (typeof out.memo === 'string') out.memo = Buffer.from(out.memo, 'utf8');
  return out;
}

/** raw_data bytes (Buffer) of a TRX TransferContract; amountSun BigInt or string, > 0. */
const buildTransfer = (owner, to, amountSun, options) =>
  native.txBuildTransfer(addressBytes(owner), addressBytes(to), sunValue(amountSun, 'amountSun'),
    txOptions(options));
/** raw_data bytes of token.transfer(to, amount); amount in base units, BigInt or string. */
const buildTrc20Transfer = (owner, token, to, amount, options) =>
  native.txBuildTrc20Transfer(addressBytes(owner), addressBytes(token), addressBytes(to),
    amountText(amount), txOptions(options));
/** raw_data bytes of any contract call with your call data. */
const buildTrigger = (owner, contract, callValueSun, data, options) =>
  native.txBuildTrigger(addressBytes(owner), addressBytes(contract),
    sunValue(callValueSun, 'callValueSun'), data, txOptions(options));
/** The 32-byte txID (Buffer) of raw_data bytes. */
const transactionId = (raw) => native.txId(raw);
/** The 65-byte signature (Buffer) of raw_data's txID. */
const signTransaction = (raw, privateKey) => native.txSign(raw, privateKey);
/** The node's JSON text, ready for /wallet/broadcasttransaction as it is. */
const transactionToJson = (raw, signatures = []) => native.txToJson(raw, Buffer.concat(signatures));
/** The Transaction protobuf (Buffer) that /wallet/broadcasthex takes as hex. */
const serializeTransaction = (raw, signatures = []) =>
  native.txSerialize(raw, Buffer.concat(signatures));
/** {raw, signatures: [Buffer…]} of a node's transaction JSON, checked for consistency. */
function transactionFromJson(json) {
  const { raw, signatures } = native.txFromJson(jsonText(json, 'transaction'));
  const sigs = [];
  for (let i = 0; i < signatures.length; i += 65) sigs.push(signatures.subarray(i, i + 65));
  return { raw, signatures: sigs };
}
/** The verification report (an object); report.valid is false for a well-formed bad one. */
const verifyTransaction = (json, nowMs = 0) =>
  JSON.parse(native.txVerify(jsonText(json, 'transaction'), nowMs));

// ---- Messages and digests -------------------------------------------------------------------

/** A message as bytes: a string is its UTF-8 (as TronWeb signs a JS string). */
const messageBytes = (message) =>
  (typeof message === 'string' ? Buffer.from(message, 'utf8') : message);

/** TIP-104 v2 signature (65-byte Buffer, v 27/28), TronWeb's signMessageV2 bytes. */
const signMessage = (message, privateKey) => native.messageSign(messageBytes(message), privateKey);
/** The address ('T…') that signed a message. */
const recoverMessageSigner = (message, signature) =>
  native.addressToBase58(native.messageRecover(messageBytes(message), signature));
/** true iff `address` signed the message; false if another key did. */
const verifyMessage = (message, signature, address) =>
  native.messageVerify(messageBytes(message), signature, addressBytes(address));
/** Legacy v1 (TronWeb trx.sign(hex)): signer of the hex-DECODED message bytes. */
const recoverMessageSignerV1 = (message, signature) =>
  native.addressToBase58(native.messageRecoverV1(message, signature));
/** Legacy v1 verification of the hex-DECODED message bytes. */
const verifyMessageV1 = (message, signature, address) =>
  native.messageVerifyV1(message, signature, addressBytes(address));
/** Signs a raw 32-byte digest (v 0/1). */
const signDigest = (digest, privateKey) => native.digestSign(digest, privateKey);
/** The address ('T…') whose key signed a 32-byte digest. */
const recoverDigestSigner = (digest, signature) =>
  native.addressToBase58(native.digestRecover(digest, signature));

// ---- Transfers and payment checks -----------------------------------------------------------

/** Every transfer in node/TronGrid/JSON-RPC JSON: an Array of objects, with .skipped. */
function parseTransfers(evidence) {
  const result = JSON.parse(native.transfersParse(jsonText(evidence, 'evidence')));
  const transfers = result.transfers;
  Object.defineProperty(transfers, 'skipped', { value: result.skipped, enumerable: false });
  return transfers;
}

/** A request as JSON text; evidence items given as strings are node JSON, inserted unchanged. */
function requestText(request) {
  if (typeof request === 'string' || Buffer.isBuffer(request)) return jsonText(request, 'request');
  if (request === null || typeof request !== 'object' || !Array.isArray(request.evidence)) {
    return jsonText(request, 'request');
  }
  const { evidence, ...rest } = request;
  const items = evidence.map((item) => jsonText(item, 'evidence item')).join(',');
  const head = stringifyExact(rest);
  return `${head.slice(0, -1)}${head === '{}' ? '' : ','}"evidence":[${items}]}`;
}

/** The verdict on invoices from evidence (see tronpay_payment_check). Amounts may be BigInt
 * (toBaseUnits' result), decimal strings or safe integers. */
const checkPayments = (request) => JSON.parse(native.paymentCheck(requestText(request)));
/** checkPayments on libuv's thread pool, so a large check does not block the event loop: a
 * Promise of the verdict, rejected with the TronPayError the synchronous call would throw. */
const checkPaymentsAsync = async (request) =>
  JSON.parse(await native.paymentCheckAsync(requestText(request)));

/** Every C function and the name here that exposes it (tests check it covers the header). */
const BINDINGS = Object.freeze({
  tronpay_size_privkey: 'PRIVKEY_SIZE',
  tronpay_size_pubkey: 'PUBKEY_SIZE',
  tronpay_size_address: 'ADDRESS_SIZE',
  tronpay_size_address_text: 'ADDRESS_TEXT_SIZE',
  tronpay_size_address_hex: 'ADDRESS_HEX_SIZE',
  tronpay_size_signature: 'SIGNATURE_SIZE',
  tronpay_size_txid: 'TXID_SIZE',
  tronpay_size_seed: 'SEED_SIZE',
  tronpay_size_xkey_text: 'XKEY_TEXT_SIZE',
  tronpay_version: 'version',
  tronpay_abi_version: 'abiVersion',
  tronpay_status_str: 'statusName',
  tronpay_last_error: 'lastError',
  tronpay_free: null, // used inside the addon: every result is copied into JS, then freed
  tronpay_memzero: 'memzero',
  tronpay_keccak256: 'keccak256',
  tronpay_sha256: 'sha256',
  tronpay_privkey_generate: 'generatePrivateKey',
  tronpay_privkey_verify: 'isValidPrivateKey',
  tronpay_pubkey_from_privkey: 'publicKeyFromPrivateKey',
  tronpay_address_from_pubkey: 'addressFromPublicKey',
  tronpay_address_from_privkey: 'addressFromPrivateKey',
  tronpay_address_to_base58: 'addressToBase58',
  tronpay_address_to_hex: 'addressToHex',
  tronpay_address_parse: 'parseAddress',
  tronpay_mnemonic_generate: 'generateMnemonic',
  tronpay_mnemonic_validate: 'isValidMnemonic',
  tronpay_mnemonic_to_seed: 'mnemonicToSeed',
  tronpay_hd_privkey: 'hdPrivateKey',
  tronpay_hd_xpub: 'hdXpub',
  tronpay_hd_xprv: 'hdXprv',
  tronpay_xpub_derive_addresses: 'xpubDeriveAddresses',
  tronpay_tx_build_transfer: 'buildTransfer',
  tronpay_tx_build_trc20_transfer: 'buildTrc20Transfer',
  tronpay_tx_build_trigger: 'buildTrigger',
  tronpay_tx_id: 'transactionId',
  tronpay_tx_sign: 'signTransaction',
  tronpay_tx_to_json: 'transactionToJson',
  tronpay_tx_serialize: 'serializeTransaction',
  tronpay_tx_from_json: 'transactionFromJson',
  tronpay_tx_verify: 'verifyTransaction',
  tronpay_message_sign: 'signMessage',
  tronpay_message_recover: 'recoverMessageSigner',
  tronpay_message_verify: 'verifyMessage',
  tronpay_message_recover_v1: 'recoverMessageSignerV1',
  tronpay_message_verify_v1: 'verifyMessageV1',
  tronpay_digest_sign: 'signDigest',
  tronpay_digest_recover: 'recoverDigestSigner',
  tronpay_amount_to_base_units: 'toBaseUnits',
  tronpay_amount_from_base_units: 'fromBaseUnits',
  tronpay_transfers_parse: 'parseTransfers',
  tronpay_payment_check: 'checkPayments',
  tronpay_webhook_sign: 'webhooks.sign',
  tronpay_webhook_verify: 'webhooks.verify',
  tronpay_size_epusdt_signature: 'webhooks.EPUSDT_SIGNATURE_SIZE',
  tronpay_epusdt_sign: 'webhooks.epusdtSign',
  tronpay_epusdt_verify: 'webhooks.epusdtVerify',
  // The engine (engine.js): methods of Engine.prototype, each with an ...Async form.
  tronpay_engine_open: 'Engine',
  tronpay_engine_close: 'Engine.prototype.close',
  tronpay_engine_health: 'Engine.prototype.health',
  tronpay_invoice_create: 'Engine.prototype.invoiceCreate',
  tronpay_invoice_get: 'Engine.prototype.invoiceGet',
  tronpay_invoice_list: 'Engine.prototype.invoiceList',
  tronpay_invoice_cancel: 'Engine.prototype.invoiceCancel',
  tronpay_invoice_resolve: 'Engine.prototype.invoiceResolve',
  tronpay_audit_list: 'Engine.prototype.auditList',
  tronpay_chain_tip: 'Engine.prototype.chainTip',
  tronpay_chain_block: 'Engine.prototype.chainBlock',
  tronpay_chain_disconnect: 'Engine.prototype.chainDisconnect',
  tronpay_chain_evidence: 'Engine.prototype.chainEvidence',
  tronpay_sync_next: 'Engine.prototype.syncNext',
  tronpay_sync_feed: 'Engine.prototype.syncFeed',
  tronpay_events_list: 'Engine.prototype.eventsList',
  tronpay_outbox_next: 'Engine.prototype.outboxNext',
  tronpay_outbox_ack: 'Engine.prototype.outboxAck',
  tronpay_outbox_redeliver: 'Engine.prototype.outboxRedeliver',
  tronpay_dispute_lookup: 'Engine.prototype.disputeLookup',
  tronpay_refund_create: 'Engine.prototype.refundCreate',
  tronpay_refund_submit: 'Engine.prototype.refundSubmit',
  tronpay_refund_get: 'Engine.prototype.refundGet',
});

module.exports = {
  ABI_VERSION, STATUS, TronPayError, BINDINGS, libraryPath, ...sizes,
  version, abiVersion, statusName, lastError, memzero,
  keccak256, sha256, generatePrivateKey, isValidPrivateKey, publicKeyFromPrivateKey,
  addressFromPublicKey, addressFromPrivateKey, parseAddress, addressToBase58, addressToHex,
  generateMnemonic, isValidMnemonic, mnemonicToSeed, mnemonicToSeedAsync, hdPrivateKey, hdXpub,
  hdXprv,
  xpubDeriveAddresses,
  buildTransfer, buildTrc20Transfer, buildTrigger, transactionId, signTransaction,
  transactionToJson, serializeTransaction, transactionFromJson, verifyTransaction,
  signMessage, recoverMessageSigner, verifyMessage, recoverMessageSignerV1, verifyMessageV1,
  signDigest, recoverDigestSigner,
  toBaseUnits, fromBaseUnits,
  parseTransfers, checkPayments, checkPaymentsAsync,
  webhooks, WebhookVerificationError: webhooks.WebhookVerificationError,
  Engine, TRANSPORT_ERRORS,
};

