import Foundation
import Testing

@_spi(Boundary) @testable import TronPay

/// Every real mainnet record of vectors/mainnet.json, checked against its recorded values.
@Suite struct TransfersMainnetTests {
  // A static initializer cannot throw: a missing file or list gives no cases, and the count
  // test below fails.
  nonisolated(unsafe) static let file = (try? VectorFile.load("mainnet.json")) ?? [:]
  nonisolated(unsafe) static let cases = (try? VectorFile.list(file, "cases")) ?? []
  static let usdt = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"

  /// The cases that carry each kind of record (a parameterized test runs once per case).
  static let receiptCases = cases.indices.filter { cases[$0]["gettransactioninfobyid"] != nil }
  static let trc20ItemCases = cases.indices.filter { cases[$0]["trongrid_v1_trc20_item"] != nil }

  @Test func theVectorFileHasItsTenCases() {
    #expect(Self.cases.count == 10)
    #expect(Self.receiptCases.count == 8)
    #expect(Self.trc20ItemCases.count == 5)
  }

  @Test(arguments: receiptCases)
  func nodeReceipt(_ index: Int) throws {
    let record = Self.cases[index]
    let info = try #require(record["gettransactioninfobyid"])
    let expected = try #require(record["expected"] as? [String: Any])
    let output = try transfersOutput(try jsonText(info))
    if expected["payment_succeeded"] as? Bool == false {
      // A failed transaction leaves no log, and is listed so that a dispute can say why.
      #expect(output.skipped.count == 1)
      #expect(output.skipped.first?["reason"] as? String == "failed")
      #expect(output.skipped.first?["detail"] as? String == "OUT_OF_ENERGY")
      #expect(output.skipped.first?["txid"] as? String == (try expected.text("txID")))
    } else {
      #expect(output.skipped.isEmpty)
    }
    if let event = expected["transfer_event"] as? [String: Any] {
      let transfer = try #require(output.transfers.first)
      #expect(output.transfers.count == 1)
      #expect(transfer["txid"] as? String == (try expected.text("txID")))
      #expect(transfer["log_index"] as? Int == 0)
      #expect(transfer["block"] as? Int == (try expected.required("block_number", as: Int.self)))
      #expect(transfer["token"] as? String == (try event.text("token_contract_base58")))
      #expect(transfer["from"] as? String == (try event.text("from_base58")))
      #expect(transfer["to"] as? String == (try event.text("to_base58")))
      #expect(transfer["amount"] as? String == "\(try event.required("amount", as: Int.self))")
      #expect(transfer["success"] as? Bool == true)
      #expect(transfer["source"] as? String == "log")
      let stamp = try #require((info as? [String: Any])?["blockTimeStamp"] as? Int)
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
      #expect(transfer["txid"] as? String == (try expected.text("txID")))
      #expect(transfer["token"] as? String == "TRX")
      #expect(transfer["from"] as? String == (try expected.text("from_base58")))
      #expect(transfer["to"] as? String == (try expected.text("to_base58")))
      #expect(
        transfer["amount"] as? String == "\(try expected.required("amount_sun", as: Int.self))")
      #expect(transfer["success"] as? Bool == true)
      #expect(transfer["block"] as? Int == (try expected.required("block_number", as: Int.self)))
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

  @Test(arguments: trc20ItemCases)
  func tronGridTRC20Item(_ index: Int) throws {
    let record = Self.cases[index]
    let item = try #require(record["trongrid_v1_trc20_item"])
    let expected = try #require(record["expected"] as? [String: Any])
    let call = try #require(expected["call"] as? [String: Any])
    let page: [String: Any] = ["data": [item], "success": true, "meta": [:] as [String: Any]]
    let output = try transfersOutput(try jsonText(page))
    let transfer = try #require(output.transfers.first)
    #expect(output.transfers.count == 1)
    #expect(transfer["txid"] as? String == (try expected.text("txID")))
    #expect(transfer["token"] as? String == Self.usdt)
    #expect(transfer["from"] as? String == (try expected.text("signer_base58")))
    #expect(transfer["to"] as? String == (try call.text("to_base58")))
    #expect(transfer["amount"] as? String == "\(try call.required("amount", as: Int.self))")
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
            "id": "real", "address": try event.text("to_base58"), "token": "USDT",
            "amount_due": "\(try event.required("amount", as: Int.self))",
            "created_at_ms": stamp - 60_000,
            "expires_at_ms": stamp + 600_000,
          ]
        ],
        "evidence": [info],
      ])
    }
    let paid = try paymentOutput(try request(solidified: block))
    #expect(paid.invoices.first?["state"] as? String == "paid")
    #expect(
      paid.invoices.first?["received_final"] as? String
        == "\(try event.required("amount", as: Int.self))")
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
          "id": "x", "address": try call.text("to_base58"), "amount_due": "10000",
        ]
      ],
      "evidence": [info, ["data": [transaction], "success": true, "meta": [:] as [String: Any]]],
    ])
    let output = try paymentOutput(request)
    #expect(output.invoices.first?["state"] as? String == "new")
    #expect(output.invoices.first?["received"] as? String == "0")
  }
}
