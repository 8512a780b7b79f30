import Foundation
import XCTest

@_spi(Boundary) @testable import TronPay

/// NFKD checked against Foundation's normalisation (its own Unicode data, not Python's),
/// for every scalar that Unicode 14 (the generator's data) had assigned.
final class HDNFKDTests: XCTestCase {
  private func nfkd(_ text: String) -> String? {
    NFKD.normalize(utf8(text)).map { String(decoding: $0, as: UTF8.self) }
  }

  func testEveryScalarAgreesWithFoundation() {
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
    XCTAssertGreaterThan(checked, 140_000)
    XCTAssertEqual(disagreements, [], "scalars decomposed differently")
  }

  func testCanonicalOrderingAgreesWithFoundation() {
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
      XCTAssertEqual(nfkd(text).map(utf8), utf8(text.decomposedStringWithCompatibilityMapping))
    }
    XCTAssertEqual(nfkd("e\u{301}\u{327}\u{323}"), "e\u{327}\u{323}\u{301}")
  }

  func testKnownForms() {
    XCTAssertEqual(nfkd("\u{3000}"), " ")
    XCTAssertEqual(nfkd("\u{334D}"), "\u{30E1}\u{30FC}\u{30C8}\u{30EB}")  // ㍍ → メートル
    XCTAssertEqual(nfkd("\u{30AC}"), "\u{30AB}\u{3099}")  // ガ
    XCTAssertEqual(nfkd("\u{FF76}\u{FF9E}"), "\u{30AB}\u{3099}")  // halfwidth ｶﾞ
    XCTAssertEqual(nfkd("\u{D55C}"), "\u{1112}\u{1161}\u{11AB}")  // 한, algorithmic
    XCTAssertEqual(nfkd("\u{AC00}"), "\u{1100}\u{1161}")  // 가, no trailing consonant
    XCTAssertEqual(nfkd("\u{FDFA}")?.unicodeScalars.count, 18)  // the longest mapping
    XCTAssertEqual(nfkd("abc"), "abc")
    XCTAssertEqual(nfkd(""), "")
  }

  func testLongRunsOfMarksAreSortedStablyAndQuickly() {
    var text = "a"
    for i in 0..<20_000 { text.unicodeScalars.append(i % 2 == 0 ? "\u{301}" : "\u{316}") }
    XCTAssertEqual(nfkd(text).map(utf8), utf8(text.decomposedStringWithCompatibilityMapping))
  }

  func testIllFormedUTF8IsRefused() {
    for bytes: [UInt8] in [
      [0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe3, 0x80], [0xf4, 0x90, 0x80, 0x80],
    ] {
      XCTAssertNil(NFKD.normalize(bytes))
    }
  }
}
