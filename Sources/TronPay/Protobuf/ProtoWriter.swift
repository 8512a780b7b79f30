/// Writes protobuf the way java-tron's generated code does: callers emit fields in ascending
/// field-number order, and every scalar equal to its proto3 default is left out.
struct ProtoWriter {
  private(set) var bytes: [UInt8] = []

  init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  mutating func varint(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(truncatingIfNeeded: rest))
  }

  mutating func tag(_ field: UInt32, _ wireType: ProtoWireType) {
    varint(UInt64(field) << 3 | UInt64(wireType.rawValue))
  }

  /// int64 is a plain varint of the two's-complement bits: a negative value takes 10 bytes.
  mutating func int64(_ field: UInt32, _ value: Int64) {
    guard value != 0 else { return }
    tag(field, .varint)
    varint(UInt64(bitPattern: value))
  }

  /// int32 and enums are sign-extended to 64 bits on the wire, like int64.
  mutating func int32(_ field: UInt32, _ value: Int32) { int64(field, Int64(value)) }

  /// A bytes or string field; empty means default and is left out.
  mutating func bytes<C: Collection>(_ field: UInt32, _ value: C) where C.Element == UInt8 {
    guard !value.isEmpty else { return }
    tag(field, .lengthDelimited)
    varint(UInt64(value.count))
    bytes.append(contentsOf: value)
  }

  /// A nested message: present even when its encoding is empty, as a set submessage is.
  mutating func message(_ field: UInt32, _ encoded: [UInt8]) {
    tag(field, .lengthDelimited)
    varint(UInt64(encoded.count))
    bytes.append(contentsOf: encoded)
  }
}
