import CSecp256k1

/// BIP32's CKDpub, written once: IL ‖ IR = HMAC-SHA512(chain code, parent key ‖ index), child
/// point = parent + IL·G. `ExtendedPublicKey.child` and the batch of deposit addresses both go
/// through it; the batch keeps its buffers on the stack and calls it once per address.
enum PublicChildDerivation {
  enum Outcome {
    case child(secp256k1_pubkey)
    /// IL ≥ n or the point at infinity (probability 2^-127): BIP32 says use the next index.
    case invalid
    case libraryFailure
  }

  /// `data` holds the parent's compressed key in bytes 0..<33 and has room for the index
  /// (37 bytes); `mac` receives IL ‖ IR (64 bytes), IR being the child's chain code.
  @inline(__always)
  static func derive(
    _ parent: secp256k1_pubkey, index: UInt32, chainCode: UnsafeRawBufferPointer,
    data: UnsafeMutableRawBufferPointer, mac: UnsafeMutablePointer<UInt8>, context: OpaquePointer
  ) -> Outcome {
    guard data.count >= 37 else { return .libraryFailure }
    storeBigEndian(index, data, at: 33)
    guard
      HMACSHA512.mac(
        key: chainCode, data: UnsafeRawBufferPointer(rebasing: data[0..<37]), into: mac)
    else { return .libraryFailure }
    var point = parent
    guard secp256k1_ec_pubkey_tweak_add(context, &point, mac) == 1 else { return .invalid }
    return .child(point)
  }
}
