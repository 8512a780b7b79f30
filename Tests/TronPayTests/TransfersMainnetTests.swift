import Foundation
import Testing

@_spi(Boundary) @testable import TronPay

/// Every real mainnet record of vectors/mainnet.json, checked against its recorded values.
@Suite struct TransfersMainnetTests {
  nonisolated(unsafe) static let file = (try? VectorFile.load("mainnet.json")) ?? [:]
  nonisolated(unsafe) static let cases = VectorFile.list(file, "cases")
  static let usdt = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"

  @Test func theVectorFileHasItsTenCases() {
    #expect(Self.cases.count == 10)
  }

  @Test(arguments: cases.indices)
  func nodeReceipt(_ index: Int) throws {
    let record = Self.cases[index]
    guard let info = record["gettransactioninfobyid"] else { return }
    let expected = try #require(record["expected"] as? [String: Any])
    let output = try transfersOutput(try jsonText(info))
    if expected["payment_succeeded"] as? Bool == false {
      // A failed transaction leaves no log, and is listed so that a dispute can say why.
      #expect(output.skipped.count == 1)
      #expect(output.skipped.first?["reason"] as? String == "failed")
      #expect(output.skipped.first?["detail"] as? String == "OUT_OF_ENERGY")
      #expect(output.skipped.first?["txid"] as? String == expected["txID"] as? String)
    } else {
      #expect(output.skipped.isEmpty)
    }
    if let event = expected["transfer_event"] as? [String: Any] {
      let transfer = try #require(output.transfers.first)
      #expect(output.transfers.count == 1)
      #expect(transfer["txid"] as? String == expected["txID"] as? String)
      #expect(transfer["log_index"] as? Int == 0)
      #expect(transfer["block"] as? Int == expected["block_number"] as? Int)
      #expect(transfer["token"] as? String == event["token_contract_base58"] as? String)
      #expect(transfer["from"] as? String == event["from_base58"] as? String)
      #expect(transfer["to"] as? String == event["to_base58"] as? String)
      #expect(transfer["amount"] as? String == "\(event["amount"] as? Int ?? -1)")
      #expect(transfer["success"] as? Bool == true)
      #expect(transfer["source"] as? String == "log")
      let stamp = (info as? [String: Any])?["blockTimeStamp"] as? Int
      #expect(transfer["timestamp_ms"] as? Int == stamp)
    } else {
      // Failed USDT transfer (no log) and TRX transfers (no logs): a receipt shows no transfer.
      #expect(output.transfers.isEmpty)
    }
  }

  @Test(arguments: cases.indices)
  func tronGridAccountTransaction(_ index: Int) throws {
    let record = Self.cases[index]
    let transaction = try #require(record["trongrid_v1_account_transaction"])
    let expected = try #require(record["expected"] as? [String: Any])
    let page: [String: Any] = ["data": [transaction], "success": true, "meta": ["page_size": 1]]
    let output = try transfersOutput(try jsonText(page))
    if expected["contract_type"] as? String == "TransferContract" {
      let transfer = try #require(output.transfers.first)
      #expect(output.transfers.count == 1)
      #expect(transfer["txid"] as? String == expected["txID"] as? String)
      #expect(transfer["token"] as? String == "TRX")
      #expect(transfer["from"] as? String == expected["from_base58"] as? String)
      #expect(transfer["to"] as? String == expected["to_base58"] as? String)
      #expect(transfer["amount"] as? String == "\(expected["amount_sun"] as? Int ?? -1)")
      #expect(transfer["success"] as? Bool == true)
      #expect(transfer["block"] as? Int == expected["block_number"] as? Int)
      #expect(transfer["log_index"] is NSNull)
      #expect(transfer["source"] as? String == "transfer_contract")
    } else {
      // A TRC-20 call's calldata is never evidence of a movement.
      #expect(output.transfers.isEmpty)
    }
    // The same transaction alone, as /wallet/gettransactionbyid returns it, says the same.
    let alone = try transfersOutput(try jsonText(transaction))
    #expect(alone.transfers.count == output.transfers.count)
  }

