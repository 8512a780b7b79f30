import TronPay

/// The stateful engine of ENGINE.md behind one handle: every call takes its inputs as bytes
/// (JSON requests, NUL-free texts) and answers JSON bytes, so the C boundary only converts.
/// Calls on one handle are serialised inside; several handles and processes may share a store.
///
/// The methods below are the whole surface the ABI calls; each one validates everything it is
/// given before anything stored changes.
public final class Engine: @unchecked Sendable {
  /// Opens or creates the store the config names and migrates it under the write lock.
  public static func open(config: UnsafeRawBufferPointer, nowMs: Int64) throws(TronPayError)
    -> Engine
  {
    throw TronPayError(.internal, "engine: not built yet")
  }

  /// Releases the store connection; later calls are `TRONPAY_E_STATE`.
  public func close() {}

  public func health(nowMs: Int64) throws(TronPayError) -> [UInt8] { throw Self.unbuilt }

  // MARK: Invoices
  public func invoiceCreate(_ request: UnsafeRawBufferPointer, nowMs: Int64) throws(TronPayError)
    -> [UInt8]
  { throw Self.unbuilt }
  public func invoiceGet(_ idOrOrderID: [UInt8], nowMs: Int64) throws(TronPayError) -> [UInt8] {
    throw Self.unbuilt
  }
  public func invoiceList(_ filter: UnsafeRawBufferPointer, nowMs: Int64) throws(TronPayError)
    -> [UInt8]
  { throw Self.unbuilt }
  public func invoiceCancel(id: [UInt8], actor: [UInt8], reason: [UInt8], nowMs: Int64)
    throws(TronPayError) -> [UInt8]
  { throw Self.unbuilt }
  public func invoiceResolve(_ request: UnsafeRawBufferPointer, nowMs: Int64)
    throws(TronPayError) -> [UInt8]
  { throw Self.unbuilt }
  public func auditList(_ filter: UnsafeRawBufferPointer) throws(TronPayError) -> [UInt8] {
    throw Self.unbuilt
  }

  // MARK: Chain input (push mode)
  public func chainTip(_ tip: UnsafeRawBufferPointer, nowMs: Int64) throws(TronPayError)
    -> [UInt8]
  { throw Self.unbuilt }
  public func chainBlock(
    _ block: UnsafeRawBufferPointer, infos: UnsafeRawBufferPointer, nowMs: Int64
  ) throws(TronPayError) -> [UInt8] { throw Self.unbuilt }
  public func chainDisconnect(number: Int64, blockID: [UInt8], nowMs: Int64)
    throws(TronPayError) -> [UInt8]
  { throw Self.unbuilt }
  public func chainEvidence(_ json: UnsafeRawBufferPointer, nowMs: Int64) throws(TronPayError)
    -> [UInt8]
  { throw Self.unbuilt }

  // MARK: Events and webhooks
  public func eventsList(afterSeq: Int64, limit: UInt32) throws(TronPayError) -> [UInt8] {
    throw Self.unbuilt
  }
  public func outboxNext(max: UInt32, nowMs: Int64) throws(TronPayError) -> [UInt8] {
    throw Self.unbuilt
  }
  public func outboxAck(
    deliveryID: [UInt8], httpStatus: Int32, body: UnsafeRawBufferPointer, transportError: Int32,
    retryAfter: [UInt8]?, nowMs: Int64
  ) throws(TronPayError) { throw Self.unbuilt }
  public func outboxRedeliver(eventID: [UInt8], webhookID: [UInt8], nowMs: Int64)
    throws(TronPayError)
  { throw Self.unbuilt }

  // MARK: Disputes and refunds
  public func disputeLookup(txid: [UInt8], nowMs: Int64) throws(TronPayError) -> [UInt8] {
    throw Self.unbuilt
  }
  public func refundCreate(_ request: UnsafeRawBufferPointer, nowMs: Int64) throws(TronPayError)
    -> [UInt8]
  { throw Self.unbuilt }
  /// `signatures` holds `count` × 65 bytes.
  public func refundSubmit(
    refundID: [UInt8], signatures: UnsafeRawBufferPointer, count: Int, nowMs: Int64
  ) throws(TronPayError) -> [UInt8] { throw Self.unbuilt }
  public func refundGet(refundID: [UInt8]) throws(TronPayError) -> [UInt8] { throw Self.unbuilt }

  private static var unbuilt: TronPayError { TronPayError(.internal, "engine: not built yet") }
}
