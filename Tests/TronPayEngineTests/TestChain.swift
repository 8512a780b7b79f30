import Foundation
import TronPay

@testable import TronPayEngine

/// A TRON chain built for tests in the shapes java-tron prints (`/wallet/getblockbynum` and
/// `/wallet/gettransactioninfobyblocknum`, as in Tests/vectors/mainnet.json): every
/// transaction carries real signed bytes whose SHA-256 is its txID, block ids start with their
/// number, parents link. Payments go to the test's invoice addresses.
struct TestChain {
  /// TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t, mainnet USDT.
  static let usdtHex = "a614f803b6fd780986a42c78ec9c7f77e6ded13c"
  static let fakeTokenHex = "5ac9b37c1b0a2b0e86b41a0cfef1fbd16c0ff3d4"
  static let payerHex = "ec20315a879c48f5e3a6a1c9826d5225f8b658b8"  // TXVj38D1XR… (mainnet account)
  static let transferTopic = "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
  /// m/44'/195'/0' of the BIP39 "abandon … about" seed (Tests/vectors/hd.json).
  static let xpub =
    "xpub6D1AabNHCupeiLM65ZR9UStMhJ1vCpyV4XbZdyhMZBiJXALQtmn9p42VTQckoHVn8WNqS7dqnJokZHAHcHGoaQgmv8D45oNUKx6DZMNZBCd"
  /// Its first two deposit addresses and the first one's key, from Tests/vectors/hd.json.
  static let address0 = "TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH"
  static let address1 = "TSeJkUh4Qv67VNFwY8LaAxERygNdy6NQZK"
  static let key0 = "b5a4cea271ff424d7c31dc12a3e43e401df7a40d7412a15750f3f0b6b5449a28"

  static let firstBlock: Int64 = 70_000_000
  static let firstStamp: Int64 = 1_764_000_000_000

  enum Payment {
    case usdt(to: String, amount: String, token: String = usdtHex, result: String = "SUCCESS")
    case trx(to: String, sun: Int64, result: String = "SUCCESS")
    /// A TRC-20 call that ran out of energy: no log.
    case failedUSDT(to: String, amount: String)
    /// TRX moved by a transaction built elsewhere (a refund the engine built): its own bytes.
    case signedTRX(raw: [UInt8], owner: String, to: String, sun: Int64)
  }

  struct Block {
    var number: Int64
    var id: String
    var parent: String
    var stamp: Int64
    var transactions: [[String: Any]]
    var infos: [[String: Any]]
    var txids: [String]

    var blockJSON: String {
      var header: [String: Any] = [
        "raw_data": [
          "number": number, "txTrieRoot": String(repeating: "0", count: 64),
          "witness_address": "41" + String(repeating: "1", count: 40), "parentHash": parent,
          "version": 31, "timestamp": stamp,
        ] as [String: Any],
        "witness_signature": String(repeating: "5", count: 130),
      ]
      header["raw_data"] = header["raw_data"]
      var block: [String: Any] = ["blockID": id, "block_header": header]
      if !transactions.isEmpty { block["transactions"] = transactions }
      return jsonText(block)
    }

    var infosJSON: String { jsonText(infos) }
  }

  private(set) var blocks: [Block] = []
  /// Distinguishes the ids of competing branches.
  var branch: UInt8 = 0xaa
  private var nonce: Int64 = 0

  var tip: Block? { blocks.last }

  /// Appends a block holding these payments (from the mainnet payer account).
  @discardableResult
  mutating func mine(_ payments: [Payment] = [], from payer: String = payerHex) -> Block {
    let number = (blocks.last?.number ?? Self.firstBlock - 1) + 1
    let stamp = Self.firstStamp + (number - Self.firstBlock) * 3000
    let parent = blocks.last?.id ?? Self.blockID(number - 1, tag: 0x00)
    var block = Block(
      number: number, id: Self.blockID(number, tag: branch), parent: parent, stamp: stamp,
      transactions: [], infos: [], txids: [])
    for payment in payments {
      nonce += 1
      let (transaction, info, txid) = Self.transaction(
        payment, from: payer, block: number, stamp: stamp, nonce: nonce)
      block.transactions.append(transaction)
      block.infos.append(info)
      block.txids.append(txid)
    }
    blocks.append(block)
    return block
  }

