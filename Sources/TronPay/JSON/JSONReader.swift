/// Strict RFC 8259 reader over UTF-8 bytes.
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
    guard bytes.count <= maxInputSize else {
      throw TronPayError(.json, "JSON: input of \(bytes.count) bytes exceeds \(maxInputSize)")
    }
    guard bytes.count > 0 else { throw TronPayError(.json, "JSON: empty input") }
    var parser = JSONParser(bytes.assumingMemoryBound(to: UInt8.self))
    return try parser.document()
  }

  public static func parse(_ bytes: [UInt8]) throws(TronPayError) -> JSONValue {
    let result = bytes.withUnsafeBytes { raw -> Result<JSONValue, TronPayError> in
      do throws(TronPayError) {
        return .success(try parse(raw))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }
}

/// One open container on the parser's explicit stack.
struct OpenContainer {
  var isObject: Bool
  var items: [JSONValue] = []
  var entries: [(key: String, value: JSONValue)] = []
  var pendingKey = ""
  /// Built only for large objects, where a linear duplicate scan would turn quadratic.
  var keySet: Set<String>? = nil
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

  mutating func document() throws(TronPayError) -> JSONValue {
    skipWhitespace()
    let value = try nestedValue()
    skipWhitespace()
    guard index == input.count else { throw failure("unexpected data after the value") }
    return value
  }

  /// Reads one value; containers are handled iteratively on `stack`.
  mutating func nestedValue() throws(TronPayError) -> JSONValue {
    var stack: [OpenContainer] = []
    while true {
      // Expecting a value at `index` (whitespace already skipped).
      guard let c = peek() else { throw failure("unexpected end of input, expected a value") }
      var value: JSONValue
      switch c {
      case UInt8(ascii: "{"):
        guard stack.count < JSONReader.maxDepth else { throw failure("nesting too deep") }
        index &+= 1
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
          index &+= 1
          value = .object(JSONObject())
        } else {
          var container = OpenContainer(isObject: true)
          let key = try objectKey(in: &container)
          container.pendingKey = key
          stack.append(container)
          continue
        }
      case UInt8(ascii: "["):
        guard stack.count < JSONReader.maxDepth else { throw failure("nesting too deep") }
        index &+= 1
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
          index &+= 1
          value = .array([])
        } else {
          stack.append(OpenContainer(isObject: false))
          continue
        }
      case UInt8(ascii: "\""):
        value = .string(try string())
      case UInt8(ascii: "t"):
        try literal("true")
        value = .bool(true)
      case UInt8(ascii: "f"):
        try literal("false")
        value = .bool(false)
      case UInt8(ascii: "n"):
        try literal("null")
        value = .null
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        value = .number(try number())
      default:
        throw failure("unexpected byte 0x\(hexByte(c)), expected a value")
      }
      // A complete value: attach it to the open containers, closing those that end here.
      while true {
        guard let top = stack.indices.last else { return value }
        skipWhitespace()
        let next = peek()
        if stack[top].isObject {
          let key = stack[top].pendingKey
          stack[top].entries.append((key: key, value: value))
          if next == UInt8(ascii: ",") {
            index &+= 1
            skipWhitespace()
            let key = try objectKey(in: &stack[top])
            stack[top].pendingKey = key
            break
          }
          guard next == UInt8(ascii: "}") else { throw failure("expected ',' or '}'") }
          index &+= 1
          value = .object(JSONObject(stack[top].entries))
        } else {
          stack[top].items.append(value)
          if next == UInt8(ascii: ",") {
            index &+= 1
            skipWhitespace()
            break
          }
          guard next == UInt8(ascii: "]") else { throw failure("expected ',' or ']'") }
          index &+= 1
          value = .array(stack[top].items)
        }
        stack.removeLast()
      }
    }
  }

  /// Reads `"key" :` plus the whitespace after it, rejecting a key the object already has.
  mutating func objectKey(in container: inout OpenContainer) throws(TronPayError) -> String {
    guard peek() == UInt8(ascii: "\"") else { throw failure("expected a string key") }
    let start = index
    let key = try string()
    if var keys = container.keySet {
      guard keys.insert(key).inserted else { throw duplicate(key, at: start) }
      container.keySet = keys
    } else {
      for entry in container.entries where entry.key == key { throw duplicate(key, at: start) }
      if container.entries.count >= 16 {
        var keys = Set(container.entries.map(\.key))
        keys.insert(key)
        container.keySet = keys
      }
    }
    skipWhitespace()
    guard peek() == UInt8(ascii: ":") else { throw failure("expected ':'") }
    index &+= 1
    skipWhitespace()
    return key
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

  /// Validates `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` and returns its exact text.
  mutating func number() throws(TronPayError) -> String {
    let start = index
    try skipNumber()
    return String(decoding: UnsafeBufferPointer(rebasing: input[start..<index]), as: UTF8.self)
  }

  /// Checks the number grammar at `index` and moves past the number.
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
