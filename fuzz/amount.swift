import Glibc
import TronPayABI

/// Amount conversion: text that converts to base units converts back to a text that converts
/// to the same base units; failures are E_AMOUNT or E_ARG only.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data, size >= 1 else { return 0 }
  let decimals = UInt32(data[0])
  withCString(data + 1, size - 1) { text in
    var units: UnsafeMutablePointer<CChar>? = nil
    let status = tronpay_amount_to_base_units(&units, text, decimals)
    guard status == 0, let units else {
      fuzzRequire(status == -11 || status == -1, "amount failure status")
      return
    }
    var human: UnsafeMutablePointer<CChar>? = nil
    fuzzRequire(tronpay_amount_from_base_units(&human, units, decimals) == 0, "format back")
    var again: UnsafeMutablePointer<CChar>? = nil
    fuzzRequire(tronpay_amount_to_base_units(&again, human, decimals) == 0, "parse formatted")
    fuzzRequire(again.map { strcmp($0, units) == 0 } ?? false, "round trip keeps the value")
    tronpay_free(units)
    tronpay_free(human)
    tronpay_free(again)
  }
  var units: UnsafeMutablePointer<CChar>? = nil
  withCString(data + 1, size - 1) { text in
    if tronpay_amount_from_base_units(&units, text, decimals) == 0 { tronpay_free(units) }
  }
  return 0
}
