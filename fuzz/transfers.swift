import Glibc
import TronPayABI

/// Evidence from an untrusted indexer or node: transfers_parse on arbitrary bytes. Whatever it
/// accepts, payment_check must accept as evidence too, and the verdict must be deterministic.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data else { return 0 }
  data.withMemoryRebound(to: CChar.self, capacity: size) { text in
    var parsed: UnsafeMutablePointer<CChar>? = nil
    let status = tronpay_transfers_parse(&parsed, text, size)
    tronpay_free(parsed)
    guard status == 0 else {
      fuzzRequire(status == -13 || status == -1, "refused evidence is E_JSON")
      return
    }
    let head = Array(
      (#"{"chain":{"head_block":90000000,"solidified_block":80000000,"now_ms":1700000000000},"#
        + #""invoices":[{"id":"a","address":"TSeJkUh4Qv67VNFwY8LaAxERygNdy6NQZK","token":"USDT","#
        + #""amount_due":"1000000","created_at_ms":1600000000000,"expires_at_ms":1800000000000,"#
        + #""tolerance_bps":0}],"evidence":["#).utf8)
    let request = head + UnsafeRawBufferPointer(start: data, count: size) + Array("]}".utf8)
    var first: UnsafeMutablePointer<CChar>? = nil
    var second: UnsafeMutablePointer<CChar>? = nil
    let a = tronpay_payment_check(&first, request.map { CChar(bitPattern: $0) }, request.count)
    let b = tronpay_payment_check(&second, request.map { CChar(bitPattern: $0) }, request.count)
    fuzzRequire(a == 0, "evidence that parses is accepted in a request")
    if a == 0, b == 0, let first, let second {
      fuzzRequire(strcmp(first, second) == 0, "the verdict is deterministic")
    }
    tronpay_free(first)
    tronpay_free(second)
  }
  return 0
}
