/// One JSON value as the strict reader produced it. Numbers keep the exact text of the input so
/// block numbers, sun amounts and 2^256-range token amounts convert without any loss.
public indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// The number's exact text as in the input (already checked against the RFC 8259 grammar).
  case number(String)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  public var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  public var boolValue: Bool? {
    if case .bool(let flag) = self { return flag }
    return nil
  }

  public var arrayValue: [JSONValue]? {
    if case .array(let items) = self { return items }
    return nil
  }

  public var objectValue: JSONObject? {
    if case .object(let object) = self { return object }
    return nil
  }

  public var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  /// The value of an integer number (no fraction, no exponent) that fits an Int64; nil otherwise.
  public var int64Value: Int64? {
    guard case .number(let text) = self else { return nil }
    return JSONNumberText.int64(text.utf8)
  }

  /// Compact JSON text (no whitespace), object keys in their stored order.
  public func serialized() -> [UInt8] {
    var writer = JSONWriter()
    writer.value(self)
    return writer.bytes
  }
}

/// Integer conversions of number text that the reader has already validated.
enum JSONNumberText {
  static func int64<C: Collection>(_ text: C) -> Int64? where C.Element == UInt8 {
    var iterator = text.makeIterator()
    guard var c = iterator.next() else { return nil }
    let negative = c == UInt8(ascii: "-")
    if negative {
      guard let next = iterator.next() else { return nil }
      c = next
    }
    // Accumulate on the negative side, which has room for Int64.min.
    var value: Int64 = 0
    var current: UInt8? = c
    while let digit = current {
      guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
      let (times10, o1) = value.multipliedReportingOverflow(by: 10)
      let (next, o2) = times10.subtractingReportingOverflow(Int64(digit &- UInt8(ascii: "0")))
      guard !o1, !o2 else { return nil }
      value = next
      current = iterator.next()
    }
    if negative { return value }
    let (positive, overflow) = Int64(0).subtractingReportingOverflow(value)
    return overflow ? nil : positive
  }

}
