import Testing

@_spi(Boundary) @testable import TronPay

@Suite struct Base64Tests {
  /// RFC 4648 §10.
  @Test func rfc4648Vectors() throws {
    let cases = [
      ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
      ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ]
    for (plain, text) in cases {
      #expect(Base64.encode(Array(plain.utf8)) == Array(text.utf8), "\(plain)")
      #expect(try Base64.decode(Array(text.utf8)) == Array(plain.utf8), "\(text)")
    }
  }

  /// Every length up to 100 and every byte value, against a plain bit-string reference.
  @Test func matchesAReferenceAtEveryLength() throws {
    var bytes: [UInt8] = []
    for length in 0...100 {
      let text = Base64.encode(bytes)
      #expect(text == referenceBase64(bytes), "length \(length)")
      #expect(try Base64.decode(text) == bytes)
      bytes.append(UInt8(truncatingIfNeeded: length &* 97 &+ 13))
    }
    let all = (0...255).map { UInt8($0) }
    #expect(try Base64.decode(Base64.encode(all)) == all)
  }

  /// Strictness: one text per byte string, no repair.
  @Test func refusesEverythingButCanonicalText() {
    let refused = [
      "Zg=", "Zg", "Z", "Zm9vY", "Zh==", "Zm9=", "Z===", "====", "Zg==Zg==", "Zm=v", "Zm9v ",
      " Zm9v", "Zm\n9v", "Zm-_", "Zm9v\0", "Zm9\u{e9}",
    ]
    for text in refused {
      #expect(throws: TronPayError.self, "\(text)") { try Base64.decode(Array(text.utf8)) }
    }
    #expect(throws: TronPayError(.argument, "base64: character at offset 2 is not base64")) {
      try Base64.decode(Array("Zm-v".utf8))
    }
    #expect(throws: TronPayError(.argument, "base64: non-zero bits in the last character")) {
      try Base64.decode(Array("Zh==".utf8))
    }
  }

  @Test func everyByteOutsideTheAlphabetIsRefusedAtEveryPosition() {
    let alphabet = Set(Base64.alphabet)
    for byte in 0...255 where !alphabet.contains(UInt8(byte)) && byte != UInt8(ascii: "=") {
      for position in 0..<4 {
        var text = Array("Zm9v".utf8)
        text[position] = UInt8(byte)
        #expect(throws: TronPayError.self) { try Base64.decode(text) }
      }
    }
  }
}

/// Base64 by way of a string of bits, as RFC 4648 describes it.
func referenceBase64(_ bytes: [UInt8]) -> [UInt8] {
  let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
  var bits: [UInt8] = []
  for byte in bytes {
    for shift in (0..<8).reversed() { bits.append(byte >> UInt8(shift) & 1) }
  }
  while bits.count % 6 != 0 { bits.append(0) }
  var out: [UInt8] = []
  for group in stride(from: 0, to: bits.count, by: 6) {
    var value = 0
    for bit in bits[group..<group + 6] { value = value * 2 + Int(bit) }
    out.append(letters[value])
  }
  while out.count % 4 != 0 { out.append(UInt8(ascii: "=")) }
  return out
}
