/// Canonical protobuf bytes, field by field in ascending number, defaults left out: the bytes
/// java-tron's `toByteArray()` gives for the same message, hence the same txID.
extension RawTransaction {
  public func encoded() -> [UInt8] {
    var writer = ProtoWriter(capacity: 96 + data.count + contract.estimatedSize)
    writer.bytes(1, refBlockBytes)
    writer.int64(3, refBlockNum)
    writer.bytes(4, refBlockHash)
    writer.int64(8, expiration)
    writer.bytes(10, data)
    writer.message(11, contract.encoded())
    writer.int64(14, timestamp)
    writer.int64(18, feeLimit)
    return writer.bytes
  }
}

extension Contract {
  var estimatedSize: Int {
    switch payload {
    case .triggerSmartContract(let c): return 128 + c.data.count
    case .opaque(let value): return 64 + value.count
    default: return 128
    }
  }

  func encoded() -> [UInt8] {
    var any = ProtoWriter(capacity: estimatedSize)
    any.bytes(1, typeURL)
    any.bytes(2, payload.encoded())
    var writer = ProtoWriter(capacity: estimatedSize + 8)
    writer.int32(1, type)
    writer.message(2, any.bytes)
    writer.int32(5, permissionID)
    return writer.bytes
  }
}

extension ContractPayload {
  func encoded() -> [UInt8] {
    var writer = ProtoWriter()
    switch self {
    case .transfer(let c):
      writer.bytes(1, c.owner)
      writer.bytes(2, c.to)
      writer.int64(3, c.amount)
    case .transferAsset(let c):
      writer.bytes(1, c.assetName)
      writer.bytes(2, c.owner)
      writer.bytes(3, c.to)
      writer.int64(4, c.amount)
    case .triggerSmartContract(let c):
      writer.bytes(1, c.owner)
      writer.bytes(2, c.contract)
      writer.int64(3, c.callValue)
      writer.bytes(4, c.data)
      writer.int64(5, c.callTokenValue)
      writer.int64(6, c.tokenID)
    case .opaque(let value):
      return value
    }
    return writer.bytes
  }
}
