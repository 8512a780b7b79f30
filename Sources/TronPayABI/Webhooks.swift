import Glibc
@_spi(Boundary) import TronPay

// Section "Webhooks" of include/tronpay.h.

/// A NUL-terminated argument viewed in place, without its terminator (no copy: secrets stay in
/// caller memory).
private func borrowedText(_ pointer: UnsafePointer<CChar>?, _ name: StaticString)
  throws(TronPayError) -> UnsafeRawBufferPointer
{
  let text = try required(pointer, name)
  return UnsafeRawBufferPointer(start: text, count: strlen(text))
}

/// `(ptr, len)` bytes whose length may be anything a C caller passes: a size_t above Int.max
/// arrives negative and is refused before any buffer is formed from it.
private func bodyArgument(_ pointer: UnsafePointer<UInt8>?, _ length: Int, _ name: StaticString)
  throws(TronPayError) -> UnsafeRawBufferPointer
{
  guard length >= 0 else { throw argumentError("\(name) length is out of range") }
  return try bytesArgument(pointer, length, name)
}

@_cdecl("tronpay_webhook_sign")
public func tronpay_webhook_sign(
  _ outSignature: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ secret: UnsafePointer<CChar>?, _ messageID: UnsafePointer<CChar>?, _ timestamp: Int64,
  _ body: UnsafePointer<UInt8>?, _ length: Int
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(outSignature, "out_signature")
    let secret = try borrowedText(secret, "secret")
    let id = try borrowedText(messageID, "msg_id")
    let body = try bodyArgument(body, length, "body")
    let size = StandardWebhook.signatureLength
    guard let memory = malloc(size + 1) else { throw TronPayError(.internal, "out of memory") }
    do throws(TronPayError) {
      try StandardWebhook.sign(
        secret: secret, id: id, timestamp: timestamp, body: body,
        into: UnsafeMutableRawBufferPointer(start: memory, count: size))
    } catch {
      free(memory)
      throw error
    }
    let text = memory.bindMemory(to: CChar.self, capacity: size + 1)
    text[size] = 0
    out.pointee = text
  }
}

@_cdecl("tronpay_webhook_verify")
public func tronpay_webhook_verify(
  _ secret: UnsafePointer<CChar>?, _ messageID: UnsafePointer<CChar>?,
  _ timestamp: UnsafePointer<CChar>?, _ signatureHeader: UnsafePointer<CChar>?,
  _ body: UnsafePointer<UInt8>?, _ length: Int, _ now: Int64, _ tolerance: Int64
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let secret = try borrowedText(secret, "secret")
    let id = try borrowedText(messageID, "msg_id")
    let timestamp = try borrowedText(timestamp, "timestamp")
    let signatures = try borrowedText(signatureHeader, "signature_header")
    let body = try bodyArgument(body, length, "body")
    try StandardWebhook.verify(
      secret: secret, id: id, timestamp: timestamp, signatures: signatures, body: body, now: now,
      tolerance: tolerance)
  }
}

@_cdecl("tronpay_epusdt_sign")
public func tronpay_epusdt_sign(
  _ out: UnsafeMutablePointer<CChar>?, _ params: UnsafePointer<CChar>?, _ length: Int,
  _ apiToken: UnsafePointer<CChar>?
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out")
    let params = try jsonArgument(params, length, "params")
    let token = try borrowedText(apiToken, "api_token")
    let signature = try EpusdtSignature.sign(params: params, token: token)
    for (i, c) in signature.enumerated() { out[i] = CChar(bitPattern: c) }
    out[signature.count] = 0
  }
}

@_cdecl("tronpay_epusdt_verify")
public func tronpay_epusdt_verify(
  _ params: UnsafePointer<CChar>?, _ length: Int, _ apiToken: UnsafePointer<CChar>?
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let params = try jsonArgument(params, length, "params")
    let token = try borrowedText(apiToken, "api_token")
    try EpusdtSignature.verify(params: params, token: token)
  }
}

@_cdecl("tronpay_size_epusdt_signature")
public func tronpay_size_epusdt_signature() -> Int { EpusdtSignature.length + 1 }
