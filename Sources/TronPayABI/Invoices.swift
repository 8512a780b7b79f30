import TronPay
import TronPayEngine

// Section "Invoices" of include/tronpay.h.

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_invoice_create")
public func tronpay_invoice_create(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ request: UnsafePointer<CChar>?, _ length: Int, _ nowMs: Int64
) -> Int32 {
  engineAnswer(handle, out) { (engine) throws(TronPayError) in
    let request = try jsonArgument(request, length, "req")
    return try engine.invoiceCreate(request, nowMs: nowMs)
  }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_invoice_get")
public func tronpay_invoice_get(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ idOrOrderID: UnsafePointer<CChar>?, _ nowMs: Int64
) -> Int32 {
  engineAnswer(handle, out) { (engine) throws(TronPayError) in
    let id = try textArgument(idOrOrderID, "id_or_order_id")
    return try engine.invoiceGet(id, nowMs: nowMs)
  }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_invoice_list")
public func tronpay_invoice_list(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ filter: UnsafePointer<CChar>?, _ length: Int, _ nowMs: Int64
) -> Int32 {
  engineAnswer(handle, out) { (engine) throws(TronPayError) in
    let filter = try jsonArgument(filter, length, "filter")
    return try engine.invoiceList(filter, nowMs: nowMs)
  }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_invoice_cancel")
public func tronpay_invoice_cancel(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ id: UnsafePointer<CChar>?, _ actor: UnsafePointer<CChar>?, _ reason: UnsafePointer<CChar>?,
  _ nowMs: Int64
) -> Int32 {
  engineAnswer(handle, out) { (engine) throws(TronPayError) in
    let id = try textArgument(id, "id")
    let actor = try textArgument(actor, "actor")
    let reason = try textArgument(reason, "reason")
    return try engine.invoiceCancel(id: id, actor: actor, reason: reason, nowMs: nowMs)
  }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_invoice_resolve")
public func tronpay_invoice_resolve(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ request: UnsafePointer<CChar>?, _ length: Int, _ nowMs: Int64
) -> Int32 {
  engineAnswer(handle, out) { (engine) throws(TronPayError) in
    let request = try jsonArgument(request, length, "req")
    return try engine.invoiceResolve(request, nowMs: nowMs)
  }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_audit_list")
public func tronpay_audit_list(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ filter: UnsafePointer<CChar>?, _ length: Int
) -> Int32 {
  engineAnswer(handle, out) { (engine) throws(TronPayError) in
    let filter = try jsonArgument(filter, length, "filter")
    return try engine.auditList(filter)
  }
}
