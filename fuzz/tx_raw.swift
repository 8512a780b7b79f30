import Glibc
import TronPayABI

/// Protobuf decoding of raw_data bytes (tx_id, tx_sign, tx_to_json, tx_serialize). Properties:
/// whatever tx_id accepts also signs; whatever tx_to_json prints, tx_from_json reads back to the
/// same bytes and signature.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  var txid = [UInt8](repeating: 0, count: 32)
  let idStatus = tronpay_tx_id(&txid, data, size)
  guard idStatus == 0 else {
    fuzzRequire(idStatus == -12 || idStatus == -1, "undecodable raw_data is E_TX")
    return 0
  }
  var key = [UInt8](repeating: 0, count: 32)
  key[31] = 7
  var signature = [UInt8](repeating: 0, count: 65)
  fuzzRequire(tronpay_tx_sign(&signature, data, size, key) == 0, "decodable raw_data signs")
  var json: UnsafeMutablePointer<CChar>? = nil
  guard tronpay_tx_to_json(&json, data, size, signature, 1) == 0, let json else { return 0 }
  var raw: UnsafeMutablePointer<UInt8>? = nil
  var rawLength = 0
  var signatures: UnsafeMutablePointer<UInt8>? = nil
  var signatureCount = 0
  let back = tronpay_tx_from_json(
    &raw, &rawLength, &signatures, &signatureCount, json, strlen(json))
  fuzzRequire(back == 0, "tx_from_json reads what tx_to_json printed")
  if back == 0, let raw, let signatures, let data {
    fuzzRequire(rawLength == size && memcmp(raw, data, size) == 0, "same raw_data bytes")
    fuzzRequire(signatureCount == 1 && memcmp(signatures, signature, 65) == 0, "same signature")
  }
  var report: UnsafeMutablePointer<CChar>? = nil
  let verified = tronpay_tx_verify(&report, json, strlen(json), 0)
  fuzzRequire(verified == 0 || verified == -7, "our own JSON verifies or is judged, never refused")
  tronpay_free(report)
  tronpay_free(raw)
  tronpay_free(signatures)
  tronpay_free(json)
  return 0
}
