import TronPayABI

/// Signature parsing and recovery: the first 65 bytes are a signature, the rest the message.
/// Whatever recovers must verify against the recovered address, in both message forms.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data, size >= 65 else { return 0 }
  let signature = data
  let message = data + 65
  let length = size - 65
  var address = [UInt8](repeating: 0, count: 21)
  if tronpay_message_recover(&address, message, length, signature) == 0 {
    fuzzRequire(tronpay_message_verify(message, length, signature, address) == 0, "v2 verifies")
  }
  if tronpay_message_recover_v1(&address, message, length, signature) == 0 {
    fuzzRequire(tronpay_message_verify_v1(message, length, signature, address) == 0, "v1 verifies")
  }
  if length >= 32 {
    let status = tronpay_digest_recover(&address, message, signature)
    fuzzRequire(status == 0 || status == -6 || status == -7, "digest recovery status")
  }
  return 0
}
