import Foundation

@_spi(Boundary) @testable import TronPay

/// Test-side reading of the vectors' raw_data JSON with Foundation, independent of the library's
/// own JSON code: each field mapped to the model by hand.
enum VectorRaw {
  /// A raw_data number; absent is protobuf's default 0, any other type an error.
  static func int64(_ any: Any?) throws -> Int64 {
    guard let any else { return 0 }
    guard let number = any as? NSNumber else {
      throw VectorError(description: "raw_data number is \(type(of: any))")
    }
    return number.int64Value
  }

  /// A raw_data byte field; absent is protobuf's default (empty), bad hex an error.
  static func bytes(_ any: Any?) throws -> [UInt8] {
    guard let any else { return [] }
    guard let text = any as? String else {
      throw VectorError(description: "raw_data byte field is \(type(of: any))")
    }
    return try hexBytes(text)
  }

  static func model(_ raw: [String: Any]) throws -> RawTransaction? {
    guard let contracts = raw["contract"] as? [[String: Any]], contracts.count == 1,
      let parameter = contracts[0]["parameter"] as? [String: Any],
      let value = parameter["value"] as? [String: Any],
      let typeName = contracts[0]["type"] as? String
    else { return nil }
    let payload: ContractPayload
    switch typeName {
    case "TransferContract":
      payload = try .transfer(
        TransferContract(
          owner: bytes(value["owner_address"]), to: bytes(value["to_address"]),
          amount: int64(value["amount"])))
    case "TransferAssetContract":
      payload = try .transferAsset(
        TransferAssetContract(
          assetName: bytes(value["asset_name"]), owner: bytes(value["owner_address"]),
          to: bytes(value["to_address"]), amount: int64(value["amount"])))
    case "TriggerSmartContract":
      payload = try .triggerSmartContract(
        TriggerSmartContract(
          owner: bytes(value["owner_address"]), contract: bytes(value["contract_address"]),
          callValue: int64(value["call_value"]), data: bytes(value["data"]),
          callTokenValue: int64(value["call_token_value"]), tokenID: int64(value["token_id"])))
    default: return nil
    }
    let contract = try Contract(
      payload, permissionID: Int32(truncatingIfNeeded: int64(contracts[0]["Permission_id"])))
    return try RawTransaction(
      refBlockBytes: bytes(raw["ref_block_bytes"]), refBlockHash: bytes(raw["ref_block_hash"]),
      expiration: int64(raw["expiration"]), data: bytes(raw["data"]), contract: contract,
      timestamp: int64(raw["timestamp"]), feeLimit: int64(raw["fee_limit"]))
  }

  /// A 32-byte block id carrying given ref_block_bytes and ref_block_hash.
  static func blockID(refBytes: [UInt8], refHash: [UInt8]) -> [UInt8] {
    [UInt8](repeating: 0, count: 6) + refBytes + refHash + [UInt8](repeating: 0xee, count: 16)
  }

  /// Every transaction record of the vectors: (name, record) with txID, raw_data_hex, raw_data,
  /// signature and the expected signers.
  static func all() throws -> [(name: String, tx: [String: Any], signers: [String])] {
    var out: [(String, [String: Any], [String])] = []
    let file = try VectorFile.load("transactions.json")
    for entry in try VectorFile.list(file, "transactions") {
      out.append((try entry.text("name"), entry, try entry.required("signature_recovers_to")))
    }
    let mainnet = try VectorFile.load("mainnet.json")
    for entry in try VectorFile.list(mainnet, "cases") {
      guard let tx = entry["trongrid_v1_account_transaction"] as? [String: Any],
        let expected = entry["expected"] as? [String: Any],
        let signer = expected["signer_base58"] as? String
      else { continue }
      out.append((try entry.text("name"), tx, [signer]))
    }
    return out
  }
}
