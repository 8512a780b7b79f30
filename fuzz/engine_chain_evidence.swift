import TronPayABI

/// tronpay_chain_evidence on an in-memory engine with untrusted evidence JSON (receipts,
/// TronGrid pages, JSON-RPC logs): a status or an answer, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let engine = requireEngine(), let data else { return 0 }
  var out: UnsafeMutablePointer<CChar>? = nil
  let status = data.withMemoryRebound(to: CChar.self, capacity: size) {
    tronpay_chain_evidence(engine, &out, $0, size, fuzzNowMs)
  }
  checkEngineAnswer(status, out)
  return 0
}
