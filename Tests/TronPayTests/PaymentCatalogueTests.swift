import Foundation
import Testing

@_spi(Boundary) @testable import TronPay

private typealias F = Fixture

/// One test per case of payment-anchors.md §3.2, groups A–F, that a pure verdict can decide.
/// Cases left to a stateful watcher are listed in PaymentCatalogue.md.
@Suite struct PaymentCatalogueA {
  @Test("A1") func a1FakeTokenNamedUSDT() throws {
    let fakeItem = F.trc20Item(1, token: F.fakeToken, symbol: "USDT", value: "10000000")
    let fakeLog = F.info(2, logs: [F.log(emitter: F.fakeToken, amount: "10000000")])
    let (state, output) = try F.check(try F.request(evidence: [F.page([fakeItem]), fakeLog]))
    #expect(state == "new")
    #expect(output.reasons == ["foreign_token", "foreign_token"])
    #expect(output.firstInvoice["received"] as? String == "0")
  }

  @Test("A2") func a2TransferEventFromANonUSDTContract() throws {
    let info = F.info(1, logs: [F.log(emitter: F.fakeToken, amount: "10000000")])
    let (state, output) = try F.check(try F.request(evidence: [info]))
    #expect(state == "new")
    #expect(output.reasons == ["foreign_token"])
  }

  @Test("A3") func a3RealUSDTCalledButNoLogToTheMerchant() throws {
    let calldata = "a9059cbb" + F.word(F.merchant) + F.amountWord("10000000")
    let call = F.transaction(
      1, type: "TriggerSmartContract",
      value: ["owner_address": "41" + F.payer, "contract_address": "41" + F.usdt, "data": calldata])
    let emptyInfo = F.info(1, logs: [])
    let otherEmitter = F.info(1, logs: [F.log(emitter: F.fakeToken, amount: "10000000")])
    let (state, output) = try F.check(try F.request(evidence: [call, emptyInfo]))
    #expect(state == "new")
    #expect(output.rejected.isEmpty)
    let (second, _) = try F.check(try F.request(evidence: [call, otherEmitter]))
    #expect(second == "new")
  }

  @Test("A4") func a4SameSelectorOnADifferentContract() throws {
    let calldata = "a9059cbb" + F.word(F.merchant) + F.amountWord("10000000")
    let call = F.transaction(
      1, type: "TriggerSmartContract",
      value: [
        "owner_address": "41" + F.payer, "contract_address": "41" + F.fakeToken, "data": calldata,
      ])
    let info = F.info(1, logs: [F.log(emitter: F.fakeToken, amount: "10000000")])
    let (state, output) = try F.check(try F.request(evidence: [call, info]))
    #expect(state == "new")
    #expect(output.reasons == ["foreign_token"])
  }

  @Test("A5") func a5PinnedContractsComeFromTheRequestNotACodeConstant() throws {
    // A request pinning a Nile USDT refuses the mainnet contract's logs, and the other way round.
    let nileUSDT = "TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf"
    let mainnetLog = F.info(1, logs: [F.log(amount: "10000000")])
    let (state, output) = try F.check(
      try F.request(evidence: [mainnetLog], tokens: ["USDT": nileUSDT]))
    #expect(state == "new")
    #expect(output.reasons == ["foreign_token"])
    let nileHex = Hex.encode(try Address(parsing: nileUSDT).evmBytes)
    let nileLog = F.info(2, logs: [F.log(emitter: nileHex, amount: "10000000")])
    #expect(try F.check(try F.request(evidence: [nileLog])).0 == "new")
    #expect(
      try F.check(try F.request(evidence: [nileLog], tokens: ["USDT": nileUSDT])).0 == "paid")
  }

  @Test("A6") func a6AnotherAllowedTokenAtAUSDTInvoice() throws {
    let tokens = ["USDT": F.base58(F.usdt), "USDC": F.base58(F.usdc)]
    let info = F.info(1, logs: [F.log(emitter: F.usdc, amount: "10000000")])
    var usdcInvoice = F.Invoice()
    usdcInvoice.id = "usdc"
    usdcInvoice.token = "USDC"
    usdcInvoice.address = F.base58(F.other)
    let (state, output) = try F.check(
      try F.request(invoices: [F.Invoice(), usdcInvoice], evidence: [info], tokens: tokens))
    #expect(state == "new")
    #expect(output.reasons == ["foreign_token"])
  }

  @Test("A7") func a7LogFromAnUnpinnedImplementationOfThePinnedContract() throws {
    // The transaction calls TR7N…, but the Transfer log comes from a forwarding implementation.
    let info = F.info(1, logs: [F.log(emitter: F.router, amount: "10000000")])
    let (state, output) = try F.check(try F.request(evidence: [info]))
    #expect(state == "new")
    #expect(output.reasons == ["foreign_token"])
  }
}

