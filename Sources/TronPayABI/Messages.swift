@_spi(Boundary) import TronPay

// Section "Messages and digests" of include/tronpay.h.

private func signatureArgument(_ pointer: UnsafePointer<UInt8>?) throws(TronPayError)
  -> UnsafeRawBufferPointer
{
  try fixedArgument(pointer, RecoverableSignature.size, "sig")
}

@_cdecl("tronpay_message_sign")
public func tronpay_message_sign(
  _ outSignature: UnsafeMutablePointer<UInt8>?, _ message: UnsafePointer<UInt8>?,
  _ length: Int, _ key: UnsafePointer<UInt8>?
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(outSignature, "out_sig")
    let message = try bytesArgument(message, length, "msg")
    let key = try fixedArgument(key, 32, "key")
    writeBytes(try SignedMessage.sign(message, key: key), to: out)
  }
}

private func recover(
  _ outAddress: UnsafeMutablePointer<UInt8>?, _ message: UnsafePointer<UInt8>?, _ length: Int,
  _ signature: UnsafePointer<UInt8>?, _ form: SignedMessage.Form
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(outAddress, "out_addr")
    let message = try bytesArgument(message, length, "msg")
    let signature = try signatureArgument(signature)
    writeBytes(try SignedMessage.recover(message, signature: signature, form: form).bytes, to: out)
  }
}

private func verify(
  _ message: UnsafePointer<UInt8>?, _ length: Int, _ signature: UnsafePointer<UInt8>?,
  _ address: UnsafePointer<UInt8>?, _ form: SignedMessage.Form
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let message = try bytesArgument(message, length, "msg")
    let signature = try signatureArgument(signature)
    let address = try Address(bytes: fixedArgument(address, Address.size, "addr"))
    try SignedMessage.verify(message, signature: signature, address: address, form: form)
  }
}

@_cdecl("tronpay_message_recover")
public func tronpay_message_recover(
  _ outAddress: UnsafeMutablePointer<UInt8>?, _ message: UnsafePointer<UInt8>?, _ length: Int,
  _ signature: UnsafePointer<UInt8>?
) -> Int32 {
  recover(outAddress, message, length, signature, .v2)
}

@_cdecl("tronpay_message_verify")
public func tronpay_message_verify(
  _ message: UnsafePointer<UInt8>?, _ length: Int, _ signature: UnsafePointer<UInt8>?,
  _ address: UnsafePointer<UInt8>?
) -> Int32 {
  verify(message, length, signature, address, .v2)
}

@_cdecl("tronpay_message_recover_v1")
public func tronpay_message_recover_v1(
  _ outAddress: UnsafeMutablePointer<UInt8>?, _ message: UnsafePointer<UInt8>?, _ length: Int,
  _ signature: UnsafePointer<UInt8>?
) -> Int32 {
  recover(outAddress, message, length, signature, .v1)
}

@_cdecl("tronpay_message_verify_v1")
public func tronpay_message_verify_v1(
  _ message: UnsafePointer<UInt8>?, _ length: Int, _ signature: UnsafePointer<UInt8>?,
  _ address: UnsafePointer<UInt8>?
) -> Int32 {
  verify(message, length, signature, address, .v1)
}

@_cdecl("tronpay_digest_sign")
public func tronpay_digest_sign(
  _ outSignature: UnsafeMutablePointer<UInt8>?, _ digest: UnsafePointer<UInt8>?,
  _ key: UnsafePointer<UInt8>?
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(outSignature, "out_sig")
    let digest = try fixedArgument(digest, 32, "digest")
    let key = try fixedArgument(key, 32, "key")
    writeBytes(try RecoverableSignature.sign(digest: digest, key: key), to: out)
  }
}

@_cdecl("tronpay_digest_recover")
public func tronpay_digest_recover(
  _ outAddress: UnsafeMutablePointer<UInt8>?, _ digest: UnsafePointer<UInt8>?,
  _ signature: UnsafePointer<UInt8>?
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(outAddress, "out_addr")
    let digest = try fixedArgument(digest, 32, "digest")
    let signature = try signatureArgument(signature)
    writeBytes(
      try RecoverableSignature.recoverAddress(digest: digest, signature: signature).bytes, to: out)
  }
}
