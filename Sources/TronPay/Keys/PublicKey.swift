import CSecp256k1

/// A point on secp256k1.
public struct PublicKey: Sendable {
  public static let uncompressedSize = 65
  public static let compressedSize = 33
  let point: secp256k1_pubkey

  init(point: secp256k1_pubkey) { self.point = point }

  /// Accepts exactly 33 bytes starting 02/03 or 65 bytes starting 04. The "hybrid" 06/07 forms
  /// that libsecp256k1 would also take are refused: no wallet emits them.
  public init(_ bytes: UnsafeRawBufferPointer) throws(TronPayError) {
    let prefix = bytes.first
    switch (bytes.count, prefix) {
    case (PublicKey.compressedSize, 0x02?), (PublicKey.compressedSize, 0x03?),
      (PublicKey.uncompressedSize, 0x04?):
      break
    default:
      throw TronPayError(.key, "a public key is 33 bytes (02/03…) or 65 bytes (04…)")
    }
    let context = try Secp256k1Context.get()
    var parsed = secp256k1_pubkey()
    let ok = bytes.withMemoryRebound(to: UInt8.self) { buffer -> Bool in
      guard let base = buffer.baseAddress else { return false }
      return secp256k1_ec_pubkey_parse(context, &parsed, base, buffer.count) == 1
    }
    guard ok else { throw TronPayError(.key, "public key is not a point on secp256k1") }
    point = parsed
  }

  public func serialized(compressed: Bool = false) throws(TronPayError) -> [UInt8] {
    let context = try Secp256k1Context.get()
    var size = compressed ? PublicKey.compressedSize : PublicKey.uncompressedSize
    var out = [UInt8](repeating: 0, count: size)
    var copy = point
    let flags = UInt32(compressed ? SECP256K1_EC_COMPRESSED : SECP256K1_EC_UNCOMPRESSED)
    guard secp256k1_ec_pubkey_serialize(context, &out, &size, &copy, flags) == 1 else {
      throw TronPayError(.internal, "public key serialization failed")
    }
    return out
  }

  /// The TRON address: 0x41 ‖ last 20 bytes of Keccak-256(X ‖ Y).
  public func address() throws(TronPayError) -> Address {
    let full = try serialized()
    let hash = full.withUnsafeBytes { Keccak256.hash(UnsafeRawBufferPointer(rebasing: $0[1...])) }
    return Address(unchecked: [Address.prefix] + hash[12...])
  }
}
