/// Protobuf wire types. Groups (3, 4) are obsolete and 6, 7 do not exist: the reader refuses
/// them, so there is no wire type it would have to descend into.
enum ProtoWireType: UInt8, Sendable {
  case varint = 0
  case fixed64 = 1
  case lengthDelimited = 2
  case fixed32 = 5
}