@Suite struct PaymentCatalogueB {
  @Test("B1") func b1RevertedTransfer() throws {
    let tx = F.transaction(
      1, type: "TriggerSmartContract",
      value: ["owner_address": "41" + F.payer, "contract_address": "41" + F.usdt], ret: "REVERT")
    let info = F.info(1, logs: [], receiptResult: "REVERT", failed: true)
    let (state, output) = try F.check(try F.request(evidence: [tx, info]))
    #expect(state == "new")
    #expect(
      output.firstInvoice["credits"] as? [Any] == nil
        || (output.firstInvoice["credits"] as? [Any])?.isEmpty == true)
  }

  @Test("B2") func b2OutOfEnergyAndOutOfTime() throws {
    for result in ["OUT_OF_ENERGY", "OUT_OF_TIME"] {
      let info = F.info(1, logs: [], receiptResult: result, failed: true)
      #expect(try F.check(try F.request(evidence: [info])).0 == "new")
    }
  }

  @Test("B3") func b3LogPresentButReceiptNotSuccess() throws {
    let info = F.info(1, logs: [F.log(amount: "10000000")], receiptResult: "REVERT", failed: true)
    let (state, output) = try F.check(try F.request(evidence: [info]))
    #expect(state == "new")
    #expect(output.reasons == ["failed"])
    // The parser still lists it, marked as failed.
    let parsed = try transfersOutput(try jsonText(info))
    #expect(parsed.transfers.first?["success"] as? Bool == false)
  }

  @Test("B4") func b4RetAndReceiptDisagree() throws {
    let tx = F.transaction(
      1, type: "TriggerSmartContract",
      value: ["owner_address": "41" + F.payer, "contract_address": "41" + F.usdt])
    let info = F.info(1, logs: [F.log(amount: "10000000")], receiptResult: "REVERT")
    let (state, output) = try F.check(try F.request(evidence: [tx, info]))
    #expect(state == "new")
    #expect(output.reasons == ["failed"])
  }

  @Test("B5") func b5ReceiptNotYetAvailable() throws {
    let (state, output) = try F.check(try F.request(evidence: [[String: Any]()]))
    #expect(state == "new")
    #expect(output.rejected.isEmpty)
    let envelope: [String: Any] = ["jsonrpc": "2.0", "id": 1, "result": NSNull()]
    #expect(try F.check(try F.request(evidence: [envelope])).0 == "new")
  }

  @Test("B6") func b6NotSolidified() throws {
    let info = F.info(1, logs: [F.log(amount: "10000000")])
    let (state, output) = try F.check(
      try F.request(head: F.block + 5, solidified: F.block - 1, evidence: [info]))
    #expect(state == "detected")
    let credit = try #require((output.firstInvoice["credits"] as? [[String: Any]])?.first)
    #expect(credit["final"] as? Bool == false)
    #expect(output.firstInvoice["received"] as? String == "10000000")
    #expect(output.firstInvoice["received_final"] as? String == "0")
    let (solid, _) = try F.check(try F.request(solidified: F.block, evidence: [info]))
    #expect(solid == "paid")
  }

  @Test("B7") func b7LogOfAnAbandonedBlockIsNoCredit() throws {
    // The full withdraw-and-rederive flow needs a watcher; a pure verdict refuses removed logs.
    let log = F.rpcLog(1, index: 0, amount: "10000000", removed: true)
    let (state, output) = try F.check(try F.request(evidence: [[log]]))
    #expect(state == "new")
    #expect(output.reasons == ["removed"])
  }

  @Test("B8") func b8ConfirmationsAreCountedLocally() throws {
    let info = F.info(1, logs: [F.log(amount: "10000000")])
    let inHead = try F.request(
      head: F.block, solidified: F.block - 19, evidence: [info], policy: ["confirmations": 1])
    #expect(try F.check(inHead).0 == "detected")
    let oneOnTop = try F.request(
      head: F.block + 1, solidified: F.block - 19, evidence: [info], policy: ["confirmations": 1])
    #expect(try F.check(oneOnTop).0 == "paid")
    // A block above the reported head is nothing to count on.
    let ahead = try F.request(
      head: F.block - 1, solidified: F.block - 19, evidence: [info], policy: ["confirmations": 0])
    #expect(try F.check(ahead).0 == "detected")
  }

  @Test("B9") func b9IndexerClaimsAreHintsOnly() throws {
    let item = F.trc20Item(1, value: "10000000")
    let (state, output) = try F.check(try F.request(evidence: [F.page([item])]))
    #expect(state == "detected")
    #expect(output.reasons == ["not_final"])
    #expect(output.firstInvoice["received_final"] as? String == "0")
    // With the node receipt, the receipt decides and the indexer copy is a duplicate.
    let info = F.info(1, logs: [F.log(amount: "10000000")])
    let (withReceipt, both) = try F.check(try F.request(evidence: [F.page([item]), info]))
    #expect(withReceipt == "paid")
    #expect(both.reasons == ["duplicate"])
  }
}

