import Foundation
import Testing

@_spi(Boundary) @testable import TronPay

/// The tape is the one validator: it must refuse what RFC 8259 and the reader's rules refuse,
/// and the tree JSONReader builds from it must describe the values the tape's views read.
@Suite struct JSONTapeTests {
  private func tapeValue(_ bytes: [UInt8]) -> Result<JSONValue, TronPayError> {
    do throws(TronPayError) {
      return .success(
        try withBytes(bytes) { (raw) throws(TronPayError) -> JSONValue in
          try JSONTapeDocument.read(raw) { convert($0, depth: 0) }
        })
    } catch {
      return .failure(error)
    }
  }

  /// Rebuilds a JSONValue from a tape view (bounded by the reader's depth limit).
  private func convert(_ ref: JSONRef, depth: Int) -> JSONValue {
    guard depth <= JSONReader.maxDepth else { return .null }
    switch ref.kind {
    case .null: return .null
    case .trueValue: return .bool(true)
    case .falseValue: return .bool(false)
    case .number: return .number(ref.withText { String(decoding: $0, as: UTF8.self) } ?? "")
    case .string, .escapedString: return .string(ref.stringValue ?? "")
    case .array:
      return .array((ref.elements.map { Array($0) } ?? []).map { convert($0, depth: depth + 1) })
    case .object:
      let members = (ref.members ?? []).map {
        (key: $0.key, value: convert($0.value, depth: depth + 1))
      }
      return .object(JSONObject(members))
    }
  }

  /// `valid`: the document must be accepted, and the reader's tree must equal the one the
  /// test builds from the tape's views; otherwise it must be refused by both.
  private func agree(_ bytes: [UInt8], valid: Bool = true) {
    let reader: Result<JSONValue, TronPayError>
    do throws(TronPayError) {
      reader = .success(try JSONReader.parse(bytes))
    } catch {
      reader = .failure(error)
    }
    let shown = String(decoding: bytes.prefix(80), as: UTF8.self)
    switch (reader, tapeValue(bytes)) {
    case (.success(let a), .success(let b)):
      #expect(valid, "accepted \(shown)")
      #expect(a == b)
    case (.failure(let a), .failure(let b)):
      #expect(!valid, "refused \(shown): \(a.detail)")
      #expect(a == b)
    default:
      Issue.record("reader and tape disagree on \(shown)")
    }
  }

  @Test func agreesOnTheMainnetVectors() throws {
    let data = try Data(contentsOf: VectorFile.directory.appendingPathComponent("mainnet.json"))
    agree([UInt8](data))
  }

  @Test func agreesOnValidAndInvalidDocuments() {
    let valid = [
      "null", "true", " false ", "0", "-0.5e+3", "\"\"", "[]", "{}", "[1,[2,[3,{}]]]",
      #"{"a":"\u00e9\ud83d\ude00","b":[true,null],"c":{"d":-1}}"#, #"{"\u0061":1,"b":2}"#,
    ]
    let invalid = [
      #"{"a":1,"\u0061":2}"#, #"{"a\"b":1,"a\"b":2}"#, #"{"é":1,"\u00e9":2}"#,
      "[1,]", "{\"a\":1,}", "[01]", "[1.]", "[NaN]", "tru", "\"abc", "[1]x", "{\"a\" 1}",
      "\u{FEFF}1", "\"\\ud800\"", "\"\\x\"", "", " ", "{1:2}", "[\"a\" \"b\"]",
    ]
    for text in valid { agree(Array(text.utf8)) }
    for text in invalid { agree(Array(text.utf8), valid: false) }
    let members = (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
    agree(Array("{\(members)}".utf8))
    agree(Array("{\(members),\"k33\":1}".utf8), valid: false)
    agree(Array("{\(members),\"k\\u0033\":1}".utf8), valid: false)
    for sequence: [UInt8] in [
      [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xB8],
    ] {
      agree([0x22] + sequence + [0x22], valid: false)
    }
    agree([UInt8](repeating: UInt8(ascii: "["), count: 100_000), valid: false)
    let limit = JSONReader.maxDepth
    agree(Array((String(repeating: "[", count: limit) + String(repeating: "]", count: limit)).utf8))
    agree(
      Array(
        (String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)).utf8),
      valid: false)
  }

  @Test func lookupsReadTheTape() throws {
    let text = #"{"log":[{"address":"a6","topics":["x","y"]}],"n":-7,"s":"\u0041b","e":{}}"#
    let bytes = Array(text.utf8)
    let checked = try withBytes(bytes) { (raw) throws(TronPayError) -> Bool in
      try JSONTapeDocument.read(raw) { root in
        root["n"]?.int64Value == -7 && root["s"]?.stringValue == "Ab"
          && root["s"]?.isString("Ab") == true
          && root["e"]?.isEmptyObject == true && root["missing"] == nil
          && root["log"]?.elements?.count == 1
          && root["log"]?.firstElement?["topics"]?.elements?.count == 2
          && root["log"]?.firstElement?["address"]?.stringValue == "a6"
      }
    }
    #expect(checked)
  }
}

/// The word-at-a-time string scan must stop at every special byte in every position.
@Suite struct JSONStringScanTests {
  @Test func everySpecialByteAtEveryPosition() throws {
    for length in 0..<24 {
      for position in 0..<max(length, 1) {
        var body = [UInt8](repeating: UInt8(ascii: "a"), count: length)
        // A quote ends the string early: what follows is data after the value.
        if position < length {
          body[position] = UInt8(ascii: "\"")
          let quoted = [0x22] + body + [0x22]
          #expect(throws: TronPayError.self) { try JSONReader.parse(quoted) }
          // An escaped quote stays inside.
          var escaped = body
          escaped.replaceSubrange(position...position, with: [0x5C, 0x22])
          let value = try JSONReader.parse([0x22] + escaped + [0x22])
          #expect(value.stringValue?.utf8.count == length)
          // Control characters and lone high bytes are refused wherever they are.
          for bad: UInt8 in [0x00, 0x0A, 0x1F, 0x80, 0xFF] {
            body[position] = bad
            #expect(throws: TronPayError.self) { try JSONReader.parse([0x22] + body + [0x22]) }
          }
          // A two-byte character is kept whole.
          var twoByte = [UInt8](repeating: UInt8(ascii: "a"), count: length)
          twoByte.replaceSubrange(position...position, with: [0xC3, 0xA9])
          let withE = try JSONReader.parse([0x22] + twoByte + [0x22]).stringValue
          #expect(withE?.contains("é") == true && withE?.utf8.count == length + 1)
        } else {
          #expect(try JSONReader.parse([0x22] + body + [0x22]).stringValue?.utf8.count == length)
        }
      }
    }
  }
}
