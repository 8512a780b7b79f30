import Foundation
import Testing

@_spi(Boundary) @testable import TronPay

private typealias F = Fixture

/// One named test per class of the conflicting-evidence review (issue 12), on records shaped
/// like the real ones and on the real mainnet records of vectors/mainnet.json, mutated.
@Suite struct VerdictHardeningTests {
  // A static initializer cannot throw: without the file every mainnet(_:) fails its #require.
  nonisolated(unsafe) static let cases =
    (try? VectorFile.list(VectorFile.load("mainnet.json"), "cases")) ?? []

  static func mainnet(_ name: String) throws -> [String: Any] {
    try #require(cases.first { $0["name"] as? String == name })
  }

  /// A JSON-RPC log of the given txid (64 hex) paying the merchant.
  static func rpcLog(txid: String, amount: String, index: Int = 7, block: Int = F.block)
    -> [String: Any]
  {
    var log = F.rpcLog(1, index: index, amount: amount, block: block)
    log["transactionHash"] = "0x" + txid
    return log
  }

  // MARK: 1. Truth per transaction

  @Test func aFailedReceiptOverrulesALogOfTheSameTransactionSeenElsewhere() throws {
    let record = try Self.mainnet("usdt_transfer_FAILED_out_of_energy")
    let failed = try #require(record["gettransactioninfobyid"] as? [String: Any])
    let txid = try #require(failed["id"] as? String)
    let block = try #require(failed["blockNumber"] as? Int)
    let stamp = try #require(failed["blockTimeStamp"] as? Int)
    var invoice = F.Invoice()
    invoice.created = stamp - 60_000
    invoice.expires = stamp + 600_000
    let log = Self.rpcLog(txid: txid, amount: "10000000", block: block)
    let dated = F.rpcBlock(number: block, stamp: stamp)
    for evidence: [Any] in [[failed, [log], dated], [[log], dated, failed]] {
      let request = try F.request(
        head: block + 40, solidified: block + 20, now: stamp + 60_000, invoices: [invoice],
        evidence: evidence)
      let (state, output) = try F.check(request)
      #expect(state == "new")
      #expect(output.reasons == ["failed"])
    }
    // Without the failed receipt the same log pays: the receipt is what refuses it.
    let alone = try F.request(
      head: block + 40, solidified: block + 20, now: stamp + 60_000, invoices: [invoice],
      evidence: [[log], dated])
    #expect(try F.check(alone).0 == "paid")
  }

  @Test func aReceiptWithStatusOneDoesNotOverruleAFailedNodeRecord() throws {
    var receipt: [String: Any] = [
      "transactionHash": "0x" + F.txid(1), "status": "0x1",
      "blockNumber": "0x" + String(F.block, radix: 16),
      "logs": [F.rpcLog(1, index: 3, amount: "10000000")],
    ]
    let failed = F.info(1, logs: [], receiptResult: "REVERT", failed: true)
    let (state, output) = try F.check(try F.request(evidence: [receipt, failed, F.rpcBlock()]))
    #expect(state == "new")
    #expect(output.reasons == ["failed"])
    // A receipt whose log names another transaction is inconsistent.
    var log = F.rpcLog(1, index: 3, amount: "10000000")
    log["transactionHash"] = "0x" + F.txid(9)
    receipt["logs"] = [log]
    let (_, mixed) = try F.check(try F.request(evidence: [receipt, F.rpcBlock()]))
    #expect(mixed.reasons == ["inconsistent"])
  }

