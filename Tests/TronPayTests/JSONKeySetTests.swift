import Testing

@_spi(Boundary) @testable import TronPay

@Suite("Key masks over a prepared key set")
struct JSONKeySetTests {
  static let keys = JSONKeySet(["id", "log", "logs", "topics", "ab", "ba", "receipt", "e\u{301}"])

  func mask(_ json: String) throws -> UInt64 {
    let bytes = Array(json.utf8)
    return try withBytes(bytes) { (raw) throws(TronPayError) -> UInt64 in
      try JSONTapeDocument.read(raw) { $0.keyMask(Self.keys) }
    }
  }

  @Test func namesOfTheSameLengthAreToldApart() throws {
    #expect(try mask(#"{"ba":1}"#) == 1 << 5)
    #expect(try mask(#"{"ab":1,"id":2}"#) == 1 << 4 | 1 << 0)
    #expect(try mask(#"{"log":[],"logs":[],"topics":0}"#) == 1 << 1 | 1 << 2 | 1 << 3)
  }

  @Test func escapedKeysCountByTheirText() throws {
    #expect(try mask(#"{"\u0069d":1,"r\u0065ceipt":{}}"#) == 1 << 0 | 1 << 6)
    #expect(try mask(#"{"e\u0301":true}"#) == 1 << 7)
  }

  @Test func otherKeysAndOtherValuesGiveNothing() throws {
    #expect(try mask(#"{"Id":1,"lo":2,"logs ":3,"":4,"idx":5}"#) == 0)
    #expect(try mask(#"["id","log"]"#) == 0)
    #expect(try mask(#""id""#) == 0)
    #expect(try mask(#"{}"#) == 0)
  }

  @Test func aNameOnlyInsideANestedObjectIsNotOneOfTheObjects() throws {
    #expect(try mask(#"{"x":{"id":1},"log":2}"#) == 1 << 1)
  }
}
