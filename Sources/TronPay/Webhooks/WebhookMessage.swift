/// What a Standard Webhooks v1 signature covers: `msg_id "." timestamp "." body`, the raw bytes
/// of all three, and the rules for the id and the timestamp text.
enum WebhookMessage {
  /// Longest timestamp text: Int64.max has 19 digits.
  static let maxTimestampDigits = 19

  /// The id problem a signer or verifier refuses, nil for a usable id: empty, or containing the
  /// `.` that separates the signed parts (an id with a dot could shift bytes between id and
  /// timestamp and still verify).
  static func idProblem(_ id: UnsafeRawBufferPointer) -> String? {
    if id.isEmpty { return "webhook-id is empty" }
    if id.contains(UInt8(ascii: ".")) { return "webhook-id contains '.'" }
    return nil
  }

  /// The value of timestamp text in its one plain form: 1 to 19 ASCII digits, no sign, no
  /// leading zero (except "0" itself), at most Int64.max. nil for anything else.
  static func timestamp(_ text: UnsafeRawBufferPointer) -> Int64? {
    guard !text.isEmpty, text.count <= maxTimestampDigits else { return nil }
    guard text[0] != UInt8(ascii: "0") || text.count == 1 else { return nil }
    var value: Int64 = 0
    for c in text {
      guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
      let (times10, o1) = value.multipliedReportingOverflow(by: 10)
      let (next, o2) = times10.addingReportingOverflow(Int64(c &- UInt8(ascii: "0")))
      guard !o1, !o2 else { return nil }
      value = next
    }
    return value
  }

  /// Runs `body` with the plain decimal text of a non-negative timestamp.
  static func withTimestampText<R>(_ value: Int64, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxTimestampDigits) { digits in
      var rest = value.magnitude
      var start = maxTimestampDigits
      repeat {
        start &-= 1
        digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
      } while rest > 0 && start > 0
      return body(UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: digits[start...])))
    }
  }

  /// Longest `id "." timestamp "."` joined on the stack before hashing; longer ids are fed in
  /// pieces. Every update is a few calls deep in libcrypto, and a MAC of a 1 KiB body is short
  /// enough for them to show.
  static let joinedPrefixCapacity = 256

  /// HMAC-SHA256(key, id "." timestamp "." body) into the first 32 bytes of `out`; false if
  /// libcrypto failed.
  static func mac(
    key: UnsafeRawBufferPointer, id: UnsafeRawBufferPointer, timestamp: UnsafeRawBufferPointer,
    body: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer
  ) -> Bool {
    var hmac = HMACSHA256(key: key)
    let prefixLength = id.count &+ timestamp.count &+ 2
    if prefixLength <= joinedPrefixCapacity {
      withUnsafeTemporaryAllocation(byteCount: joinedPrefixCapacity, alignment: 8) { prefix in
        var at = 0
        for part in [id, timestamp] {
          if let base = part.baseAddress, part.count > 0, let target = prefix.baseAddress {
            (target + at).copyMemory(from: base, byteCount: part.count)
          }
          at &+= part.count
          prefix[at] = UInt8(ascii: ".")
          at &+= 1
        }
        hmac.update(UnsafeRawBufferPointer(rebasing: prefix[0..<at]))
      }
    } else {
      var dot = UInt8(ascii: ".")
      withUnsafeBytes(of: &dot) { separator in
        hmac.update(id)
        hmac.update(separator)
        hmac.update(timestamp)
        hmac.update(separator)
      }
    }
    hmac.update(body)
    return hmac.finish(into: out)
  }
}
