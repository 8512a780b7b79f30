import Foundation
import Testing

@_spi(Boundary) @testable import TronPay

private func parse(_ text: String) throws -> JSONValue {
  try JSONReader.parse(Array(text.utf8))
}

private func rejects(_ bytes: [UInt8]) -> TronPayError? {
  do {
    _ = try JSONReader.parse(bytes)
    return nil
  } catch {
    return error
  }
}

private func rejects(_ text: String) -> TronPayError? { rejects(Array(text.utf8)) }

@Suite struct JSONReaderAcceptance {
  @Test func scalarsAndContainers() throws {
    #expect(try parse("null") == .null)
    #expect(try parse(" true ") == .bool(true))
    #expect(try parse("\tfalse\r\n") == .bool(false))
    #expect(try parse("\"\"") == .string(""))
    #expect(try parse("[]") == .array([]))
    #expect(try parse("{}") == .object(JSONObject()))
    let value = try parse(#"{"a":[1,-2.5e+3,{"b":null}],"c":"x"}"#)
    let object = try #require(value.objectValue)
    #expect(object.entries.map(\.key) == ["a", "c"])
    #expect(object["c"]?.stringValue == "x")
    let items = try #require(object["a"]?.arrayValue)
    #expect(items.count == 3)
    #expect(items[1] == .number("-2.5e+3"))
    #expect(items[2].objectValue?["b"]?.isNull == true)
    #expect(object["missing"] == nil)
  }

  @Test func numbersKeepTheirExactText() throws {
    for text in [
      "0", "-0", "1E400", "0.000000000000000000001", "-12.5E-7", "123456789012345678901234567890",
    ] {
      #expect(try parse(text) == .number(text))
    }
  }

  @Test func integerConversions() throws {
    #expect(try parse("9223372036854775807").int64Value == Int64.max)
    #expect(try parse("-9223372036854775808").int64Value == Int64.min)
    #expect(try parse("9223372036854775808").int64Value == nil)
    #expect(try parse("-9223372036854775809").int64Value == nil)
    #expect(try parse("1.0").int64Value == nil)
    #expect(try parse("1e3").int64Value == nil)
    #expect(try parse("\"5\"").int64Value == nil)
    let max = "115792089237316195423570985008687907853269984665640564039457584007913129639935"
    #expect(try parse(max).uint256Value == UInt256.max)
    #expect(
      try parse("115792089237316195423570985008687907853269984665640564039457584007913129639936")
        .uint256Value == nil)
    #expect(try parse("-1").uint256Value == nil)
    #expect(try parse("18446744073709551616").uint256Value == UInt256(limbs: (0, 1, 0, 0)))
    #expect(try parse("1.5").uint256Value == nil)
  }

  @Test func escapesAndUnicode() throws {
    #expect(try parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{c}\n\r\t"))
    #expect(try parse(#""\u00e9\u4E2D\ud83d\ude00""#) == .string("é中😀"))
    #expect(try parse(#""\u0000""#) == .string("\u{0}"))
    #expect(try parse("\"é中😀\u{10FFFF}\"") == .string("é中😀\u{10FFFF}"))
  }

  @Test func agreesWithFoundationOnTheMainnetVectors() throws {
    let url = VectorFile.directory.appendingPathComponent("mainnet.json")
    let data = try Data(contentsOf: url)
    let value = try JSONReader.parse([UInt8](data))
    // Round trip: our serialization parses back to the same value, and Foundation agrees on it.
    let again = try JSONReader.parse(value.serialized())
    #expect(again == value)
    let ours = try JSONSerialization.jsonObject(with: Data(value.serialized())) as? NSDictionary
    let theirs = try JSONSerialization.jsonObject(with: data) as? NSDictionary
    #expect(ours != nil && ours == theirs)
  }
}

