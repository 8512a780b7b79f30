import Glibc
import TronPayABI

/// tx_serialize: raw_data plus a signature list into the Transaction protobuf /wallet/broadcasthex
/// takes. Input: a mode byte (low 3 bits: sig_count 0 … 7; 0x08: sigs NULL; 0x10: raw NULL when
/// it is empty; 0x20: sig_count out of range, chosen by the next byte), sig_count × 65 bytes of
/// signatures, then raw_data (the rest). Each input lies in a heap block of its exact size.
///
/// Properties: an out-of-range count or a NULL list with a count is E_ARG (or E_TX when the
/// bytes do not decode either); otherwise the bytes
/// serialize exactly when tx_id decodes them, and the result is field 1 = raw_data followed by
/// one field 2 of 65 bytes per signature, in order, byte for byte; on failure both outputs are
/// untouched.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data else { return 0 }
  var input = FuzzInput(data, size)
  let mode = input.byte()
  var count = Int(mode & 7)
  var argumentBad = false
  if mode & 0x20 != 0 {
    // 2^20 + 1, Int.max, a size_t above Int.max (-1 here): never a list, whatever the pointer.
    let counts = [1_048_577, Int.max, -1, Int.min]
    count = counts[Int(input.byte()) % counts.count]
    argumentBad = true
  }
  let listLength = argumentBad ? 0 : count * 65
  guard input.remaining >= listLength else { return 0 }
  let list = input.bytes(listLength)
  let raw = input.rest()
  let sigsNull = mode & 0x08 != 0
  if sigsNull && count != 0 { argumentBad = true }
  let rawNull = mode & 0x10 != 0 && raw.isEmpty

  let listBlock = heapCopy(list)
  let rawBlock = heapCopy(raw)
  defer {
    listBlock.deallocate()
    rawBlock.deallocate()
  }
  var out: UnsafeMutablePointer<UInt8>? = untouchedOutput
  var outLength = 0x5EED
  let status = tronpay_tx_serialize(
    &out, &outLength, rawNull ? nil : rawBlock, raw.count, sigsNull ? nil : listBlock, count)

  var txid = [UInt8](repeating: 0, count: 32)
  let decodes = tronpay_tx_id(&txid, rawNull ? nil : rawBlock, raw.count) == 0
  if argumentBad {
    fuzzRequire(status == -1 || (!decodes && status == -12), "a bad signature list is E_ARG")
  } else if !decodes {
    fuzzRequire(status == -12, "raw_data that tx_id refuses is E_TX")
  } else {
    fuzzRequire(status == 0, "raw_data that tx_id decodes serializes")
  }
  guard status == 0, let out else {
    fuzzRequire(out == untouchedOutput && outLength == 0x5EED, "outputs untouched on failure")
    return 0
  }
  defer { tronpay_free(out) }
  var expected: [UInt8] = [0x0A] + varint(raw.count) + raw
  for i in 0..<count { expected += [0x12, 65] + list[(65 * i)..<(65 * i + 65)] }
  fuzzRequire(outLength == expected.count, "Transaction length")
  fuzzRequire(memcmp(out, expected, expected.count) == 0, "Transaction bytes")
  return 0
}

/// Protobuf base-128 varint.
private func varint(_ value: Int) -> [UInt8] {
  var rest = UInt64(value)
  var bytes: [UInt8] = []
  while rest >= 0x80 {
    bytes.append(UInt8(rest & 0x7F) | 0x80)
    rest >>= 7
  }
  bytes.append(UInt8(rest))
  return bytes
}