  @Test func recordsThatDisagreeCreditNothing() throws {
    let paid = F.info(1, logs: [F.log(amount: "10000000")])
    var otherBlock = paid
    otherBlock["blockNumber"] = F.block + 1
    var otherLogs = paid
    otherLogs["log"] = [F.log(amount: "20000000")]
    for evidence: [Any] in [[paid, otherBlock], [paid, otherLogs]] {
      let (state, output) = try F.check(try F.request(evidence: evidence))
      #expect(state == "new")
      #expect(output.reasons.allSatisfy { $0 == "inconsistent" || $0 == "duplicate" })
      #expect(output.reasons.contains("inconsistent"))
    }
    // ret entries that contradict each other, or a FAILED code beside contractRet SUCCESS.
    var tx = F.trx(1, sun: 10_000_000)
    for ret: [[String: Any]] in [
      [["contractRet": "SUCCESS"], ["contractRet": "REVERT"]],
      [["contractRet": "SUCCESS", "ret": "FAILED"]],
    ] {
      tx["ret"] = ret
      var invoice = F.Invoice()
      invoice.token = "TRX"
      let (state, output) = try F.check(
        try F.request(invoices: [invoice], evidence: [F.block([tx])]))
      #expect(state == "new")
      #expect(output.reasons == ["inconsistent"])
    }
  }

  // MARK: 2. A failed transaction is visible

  @Test func aFailedTransactionIsListedWithItsResult() throws {
    let failed = F.info(4, logs: [], receiptResult: "OUT_OF_ENERGY", failed: true)
    let parsed = try transfersOutput(try jsonText(failed))
    #expect(parsed.transfers.isEmpty)
    #expect(parsed.skipped.count == 1)
    #expect(parsed.skipped.first?["reason"] as? String == "failed")
    #expect(parsed.skipped.first?["detail"] as? String == "OUT_OF_ENERGY")
    #expect(parsed.skipped.first?["txid"] as? String == F.txid(4))
    let reverted = F.block([F.trx(5, sun: 3, ret: "REVERT")])
    let blockParse = try transfersOutput(try jsonText(reverted))
    #expect(blockParse.transfers.first?["success"] as? Bool == false)
    #expect(blockParse.skipped.compactMap { $0["detail"] as? String } == ["REVERT"])
  }

  // MARK: 3. removed

  @Test func removedIsABooleanAndRevokesTheLogEverywhere() throws {
    for loose: Any in ["true", 1, "false", NSNull()] {
      var log = F.rpcLog(1, index: 2, amount: "10000000")
      log["removed"] = loose
      let parsed = try transfersOutput(try jsonText([log]))
      #expect(parsed.transfers.isEmpty, "removed: \(loose)")
      #expect(parsed.skipped.first?["reason"] as? String == "malformed")
    }
    // The node receipt shows the log; a JSON-RPC answer withdrew it: nothing credits.
    let receipt = F.info(1, logs: [F.log(amount: "10000000")])
    let withdrawn = F.rpcLog(1, index: 40, amount: "10000000", removed: true)
    for evidence: [Any] in [[receipt, [withdrawn]], [[withdrawn], receipt]] {
      let (state, output) = try F.check(try F.request(evidence: evidence))
      #expect(state == "new")
      #expect(Set(output.reasons) == ["removed"])
    }
  }

  // MARK: 4. One credit identity

  @Test func oneMovementSeenThroughEverySourceCreditsOnce() throws {
    let receipt = F.info(1, logs: [F.log(amount: "10000000")])
    let rpc = F.rpcLog(1, index: 57, amount: "10000000")
    var item = F.trc20Item(1, value: "10000000")
    item["from"] = F.base58(F.payer)
    for evidence: [Any] in [
      [receipt, [rpc], F.page([item])], [F.page([item]), [rpc], receipt, F.rpcBlock()],
      [[rpc], F.rpcBlock(), F.page([item])],
    ] {
      let (state, output) = try F.check(try F.request(evidence: evidence))
      #expect(state == "paid")
      let credits = try #require(output.firstInvoice["credits"] as? [[String: Any]])
      #expect(credits.count == 1)
      #expect(credits.first?["ordinal"] as? Int == 0)
      #expect(output.firstInvoice["received"] as? String == "10000000")
      #expect(output.reasons.allSatisfy { $0 == "duplicate" })
    }
  }

