import TronPayABI

/// Transaction JSON from an untrusted node: tx_from_json and tx_verify on arbitrary bytes. Both
/// either succeed or return a status; tx_verify writes a report whenever it judges.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  data.withMemoryRebound(to: CChar.self, capacity: size) { text in
    var raw: UnsafeMutablePointer<UInt8>? = nil
    var rawLength = 0
    var signatures: UnsafeMutablePointer<UInt8>? = nil
    var signatureCount = 0
    let status = tronpay_tx_from_json(&raw, &rawLength, &signatures, &signatureCount, text, size)
    if status == 0 {
      var txid = [UInt8](repeating: 0, count: 32)
      fuzzRequire(tronpay_tx_id(&txid, raw, rawLength) == 0, "accepted raw_data decodes")
    }
    tronpay_free(raw)
    tronpay_free(signatures)
    var report: UnsafeMutablePointer<CChar>? = nil
    let verified = tronpay_tx_verify(&report, text, size, 1_700_000_000_000)
    if verified == 0 || verified == -7 {
      fuzzRequire(report != nil, "a judged transaction has a report")
    }
    tronpay_free(report)
  }
  return 0
}

extension Optional where Wrapped == UnsafePointer<UInt8> {
  /// Rebinds a possibly-NULL fuzz input as C text of `capacity` bytes.
  func withMemoryRebound<R>(to: CChar.Type, capacity: Int, _ body: (UnsafePointer<CChar>?) -> R)
    -> R
  {
    guard let self else { return body(nil) }
    return self.withMemoryRebound(to: CChar.self, capacity: capacity) { body($0) }
  }
}
