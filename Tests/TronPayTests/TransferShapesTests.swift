import Foundation
import Testing

@_spi(Boundary) @testable import TronPay

private typealias F = Fixture

/// The shapes API.md lists, beyond the mainnet records: JSON-RPC, events pages, block lists,
/// TronGrid's internal-transaction form, and the refusals.
@Suite struct TransferShapesTests {
  @Test func jsonRpcGetLogsEnvelopeAndBareResult() throws {
    let logs = [F.rpcLog(1, index: 7, amount: "5000000"), F.rpcLog(1, index: 8, amount: "1")]
    let envelope: [String: Any] = ["jsonrpc": "2.0", "id": 1, "result": logs]
    for json in [try jsonText(envelope), try jsonText(logs)] {
      let output = try transfersOutput(json)
      #expect(output.transfers.count == 2)
      let first = try #require(output.transfers.first)
      #expect(first["txid"] as? String == F.txid(1))
      #expect(first["log_index"] as? Int == 7)
      #expect(first["block"] as? Int == F.block)
      #expect(first["timestamp_ms"] is NSNull)
      #expect(first["token"] as? String == "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
      #expect(first["to"] as? String == F.base58(F.merchant))
      #expect(first["success"] as? Bool == true)
      #expect(first["source"] as? String == "log")
    }
  }

  @Test func jsonRpcReceiptStatusDecidesSuccess() throws {
    for (status, success) in [("0x1", true), ("0x0", false)] {
      let receipt: [String: Any] = [
        "transactionHash": "0x" + F.txid(3), "blockNumber": "0x42", "status": status,
        "logs": [F.rpcLog(3, index: 0, amount: "9")],
      ]
      let envelope: [String: Any] = ["jsonrpc": "2.0", "id": "a", "result": receipt]
      for json in [try jsonText(receipt), try jsonText(envelope)] {
        let output = try transfersOutput(json)
        #expect(output.transfers.first?["success"] as? Bool == success)
      }
    }
  }

  @Test func jsonRpcErrorIsAnError() throws {
    let answer: [String: Any] = [
      "jsonrpc": "2.0", "id": 1, "error": ["code": -32005, "message": "limit exceeded"],
    ]
    #expect(transfersError(try jsonText(answer))?.kind == .json)
    #expect(transfersError(#"{"Error":"class java.lang.NullPointerException"}"#)?.kind == .json)
  }

  @Test func tronGridEventsPage() throws {
    let item: [String: Any] = [
      "block_number": F.block, "block_timestamp": F.stamp,
      "caller_contract_address": F.base58(F.router), "contract_address": F.base58(F.usdt),
      "event_index": 2, "event_name": "Transfer",
      "result": [
        "0": "0x" + F.payer, "1": "0x" + F.merchant, "2": "77", "from": "0x" + F.payer,
        "to": "0x" + F.merchant, "value": "77",
      ],
      "result_type": ["from": "address", "to": "address", "value": "uint256"],
      "event": "Transfer(address indexed from, address indexed to, uint256 value)",
      "transaction_id": F.txid(4),
    ]
    var approval = item
    approval["event_name"] = "Approval"
    let output = try transfersOutput(try jsonText(F.page([item, approval])))
    #expect(output.transfers.count == 1)
    let transfer = try #require(output.transfers.first)
    #expect(transfer["token"] as? String == F.base58(F.usdt))
    #expect(transfer["from"] as? String == F.base58(F.payer))
    #expect(transfer["amount"] as? String == "77")
    #expect(transfer["log_index"] as? Int == 2)
    #expect(transfer["success"] is NSNull)
    #expect(transfer["source"] as? String == "indexer")
  }

  @Test func blockListsAndBlocks() throws {
    let first = F.block(number: 10, stamp: 30_000, [F.trx(1, sun: 5)])
    let second = F.block(number: 11, stamp: 33_000, [F.trx(2, sun: 6), F.trx(3, sun: 7)])
    let empty: [String: Any] = [
      "blockID": String(repeating: "0", count: 64),
      "block_header": ["raw_data": ["number": 12, "timestamp": 36_000]],
    ]
    let output = try transfersOutput(try jsonText(["block": [first, second, empty]]))
    #expect(output.transfers.compactMap { $0["block"] as? Int } == [10, 11, 11])
    #expect(output.transfers.compactMap { $0["timestamp_ms"] as? Int } == [30_000, 33_000, 33_000])
    #expect(output.transfers.compactMap { $0["amount"] as? String } == ["5", "6", "7"])
  }