@Suite struct PaymentCatalogueC {
  private func malformed(_ log: [String: Any]) throws -> [String: Any] {
    let info = F.info(1, logs: [log])
    let parsed = try transfersOutput(try jsonText(info))
    #expect(parsed.transfers.isEmpty)
    #expect(parsed.skipped.first?["reason"] as? String == "malformed")
    #expect(parsed.skipped.first?["log_index"] as? Int == 0)
    let (state, output) = try F.check(try F.request(evidence: [info]))
    #expect(state == "new")
    #expect(output.reasons == ["malformed"])
    return parsed
  }

  @Test("C1") func c1TopicWithNonZeroHighBytes() throws {
    var log = F.log(amount: "10000000")
    log["topics"] = [F.transferTopic, F.word(F.payer), "ffffffffffffffffffffffff" + F.merchant]
    _ = try malformed(log)
  }

  @Test("C2") func c2DataLongerThan32Bytes() throws {
    var log = F.log(amount: "10000000")
    log["data"] = F.amountWord("10000000") + String(repeating: "ab", count: 32)
    _ = try malformed(log)
  }

  @Test("C3") func c3DataShortEmptyOrOdd() throws {
    for data in [
      "", "0x", "abc", String(repeating: "0", count: 62), "zz" + F.amountWord("1").dropFirst(2),
    ] {
      var log = F.log(amount: "10000000")
      log["data"] = data
      _ = try malformed(log)
    }
  }

  @Test("C4") func c4WrongTopicCount() throws {
    var four = F.log(amount: "10000000")
    four["topics"] = [F.transferTopic, F.word(F.payer), F.word(F.merchant), F.amountWord("1")]
    _ = try malformed(four)
    var one = F.log(amount: "10000000")
    one["topics"] = [F.transferTopic]
    one["data"] = F.word(F.payer) + F.word(F.merchant) + F.amountWord("10000000")
    _ = try malformed(one)
  }

  @Test("C5") func c5WrongTopic0() throws {
    var log = F.log(amount: "10000000")
    log["topics"] = [F.approvalTopic, F.word(F.payer), F.word(F.merchant)]
    let info = F.info(1, logs: [log])
    let parsed = try transfersOutput(try jsonText(info))
    #expect(parsed.transfers.isEmpty && parsed.skipped.isEmpty)
    #expect(try F.check(try F.request(evidence: [info])).0 == "new")
  }

  @Test("C6") func c6TwoTransferLogsToTheMerchantInOneTransaction() throws {
    let logs = [
      F.log(to: F.other, amount: "1"), F.log(amount: "4000000"), F.log(to: F.other, amount: "2"),
      F.log(amount: "6000000"),
    ]
    let (state, output) = try F.check(try F.request(evidence: [F.info(1, logs: logs)]))
    #expect(state == "paid")
    let credits = try #require(output.firstInvoice["credits"] as? [[String: Any]])
    #expect(credits.compactMap { $0["log_index"] as? Int } == [1, 3])
    #expect(output.firstInvoice["received_final"] as? String == "10000000")
  }

