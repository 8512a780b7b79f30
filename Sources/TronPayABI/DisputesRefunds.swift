@_spi(Boundary) import TronPay
import TronPayEngine

// Section "Disputes and refunds" of include/tronpay.h.

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_dispute_lookup")
public func tronpay_dispute_lookup(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ txidHex: UnsafePointer<CChar>?, _ nowMs: Int64
) -> Int32 {
  engineAnswer(handle, out) { (engine) throws(TronPayError) in
    let txid = try textArgument(txidHex, "txid_hex")
    return try engine.disputeLookup(txid: txid, nowMs: nowMs)
  }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_refund_create")
public func tronpay_refund_create(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ request: UnsafePointer<CChar>?, _ length: Int, _ nowMs: Int64
) -> Int32 {
  engineAnswer(handle, out) { (engine) throws(TronPayError) in
    let request = try jsonArgument(request, length, "req")
    return try engine.refundCreate(request, nowMs: nowMs)
  }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_refund_submit")
public func tronpay_refund_submit(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ refundID: UnsafePointer<CChar>?, _ signatures: UnsafePointer<UInt8>?, _ count: Int,
  _ nowMs: Int64
) -> Int32 {
  engineAnswer(handle, out) { (engine) throws(TronPayError) in
    let id = try textArgument(refundID, "refund_id")
    let signatures = try required(signatures, "sigs")
    // The core bounds the count before the length is formed from it (the engine then takes
    // 1…16 signatures).
    let size = try SignedTransaction.signatureListSize(count: count)
    return try engine.refundSubmit(
      refundID: id, signatures: UnsafeRawBufferPointer(start: signatures, count: size),
      count: count, nowMs: nowMs)
  }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_refund_get")
public func tronpay_refund_get(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ refundID: UnsafePointer<CChar>?
) -> Int32 {
  engineAnswer(handle, out) { (engine) throws(TronPayError) in
    let id = try textArgument(refundID, "refund_id")
    return try engine.refundGet(refundID: id)
  }
}
