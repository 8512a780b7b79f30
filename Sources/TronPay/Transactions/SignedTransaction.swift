/// The whole `protocol.Transaction` message: raw_data (field 1) and the signatures (field 2,
/// one per signer). These are the bytes /wallet/broadcasthex takes; the node's `ret` (field 5)
/// is never part of what a client sends.
public enum SignedTransaction {
  /// E_TX if `raw` does not decode; E_SIGNATURE for a signature that is not 65 bytes.
  public static func encode(raw: [UInt8], signatures: [[UInt8]]) throws(TronPayError) -> [UInt8] {
    _ = try RawTransaction.decode(raw)
    var writer = ProtoWriter(capacity: raw.count + 70 * signatures.count + 8)
    writer.message(1, raw)
    for (index, signature) in signatures.enumerated() {
      guard signature.count == RecoverableSignature.size else {
        throw TronPayError(.signature, "signature \(index) is \(signature.count) bytes, not 65")
      }
      writer.bytes(2, signature)
    }
    return writer.bytes
  }

  /// Most signatures one list holds: 2^20 (java-tron allows 5 per permission), so the list's
  /// byte length, count × 65, cannot overflow.
  public static let maxSignatures = 1 << 20

  /// The byte length of a list of `count` signatures; E_ARG outside 0 … `maxSignatures`.
  public static func signatureListSize(count: Int) throws(TronPayError) -> Int {
    guard count >= 0, count <= maxSignatures else {
      throw TronPayError(.argument, "sig_count is out of range")
    }
    return count * RecoverableSignature.size
  }

  /// A list of signatures, 65 bytes each, from their concatenation (whole signatures only).
  public static func signatureList(_ bytes: UnsafeRawBufferPointer) -> [[UInt8]] {
    let count = bytes.count / RecoverableSignature.size
    var list: [[UInt8]] = []
    list.reserveCapacity(count)
    for index in 0..<count {
      let start = index * RecoverableSignature.size
      list.append(
        Array(UnsafeRawBufferPointer(rebasing: bytes[start..<start + RecoverableSignature.size])))
    }
    return list
  }

  /// raw_data bytes and signatures of Transaction bytes; other fields (ret) are skipped.
  public static func decode(_ bytes: [UInt8]) throws(TronPayError)
    -> (raw: [UInt8], signatures: [[UInt8]])
  {
    try withBytes(bytes) { (buffer) throws(TronPayError) -> (raw: [UInt8], signatures: [[UInt8]]) in
      try decodeParts(buffer)
    }
  }

  private static func decodeParts(_ buffer: UnsafeRawBufferPointer) throws(TronPayError)
    -> (raw: [UInt8], signatures: [[UInt8]])
  {
    var reader = ProtoReader(buffer, range: 0..<buffer.count, context: "Transaction")
    var fields = ProtoMessageFields("Transaction")
    var raw: [UInt8]? = nil
    var signatures: [[UInt8]] = []
    while let field = try reader.next() {
      switch field.number {
      case 1:
        let range = try fields.lengthDelimited(field)
        let bytes = reader.copy(range)
        _ = try RawTransaction.decode(UnsafeRawBufferPointer(rebasing: buffer[range]))
        raw = bytes
      case 2:
        guard field.wireType == .lengthDelimited else {
          throw TronPayError(.transaction, "malformed protobuf in Transaction: signature type")
        }
        signatures.append(reader.copy(field.payload))
      default:
        continue
      }
    }
    guard let raw else { throw TronPayError(.transaction, "Transaction has no raw_data") }
    return (raw, signatures)
  }
}
