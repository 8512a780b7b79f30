import Foundation
import Testing
import TronPay

@testable import TronPayEngine

/// Every invoice state of ENGINE.md, the merchant's actions and their audit trail.
@Suite struct EngineLifecycleTests {
  @Test func createIsIdempotentByOrderIDAndRefusesOtherTerms() throws {
    let h = try EngineHarness("idem")
    let first = try h.createInvoice(["order_id": "A-1", "amount": "10", "metadata": ["sku": 7]])
    #expect(first["created"] as? Bool == true)
    h.now += 600_000
    let again = try h.createInvoice(["order_id": "A-1", "amount": "10", "metadata": ["sku": 7]])
    #expect(again["created"] as? Bool == false)
    #expect(again.invoiceField.text("id") == first.invoiceField.text("id"))
    // The expiry is not extended by asking again.
    #expect(
      again.invoiceField["expires_at_ms"] as? Int64 == first.invoiceField["expires_at_ms"] as? Int64
    )
    #expect((again.invoiceField["metadata"] as? [String: Any])?["sku"] as? Int == 7)
    let error = h.failure { engine throws(TronPayError) in
      _ = try withBytes(Array(#"{"order_id":"A-1","amount":"11"}"#.utf8)) {
        (bytes) throws(TronPayError) in try engine.invoiceCreate(bytes, nowMs: h.now)
      }
    }
    #expect(error?.kind == .conflict)
    // The refused create left no gap in the wallet's indexes.
    #expect(
      try h.createInvoice(["order_id": "A-2", "amount": "1"]).invoiceField.text("address")
        == TestChain.address1)
  }

  @Test func partialThenPaidThenOverpaid() throws {
    let h = try EngineHarness("partial")
    let invoice = try h.createInvoice(["order_id": "A-1", "amount": "10"]).invoiceField
    let id = invoice.text("id")
    let address = invoice.text("address")
    try h.mine([.usdt(to: address, amount: "4000000")])
    try h.solidifyAll()
    #expect(try h.state(id) == "partial")
    try h.mine([.usdt(to: address, amount: "6000000")])
    try h.solidifyAll()
    #expect(try h.state(id) == "paid")
    try h.mine([.usdt(to: address, amount: "1")])
    try h.solidifyAll()
    #expect(try h.state(id) == "overpaid")
    // Money seen but not final is `detected`; each settled step writes its own event once.
    #expect(
      try h.eventTypes(for: id) == [
        "invoice.created", "invoice.detected", "invoice.partial", "invoice.detected",
        "invoice.paid",
        "invoice.overpaid",
      ])
  }

  @Test func expiryWithAndWithoutALatePayment() throws {
    let h = try EngineHarness("expiry")
    let late = try h.createInvoice(["order_id": "L", "amount": "2", "expiry_ms": 60_000])
      .invoiceField
    let quiet = try h.createInvoice(["order_id": "Q", "amount": "2", "expiry_ms": 60_000])
      .invoiceField
    // Reads report expiry as of their time, before anything is written.
    h.now = TestChain.firstStamp + 10_000
    #expect(try h.state(quiet.text("id")) == "expired")
    // Blocks after the expiry: a payment to the first invoice arrives late.
    for _ in 0..<30 { try h.mine() }
    try h.mine([.usdt(to: late.text("address"), amount: "2000000")])
    try h.solidifyAll()
    #expect(try h.state(late.text("id")) == "paid_late")
    #expect(try h.state(quiet.text("id")) == "expired")
    let types = try h.eventTypes(for: quiet.text("id"))
    #expect(types == ["invoice.created", "invoice.expired"])
    #expect(try h.eventTypes(for: late.text("id")).last == "invoice.paid_late")
  }

  @Test func aFakeTokenAndAnUnpinnedContractNeverPay() throws {
    let h = try EngineHarness("fake")
    let invoice = try h.createInvoice(["order_id": "A-1", "amount": "3"]).invoiceField
    let block = try h.mine([
      .usdt(to: invoice.text("address"), amount: "3000000", token: TestChain.fakeTokenHex)
    ])
    try h.solidifyAll()
    #expect(try h.state(invoice.text("id")) == "new")
    let dispute = try h.dispute(block.txids[0])
    #expect(dispute.text("status") == "rejected")
    #expect((dispute["transfers"] as? [[String: Any]])?.first?.text("reason") == "foreign_token")
  }

  @Test func cancelAndManualResolutionsAreAudited() throws {
    let h = try EngineHarness("manual")
    let a = try h.createInvoice(["order_id": "A", "amount": "1"]).invoiceField
    let b = try h.createInvoice(["order_id": "B", "amount": "1"]).invoiceField
    let c = try h.createInvoice(["order_id": "C", "amount": "1"]).invoiceField
    let cancelled = try h.call { engine throws(TronPayError) in
      try engine.invoiceCancel(
        id: Array(a.text("id").utf8), actor: Array("alice".utf8),
        reason: Array("customer asked".utf8), nowMs: h.now)
    }
    #expect(cancelled.text("state") == "cancelled")
    let marked = try h.json(
      ["action": "mark_paid", "invoice_id": "B", "actor": "bob", "reason": "paid by card"],
      { engine, bytes, now throws(TronPayError) in try engine.invoiceResolve(bytes, nowMs: now) })
    #expect(marked.text("state") == "marked_paid")
    let invalid = try h.json(
      ["action": "mark_invalid", "invoice_id": c.text("id"), "actor": "bob", "reason": "fraud"],
      { engine, bytes, now throws(TronPayError) in try engine.invoiceResolve(bytes, nowMs: now) })
    #expect(invalid.text("state") == "invalid")
    let audit = try h.json(
      [String: Any](),
      { engine, _, _ throws(TronPayError) in
        try engine.auditList(UnsafeRawBufferPointer(start: nil, count: 0))
      })
    let records = audit["records"] as? [[String: Any]] ?? []
    #expect(records.map { $0.text("action") } == ["cancel", "mark_paid", "mark_invalid"])
    #expect(records.map { $0.text("actor") } == ["alice", "bob", "bob"])
    #expect(records.first?.text("before") == "new")
    #expect(records.first?.text("after") == "cancelled")
    #expect(
      try h.eventTypes().filter { !$0.hasPrefix("invoice.created") } == [
        "invoice.cancelled", "invoice.marked_paid", "invoice.invalid",
      ])
    // A payment to a cancelled invoice stays visible for a refund; the state does not move.
    try h.mine([.usdt(to: a.text("address"), amount: "1000000")])
    try h.solidifyAll()
    let after = try h.invoice(a.text("id"))
    #expect(after.text("state") == "cancelled")
    #expect(after.text("received_final") == "1000000")
  }

  @Test func cancelIsRefusedOnceSomethingFinalWasCredited() throws {
    let h = try EngineHarness("cancelfinal")
    let invoice = try h.createInvoice(["order_id": "A", "amount": "5"]).invoiceField
    try h.mine([.usdt(to: invoice.text("address"), amount: "1000000")])
    try h.solidifyAll()
    let error = h.failure { engine throws(TronPayError) in
      _ = try engine.invoiceCancel(
        id: Array("A".utf8), actor: Array("alice".utf8), reason: Array("x".utf8), nowMs: h.now)
    }
    #expect(error?.kind == .state)
  }

  @Test func anUnmatchedPaymentCanBeAttachedWithAnAuditRecord() throws {
    let h = try EngineHarness(
      "attach",
      config: [
        "policy": ["expiry_ms": 900_000, "unique_amount_step": "1"]
      ])
    let shop = TestChain.base58(
      TestChain.payerHex == "" ? "" : "6e3b44b96104b26f84057974a1f0c9880f7c9b13")
    let one = try h.createInvoice([
      "order_id": "U-1", "amount_base_units": "5000000", "address_mode": "unique_amount",
      "address": shop,
    ]).invoiceField
    let two = try h.createInvoice([
      "order_id": "U-2", "amount_base_units": "5000000", "address_mode": "unique_amount",
      "address": shop,
    ]).invoiceField
    // The second invoice on the shared address gets the next unique amount.
    #expect(one.text("amount_due") == "5000000")
    #expect(two.text("amount_due") == "5000001")
    // The customer paid a rounded amount no invoice expects.
    let block = try h.mine([.usdt(to: shop, amount: "5000002")])
    try h.solidifyAll()
    #expect(try h.state(two.text("id")) == "new")
    #expect(try h.eventTypes().contains("payment.unmatched"))
    let txid = block.txids[0]
    #expect(try h.dispute(txid).text("status") == "rejected")
    let attached = try h.json(
      [
        "action": "attach", "invoice_id": "U-2", "txid": txid, "ordinal": 0, "actor": "carol",
        "reason": "customer rounded up",
      ],
      { engine, bytes, now throws(TronPayError) in try engine.invoiceResolve(bytes, nowMs: now) })
    #expect(attached.text("state") == "overpaid")
    // Never to a second invoice.
    let again = h.failure { engine throws(TronPayError) in
      _ = try withBytes(
        Array(
          jsonText([
            "action": "attach", "invoice_id": "U-1", "txid": txid, "actor": "carol", "reason": "x",
          ]).utf8)
      ) { (bytes) throws(TronPayError) in try engine.invoiceResolve(bytes, nowMs: h.now) }
    }
    #expect(again?.kind == .state)
  }
}
