import TronPayABI

/// Extended keys and paths from untrusted text: an xpub string for the watch-only batch, and a
/// path for private derivation from a fixed seed. Whatever succeeds must agree with itself:
/// a batch of three equals three batches of one.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data, size >= 2 else { return 0 }
  let change = UInt32(data[0] & 0x81)
  let first = UInt32(data[1]) << 23
  withCString(data + 2, size - 2) { text in
    var batch = [UInt8](repeating: 0, count: 3 * 21)
    let status = tronpay_xpub_derive_addresses(&batch, text, change, first, 3)
    if status == 0 {
      for i in 0..<3 {
        var one = [UInt8](repeating: 0, count: 21)
        let single = tronpay_xpub_derive_addresses(&one, text, change, first + UInt32(i), 1)
        fuzzRequire(single == 0 && one[...] == batch[(21 * i)..<(21 * i + 21)], "batch = singles")
      }
    }
    let seed = [UInt8](repeating: 0x5A, count: 32)
    var key = [UInt8](repeating: 0, count: 32)
    var xpub = [CChar](repeating: 0, count: 112)
    let privateStatus = tronpay_hd_privkey(&key, seed, seed.count, text)
    let publicStatus = tronpay_hd_xpub(&xpub, seed, seed.count, text)
    fuzzRequire(
      (privateStatus == 0) == (publicStatus == 0), "privkey and xpub accept the same paths")
    tronpay_memzero(&key, key.count)
  }
  return 0
}
