import CSecp256k1

/// Watch-only deposit addresses in bulk: xpub/change/i for a range of i.
///
/// The change node is derived once; then each address costs one HMAC-SHA512, one point
/// tweak, one serialization and one Keccak-256, with every buffer on the stack.
extension ExtendedPublicKey {
  /// Most addresses one call derives (bounds the work and the caller's buffer: 21 MB).
  public static let maxAddressBatch: UInt32 = 1_000_000

  private enum BatchOutcome {
    case done
    case libraryFailure
    case invalidChild(UInt32)
  }

  /// Writes `count` × 21-byte addresses of children first, first+1, … of child `change`
  /// into `out`, which holds at least count × 21 bytes. Every index must be below 2^31.
  /// Throws before writing anything, except for an invalid child (probability 2^-127 per
  /// index), found only when the addresses before it are written.
  public func deriveAddresses(
    change: UInt32, first: UInt32, count: UInt32, into out: UnsafeMutableRawBufferPointer
  ) throws(TronPayError) {
    guard change < DerivationPath.hardened else {
      throw TronPayError(.path, "change must be below 2^31: an xpub derives no hardened child")
    }
    guard count <= ExtendedPublicKey.maxAddressBatch else {
      throw TronPayError(.argument, "count is above 1000000 addresses per call")
    }
    let (end, overflow) = first.addingReportingOverflow(count)
    guard !overflow, end <= DerivationPath.hardened else {
      throw TronPayError(
        .path, "indexes must be below 2^31: an xpub derives no hardened child")
    }
    guard count > 0 else { return }
    guard let outBase = out.baseAddress, out.count >= Int(count) * Address.size else {
      throw TronPayError(.argument, "the output buffer is too small")
    }
    let node = try child(change)
    let context = try Secp256k1Context.get()
    let parent = node.point
    let outcome = node.chainCode.withUnsafeBytes { chain -> BatchOutcome in
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 37 + 64 + 65 + 32) { scratch in
        guard let base = scratch.baseAddress else { return .libraryFailure }
        let data = base  // parent compressed key ‖ index, 37 bytes
        let mac = base + 37  // IL ‖ IR
        let serialized = base + 101  // 04 ‖ X ‖ Y
        let hash = base + 166  // Keccak-256 of X ‖ Y
        for i in 0..<33 { data[i] = node.compressed[i] }
        let dataBytes = UnsafeMutableRawBufferPointer(start: data, count: 37)
        let point = UnsafeRawBufferPointer(start: serialized + 1, count: 64)
        let digest = UnsafeMutableRawBufferPointer(start: hash, count: 32)
        var childPoint = parent
        for offset in 0..<Int(count) {
          let index = first &+ UInt32(truncatingIfNeeded: offset)
          switch PublicChildDerivation.derive(
            parent, index: index, chainCode: chain, data: dataBytes, mac: mac, context: context)
          {
          case .child(let point): childPoint = point
          case .invalid: return .invalidChild(index)
          case .libraryFailure: return .libraryFailure
          }
          var size = 65
          guard
            secp256k1_ec_pubkey_serialize(
              context, serialized, &size, &childPoint, UInt32(SECP256K1_EC_UNCOMPRESSED)) == 1
          else { return .libraryFailure }
          Keccak256.hash(point, into: digest)
          let address = outBase + offset * Address.size
          address.storeBytes(of: Address.prefix, as: UInt8.self)
          (address + 1).copyMemory(from: hash + 12, byteCount: 20)
        }
        return .done
      }
    }
    switch outcome {
    case .done: return
    case .libraryFailure: throw TronPayError(.internal, "libcrypto or libsecp256k1 failed")
    case .invalidChild(let index):
      throw TronPayError(
        .path, "BIP32 child \(index) is invalid (probability 2^-127); use the next index")
    }
  }
}
