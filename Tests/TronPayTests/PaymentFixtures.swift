import Foundation

@_spi(Boundary) @testable import TronPay

/// Builders for JSON shaped like the real node, TronGrid and JSON-RPC answers (field names,
/// address forms and hex conventions as in vectors/mainnet.json and tron-protocol.md §6).
enum Fixture {
  static let transferTopic = "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
  static let approvalTopic = "8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925"
  /// Real mainnet accounts from vectors/mainnet.json, as 20-byte hex.
  static let merchant = "6e3b44b96104b26f84057974a1f0c9880f7c9b13"  // TL24LCps5F…
  static let payer = "ec20315a879c48f5e3a6a1c9826d5225f8b658b8"  // TXVj38D1XR…
  static let other = "18314cd6beab3b324174395a40731cfdf07e857d"  // TCB8H6cKtf…
  static let usdt = "a614f803b6fd780986a42c78ec9c7f77e6ded13c"
  static let fakeToken = "5ac9b37c1b0a2b0e86b41a0cfef1fbd16c0ff3d4"
  static let usdc = "3487b63d30b5b2c87fb7ffa8bcfade38eaac1abe"
  static let router = "7f5b5a3c2f7bb4c5c13e1a7d5d2ec61b0ee9f0a1"
  static let block = 69_316_562
  static let stamp = 1_738_601_505_000

  static func base58(_ hex20: String) -> String {
    (try? Address(parsing: "41" + hex20))?.base58 ?? "?"
  }

  static func txid(_ n: Int) -> String {
    let digits = String(n, radix: 16)
    return String(repeating: "ab", count: 30) + String(repeating: "0", count: 4 - digits.count)
      + digits
  }

  static func word(_ hex20: String) -> String { String(repeating: "0", count: 24) + hex20 }

  static func amountWord(_ decimal: String) -> String {
    Hex.encode(UInt256(decimal: decimal)?.bigEndianBytes ?? [])
  }

  static func log(
    emitter: String = usdt, from: String = payer, to: String = merchant, amount: String
  ) -> [String: Any] {
    [
      "address": emitter, "topics": [transferTopic, word(from), word(to)],
      "data": amountWord(amount),
    ]
  }

  /// A node gettransactioninfobyid record. receiptResult nil omits receipt.result.
  static func info(
    _ id: Int, block: Int = block, stamp: Int = stamp, logs: [[String: Any]],
    receiptResult: String? = "SUCCESS", failed: Bool = false,
    internals: [[String: Any]]? = nil
  ) -> [String: Any] {
    var receipt: [String: Any] = ["energy_usage_total": 64_895, "net_usage": 345]
    if let receiptResult { receipt["result"] = receiptResult }
    var record: [String: Any] = [
      "id": txid(id), "fee": 26_420_100, "blockNumber": block, "blockTimeStamp": stamp,
      "contractResult": [String(repeating: "0", count: 64)],
      "contract_address": "41" + usdt, "receipt": receipt,
    ]
    if !logs.isEmpty { record["log"] = logs }
    if failed {
      record["result"] = "FAILED"
      record["resMessage"] = "524556455254206f70636f6465206578656375746564"
    }
    if let internals { record["internal_transactions"] = internals }
    return record
  }

  /// A node transaction with one contract of the given type and value. Transfer and trigger
  /// contracts get their real signed bytes (`raw_data_hex`) and the txID that is their SHA-256,
  /// as the node prints them (the parse checks both for every type); other types keep a
  /// placeholder.
  static func transaction(
    _ id: Int, type: String, value: [String: Any], ret: String? = "SUCCESS",
    extraContracts: Int = 0
  ) -> [String: Any] {
    let typeURL = "type.googleapis.com/protocol.\(type)"
    let contract: [String: Any] = [
      "parameter": ["value": value, "type_url": typeURL], "type": type,
    ]
    var txid = txid(id)
    var rawHex = "0a02afbf"
    if extraContracts == 0, let bytes = signedBytes(id, type: type, value: value) {
      rawHex = Hex.encode(bytes)
      txid = Hex.encode(SHA256.hash(bytes))
    }
    var record: [String: Any] = [
      "txID": txid, "signature": [String(repeating: "1", count: 130)],
      "raw_data": [
        "contract": [[String: Any]](repeating: contract, count: 1 + extraContracts),
        "ref_block_bytes": "afbf", "ref_block_hash": "4e85c21e37dfb0c5",
        "expiration": 1_738_601_562_000, "timestamp": 1_738_601_502_000 + id,
      ] as [String: Any],
      "raw_data_hex": rawHex,
    ]
    if let ret { record["ret"] = [["contractRet": ret]] }
    return record
  }

  /// The protobuf bytes java-tron signs for a transfer contract with these values.
  static func signedBytes(_ id: Int, type: String, value: [String: Any]) -> [UInt8]? {
    if type == "TriggerSmartContract" {
      guard let ownerHex = value["owner_address"] as? String,
        let contractHex = value["contract_address"] as? String,
        let owner = try? Hex.decode(ownerHex), let contract = try? Hex.decode(contractHex),
        let data = try? Hex.decode(value["data"] as? String ?? "")
      else { return nil }
      let call = TriggerSmartContract(
        owner: owner, contract: contract, callValue: Int64(value["call_value"] as? Int ?? 0),
        data: data)
      return rawBytes(id, .triggerSmartContract(call))
    }
    guard let ownerHex = value["owner_address"] as? String,
      let toHex = value["to_address"] as? String, let amount = value["amount"] as? Int,
      let owner = try? Hex.decode(ownerHex), let to = try? Hex.decode(toHex)
    else { return nil }
    let payload: ContractPayload
    switch type {
    case "TransferContract":
      payload = .transfer(TransferContract(owner: owner, to: to, amount: Int64(amount)))
    case "TransferAssetContract":
      let name = Array(((value["asset_name"] as? String) ?? "1002000").utf8)
      payload = .transferAsset(
        TransferAssetContract(assetName: name, owner: owner, to: to, amount: Int64(amount)))
    default:
      return nil
    }
    return rawBytes(id, payload)
  }

