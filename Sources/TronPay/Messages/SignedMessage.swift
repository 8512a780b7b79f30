/// TRON signed messages (TIP-104).
///
/// v2, TronWeb `signMessageV2`: digest = Keccak-256("\x19TRON Signed Message:\n" ‖ decimal byte
/// length ‖ message). v1, TronWeb `trx.sign(hexString)` / `verifyMessage`: the header always says
/// "32", whatever the length of the (hex-decoded) message. For a 32-byte message both agree.
public enum SignedMessage {
  static let header: [UInt8] = Array("\u{19}TRON Signed Message:\n".utf8)
  static let legacyLength: [UInt8] = Array("32".utf8)

  public enum Form: Sendable {
    case v2
    /// The legacy header with the fixed length "32".
    case v1
  }

  /// Keccak-256 of the framed message.
  public static func digest(_ message: UnsafeRawBufferPointer, form: Form = .v2) -> [UInt8] {
    let length = form == .v2 ? Array(String(message.count).utf8) : legacyLength
    var preimage = [UInt8]()
    preimage.reserveCapacity(header.count + length.count + message.count)
    preimage += header
    preimage += length
    preimage.append(contentsOf: message)
    return Keccak256.hash(preimage)
  }

  /// Signs the v2 digest; v is 27 or 28, as TronWeb emits.
  public static func sign(_ message: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer)
    throws(TronPayError) -> [UInt8]
  {
    let hash = digest(message)
    return try withBytes(hash) { (digest) throws(TronPayError) -> [UInt8] in
      try RecoverableSignature.sign(digest: digest, key: key, vOffset: 27)
    }
  }

  /// The address that signed `message`; v may be 0, 1, 27 or 28.
  public static func recover(
    _ message: UnsafeRawBufferPointer, signature: UnsafeRawBufferPointer, form: Form = .v2
  ) throws(TronPayError) -> Address {
    try RecoverableSignature.checkForm(signature)
    return try RecoverableSignature.recoverAddress(
      digest: digest(message, form: form), signature: Array(signature))
  }

  /// OK when `address` signed `message`; E_VERIFY when another key did.
  public static func verify(
    _ message: UnsafeRawBufferPointer, signature: UnsafeRawBufferPointer, address: Address,
    form: Form = .v2
  ) throws(TronPayError) {
    let signer = try recover(message, signature: signature, form: form)
    guard signer == address else {
      throw TronPayError(
        .verify, "the message was signed by \(signer.base58), not \(address.base58)")
    }
  }
}
