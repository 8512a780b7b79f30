import Foundation

@_spi(Boundary) @testable import TronPay

/// Test-side reading of the vectors' raw_data JSON with Foundation, independent of the library's
/// own JSON code: each field mapped to the model by hand.
enum VectorRaw {
  static func int64(_ any: Any?) -> Int64 { (any as? NSNumber)?.int64Value ?? 0 }
  static func bytes(_ any: Any?) -> [UInt8] { hexBytes(any as? String ?? "") }

  static func model(_ raw: [String: Any]) -> RawTransaction? {
    guard let contracts = raw["contract"] as? [[String: Any]], contracts.count == 1,
      let parameter = contracts[0]["parameter"] as? [String: Any],
      let value = parameter["value"] as? [String: Any],
      let typeName = contracts[0]["type"] as? String
    else { return nil }
    let payload: ContractPayload
    switch typeName {
    case "TransferContract":
      payload = .transfer(
        TransferContract(
          owner: bytes(value["owner_address"]), to: bytes(value["to_address"]),
          amount: int64(value["amount"])))
    case "TransferAssetContract":
      payload = .transferAsset(
        TransferAssetContract(
          assetName: bytes(value["asset_name"]), owner: bytes(value["owner_address"]),
          to: bytes(value["to_address"]), amount: int64(value["amount"])))
    case "TriggerSmartContract":
      payload = .triggerSmartContract(
        TriggerSmartContract(
          owner: bytes(value["owner_address"]), contract: bytes(value["contract_address"]),
          callValue: int64(value["call_value"]), data: bytes(value["data"]),
          callTokenValue: int64(value["call_token_value"]), tokenID: int64(value["token_id"])))
    default: return nil
    }
    let contract = Contract(
      payload, permissionID: Int32(truncatingIfNeeded: int64(contracts[0]["Permission_id"])))
    return RawTransaction(
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
    for entry in VectorFile.list(file, "transactions") {
      out.append(
        (entry["name"] as? String ?? "?", entry, entry["signature_recovers_to"] as? [String] ?? []))
    }
    let mainnet = try VectorFile.load("mainnet.json")
    for entry in VectorFile.list(mainnet, "cases") {
      guard let tx = entry["trongrid_v1_account_transaction"] as? [String: Any],
        let expected = entry["expected"] as? [String: Any],
        let signer = expected["signer_base58"] as? String
      else { continue }
      out.append((entry["name"] as? String ?? "?", tx, [signer]))
    }
    return out
  }
}
