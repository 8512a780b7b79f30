/// Typed access to the known fields of one message: checks the wire type each field must have
/// and refuses a singular field that appears twice (java-tron would merge the two silently; a
/// signing gate must not guess which one a reader sees).
struct ProtoMessageFields {
  let message: StaticString
  private var seen: UInt64 = 0

  init(_ message: StaticString) { self.message = message }

  private func wrongType(_ field: ProtoField, expected: String) -> TronPayError {
    TronPayError(
      .transaction,
      "malformed protobuf in \(message): field \(field.number) has wire type "
        + "\(field.wireType.rawValue), expected \(expected)")
  }

  /// Marks a singular field as seen; a second occurrence is an error.
  mutating func once(_ field: ProtoField) throws(TronPayError) {
    let bit: UInt64 = field.number < 64 ? 1 << UInt64(field.number) : 0
    guard seen & bit == 0 else {
      throw TronPayError(
        .transaction, "malformed protobuf in \(message): field \(field.number) appears twice")
    }
    seen |= bit
  }

  mutating func int64(_ field: ProtoField) throws(TronPayError) -> Int64 {
    guard field.wireType == .varint else { throw wrongType(field, expected: "varint") }
    try once(field)
    return Int64(bitPattern: field.value)
  }

  /// int32 and enum fields: the sign-extended varint must fit 32 bits.
  mutating func int32(_ field: ProtoField) throws(TronPayError) -> Int32 {
    let wide = try int64(field)
    guard let narrow = Int32(exactly: wide) else {
      throw TronPayError(
        .transaction, "malformed protobuf in \(message): field \(field.number) exceeds int32")
    }
    return narrow
  }

  mutating func lengthDelimited(_ field: ProtoField) throws(TronPayError) -> Range<Int> {
    guard field.wireType == .lengthDelimited else {
      throw wrongType(field, expected: "length-delimited")
    }
    try once(field)
    return field.payload
  }
}
