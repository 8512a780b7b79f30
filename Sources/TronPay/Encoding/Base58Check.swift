/// Base58 with the Bitcoin alphabet, and Base58Check (payload ‖ first 4 bytes of
/// SHA-256(SHA-256(payload))). Decoding is strict: no whitespace, no repair.
public enum Base58 {
  static let alphabet: [UInt8] = Array(
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

  /// Reverse table: byte → digit value, 0xff for anything outside the alphabet.
  static let values: [UInt8] = {
    var table = [UInt8](repeating: 0xff, count: 256)
    for (i, c) in alphabet.enumerated() { table[Int(c)] = UInt8(i) }
    return table
  }()

  /// Longest text decoded; TRON's is 34 characters, so this bounds work on hostile input.
  public static let maxTextLength = 128

  public static func encode(_ bytes: [UInt8]) -> String {
    var digits = [UInt8](repeating: 0, count: digitCapacity(bytes.count))
    let (zeros, used) = bytes.withUnsafeBytes { source in
      digits.withUnsafeMutableBytes { digitsOf(source, into: $0) }
    }
    var text = [UInt8](repeating: alphabet[0], count: zeros)
    text.reserveCapacity(zeros + used)
    for i in stride(from: used - 1, through: 0, by: -1) { text.append(alphabet[Int(digits[i])]) }
    return String(decoding: text, as: UTF8.self)
  }

  /// Scratch bytes `digitsOf` needs for `count` input bytes: log(256)/log(58) < 1.37.
  static func digitCapacity(_ count: Int) -> Int { count * 138 / 100 + 1 }

  /// The base-58 digits of `bytes` after its leading zero bytes, least significant first, into
  /// `digits` (zero-filled, `digitCapacity(bytes.count)` long); returns how many leading zero
  /// bytes there were (each is a '1') and how many digits were written. Callers choose where
  /// the text goes (an xprv's must stay in self-wiping storage).
  static func digitsOf(_ bytes: UnsafeRawBufferPointer, into digits: UnsafeMutableRawBufferPointer)
    -> (zeros: Int, used: Int)
  {
    var zeros = 0
    while zeros < bytes.count && bytes[zeros] == 0 { zeros += 1 }
    var used = 0
    for index in zeros..<bytes.count {
      var carry = Int(bytes[index])
      var i = 0
      while i < used || carry != 0 {
        if i == used { used += 1 }
        carry += 256 * Int(digits[i])
        digits[i] = UInt8(carry % 58)
        carry /= 58
        i += 1
      }
    }
    return (zeros, used)
  }

  public static func decode(_ text: [UInt8]) throws(TronPayError) -> [UInt8] {
    guard !text.isEmpty else { throw TronPayError(.address, "empty base58 text") }
    guard text.count <= maxTextLength else { throw TronPayError(.address, "base58 text too long") }
    var zeros = 0
    while zeros < text.count && text[zeros] == alphabet[0] { zeros += 1 }
    var bytes = [UInt8](repeating: 0, count: text.count * 733 / 1000 + 1)
    var used = 0
    for c in text[zeros...] {
      let value = values[Int(c)]
      guard value != 0xff else {
        throw TronPayError(.address, "character outside the base58 alphabet")
      }
      var carry = Int(value)
      var i = 0
      while i < used || carry != 0 {
        if i == used { used += 1 }
        carry += 58 * Int(bytes[i])
        bytes[i] = UInt8(carry & 0xff)
        carry >>= 8
        i += 1
      }
    }
    var result = [UInt8](repeating: 0, count: zeros)
    result.reserveCapacity(zeros + used)
    for i in stride(from: used - 1, through: 0, by: -1) { result.append(bytes[i]) }
    return result
  }
}

public enum Base58Check {
  static func checksum(_ payload: [UInt8]) -> [UInt8] {
    Array(SHA256.hash(SHA256.hash(payload)).prefix(4))
  }

  public static func encode(_ payload: [UInt8]) -> String {
    Base58.encode(payload + checksum(payload))
  }

  /// Returns the payload after checking the 4-byte checksum.
  public static func decode(_ text: [UInt8]) throws(TronPayError) -> [UInt8] {
    let bytes = try Base58.decode(text)
    guard bytes.count >= 5 else { throw TronPayError(.address, "base58check text too short") }
    let payload = Array(bytes.prefix(bytes.count - 4))
    guard checksum(payload) == Array(bytes.suffix(4)) else {
      throw TronPayError(.address, "checksum mismatch")
    }
    return payload
  }
}
