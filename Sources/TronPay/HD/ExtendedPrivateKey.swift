import CSecp256k1

/// A BIP32 private node: key, chain code and position. Key and chain code live in
/// self-wiping storage.
public struct ExtendedPrivateKey: Sendable {
  let key: SecretBytes
  let chainCode: SecretBytes
  public let depth: UInt8
  public let parentFingerprint: UInt32
  public let childNumber: UInt32

  /// Seeds are 16 to 64 bytes (BIP32: 128 to 512 bits).
  public static let seedSizes = 16...64

  /// E_ARG unless a seed of `count` bytes is in `seedSizes`.
  static func checkSeedSize(_ count: Int) throws(TronPayError) {
    guard seedSizes.contains(count) else {
      throw TronPayError(.argument, "seed_len must be 16 to 64 bytes")
    }
  }

  /// The node at `path` (DerivationPath text) below the master node of `seed`, checked in this
  /// order: the seed's size, the path's syntax, then each derivation step.
  public static func derive(seed: UnsafeRawBufferPointer, path: [UInt8]) throws(TronPayError)
    -> Self
  {
    try checkSeedSize(seed.count)
    let parsed = try DerivationPath(parsing: path)
    return try master(seed: seed).derive(parsed)
  }

  /// The master node: HMAC-SHA512(key "Bitcoin seed", seed) → key ‖ chain code.
  public static func master(seed: UnsafeRawBufferPointer) throws(TronPayError) -> Self {
    try checkSeedSize(seed.count)
    let mac = SecretBytes(count: HMACSHA512.size)
    let ok = mac.withUnsafeMutableBytes { out -> Bool in
      guard let outBase = out.baseAddress else { return false }
      return Array("Bitcoin seed".utf8).withUnsafeBytes { key in
        HMACSHA512.mac(key: key, data: seed, into: outBase)
      }
    }
    guard ok else { throw TronPayError(.internal, "HMAC-SHA512 failed") }
    let (key, chainCode) = split(mac)
    guard try isValidKey(key) else {
      throw TronPayError(.key, "this seed gives an invalid BIP32 master key (probability 2^-127)")
    }
    return ExtendedPrivateKey(
      key: key, chainCode: chainCode, depth: 0, parentFingerprint: 0, childNumber: 0)
  }

  /// The child at `index` (hardened when ≥ 2^31). Throws `.path` for the invalid child that
  /// BIP32 allows with probability below 2^-127: the caller must use another index.
  public func child(_ index: UInt32) throws(TronPayError) -> Self {
    guard depth < UInt8.max else { throw TronPayError(.path, "a path has at most 255 levels") }
    let context = try Secp256k1Context.get()
    let parentPublic = try publicKey().serialized(compressed: true)
    let data = SecretBytes(count: 37)
    data.withUnsafeMutableBytes { buffer in
      if index >= DerivationPath.hardened {
        buffer[0] = 0
        key.withUnsafeBytes { secret in
          for i in 0..<32 { buffer[1 + i] = secret[i] }
        }
      } else {
        for (i, byte) in parentPublic.enumerated() { buffer[i] = byte }
      }
      storeBigEndian(index, buffer, at: 33)
    }
    let mac = SecretBytes(count: HMACSHA512.size)
    let ok = mac.withUnsafeMutableBytes { out -> Bool in
      chainCode.withUnsafeBytes { chain in
        data.withUnsafeBytes { input in
          guard let outBase = out.baseAddress else { return false }
          return HMACSHA512.mac(key: chain, data: input, into: outBase)
        }
      }
    }
    guard ok else { throw TronPayError(.internal, "HMAC-SHA512 failed") }
    let (tweak, childChain) = ExtendedPrivateKey.split(mac)
    let childKey = SecretBytes(count: 32)
    let added = childKey.withUnsafeMutableBytes { out -> Bool in
      key.withUnsafeBytes { parent in
        tweak.withUnsafeBytes { tweakBytes in
          guard let outBase = out.baseAddress, let parentBase = parent.baseAddress,
            let tweakBase = tweakBytes.baseAddress
          else { return false }
          outBase.copyMemory(from: parentBase, byteCount: 32)
          return secp256k1_ec_seckey_tweak_add(
            context, outBase.assumingMemoryBound(to: UInt8.self),
            tweakBase.assumingMemoryBound(to: UInt8.self)) == 1
        }
      }
    }
    guard added else {
      throw TronPayError(
        .path, "BIP32 child \(index) is invalid (probability 2^-127); use the next index")
    }
    return ExtendedPrivateKey(
      key: childKey, chainCode: childChain, depth: depth + 1,
      parentFingerprint: fingerprint(parentPublic), childNumber: index)
  }

