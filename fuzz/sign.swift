import Glibc
import TronPayABI

/// digest_sign and message_sign with random keys, digests and messages. Input: a flags byte
/// (0x01: msg NULL when the message is empty), the key (32 bytes), the digest (32), then the
/// message (the rest); zeros past the end. Each input lies in a heap block of its exact size.
///
/// Properties: both sign exactly when privkey_verify accepts the key, else E_KEY with the output
/// untouched; signatures are deterministic, r and s in 1 … n−1, s ≤ n/2 (low-s), v ∈ {0, 1} for a
/// digest and {27, 28} for a message; each recovers and verifies to the key's address; a message
/// signature is the digest signature of Keccak-256("\x19TRON Signed Message:\n" ‖ length ‖
/// message) with v + 27; a 32-byte message verifies in the v1 form too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data else { return 0 }
  var input = FuzzInput(data, size)
  let flags = input.byte()
  let key = heapCopy(input.fixed(32))
  let digest = heapCopy(input.fixed(32))
  let messageBytes = input.rest()
  let message = heapCopy(messageBytes)
  defer {
    tronpay_memzero(key, 32)
    for block in [key, digest, message] { block.deallocate() }
  }
  let messageArgument = flags & 0x01 != 0 && messageBytes.isEmpty ? nil : UnsafePointer(message)
  let keyValid = tronpay_privkey_verify(key) == 0

  var digestSignature = [UInt8](repeating: 0x55, count: 65)
  var messageSignature = [UInt8](repeating: 0x55, count: 65)
  let digestStatus = tronpay_digest_sign(&digestSignature, digest, key)
  let messageStatus = tronpay_message_sign(
    &messageSignature, messageArgument, messageBytes.count, key)
  fuzzRequire(digestStatus == (keyValid ? 0 : -5), "digest_sign: OK or E_KEY as the key is")
  fuzzRequire(messageStatus == (keyValid ? 0 : -5), "message_sign: OK or E_KEY as the key is")
  guard keyValid else {
    fuzzRequire(
      digestSignature.allSatisfy { $0 == 0x55 } && messageSignature.allSatisfy { $0 == 0x55 },
      "outputs untouched on failure")
    return 0
  }
  var address = [UInt8](repeating: 0, count: 21)
  fuzzRequire(tronpay_address_from_privkey(&address, key) == 0, "a valid key has an address")

  checkShape(digestSignature, v: [0, 1])
  var again = [UInt8](repeating: 0, count: 65)
  fuzzRequire(
    tronpay_digest_sign(&again, digest, key) == 0 && again == digestSignature, "deterministic")
  var recovered = [UInt8](repeating: 0, count: 21)
  fuzzRequire(
    tronpay_digest_recover(&recovered, digest, digestSignature) == 0 && recovered == address,
    "a digest signature recovers the signer")

  checkShape(messageSignature, v: [27, 28])
  fuzzRequire(
    tronpay_message_sign(&again, messageArgument, messageBytes.count, key) == 0
      && again == messageSignature, "deterministic")
  fuzzRequire(
    tronpay_message_recover(&recovered, messageArgument, messageBytes.count, messageSignature)
      == 0 && recovered == address, "a message signature recovers the signer")
  fuzzRequire(
    tronpay_message_verify(messageArgument, messageBytes.count, messageSignature, address) == 0,
    "a message signature verifies")
  if messageBytes.count == 32 {
    fuzzRequire(
      tronpay_message_verify_v1(messageArgument, 32, messageSignature, address) == 0,
      "v1 and v2 agree on 32 bytes")
  }
  let framed =
    Array("\u{19}TRON Signed Message:\n\(messageBytes.count)".utf8) + messageBytes
  var messageDigest = [UInt8](repeating: 0, count: 32)
  fuzzRequire(tronpay_keccak256(&messageDigest, framed, framed.count) == 0, "keccak")
  fuzzRequire(tronpay_digest_sign(&again, messageDigest, key) == 0, "digest of the message")
  again[64] += 27
  fuzzRequire(again == messageSignature, "message_sign = digest_sign of the TIP-104 digest")
  return 0
}

/// n, the order of secp256k1, and n/2 (rounded down), big-endian.
private let order: [UInt8] = [
  0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
  0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
]
private let halfOrder: [UInt8] = [
  0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
  0x5D, 0x57, 0x6E, 0x73, 0x57, 0xA4, 0x50, 0x1D, 0xDF, 0xE9, 0x2F, 0x46, 0x68, 0x1B, 0x20, 0xA0,
]

private func checkShape(_ signature: [UInt8], v: Set<UInt8>) {
  let r = Array(signature[0..<32])
  let s = Array(signature[32..<64])
  let zero = [UInt8](repeating: 0, count: 32)
  fuzzRequire(r != zero && r.lexicographicallyPrecedes(order), "0 < r < n")
  fuzzRequire(s != zero && !halfOrder.lexicographicallyPrecedes(s), "0 < s <= n/2")
  fuzzRequire(v.contains(signature[64]), "recovery id")
}