  private static func rawBytes(_ id: Int, _ payload: ContractPayload) -> [UInt8] {
    let raw = RawTransaction(
      refBlockBytes: [0xaf, 0xbf], refBlockHash: [0x4e, 0x85, 0xc2, 0x1e, 0x37, 0xdf, 0xb0, 0xc5],
      expiration: 1_738_601_562_000, contract: Contract(payload),
      timestamp: 1_738_601_502_000 + Int64(id))
    return raw.encoded()
  }

  static func trx(
    _ id: Int, from: String = payer, to: String = merchant, sun: Int, ret: String? = "SUCCESS"
  ) -> [String: Any] {
    transaction(
      id, type: "TransferContract",
      value: ["owner_address": "41" + from, "to_address": "41" + to, "amount": sun], ret: ret)
  }

  static func block(number: Int = block, stamp: Int = stamp, _ transactions: [[String: Any]])
    -> [String: Any]
  {
    [
      "blockID": String(format: "%016x", number) + String(repeating: "c", count: 48),
      "block_header": ["raw_data": ["number": number, "timestamp": stamp]],
      "transactions": transactions,
    ]
  }

  static func trc20Item(
    _ id: Int, token: String = usdt, symbol: String = "USDT", from: String = payer,
    to: String = merchant, value: String, stamp: Int = stamp
  ) -> [String: Any] {
    [
      "transaction_id": txid(id),
      "token_info": [
        "symbol": symbol, "address": base58(token), "decimals": 6, "name": "Tether USD",
      ],
      "block_timestamp": stamp, "from": base58(from), "to": base58(to), "type": "Transfer",
      "value": value,
    ]
  }

  static func page(_ items: [[String: Any]]) -> [String: Any] {
    ["data": items, "success": true, "meta": ["at": stamp, "page_size": items.count]]
  }

  static func rpcLog(
    _ id: Int, index: Int, emitter: String = usdt, to: String = merchant, amount: String,
    block: Int = block, removed: Bool = false
  ) -> [String: Any] {
    [
      "address": "0x" + emitter,
      "topics": ["0x" + transferTopic, "0x" + word(payer), "0x" + word(to)],
      "data": "0x" + amountWord(amount), "blockNumber": "0x" + String(block, radix: 16),
      "transactionHash": "0x" + txid(id), "logIndex": "0x" + String(index, radix: 16),
      "removed": removed, "blockHash": "0x" + String(repeating: "d", count: 64),
      "transactionIndex": "0x3",
    ]
  }

  /// An eth_getBlockByNumber answer: TRON's JSON-RPC logs carry no time, their block does.
  static func rpcBlock(number: Int = block, stamp: Int = stamp) -> [String: Any] {
    [
      "jsonrpc": "2.0", "id": 1,
      "result": [
        "number": "0x" + String(number, radix: 16),
        "timestamp": "0x" + String(stamp / 1000, radix: 16),
        "hash": "0x" + String(repeating: "d", count: 64),
        "parentHash": "0x" + String(repeating: "e", count: 64), "transactions": [String](),
      ] as [String: Any],
    ]
  }

  struct Invoice {
    var id = "inv"
    var address = base58(merchant)
    var token: String? = "USDT"
    var due = "10000000"
    var created: Int? = stamp - 300_000
    var expires: Int? = stamp + 600_000
    var tolerance: Int? = nil

    var json: [String: Any] {
      var object: [String: Any] = ["id": id, "address": address, "amount_due": due]
      if let token { object["token"] = token }
      if let created { object["created_at_ms"] = created }
      if let expires { object["expires_at_ms"] = expires }
      if let tolerance { object["tolerance_bps"] = tolerance }
      return object
    }
  }

  static func request(
    head: Int = block + 40, solidified: Int = block + 20, now: Int = stamp + 60_000,
    invoices: [Invoice] = [Invoice()], evidence: [Any], tokens: [String: String]? = nil,
    policy: [String: Any]? = nil
  ) throws -> String {
    var object: [String: Any] = [
      "chain": ["head_block": head, "solidified_block": solidified, "now_ms": now],
      "invoices": invoices.map(\.json), "evidence": evidence,
    ]
    if let tokens { object["tokens"] = tokens }
    if let policy { object["policy"] = policy }
    return try jsonText(object)
  }

  /// Runs a check and returns (state of the first invoice, the whole response).
  static func check(_ request: String) throws -> (String, [String: Any]) {
    let output = try paymentOutput(request)
    return (output.invoices.first?["state"] as? String ?? "?", output)
  }
}

extension Dictionary where Key == String, Value == Any {
  var reasons: [String] { rejected.compactMap { $0["reason"] as? String } }
  var firstInvoice: [String: Any] { invoices.first ?? [:] }
}
