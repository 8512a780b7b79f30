import CTronPayHeader
import Glibc
@_spi(Boundary) import TronPay

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
  staticCString(TronPayError.statusName(status))
}

@_cdecl("tronpay_last_error")
public func tronpay_last_error() -> UnsafePointer<CChar>? { LastError.get() }

@_cdecl("tronpay_free")
public func tronpay_free(_ pointer: UnsafeMutableRawPointer?) { releaseOutput(pointer) }

@_cdecl("tronpay_memzero")
public func tronpay_memzero(_ pointer: UnsafeMutableRawPointer?, _ length: Int) {
  wipe(pointer, count: length)
}
