import Foundation
import Testing

@_spi(Boundary) @testable import TronPay

/// The stack address codec (`AddressBase58`) against the general `Base58Check` and against a
/// plain big-integer Base58 written here (repeated division and multiplication on byte arrays,
/// nothing shared with the library but SHA-256, which HashTests checks against hashlib).
@Suite("Address base58 text: stack codec against general and plain implementations")
struct AddressBase58Tests {
  /// A small deterministic generator, so a failure names a reproducible case.
  struct Generator {
    var state: UInt64
    mutating func byte() -> UInt8 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: state >> 33)
    }
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in byte() } }
  }

  static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

  // MARK: the plain reference

  /// Base58 of big-endian `bytes` by schoolbook division by 58, one leading '1' per zero byte.
  static func plainEncode(_ bytes: [UInt8]) -> String {
    let zeros = bytes.prefix { $0 == 0 }.count
    var number = Array(bytes.dropFirst(zeros))
    var digits: [UInt8] = []
    while !number.isEmpty {
      var quotient: [UInt8] = []
      var remainder = 0
      for byte in number {
        let value = remainder * 256 + Int(byte)
        let digit = value / 58
        remainder = value % 58
        if !(quotient.isEmpty && digit == 0) { quotient.append(UInt8(digit)) }
      }
      digits.append(alphabet[remainder])
      number = quotient
    }
    return String(repeating: "1", count: zeros) + String(decoding: digits.reversed(), as: UTF8.self)
  }

  /// Bytes of base58 `text` by schoolbook multiplication by 58: one zero byte per leading '1',
  /// then the number in as few bytes as it needs. Nil for a character outside the alphabet.
  static func plainDecode(_ text: [UInt8]) -> [UInt8]? {
    let zeros = text.prefix { $0 == alphabet[0] }.count
    var number: [UInt8] = []  // big-endian, no leading zeros
    for character in text {
      guard let digit = alphabet.firstIndex(of: character) else { return nil }
      var carry = digit
      for k in stride(from: number.count - 1, through: 0, by: -1) {
        let value = Int(number[k]) * 58 + carry
        number[k] = UInt8(value & 0xff)
        carry = value >> 8
      }
      while carry > 0 {
        number.insert(UInt8(carry & 0xff), at: 0)
        carry >>= 8
      }
    }
    return [UInt8](repeating: 0, count: zeros) + number
  }

  static func checksum(_ payload: [UInt8]) -> [UInt8] {
    Array(SHA256.hash(SHA256.hash(payload)).prefix(4))
  }

  static func plainText(_ address: [UInt8]) -> String {
    plainEncode(address + checksum(address))
  }

  /// What a TRON address decoder must say about `text`: its 21 bytes, or the failing check in
  /// the library's order (length, alphabet, checksum, version). The checksum covers the first
  /// 21 of the 25 bytes the number has in the fixed width a 34-character text decodes to.
  static func plainAddress(_ text: [UInt8]) -> Verdict {
    guard text.count == 34 else { return .refused("a base58 address has 34 characters") }
    guard let raw = plainDecode(text) else { return .refused("not base58 of 25 bytes") }
    let significant = Array(raw.drop { $0 == 0 })
    guard significant.count <= 25 else { return .refused("not base58 of 25 bytes") }
    let fixed = [UInt8](repeating: 0, count: 25 - significant.count) + significant
    let payload = Array(fixed[0..<21])
    guard checksum(payload) == Array(fixed[21..<25]) else { return .refused("checksum mismatch") }
    guard payload[0] == 0x41 else {
      return .refused("wrong version byte: TRON addresses start with 0x41")
    }
    return .address(payload)
  }

  // MARK: helpers over the code under test

  static func decode(_ text: [UInt8]) -> Verdict {
    switch text.withUnsafeBufferPointer({ AddressBase58.decodeAddress($0) }) {
    case .success(let address): return .address(address.bytes)
    case .failure(let error): return .refused(error.detail)
    }
  }

  static func encodeAll(_ bytes: [UInt8]) -> (string: String, fast: String, owned: String) {
    let string = AddressBase58.string(bytes)
    let fast = AddressBase58.withText(bytes, digest: nil) { String(decoding: $0, as: UTF8.self) }
    let owned = AddressBase58.withText(bytes, digest: DigestContext()) {
      String(decoding: $0, as: UTF8.self)
    }
    return (string, fast, owned)
  }

  /// The general decoder's verdict as an address: bytes when it accepts a 21-byte 0x41 payload.
  static func generalAddress(_ text: [UInt8]) -> [UInt8]? {
    guard let payload = try? Base58Check.decode(text), payload.count == 21,
      payload[0] == Address.prefix
    else { return nil }
    return payload
  }

  // MARK: tests

  @Test func plainReferenceMatchesTheVectorFile() throws {
    let file = try VectorFile.load("addresses.json")
    var pairs =
      try VectorFile.list(file, "hex_base58_pairs") + VectorFile.list(file, "testnet_tokens")
    pairs += try VectorFile.list(file, "private_key_to_address")
    pairs += try VectorFile.list(file, "public_key_to_address")
    #expect(pairs.count >= 20)
    for pair in pairs {
      let bytes = try pair.hex("address_hex")
      let text = try pair.text("address_base58")
      #expect(Self.plainText(bytes) == text)
      #expect(Self.plainAddress(Array(text.utf8)) == .address(bytes))
    }
  }

  @Test func vectorAddressesEncodeAndDecode() throws {
    let file = try VectorFile.load("addresses.json")
    var pairs =
      try VectorFile.list(file, "hex_base58_pairs") + VectorFile.list(file, "testnet_tokens")
    pairs += try VectorFile.list(file, "private_key_to_address")
    pairs += try VectorFile.list(file, "public_key_to_address")
    for pair in pairs {
      let bytes = try pair.hex("address_hex")
      let text = try pair.text("address_base58")
      let encoded = Self.encodeAll(bytes)
      #expect(encoded.string == text)
      #expect(encoded.fast == text)
      #expect(encoded.owned == text)
      #expect(try Address(bytes: bytes).base58 == text)
      #expect(Self.decode(Array(text.utf8)) == .address(bytes))
    }
  }

  @Test func invalidVectorAddressesAreRefusedWithThePlainReason() throws {
    let file = try VectorFile.load("addresses.json")
    for vector in try VectorFile.list(file, "invalid_addresses") {
      let text = Array((try vector.text("input")).utf8)
      let expected = Self.plainAddress(text)
      #expect(expected.bytes == nil)
      #expect(Self.decode(text) == expected, "\(vector["input"] ?? "")")
    }
  }

  /// Every encoder (String, stack text, caller's context) against the general Base58Check
  /// and the plain reference; returns the expected text.
  @discardableResult
  static func expectEncodersAgree(_ bytes: [UInt8]) -> String {
    let expected = Base58Check.encode(bytes)
    #expect(plainText(bytes) == expected)
    let encoded = encodeAll(bytes)
    #expect(encoded.string == expected, "\(bytes)")
    #expect(encoded.fast == expected)
    #expect(encoded.owned == expected)
    return expected
  }

  @Test func randomAddressesAgreeWithGeneralAndPlain() {
    var random = Generator(state: 0x5EED_0000_0000_0001)
    for round in 0..<3000 {
      // Mostly real addresses; some with another first byte, some with leading zero bytes.
      var bytes = [Address.prefix] + random.bytes(20)
      if round % 10 == 7 { bytes[0] = random.byte() }
      if round % 50 == 11 { bytes[0] = 0 }
      if round % 100 == 13 { bytes.replaceSubrange(0..<3, with: [0, 0, 0]) }
      let expected = Self.expectEncodersAgree(bytes)
      let text = Array(expected.utf8)
      #expect(Self.decode(text) == Self.plainAddress(text), "\(expected)")
      #expect(Self.generalAddress(text) == (bytes[0] == Address.prefix ? bytes : nil))
      if bytes[0] == Address.prefix {
        #expect(Self.decode(text) == .address(bytes))
      }
    }
  }

  @Test func extremeNumbersEncodeLikeTheGeneralEncoder() {
    let cases: [[UInt8]] = [
      [UInt8](repeating: 0, count: 21), [UInt8](repeating: 0xff, count: 21),
      [0] + [UInt8](repeating: 0xff, count: 20), [UInt8](repeating: 0, count: 20) + [1],
      [0x41] + [UInt8](repeating: 0, count: 20), [0x41] + [UInt8](repeating: 0xff, count: 20),
      [1] + [UInt8](repeating: 0, count: 20), [0x80] + [UInt8](repeating: 0, count: 20),
    ]
    for bytes in cases {
      Self.expectEncodersAgree(bytes)
    }
    // 0xff… needs all 35 digits; the all-zero address is 21 '1's and a short checksum part.
    #expect(AddressBase58.string([UInt8](repeating: 0xff, count: 21)).count == 35)
    #expect(
      AddressBase58.string([UInt8](repeating: 0, count: 21)).hasPrefix(
        String(repeating: "1", count: 21)))
  }

  @Test func otherLengthsFallBackToTheGeneralEncoder() {
    for count in [0, 1, 20, 22, 33] {
      let bytes = [UInt8](repeating: 0x41, count: count)
      #expect(AddressBase58.string(bytes) == Base58Check.encode(bytes))
      let text = AddressBase58.withText(bytes, digest: nil) { String(decoding: $0, as: UTF8.self) }
      #expect(text == Base58Check.encode(bytes))
      let written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 35) { out in
        bytes.withUnsafeBytes { AddressBase58.encode($0, context: nil, into: out) }
      }
      #expect(written == 0)
    }
    // Too little room for 35 characters: nothing is claimed written.
    let address = [Address.prefix] + [UInt8](repeating: 7, count: 20)
    let written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 34) { out in
      address.withUnsafeBytes { AddressBase58.encode($0, context: nil, into: out) }
    }
    #expect(written == 0)
  }

  @Test func everyOneCharacterCorruptionAgreesWithGeneralAndPlain() {
    var random = Generator(state: 0xC0FF_EE00_0000_0002)
    var addresses = ["TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "TSeJkUh4Qv67VNFwY8LaAxERygNdy6NQZK"]
    addresses.append(Base58Check.encode([Address.prefix] + random.bytes(20)))
    var refused = 0
    for address in addresses {
      let text = Array(address.utf8)
      for position in 0..<text.count {
        for replacement in Self.alphabet where replacement != text[position] {
          var mutated = text
          mutated[position] = replacement
          let fast = Self.decode(mutated)
          #expect(fast == Self.plainAddress(mutated), "\(position) \(replacement)")
          #expect(fast.bytes == Self.generalAddress(mutated))
          if fast.bytes == nil { refused += 1 }
        }
      }
    }
    // A 32-bit checksum lets through about one corruption in 4 billion.
    #expect(refused == addresses.count * 34 * 57)
  }

  @Test func wrongLengthsAreRefusedFirst() {
    let good = Array("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t".utf8)
    for count in [0, 1, 25, 33, 35, 36, 50, 128] {
      let text = (0..<count).map { good[$0 % good.count] }
      #expect(Self.decode(text) == .refused("a base58 address has 34 characters"))
    }
    // Length is judged before the alphabet: 33 bad characters still say "34 characters".
    #expect(
      Self.decode([UInt8](repeating: 0, count: 33))
        == .refused(
          "a base58 address has 34 characters"))
  }

  @Test func charactersOutsideTheAlphabetAreRefusedAtEveryPosition() {
    let good = Array("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t".utf8)
    let outside = (0...255).map { UInt8($0) }.filter { !Self.alphabet.contains($0) }
    #expect(outside.count == 256 - 58)
    for position in 0..<34 {
      for character in outside {
        var text = good
        text[position] = character
        #expect(Self.decode(text) == .refused("not base58 of 25 bytes"), "\(position) \(character)")
        #expect(Self.plainAddress(text) == .refused("not base58 of 25 bytes"))
        #expect(Self.generalAddress(text) == nil)
      }
    }
  }

  @Test func leadingOnesAreRefusedLikeThePlainDecoderSays() {
    var random = Generator(state: 0x1111_0000_0000_0003)
    for round in 0..<400 {
      let text = Array(Base58Check.encode([Address.prefix] + random.bytes(20)).utf8)
      let ones = 1 + round % 6
      let mutated = [UInt8](repeating: Self.alphabet[0], count: ones) + text[ones...]
      #expect(Self.decode(mutated) == Self.plainAddress(mutated))
      #expect(Self.generalAddress(mutated) == nil)
      #expect(Self.decode(mutated).bytes == nil)
    }
    // A valid checksum over a payload starting 0x00: the text starts '1', is 34 long when the
    // rest is big enough, and is refused for its version byte, not its checksum.
    var checked = 0
    for _ in 0..<200 {
      let payload = [0] + random.bytes(20)
      let text = Array(Base58Check.encode(payload).utf8)
      #expect(text.first == Self.alphabet[0])
      guard text.count == 34 else { continue }
      checked += 1
      #expect(Self.decode(text) == .refused("wrong version byte: TRON addresses start with 0x41"))
      #expect(
        Self.plainAddress(text) == .refused("wrong version byte: TRON addresses start with 0x41"))
    }
    #expect(checked > 0)
    let allOnes = [UInt8](repeating: Self.alphabet[0], count: 34)
    #expect(Self.decode(allOnes) == Self.plainAddress(allOnes))
    #expect(Self.decode(allOnes) == .refused("checksum mismatch"))
  }

  @Test func randomTextsAgreeWithGeneralAndPlain() {
    var random = Generator(state: 0x7777_0000_0000_0004)
    for _ in 0..<3000 {
      let text = (0..<34).map { _ in Self.alphabet[Int(random.byte()) % 58] }
      let fast = Self.decode(text)
      #expect(fast == Self.plainAddress(text))
      #expect(fast.bytes == Self.generalAddress(text))
    }
  }
}

/// An address decoder's answer: the 21 bytes, or the detail text of the refusal.
enum Verdict: Equatable {
  case address([UInt8])
  case refused(String)

  var bytes: [UInt8]? {
    if case .address(let bytes) = self { return bytes }
    return nil
  }
}
