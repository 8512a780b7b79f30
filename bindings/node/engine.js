'use strict';
/**
 * The stateful payment engine (ENGINE.md) as `tronpay.Engine`: an open store behind one handle.
 *
 *   const engine = new tronpay.Engine({ store: 'sqlite:/var/lib/shop/tronpay.db',
 *     wallets: [{ id: 'main', xpub }] });
 *   const { invoice } = engine.invoiceCreate({ order_id: 'A-1001', amount: '12.5' });
 *   const page = await engine.eventsListAsync(0, 100);   // every call has an ...Async form
 *   engine.close();
 *
 * Each method calls one C function of the header's engine sections and returns its JSON answer
 * parsed (amounts stay decimal strings). The plain methods block the event loop for the call
 * (a store commit: milliseconds, or up to the 5 s busy timeout when another process holds the
 * store); the ...Async forms run the same call on libuv's thread pool and return a Promise.
 * Failures throw (or reject with) TronPayError carrying the library's status: E_NOT_FOUND,
 * E_CONFLICT, E_STATE, E_BUSY, E_STORE, …. nowMs (Unix milliseconds) defaults to Date.now().
 * The library serialises the calls on one handle; several processes may open one store.
 */

module.exports = function engine({ native, TronPayError, STATUS }) {
  const OPS = native.engineOps();

  function argError(detail) {
    return new TronPayError(STATUS.E_ARG, 'TRONPAY_E_ARG', detail);
  }

  /** JSON input: a string or Buffer is JSON text already (a node's exact numbers kept). */
  function json(value, what) {
    if (typeof value === 'string') return value;
    if (Buffer.isBuffer(value)) return value.toString('utf8');
    if (value !== null && typeof value === 'object') return JSON.stringify(value);
    throw new TypeError(`${what} must be a JSON string, a Buffer or an object`);
  }

  const now = (nowMs) => (nowMs === undefined ? Date.now() : nowMs);

  /** transport_error codes of tronpay_outbox_ack, by name. */
  const TRANSPORT_ERRORS = Object.freeze({
    none: 0, timeout: 1, connect: 2, dns: 3, tls: 4, reset: 5, other: 6,
  });

  function transportError(value) {
    if (typeof value === 'string') {
      if (!(value in TRANSPORT_ERRORS)) throw argError(`unknown transportError '${value}'`);
      return TRANSPORT_ERRORS[value];
    }
    return value;
  }

  /** An array of 65-byte signatures (or one Buffer of n × 65 bytes) as one Buffer. */
  function signatures(list) {
    if (Buffer.isBuffer(list) || list instanceof Uint8Array) return list;
    if (!Array.isArray(list)) throw new TypeError('signatures must be an array of Buffers');
    for (const s of list) {
      if (!(s instanceof Uint8Array) || s.length !== 65) {
        throw argError('each signature must be a 65-byte Buffer');
      }
    }
    return Buffer.concat(list);
  }

  const parse = (text) => (text === undefined ? undefined : JSON.parse(text));

  // name: (this, ...args) → the native arguments after the handle.
  const METHODS = {
    health: (nowMs) => [now(nowMs)],
    invoiceCreate: (request, nowMs) => [json(request, 'request'), now(nowMs)],
    invoiceGet: (idOrOrderId, nowMs) => [idOrOrderId, now(nowMs)],
    invoiceList: (filter = {}, nowMs) => [json(filter, 'filter'), now(nowMs)],
    invoiceCancel: (id, actor, reason, nowMs) => [id, actor, reason, now(nowMs)],
    invoiceResolve: (request, nowMs) => [json(request, 'request'), now(nowMs)],
    auditList: (filter = {}) => [json(filter, 'filter')],
    chainTip: (tip, nowMs) => [json(tip, 'tip'), now(nowMs)],
    chainBlock: (block, infos, nowMs) => [json(block, 'block'), json(infos, 'infos'), now(nowMs)],
    chainDisconnect: (number, blockId, nowMs) => [number, blockId, now(nowMs)],
    chainEvidence: (evidence, nowMs) => [json(evidence, 'evidence'), now(nowMs)],
    eventsList: (afterSeq = 0, limit = 100) => [afterSeq, limit],
    outboxNext: (max = 100, nowMs) => [max, now(nowMs)],
    outboxAck: (deliveryId, httpStatus, options = {}) => [
      deliveryId, httpStatus, options.body === undefined ? Buffer.alloc(0)
        : (typeof options.body === 'string' ? Buffer.from(options.body) : options.body),
      transportError(options.transportError === undefined ? 0 : options.transportError),
      options.retryAfter === undefined ? null : options.retryAfter, now(options.nowMs)],
    outboxRedeliver: (eventId, webhookId, nowMs) => [eventId, webhookId, now(nowMs)],
    disputeLookup: (txid, nowMs) => [txid, now(nowMs)],
    refundCreate: (request, nowMs) => [json(request, 'request'), now(nowMs)],
    refundSubmit: (refundId, sigs, nowMs) => [refundId, signatures(sigs), now(nowMs)],
    refundGet: (refundId) => [refundId],
    syncNext: (nowMs) => [now(nowMs)],
    syncFeed: (requestId, httpStatus, options = {}) => [
      requestId, httpStatus, options.headers === undefined ? null : options.headers,
      options.body === undefined ? Buffer.alloc(0)
        : (typeof options.body === 'string' ? Buffer.from(options.body) : options.body),
      transportError(options.transportError === undefined ? 0 : options.transportError),
      now(options.nowMs)],
  };

  /** An open engine store (tronpay_engine_open). */
  class Engine {
    /** Opens synchronously; `await Engine.open(config)` opens on the thread pool. */
    constructor(config, nowMs) {
      this._handle = native.engineOpen(json(config, 'config'), now(nowMs), false);
      this._closed = false;
    }

    /** Opens (or creates) the store on the thread pool → Promise<Engine>. */
    static async open(config, nowMs) {
      const handle = await native.engineOpen(json(config, 'config'), now(nowMs), true);
      const engine = Object.create(Engine.prototype);
      engine._handle = handle;
      engine._closed = false;
      return engine;
    }

    /** Closes the store connection; later calls throw TronPayError E_ARG ("closed"). */
    close() {
      if (!this._closed) {
        this._closed = true;
        native.engineClose(this._handle);
      }
    }

    get closed() {
      return this._closed;
    }

    /** `using engine = new Engine(…)` closes it at the end of the block (Node 22+). */
    [Symbol.dispose || Symbol.for('nodejs.dispose')]() {
      this.close();
    }
  }

  for (const [name, convert] of Object.entries(METHODS)) {
    const op = OPS[name];
    if (op === undefined) throw new Error(`the addon lacks the engine operation ${name}`);
    Engine.prototype[name] = function (...args) {
      return parse(native.engineCall(op * 2, this._handle, ...convert(...args)));
    };
    Engine.prototype[`${name}Async`] = async function (...args) {
      return parse(await native.engineCall(op * 2 + 1, this._handle, ...convert(...args)));
    };
  }

  return { Engine, TRANSPORT_ERRORS };
};