  @Test func equalTransfersInOneTransactionAreCountedByOrdinal() throws {
    let receipt = F.info(1, logs: [F.log(amount: "5000000"), F.log(amount: "5000000")])
    let parsed = try transfersOutput(try jsonText(receipt))
    #expect(parsed.transfers.compactMap { $0["ordinal"] as? Int } == [0, 1])
    #expect(parsed.transfers.compactMap { $0["log_index"] as? Int } == [0, 1])
    // The same two logs through JSON-RPC (block-wide indexes) are the same two movements.
    let rpc = [
      F.rpcLog(1, index: 70, amount: "5000000"), F.rpcLog(1, index: 71, amount: "5000000"),
    ]
    let (state, output) = try F.check(try F.request(evidence: [receipt, rpc, rpc]))
    #expect(state == "paid")
    #expect(output.firstInvoice["received"] as? String == "10000000")
    #expect(output.reasons == ["duplicate", "duplicate", "duplicate", "duplicate"])
    // A third equal log that the receipt does not list is inconsistent evidence.
    let extra = rpc + [F.rpcLog(1, index: 72, amount: "5000000")]
    let (spoiled, refused) = try F.check(try F.request(evidence: [receipt, extra]))
    #expect(spoiled == "new")
    #expect(refused.reasons.contains("inconsistent"))
  }

  // MARK: 5. Time needs a trustworthy date

  @Test func aCreditWithoutATrustworthyTimeIsUndated() throws {
    let log = F.rpcLog(1, index: 2, amount: "10000000")
    let (state, output) = try F.check(try F.request(evidence: [[log]]))
    #expect(state == "detected")
    #expect(output.reasons == ["undated"])
    #expect(try F.check(try F.request(evidence: [[log], F.rpcBlock()])).0 == "paid")
    // An invoice without a window needs no date.
    var open = F.Invoice()
    open.created = nil
    open.expires = nil
    #expect(try F.check(try F.request(invoices: [open], evidence: [[log]])).0 == "paid")
    // Off the 3-second slot grid, or in the future beyond a little skew: no date.
    for stamp in [F.stamp + 1_000, F.stamp + 3_600_000] {
      let info = F.info(2, stamp: stamp, logs: [F.log(amount: "10000000")])
      let (undated, why) = try F.check(try F.request(evidence: [info]))
      #expect(undated == "detected")
      #expect(why.reasons == ["undated"])
    }
    // Late needs a date too: an undated payment to an expired invoice is not paid_late.
    var expired = F.Invoice()
    expired.expires = F.stamp - 3_000
    let (lateState, late) = try F.check(try F.request(invoices: [expired], evidence: [[log]]))
    #expect(lateState == "detected")
    #expect(late.reasons == ["undated"])
  }

  @Test func timesOfTheWrongFormAreMalformed() throws {
    for stamp: Any in ["1738601505000", -3_000, 18_446_744_073_709_551_616.0, 1_738_601_505_000.5] {
      var info = F.info(1, logs: [F.log(amount: "10000000")])
      info["blockTimeStamp"] = stamp
      let parsed = try transfersOutput(try jsonText(info))
      #expect(parsed.transfers.isEmpty, "blockTimeStamp \(stamp)")
      #expect(parsed.skipped.first?["reason"] as? String == "malformed")
    }
  }

  // MARK: 6. Signed bytes over JSON

  @Test func theRealTransactionIsReadFromItsSignedBytes() throws {
    let record = try Self.mainnet("trx_transfer_incoming_1_sun")
    let tx = try #require(record["trongrid_v1_account_transaction"] as? [String: Any])
    let parsed = try transfersOutput(try jsonText(tx))
    #expect(parsed.transfers.count == 1)
    #expect(parsed.transfers.first?["success"] as? Bool == true)
    #expect(parsed.transfers.first?["amount"] as? String == "1")
  }

