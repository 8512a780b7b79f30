import Foundation
import Testing
import TronPay

@testable import TronPayEngine

/// The dispute desk: one test per reason a payment was or was not credited.
@Suite struct EngineDisputeTests {
  static func firstTransfer(_ dispute: [String: Any]) -> [String: Any] {
    (dispute["transfers"] as? [[String: Any]])?.first ?? [:]
  }

  @Test func aCreditedPaymentIsExplained() throws {
    let h = try EngineHarness("d-credited")
    let invoice = try h.createInvoice(["order_id": "ORD-7", "amount": "2"]).invoiceField
    let block = try h.mine([.usdt(to: invoice.text("address"), amount: "2000000")])
    let pending = try h.dispute(block.txids[0])
    #expect(pending.text("status") == "credited")
    #expect(Self.firstTransfer(pending).text("reason") == "not_final")
    try h.solidifyAll()
    let answer = try h.dispute(block.txids[0].uppercased())
    #expect(Self.firstTransfer(answer).text("outcome") == "credited")
    #expect(Self.firstTransfer(answer)["reason"] is NSNull)
    #expect((answer["invoices"] as? [[String: Any]])?.first?.text("order_id") == "ORD-7")
    #expect(answer.text("summary").contains("ORD-7"))
    #expect(answer.text("summary").contains("final"))
  }

  @Test func aFailedTransactionWithoutLogsIsExplainedOnceItsReceiptIsPushed() throws {
    let h = try EngineHarness("d-failed")
    let invoice = try h.createInvoice(["order_id": "A", "amount": "2"]).invoiceField
    let block = try h.mine([.failedUSDT(to: invoice.text("address"), amount: "2000000")])
    let txid = block.txids[0]
    #expect(try h.dispute(txid).text("status") == "unknown")
    // The support desk fetched gettransactioninfobyid for the customer's txid.
    try h.evidence(block.infos[0])
    let answer = try h.dispute(txid)
    #expect(answer.text("status") == "rejected")
    #expect(answer.text("result") == "OUT_OF_ENERGY")
    #expect(answer.text("summary").contains("OUT_OF_ENERGY"))
    #expect(try h.state(invoice.text("id")) == "new")
  }

  @Test func aPaymentToSomeoneElseIsNotOurAddress() throws {
    let h = try EngineHarness("d-foreign")
    _ = try h.createInvoice(["order_id": "A", "amount": "2"])
    let elsewhere = TestChain.base58("18314cd6beab3b324174395a40731cfdf07e857d")
    let block = h.chain.mine([.usdt(to: elsewhere, amount: "2000000")])
    try h.apply(block)
    try h.evidence(block.infos[0])
    let answer = try h.dispute(block.txids[0])
    #expect(answer.text("status") == "rejected")
    #expect(Self.firstTransfer(answer).text("reason") == "not_our_address")
  }

  @Test func belowTheMinimumIsRejected() throws {
    let h = try EngineHarness(
      "d-min", config: ["policy": ["expiry_ms": 900_000, "min_amount": "1000"]])
    let invoice = try h.createInvoice(["order_id": "A", "amount": "2"]).invoiceField
    let block = try h.mine([.usdt(to: invoice.text("address"), amount: "999")])
    #expect(Self.firstTransfer(try h.dispute(block.txids[0])).text("reason") == "below_minimum")
    #expect(try h.state(invoice.text("id")) == "new")
  }

  @Test func aPaymentBeforeTheInvoiceExistedIsEarly() throws {
    let h = try EngineHarness("d-early")
    h.now = TestChain.firstStamp + 30_000
    let invoice = try h.createInvoice(["order_id": "A", "amount": "2"]).invoiceField
    let block = try h.mine([.usdt(to: invoice.text("address"), amount: "2000000")])
    #expect(Self.firstTransfer(try h.dispute(block.txids[0])).text("reason") == "early")
    #expect(try h.state(invoice.text("id")) == "new")
  }

