import Glibc
import TronPay

/// The stateful engine of ENGINE.md behind one handle: every call takes its inputs as bytes
/// (JSON requests, NUL-free texts) and answers JSON bytes, so the C boundary only converts.
/// Calls on one handle are serialised by a lock; several handles and processes may share a
/// store, whose transactions keep them apart. Every request is validated whole before anything
/// stored changes, and each input is applied in one store transaction.
public final class Engine: @unchecked Sendable {
  private var core: EngineCore?
  /// A mutex needs a stable address: Swift may move a stored property's value.
  private let lock: UnsafeMutablePointer<pthread_mutex_t>

  private init(_ core: EngineCore) {
    self.core = core
    lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    lock.initialize(to: pthread_mutex_t())
    pthread_mutex_init(lock, nil)
  }

  deinit {
    core?.store.close()
    pthread_mutex_destroy(lock)
    lock.deallocate()
  }

  /// Opens or creates the store the config names and migrates it under the write lock.
  public static func open(config: UnsafeRawBufferPointer, nowMs: Int64) throws(TronPayError)
    -> Engine
  {
    let parsed = try EngineConfig.parse(config)
    return Engine(try EngineCore.open(parsed, nowMs: nowMs))
  }

  /// Releases the store connection; later calls are `TRONPAY_E_STATE`.
  public func close() {
    pthread_mutex_lock(lock)
    core?.releaseLease()
    core?.store.close()
    core = nil
    pthread_mutex_unlock(lock)
  }

  /// Runs one call under the handle's lock.
  private func serialised<R>(_ body: (EngineCore) throws(TronPayError) -> R) throws(TronPayError)
    -> R
  {
    pthread_mutex_lock(lock)
    defer { pthread_mutex_unlock(lock) }
    guard let core else { throw TronPayError(.state, "engine: the handle is closed") }
    return try body(core)
  }

