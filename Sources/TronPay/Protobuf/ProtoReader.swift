/// One field as it appears on the wire. For a length-delimited field `payload` is the range of
/// its bytes in the buffer; for a varint `value` is the decoded number.
struct ProtoField {
  let number: UInt32
  let wireType: ProtoWireType
  let value: UInt64
  let payload: Range<Int>
}

/// Reads one message level of protobuf from a byte range, without recursion: a nested message is
/// read by a new reader over its payload, and only where the schema expects one.
///
/// Refused as malformed: a varint that is truncated, longer than 10 bytes or above 2^64 − 1; a
/// field number of 0 or above 2^29 − 1; wire types 3, 4 (groups), 6 and 7; a length or a fixed
/// field that runs past the end of the enclosing message.
struct ProtoReader {
  private let buffer: UnsafeRawBufferPointer
  private var offset: Int
  private let end: Int
  private let context: StaticString

  /// `range` must lie inside `buffer` (it always comes from the buffer's own count or a payload).
  init(_ buffer: UnsafeRawBufferPointer, range: Range<Int>, context: StaticString) {
    self.buffer = buffer
    self.offset = max(0, min(range.lowerBound, buffer.count))
    self.end = max(self.offset, min(range.upperBound, buffer.count))
    self.context = context
  }

  var isAtEnd: Bool { offset >= end }

  private func malformed(_ what: String) -> TronPayError {
    TronPayError(.transaction, "malformed protobuf in \(context): \(what)")
  }

  mutating func readVarint() throws(TronPayError) -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    for index in 0..<10 {
      guard offset < end else { throw malformed("truncated varint") }
      let byte = buffer[offset]
      offset += 1
      if index == 9 {
        guard byte & 0x80 == 0 else { throw malformed("varint longer than 10 bytes") }
        guard byte <= 1 else { throw malformed("varint above 2^64 - 1") }
      }
      result |= UInt64(byte & 0x7f) << shift
      if byte & 0x80 == 0 { return result }
      shift += 7
    }
    throw malformed("varint longer than 10 bytes")
  }

  /// The next field, or nil at the end of the message.
  mutating func next() throws(TronPayError) -> ProtoField? {
    guard offset < end else { return nil }
    let key = try readVarint()
    let number = key >> 3
    guard number >= 1, number <= 0x1fff_ffff else {
      throw malformed("field number \(number) out of range")
    }
    guard let wireType = ProtoWireType(rawValue: UInt8(key & 7)) else {
      throw malformed("wire type \(key & 7) of field \(number) is not supported")
    }
    switch wireType {
    case .varint:
      let value = try readVarint()
      return ProtoField(
        number: UInt32(number), wireType: .varint, value: value, payload: offset..<offset)
    case .lengthDelimited:
      let length = try readVarint()
      guard length <= UInt64(end - offset) else {
        throw malformed("field \(number) claims \(length) bytes, \(end - offset) remain")
      }
      let start = offset
      offset += Int(length)
      return ProtoField(
        number: UInt32(number), wireType: .lengthDelimited, value: length,
        payload: start..<offset)
    case .fixed64, .fixed32:
      let size = wireType == .fixed64 ? 8 : 4
      guard size <= end - offset else { throw malformed("truncated fixed-size field \(number)") }
      let start = offset
      offset += size
      return ProtoField(
        number: UInt32(number), wireType: wireType, value: 0, payload: start..<offset)
    }
  }

  var source: UnsafeRawBufferPointer { buffer }
}