  @Test func jsonThatDisagreesWithTheSignedBytesIsInconsistent() throws {
    let record = try Self.mainnet("trx_transfer_incoming_1_sun")
    let real = try #require(record["trongrid_v1_account_transaction"] as? [String: Any])
    func mutated(_ change: (inout [String: Any]) -> Void) throws -> [String: Any] {
      var copy = real
      var raw = try #require(copy["raw_data"] as? [String: Any])
      var contracts = try #require(raw["contract"] as? [[String: Any]])
      change(&contracts[0])
      raw["contract"] = contracts
      copy["raw_data"] = raw
      return copy
    }
    let bigger = try mutated { contract in
      var parameter = contract["parameter"] as? [String: Any] ?? [:]
      var value = parameter["value"] as? [String: Any] ?? [:]
      value["amount"] = 100_000_000
      parameter["value"] = value
      contract["parameter"] = parameter
    }
    let retyped = try mutated { contract in
      var parameter = contract["parameter"] as? [String: Any] ?? [:]
      parameter["type_url"] = "type.googleapis.com/protocol.TransferAssetContract"
      contract["parameter"] = parameter
    }
    var renamed = real
    renamed["txID"] = F.txid(3)
    for tx in [bigger, retyped, renamed] {
      let parsed = try transfersOutput(try jsonText(tx))
      #expect(parsed.transfers.isEmpty)
      #expect(parsed.skipped.contains { $0["reason"] as? String == "inconsistent" })
    }
    // Without the bytes the JSON is an indexer's word: detected, never paid.
    var unsigned = F.trx(1, sun: 10_000_000)
    unsigned.removeValue(forKey: "raw_data_hex")
    var invoice = F.Invoice()
    invoice.token = "TRX"
    let (state, output) = try F.check(
      try F.request(invoices: [invoice], evidence: [F.block([unsigned])]))
    #expect(state == "detected")
    #expect(output.reasons == ["not_final"])
  }

  // MARK: 7. Loose numbers

  @Test func numbersInTheWrongFormAreMalformed() throws {
    var quoted = F.info(1, logs: [F.log(amount: "10000000")])
    quoted["blockNumber"] = String(F.block)
    var hexFee = F.info(2, logs: [F.log(amount: "10000000")])
    hexFee["fee"] = "0x10"
    var decimalIndex = F.rpcLog(3, index: 1, amount: "10000000")
    decimalIndex["logIndex"] = 1
    let parsed = try transfersOutput(try jsonText([quoted, hexFee, decimalIndex]))
    #expect(parsed.transfers.isEmpty)
    #expect(parsed.skipped.compactMap { $0["reason"] as? String }.contains("malformed"))
    let (state, _) = try F.check(try F.request(evidence: [quoted, F.info(1, logs: [])]))
    #expect(state == "new")
  }

  // MARK: 8. Shared addresses stay linear

  @Test func fiftyThousandInvoicesOnOneAddressAndFiftyThousandDustLogs() throws {
    let count = 50_000
    var invoices: [Fixture.Invoice] = []
    invoices.reserveCapacity(count)
    for k in 0..<count {
      var invoice = F.Invoice()
      invoice.id = "i\(k)"
      invoice.due = String(1_000_000 + k)
      invoices.append(invoice)
    }
    var logs: [[String: Any]] = []
    for k in 0..<count {
      // Even invoices are paid exactly; the rest of the logs are dust matching nothing.
      logs.append(F.log(amount: k % 2 == 0 ? String(1_000_000 + k) : "7"))
    }
    let info = F.info(1, logs: logs)
    let output = try paymentOutput(try F.request(invoices: invoices, evidence: [info]))
    let states = output.invoices.compactMap { $0["state"] as? String }
    #expect(states.count == count)
    var wrong = 0
    for (k, state) in states.enumerated() where state != (k % 2 == 0 ? "paid" : "new") {
      wrong += 1
    }
    #expect(wrong == 0)
    #expect((output["unmatched"] as? [Any])?.count == count / 2)
  }

  // MARK: 9. Strict requests

