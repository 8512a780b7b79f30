import TronPay
import TronPayEngine

// Section "Engine" of include/tronpay.h.

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_engine_open")
public func tronpay_engine_open(
  _ out: UnsafeMutablePointer<OpaquePointer?>?, _ config: UnsafePointer<CChar>?,
  _ length: Int, _ nowMs: Int64
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out")
    let config = try jsonArgument(config, length, "config")
    let engine = try Engine.open(config: config, nowMs: nowMs)
    guard let handle = EngineRegistry.shared.add(engine) else {
      engine.close()
      throw TronPayError(.internal, "no engine handle left")
    }
    out.pointee = handle
  }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_engine_close")
public func tronpay_engine_close(_ handle: OpaquePointer?) {
  EngineRegistry.shared.remove(handle)?.engine.close()
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_engine_health")
public func tronpay_engine_health(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ nowMs: Int64
) -> Int32 {
  engineAnswer(handle, out) { (engine) throws(TronPayError) in
    return try engine.health(nowMs: nowMs)
  }
}
