/// Decoding of `Transaction.raw` bytes. The schema fixes the depth (raw → Contract → Any →
/// parameter), so nesting never follows the input. Unknown fields are skipped; known fields with
/// the wrong wire type, repeated singular fields, more or fewer than one contract, and a contract
/// type that disagrees with its parameter's type_url are refused with E_TX.
extension RawTransaction {
  public static func decode(_ raw: UnsafeRawBufferPointer) throws(TronPayError) -> RawTransaction {
    var reader = ProtoReader(raw, range: 0..<raw.count, context: "Transaction.raw")
    var fields = ProtoMessageFields("Transaction.raw")
    var result = RawTransaction(
      refBlockBytes: [], refBlockHash: [], expiration: 0,
      contract: Contract(type: 0, typeURL: [], payload: .opaque([])))
    var sawContract = false
    while let field = try reader.next() {
      switch field.number {
      case 1: result.refBlockBytes = reader.copy(try fields.lengthDelimited(field))
      case 3: result.refBlockNum = try fields.int64(field)
      case 4: result.refBlockHash = reader.copy(try fields.lengthDelimited(field))
      case 8: result.expiration = try fields.int64(field)
      case 10: result.data = reader.copy(try fields.lengthDelimited(field))
      case 11:
        guard !sawContract else {
          throw TronPayError(
            .transaction, "raw_data carries more than one contract; java-tron accepts exactly one")
        }
        sawContract = true
        result.contract = try Contract.decode(raw, range: try fields.lengthDelimited(field))
      case 14: result.timestamp = try fields.int64(field)
      case 18: result.feeLimit = try fields.int64(field)
      default: continue
      }
    }
    guard sawContract else { throw TronPayError(.transaction, "raw_data carries no contract") }
    return result
  }

  public static func decode(_ raw: [UInt8]) throws(TronPayError) -> RawTransaction {
    try withBytes(raw) { (buffer) throws(TronPayError) -> RawTransaction in try decode(buffer) }
  }
}

extension ProtoReader {
  func copy(_ range: Range<Int>) -> [UInt8] {
    Array(UnsafeRawBufferPointer(rebasing: source[range]))
  }
}

extension Contract {
  static func decode(_ buffer: UnsafeRawBufferPointer, range: Range<Int>) throws(TronPayError)
    -> Contract
  {
    var reader = ProtoReader(buffer, range: range, context: "Transaction.Contract")
    var fields = ProtoMessageFields("Transaction.Contract")
    var type: Int32 = 0
    var permissionID: Int32 = 0
    var parameter: Range<Int>? = nil
    while let field = try reader.next() {
      switch field.number {
      case 1: type = try fields.int32(field)
      case 2: parameter = try fields.lengthDelimited(field)
      case 5: permissionID = try fields.int32(field)
      default: continue
      }
    }
    guard let parameter else { throw TronPayError(.transaction, "contract has no parameter") }

    var any = ProtoReader(buffer, range: parameter, context: "Contract.parameter (Any)")
    var anyFields = ProtoMessageFields("Contract.parameter (Any)")
    var typeURL: [UInt8] = []
    var value = 0..<0
    while let field = try any.next() {
      switch field.number {
      case 1: typeURL = any.copy(try anyFields.lengthDelimited(field))
      case 2: value = try anyFields.lengthDelimited(field)
      default: continue
      }
    }
    let payload = try ContractPayload.decode(
      buffer, range: value, type: type, typeURL: typeURL)
    return Contract(type: type, typeURL: typeURL, payload: payload, permissionID: permissionID)
  }
}

extension ContractPayload {
  static func decode(
    _ buffer: UnsafeRawBufferPointer, range: Range<Int>, type: Int32, typeURL: [UInt8]
  ) throws(TronPayError) -> ContractPayload {
    switch type {
    case ContractType.transfer, ContractType.transferAsset, ContractType.triggerSmartContract:
      break
    default:
      if typeURL == ContractType.transferURL || typeURL == ContractType.transferAssetURL
        || typeURL == ContractType.triggerSmartContractURL
      {
        throw TronPayError(
          .transaction, "contract type \(type) disagrees with its parameter's type_url")
      }
      return .opaque(Array(UnsafeRawBufferPointer(rebasing: buffer[range])))
    }
    guard ContractType.typeURL(type) == typeURL else {
      throw TronPayError(
        .transaction,
        "contract type \(ContractType.name(type) ?? "?") disagrees with its parameter's type_url")
    }
    switch type {
    case ContractType.transfer: return .transfer(try decodeTransfer(buffer, range))
    case ContractType.transferAsset: return .transferAsset(try decodeAsset(buffer, range))
    default: return .triggerSmartContract(try decodeTrigger(buffer, range))
    }
  }

  private static func decodeTransfer(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>)
    throws(TronPayError) -> TransferContract
  {
    var reader = ProtoReader(buffer, range: range, context: "TransferContract")
    var fields = ProtoMessageFields("TransferContract")
    var result = TransferContract(owner: [], to: [], amount: 0)
    while let field = try reader.next() {
      switch field.number {
      case 1: result.owner = reader.copy(try fields.lengthDelimited(field))
      case 2: result.to = reader.copy(try fields.lengthDelimited(field))
      case 3: result.amount = try fields.int64(field)
      default: continue
      }
    }
    return result
  }

  private static func decodeAsset(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>)
    throws(TronPayError) -> TransferAssetContract
  {
    var reader = ProtoReader(buffer, range: range, context: "TransferAssetContract")
    var fields = ProtoMessageFields("TransferAssetContract")
    var result = TransferAssetContract(assetName: [], owner: [], to: [], amount: 0)
    while let field = try reader.next() {
      switch field.number {
      case 1: result.assetName = reader.copy(try fields.lengthDelimited(field))
      case 2: result.owner = reader.copy(try fields.lengthDelimited(field))
      case 3: result.to = reader.copy(try fields.lengthDelimited(field))
      case 4: result.amount = try fields.int64(field)
      default: continue
      }
    }
    return result
  }

  private static func decodeTrigger(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>)
    throws(TronPayError) -> TriggerSmartContract
  {
    var reader = ProtoReader(buffer, range: range, context: "TriggerSmartContract")
    var fields = ProtoMessageFields("TriggerSmartContract")
    var result = TriggerSmartContract(owner: [], contract: [], data: [])
    while let field = try reader.next() {
      switch field.number {
      case 1: result.owner = reader.copy(try fields.lengthDelimited(field))
      case 2: result.contract = reader.copy(try fields.lengthDelimited(field))
      case 3: result.callValue = try fields.int64(field)
      case 4: result.data = reader.copy(try fields.lengthDelimited(field))
      case 5: result.callTokenValue = try fields.int64(field)
      case 6: result.tokenID = try fields.int64(field)
      default: continue
      }
    }
    return result
  }
}
