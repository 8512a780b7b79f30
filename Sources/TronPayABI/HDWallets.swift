@_spi(Boundary) import TronPay

// Section "HD wallets" of include/tronpay.h.

/// A caller text that may be a secret: the copy is handed to `body` and wiped afterwards.
private func withSecretText<R>(
  _ pointer: UnsafePointer<CChar>?, _ name: StaticString,
  _ body: ([UInt8]) throws(TronPayError) -> R
) throws(TronPayError) -> R {
  var text = try textArgument(pointer, name)
  defer { wipe(&text) }
  return try body(text)
}

/// The private node at `path` below the master node of `seed`.
private func derivedNode(
  _ seed: UnsafePointer<UInt8>?, _ length: Int, _ path: UnsafePointer<CChar>?
) throws(TronPayError) -> ExtendedPrivateKey {
  let seedBytes = try bytesArgument(seed, length, "seed")
  return try ExtendedPrivateKey.derive(seed: seedBytes, path: textArgument(path, "path"))
}

@_cdecl("tronpay_mnemonic_generate")
public func tronpay_mnemonic_generate(
  _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ wordCount: UInt32,
  _ language: UnsafePointer<CChar>?
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out")
    let name = language == nil ? nil : try textArgument(language, "language")
    var text = try Mnemonic.generate(wordCount: Int(wordCount), language: name)
    defer { wipe(&text) }
    out.pointee = try mallocText(text)
  }
}

@_cdecl("tronpay_mnemonic_validate")
public func tronpay_mnemonic_validate(_ mnemonic: UnsafePointer<CChar>?) -> Int32 {
  abiCall { () throws(TronPayError) in
    try withSecretText(mnemonic, "mnemonic") { text throws(TronPayError) in
      try Mnemonic.validate(text)
    }
  }
}

@_cdecl("tronpay_mnemonic_to_seed")
public func tronpay_mnemonic_to_seed(
  _ out: UnsafeMutablePointer<UInt8>?, _ mnemonic: UnsafePointer<CChar>?,
  _ passphrase: UnsafePointer<CChar>?
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out")
    let seed = try withSecretText(mnemonic, "mnemonic") { words throws(TronPayError) in
      if passphrase == nil { return try Mnemonic.seed(mnemonic: words, passphrase: []) }
      return try withSecretText(passphrase, "passphrase") { phrase throws(TronPayError) in
        try Mnemonic.seed(mnemonic: words, passphrase: phrase)
      }
    }
    seed.withUnsafeBytes { bytes in
      if let base = bytes.baseAddress {
        UnsafeMutableRawPointer(out).copyMemory(from: base, byteCount: Mnemonic.seedSize)
      }
    }
  }
}

@_cdecl("tronpay_hd_privkey")
public func tronpay_hd_privkey(
  _ out: UnsafeMutablePointer<UInt8>?, _ seed: UnsafePointer<UInt8>?, _ seedLength: Int,
  _ path: UnsafePointer<CChar>?
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out")
    let node = try derivedNode(seed, seedLength, path)
    node.privateKey.withUnsafeBytes { secret in
      if let base = secret.baseAddress {
        UnsafeMutableRawPointer(out).copyMemory(from: base, byteCount: PrivateKey.size)
      }
    }
  }
}

@_cdecl("tronpay_hd_xpub")
public func tronpay_hd_xpub(
  _ out: UnsafeMutablePointer<CChar>?, _ seed: UnsafePointer<UInt8>?, _ seedLength: Int,
  _ path: UnsafePointer<CChar>?
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out")
    let node = try derivedNode(seed, seedLength, path).neutered()
    writeText(node.serialized(), to: out)
  }
}

@_cdecl("tronpay_hd_xprv")
public func tronpay_hd_xprv(
  _ out: UnsafeMutablePointer<CChar>?, _ seed: UnsafePointer<UInt8>?, _ seedLength: Int,
  _ path: UnsafePointer<CChar>?
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out")
    let text = try derivedNode(seed, seedLength, path).serialized()
    text.withUnsafeBytes { bytes in
      for i in 0..<bytes.count { out[i] = CChar(bitPattern: bytes[i]) }
      out[bytes.count] = 0
    }
  }
}

@_cdecl("tronpay_xpub_derive_addresses")
public func tronpay_xpub_derive_addresses(
  _ out: UnsafeMutablePointer<UInt8>?, _ xpub: UnsafePointer<CChar>?, _ change: UInt32,
  _ firstIndex: UInt32, _ count: UInt32
) -> Int32 {
  abiCall { () throws(TronPayError) in
    guard out != nil || count == 0 else { throw argumentError("out is NULL") }
    let node = try ExtendedPublicKey(parsing: textArgument(xpub, "xpub"))
    // The caller's count × 21 bytes (at most 2^32 × 21: no overflow); the core checks count
    // before it writes.
    let size = out == nil ? 0 : Int(count) * Address.size
    try node.deriveAddresses(
      change: change, first: firstIndex, count: count,
      into: UnsafeMutableRawBufferPointer(start: out, count: size))
  }
}
