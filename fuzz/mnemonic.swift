import TronPayABI

/// Mnemonic validation and seeding: any text is either refused with E_MNEMONIC / E_ARG or
/// valid, and a valid mnemonic always gives a seed. The first byte picks a passphrase shape.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  withCString(data, size) { text in
    let status = tronpay_mnemonic_validate(text)
    var seed = [UInt8](repeating: 0, count: 64)
    let seeded = tronpay_mnemonic_to_seed(&seed, text, text)
    if status == 0 {
      fuzzRequire(seeded == 0 || seeded == -1, "a valid mnemonic seeds (E_ARG: bad passphrase)")
    } else {
      fuzzRequire(status == -8 || status == -1, "validation failure is E_MNEMONIC or E_ARG")
      fuzzRequire(seeded != 0, "an invalid mnemonic never seeds")
    }
  }
  return 0
}
