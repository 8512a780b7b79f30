import TronPay
import TronPayEngine

// Section "Chain input: planner mode" of include/tronpay.h.

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_sync_next")
public func tronpay_sync_next(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ nowMs: Int64
) -> Int32 {
  engineAnswer(handle, out) { (engine) throws(TronPayError) in
    return try engine.syncNext(nowMs: nowMs)
  }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_sync_feed")
public func tronpay_sync_feed(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ requestID: UnsafePointer<CChar>?, _ httpStatus: Int32, _ headers: UnsafePointer<CChar>?,
  _ body: UnsafePointer<UInt8>?, _ bodyLength: Int, _ transportError: Int32, _ nowMs: Int64
) -> Int32 {
  engineAnswer(handle, out) { (engine) throws(TronPayError) in
    let id = try textArgument(requestID, "request_id")
    let headers = try optionalTextArgument(headers, "headers")
    let body = try anyLengthBytesArgument(body, bodyLength, "body")
    return try engine.syncFeed(
      requestID: id, httpStatus: httpStatus, headers: headers, body: body,
      transportError: transportError, nowMs: nowMs)
  }
}