  @Test(arguments: cases.indices)
  func tronGridTRC20Item(_ index: Int) throws {
    let record = Self.cases[index]
    guard let item = record["trongrid_v1_trc20_item"] else { return }
    let expected = try #require(record["expected"] as? [String: Any])
    let call = try #require(expected["call"] as? [String: Any])
    let page: [String: Any] = ["data": [item], "success": true, "meta": [:] as [String: Any]]
    let output = try transfersOutput(try jsonText(page))
    let transfer = try #require(output.transfers.first)
    #expect(output.transfers.count == 1)
    #expect(transfer["txid"] as? String == expected["txID"] as? String)
    #expect(transfer["token"] as? String == Self.usdt)
    #expect(transfer["from"] as? String == expected["signer_base58"] as? String)
    #expect(transfer["to"] as? String == call["to_base58"] as? String)
    #expect(transfer["amount"] as? String == "\(call["amount"] as? Int ?? -1)")
    #expect(transfer["success"] is NSNull)
    #expect(transfer["source"] as? String == "indexer")
    #expect(transfer["block"] is NSNull)
  }

  @Test func blockOfReceiptsKeepsEveryRecord() throws {
    let infos = Self.cases.compactMap { $0["gettransactioninfobyid"] }
    let output = try transfersOutput(try jsonText(infos))
    let expectedCount = Self.cases.filter {
      $0["gettransactioninfobyid"] != nil
        && ($0["expected"] as? [String: Any])?["transfer_event"] != nil
    }.count
    #expect(expectedCount == 3)
    #expect(output.transfers.count == expectedCount)
  }

  @Test func paymentOfARealUSDTTransfer() throws {
    let record = Self.cases[0]
    let info = try #require(record["gettransactioninfobyid"] as? [String: Any])
    let expected = try #require(record["expected"] as? [String: Any])
    let event = try #require(expected["transfer_event"] as? [String: Any])
    let block = try #require(expected["block_number"] as? Int)
    let stamp = try #require(info["blockTimeStamp"] as? Int)
    func request(solidified: Int) throws -> String {
      try jsonText([
        "chain": [
          "head_block": block + 30, "solidified_block": solidified, "now_ms": stamp + 5000,
        ],
        "invoices": [
          [
            "id": "real", "address": event["to_base58"] as? String ?? "", "token": "USDT",
            "amount_due": "\(event["amount"] as? Int ?? 0)", "created_at_ms": stamp - 60_000,
            "expires_at_ms": stamp + 600_000,
          ]
        ],
        "evidence": [info],
      ])
    }
    let paid = try paymentOutput(try request(solidified: block))
    #expect(paid.invoices.first?["state"] as? String == "paid")
    #expect(paid.invoices.first?["received_final"] as? String == "\(event["amount"] as? Int ?? 0)")
    let pending = try paymentOutput(try request(solidified: block - 1))
    #expect(pending.invoices.first?["state"] as? String == "detected")
    #expect(pending.invoices.first?["received_final"] as? String == "0")
  }

  @Test func paymentRefusesTheRealFailedTransfer() throws {
    let record = try #require(
      Self.cases.first { $0["name"] as? String == "usdt_transfer_FAILED_out_of_energy" })
    let info = try #require(record["gettransactioninfobyid"] as? [String: Any])
    let transaction = try #require(record["trongrid_v1_account_transaction"])
    let expected = try #require(record["expected"] as? [String: Any])
    let call = try #require(expected["call"] as? [String: Any])
    let block = try #require(expected["block_number"] as? Int)
    let request = try jsonText([
      "chain": [
        "head_block": block + 100, "solidified_block": block + 80, "now_ms": 1_738_601_505_000,
      ],
      "invoices": [
        [
          "id": "x", "address": call["to_base58"] as? String ?? "", "amount_due": "10000",
        ]
      ],
      "evidence": [info, ["data": [transaction], "success": true, "meta": [:] as [String: Any]]],
    ])
    let output = try paymentOutput(request)
    #expect(output.invoices.first?["state"] as? String == "new")
    #expect(output.invoices.first?["received"] as? String == "0")
  }
}
