'use strict';
/**
 * Signed callbacks: Standard Webhooks v1 (the default) and the epusdt legacy scheme, as
 * `tronpay.webhooks`. A receiver verifies the raw body with the three headers before it parses
 * anything:
 *
 *   try { tronpay.webhooks.verify(req.headers, rawBody, secret); }
 *   catch (e) { if (e instanceof tronpay.webhooks.WebhookVerificationError) return reply(400); throw e; }
 *   // dedup on req.headers['webhook-id'], do the work, commit, then answer 2xx
 *
 * Every rule is the C library's; this module only finds the headers and converts types.
 */

const HEADERS = Object.freeze(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
const DEFAULT_TOLERANCE = 300;

module.exports = function webhooks({ native, TronPayError, STATUS, sizes }) {
  /** The callback is not authentic or not fresh (TRONPAY_E_VERIFY): answer 4xx, do nothing. */
  class WebhookVerificationError extends TronPayError {
    constructor(detail) {
      super(STATUS.E_VERIFY, 'TRONPAY_E_VERIFY', detail);
      this.name = 'WebhookVerificationError';
    }
  }

  /** Runs a native call; TRONPAY_E_VERIFY becomes WebhookVerificationError. */
  function verifying(call) {
    try {
      return call();
    } catch (e) {
      if (e instanceof TronPayError && e.status === STATUS.E_VERIFY) {
        throw new WebhookVerificationError(e.detail);
      }
      throw e;
    }
  }

  /** The raw body: a Buffer or Uint8Array as it is, a string as its UTF-8 bytes. */
  function bodyBytes(body) {
    if (typeof body === 'string') return Buffer.from(body, 'utf8');
    if (body instanceof Uint8Array) return body;
    throw new TypeError('body must be a Buffer, a Uint8Array or a string');
  }

  /** The value of one header from an object (Node's req.headers), a Map or a fetch Headers,
   * names compared case-insensitively; a missing or repeated header fails verification. */
  function headerValues(headers) {
    if (headers === null || typeof headers !== 'object') {
      throw new TypeError('headers must be an object, a Map or a Headers');
    }
    const entries = typeof headers.entries === 'function' && !Array.isArray(headers)
      ? [...headers.entries()] : Object.entries(headers);
    const found = new Map();
    for (const [name, value] of entries) {
      const key = String(name).trim().toLowerCase();
      if (!HEADERS.includes(key)) continue;
      if (found.has(key) || Array.isArray(value)) {
        throw new WebhookVerificationError(`${key} header appears more than once`);
      }
      if (typeof value !== 'string') throw new TypeError(`${key} header must be a string`);
      found.set(key, value);
    }
    return HEADERS.map((key) => {
      if (!found.has(key)) throw new WebhookVerificationError(`missing ${key} header`);
      const value = found.get(key);
      if (value.includes('\0')) throw new WebhookVerificationError(`${key} header contains NUL`);
      return value;
    });
  }

  const nowSeconds = () => Math.floor(Date.now() / 1000);

  /** The webhook-signature value "v1,<base64>" of a message. timestamp: Unix seconds. */
  const sign = (secret, msgId, timestamp, body) =>
    native.webhookSign(secret, msgId, timestamp, bodyBytes(body));

  /** The headers of a delivery signed now (or at `timestamp`), content-type included. */
  function signHeaders(secret, msgId, body, timestamp = nowSeconds()) {
    return {
      'webhook-id': msgId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': sign(secret, msgId, timestamp, body),
      'content-type': 'application/json',
    };
  }

  /** Returns undefined for an authentic delivery whose timestamp is within `tolerance` seconds
   * of now; throws WebhookVerificationError otherwise (TronPayError E_ARG for a bad secret).
   * `body` must be the raw bytes as received. options.now overrides the clock (seconds). */
  function verify(headers, body, secret, tolerance = DEFAULT_TOLERANCE, options = {}) {
    const [msgId, timestamp, signature] = headerValues(headers);
    const now = options.now === undefined ? nowSeconds() : options.now;
    verifying(() => native.webhookVerify(secret, msgId, timestamp, signature, bodyBytes(body),
      now, tolerance));
  }

  /** epusdt params as bytes: JSON text (a Buffer passed unchanged, a string as UTF-8) or an
   * object (serialised). */
  function paramsBytes(params) {
    if (params instanceof Uint8Array) return params;
    if (typeof params === 'string') return Buffer.from(params, 'utf8');
    if (params !== null && typeof params === 'object' && !Array.isArray(params)) {
      return Buffer.from(JSON.stringify(params), 'utf8');
    }
    throw new TypeError('params must be JSON text or an object');
  }

  /** LEGACY (no replay protection): the epusdt MD5 signature, 32 lower-case hex digits. */
  const epusdtSign = (params, apiToken) => native.epusdtSign(paramsBytes(params), apiToken);

  /** LEGACY (no replay protection): checks an epusdt callback's own "signature" member; throws
   * WebhookVerificationError if it is missing or differs. Pass the raw body. */
  const epusdtVerify = (params, apiToken) =>
    verifying(() => native.epusdtVerify(paramsBytes(params), apiToken));

  return Object.freeze({
    HEADERS, DEFAULT_TOLERANCE, EPUSDT_SIGNATURE_SIZE: sizes.EPUSDT_SIGNATURE_SIZE,
    WebhookVerificationError, sign, signHeaders, verify, epusdtSign, epusdtVerify,
  });
};
