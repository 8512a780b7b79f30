import TronPay
import TronPayEngine

// Section "Events and webhooks" of include/tronpay.h (the engine's half; the stateless
// signatures are in Webhooks.swift).

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_events_list")
public func tronpay_events_list(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ afterSeq: Int64, _ limit: UInt32
) -> Int32 {
  engineAnswer(handle, out) { (engine) throws(TronPayError) in
    return try engine.eventsList(afterSeq: afterSeq, limit: limit)
  }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_outbox_next")
public func tronpay_outbox_next(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ max: UInt32, _ nowMs: Int64
) -> Int32 {
  engineAnswer(handle, out) { (engine) throws(TronPayError) in
    return try engine.outboxNext(max: max, nowMs: nowMs)
  }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_outbox_ack")
public func tronpay_outbox_ack(
  _ handle: OpaquePointer?, _ deliveryID: UnsafePointer<CChar>?, _ httpStatus: Int32,
  _ body: UnsafePointer<UInt8>?, _ bodyLength: Int, _ transportError: Int32,
  _ retryAfter: UnsafePointer<CChar>?, _ nowMs: Int64
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let engine = try engineArgument(handle)
    let id = try textArgument(deliveryID, "delivery_id")
    let body = try anyLengthBytesArgument(body, bodyLength, "body")
    let retryAfter = try optionalTextArgument(retryAfter, "retry_after")
    try engine.outboxAck(
      deliveryID: id, httpStatus: httpStatus, body: body, transportError: transportError,
      retryAfter: retryAfter, nowMs: nowMs)
  }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_outbox_redeliver")
public func tronpay_outbox_redeliver(
  _ handle: OpaquePointer?, _ eventID: UnsafePointer<CChar>?, _ webhookID: UnsafePointer<CChar>?,
  _ nowMs: Int64
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let engine = try engineArgument(handle)
    let event = try textArgument(eventID, "event_id")
    let webhook = try textArgument(webhookID, "webhook_id")
    try engine.outboxRedeliver(eventID: event, webhookID: webhook, nowMs: nowMs)
  }
}
