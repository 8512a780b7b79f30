import Foundation
import Testing
import TronPay

@testable import TronPayEngine

/// Refunds: built unsigned, signed by the paying-out address only, never beyond what was
/// received, never to a deposit address, idempotent, confirmed by the scanner.
@Suite struct EngineRefundTests {
  static let customer = TestChain.base58(TestChain.payerHex)

  func paidTRXInvoice(_ h: EngineHarness) throws -> [String: Any] {
    let invoice = try h.createInvoice(["order_id": "R", "amount": "5", "token": "TRX"]).invoiceField
    try h.mine([.trx(to: invoice.text("address"), sun: 7_000_000)])
    try h.solidifyAll()
    #expect(try h.state(invoice.text("id")) == "overpaid")
    return invoice
  }

  func refund(_ h: EngineHarness, _ request: [String: Any]) throws -> [String: Any] {
    try h.json(request) { engine, bytes, now throws(TronPayError) in
      try engine.refundCreate(bytes, nowMs: now)
    }
  }

  func refundError(_ h: EngineHarness, _ request: [String: Any]) -> TronPayError? {
    h.failure { engine throws(TronPayError) in
      _ = try withBytes(Array(jsonText(request).utf8)) { (bytes) throws(TronPayError) in
        try engine.refundCreate(bytes, nowMs: h.now)
      }
    }
  }

  func sign(_ txid: String, key hex: String) throws -> [UInt8] {
    let digest = try Hex.decode(txid)
    let key = try Hex.decode(hex)
    return try withBytes(digest) { (d) throws(TronPayError) in
      try withBytes(key) { (k) throws(TronPayError) in
        try RecoverableSignature.sign(digest: d, key: k)
      }
    }
  }

  @Test func anOverpaymentIsRefundedSignedAndConfirmedByTheScanner() throws {
    let h = try EngineHarness("refund")
    let invoice = try paidTRXInvoice(h)
    let request: [String: Any] = [
      "refund_id": "RF-1", "invoice_id": invoice.text("id"), "from": TestChain.address0,
      "to": Self.customer, "overpaid": true,
    ]
    let built = try refund(h, request)
    #expect(built.text("state") == "built")
    #expect(built.text("amount") == "2000000")
    // The unsigned transaction's id is SHA-256 of its raw bytes, as java-tron computes it.
    let raw = try Hex.decode(built.text("raw_data_hex"))
    #expect(Hex.encode(SHA256.hash(raw)) == built.text("txid"))
    // Idempotent by refund_id; other terms are a conflict.
    #expect(try refund(h, request).text("txid") == built.text("txid"))
    var other = request
    other["overpaid"] = nil
    other["amount"] = "1"
    #expect(refundError(h, other)?.kind == .conflict)
    // A signature by another key is refused; the paying-out address's own is stored.
    let wrong = try sign(built.text("txid"), key: String(repeating: "11", count: 32))
    let refused = h.failure { engine throws(TronPayError) in
      _ = try withBytes(wrong) { (bytes) throws(TronPayError) in
        try engine.refundSubmit(
          refundID: Array("RF-1".utf8), signatures: bytes, count: 1, nowMs: h.now)
      }
    }
    #expect(refused?.kind == .verify)
    let signature = try sign(built.text("txid"), key: TestChain.key0)
    let signed = try h.call { engine throws(TronPayError) in
      try withBytes(signature) { (bytes) throws(TronPayError) in
        try engine.refundSubmit(
          refundID: Array("RF-1".utf8), signatures: bytes, count: 1, nowMs: h.now)
      }
    }
    #expect(signed.text("state") == "signed")
    // The scanner sees the refund's transaction in a block.
    try h.mine([.signedTRX(raw: raw, owner: TestChain.address0, to: Self.customer, sun: 2_000_000)])
    let got = try h.call { engine throws(TronPayError) in
      try engine.refundGet(refundID: Array("RF-1".utf8))
    }
    #expect(got.text("state") == "confirmed")
    #expect(try h.eventTypes().contains("refund.confirmed"))
    #expect(try h.invoice(invoice.text("id")).text("refunded") == "2000000")
  }

  @Test func overRefundsAndRefundsToADepositAddressAreRefused() throws {
    let h = try EngineHarness("refund-bad")
    let invoice = try paidTRXInvoice(h)
    let base: [String: Any] = [
      "refund_id": "RF-2", "invoice_id": invoice.text("id"), "from": TestChain.address0,
      "to": Self.customer,
    ]
    var tooMuch = base
    tooMuch["amount_base_units"] = "7000001"
    #expect(refundError(h, tooMuch)?.kind == .state)
    var toDeposit = base
    toDeposit["to"] =
      TestChain.address0 == invoice.text("address") ? TestChain.address1 : TestChain.address0
    toDeposit["from"] = Self.customer
    toDeposit["amount"] = "1"
    _ = try h.createInvoice(["order_id": "other", "amount": "1"])
    #expect(refundError(h, toDeposit)?.kind == .state)
    // Two refunds may not add up to more than was received.
    var first = base
    first["amount"] = "6"
    #expect(try refund(h, first).text("amount") == "6000000")
    var second = base
    second["refund_id"] = "RF-3"
    second["amount"] = "1.000001"
    #expect(refundError(h, second)?.kind == .state)
    second["amount"] = "1"
    #expect(try refund(h, second).text("amount") == "1000000")
  }
}
