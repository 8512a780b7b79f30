import Glibc
import TronPay

/// Random identifiers of stored things ("inv_…", "evt_…", "dlv_…"): 16 random bytes as hex, so
/// processes that never talk to each other cannot pick the same one (the store's UNIQUE rule
/// would refuse it anyway).
enum Identifier {
  static func make(_ prefix: String) throws(TronPayError) -> String {
    var bytes = [UInt8](repeating: 0, count: 16)
    let filled = bytes.withUnsafeMutableBytes { fillRandom($0) }
    guard filled else { throw TronPayError(.random, "the OS random source failed") }
    return prefix + Hex.encode(bytes)
  }
}

enum ProcessIdentity {
  static var current: Int32 { getpid() }
}