  /// Drops the last `count` blocks (their branch is abandoned) and switches branch tag.
  mutating func fork(dropping count: Int) -> [Block] {
    let dropped = Array(blocks.suffix(count))
    blocks.removeLast(count)
    branch = branch &+ 1
    return dropped
  }

  static func blockID(_ number: Int64, tag: UInt8) -> String {
    String(format: "%016llx", number) + String(repeating: String(format: "%02x", tag), count: 24)
  }

  static func hexAddress(_ base58: String) -> String {
    ((try? Address(parsing: base58))?.hex ?? "").lowercased()
  }

  static func base58(_ hex20: String) -> String {
    (try? Address(parsing: "41" + hex20))?.base58 ?? "?"
  }

  static func word(_ hex20: String) -> String { String(repeating: "0", count: 24) + hex20 }

  static func amountWord(_ decimal: String) -> String {
    Hex.encode(UInt256(decimal: decimal)?.bigEndianBytes ?? [])
  }

  /// A transaction, its receipt and its id, with real signed bytes.
  static func transaction(
    _ payment: Payment, from payer: String, block: Int64, stamp: Int64, nonce: Int64
  ) -> ([String: Any], [String: Any], String) {
    let owner = fixture(try? Address(parsing: "41" + payer))
    let refID = Array(blockIDBytes(block - 1))
    let options = TransactionOptions(
      refBlockID: refID, timestamp: stamp - 3000 + nonce, expiration: stamp + 60_000,
      feeLimit: 0)
    let rawJSONBase: [String: Any] = [
      "ref_block_bytes": Hex.encode(refID[6..<8]), "ref_block_hash": Hex.encode(refID[8..<16]),
      "expiration": stamp + 60_000, "timestamp": stamp - 3000 + nonce,
    ]
    switch payment {
    case .signedTRX(let raw, let ownerText, let to, let sun):
      let txid = Hex.encode(SHA256.hash(raw))
      let decoded = fixture(try? RawTransaction.decode(raw))
      let refID = decoded.refBlockBytes
      let transaction: [String: Any] = [
        "ret": [["contractRet": "SUCCESS"]], "signature": [String(repeating: "3", count: 130)],
        "txID": txid, "raw_data_hex": Hex.encode(raw),
        "raw_data": [
          "contract": [
            [
              "parameter": [
                "value": [
                  "owner_address": hexAddress(ownerText), "to_address": hexAddress(to),
                  "amount": sun,
                ] as [String: Any],
                "type_url": "type.googleapis.com/protocol.TransferContract",
              ] as [String: Any],
              "type": "TransferContract",
            ] as [String: Any]
          ],
          "ref_block_bytes": Hex.encode(refID), "ref_block_hash": Hex.encode(decoded.refBlockHash),
          "expiration": decoded.expiration, "timestamp": decoded.timestamp,
        ] as [String: Any],
      ]
      let info: [String: Any] = [
        "id": txid, "blockNumber": block, "blockTimeStamp": stamp, "contractResult": [""],
        "receipt": ["net_usage": 268],
      ]
      return (transaction, info, txid)
    case .trx(let to, let sun, let result):
      let recipient = fixture(try? Address(parsing: to))
      let raw = fixture(
        try? TransactionBuilder.transfer(
          owner: owner, to: recipient, amount: sun, options: options)
      ).encoded()
      let txid = Hex.encode(SHA256.hash(raw))
      var rawJSON = rawJSONBase
      rawJSON["contract"] = [
        [
          "parameter": [
            "value": [
              "owner_address": owner.hex.lowercased(), "to_address": recipient.hex.lowercased(),
              "amount": sun,
            ] as [String: Any],
            "type_url": "type.googleapis.com/protocol.TransferContract",
          ] as [String: Any],
          "type": "TransferContract",
        ] as [String: Any]
      ]
      let transaction: [String: Any] = [
        "ret": [["contractRet": result]], "signature": [String(repeating: "1", count: 130)],
        "txID": txid, "raw_data": rawJSON, "raw_data_hex": Hex.encode(raw),
      ]
      var info: [String: Any] = [
        "id": txid, "blockNumber": block, "blockTimeStamp": stamp,
        "contractResult": [""], "receipt": ["net_usage": 268],
      ]
      if result != "SUCCESS" {
        info["result"] = "FAILED"
        info["receipt"] = ["net_usage": 268, "result": result]
      }
      return (transaction, info, txid)
    case .usdt(let to, let amount, let token, let result):
      return trc20(
        owner: owner, token: token, to: to, amount: amount, result: result, logged: true,
        options: options, rawJSONBase: rawJSONBase, block: block, stamp: stamp)
    case .failedUSDT(let to, let amount):
      return trc20(
        owner: owner, token: usdtHex, to: to, amount: amount, result: "OUT_OF_ENERGY",
        logged: false, options: options, rawJSONBase: rawJSONBase, block: block, stamp: stamp)
    }
  }

