import Glibc
import TronPayABI

/// hd_xprv (with hd_xpub and hd_privkey beside it) on a random seed and path. Input: a seed
/// byte (low 7 bits: seed_len 0 … 127; 0x80: seed NULL), a flags byte (0x01: path NULL),
/// seed_len seed bytes, then the path text (the rest, up to a NUL). Seed and path lie in heap
/// blocks of their exact size.
///
/// Properties: a NULL or out-of-range seed (16 … 64 bytes) or a NULL path is E_ARG; the three
/// functions accept and refuse the same arguments with the same status, and leave their output
/// untouched on failure; an xprv is 111 characters of Base58Check over 78 bytes: version
/// 0488ade4, depth = the path's length, child number = its last index, then the chain code, 00
/// and the key hd_privkey returns; the xpub has the same depth, parent, child number and chain
/// code, version 0488b21e and the compressed public key of that key; xpub_derive_addresses
/// refuses the xprv (E_XKEY) and, from the xpub, finds the address that private derivation
/// finds two levels further down.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data else { return 0 }
  var input = FuzzInput(data, size)
  let seedByte = input.byte()
  let flags = input.byte()
  let seedLength = Int(seedByte & 0x7F)
  guard input.remaining >= seedLength else { return 0 }
  let seed = input.bytes(seedLength)
  let pathBytes = Array(input.rest().prefix { $0 != 0 })
  let seedNull = seedByte & 0x80 != 0
  let pathNull = flags & 0x01 != 0
  let seedBlock = heapCopy(seed)
  let pathBlock = heapCString(pathBytes)
  defer {
    seedBlock.deallocate()
    pathBlock.deallocate()
  }
  let seedArgument = seedNull ? nil : UnsafePointer(seedBlock)
  let pathArgument = pathNull ? nil : UnsafePointer(pathBlock)

  var xprv = [CChar](repeating: 0x55, count: 112)
  var xpub = [CChar](repeating: 0x55, count: 112)
  var key = [UInt8](repeating: 0x55, count: 32)
  let status = tronpay_hd_xprv(&xprv, seedArgument, seedLength, pathArgument)
  let publicStatus = tronpay_hd_xpub(&xpub, seedArgument, seedLength, pathArgument)
  let privateStatus = tronpay_hd_privkey(&key, seedArgument, seedLength, pathArgument)
  fuzzRequire(status == publicStatus && status == privateStatus, "same status from all three")
  if seedNull || seedLength < 16 || seedLength > 64 || pathNull {
    fuzzRequire(status == -1, "NULL or a bad seed length is E_ARG")
  }
  guard status == 0 else {
    fuzzRequire(status == -1 || status == -9 || status == -5, "a documented status")
    fuzzRequire(
      xprv.allSatisfy { $0 == 0x55 } && xpub.allSatisfy { $0 == 0x55 }
        && key.allSatisfy { $0 == 0x55 }, "outputs untouched on failure")
    return 0
  }
  defer { tronpay_memzero(&key, key.count) }

  let xprvText = xprv.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
  let xpubText = xpub.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
  fuzzRequire(xprvText.count == 111 && xpubText.count == 111, "111 characters")
  guard let privatePayload = base58Check(xprvText), let publicPayload = base58Check(xpubText) else {
    fuzzRequire(false, "extended keys are Base58Check")
    return 0
  }
  let depth = pathBytes.filter { $0 == 0x2F }.count
  fuzzRequire(privatePayload[0..<4] == [0x04, 0x88, 0xAD, 0xE4], "xprv version")
  fuzzRequire(publicPayload[0..<4] == [0x04, 0x88, 0xB2, 0x1E], "xpub version")
  fuzzRequire(Int(privatePayload[4]) == depth, "depth is the path's length")
  fuzzRequire(privatePayload[4..<45] == publicPayload[4..<45], "xprv and xpub share the node")
  let child = privatePayload[9..<13].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
  fuzzRequire(child == lastIndex(pathBytes), "child number is the path's last index")
  fuzzRequire(privatePayload[45] == 0 && Array(privatePayload[46..<78]) == key, "xprv key")
  var uncompressed = [UInt8](repeating: 0, count: 65)
  fuzzRequire(tronpay_pubkey_from_privkey(&uncompressed, key) == 0, "the key is valid")
  let compressed = [0x02 | (uncompressed[64] & 1)] + uncompressed[1..<33]
  fuzzRequire(Array(publicPayload[45..<78]) == compressed, "xpub key")

  var addresses = [UInt8](repeating: 0, count: 21)
  fuzzRequire(
    tronpay_xpub_derive_addresses(&addresses, xprv, 0, 0, 1) == -10, "an xprv is not an xpub")
  // Public derivation from the xpub agrees with private derivation from the seed.
  guard depth <= 253 else { return 0 }
  let index = UInt32(seed.first ?? 0) & 0x7F
  let below = heapCString(pathBytes + Array("/0/\(index)".utf8))
  defer { below.deallocate() }
  var childKey = [UInt8](repeating: 0, count: 32)
  defer { tronpay_memzero(&childKey, childKey.count) }
  fuzzRequire(tronpay_hd_privkey(&childKey, seedBlock, seedLength, below) == 0, "child key")
  var expected = [UInt8](repeating: 0, count: 21)
  fuzzRequire(tronpay_address_from_privkey(&expected, childKey) == 0, "child address")
  fuzzRequire(
    tronpay_xpub_derive_addresses(&addresses, xpub, 0, index, 1) == 0 && addresses == expected,
    "xpub derivation = private derivation")
  return 0
}

/// The BIP32 child number of a valid path's last level (0 for "m").
private func lastIndex(_ path: [UInt8]) -> UInt32 {
  guard let slash = path.lastIndex(of: 0x2F) else { return 0 }
  var value: UInt32 = 0
  for byte in path[(slash + 1)...] {
    if byte == 0x27 || byte == 0x68 { return value | 0x8000_0000 }
    value = value &* 10 &+ UInt32(byte &- 0x30)
  }
  return value
}

/// The payload of Base58Check text (checksum removed), or nil when it is not valid.
private func base58Check(_ text: [UInt8]) -> [UInt8]? {
  let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
  var number: [UInt8] = []  // little-endian base 256
  for character in text {
    guard let digit = alphabet.firstIndex(of: character) else { return nil }
    var carry = digit
    for i in 0..<number.count {
      carry += Int(number[i]) * 58
      number[i] = UInt8(carry & 0xFF)
      carry >>= 8
    }
    while carry > 0 {
      number.append(UInt8(carry & 0xFF))
      carry >>= 8
    }
  }
  let zeros = text.prefix { $0 == 0x31 }.count
  let bytes = [UInt8](repeating: 0, count: zeros) + number.reversed()
  guard bytes.count >= 4 else { return nil }
  let payload = Array(bytes[..<(bytes.count - 4)])
  var first = [UInt8](repeating: 0, count: 32)
  var second = [UInt8](repeating: 0, count: 32)
  guard tronpay_sha256(&first, payload, payload.count) == 0,
    tronpay_sha256(&second, first, 32) == 0, second[0..<4] == bytes[(bytes.count - 4)...]
  else { return nil }
  return payload
}