  @Test("C7") func c7RouterPaysThroughSeveralLogs() throws {
    let logs = [
      F.log(from: F.payer, to: F.router, amount: "10000000"),
      F.log(emitter: F.fakeToken, from: F.router, to: F.merchant, amount: "999"),
      F.log(from: F.router, to: F.merchant, amount: "10000000"),
    ]
    var info = F.info(1, logs: logs)
    info["contract_address"] = "41" + F.router
    let (state, output) = try F.check(try F.request(evidence: [info]))
    #expect(state == "paid")
    #expect((output.firstInvoice["credits"] as? [[String: Any]])?.first?["log_index"] as? Int == 2)
    #expect(output.reasons == ["foreign_token"])
    #expect(output.unmatched.count == 1)
  }

  @Test("C8") func c8ValueAbove2To64IsExact() throws {
    let amount = "18446744073719551616"  // 2^64 + 10 000 000
    let info = F.info(1, logs: [F.log(amount: amount)])
    let parsed = try transfersOutput(try jsonText(info))
    #expect(parsed.transfers.first?["amount"] as? String == amount)
    let (state, output) = try F.check(try F.request(evidence: [info]))
    #expect(state == "overpaid")
    #expect(output.firstInvoice["received"] as? String == amount)
  }

  @Test("C9") func c9ValueTwoTo256MinusOne() throws {
    let max = UInt256.max.description
    var log = F.log(amount: "1")
    log["data"] = String(repeating: "f", count: 64)
    let info = F.info(1, logs: [log, F.log(amount: "5")])
    let parsed = try transfersOutput(try jsonText(info))
    #expect(parsed.transfers.first?["amount"] as? String == max)
    // Sums are exact past 2^256 − 1: never a small number out of a huge one, never "paid".
    let (state, output) = try F.check(try F.request(evidence: [info]))
    #expect(state == "overpaid")
    #expect(
      output.firstInvoice["received"] as? String
        == "115792089237316195423570985008687907853269984665640564039457584007913129639940")
  }

  @Test("C10") func c10ZeroValue() throws {
    let info = F.info(1, logs: [F.log(amount: "0")])
    let parsed = try transfersOutput(try jsonText(info))
    #expect(parsed.transfers.first?["amount"] as? String == "0")
    let (state, output) = try F.check(try F.request(evidence: [info]))
    #expect(state == "new")
    #expect(output.reasons == ["below_minimum"])
  }

  @Test("C11") func c11AddressEncodingsAreNormalised() throws {
    let forms = [
      F.base58(F.merchant), "41" + F.merchant, "0x" + F.merchant, "41" + F.merchant.uppercased(),
    ]
    let info = F.info(1, logs: [F.log(amount: "10000000")])
    let rpc = F.rpcLog(2, index: 5, amount: "10000000")
    for form in forms {
      var invoice = F.Invoice()
      invoice.address = form
      #expect(try F.check(try F.request(invoices: [invoice], evidence: [info])).0 == "paid")
      let dated: [Any] = [[rpc], F.rpcBlock()]
      #expect(try F.check(try F.request(invoices: [invoice], evidence: dated)).0 == "paid")
    }
  }

  @Test("C12") func c12HexCaseAndPrefixCase() throws {
    var log = F.log(amount: "10000000")
    log["address"] = F.usdt.uppercased()
    log["topics"] = [
      F.transferTopic.uppercased(), F.word(F.payer).uppercased(), "0X" + F.word(F.merchant),
    ]
    log["data"] = F.amountWord("10000000").uppercased()
    let (state, _) = try F.check(try F.request(evidence: [F.info(1, logs: [log])]))
    #expect(state == "paid")
  }

  @Test("C13") func c13Base58IsCaseSignificant() throws {
    var invoice = F.Invoice()
    invoice.address = F.base58(F.merchant).lowercased()
    #expect(paymentError(try F.request(invoices: [invoice], evidence: [])).map(\.kind) == .address)
    var item = F.trc20Item(1, value: "10000000")
    item["to"] = F.base58(F.merchant).lowercased()
    let parsed = try transfersOutput(try jsonText(F.page([item])))
    #expect(parsed.transfers.isEmpty)
    #expect(parsed.skipped.first?["reason"] as? String == "malformed")
  }

  @Test("C14") func c14BadAddressInputIsRefusedNotRepaired() throws {
    let good = F.base58(F.merchant)
    var wrongChecksum = Array(good)
    wrongChecksum[33] = wrongChecksum[33] == "a" ? "b" : "a"
    let bitcoinVersion = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"
    for text in [
      String(wrongChecksum), " " + good, good + " ", bitcoinVersion, "41" + F.merchant + "00",
      F.merchant,
    ] {
      var invoice = F.Invoice()
      invoice.address = text
      let error = paymentError(try F.request(invoices: [invoice], evidence: []))
      #expect(error?.kind == .address, "accepted \(text)")
    }
  }
}

