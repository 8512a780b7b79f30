/// A Standard Webhooks secret: `whsec_` followed by base64, or the bare base64 (the reference
/// libraries accept both). The key is the decoded bytes.
enum WebhookSecret {
  static let prefix: StaticString = "whsec_"

  /// Runs `body` with the decoded key, in temporary memory that is wiped afterwards. A secret
  /// that is empty, not strict base64 (see `Base64`) or decodes to nothing is `.argument`; the
  /// detail names an offset, never the secret's text.
  static func withKey<R>(
    _ secret: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> R
  ) throws(TronPayError) -> R {
    let text = withoutPrefix(secret)
    let length: Int
    do {
      length = try Base64.decodedLength(text)
    } catch {
      throw TronPayError(.argument, "secret: \(error.detail)")
    }
    guard length > 0 else { throw TronPayError(.argument, "secret: the key is empty") }
    let result = withUnsafeTemporaryAllocation(byteCount: length, alignment: 16) {
      key -> Result<R, TronPayError> in
      defer { wipe(key.baseAddress, count: key.count) }
      do throws(TronPayError) {
        let written = try Base64.decode(text, into: key)
        return .success(body(UnsafeRawBufferPointer(rebasing: key[0..<written])))
      } catch {
        return .failure(TronPayError(.argument, "secret: \(error.detail)"))
      }
    }
    return try result.get()
  }

  /// The secret's base64 part: after `whsec_` when it starts so, else all of it.
  static func withoutPrefix(_ secret: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    let prefixBytes = UnsafeRawBufferPointer(
      start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
    guard secret.count >= prefixBytes.count, secret.starts(with: prefixBytes) else { return secret }
    return UnsafeRawBufferPointer(rebasing: secret[prefixBytes.count...])
  }
}
