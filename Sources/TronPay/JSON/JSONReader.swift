/// Strict RFC 8259 reader over UTF-8 bytes, giving a tree of owned values (`JSONValue`) for the
/// readers that want one (transactions). The validation is the tape's (`JSONTapeDocument`): one
/// grammar, one duplicate-key rule and one set of limits for every JSON the library reads.
///
/// Rejects: invalid UTF-8 (overlongs, encoded surrogates, anything above U+10FFFF), lone or
/// mismatched `\u` surrogates, control characters in strings, leading zeros, trailing commas,
/// NaN/Infinity, any whitespace but space/tab/LF/CR, a byte-order mark, anything after the value,
/// duplicate keys in one object, nesting deeper than `maxDepth`, and input above `maxInputSize`.
/// Containers are tracked on an explicit stack, so hostile nesting cannot exhaust the call stack.
/// Every error is `TronPayError(.json, …)` naming the byte offset.
public enum JSONReader {
  /// Largest accepted input: 64 MiB, far above any node or TronGrid page (a full mainnet block of
  /// receipts is a few MiB).
  public static let maxInputSize = 64 * 1024 * 1024
  /// Deepest accepted nesting of arrays and objects (TRON answers nest fewer than 10 levels).
  public static let maxDepth = 128

  public static func parse(_ bytes: UnsafeRawBufferPointer) throws(TronPayError) -> JSONValue {
    try JSONTapeDocument.read(bytes) { root in root.tree() }
  }

  public static func parse(_ bytes: [UInt8]) throws(TronPayError) -> JSONValue {
    try withBytes(bytes) { (raw) throws(TronPayError) -> JSONValue in try parse(raw) }
  }
}

extension JSONRef {
  /// The value as a tree of owned values. The tape is validated and at most `maxDepth` deep,
  /// so the recursion is bounded.
  public func tree() -> JSONValue {
    switch kind {
    case .null: return .null
    case .trueValue: return .bool(true)
    case .falseValue: return .bool(false)
    case .number: return .number(withText { String(decoding: $0, as: UTF8.self) } ?? "0")
    case .string, .escapedString: return .string(stringValue ?? "")
    case .array:
      var items: [JSONValue] = []
      for item in elements ?? .empty { items.append(item.tree()) }
      return .array(items)
    case .object:
      var entries: [(key: String, value: JSONValue)] = []
      forEachMember { key, value in entries.append((key.stringValue ?? "", value.tree())) }
      return .object(JSONObject(entries))
    }
  }
}

struct JSONParser {
  let input: UnsafeBufferPointer<UInt8>
  var index = 0

  init(_ input: UnsafeBufferPointer<UInt8>) { self.input = input }

  func failure(_ what: String) -> TronPayError {
    TronPayError(.json, "JSON: \(what) at offset \(index)")
  }

  /// The byte at `index`, nil at the end of input.
  @inline(__always) func peek() -> UInt8? {
    index < input.count ? input[index] : nil
  }

  @inline(__always) mutating func skipWhitespace() {
    while index < input.count {
      let c = input[index]
      guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
      index &+= 1
    }
  }

  func duplicate(_ key: String, at offset: Int) -> TronPayError {
    let shown = key.utf8.count <= 64 ? key : String(key.prefix(64)) + "…"
    return TronPayError(.json, "JSON: duplicate key \"\(shown)\" at offset \(offset)")
  }

  mutating func literal(_ word: StaticString) throws(TronPayError) {
    let count = word.utf8CodeUnitCount
    guard input.count &- index >= count else { throw failure("truncated literal") }
    let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
    for k in 0..<count where input[index &+ k] != expected[k] {
      throw failure("invalid literal")
    }
    index &+= count
  }

  /// Checks `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` at `index` and moves past it.
  mutating func skipNumber() throws(TronPayError) {
    if peek() == UInt8(ascii: "-") { index &+= 1 }
    guard let first = peek(), isDigit(first) else { throw failure("invalid number") }
    index &+= 1
    if first == UInt8(ascii: "0") {
      if let c = peek(), isDigit(c) { throw failure("leading zero in number") }
    } else {
      skipDigits()
    }
    if peek() == UInt8(ascii: ".") {
      index &+= 1
      guard let c = peek(), isDigit(c) else { throw failure("expected a digit after '.'") }
      skipDigits()
    }
    if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
      index &+= 1
      if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
        index &+= 1
      }
      guard let c = peek(), isDigit(c) else { throw failure("expected a digit in exponent") }
      skipDigits()
    }
  }

  @inline(__always) func isDigit(_ c: UInt8) -> Bool {
    c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
  }

  @inline(__always) mutating func skipDigits() {
    while index < input.count, isDigit(input[index]) { index &+= 1 }
  }
}

func hexByte(_ byte: UInt8) -> String {
  let digits: [Character] = [
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f",
  ]
  return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
}