@Suite struct PaymentCatalogueD {
  @Test("D1") func d1SameCreditSeenTwice() throws {
    let info = F.info(1, logs: [F.log(amount: "6000000")])
    let (state, output) = try F.check(try F.request(evidence: [info, info, [info]]))
    #expect(state == "partial")
    #expect(output.firstInvoice["received"] as? String == "6000000")
    #expect(output.reasons == ["duplicate", "duplicate"])
  }

  @Test("D2") func d2OneCreditAttachesToOneInvoiceAtMost() throws {
    var first = F.Invoice()
    first.id = "a"
    var second = F.Invoice()
    second.id = "b"
    let info = F.info(1, logs: [F.log(amount: "10000000")])
    let (_, output) = try F.check(try F.request(invoices: [first, second], evidence: [info]))
    #expect(output.invoices.map { $0["state"] as? String } == ["new", "new"])
    #expect(output.reasons == ["ambiguous"])
    second.due = "12000000"
    let (_, split) = try F.check(try F.request(invoices: [first, second], evidence: [info]))
    #expect(split.invoices.map { $0["state"] as? String } == ["paid", "new"])
  }

  @Test("D3") func d3PaymentAfterExpiry() throws {
    var invoice = F.Invoice()
    invoice.expires = F.stamp - 1
    let info = F.info(1, logs: [F.log(amount: "10000000")])
    let (state, output) = try F.check(try F.request(invoices: [invoice], evidence: [info]))
    #expect(state == "paid_late")
    #expect(output.firstInvoice["received_final"] as? String == "10000000")
    // Settled in time first: the later payment is reported for a refund, not folded in.
    let onTime = F.info(2, stamp: F.stamp - 9_000, logs: [F.log(amount: "10000000")])
    let (settled, both) = try F.check(try F.request(invoices: [invoice], evidence: [onTime, info]))
    #expect(settled == "paid")
    #expect(both.reasons == ["late"])
  }

  @Test("D4") func d4PaymentBeforeTheInvoiceExisted() throws {
    var invoice = F.Invoice()
    invoice.created = F.stamp + 1
    let info = F.info(1, logs: [F.log(amount: "10000000")])
    let (state, output) = try F.check(try F.request(invoices: [invoice], evidence: [info]))
    #expect(state == "new")
    #expect(output.reasons == ["early"])
  }

  @Test("D5") func d5AddressReuseAfterExpiry() throws {
    var old = F.Invoice()
    old.id = "old"
    old.created = F.stamp - 2_000_000
    old.expires = F.stamp - 1_000_000
    var fresh = F.Invoice()
    fresh.id = "new"
    fresh.due = "20000000"
    let late = F.info(1, logs: [F.log(amount: "10000000")])
    let (_, output) = try F.check(try F.request(invoices: [old, fresh], evidence: [late]))
    #expect(output.invoices.map { $0["state"] as? String } == ["paid_late", "new"])
  }

  @Test("D6") func d6UniqueAmountCollision() throws {
    var a = F.Invoice()
    a.id = "a"
    var b = F.Invoice()
    b.id = "b"
    b.created = F.stamp - 100_000
    let info = F.info(1, logs: [F.log(amount: "10000000")])
    let (_, output) = try F.check(try F.request(invoices: [a, b], evidence: [info]))
    #expect(output.invoices.map { $0["state"] as? String } == ["new", "new"])
    #expect(output.reasons == ["ambiguous"])
  }

