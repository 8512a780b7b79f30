@_spi(Boundary) import TronPay

// Section "Hashes, keys, addresses" of include/tronpay.h.

@_cdecl("tronpay_keccak256")
public func tronpay_keccak256(
  _ out: UnsafeMutablePointer<UInt8>?, _ data: UnsafePointer<UInt8>?, _ length: Int
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out")
    let input = try bytesArgument(data, length, "data")
    Keccak256.hash(input, into: UnsafeMutableRawBufferPointer(start: out, count: 32))
  }
}

@_cdecl("tronpay_sha256")
public func tronpay_sha256(
  _ out: UnsafeMutablePointer<UInt8>?, _ data: UnsafePointer<UInt8>?, _ length: Int
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out")
    let input = try bytesArgument(data, length, "data")
    // The caller's data may be secret: a fresh context, cleansed when freed, rather than the
    // thread's reused one that would keep this digest until the next hash.
    SHA256.hashSecret(input, into: UnsafeMutableRawBufferPointer(start: out, count: 32))
  }
}

@_cdecl("tronpay_privkey_generate")
public func tronpay_privkey_generate(_ out: UnsafeMutablePointer<UInt8>?) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out")
    let key = try PrivateKey.generate()
    key.withUnsafeBytes { secret in
      if let base = secret.baseAddress {
        UnsafeMutableRawPointer(out).copyMemory(from: base, byteCount: PrivateKey.size)
      }
    }
  }
}

@_cdecl("tronpay_privkey_verify")
public func tronpay_privkey_verify(_ key: UnsafePointer<UInt8>?) -> Int32 {
  abiCall { () throws(TronPayError) in
    _ = try PrivateKey(fixedArgument(key, PrivateKey.size, "key"))
  }
}

@_cdecl("tronpay_pubkey_from_privkey")
public func tronpay_pubkey_from_privkey(
  _ out: UnsafeMutablePointer<UInt8>?, _ key: UnsafePointer<UInt8>?
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out")
    let privateKey = try PrivateKey(fixedArgument(key, PrivateKey.size, "key"))
    writeBytes(try privateKey.publicKey().serialized(), to: out)
  }
}

@_cdecl("tronpay_address_from_pubkey")
public func tronpay_address_from_pubkey(
  _ out: UnsafeMutablePointer<UInt8>?, _ pub: UnsafePointer<UInt8>?, _ length: Int
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out")
    let publicKey = try PublicKey(try bytesArgument(pub, length, "pub"))
    writeBytes(try publicKey.address().bytes, to: out)
  }
}

@_cdecl("tronpay_address_from_privkey")
public func tronpay_address_from_privkey(
  _ out: UnsafeMutablePointer<UInt8>?, _ key: UnsafePointer<UInt8>?
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out")
    let privateKey = try PrivateKey(fixedArgument(key, PrivateKey.size, "key"))
    writeBytes(try privateKey.publicKey().address().bytes, to: out)
  }
}

@_cdecl("tronpay_address_to_base58")
public func tronpay_address_to_base58(
  _ out: UnsafeMutablePointer<CChar>?, _ address: UnsafePointer<UInt8>?
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out")
    let parsed = try Address(bytes: fixedArgument(address, Address.size, "addr"))
    // 34 characters for every 0x41 address, so the text and its NUL fill `char out[35]`.
    parsed.withBase58Text { text in
      let count = min(text.count, 34)
      for i in 0..<count { out[i] = CChar(bitPattern: text[i]) }
      out[count] = 0
    }
  }
}

@_cdecl("tronpay_address_to_hex")
public func tronpay_address_to_hex(
  _ out: UnsafeMutablePointer<CChar>?, _ address: UnsafePointer<UInt8>?
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out")
    let parsed = try Address(bytes: fixedArgument(address, Address.size, "addr"))
    writeText(parsed.hex, to: out)
  }
}

@_cdecl("tronpay_address_parse")
public func tronpay_address_parse(
  _ out: UnsafeMutablePointer<UInt8>?, _ text: UnsafePointer<CChar>?
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out")
    let parsed = try Address(parsing: textArgument(text, "text"))
    writeBytes(parsed.bytes, to: out)
  }
}