  /// The node at `path` below this one.
  public func derive(_ path: DerivationPath) throws(TronPayError) -> Self {
    guard Int(depth) + path.indexes.count <= DerivationPath.maxDepth else {
      throw TronPayError(.path, "a path has at most 255 levels")
    }
    var node = self
    for index in path.indexes { node = try node.child(index) }
    return node
  }

  public var privateKey: PrivateKey { PrivateKey(validated: key) }

  public func publicKey() throws(TronPayError) -> PublicKey { try privateKey.publicKey() }

  /// The matching public node (same position, public key instead of private).
  public func neutered() throws(TronPayError) -> ExtendedPublicKey {
    let point = try publicKey()
    var chain = [UInt8](repeating: 0, count: 32)
    chainCode.withUnsafeBytes { source in
      for i in 0..<32 { chain[i] = source[i] }
    }
    return ExtendedPublicKey(
      point: point.point, compressed: try point.serialized(compressed: true), chainCode: chain,
      depth: depth, parentFingerprint: parentFingerprint, childNumber: childNumber)
  }

  /// The "xprv…" text (version 0488ade4), 111 characters, in self-wiping storage.
  public func serialized() -> SecretBytes {
    let payload = SecretBytes(count: ExtendedKeyCoding.payloadSize)
    payload.withUnsafeMutableBytes { buffer in
      ExtendedKeyCoding.writeHeader(
        buffer, version: ExtendedKeyCoding.privateVersion, depth: depth,
        parentFingerprint: parentFingerprint, childNumber: childNumber)
      chainCode.withUnsafeBytes { chain in
        for i in 0..<32 { buffer[13 + i] = chain[i] }
      }
      buffer[45] = 0
      key.withUnsafeBytes { secret in
        for i in 0..<32 { buffer[46 + i] = secret[i] }
      }
    }
    return ExtendedKeyCoding.encode(payload)
  }

  static func split(_ mac: SecretBytes) -> (SecretBytes, SecretBytes) {
    mac.withUnsafeBytes { bytes in
      (
        SecretBytes(copying: UnsafeRawBufferPointer(rebasing: bytes[0..<32])),
        SecretBytes(copying: UnsafeRawBufferPointer(rebasing: bytes[32..<64]))
      )
    }
  }

  static func isValidKey(_ key: SecretBytes) throws(TronPayError) -> Bool {
    let context = try Secp256k1Context.get()
    return key.withUnsafeBytes { bytes -> Bool in
      guard let base = bytes.baseAddress else { return false }
      return secp256k1_ec_seckey_verify(context, base.assumingMemoryBound(to: UInt8.self)) == 1
    }
  }
}

/// The first 4 bytes of HASH160(compressed public key), big-endian.
func fingerprint(_ compressedPublicKey: [UInt8]) -> UInt32 {
  let hash = RIPEMD160.hash(SHA256.hash(compressedPublicKey))
  return hash.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
}

func storeBigEndian(_ value: UInt32, _ buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
  buffer[offset] = UInt8(truncatingIfNeeded: value >> 24)
  buffer[offset + 1] = UInt8(truncatingIfNeeded: value >> 16)
  buffer[offset + 2] = UInt8(truncatingIfNeeded: value >> 8)
  buffer[offset + 3] = UInt8(truncatingIfNeeded: value)
}
