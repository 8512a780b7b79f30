import TronPayABI

/// Address parsing: any input either fails with E_ADDRESS or yields 21 bytes whose base58 and
/// hex forms parse back to the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  withCString(data, size) { text in
    var address = [UInt8](repeating: 0, count: 21)
    let status = tronpay_address_parse(&address, text)
    if status != 0 {
      fuzzRequire(status == -4, "parse failure is E_ADDRESS")
      return
    }
    fuzzRequire(address[0] == 0x41, "parsed address starts 0x41")
    var base58 = [CChar](repeating: 0, count: 35)
    var hex = [CChar](repeating: 0, count: 43)
    fuzzRequire(tronpay_address_to_base58(&base58, address) == 0, "base58 of a parsed address")
    fuzzRequire(tronpay_address_to_hex(&hex, address) == 0, "hex of a parsed address")
    for form in [base58, hex] {
      var again = [UInt8](repeating: 0, count: 21)
      fuzzRequire(tronpay_address_parse(&again, form) == 0 && again == address, "round trip")
    }
  }
  return 0
}