  @Test("D7") func d7PartialPaymentsSum() throws {
    let sixty = F.info(1, logs: [F.log(amount: "6000000")])
    let forty = F.info(2, logs: [F.log(amount: "4000000")])
    #expect(try F.check(try F.request(evidence: [sixty])).0 == "partial")
    let (state, output) = try F.check(try F.request(evidence: [sixty, forty]))
    #expect(state == "paid")
    #expect((output.firstInvoice["credits"] as? [Any])?.count == 2)
    // Unique-amount mode (two invoices on one address): neither part matches; both surface.
    var other = F.Invoice()
    other.id = "other"
    other.due = "7000000"
    let (_, shared) = try F.check(
      try F.request(invoices: [F.Invoice(), other], evidence: [sixty, forty]))
    #expect(shared.invoices.map { $0["state"] as? String } == ["new", "new"])
    #expect(shared.unmatched.count == 2)
  }

  @Test("D8") func d8Overpayment() throws {
    let info = F.info(1, logs: [F.log(amount: "15000000")])
    let (state, output) = try F.check(try F.request(evidence: [info]))
    #expect(state == "overpaid")
    #expect(output.firstInvoice["received_final"] as? String == "15000000")
    #expect(output.firstInvoice["due"] as? String == "10000000")
  }

  @Test("D9") func d9ExchangeFeeUnderpaymentAndBoundedTolerance() throws {
    let info = F.info(1, logs: [F.log(amount: "9900000")])
    var invoice = F.Invoice()
    #expect(try F.check(try F.request(invoices: [invoice], evidence: [info])).0 == "partial")
    invoice.tolerance = 100
    #expect(try F.check(try F.request(invoices: [invoice], evidence: [info])).0 == "paid")
    invoice.tolerance = 99
    #expect(try F.check(try F.request(invoices: [invoice], evidence: [info])).0 == "partial")
    invoice.tolerance = 5000
    #expect(try F.check(try F.request(invoices: [invoice], evidence: [info])).0 == "paid")
    for bad in [5001, 10_000, -1] {
      invoice.tolerance = bad
      #expect(paymentError(try F.request(invoices: [invoice], evidence: [info]))?.kind == .json)
    }
  }

  @Test("D10") func d10IntegerBaseUnitsNoRounding() throws {
    var invoice = F.Invoice()
    invoice.due = "12350000"
    let info = F.info(1, logs: [F.log(amount: "12345678")])
    let (state, output) = try F.check(try F.request(invoices: [invoice], evidence: [info]))
    #expect(state == "partial")
    #expect(output.firstInvoice["received"] as? String == "12345678")
  }

  @Test("D11") func d11AmountTextIsBaseUnitsOnly() throws {
    let info = F.info(1, logs: [F.log(amount: "10000000")])
    var invoice = F.Invoice()
    invoice.due = "10000000"
    #expect(try F.check(try F.request(invoices: [invoice], evidence: [info])).0 == "paid")
    // Base units have one written form: "0010000000" is refused (issue 12, review finding 7).
    for bad in ["10.00", "1e7", "10,000,000", " 10000000", "-10000000", "0", "", "0010000000"] {
      invoice.due = bad
      #expect(paymentError(try F.request(invoices: [invoice], evidence: [info]))?.kind == .json)
    }
    // An integer JSON number is exact too.
    let text = try F.request(evidence: [info]).replacingOccurrences(
      of: "\"amount_due\":\"10000000\"", with: "\"amount_due\":10000000")
    #expect(text.contains("\"amount_due\":10000000"))
    #expect(try F.check(text).0 == "paid")
  }

  @Test("D12") func d12WindowEdgesInUTCMilliseconds() throws {
    var invoice = F.Invoice()
    invoice.created = F.stamp
    invoice.expires = F.stamp + 3_000
    let info = F.info(1, logs: [F.log(amount: "10000000")])
    #expect(try F.check(try F.request(invoices: [invoice], evidence: [info])).0 == "paid")
    invoice.created = F.stamp - 3_000
    invoice.expires = F.stamp
    #expect(try F.check(try F.request(invoices: [invoice], evidence: [info])).0 == "paid")
    invoice.expires = F.stamp - 1
    #expect(try F.check(try F.request(invoices: [invoice], evidence: [info])).0 == "paid_late")
  }