  @Test func tronGridInternalTransactionForm() throws {
    var tx = F.trx(1, sun: 1)
    tx["blockNumber"] = F.block
    tx["block_timestamp"] = F.stamp
    tx["internal_transactions"] = [
      [
        "internal_tx_id": String(repeating: "9", count: 64), "from_address": "41" + F.router,
        "to_address": "41" + F.merchant, "tx_id": F.txid(1),
        "data": ["note": "63616c6c", "rejected": false, "call_value": ["_": 2_500_000]],
      ] as [String: Any]
    ]
    let output = try transfersOutput(try jsonText(F.page([tx])))
    #expect(
      output.transfers.compactMap { $0["source"] as? String } == ["transfer_contract", "internal"])
    #expect(output.transfers.last?["amount"] as? String == "2500000")
    #expect(output.transfers.last?["from"] as? String == F.base58(F.router))
  }

  @Test func visibleTrueReceiptsUseBase58() throws {
    var log = F.log(amount: "3")
    log["address"] = F.base58(F.usdt)
    let output = try transfersOutput(try jsonText(F.info(1, logs: [log])))
    #expect(output.transfers.first?["token"] as? String == F.base58(F.usdt))
  }

  @Test func unrecognisedShapesAreRefused() throws {
    for json in [
      #"{"foo":1}"#, "[1,2]", "42", #""text""#, "null", #"[{"foo":1}]"#, #"{"data":[1],"meta":{}}"#,
      #"{"block":[1]}"#,
    ] {
      #expect(transfersError(json)?.kind == .json, "accepted \(json)")
    }
    #expect(try transfersOutput("{}").transfers.isEmpty)
    #expect(try transfersOutput("[]").transfers.isEmpty)
  }

  @Test func malformedRecordsAreSkippedNotFatal() throws {
    var badID = F.info(1, logs: [F.log(amount: "1")])
    badID["id"] = "xyz"
    var badLogs = F.info(2, logs: [])
    badLogs["log"] = "nope"
    var nonObjectLog = F.info(3, logs: [])
    nonObjectLog["log"] = [1, F.log(amount: "4")]
    let output = try transfersOutput(try jsonText([badID, badLogs, nonObjectLog]))
    #expect(output.transfers.count == 1)
    #expect(output.transfers.first?["log_index"] as? Int == 1)
    // Three unreadable records, and the transaction whose receipt could not be read, which
    // therefore credits nothing however else it is seen.
    #expect(
      output.skipped.compactMap { $0["reason"] as? String } == [
        "malformed", "malformed", "malformed", "inconsistent",
      ])
    #expect(output.skipped.first?["txid"] as? String == "")
  }

  @Test func hostileJSONReturnsAStatus() {
    let inputs: [String] = [
      String(repeating: "[", count: 100_000), String(repeating: "{\"a\":", count: 50_000),
      "[" + String(repeating: "9", count: 200_000) + "]", "{\"id\":\"a\",\"id\":\"b\"}",
      "{\"log\":[", "{\"id\":\"\u{0}\"}",
    ]
    for input in inputs { #expect(transfersError(input)?.kind == .json) }
    let invalidUTF8: [UInt8] = Array("{\"id\":\"".utf8) + [0xC0, 0xAF] + Array("\"}".utf8)
    let result = invalidUTF8.withUnsafeBytes { raw -> TronPayError? in
      do throws(TronPayError) {
        _ = try TransferExtractor.extract(raw)
        return nil
      } catch {
        return error
      }
    }
    #expect(result?.kind == .json)
  }

  @Test func outputTextAgreesWithTheGeneralEncoders() throws {
    for hex in [
      F.merchant, F.payer, F.usdt, String(repeating: "0", count: 40),
      String(repeating: "f", count: 40),
    ] {
      let address = try Address(parsing: "41" + hex)
      let plain = AddressBase58.withText(address, digest: nil) {
        String(decoding: $0, as: UTF8.self)
      }
      #expect(plain == address.base58)
      let viaContext = AddressBase58.withText(address, digest: DigestContext()) {
        String(decoding: $0, as: UTF8.self)
      }
      #expect(viaContext == address.base58)
    }
    for value in [
      "0", "1", "18446744073709551615", "18446744073709551616", UInt256.max.description,
    ] {
      let number = try #require(UInt256(decimal: value))
      #expect(number.withDecimalText { String(decoding: $0, as: UTF8.self) } == value)
    }
  }
}

