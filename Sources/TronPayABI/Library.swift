import CTronPayHeader
import Glibc
import TronPay

// Section "Library" of include/tronpay.h. The strings returned are never NULL; the return
// types are optional because that is how Swift imports the header's `const char *`
// (Signatures.swift checks them against it).

private let versionText: StaticString = "0.1.0"

private func staticCString(_ text: StaticString) -> UnsafePointer<CChar> {
  UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
}

@_cdecl("tronpay_version")
public func tronpay_version() -> UnsafePointer<CChar>? { staticCString(versionText) }

@_cdecl("tronpay_abi_version")
public func tronpay_abi_version() -> UInt32 { UInt32(TRONPAY_ABI_VERSION) }

@_cdecl("tronpay_status_str")
public func tronpay_status_str(_ status: Int32) -> UnsafePointer<CChar>? {
  let name: StaticString
  switch status {
  case 0: name = "TRONPAY_OK"
  case -1: name = "TRONPAY_E_ARG"
  case -2: name = "TRONPAY_E_BUFFER"
  case -3: name = "TRONPAY_E_HEX"
  case -4: name = "TRONPAY_E_ADDRESS"
  case -5: name = "TRONPAY_E_KEY"
  case -6: name = "TRONPAY_E_SIGNATURE"
  case -7: name = "TRONPAY_E_VERIFY"
  case -8: name = "TRONPAY_E_MNEMONIC"
  case -9: name = "TRONPAY_E_PATH"
  case -10: name = "TRONPAY_E_XKEY"
  case -11: name = "TRONPAY_E_AMOUNT"
  case -12: name = "TRONPAY_E_TX"
  case -13: name = "TRONPAY_E_JSON"
  case -14: name = "TRONPAY_E_RANDOM"
  case -15: name = "TRONPAY_E_INTERNAL"
  default: name = "unknown status"
  }
  return staticCString(name)
}

@_cdecl("tronpay_last_error")
public func tronpay_last_error() -> UnsafePointer<CChar>? { LastError.get() }

@_cdecl("tronpay_free")
public func tronpay_free(_ pointer: UnsafeMutableRawPointer?) { releaseOutput(pointer) }

@_cdecl("tronpay_memzero")
public func tronpay_memzero(_ pointer: UnsafeMutableRawPointer?, _ length: Int) {
  wipe(pointer, count: length)
}