  private static func trc20(
    owner: Address, token: String, to: String, amount: String, result: String, logged: Bool,
    options: TransactionOptions, rawJSONBase: [String: Any], block: Int64, stamp: Int64
  ) -> ([String: Any], [String: Any], String) {
    let contract = fixture(try? Address(parsing: "41" + token))
    let recipient = fixture(try? Address(parsing: to))
    var withFee = options
    withFee.feeLimit = 30_000_000
    let built = fixture(
      try? TransactionBuilder.trc20Transfer(
        owner: owner, token: contract, to: recipient, amount: fixture(UInt256(decimal: amount)),
        options: withFee))
    let raw = built.encoded()
    let txid = Hex.encode(SHA256.hash(raw))
    let data = TRC20Call.transfer(to: recipient, amount: fixture(UInt256(decimal: amount))).encoded
    var rawJSON = rawJSONBase
    rawJSON["fee_limit"] = 30_000_000
    rawJSON["contract"] = [
      [
        "parameter": [
          "value": [
            "data": Hex.encode(data), "owner_address": owner.hex.lowercased(),
            "contract_address": contract.hex.lowercased(),
          ] as [String: Any],
          "type_url": "type.googleapis.com/protocol.TriggerSmartContract",
        ] as [String: Any],
        "type": "TriggerSmartContract",
      ] as [String: Any]
    ]
    let transaction: [String: Any] = [
      "ret": [["contractRet": result]], "signature": [String(repeating: "2", count: 130)],
      "txID": txid, "raw_data": rawJSON, "raw_data_hex": Hex.encode(raw),
    ]
    var info: [String: Any] = [
      "id": txid, "fee": 13_844_850, "blockNumber": block, "blockTimeStamp": stamp,
      "contractResult": [String(repeating: "0", count: 64)], "contract_address": "41" + token,
      "receipt": [
        "energy_fee": 13_499_850, "energy_usage_total": 64_285, "net_fee": 345_000,
        "result": result,
      ] as [String: Any],
    ]
    if logged {
      info["log"] = [
        [
          "address": token,
          "topics": [
            transferTopic, word(owner.hex.lowercased().dropFirst(2).description),
            word(recipient.hex.lowercased().dropFirst(2).description),
          ],
          "data": amountWord(amount),
        ] as [String: Any]
      ]
    }
    if result != "SUCCESS" { info["result"] = "FAILED" }
    return (transaction, info, txid)
  }

  static func blockIDBytes(_ number: Int64) -> [UInt8] {
    (try? Hex.decode(blockID(number, tag: 0x00))) ?? []
  }
}

func jsonText(_ value: Any) -> String {
  let data = fixture(try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]))
  return String(decoding: data, as: UTF8.self)
}

func jsonObject(_ bytes: [UInt8]) -> [String: Any] {
  (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
}

/// A value the test chain's own construction guarantees; a nil here is a broken fixture, which
/// stops the test run loudly (test code only: the library never traps).
func fixture<T>(_ value: T?, _ file: StaticString = #file, _ line: UInt = #line) -> T {
  guard let value else { fatalError("test fixture failed", file: file, line: line) }
  return value
}
