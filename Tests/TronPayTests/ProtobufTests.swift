import Foundation
import Testing

@_spi(Boundary) @testable import TronPay

private func decodeError(_ bytes: [UInt8]) -> TronPayError? {
  do {
    _ = try RawTransaction.decode(bytes)
    return nil
  } catch { return error }
}

/// A minimal valid raw_data: ref bytes/hash, expiration and a TransferContract.
private let minimalRaw = hexConstant(
  "0a027b3b2208b21ace8d6ac20e7e40d8abb9bae62c5a67080112630a2d747970652e676f6f676c65617069732e636f"
    + "6d2f70726f746f636f6c2e5472616e73666572436f6e747261637412320a15415cd0fb0ab3ce40f3051414c604"
    + "b27756e69e43db121541521ea197907927725ef36d70f25f850d1659c7c71880897a")

@Suite struct ProtobufWriter {
  @Test func varintsMatchTheProtobufSpecification() {
    // Known encodings from the protobuf encoding guide: 1 → 01, 150 → 96 01, 300 → ac 02.
    for (value, hex) in [(UInt64(0), "00"), (1, "01"), (127, "7f"), (150, "9601"), (300, "ac02")] {
      var writer = ProtoWriter()
      writer.varint(value)
      #expect(Hex.encode(writer.bytes) == hex)
    }
    var writer = ProtoWriter()
    writer.varint(.max)
    #expect(Hex.encode(writer.bytes) == "ffffffffffffffffff01")
  }

  @Test func negativeInt64IsATenByteVarintAndDefaultsAreOmitted() {
    var writer = ProtoWriter()
    writer.int64(8, 0)
    writer.bytes(1, [UInt8]())
    #expect(writer.bytes.isEmpty)
    writer.int64(8, -1)
    #expect(Hex.encode(writer.bytes) == "40ffffffffffffffffff01")
    var int32 = ProtoWriter()
    int32.int32(5, -2)
    #expect(Hex.encode(int32.bytes) == "28feffffffffffffffff01")
  }

  @Test func fieldEighteenHasATwoByteTag() {
    var writer = ProtoWriter()
    writer.int64(18, 50_000_000)
    #expect(Hex.encode(writer.bytes) == "900180e1eb17")
  }

  @Test func negativeAndExtremeValuesRoundTrip() throws {
    var raw = try RawTransaction.decode(minimalRaw)
    raw.expiration = -1
    raw.timestamp = .min
    raw.feeLimit = .max
    raw.contract.permissionID = .min
    let bytes = raw.encoded()
    #expect(try RawTransaction.decode(bytes) == raw)
  }
}

@Suite struct ProtobufReaderRejects {
  @Test func truncatedAndOverlongVarints() {
    #expect(decodeError([0x40])?.detail.contains("truncated varint") == true)
    #expect(decodeError([0x40, 0x80])?.detail.contains("truncated varint") == true)
    let eleven: [UInt8] = [0x40] + [UInt8](repeating: 0x80, count: 10) + [0x01]
    #expect(decodeError(eleven)?.detail.contains("longer than 10 bytes") == true)
    let overflow: [UInt8] = [0x40] + [UInt8](repeating: 0xff, count: 9) + [0x02]
    #expect(decodeError(overflow)?.detail.contains("above 2^64") == true)
  }

  @Test func lengthsPastTheEnd() {
    #expect(decodeError([0x0a, 0x05, 0x01])?.detail.contains("claims 5 bytes") == true)
    // A nested length that exceeds its parent, though not the whole buffer.
    let nested = hexConstant("5a0308011205") + [UInt8](repeating: 0, count: 8)
    #expect(decodeError(nested)?.kind == .transaction)
    // A huge length near 2^64 must not wrap.
    let huge: [UInt8] = [0x0a] + [UInt8](repeating: 0xff, count: 9) + [0x01]
    #expect(decodeError(huge)?.detail.contains("claims") == true)
  }

  @Test func groupsAndUndefinedWireTypes() {
    for wire in [3, 4, 6, 7] as [UInt8] {
      let error = decodeError(minimalRaw + [0x78 | wire, 0x00])  // field 15
      #expect(error?.detail.contains("wire type \(wire)") == true)
    }
    #expect(decodeError([0x00, 0x00])?.detail.contains("field number 0") == true)
  }

  @Test func wrongWireTypeForAKnownField() {
    // expiration (8) as length-delimited; ref_block_bytes (1) as varint.
    #expect(decodeError(minimalRaw + [0x42, 0x00])?.detail.contains("expected varint") == true)
    let error = decodeError([0x08, 0x01] + minimalRaw)
    #expect(error?.detail.contains("expected length-delimited") == true)
  }

  @Test func repeatedSingularFieldsAndContractCount() {
    #expect(decodeError(minimalRaw + [0x40, 0x01])?.detail.contains("appears twice") == true)
    let twoContracts = minimalRaw + Array(minimalRaw[21...])
    #expect(decodeError(twoContracts)?.detail.contains("more than one contract") == true)
    #expect(decodeError(Array(minimalRaw[0..<21]))?.detail.contains("no contract") == true)
  }

  @Test func typeDisagreeingWithTypeURL() throws {
    var raw = minimalRaw
    // Contract.type 1 → 31 while the type_url still says TransferContract.
    let at = try #require(raw.firstIndex(of: 0x5a))
    raw[at + 3] = 31
    #expect(decodeError(raw)?.detail.contains("disagrees") == true)
  }

  @Test func unknownFieldsAreSkippedButMakeTheBytesNonCanonical() throws {
    // auths (9, length-delimited), a fixed64 (19), a fixed32 (20) and a varint (21).
    let extra: [UInt8] =
      [0x4a, 0x02, 0xaa, 0xbb] + [0x99, 0x01] + [UInt8](repeating: 7, count: 8)
      + [0xa5, 0x01, 1, 2, 3, 4] + [0xa8, 0x01, 0x05]
    let raw = try RawTransaction.decode(minimalRaw + extra)
    #expect(raw == (try RawTransaction.decode(minimalRaw)))
    #expect(raw.encoded() == minimalRaw)
    #expect(
      decodeError(minimalRaw + [0x99, 0x01, 1, 2])?.detail.contains("truncated fixed") == true)
  }

  @Test func everyPrefixOfAValidTransactionFailsCleanly() {
    for length in 0..<minimalRaw.count {
      #expect(decodeError(Array(minimalRaw[0..<length])) != nil)
    }
  }

  @Test func randomBytesNeverTrap() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      var bytes = minimalRaw
      for _ in 0..<3 {
        let index = Int.random(in: 0..<bytes.count, using: &generator)
        bytes[index] = UInt8.random(in: 0...255, using: &generator)
      }
      _ = decodeError(bytes)
    }
  }
}
