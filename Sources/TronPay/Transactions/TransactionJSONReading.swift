/// Reads a node's raw_data JSON (visible=false) into the model, strictly: every member must be
/// one java-tron prints for the supported contract types, with the JSON type it prints. Anything
/// else is E_TX, because a member this reader does not understand is a member whose agreement
/// with raw_data_hex it cannot check.
extension RawTransaction {
  public init(json: JSONObject) throws(TronPayError) {
    let reader = MemberReader(json, path: "raw_data")
    try reader.allow([
      "ref_block_bytes", "ref_block_num", "ref_block_hash", "expiration", "data", "contract",
      "timestamp", "fee_limit",
    ])
    let contracts = try reader.array("contract")
    guard contracts.count == 1, let only = contracts[0].objectValue else {
      throw TronPayError(.transaction, "raw_data.contract must hold exactly one contract object")
    }
    self.init(
      refBlockBytes: try reader.hex("ref_block_bytes"),
      refBlockNum: try reader.int64("ref_block_num"),
      refBlockHash: try reader.hex("ref_block_hash"),
      expiration: try reader.int64("expiration"),
      data: try reader.hex("data"),
      contract: try Contract(json: only),
      timestamp: try reader.int64("timestamp"),
      feeLimit: try reader.int64("fee_limit"))
  }
}

extension Contract {
  init(json: JSONObject) throws(TronPayError) {
    let reader = MemberReader(json, path: "raw_data.contract[0]")
    try reader.allow(["parameter", "type", "Permission_id"])
    let typeName = try reader.string("type")
    guard let type = ContractType.value(named: typeName) else {
      throw TronPayError(.transaction, "raw_data.contract[0].type \"\(typeName)\" is unknown")
    }
    let permission = try reader.int64("Permission_id")
    guard let permissionID = Int32(exactly: permission) else {
      throw TronPayError(.transaction, "raw_data.contract[0].Permission_id exceeds int32")
    }
    let parameter = MemberReader(
      try reader.object("parameter"), path: "raw_data.contract[0].parameter")
    try parameter.allow(["value", "type_url"])
    let typeURL = Array(try parameter.string("type_url").utf8)
    guard typeURL == ContractType.typeURL(type) else {
      throw TronPayError(
        .transaction, "raw_data.contract[0]: type \(typeName) disagrees with its type_url")
    }
    let value = MemberReader(
      try parameter.object("value"), path: "raw_data.contract[0].parameter.value")
    let payload: ContractPayload
    switch type {
    case ContractType.transfer:
      try value.allow(["owner_address", "to_address", "amount"])
      payload = .transfer(
        TransferContract(
          owner: try value.hex("owner_address"), to: try value.hex("to_address"),
          amount: try value.int64("amount")))
    case ContractType.transferAsset:
      try value.allow(["asset_name", "owner_address", "to_address", "amount"])
      payload = .transferAsset(
        TransferAssetContract(
          assetName: try value.hex("asset_name"), owner: try value.hex("owner_address"),
          to: try value.hex("to_address"), amount: try value.int64("amount")))
    case ContractType.triggerSmartContract:
      try value.allow([
        "owner_address", "contract_address", "call_value", "data", "call_token_value", "token_id",
      ])
      payload = .triggerSmartContract(
        TriggerSmartContract(
          owner: try value.hex("owner_address"), contract: try value.hex("contract_address"),
          callValue: try value.int64("call_value"), data: try value.hex("data"),
          callTokenValue: try value.int64("call_token_value"),
          tokenID: try value.int64("token_id")))
    default:
      throw TronPayError(
        .transaction,
        "raw_data.contract[0].type \(typeName) is not supported: its parameter cannot be "
          + "checked against raw_data_hex")
    }
    self.init(type: type, typeURL: typeURL, payload: payload, permissionID: permissionID)
  }
}

/// Typed, path-named access to the members of one JSON object; absent members read as the
/// proto3 default, as java-tron leaves defaults out.
struct MemberReader {
  let object: JSONObject
  let path: String

  init(_ object: JSONObject, path: String) {
    self.object = object
    self.path = path
  }

  private func fail(_ key: String, _ what: String) -> TronPayError {
    TronPayError(.transaction, "\(path).\(key) \(what)")
  }

  func allow(_ keys: [String]) throws(TronPayError) {
    for entry in object.entries where !keys.contains(entry.key) {
      throw TronPayError(
        .transaction, "\(path) has a member \"\(entry.key)\" that cannot be checked")
    }
  }

  func hex(_ key: String) throws(TronPayError) -> [UInt8] {
    guard let value = object[key] else { return [] }
    guard let text = value.stringValue else { throw fail(key, "is not a string") }
    guard let bytes = try? Hex.decode(text) else { throw fail(key, "is not hex") }
    return bytes
  }

  func int64(_ key: String) throws(TronPayError) -> Int64 {
    guard let value = object[key] else { return 0 }
    guard let number = value.int64Value else { throw fail(key, "is not an int64 number") }
    return number
  }

  func string(_ key: String) throws(TronPayError) -> String {
    guard let text = object[key]?.stringValue else { throw fail(key, "is missing or not a string") }
    return text
  }

  func object(_ key: String) throws(TronPayError) -> JSONObject {
    guard let value = object[key]?.objectValue else {
      throw fail(key, "is missing or not an object")
    }
    return value
  }

  func array(_ key: String) throws(TronPayError) -> [JSONValue] {
    guard let value = object[key]?.arrayValue else { throw fail(key, "is missing or not an array") }
    return value
  }
}
