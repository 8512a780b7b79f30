import Testing

@_spi(Boundary) @testable import TronPay

@Suite("Exact amounts")
struct AmountTests {
  static let twoTo256MinusOne =
    "115792089237316195423570985008687907853269984665640564039457584007913129639935"

  @Test(arguments: [
    ("12.5", 6, "12500000"), ("0", 6, "0"), ("0.000001", 6, "1"), ("1", 0, "1"),
    ("007.50", 2, "750"), ("1000000", 6, "1000000000000"), (twoTo256MinusOne, 0, twoTo256MinusOne),
    ("1.5", 18, "1500000000000000000"), ("0.0", 1, "0"),
  ])
  func toBaseUnits(text: String, decimals: Int, expected: String) throws {
    #expect(
      try Amount.toBaseUnits(Array(text.utf8), decimals: UInt32(decimals)).description == expected)
  }

  @Test(arguments: [
    "", ".5", "5.", "-1", "+1", "1e6", "1E6", " 1", "1 ", "1,000", "1.2.3", "0x10", "１",
    "12.5000001", "115792089237316195423570985008687907853269984665640564039457584007913129639936",
  ])
  func toBaseUnitsRefuses(text: String) {
    #expect(throws: TronPayError.self) { try Amount.toBaseUnits(Array(text.utf8), decimals: 6) }
  }

  @Test func rangeIsCheckedAfterScaling() {
    // 2^256−1 fits with 0 decimals but not once scaled by 10.
    #expect(throws: TronPayError.self) {
      try Amount.toBaseUnits(Array(Self.twoTo256MinusOne.utf8), decimals: 1)
    }
    #expect(throws: TronPayError.self) { try Amount.toBaseUnits(Array("1".utf8), decimals: 78) }
    #expect(throws: TronPayError.self) { try Amount.toBaseUnits(Array("1".utf8), decimals: 256) }
    #expect(throws: Never.self) { try Amount.toBaseUnits(Array("0".utf8), decimals: 255) }
  }

  @Test(arguments: [
    ("12500000", 6, "12.5"), ("0", 6, "0"), ("1", 6, "0.000001"), ("12000000", 6, "12"),
    ("0012", 1, "1.2"), (twoTo256MinusOne, 0, twoTo256MinusOne),
    (
      twoTo256MinusOne, 78,
      "0.115792089237316195423570985008687907853269984665640564039457584007913129639935"
    ),
  ])
  func fromBaseUnits(units: String, decimals: Int, expected: String) throws {
    let value = try Amount.parseBaseUnits(Array(units.utf8))
    #expect(try Amount.fromBaseUnits(value, decimals: UInt32(decimals)) == expected)
  }

  @Test func roundTripsAgainstIntegerArithmetic() throws {
    // Cross-check against Swift's own integers where they reach.
    var value: UInt64 = 1
    for _ in 0..<2000 {
      value = value &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let text = try Amount.fromBaseUnits(UInt256(value), decimals: 6)
      #expect(try Amount.toBaseUnits(Array(text.utf8), decimals: 6) == UInt256(value))
      #expect(UInt256(decimal: String(value))?.uint64 == value)
    }
  }

  @Test func uint256ArithmeticReportsOverflow() {
    #expect(UInt256.max.adding(UInt256(1)) == nil)
    #expect(UInt256.zero.subtracting(UInt256(1)) == nil)
    #expect(UInt256.max.multiplied(by: 2) == nil)
    let big = UInt256(limbs: (0, 1, 0, 0))  // 2^64
    #expect(big.description == "18446744073709551616")
    #expect(UInt256(UInt64.max).adding(UInt256(1)) == big)
    #expect(UInt256(bigEndian: big.bigEndianBytes) == big)
  }
  /// The parser gathers 19 digits at a time: every length across the chunk boundaries must read
  /// back the same digits through the independent division-based printer, and the value one
  /// past 2^256 − 1 must be refused.
  @Test func decimalParsingAtEveryLength() {
    var digits = ""
    for length in 1...UInt256.maxDecimalDigits {
      // A pseudo-random digit string without leading zero, and the all-nines one.
      digits.append(Character(String((length &* 7 &+ 3) % 10)))
      let text = length == 1 ? "7" : "1" + digits.dropFirst()
      let nines = String(repeating: "9", count: length)
      for candidate in [text, nines] {
        let parsed = UInt256(decimal: candidate)
        let fits = length < UInt256.maxDecimalDigits || candidate <= Self.twoTo256MinusOne
        #expect(parsed?.description == (fits ? candidate : nil), "length \(length)")
        #expect(UInt256(decimal: "000" + candidate)?.description == (fits ? candidate : nil))
      }
    }
    #expect(UInt256(decimal: Self.twoTo256MinusOne) == .max)
    #expect(
      UInt256(
        decimal: "115792089237316195423570985008687907853269984665640564039457584007913129639936")
        == nil)
    #expect(UInt256(decimal: String(repeating: "0", count: 100)) == .zero)
    #expect(UInt256(decimal: "12a") == nil)
  }

  @Test func divisionBySmallNumbersReconstructs() {
    var value = UInt256.max
    for divisor: UInt64 in [1, 3, 10, 10_000, 10_000_000_000_000_000_000, .max] {
      let (quotient, remainder) = value.dividedReportingRemainder(by: divisor)
      #expect(remainder < divisor)
      #expect(quotient.multiplied(by: divisor, adding: remainder) == value)
      value = quotient.adding(UInt256(12345)) ?? .zero
    }
    #expect(UInt256(7).dividedReportingRemainder(by: 0) == (.zero, 0))
  }
}