@Suite struct JSONReaderRejection {
  @Test func structuralErrors() {
    let bad = [
      "", " ", "[", "]", "{", "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "{\"a\":}", "{1:2}",
      "[01]", "[-]", "[1.]", "[.5]", "[1e]", "[+1]", "[NaN]", "[Infinity]", "[-Infinity]",
      "tru", "nul", "truex", "[true false]", "1 2", "{} {}", "\"abc", "'a'", "[\u{0B}1]",
      "\u{FEFF}1", "[1]x", "{\"a\":1}}", "[0x10]", "[1e+]", "-01", "\"\\x\"", "\"\\u12\"",
      "\"\\u12G4\"",
    ]
    for text in bad {
      let error = rejects(text)
      #expect(error?.kind == .json, "accepted \(text.debugDescription)")
    }
  }

  @Test func errorsNameTheOffset() throws {
    let error = try #require(rejects("[1,2,]"))
    #expect(error.detail.contains("offset 5"))
  }

  @Test func controlCharactersInStrings() {
    for c: UInt8 in [0x00, 0x01, 0x0A, 0x0D, 0x09, 0x1F] {
      #expect(rejects([0x22, 0x61, c, 0x22])?.kind == .json)
    }
  }

  @Test func invalidUTF8() {
    let sequences: [[UInt8]] = [
      [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF],  // stray continuation, overlong 2-byte
      [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF],  // overlong 3-byte
      [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],  // UTF-16 surrogates encoded in UTF-8
      [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],  // overlong 4-byte
      [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF],  // above U+10FFFF
      [0xC3], [0xE4, 0xB8], [0xF0, 0x9F, 0x98],  // truncated
      [0xC3, 0x41], [0xE4, 0x41, 0x80],  // bad continuation
    ]
    for sequence in sequences {
      #expect(rejects([0x22] + sequence + [0x22])?.kind == .json, "accepted \(sequence)")
    }
    // Non-ASCII bytes outside strings are rejected too.
    #expect(rejects([0x5B, 0xC3, 0xA9, 0x5D])?.kind == .json)
  }

  @Test func loneSurrogateEscapes() {
    for text in [
      #""\ud800""#, #""\udc00""#, #""\ud800\u0041""#, #""\ud800x""#, #""\ude00\ud83d""#,
      #""\ud83d\ud83d""#, #""\ud800\""#,
    ] {
      #expect(rejects(text)?.kind == .json, "accepted \(text)")
    }
  }

  @Test func duplicateKeys() throws {
    #expect(rejects(#"{"a":1,"a":2}"#)?.kind == .json)
    #expect(rejects(#"{"a":1,"b":{"c":1,"c":1}}"#)?.kind == .json)
    // Same key after escapes decode.
    #expect(rejects(#"{"a":1,"\u0061":2}"#)?.kind == .json)
    // Large objects switch to a hashed check; duplicates are still found at any position.
    let members = (0..<100).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
    #expect(try parse("{\(members)}").objectValue?.count == 100)
    #expect(rejects("{\(members),\"k57\":0}")?.kind == .json)
    #expect(rejects("{\(members),\"k3\":0}")?.kind == .json)
    // Equal keys in different objects are fine.
    #expect(try parse(#"[{"a":1},{"a":2}]"#).arrayValue?.count == 2)
  }

  @Test func deepNestingIsRejectedWithoutRecursion() {
    let deep = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
    #expect(rejects(deep)?.kind == .json)
    let deepObjects = Array(String(repeating: "{\"a\":", count: 100_000).utf8)
    #expect(rejects(deepObjects)?.kind == .json)
    let limit = JSONReader.maxDepth
    let atLimit = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
    #expect(rejects(atLimit) == nil)
    let past = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
    #expect(rejects(past)?.kind == .json)
  }

  @Test func hugeNumbersAreKeptNotConverted() throws {
    let digits = String(repeating: "9", count: 100_000)
    let value = try parse("[\(digits)]")
    #expect(value.arrayValue?.first == .number(digits))
    #expect(value.arrayValue?.first?.uint256Value == nil)
    #expect(value.arrayValue?.first?.int64Value == nil)
  }

  @Test func everyTruncationOfARealDocumentIsRejected() throws {
    let text =
      #"{"log":[{"address":"a614f803b6fd780986a42c78ec9c7f77e6ded13c","#
      + #""topics":["ddf252ad"],"data":"00"}],"blockNumber":75000000,"ok":true,"x":null,"#
      + #""s":"\u00e9é"}"#
    let bytes = Array(text.utf8)
    #expect(rejects(bytes) == nil)
    for cut in 0..<bytes.count {
      let prefix = Array(bytes[0..<cut])
      // A prefix that is itself a complete number would be valid; none exist for an object.
      #expect(rejects(prefix)?.kind == .json, "accepted a prefix of \(cut) bytes")
    }
  }

  @Test func oversizedInputIsRejectedBeforeParsing() {
    let size = JSONReader.maxInputSize + 1
    let bytes = [UInt8](repeating: 0x20, count: size)
    let error = rejects(bytes)
    #expect(error?.kind == .json)
    #expect(error?.detail.contains("exceeds") == true)
  }
}
