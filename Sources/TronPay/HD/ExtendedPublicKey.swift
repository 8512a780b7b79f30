import CSecp256k1

/// A BIP32 public node ("xpub"): watch-only derivation of non-hardened children.
public struct ExtendedPublicKey: Sendable {
  let point: secp256k1_pubkey
  /// SEC1 compressed form, 33 bytes: what the HMAC of each child hashes.
  public let compressed: [UInt8]
  public let chainCode: [UInt8]
  public let depth: UInt8
  public let parentFingerprint: UInt32
  public let childNumber: UInt32

  init(
    point: secp256k1_pubkey, compressed: [UInt8], chainCode: [UInt8], depth: UInt8,
    parentFingerprint: UInt32, childNumber: UInt32
  ) {
    self.point = point
    self.compressed = compressed
    self.chainCode = chainCode
    self.depth = depth
    self.parentFingerprint = parentFingerprint
    self.childNumber = childNumber
  }

  /// Parses "xpub…" strictly: Base58Check checksum, 78 bytes, version 0488b21e, depth 0 only
  /// with parent fingerprint 0 and child number 0, a 02/03 key that is a point on the curve.
  /// An xprv is refused from its prefix before it is decoded, so no copy of it is made.
  public init(parsing text: [UInt8]) throws(TronPayError) {
    if text.starts(with: Array("xprv".utf8)) || text.starts(with: Array("tprv".utf8)) {
      throw TronPayError(.extendedKey, "an extended private key was given where an xpub is needed")
    }
    guard text.starts(with: Array("xpub".utf8)) else {
      throw TronPayError(.extendedKey, "not an xpub: mainnet extended public keys start \"xpub\"")
    }
    let payload: [UInt8]
    do {
      payload = try Base58Check.decode(text)
    } catch {
      throw TronPayError(.extendedKey, "xpub: \(error.detail)")
    }
    guard payload.count == ExtendedKeyCoding.payloadSize else {
      throw TronPayError(.extendedKey, "xpub: the payload is not 78 bytes")
    }
    guard ExtendedKeyCoding.loadBigEndian(payload, at: 0) == ExtendedKeyCoding.publicVersion else {
      throw TronPayError(.extendedKey, "xpub: the version is not 0488b21e")
    }
    depth = payload[4]
    parentFingerprint = ExtendedKeyCoding.loadBigEndian(payload, at: 5)
    childNumber = ExtendedKeyCoding.loadBigEndian(payload, at: 9)
    if depth == 0 {
      guard parentFingerprint == 0 else {
        throw TronPayError(.extendedKey, "xpub: depth 0 with a non-zero parent fingerprint")
      }
      guard childNumber == 0 else {
        throw TronPayError(.extendedKey, "xpub: depth 0 with a non-zero child number")
      }
    }
    chainCode = Array(payload[13..<45])
    let key = Array(payload[45..<78])
    guard key[0] == 0x02 || key[0] == 0x03 else {
      throw TronPayError(.extendedKey, "xpub: the key is not a compressed public key (02/03)")
    }
    let context = try Secp256k1Context.get()
    var parsed = secp256k1_pubkey()
    guard secp256k1_ec_pubkey_parse(context, &parsed, key, key.count) == 1 else {
      throw TronPayError(.extendedKey, "xpub: the key is not a point on secp256k1")
    }
    point = parsed
    compressed = key
  }

  public init(parsing text: String) throws(TronPayError) {
    try self.init(parsing: Array(text.utf8))
  }

  public var publicKey: PublicKey { PublicKey(point: point) }

  /// The non-hardened child at `index` (< 2^31).
  public func child(_ index: UInt32) throws(TronPayError) -> Self {
    guard index < DerivationPath.hardened else {
      throw TronPayError(.path, "an xpub cannot derive a hardened child")
    }
    guard depth < UInt8.max else { throw TronPayError(.path, "a path has at most 255 levels") }
    let context = try Secp256k1Context.get()
    var data = compressed + [0, 0, 0, 0]
    var mac = [UInt8](repeating: 0, count: HMACSHA512.size)
    let parent = point
    let outcome = mac.withUnsafeMutableBufferPointer { out -> PublicChildDerivation.Outcome in
      chainCode.withUnsafeBytes { chain in
        data.withUnsafeMutableBytes { input in
          guard let outBase = out.baseAddress else { return .libraryFailure }
          return PublicChildDerivation.derive(
            parent, index: index, chainCode: chain, data: input, mac: outBase, context: context)
        }
      }
    }
    let childPoint: secp256k1_pubkey
    switch outcome {
    case .child(let derived): childPoint = derived
    case .libraryFailure: throw TronPayError(.internal, "HMAC-SHA512 failed")
    case .invalid:
      throw TronPayError(
        .path, "BIP32 child \(index) is invalid (probability 2^-127); use the next index")
    }
    let childKey = PublicKey(point: childPoint)
    return ExtendedPublicKey(
      point: childPoint, compressed: try childKey.serialized(compressed: true),
      chainCode: Array(mac[32..<64]), depth: depth + 1,
      parentFingerprint: fingerprint(compressed), childNumber: index)
  }

  /// The "xpub…" text (version 0488b21e), 111 characters.
  public func serialized() -> String {
    var payload = [UInt8](repeating: 0, count: ExtendedKeyCoding.payloadSize)
    payload.withUnsafeMutableBytes { buffer in
      ExtendedKeyCoding.writeHeader(
        buffer, version: ExtendedKeyCoding.publicVersion, depth: depth,
        parentFingerprint: parentFingerprint, childNumber: childNumber)
    }
    for i in 0..<32 { payload[13 + i] = chainCode[i] }
    for i in 0..<33 { payload[45 + i] = compressed[i] }
    return Base58Check.encode(payload)
  }
}
