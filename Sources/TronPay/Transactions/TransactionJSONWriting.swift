/// The node's own JSON of a transaction (java-tron `Util.printTransactionToJSON` with
/// visible=false): bytes as lower-case hex, int64 as numbers, fields equal to their default left
/// out, contract parameters under java-tron's field names.
public enum TransactionJSON {
  /// `{"txID","raw_data","raw_data_hex","signature":[…],"visible":false}`, ready for
  /// /wallet/broadcasttransaction. E_TX when the bytes do not decode, are not in canonical form
  /// (the node rebuilds the protobuf from raw_data, so other bytes would get another txID), or
  /// carry a contract type this library does not render.
  public static func render(raw: [UInt8], signatures: [[UInt8]]) throws(TronPayError) -> [UInt8] {
    let decoded = try RawTransaction.decode(raw)
    guard decoded.encoded() == raw else {
      throw TronPayError(
        .transaction,
        "raw_data bytes are not in canonical form (unknown fields or a non-minimal encoding); "
          + "their JSON would rebuild other bytes: broadcast them with /wallet/broadcasthex")
    }
    if case .opaque = decoded.contract.payload {
      throw TronPayError(
        .transaction,
        "contract type \(decoded.contract.type) is not rendered as JSON by this library")
    }
    var writer = JSONWriter(reservingCapacity: 3 * raw.count + 160 * signatures.count + 400)
    writer.beginObject()
    writer.key("txID")
    writer.asciiString(Array(Hex.encode(SHA256.hash(raw)).utf8))
    writer.key("raw_data")
    writer.rawData(decoded)
    writer.key("raw_data_hex")
    writer.hex(raw)
    writer.key("signature")
    writer.beginArray()
    for signature in signatures { writer.hex(signature) }
    writer.endArray()
    writer.key("visible")
    writer.bool(false)
    writer.endObject()
    return writer.bytes
  }
}

extension JSONWriter {
  mutating func hex<C: Collection>(_ bytes: C) where C.Element == UInt8 {
    asciiString(Array(Hex.encode(bytes).utf8))
  }

  mutating func hexMember(_ name: String, _ bytes: [UInt8]) {
    guard !bytes.isEmpty else { return }
    key(name)
    hex(bytes)
  }

  mutating func numberMember(_ name: String, _ value: Int64) {
    guard value != 0 else { return }
    key(name)
    number(value)
  }

  mutating func rawData(_ raw: RawTransaction) {
    beginObject()
    hexMember("ref_block_bytes", raw.refBlockBytes)
    numberMember("ref_block_num", raw.refBlockNum)
    hexMember("ref_block_hash", raw.refBlockHash)
    numberMember("expiration", raw.expiration)
    hexMember("data", raw.data)
    key("contract")
    beginArray()
    contract(raw.contract)
    endArray()
    numberMember("timestamp", raw.timestamp)
    numberMember("fee_limit", raw.feeLimit)
    endObject()
  }

  private mutating func contract(_ contract: Contract) {
    beginObject()
    key("parameter")
    beginObject()
    key("value")
    beginObject()
    switch contract.payload {
    case .transfer(let c):
      hexMember("owner_address", c.owner)
      hexMember("to_address", c.to)
      numberMember("amount", c.amount)
    case .transferAsset(let c):
      hexMember("asset_name", c.assetName)
      hexMember("owner_address", c.owner)
      hexMember("to_address", c.to)
      numberMember("amount", c.amount)
    case .triggerSmartContract(let c):
      hexMember("owner_address", c.owner)
      hexMember("contract_address", c.contract)
      numberMember("call_value", c.callValue)
      hexMember("data", c.data)
      numberMember("call_token_value", c.callTokenValue)
      numberMember("token_id", c.tokenID)
    case .opaque:
      break
    }
    endObject()
    key("type_url")
    string(String(decoding: contract.typeURL, as: UTF8.self))
    endObject()
    key("type")
    string(ContractType.name(contract.type) ?? String(contract.type))
    numberMember("Permission_id", Int64(contract.permissionID))
    endObject()
  }
}