  @Test func wrongRequestsAreRefusedNamingTheField() throws {
    func refusal(_ change: (inout [String: Any]) -> Void) throws -> String {
      var object =
        try JSONSerialization.jsonObject(with: Data(try F.request(evidence: []).utf8))
        as? [String: Any] ?? [:]
      change(&object)
      return paymentError(try jsonText(object))?.detail ?? "accepted"
    }
    func invoice(_ change: @escaping (inout [String: Any]) -> Void) -> (inout [String: Any]) -> Void
    {
      { object in
        var list = object["invoices"] as? [[String: Any]] ?? []
        change(&list[0])
        object["invoices"] = list
      }
    }
    let cases: [(String, (inout [String: Any]) -> Void)] = [
      ("unknown member invoices[0].expires_at", invoice { $0["expires_at"] = 1 }),
      (
        "unknown member chain.solidified",
        { o in
          var chain = o["chain"] as? [String: Any] ?? [:]
          chain["solidified"] = 1
          o["chain"] = chain
        }
      ),
      ("unknown member policy.min", { $0["policy"] = ["min": "1"] }),
      ("unknown member evidences", { $0["evidences"] = [] }),
      (
        "solidified_block is above",
        { o in
          o["chain"] = ["head_block": 10, "solidified_block": 11, "now_ms": F.stamp]
        }
      ),
      ("must be after created_at_ms", invoice { $0["expires_at_ms"] = $0["created_at_ms"] }),
      ("looks like seconds", invoice { $0["created_at_ms"] = F.stamp / 1000 }),
      (
        "chain.now_ms looks like seconds",
        { o in
          o["chain"] = ["head_block": 10, "solidified_block": 9, "now_ms": 1_738_601_505]
        }
      ),
      ("tokens.TRX is invalid", { $0["tokens"] = ["TRX": F.base58(F.usdt)] }),
      (
        "defaults to \"USDT\", which tokens does not pin",
        { o in
          o["tokens"] = ["USDC": F.base58(F.usdc)]
          var list = o["invoices"] as? [[String: Any]] ?? []
          list[0].removeValue(forKey: "token")
          o["invoices"] = list
        }
      ),
      ("\"EURT\" is a symbol tokens does not pin", invoice { $0["token"] = "EURT" }),
    ]
    for (expected, change) in cases {
      let detail = try refusal(change)
      #expect(detail.contains(expected), "\(expected): \(detail)")
    }
  }

  // MARK: 10. Exact sums

