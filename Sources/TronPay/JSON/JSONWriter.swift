/// A small compact-JSON writer appending to one byte buffer. Callers emit members in the order
/// they want them to appear, which keeps every output's key order stable. Commas are inserted
/// automatically; the caller pairs each `beginObject`/`beginArray` with its `end…`.
public struct JSONWriter: Sendable {
  public private(set) var bytes: [UInt8] = []
  /// True when the next item in the current container needs a comma before it.
  private var needsComma = false

  public init(reservingCapacity capacity: Int = 0) {
    if capacity > 0 { bytes.reserveCapacity(capacity) }
  }

  public mutating func beginObject() {
    separator()
    bytes.append(UInt8(ascii: "{"))
    needsComma = false
  }

  public mutating func endObject() {
    bytes.append(UInt8(ascii: "}"))
    needsComma = true
  }

  public mutating func beginArray() {
    separator()
    bytes.append(UInt8(ascii: "["))
    needsComma = false
  }

  public mutating func endArray() {
    bytes.append(UInt8(ascii: "]"))
    needsComma = true
  }

  /// Writes `"name":`; the member's value must follow.
  public mutating func key(_ name: String) {
    separator()
    var name = name
    if name.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) {
      // Fixed member names of our outputs: copy the bytes straight through.
      bytes.append(0x22)
      name.withUTF8 { bytes.append(contentsOf: $0) }
      bytes.append(0x22)
    } else {
      appendQuoted(name)
    }
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  /// Writes `"name":` for a fixed member name (plain ASCII needing no escapes).
  public mutating func fixedKey(_ name: StaticString) {
    separator()
    bytes.append(0x22)
    bytes.append(
      contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    bytes.append(0x22)
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  public mutating func string(_ text: String) {
    separator()
    appendQuoted(text)
    needsComma = true
  }

  /// Writes a string whose content is plain ASCII needing no escapes (hex, base58, decimal).
  public mutating func asciiString(_ text: [UInt8]) {
    separator()
    bytes.append(UInt8(ascii: "\""))
    bytes.append(contentsOf: text)
    bytes.append(UInt8(ascii: "\""))
    needsComma = true
  }

  /// Writes a string whose bytes are plain ASCII needing no escapes.
  public mutating func asciiString(_ text: UnsafeBufferPointer<UInt8>) {
    separator()
    bytes.append(UInt8(ascii: "\""))
    bytes.append(contentsOf: text)
    bytes.append(UInt8(ascii: "\""))
    needsComma = true
  }

  /// Writes a string known to be plain ASCII needing no escapes (reason codes, names).
  public mutating func asciiString(_ text: String) {
    var text = text
    text.withUTF8 { asciiString($0) }
  }

  /// Writes a fixed string (plain ASCII needing no escapes).
  public mutating func fixedString(_ text: StaticString) {
    asciiString(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// Writes number text that is already valid JSON number syntax.
  public mutating func number(text: String) {
    separator()
    bytes.append(contentsOf: text.utf8)
    needsComma = true
  }

  public mutating func number(_ value: Int64) {
    separator()
    appendDecimal(value)
    needsComma = true
  }

  public mutating func bool(_ flag: Bool) {
    separator()
    let word: StaticString = flag ? "true" : "false"
    bytes.append(
      contentsOf: UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    needsComma = true
  }

  public mutating func null() {
    separator()
    let word: StaticString = "null"
    bytes.append(
      contentsOf: UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    needsComma = true
  }

  /// Writes a value that is already one valid JSON text, made by this writer earlier (a stored
  /// event's data, an invoice's metadata).
  public mutating func validated(_ json: [UInt8]) {
    separator()
    bytes.append(contentsOf: json)
    needsComma = true
  }

  /// Writes a whole parsed or built value. Recursion depth equals the value's nesting, which the
  /// reader bounds by `JSONReader.maxDepth` for anything that came from input.
  public mutating func value(_ value: JSONValue) {
    switch value {
    case .null: null()
    case .bool(let flag): bool(flag)
    case .number(let text): number(text: text)
    case .string(let text): string(text)
    case .array(let items):
      beginArray()
      for item in items { self.value(item) }
      endArray()
    case .object(let object):
      beginObject()
      for entry in object.entries {
        key(entry.key)
        self.value(entry.value)
      }
      endObject()
    }
  }

  @inline(__always) private mutating func separator() {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
  }

  private mutating func appendDecimal(_ value: Int64) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    // Work with the magnitude as UInt64 so Int64.min has no overflow.
    var magnitude = value.magnitude
    // 20 digits hold any UInt64; filled from the end so no reversal is needed.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var first = digits.count
      repeat {
        first &-= 1
        digits[first] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
        magnitude /= 10
      } while magnitude > 0 && first > 0
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[first...]))
    }
  }

  private mutating func appendQuoted(_ text: String) {
    var text = text
    let copied = text.withUTF8 { utf8 -> Bool in
      // The usual id or name needs no escape: copy it whole.
      guard utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) else { return false }
      bytes.append(0x22)
      bytes.append(contentsOf: utf8)
      bytes.append(0x22)
      return true
    }
    if copied { return }
    bytes.append(UInt8(ascii: "\""))
    for c in text.utf8 {
      switch c {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
      case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
      case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
      case 0..<0x20:
        bytes.append(contentsOf: Array("\\u00".utf8))
        bytes.append(contentsOf: Array(hexByte(c).utf8))
      default: bytes.append(c)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
