import Foundation
import Testing
import TronPay

@testable import TronPayEngine

/// Webhook deliveries: signed per Standard Webhooks, retried on the schedule, disabled by 410,
/// each acknowledged once.
@Suite struct EngineOutboxTests {
  static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

  func next(_ h: EngineHarness) throws -> [[String: Any]] {
    try h.call { engine throws(TronPayError) in try engine.outboxNext(max: 10, nowMs: h.now) }[
      "deliveries"] as? [[String: Any]] ?? []
  }

  func ack(_ h: EngineHarness, _ id: String, _ status: Int32, body: String = "") -> TronPayError? {
    h.failure { engine throws(TronPayError) in
      try withBytes(Array(body.utf8)) { (bytes) throws(TronPayError) in
        try engine.outboxAck(
          deliveryID: Array(id.utf8), httpStatus: status, body: bytes, transportError: 0,
          retryAfter: nil, nowMs: h.now)
      }
    }
  }

  @Test func deliveriesAreSignedRetriedOnTheScheduleAndAckedOnce() throws {
    let h = try EngineHarness("outbox")
    _ = try h.createInvoice(["order_id": "W", "amount": "1"])
    let first = try next(h)
    #expect(first.count == 1)
    guard let delivery = first.first else { return }
    let headers = delivery["headers"] as? [String: Any] ?? [:]
    let body = delivery.text("body")
    // The receiving side's verifier accepts exactly these bytes.
    let verified = h.failure { _ throws(TronPayError) in
      try withBytes(Array(Self.secret.utf8)) { (secret) throws(TronPayError) in
        try withBytes(Array(headers.text("webhook-id").utf8)) { (id) throws(TronPayError) in
          try withBytes(Array(headers.text("webhook-timestamp").utf8)) {
            (stamp) throws(TronPayError) in
            try withBytes(Array(headers.text("webhook-signature").utf8)) {
              (signature) throws(TronPayError) in
              try withBytes(Array(body.utf8)) { (bytes) throws(TronPayError) in
                try StandardWebhook.verify(
                  secret: secret, id: id, timestamp: stamp, signatures: signature, body: bytes,
                  now: h.now / 1000, tolerance: 300)
              }
            }
          }
        }
      }
    }
    #expect(verified == nil)
    #expect(headers.text("webhook-id") == delivery.text("event_id"))
    #expect(jsonObject(Array(body.utf8)).text("type") == "invoice.created")
    // Claimed: not handed out again while the POST is in flight.
    #expect(try next(h).isEmpty)
    #expect(ack(h, delivery.text("id"), 503) == nil)
    #expect(ack(h, delivery.text("id"), 200)?.kind == .state)
    h.now += 4_000
    #expect(try next(h).isEmpty)
    h.now += 1_001
    let retry = try next(h)
    #expect(retry.first?["attempt"] as? Int == 2)
    #expect(retry.first?.text("event_id") == delivery.text("event_id"))
    #expect(ack(h, retry.first?.text("id") ?? "", 204) == nil)
    h.now += 100 * 86_400_000
    // Nothing of the first event is left; time itself wrote the next one (the expiry).
    let later = try next(h)
    #expect(
      later.map { jsonObject(Array($0.text("body").utf8)).text("type") } == ["invoice.expired"])
  }

  @Test func tenFailuresEndInFailedAnd410DisablesTheWebhook() throws {
    let h = try EngineHarness("outbox-fail")
    _ = try h.createInvoice(["order_id": "W", "amount": "1", "expiry_ms": 300 * 86_400_000])
    var attempts = 0
    while let delivery = try next(h).first {
      attempts += 1
      #expect(ack(h, delivery.text("id"), 500) == nil)
      h.now += 2 * 86_400_000
      if attempts > 20 { break }
    }
    #expect(attempts == 10)
    let health = try h.call { engine throws(TronPayError) in try engine.health(nowMs: h.now) }
    #expect((health["outbox"] as? [String: Any])?["failed"] as? Int == 1)
    _ = try h.createInvoice(["order_id": "X", "amount": "1", "expiry_ms": 300 * 86_400_000])
    let gone = try next(h)
    #expect(ack(h, gone.first?.text("id") ?? "", 410) == nil)
    _ = try h.createInvoice(["order_id": "Y", "amount": "1", "expiry_ms": 300 * 86_400_000])
    #expect(try next(h).isEmpty)
    // Redelivery re-enables it.
    let events = try h.events()
    let id = events.last?.text("id") ?? ""
    _ = h.failure { engine throws(TronPayError) in
      try engine.outboxRedeliver(
        eventID: Array(id.utf8), webhookID: Array("shop".utf8), nowMs: h.now)
    }
    #expect(try next(h).count >= 1)
  }

  @Test func anEpusdtWebhookGetsPaidAndExpiredCallbacksSignedTheEpusdtWay() throws {
    let h = try EngineHarness(
      "epusdt",
      config: [
        "webhooks": [
          [
            "id": "legacy", "url": "http://127.0.0.1:9/notify",
            "secret": "epusdt_password_xasddawqe",
            "scheme": "epusdt",
          ]
        ]
      ])
    let invoice = try h.createInvoice(["order_id": "E-1", "amount": "2"]).invoiceField
    #expect(try next(h).isEmpty)
    try h.mine([.usdt(to: invoice.text("address"), amount: "2000000")])
    try h.solidifyAll()
    let deliveries = try next(h)
    #expect(deliveries.count == 1)
    let body = deliveries.first?.text("body") ?? ""
    let params = jsonObject(Array(body.utf8))
    #expect(params["status"] as? Int == 2)
    #expect(params.text("order_id") == "E-1")
    #expect((params["actual_amount"] as? NSNumber)?.doubleValue == 2)
    let verified = h.failure { _ throws(TronPayError) in
      try withBytes(Array(body.utf8)) { (bytes) throws(TronPayError) in
        try withBytes(Array("epusdt_password_xasddawqe".utf8)) { (token) throws(TronPayError) in
          try EpusdtSignature.verify(params: bytes, token: token)
        }
      }
    }
    #expect(verified == nil)
    // epusdt success needs the body "ok".
    #expect(ack(h, deliveries.first?.text("id") ?? "", 200, body: "fail") == nil)
    h.now += 6_000
    let retry = try next(h)
    #expect(ack(h, retry.first?.text("id") ?? "", 200, body: "ok\n") == nil)
    h.now += 86_400_000
    #expect(try next(h).isEmpty)
  }
}