  @Test func sumsBeyondTheLargestAmountStayExact() throws {
    let max = UInt256.max.description
    var huge = F.log(amount: "1")
    huge["data"] = String(repeating: "f", count: 64)
    let info = F.info(1, logs: [huge, huge, F.log(amount: "1")])
    var invoice = F.Invoice()
    invoice.due = max
    let (state, output) = try F.check(try F.request(invoices: [invoice], evidence: [info]))
    #expect(state == "overpaid")
    // 2 × (2^256 − 1) + 1 = 2^257 − 1
    #expect(
      output.firstInvoice["received_final"] as? String
        == "231584178474632390847141970017375815706539969331281128078915168015826259279871")
  }

  // MARK: 11. Indexer oddities

  @Test func indexerOdditiesAreRefused() throws {
    var page = F.page([F.trc20Item(1, value: "10000000")])
    page["success"] = false
    #expect(transfersError(try jsonText(page))?.kind == .json)
    let event: [String: Any] = [
      "transaction_id": F.txid(2), "event_name": "Transfer", "event_index": 0,
      "contract_address": F.base58(F.usdt), "block_number": F.block, "block_timestamp": F.stamp,
      "result": [
        "0": "0x" + F.payer, "1": "0x" + F.merchant, "2": "10000000",
        "from": "0x" + F.payer, "to": "0x" + F.other, "value": "10000000",
      ],
    ]
    let parsed = try transfersOutput(try jsonText(F.page([event])))
    #expect(parsed.transfers.isEmpty)
    #expect(parsed.skipped.first?["reason"] as? String == "malformed")
    let entry: [String: Any] = [
      "caller_address": "41" + F.payer, "transferTo_address": "41" + F.merchant,
      "callValueInfo": [["callValue": 5_000_000, "tokenId": ""]], "rejected": false,
    ]
    let receipt = F.info(3, logs: [], internals: [entry])
    let trc10 = try transfersOutput(try jsonText(receipt))
    #expect(trc10.transfers.isEmpty)
    #expect(trc10.skipped.first?["reason"] as? String == "trc10")
  }

  // MARK: Review findings (variants the first version missed)

  @Test func receiptsThatDisagreeOnInternalTransactionsCreditNothing() throws {
    func internalTransfer(_ sun: Any, rejected: Bool = false) -> [String: Any] {
      [
        "caller_address": "41" + F.usdt, "transferTo_address": "41" + F.merchant,
        "callValueInfo": [["callValue": sun]], "rejected": rejected,
      ]
    }
    var invoice = F.Invoice()
    invoice.token = "TRX"
    invoice.due = "5000"
    let five = F.info(1, logs: [], internals: [internalTransfer(5000)])
    #expect(
      try F.check(try F.request(invoices: [invoice], evidence: [five, five])).0 != "overpaid")
    for other in [
      F.info(1, logs: [], internals: [internalTransfer(6000)]),
      F.info(1, logs: [], internals: [internalTransfer(5000, rejected: true)]),
    ] {
      let (state, output) = try F.check(
        try F.request(invoices: [invoice], evidence: [five, other]))
      #expect(state == "new")
      #expect(output.reasons.contains("inconsistent"))
    }
    // java-tron prints callValue as a JSON integer.
    let quoted = F.info(2, logs: [], internals: [internalTransfer("5000")])
    let parsed = try transfersOutput(try jsonText(quoted))
    #expect(parsed.transfers.isEmpty)
    #expect(parsed.skipped.first?["reason"] as? String == "malformed")
  }

  @Test func anUnreadableLogSeenAloneSpoilsItsTransaction() throws {
    let receipt = F.info(1, logs: [F.log(amount: "10000000")])
    var integerBlock = F.rpcLog(1, index: 40, amount: "10000000", removed: true)
    integerBlock["blockNumber"] = F.block
    var looseRemoved = F.rpcLog(1, index: 40, amount: "10000000")
    looseRemoved["removed"] = "true"
    for log in [integerBlock, looseRemoved] {
      let (state, output) = try F.check(try F.request(evidence: [receipt, [log]]))
      #expect(state == "new")
      #expect(output.reasons.contains("inconsistent"))
    }
  }

  // MARK: Second review (findings 4, 6, 7)

  /// An eth_getLogs log of txid 1 in the fixture block, with the given block hash digit.
  static func sighting(index: Int, amount: String = "10000000", hash: Character = "d")
    -> [String: Any]
  {
    var log = F.rpcLog(1, index: index, amount: amount)
    log["blockHash"] = "0x" + String(repeating: hash, count: 64)
    return log
  }

  @Test func aSameHeightReorgSeenThroughTwoAnswersCreditsNothing() throws {
    // The same log in two eth_getLogs answers, from two blocks at one height (a reorg between
    // the queries): the block hash is a fact of the transaction, so they contradict each other.
    for (second, index) in [(Character("e"), 57), (Character("e"), 58)] {
      let evidence: [Any] = [
        [Self.sighting(index: 57)], [Self.sighting(index: index, hash: second)], F.rpcBlock(),
      ]
      let (state, output) = try F.check(try F.request(evidence: evidence))
      #expect(state == "new")
      #expect(output.reasons.contains("inconsistent"))
      #expect(!output.reasons.contains { $0 != "inconsistent" && $0 != "duplicate" })
    }
    // A block record that gives its height another id: the block that held the log is gone.
    var block = F.rpcBlock()
    var result = block["result"] as? [String: Any] ?? [:]
    result["hash"] = "0x" + String(repeating: "e", count: 64)
    block["result"] = result
    let (state, output) = try F.check(try F.request(evidence: [[Self.sighting(index: 57)], block]))
    #expect(state == "new")
    #expect(output.reasons == ["inconsistent"])
    // A block hash in another form is malformed.
    var loose = Self.sighting(index: 57)
    loose["blockHash"] = "0x00"
    let parsed = try transfersOutput(try jsonText([loose]))
    #expect(parsed.transfers.isEmpty)
    #expect(parsed.skipped.first?["reason"] as? String == "malformed")
  }

  @Test func oneClaimAtTwoLogIndexValuesInTwoAnswersIsOneMovement() throws {
    // Rule: a logIndex orders equal logs only inside the answer that carries it; answers meet
    // by ordinal. Two answers placing the one 10 USDT claim at 57 and at 58 are one movement.
    let evidence: [Any] = [[Self.sighting(index: 57)], [Self.sighting(index: 58)], F.rpcBlock()]
    let (state, output) = try F.check(try F.request(evidence: evidence))
    #expect(state == "paid")
    #expect(output.firstInvoice["received"] as? String == "10000000")
    #expect(output.reasons == ["duplicate"])
    let credits = try #require(output.firstInvoice["credits"] as? [[String: Any]])
    #expect(credits.compactMap { $0["ordinal"] as? Int } == [0])
    // Two equal logs in one answer are two movements (ordinals 0 and 1), seen twice or not.
    let pair = [
      Self.sighting(index: 70, amount: "5000000"), Self.sighting(index: 71, amount: "5000000"),
    ]
    for twice in [false, true] {
      let (paid, both) = try F.check(
        try F.request(evidence: twice ? [pair, pair, F.rpcBlock()] : [pair, F.rpcBlock()]))
      #expect(paid == "paid")
      #expect(both.firstInvoice["received"] as? String == "10000000")
    }
  }

  @Test func aJsonTypeOverSignedTransferBytesIsInconsistent() throws {
    let record = try Self.mainnet("trx_transfer_incoming_1_sun")
    let real = try #require(record["trongrid_v1_account_transaction"] as? [String: Any])
    func retyped(_ type: String, url: String?) throws -> [String: Any] {
      var copy = real
      var raw = try #require(copy["raw_data"] as? [String: Any])
      var contracts = try #require(raw["contract"] as? [[String: Any]])
      contracts[0]["type"] = type
      if let url {
        var parameter = contracts[0]["parameter"] as? [String: Any] ?? [:]
        parameter["type_url"] = "type.googleapis.com/protocol." + url
        contracts[0]["parameter"] = parameter
      }
      raw["contract"] = contracts
      copy["raw_data"] = raw
      return copy
    }
    // JSON says a contract call (type alone, or type and type_url) over signed TransferContract
    // bytes: before, the transaction was read as a call and ignored.
    for tx in [
      try retyped("TriggerSmartContract", url: nil),
      try retyped("TriggerSmartContract", url: "TriggerSmartContract"),
    ] {
      let parsed = try transfersOutput(try jsonText(tx))
      #expect(parsed.transfers.isEmpty)
      #expect(parsed.skipped.contains { $0["reason"] as? String == "inconsistent" })
    }
    // The same through a check, on a fixture transfer in a node block: inconsistent, not "new"
    // with nothing said.
    var tx = F.trx(1, sun: 10_000_000)
    var raw = tx["raw_data"] as? [String: Any] ?? [:]
    var contracts = raw["contract"] as? [[String: Any]] ?? []
    contracts[0]["type"] = "TriggerSmartContract"
    raw["contract"] = contracts
    tx["raw_data"] = raw
    var invoice = F.Invoice()
    invoice.token = "TRX"
    let (state, output) = try F.check(
      try F.request(invoices: [invoice], evidence: [F.block([tx])]))
    #expect(state == "new")
    #expect(output.reasons == ["inconsistent"])
  }

  @Test func nullTimesInARequestAreRefusedNamingTheField() throws {
    let base = try F.request(evidence: [])
    for field in ["created_at_ms", "expires_at_ms", "tolerance_bps"] {
      var object =
        try JSONSerialization.jsonObject(with: Data(base.utf8)) as? [String: Any] ?? [:]
      var list = object["invoices"] as? [[String: Any]] ?? []
      list[0][field] = NSNull()
      object["invoices"] = list
      let error = paymentError(try jsonText(object))
      #expect(error?.kind == .json)
      #expect(error?.detail.contains("invoices[0].\(field) is null") == true, "\(field)")
    }
  }

  @Test func baseUnitsWithALeadingZeroAreRefused() throws {
    let info = F.info(1, logs: [F.log(amount: "41677389")])
    var invoice = F.Invoice()
    invoice.due = "041677389"
    let error = paymentError(try F.request(invoices: [invoice], evidence: [info]))
    #expect(error?.kind == .json)
    #expect(error?.detail.contains("invoices[0].amount_due") == true)
    invoice.due = "41677389"
    for (min, refused) in [("01", true), ("00", true), ("0", false), ("1", false)] {
      let text = try F.request(
        invoices: [invoice], evidence: [info], policy: ["min_amount": min])
      let failure = paymentError(text)
      #expect((failure != nil) == refused, "min_amount \(min)")
      if refused { #expect(failure?.detail.contains("policy.min_amount") == true) }
    }
  }

  @Test func anEventWhoseValueAndUnderscoreValueDisagreeIsMalformed() throws {
    func event(_ result: [String: Any]) -> [String: Any] {
      [
        "transaction_id": F.txid(2), "event_name": "Transfer", "event_index": 0,
        "contract_address": F.base58(F.usdt), "block_number": F.block,
        "block_timestamp": F.stamp, "result": result,
      ]
    }
    let agreeing: [String: Any] = [
      "0": "0x" + F.payer, "1": "0x" + F.merchant, "2": "10000000", "from": "0x" + F.payer,
      "to": "0x" + F.merchant, "value": "10000000", "_value": "10000000",
    ]
    #expect(try transfersOutput(try jsonText(F.page([event(agreeing)]))).transfers.count == 1)
    var named = agreeing
    named["_value"] = "99000000"
    var bare = agreeing
    bare.removeValue(forKey: "2")
    bare["_value"] = "99000000"
    var from = agreeing
    from["_from"] = "0x" + F.other
    for result in [named, bare, from] {
      let parsed = try transfersOutput(try jsonText(F.page([event(result)])))
      #expect(parsed.transfers.isEmpty)
      #expect(parsed.skipped.first?["reason"] as? String == "malformed")
    }
  }

  @Test func anIndexerTimeNeverDatesANodeReceipt() throws {
    var receipt = F.info(1, logs: [F.log(amount: "10000000")])
    receipt.removeValue(forKey: "blockTimeStamp")
    let item = F.trc20Item(1, from: F.payer, value: "10000000")
    for evidence: [Any] in [[receipt, F.page([item])], [F.page([item]), receipt]] {
      let (state, output) = try F.check(try F.request(evidence: evidence))
      #expect(state == "detected")
      #expect(Set(output.reasons) == ["undated", "duplicate"])
    }
    // The parse shows the receipt's transfer undated, the indexer item with its own time.
    let parsed = try transfersOutput(try jsonText([receipt, F.page([item])]))
    #expect(parsed.transfers.map { $0["timestamp_ms"] is NSNull } == [true, false])
    // A node-level time (its block) dates it.
    #expect(
      try F.check(try F.request(evidence: [receipt, F.page([item]), F.rpcBlock()])).0 == "paid")
  }

  @Test func aReceiptWithoutLogIndexKeepsEqualLogsApart() throws {
    var logs = [F.rpcLog(1, index: 0, amount: "5000000"), F.rpcLog(1, index: 0, amount: "5000000")]
    for k in logs.indices { logs[k].removeValue(forKey: "logIndex") }
    let receipt: [String: Any] = [
      "transactionHash": "0x" + F.txid(1), "status": "0x1",
      "blockNumber": "0x" + String(F.block, radix: 16),
      "blockHash": "0x" + String(repeating: "d", count: 64), "logs": logs,
    ]
    let parsed = try transfersOutput(try jsonText(receipt))
    #expect(parsed.transfers.compactMap { $0["ordinal"] as? Int } == [0, 1])
    let (state, output) = try F.check(try F.request(evidence: [receipt, F.rpcBlock()]))
    #expect(state == "paid")
    #expect(output.firstInvoice["received"] as? String == "10000000")
    // logIndex values that do not rise with the receipt's order contradict it.
    var shuffled = receipt
    shuffled["logs"] = [
      F.rpcLog(1, index: 9, amount: "5000000"), F.rpcLog(1, index: 8, amount: "5000000"),
    ]
    let (spoiled, why) = try F.check(try F.request(evidence: [shuffled, F.rpcBlock()]))
    #expect(spoiled == "new")
    #expect(why.reasons.contains("inconsistent"))
  }
}