  @Test func aSecondPaymentAfterExpiryOfAPaidInvoiceIsLate() throws {
    let h = try EngineHarness("d-late")
    h.now = TestChain.firstStamp - 3_000
    let invoice = try h.createInvoice(["order_id": "A", "amount": "2", "expiry_ms": 30_000])
      .invoiceField
    try h.mine([.usdt(to: invoice.text("address"), amount: "2000000")])
    for _ in 0..<20 { try h.mine() }
    let late = try h.mine([.usdt(to: invoice.text("address"), amount: "2000000")])
    try h.solidifyAll()
    #expect(try h.state(invoice.text("id")) == "paid")
    let answer = try h.dispute(late.txids[0])
    #expect(Self.firstTransfer(answer).text("reason") == "late")
    #expect(answer.text("summary").contains("refund"))
  }

  @Test func aPaymentToACancelledInvoiceIsAlreadySettled() throws {
    let h = try EngineHarness("d-settled")
    let invoice = try h.createInvoice(["order_id": "A", "amount": "2"]).invoiceField
    _ = try h.call { engine throws(TronPayError) in
      try engine.invoiceCancel(
        id: Array("A".utf8), actor: Array("desk".utf8), reason: Array("out of stock".utf8),
        nowMs: h.now)
    }
    let block = try h.mine([.usdt(to: invoice.text("address"), amount: "2000000")])
    try h.solidifyAll()
    #expect(Self.firstTransfer(try h.dispute(block.txids[0])).text("reason") == "already_settled")
  }

  @Test func anIndexerSightingIsNotFinalAndALogWithoutTimeIsUndated() throws {
    let h = try EngineHarness("d-pending")
    let a = try h.createInvoice(["order_id": "A", "amount": "2"]).invoiceField
    let b = try h.createInvoice(["order_id": "B", "amount": "3"]).invoiceField
    let block = h.chain.mine([
      .usdt(to: a.text("address"), amount: "2000000"),
      .usdt(to: b.text("address"), amount: "3000000"),
    ])
    h.now = block.stamp + 5_000
    try h.evidence([
      "data": [
        [
          "transaction_id": block.txids[0],
          "token_info": [
            "symbol": "USDT", "address": "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "decimals": 6,
          ],
          "block_timestamp": block.stamp, "from": TestChain.base58(TestChain.payerHex),
          "to": a.text("address"), "type": "Transfer", "value": "2000000",
        ]
      ],
      "success": true, "meta": ["page_size": 1],
    ])
    let recipient = String(TestChain.hexAddress(b.text("address")).dropFirst(2))
    try h.evidence([
      "jsonrpc": "2.0", "id": 1,
      "result": [
        [
          "address": "0x" + TestChain.usdtHex,
          "topics": [
            "0x" + TestChain.transferTopic, "0x" + TestChain.word(TestChain.payerHex),
            "0x" + TestChain.word(recipient),
          ],
          "data": "0x" + TestChain.amountWord("3000000"),
          "blockNumber": "0x" + String(block.number, radix: 16),
          "transactionHash": "0x" + block.txids[1], "logIndex": "0x0", "removed": false,
          "blockHash": "0x" + block.id, "transactionIndex": "0x1",
        ] as [String: Any]
      ],
    ])
    let indexer = try h.dispute(block.txids[0])
    #expect(indexer.text("status") == "pending")
    #expect(Self.firstTransfer(indexer).text("reason") == "not_final")
    #expect(try h.state(a.text("id")) == "detected")
    let undated = try h.dispute(block.txids[1])
    #expect(Self.firstTransfer(undated).text("reason") == "undated")
    #expect(try h.state(b.text("id")) == "detected")
    // The block itself then credits both, once each.
    try h.apply(block)
    try h.solidifyAll()
    #expect(try h.state(a.text("id")) == "paid")
    #expect(try h.state(b.text("id")) == "paid")
  }

  @Test func aTxidNeverSeenIsUnknownOrScheduled() throws {
    let h = try EngineHarness("d-unknown")
    let txid = String(repeating: "ab", count: 32)
    let answer = try h.dispute(txid)
    #expect(answer.text("status") == "unknown")
    #expect(answer.text("summary").contains("tronpay_chain_evidence"))
    let planned = try EngineHarness(
      "d-scheduled",
      config: ["providers": [["id": "node", "kind": "fullnode", "base_url": "http://127.0.0.1:1"]]])
    #expect(try planned.dispute(txid).text("status") == "lookup_scheduled")
    let bad = h.failure { engine throws(TronPayError) in
      _ = try engine.disputeLookup(txid: Array("xyz".utf8), nowMs: h.now)
    }
    #expect(bad?.kind == .hex)
  }
}
