import Foundation
import Testing

@_spi(Boundary) @testable import TronPay

/// NFKD checked against Foundation's normalisation (its own Unicode data, not Python's),
/// for every scalar that Unicode 14 (the generator's data) had assigned.
@Suite struct HDNFKDTests {
  private func nfkd(_ text: String) -> String? {
    NFKD.normalize(utf8(text)).map { String(decoding: $0, as: UTF8.self) }
  }

  @Test func everyScalarAgreesWithFoundation() {
    var checked = 0
    var disagreements = [String]()
    for value in UInt32(0)...0x10FFFF {
      guard let scalar = Unicode.Scalar(value), let age = scalar.properties.age,
        age.major < 14 || (age.major == 14 && age.minor == 0)
      else { continue }
      let text = String(Character(scalar))
      let expected = text.decomposedStringWithCompatibilityMapping
      if nfkd(text).map(utf8) != utf8(expected) {
        disagreements.append(String(value, radix: 16))
      }
      checked += 1
    }
    #expect(checked > 140_000)
    #expect(disagreements == [], "scalars decomposed differently")
  }

  @Test func canonicalOrderingAgreesWithFoundation() {
    // Marks of different classes in every order, after bases with and without decompositions.
    let marks: [Unicode.Scalar] = [
      "\u{301}", "\u{327}", "\u{323}", "\u{31B}", "\u{345}", "\u{5B0}", "\u{3099}",
    ]
    let bases = ["e", "\u{1EB9}", "\u{1F80}", "\u{304B}", "\u{FF76}", "\u{AC00}", "\u{212B}"]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<3000 {
      var text = bases.randomElement(using: &generator) ?? "e"
      for _ in 0..<Int.random(in: 1...6, using: &generator) {
        text.unicodeScalars.append(marks.randomElement(using: &generator) ?? "\u{301}")
      }
      #expect(nfkd(text).map(utf8) == utf8(text.decomposedStringWithCompatibilityMapping))
    }
    #expect(nfkd("e\u{301}\u{327}\u{323}") == "e\u{327}\u{323}\u{301}")
  }

  @Test func knownForms() {
    #expect(nfkd("\u{3000}") == " ")
    #expect(nfkd("\u{334D}") == "\u{30E1}\u{30FC}\u{30C8}\u{30EB}")  // ㍍ → メートル
    #expect(nfkd("\u{30AC}") == "\u{30AB}\u{3099}")  // ガ
    #expect(nfkd("\u{FF76}\u{FF9E}") == "\u{30AB}\u{3099}")  // halfwidth ｶﾞ
    #expect(nfkd("\u{D55C}") == "\u{1112}\u{1161}\u{11AB}")  // 한, algorithmic
    #expect(nfkd("\u{AC00}") == "\u{1100}\u{1161}")  // 가, no trailing consonant
    #expect(nfkd("\u{FDFA}")?.unicodeScalars.count == 18)  // the longest mapping
    #expect(nfkd("abc") == "abc")
    #expect(nfkd("") == "")
  }

  @Test func longRunsOfMarksAreSortedStablyAndQuickly() {
    var text = "a"
    for i in 0..<20_000 { text.unicodeScalars.append(i % 2 == 0 ? "\u{301}" : "\u{316}") }
    #expect(nfkd(text).map(utf8) == utf8(text.decomposedStringWithCompatibilityMapping))
  }

  @Test func illFormedUTF8IsRefused() {
    for bytes: [UInt8] in [
      [0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe3, 0x80], [0xf4, 0x90, 0x80, 0x80],
    ] {
      #expect(NFKD.normalize(bytes) == nil)
    }
  }
}
