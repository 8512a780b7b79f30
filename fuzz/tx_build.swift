import CTronPayHeader
import Glibc
import TronPayABI

/// The three builders with random options structs. Input, front to back (zeros past the end):
///
///   kind (byte % 3: 0 transfer, 1 trc20, 2 trigger), flags (byte: 0x01 opt NULL, 0x02
///   ref_block_id NULL, 0x04 memo NULL, 0x08 to = owner, 0x10 amount text NULL), struct_size
///   ((64 + byte) mod 256: 0 is 64, 255 is 63), owner, token/contract, to (21 bytes each),
///   ref_block_id (32), timestamp_ms, expiration_ms, fee_limit_sun (8 bytes each,
///   little-endian), permission_id (4), memo length (byte) and memo, then per kind: the amount
///   in sun (8); the amount text's length (byte) and text; the call value (8) and call data
///   (the rest).
///
/// The options struct lies in a heap block of exactly struct_size bytes (at least 4, for the
/// field that says the size), with a pattern after the fields C knows today; every other input
/// is in a block of its exact size. AddressSanitizer thus catches a read past what the caller
/// said it passed.
///
/// Properties: the status is OK exactly when every argument is valid, and otherwise one of the
/// statuses of the invalid arguments (E_ARG options or NULL, E_ADDRESS, E_AMOUNT, E_TX for
/// owner = to on TRX); on failure both outputs are untouched; what is built decodes, reads back
/// from its own JSON byte for byte, and tx_verify reports exactly the options and the contract
/// that went in.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data else { return 0 }
  var input = FuzzInput(data, size)
  let kind = input.byte() % 3
  let flags = input.byte()
  let structSize = (64 + Int(input.byte())) % 256
  let owner = input.fixed(21)
  let contract = input.fixed(21)
  let to = flags & 0x08 != 0 ? owner : input.fixed(21)
  let blockID = input.fixed(32)
  let timestamp = input.int64()
  let expiration = input.int64()
  let feeLimit = input.int64()
  let permissionID = input.int32()
  let memo = input.bytes(Int(input.byte()))

  let optionsNull = flags & 0x01 != 0
  let blockIDNull = flags & 0x02 != 0
  let memoNull = flags & 0x04 != 0 && memo.isEmpty == false
  let version1Size = MemoryLayout<tronpay_tx_options>.stride
  let optionsBad =
    optionsNull || structSize < version1Size || blockIDNull || memoNull || timestamp < 0
    || expiration <= 0 || (timestamp != 0 && expiration <= timestamp) || feeLimit < 0
    || permissionID < 0
  var allowed: Set<Int32> = []
  if optionsBad { allowed.insert(-1) }
  let addresses = kind == 0 ? [owner, to] : kind == 1 ? [owner, contract, to] : [owner, contract]
  if addresses.contains(where: { $0[0] != 0x41 }) { allowed.insert(-4) }

  let ownerBlock = heapCopy(owner)
  let contractBlock = heapCopy(contract)
  let toBlock = heapCopy(to)
  let blockIDBlock = heapCopy(blockID)
  let memoBlock = heapCopy(memo)
  defer {
    for block in [ownerBlock, contractBlock, toBlock, blockIDBlock, memoBlock] {
      block.deallocate()
    }
  }

  // The caller's struct: C's fields, cut short or followed by a pattern as struct_size says.
  var fields = tronpay_tx_options()
  fields.struct_size = UInt32(structSize)
  fields.ref_block_id = blockIDNull ? nil : UnsafePointer(blockIDBlock)
  fields.timestamp_ms = timestamp
  fields.expiration_ms = expiration
  fields.fee_limit_sun = feeLimit
  fields.memo = flags & 0x04 != 0 ? nil : UnsafePointer(memoBlock)
  fields.memo_len = memo.count
  fields.permission_id = permissionID
  let blockSize = max(structSize, 4)
  let optionsBlock = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 16)
  defer { optionsBlock.deallocate() }
  withUnsafeBytes(of: &fields) { known in
    for i in 0..<blockSize {
      let byte = i < known.count ? known[i] : 0xA5
      optionsBlock.storeBytes(of: byte, toByteOffset: i, as: UInt8.self)
    }
  }
  let options =
    optionsNull ? nil : UnsafePointer(optionsBlock.assumingMemoryBound(to: tronpay_tx_options.self))

  var raw: UnsafeMutablePointer<UInt8>? = untouchedOutput
  var rawLength = 0x5EED
  let status: Int32
  var contractChecks: [String] = []
  switch kind {
  case 0:
    let amount = input.int64()
    if amount <= 0 { allowed.insert(-11) }
    if owner == to { allowed.insert(-12) }
    status = tronpay_tx_build_transfer(&raw, &rawLength, ownerBlock, toBlock, amount, options)
    contractChecks = ["\"type\":\"TransferContract\"", "\"amount\":\"\(amount)\""]
  case 1:
    let amountText = input.bytes(Int(input.byte()))
    let value = baseUnits(amountText)
    if flags & 0x10 != 0 {
      allowed.insert(-1)
    } else if value == nil {
      allowed.insert(-11)
    }
    let amountBlock = heapCString(Array(amountText.prefix { $0 != 0 }))
    defer { amountBlock.deallocate() }
    status = tronpay_tx_build_trc20_transfer(
      &raw, &rawLength, ownerBlock, contractBlock, toBlock, flags & 0x10 != 0 ? nil : amountBlock,
      options)
    contractChecks = [
      "\"type\":\"TriggerSmartContract\"", "\"method\":\"transfer\"",
      "\"amount\":\"\(value ?? "")\"",
    ]
  default:
    let callValue = input.int64()
    let callData = input.rest()
    if callValue < 0 { allowed.insert(-11) }
    let dataBlock = heapCopy(callData)
    defer { dataBlock.deallocate() }
    status = tronpay_tx_build_trigger(
      &raw, &rawLength, ownerBlock, contractBlock, callValue, dataBlock, callData.count, options)
    contractChecks = [
      "\"type\":\"TriggerSmartContract\"", "\"call_value\":\"\(callValue)\"",
      "\"data\":\"\(hexText(callData))\"",
    ]
  }

  if allowed.isEmpty {
    fuzzRequire(status == 0, "valid arguments build")
  } else {
    fuzzRequire(allowed.contains(status), "the status names an invalid argument")
    fuzzRequire(raw == untouchedOutput && rawLength == 0x5EED, "outputs untouched on failure")
    return 0
  }
  guard let raw else {
    fuzzRequire(false, "a built transaction has bytes")
    return 0
  }
  defer { tronpay_free(raw) }
  var txid = [UInt8](repeating: 0, count: 32)
  fuzzRequire(tronpay_tx_id(&txid, raw, rawLength) == 0, "what is built decodes")

  var json: UnsafeMutablePointer<CChar>? = nil
  fuzzRequire(tronpay_tx_to_json(&json, raw, rawLength, nil, 0) == 0, "what is built prints")
  defer { tronpay_free(json) }
  guard let json else { return 0 }
  let jsonText = String(cString: json)
  fuzzRequire(
    jsonText.contains("\"ref_block_bytes\":\"\(hexText(Array(blockID[6..<8])))\"")
      && jsonText.contains("\"ref_block_hash\":\"\(hexText(Array(blockID[8..<16])))\""),
    "TaPoS fields come from the block id")

  var back: UnsafeMutablePointer<UInt8>? = nil
  var backLength = 0
  var signatures: UnsafeMutablePointer<UInt8>? = nil
  var signatureCount = 0
  let read = tronpay_tx_from_json(
    &back, &backLength, &signatures, &signatureCount, json, strlen(json))
  fuzzRequire(read == 0, "tx_from_json reads what tx_to_json printed")
  if let back {
    fuzzRequire(backLength == rawLength && memcmp(back, raw, rawLength) == 0, "same bytes back")
  }
  fuzzRequire(signatureCount == 0, "no signatures")
  tronpay_free(back)
  tronpay_free(signatures)

  var report: UnsafeMutablePointer<CChar>? = nil
  let verified = tronpay_tx_verify(&report, json, strlen(json), 0)
  defer { tronpay_free(report) }
  fuzzRequire(verified == -7, "an unsigned transaction is judged, not valid")
  guard let reportText = text(report) else {
    fuzzRequire(false, "a judged transaction has a report")
    return 0
  }
  var expected = [
    "\"expiration_ms\":\(expiration)",
    "\"timestamp_ms\":\(timestamp == 0 ? "null" : "\(timestamp)")",
    "\"fee_limit_sun\":\(feeLimit)",
    "\"memo_hex\":\"\(hexText(memo))\"",
  ]
  expected += contractChecks
  for item in expected where !reportText.contains(item) {
    fputs("missing from the report: \(item)\n\(reportText)\n", stderr)
    fuzzRequire(false, "the report says what was built")
  }
  fuzzRequire(
    reportText.contains("\"permission_id\":\(permissionID)") == (permissionID != 0),
    "permission_id reported when set")
  return 0
}

/// The amount text's value without leading zeros, or nil when the builder must refuse it:
/// anything but ASCII digits before the first NUL, no digits, or a value ≥ 2^256.
private func baseUnits(_ bytes: [UInt8]) -> String? {
  let digits = bytes.prefix { $0 != 0 }
  guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
  let significant = Array(digits.drop { $0 == 0x30 })
  if significant.isEmpty { return "0" }
  let max = Array(
    "115792089237316195423570985008687907853269984665640564039457584007913129639935".utf8)
  if significant.count > max.count { return nil }
  if significant.count == max.count, max.lexicographicallyPrecedes(significant) { return nil }
  return String(decoding: significant, as: UTF8.self)
}
