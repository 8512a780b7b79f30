import Glibc

/// Standard Webhooks v1 (standardwebhooks.com): the `webhook-signature` value
/// `v1,<base64 HMAC-SHA256(key, id "." timestamp "." body)>`, signed and verified.
public enum StandardWebhook {
  /// Characters of one signature, `v1,` and 44 base64 characters.
  public static let signatureLength = versionPrefix.count + base64MACLength
  static let versionPrefix: [UInt8] = Array("v1,".utf8)
  static let base64MACLength = Base64.encodedLength(HMACSHA256.size)

  /// Writes the signature of a message to the start of `out` (which holds at least
  /// `signatureLength` bytes). Refused as `.argument`: a bad secret (see `WebhookSecret`), an id
  /// that is empty or holds `.` or a control character (it goes into an HTTP header), a
  /// negative timestamp.
  public static func sign(
    secret: UnsafeRawBufferPointer, id: UnsafeRawBufferPointer, timestamp: Int64,
    body: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer
  ) throws(TronPayError) {
    if let problem = WebhookMessage.idProblem(id) { throw TronPayError(.argument, problem) }
    guard !id.contains(where: { $0 < 0x20 || $0 == 0x7f }) else {
      throw TronPayError(.argument, "webhook-id contains a control character")
    }
    guard timestamp >= 0 else { throw TronPayError(.argument, "timestamp is negative") }
    guard out.count >= signatureLength else {
      throw TronPayError(.internal, "signature buffer too small")
    }
    let text = UnsafeMutableRawBufferPointer(rebasing: out[versionPrefix.count..<signatureLength])
    let signed = try WebhookSecret.withKey(secret) { key in
      WebhookMessage.withTimestampText(timestamp) { timestampText in
        macText(key: key, id: id, timestamp: timestampText, body: body, into: text)
      }
    }
    guard signed else { throw TronPayError(.internal, "HMAC-SHA256 failed in libcrypto") }
    for (i, c) in versionPrefix.enumerated() { out[i] = c }
  }

  /// The signature as bytes (`v1,…`), for callers that want an array.
  public static func sign(
    secret: UnsafeRawBufferPointer, id: UnsafeRawBufferPointer, timestamp: Int64,
    body: UnsafeRawBufferPointer
  ) throws(TronPayError) -> [UInt8] {
    var text = [UInt8](repeating: 0, count: signatureLength)
    let result = text.withUnsafeMutableBytes { out -> Result<Void, TronPayError> in
      do throws(TronPayError) {
        return .success(
          try sign(secret: secret, id: id, timestamp: timestamp, body: body, into: out))
      } catch {
        return .failure(error)
      }
    }
    try result.get()
    return text
  }

  /// Checks a delivery. `signatures` is the `webhook-signature` value: space-separated
  /// `version,signature` entries; the delivery passes when any `v1` entry equals the expected
  /// signature (constant-time), entries of other versions are ignored. The timestamp must be
  /// within `tolerance` seconds of `now` in either direction.
  ///
  /// `.argument` for a bad secret or a negative tolerance (the receiver's configuration);
  /// `.verify` for everything the request got wrong: an empty id or one with `.`, a timestamp
  /// that is not plain decimal or is outside the tolerance, no matching `v1` entry.
  public static func verify(
    secret: UnsafeRawBufferPointer, id: UnsafeRawBufferPointer,
    timestamp: UnsafeRawBufferPointer, signatures: UnsafeRawBufferPointer,
    body: UnsafeRawBufferPointer, now: Int64, tolerance: Int64
  ) throws(TronPayError) {
    guard tolerance >= 0 else { throw TronPayError(.argument, "tolerance is negative") }
    let outcome = try WebhookSecret.withKey(secret) { key -> TronPayError? in
      if let problem = WebhookMessage.idProblem(id) { return TronPayError(.verify, problem) }
      guard let sent = WebhookMessage.timestamp(timestamp) else {
        return TronPayError(.verify, "webhook-timestamp is not a plain decimal integer")
      }
      if let problem = freshnessProblem(sent: sent, now: now, tolerance: tolerance) {
        return TronPayError(.verify, problem)
      }
      return withUnsafeTemporaryAllocation(byteCount: base64MACLength, alignment: 8) { expected in
        guard macText(key: key, id: id, timestamp: timestamp, body: body, into: expected) else {
          return TronPayError(.internal, "HMAC-SHA256 failed in libcrypto")
        }
        return match(signatures, UnsafeRawBufferPointer(expected))
      }
    }
    if let outcome { throw outcome }
  }

  /// Why `sent` is outside `now ± tolerance`, nil when within (the bounds included).
  static func freshnessProblem(sent: Int64, now: Int64, tolerance: Int64) -> String? {
    let (age, overflow) = now.subtractingReportingOverflow(sent)
    // sent ≥ 0, so the difference overflows only for a `now` far below zero: sent is ahead.
    if overflow || age < -tolerance {
      return "webhook-timestamp is more than \(tolerance) s in the future"
    }
    if age > tolerance { return "webhook-timestamp is more than \(tolerance) s old" }
    return nil
  }

  /// nil when a `v1` entry of `header` equals `expected`; else the `.verify` error saying why.
  /// Every v1 entry is compared in constant time; the scan stops at the first match.
  static func match(_ header: UnsafeRawBufferPointer, _ expected: UnsafeRawBufferPointer)
    -> TronPayError?
  {
    guard let base = header.baseAddress, !header.isEmpty else {
      return TronPayError(.verify, "webhook-signature is empty")
    }
    var v1Entries = 0
    var start = 0
    while start < header.count {
      let rest = header.count &- start
      let space = memchr(base + start, 0x20, rest).map {
        $0 - UnsafeMutableRawPointer(mutating: base)
      }
      let end = space ?? header.count
      let entry = UnsafeRawBufferPointer(rebasing: header[start..<end])
      if entry.count >= versionPrefix.count && entry.starts(with: versionPrefix) {
        v1Entries &+= 1
        let candidate = UnsafeRawBufferPointer(rebasing: entry[versionPrefix.count...])
        if constantTimeEqual(candidate, expected) { return nil }
      }
      start = end &+ 1
    }
    if v1Entries == 0 { return TronPayError(.verify, "webhook-signature has no v1 entry") }
    return TronPayError(.verify, "no v1 signature matches")
  }

  /// Writes the base64 text of the MAC (44 bytes) to the start of `text`; false if libcrypto
  /// failed. The raw MAC lives on the stack and is wiped.
  static func macText(
    key: UnsafeRawBufferPointer, id: UnsafeRawBufferPointer, timestamp: UnsafeRawBufferPointer,
    body: UnsafeRawBufferPointer, into text: UnsafeMutableRawBufferPointer
  ) -> Bool {
    withUnsafeTemporaryAllocation(byteCount: HMACSHA256.size, alignment: 16) { mac in
      defer { wipe(mac.baseAddress, count: mac.count) }
      guard WebhookMessage.mac(key: key, id: id, timestamp: timestamp, body: body, into: mac)
      else { return false }
      return Base64.encode(UnsafeRawBufferPointer(mac), into: text) == base64MACLength
    }
  }
}