  @Test("D13") func d13OwnWalletMovementsNeverCredit() throws {
    let sweep = F.info(1, logs: [F.log(from: F.merchant, to: F.other, amount: "10000000")])
    let topUp = F.trx(2, from: F.other, to: F.merchant, sun: 30_000_000)
    let (state, output) = try F.check(
      try F.request(evidence: [sweep, F.block([topUp])]))
    #expect(state == "new")
    #expect(output.unmatched.count == 1)
    #expect(output.reasons == ["foreign_token"])
  }
}

@Suite struct PaymentCatalogueE {
  @Test("E1") func e1ZeroValueTransferFromPoisoning() throws {
    let poison = F.info(1, logs: [F.log(from: F.merchant, to: F.other, amount: "0")])
    let zeroIn = F.info(2, logs: [F.log(from: F.other, to: F.merchant, amount: "0")])
    let (state, output) = try F.check(try F.request(evidence: [poison, zeroIn]))
    #expect(state == "new")
    #expect(output.reasons == ["below_minimum"])
    #expect(output.unmatched.count == 1)
  }

  @Test("E2") func e2DustFromALookalike() throws {
    let dust = F.info(1, logs: [F.log(from: F.other, amount: "1000")])
    let (state, output) = try F.check(
      try F.request(evidence: [dust], policy: ["min_amount": "10000"]))
    #expect(state == "new")
    #expect(output.reasons == ["below_minimum"])
  }

  @Test("E3") func e3LookalikeDepositAddress() throws {
    // Same first and last characters of hex, different middle: a different 21-byte address.
    let lookalike =
      String(F.merchant.prefix(6)) + String(repeating: "0", count: 28)
      + String(F.merchant.suffix(6))
    let info = F.info(1, logs: [F.log(to: lookalike, amount: "10000000")])
    let (state, output) = try F.check(try F.request(evidence: [info]))
    #expect(state == "new")
    #expect(output.unmatched.count == 1)
  }

  @Test("E5") func e5FakeTRC10USDT() throws {
    let asset = F.transaction(
      1, type: "TransferAssetContract",
      value: [
        "asset_name": "55534454", "owner_address": "41" + F.payer, "to_address": "41" + F.merchant,
        "amount": 10_000_000,
      ])
    var trxInvoice = F.Invoice()
    trxInvoice.token = "TRX"
    let parsed = try transfersOutput(try jsonText(asset))
    #expect(parsed.transfers.isEmpty)
    #expect(parsed.skipped.first?["reason"] as? String == "trc10")
    for invoice in [F.Invoice(), trxInvoice] {
      let (state, output) = try F.check(
        try F.request(invoices: [invoice], evidence: [F.block([asset])]))
      #expect(state == "new")
      #expect(output.reasons == ["foreign_token"])
    }
  }
}

@Suite struct PaymentCatalogueF {
  private var trxInvoice: F.Invoice {
    var invoice = F.Invoice()
    invoice.token = "TRX"
    invoice.due = "100000000"
    return invoice
  }

  @Test("F1") func f1PlainTRXPayment() throws {
    let block = F.block([F.trx(1, sun: 100_000_000)])
    let (state, output) = try F.check(try F.request(invoices: [trxInvoice], evidence: [block]))
    #expect(state == "paid")
    let credit = try #require((output.firstInvoice["credits"] as? [[String: Any]])?.first)
    #expect(credit["log_index"] is NSNull)
    #expect(credit["block"] as? Int == F.block)
    let pending = try F.request(
      solidified: F.block - 1, invoices: [trxInvoice], evidence: [block])
    #expect(try F.check(pending).0 == "detected")
  }

  @Test("F2") func f2CallValueToAContractIsNotAPayment() throws {
    let call = F.transaction(
      1, type: "TriggerSmartContract",
      value: [
        "owner_address": "41" + F.payer, "contract_address": "41" + F.merchant,
        "call_value": 100_000_000, "data": "d0e30db0",
      ])
    let (state, output) = try F.check(
      try F.request(invoices: [trxInvoice], evidence: [F.block([call])]))
    #expect(state == "new")
    #expect(output.rejected.isEmpty)
  }

