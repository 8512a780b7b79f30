import TronPayABI

/// tronpay_chain_block on an in-memory engine: the input splits at its first NUL byte into the
/// block JSON and the receipts JSON (no NUL: the receipts are "[]"). A status or an answer,
/// never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let engine = requireEngine(), let data else { return 0 }
  var split = size
  for i in 0..<size where data[i] == 0 {
    split = i
    break
  }
  var out: UnsafeMutablePointer<CChar>? = nil
  let status = data.withMemoryRebound(to: CChar.self, capacity: size) { bytes in
    split < size
      ? tronpay_chain_block(
        engine, &out, bytes, split, bytes + split + 1, size - split - 1, fuzzNowMs)
      : "[]".withCString { tronpay_chain_block(engine, &out, bytes, size, $0, 2, fuzzNowMs) }
  }
  checkEngineAnswer(status, out)
  return 0
}