/// 100k transfers against 100k invoices, each paying its own.
@Suite struct PaymentScaleTests {
  @Test func hundredThousandTransfersAgainstHundredThousandInvoices() throws {
    let count = 100_000
    var invoices: [PaymentRequest.Invoice] = []
    var report = TransferReport()
    invoices.reserveCapacity(count)
    report.transfers.reserveCapacity(count)
    let token = try Address(parsing: "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
    let payer = try Address(parsing: "41" + F.payer)
    for k in 0..<count {
      var bytes = [UInt8](repeating: 0, count: 21)
      bytes[0] = 0x41
      bytes[17] = UInt8(truncatingIfNeeded: k >> 16)
      bytes[18] = UInt8(truncatingIfNeeded: k >> 8)
      bytes[19] = UInt8(truncatingIfNeeded: k)
      bytes[20] = 7
      let address = try Address(bytes: bytes)
      invoices.append(
        PaymentRequest.Invoice(
          id: "i\(k)", address: address, token: token, due: UInt256(1000), createdAtMs: nil,
          expiresAtMs: nil, toleranceBps: 0))
      var txid = [UInt8](repeating: 0xAA, count: 32)
      txid[29] = UInt8(truncatingIfNeeded: k >> 16)
      txid[30] = UInt8(truncatingIfNeeded: k >> 8)
      txid[31] = UInt8(truncatingIfNeeded: k)
      report.transfers.append(
        TokenTransfer(
          txid: try #require(TransactionID(bytes: txid)), logIndex: 0, block: 100, timestampMs: nil,
          token: token, from: payer,
          to: address, amount: UInt256(k % 2 == 0 ? 1000 : 400), success: true, source: .log,
          origin: .nodeReceipt, position: 0))
    }
    report.resolve()
    let request = PaymentRequest(
      headBlock: 200, solidifiedBlock: 150, nowMs: 0, tokens: [("USDT", token)],
      minAmount: UInt256(1), confirmations: nil, invoices: invoices, evidence: report)
    // Speed is `make bench`'s business (payment_check against the parse); this checks that
    // every one of 100k invoices gets its own transfer at this size.
    let verdict = PaymentCheck.run(request)
    #expect(verdict.invoices.count == count)
    for (k, invoice) in verdict.invoices.enumerated() {
      #expect(invoice.id == "i\(k)")
      #expect(invoice.state == (k % 2 == 0 ? .paid : .partial))
      #expect(invoice.credits.count == 1)
    }
    #expect(verdict.rejected.isEmpty && verdict.unmatched.isEmpty)
  }
}

/// Hex fields are decoded without a branch per digit; every bad digit must still be caught.
@Suite struct TransferHexStrictnessTests {
  @Test func aNonHexDigitAnywhereMakesTheLogMalformed() throws {
    let good = F.log(amount: "123456789")
    for field in ["topic0", "from", "to", "data", "address"] {
      let length = field == "address" ? 40 : 64
      for position in stride(from: 0, to: length, by: 3) {
        for bad in ["g", "G", "/", ":", "@", "`", " ", "é"] {
          var log = good
          var topics = good["topics"] as? [String] ?? []
          func corrupt(_ text: String) -> String {
            var characters = Array(text)
            characters[position] = Character(bad)
            return String(characters)
          }
          switch field {
          case "topic0": topics[0] = corrupt(topics[0])
          case "from": topics[1] = corrupt(topics[1])
          case "to": topics[2] = corrupt(topics[2])
          case "data": log["data"] = corrupt(try log.text("data"))
          default: log["address"] = corrupt(try log.text("address"))
          }
          log["topics"] = topics
          let output = try transfersOutput(try jsonText(F.info(1, logs: [log])))
          #expect(output.transfers.isEmpty, "\(field)[\(position)] = \(bad) accepted")
          #expect(output.skipped.first?["reason"] as? String == "malformed")
        }
      }
    }
    let output = try transfersOutput(try jsonText(F.info(1, logs: [good])))
    #expect(output.transfers.first?["amount"] as? String == "123456789")
  }

  @Test func aNonHexDigitInTheTxidSkipsTheRecord() throws {
    var info = F.info(1, logs: [F.log(amount: "1")])
    info["id"] = String(F.txid(1).dropLast()) + "g"
    let output = try transfersOutput(try jsonText(info))
    #expect(output.transfers.isEmpty)
    #expect(output.skipped.count == 1)
  }
}