  @Test("F3") func f3InternalTRXTransfers() throws {
    let paid: [String: Any] = [
      "hash": String(repeating: "e", count: 64), "caller_address": "41" + F.router,
      "transferTo_address": "41" + F.merchant, "callValueInfo": [["callValue": 100_000_000]],
      "note": "63616c6c", "rejected": false,
    ]
    var rejected = paid
    rejected["rejected"] = true
    var token = paid
    token["callValueInfo"] = [["tokenId": "1002000", "callValue": 100_000_000]]
    let info = F.info(1, logs: [], internals: [rejected, token, paid])
    let parsed = try transfersOutput(try jsonText(info))
    #expect(parsed.transfers.count == 1)
    #expect(parsed.transfers.first?["source"] as? String == "internal")
    #expect(parsed.skipped.compactMap { $0["reason"] as? String } == ["rejected", "trc10"])
    let (state, output) = try F.check(try F.request(invoices: [trxInvoice], evidence: [info]))
    #expect(state == "paid")
    #expect(output.reasons == ["failed", "foreign_token"])
  }

  @Test("F4") func f4Trc10IsNeverTRX() throws {
    let asset = F.transaction(
      1, type: "TransferAssetContract",
      value: [
        "asset_name": "31303032303030", "owner_address": "41" + F.payer,
        "to_address": "41" + F.merchant, "amount": 100_000_000,
      ])
    let (state, output) = try F.check(
      try F.request(invoices: [trxInvoice], evidence: [F.block([asset])]))
    #expect(state == "new")
    #expect(output.reasons == ["foreign_token"])
  }

  @Test("F5") func f5FailedOrStatuslessTRXTransfer() throws {
    let failed = F.block([F.trx(1, sun: 100_000_000, ret: "REVERT")])
    let (state, output) = try F.check(try F.request(invoices: [trxInvoice], evidence: [failed]))
    #expect(state == "new")
    #expect(output.reasons == ["failed"])
    let statusless = F.block([F.trx(2, sun: 100_000_000, ret: nil)])
    let (seen, hint) = try F.check(try F.request(invoices: [trxInvoice], evidence: [statusless]))
    #expect(seen == "detected")
    #expect(hint.reasons == ["not_final"])
    #expect(hint.firstInvoice["received_final"] as? String == "0")
  }

  @Test("F6") func f6FeesAreNeverAmounts() throws {
    var info = F.info(1, logs: [F.log(amount: "9000000")])
    info["fee"] = 1_000_000
    let (state, output) = try F.check(try F.request(evidence: [info]))
    #expect(state == "partial")
    #expect(output.firstInvoice["received"] as? String == "9000000")
  }

  @Test("F7") func f7FeeOnTransferCreditsTheLogValue() throws {
    let calldata = "a9059cbb" + F.word(F.merchant) + F.amountWord("10000000")
    let call = F.transaction(
      1, type: "TriggerSmartContract",
      value: ["owner_address": "41" + F.payer, "contract_address": "41" + F.usdt, "data": calldata])
    let info = F.info(
      1, logs: [F.log(amount: "9990000"), F.log(to: F.other, amount: "10000")])
    let (state, output) = try F.check(try F.request(evidence: [call, info]))
    #expect(state == "partial")
    #expect(output.firstInvoice["received"] as? String == "9990000")
  }

  @Test("F8") func f8MultiContractTransactionIsRefusedNotHalfRead() throws {
    var tx = F.trx(1, sun: 100_000_000)
    tx = F.transaction(
      1, type: "TransferContract",
      value: [
        "owner_address": "41" + F.payer, "to_address": "41" + F.merchant, "amount": 100_000_000,
      ],
      extraContracts: 1)
    let parsed = try transfersOutput(try jsonText(tx))
    #expect(parsed.transfers.isEmpty)
    #expect(parsed.skipped.first?["reason"] as? String == "unsupported")
    let (state, output) = try F.check(
      try F.request(invoices: [trxInvoice], evidence: [F.block([tx])]))
    #expect(state == "new")
    #expect(output.reasons == ["unsupported", "unsupported"])
  }
}
