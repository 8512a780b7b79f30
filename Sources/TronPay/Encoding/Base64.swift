/// Base64 with the standard alphabet and `=` padding (RFC 4648 §4), as Standard Webhooks uses it
/// for secrets and signatures. Decoding is strict: the length is a multiple of 4, padding only at
/// the end, no whitespace, no URL-safe letters, and the unused low bits of the last character
/// are zero (so every byte string has exactly one text). Nothing here traps on any input.
public enum Base64 {
  static let alphabet: [UInt8] = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  /// Reverse table: byte → 6-bit value, 0xff for anything outside the alphabet (`=` included).
  static let values: [UInt8] = {
    var table = [UInt8](repeating: 0xff, count: 256)
    for (i, c) in alphabet.enumerated() { table[Int(c)] = UInt8(i) }
    return table
  }()

  /// Characters of the text of `count` bytes.
  public static func encodedLength(_ count: Int) -> Int { (count + 2) / 3 * 4 }

  /// Writes the text of `bytes` to `out`, which holds at least `encodedLength(bytes.count)`
  /// bytes (nothing is written otherwise); returns the characters written.
  @discardableResult
  public static func encode(
    _ bytes: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer
  ) -> Int {
    let length = encodedLength(bytes.count)
    guard out.count >= length else { return 0 }
    alphabet.withUnsafeBufferPointer { table in
      var i = 0
      var o = 0
      while i &+ 3 <= bytes.count {
        let word = UInt32(bytes[i]) << 16 | UInt32(bytes[i &+ 1]) << 8 | UInt32(bytes[i &+ 2])
        out[o] = table[Int(word >> 18)]
        out[o &+ 1] = table[Int(word >> 12 & 63)]
        out[o &+ 2] = table[Int(word >> 6 & 63)]
        out[o &+ 3] = table[Int(word & 63)]
        i &+= 3
        o &+= 4
      }
      let rest = bytes.count &- i
      guard rest > 0 else { return }
      let second = rest == 2 ? UInt32(bytes[i &+ 1]) : 0
      let word = UInt32(bytes[i]) << 16 | second << 8
      out[o] = table[Int(word >> 18)]
      out[o &+ 1] = table[Int(word >> 12 & 63)]
      out[o &+ 2] = rest == 2 ? table[Int(word >> 6 & 63)] : UInt8(ascii: "=")
      out[o &+ 3] = UInt8(ascii: "=")
    }
    return length
  }

  public static func encode(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: encodedLength(bytes.count)) { out, count in
      count = encode(bytes, into: UnsafeMutableRawBufferPointer(out))
    }
  }

  public static func encode(_ bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBytes { encode($0) }
  }

  /// The byte count of a text's value, checked against the length and padding rules only; a
  /// text that breaks them is refused here, before any buffer is sized by it.
  public static func decodedLength(_ text: UnsafeRawBufferPointer) throws(TronPayError) -> Int {
    guard text.count % 4 == 0 else {
      throw TronPayError(.argument, "base64: length \(text.count) is not a multiple of 4")
    }
    guard text.count > 0 else { return 0 }
    var padding = 0
    if text[text.count &- 1] == UInt8(ascii: "=") { padding = 1 }
    if padding == 1, text[text.count &- 2] == UInt8(ascii: "=") { padding = 2 }
    return text.count / 4 * 3 &- padding
  }

  /// Decodes `text` into `out`, which holds at least `decodedLength(text)` bytes; returns the
  /// bytes written. Errors are `.argument` naming the offending offset, never the text (it may
  /// be a secret); after an error `out` holds garbage that the caller discards (or wipes).
  @_spi(Boundary) public static func decode(
    _ text: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer
  ) throws(TronPayError) -> Int {
    let length = try decodedLength(text)
    guard out.count >= length else {
      throw TronPayError(.internal, "base64: output buffer too small")
    }
    guard length > 0 else { return 0 }
    let padding = text.count / 4 * 3 &- length
    let dataCharacters = text.count &- padding
    let (written, last, invalid) = values.withUnsafeBufferPointer { table in
      // Whole groups: four characters, three bytes. A character outside the alphabet maps to
      // 0xff; its high bit is collected and checked once, after the loop.
      var i = 0
      var o = 0
      var invalid: UInt8 = 0
      let whole = dataCharacters & ~3
      while i < whole {
        let a = table[Int(text[i])]
        let b = table[Int(text[i &+ 1])]
        let c = table[Int(text[i &+ 2])]
        let d = table[Int(text[i &+ 3])]
        invalid |= a | b | c | d
        let word = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
        out[o] = UInt8(truncatingIfNeeded: word >> 16)
        out[o &+ 1] = UInt8(truncatingIfNeeded: word >> 8)
        out[o &+ 2] = UInt8(truncatingIfNeeded: word)
        i &+= 4
        o &+= 3
      }
      // The padded group's 2 or 3 characters, as one value.
      var last: UInt32 = 0
      while i < dataCharacters {
        let v = table[Int(text[i])]
        invalid |= v
        last = last << 6 | UInt32(v & 63)
        i &+= 1
      }
      return (o, last, invalid)
    }
    if invalid & 0x80 != 0 {
      let offset = text.firstIndex { values[Int($0)] == 0xff } ?? 0
      throw TronPayError(.argument, "base64: character at offset \(offset) is not base64")
    }
    // 2 characters carry 1 byte (4 unused bits), 3 carry 2 bytes (2 unused): all zero.
    var o = written
    if padding == 2 {
      guard last & 0xf == 0 else {
        throw TronPayError(.argument, "base64: non-zero bits in the last character")
      }
      out[o] = UInt8(truncatingIfNeeded: last >> 4)
      o &+= 1
    } else if padding == 1 {
      guard last & 0x3 == 0 else {
        throw TronPayError(.argument, "base64: non-zero bits in the last character")
      }
      out[o] = UInt8(truncatingIfNeeded: last >> 10)
      out[o &+ 1] = UInt8(truncatingIfNeeded: last >> 2)
      o &+= 2
    }
    return o
  }

  /// Decodes into a new array (for values that are not secret; secrets decode into memory that
  /// their owner wipes, through `decode(_:into:)`).
  public static func decode(_ text: [UInt8]) throws(TronPayError) -> [UInt8] {
    let result = text.withUnsafeBytes { raw -> Result<[UInt8], TronPayError> in
      let length: Int
      do throws(TronPayError) {
        length = try decodedLength(raw)
      } catch {
        return .failure(error)
      }
      var bytes = [UInt8](repeating: 0, count: length)
      let written = bytes.withUnsafeMutableBytes { out -> Result<Int, TronPayError> in
        do throws(TronPayError) {
          return .success(try decode(raw, into: out))
        } catch {
          return .failure(error)
        }
      }
      return written.map { _ in bytes }
    }
    return try result.get()
  }
}
