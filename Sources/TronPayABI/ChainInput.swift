import TronPay
import TronPayEngine

// Section "Chain input" of include/tronpay.h (push mode).

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_chain_tip")
public func tronpay_chain_tip(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ tip: UnsafePointer<CChar>?, _ length: Int, _ nowMs: Int64
) -> Int32 {
  engineAnswer(handle, out) { (engine) throws(TronPayError) in
    let tip = try jsonArgument(tip, length, "tip")
    return try engine.chainTip(tip, nowMs: nowMs)
  }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_chain_block")
public func tronpay_chain_block(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ block: UnsafePointer<CChar>?, _ blockLength: Int, _ infos: UnsafePointer<CChar>?,
  _ infosLength: Int, _ nowMs: Int64
) -> Int32 {
  engineAnswer(handle, out) { (engine) throws(TronPayError) in
    let block = try jsonArgument(block, blockLength, "block")
    let infos = try jsonArgument(infos, infosLength, "infos")
    return try engine.chainBlock(block, infos: infos, nowMs: nowMs)
  }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_chain_disconnect")
public func tronpay_chain_disconnect(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ number: Int64, _ blockIDHex: UnsafePointer<CChar>?, _ nowMs: Int64
) -> Int32 {
  engineAnswer(handle, out) { (engine) throws(TronPayError) in
    let blockID = try textArgument(blockIDHex, "block_id_hex")
    return try engine.chainDisconnect(number: number, blockID: blockID, nowMs: nowMs)
  }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_chain_evidence")
public func tronpay_chain_evidence(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ json: UnsafePointer<CChar>?, _ length: Int, _ nowMs: Int64
) -> Int32 {
  engineAnswer(handle, out) { (engine) throws(TronPayError) in
    let json = try jsonArgument(json, length, "json")
    return try engine.chainEvidence(json, nowMs: nowMs)
  }
}