  private static func text(_ bytes: [UInt8], _ name: String) throws(TronPayError) -> String {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw TronPayError(.argument, "\(name) is not valid UTF-8")
    }
    return text
  }

  public func health(nowMs: Int64) throws(TronPayError) -> [UInt8] {
    try serialised { (core) throws(TronPayError) in try core.health(nowMs: nowMs) }
  }

  // MARK: Invoices

  public func invoiceCreate(_ request: UnsafeRawBufferPointer, nowMs: Int64) throws(TronPayError)
    -> [UInt8]
  {
    try serialised { (core) throws(TronPayError) in try core.invoiceCreate(request, nowMs: nowMs) }
  }

  public func invoiceGet(_ idOrOrderID: [UInt8], nowMs: Int64) throws(TronPayError) -> [UInt8] {
    let key = try Self.text(idOrOrderID, "id_or_order_id")
    return try serialised { (core) throws(TronPayError) in try core.invoiceGet(key, nowMs: nowMs) }
  }

  public func invoiceList(_ filter: UnsafeRawBufferPointer, nowMs: Int64) throws(TronPayError)
    -> [UInt8]
  {
    try serialised { (core) throws(TronPayError) in try core.invoiceList(filter, nowMs: nowMs) }
  }

  public func invoiceCancel(id: [UInt8], actor: [UInt8], reason: [UInt8], nowMs: Int64)
    throws(TronPayError) -> [UInt8]
  {
    let id = try Self.text(id, "id")
    let actor = try Self.text(actor, "actor")
    let reason = try Self.text(reason, "reason")
    return try serialised { (core) throws(TronPayError) in
      try core.invoiceCancel(id: id, actor: actor, reason: reason, nowMs: nowMs)
    }
  }

  public func invoiceResolve(_ request: UnsafeRawBufferPointer, nowMs: Int64)
    throws(TronPayError) -> [UInt8]
  {
    try serialised { (core) throws(TronPayError) in try core.invoiceResolve(request, nowMs: nowMs) }
  }

  public func auditList(_ filter: UnsafeRawBufferPointer) throws(TronPayError) -> [UInt8] {
    try serialised { (core) throws(TronPayError) in try core.auditList(filter) }
  }

  // MARK: Chain input (push mode)

  public func chainTip(_ tip: UnsafeRawBufferPointer, nowMs: Int64) throws(TronPayError)
    -> [UInt8]
  {
    try serialised { (core) throws(TronPayError) in try core.chainTip(tip, nowMs: nowMs).json }
  }

  public func chainBlock(
    _ block: UnsafeRawBufferPointer, infos: UnsafeRawBufferPointer, nowMs: Int64
  ) throws(TronPayError) -> [UInt8] {
    try serialised { (core) throws(TronPayError) in
      try core.chainBlock(block, infos: infos, nowMs: nowMs).json
    }
  }

  public func chainDisconnect(number: Int64, blockID: [UInt8], nowMs: Int64)
    throws(TronPayError) -> [UInt8]
  {
    let id = try Self.text(blockID, "block_id_hex")
    return try serialised { (core) throws(TronPayError) in
      try core.chainDisconnect(number: number, blockID: id, nowMs: nowMs).json
    }
  }

  public func chainEvidence(_ json: UnsafeRawBufferPointer, nowMs: Int64) throws(TronPayError)
    -> [UInt8]
  {
    try serialised { (core) throws(TronPayError) in try core.chainEvidence(json, nowMs: nowMs).json
    }
  }

  // MARK: Chain input (planner mode)

  /// What to fetch next: an HTTP request, a wait, or idle (ENGINE.md, `tronpay_sync_next`).
  public func syncNext(nowMs: Int64) throws(TronPayError) -> [UInt8] {
    try serialised { (core) throws(TronPayError) in try core.syncNext(nowMs: nowMs) }
  }

  /// The answer to a planned request; `headers` are "Name: value\r\n" lines or nil.
  public func syncFeed(
    requestID: [UInt8], httpStatus: Int32, headers: [UInt8]?, body: UnsafeRawBufferPointer,
    transportError: Int32, nowMs: Int64
  ) throws(TronPayError) -> [UInt8] {
    let id = try Self.text(requestID, "request_id")
    let headerText = try headers.map { (bytes) throws(TronPayError) in
      try Self.text(bytes, "headers")
    }
    let copied = Array(body)
    return try serialised { (core) throws(TronPayError) in
      try core.syncFeed(
        requestID: id, httpStatus: httpStatus, headers: headerText, body: copied,
        transportError: transportError, nowMs: nowMs)
    }
  }

  // MARK: Events and webhooks

  public func eventsList(afterSeq: Int64, limit: UInt32) throws(TronPayError) -> [UInt8] {
    try serialised { (core) throws(TronPayError) in
      try core.eventsList(afterSeq: afterSeq, limit: limit)
    }
  }

  public func outboxNext(max: UInt32, nowMs: Int64) throws(TronPayError) -> [UInt8] {
    try serialised { (core) throws(TronPayError) in try core.outboxNext(max: max, nowMs: nowMs) }
  }

  public func outboxAck(
    deliveryID: [UInt8], httpStatus: Int32, body: UnsafeRawBufferPointer, transportError: Int32,
    retryAfter: [UInt8]?, nowMs: Int64
  ) throws(TronPayError) {
    let id = try Self.text(deliveryID, "delivery_id")
    let after = try retryAfter.map { (bytes) throws(TronPayError) in
      try Self.text(bytes, "retry_after")
    }
    // Only the start of an answer matters (epusdt's "ok"); a huge body is not copied whole.
    let copied = Array(body.prefix(4096))
    try serialised { (core) throws(TronPayError) in
      try core.outboxAck(
        deliveryID: id, httpStatus: httpStatus, body: copied, transportError: transportError,
        retryAfter: after, nowMs: nowMs)
    }
  }

  public func outboxRedeliver(eventID: [UInt8], webhookID: [UInt8], nowMs: Int64)
    throws(TronPayError)
  {
    let event = try Self.text(eventID, "event_id")
    let webhook = try Self.text(webhookID, "webhook_id")
    try serialised { (core) throws(TronPayError) in
      try core.outboxRedeliver(eventID: event, webhookID: webhook, nowMs: nowMs)
    }
  }

  // MARK: Disputes and refunds

  public func disputeLookup(txid: [UInt8], nowMs: Int64) throws(TronPayError) -> [UInt8] {
    let text = try Self.text(txid, "txid_hex")
    return try serialised { (core) throws(TronPayError) in
      try core.disputeLookup(txid: text, nowMs: nowMs)
    }
  }

  public func refundCreate(_ request: UnsafeRawBufferPointer, nowMs: Int64) throws(TronPayError)
    -> [UInt8]
  {
    try serialised { (core) throws(TronPayError) in try core.refundCreate(request, nowMs: nowMs) }
  }

  /// `signatures` holds `count` × 65 bytes.
  public func refundSubmit(
    refundID: [UInt8], signatures: UnsafeRawBufferPointer, count: Int, nowMs: Int64
  ) throws(TronPayError) -> [UInt8] {
    let id = try Self.text(refundID, "refund_id")
    // At most 16 signatures' worth is copied: a wrong count must not make the library read up
    // to a million signatures from a buffer that holds one. The core checks count and size.
    let copied = Array(signatures.prefix(16 &* RecoverableSignature.size))
    return try serialised { (core) throws(TronPayError) in
      try core.refundSubmit(refundID: id, signatures: copied, count: count, nowMs: nowMs)
    }
  }

  public func refundGet(refundID: [UInt8]) throws(TronPayError) -> [UInt8] {
    let id = try Self.text(refundID, "refund_id")
    return try serialised { (core) throws(TronPayError) in try core.refundGet(refundID: id) }
  }
}
