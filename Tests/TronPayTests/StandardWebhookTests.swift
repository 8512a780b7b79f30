import Foundation
import Testing

@_spi(Boundary) @testable import TronPay

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

private func sign(_ secret: String, _ id: String, _ timestamp: Int64, _ body: String)
  throws(TronPayError) -> String
{
  let result = bytes(secret).withUnsafeBytes { s in
    bytes(id).withUnsafeBytes { i in
      bytes(body).withUnsafeBytes { b -> Result<[UInt8], TronPayError> in
        do throws(TronPayError) {
          return .success(try StandardWebhook.sign(secret: s, id: i, timestamp: timestamp, body: b))
        } catch {
          return .failure(error)
        }
      }
    }
  }
  return String(decoding: try result.get(), as: UTF8.self)
}

private func verify(
  _ secret: String, _ id: String, _ timestamp: String, _ header: String, _ body: String,
  now: Int64, tolerance: Int64
) throws(TronPayError) {
  let result = bytes(secret).withUnsafeBytes { s in
    bytes(id).withUnsafeBytes { i in
      bytes(timestamp).withUnsafeBytes { t in
        bytes(header).withUnsafeBytes { h in
          bytes(body).withUnsafeBytes { b -> Result<Void, TronPayError> in
            do throws(TronPayError) {
              return .success(
                try StandardWebhook.verify(
                  secret: s, id: i, timestamp: t, signatures: h, body: b, now: now,
                  tolerance: tolerance))
            } catch {
              return .failure(error)
            }
          }
        }
      }
    }
  }
  try result.get()
}

@Suite("Standard Webhooks v1 against Tests/vectors/webhooks.json")
struct StandardWebhookTests {
  let file: [String: Any]
  init() throws { file = try VectorFile.load("webhooks.json") }

  var section: [String: Any] { file["standard_webhooks"] as? [String: Any] ?? [:] }

  @Test func signsThePublishedVectorAndTheOthers() throws {
    let cases = try VectorFile.list(section, "sign")
    #expect(cases.count >= 5)
    for c in cases {
      let signature = try sign(
        c["secret"] as? String ?? "", c["msg_id"] as? String ?? "",
        (c["timestamp"] as? NSNumber)?.int64Value ?? -1, c["body"] as? String ?? "")
      #expect(signature == c["signature"] as? String, "\(c["name"] ?? "")")
    }
    #expect(
      try sign(
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1_614_265_330,
        #"{"test": 2432232314}"#) == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
  }

  /// The negative table of the reference suites, and the edges of every rule.
  @Test func verifyTable() throws {
    let cases = try VectorFile.list(section, "verify")
    #expect(cases.count >= 30)
    for c in cases {
      let name = c["name"] as? String ?? ""
      let expected = c["status"] as? String ?? ""
      var status = "OK"
      do throws(TronPayError) {
        try verify(
          c["secret"] as? String ?? "", c["msg_id"] as? String ?? "",
          c["timestamp"] as? String ?? "", c["signature_header"] as? String ?? "",
          c["body"] as? String ?? "", now: (c["now"] as? NSNumber)?.int64Value ?? 0,
          tolerance: (c["tolerance"] as? NSNumber)?.int64Value ?? 0)
      } catch {
        status =
          error.kind == .verify
          ? "TRONPAY_E_VERIFY"
          : error.kind == .argument
            ? "TRONPAY_E_ARG" : "\(error.kind)"
        #expect(!error.detail.contains("MfKQ9r8G"), "the detail never shows the secret")
      }
      #expect(status == expected, "\(name)")
    }
  }

  @Test func verifiesWhatItSigns() throws {
    let secret =
      "whsec_" + String(decoding: Base64.encode((0..<32).map { UInt8($0) }), as: UTF8.self)
    for (id, timestamp, body) in [
      ("evt_1", Int64(0), ""), ("e", Int64.max, "x"), ("evt_é", 1_700_000_000, "{\"a\":[1,2]}"),
    ] {
      let header = try sign(secret, id, timestamp, body)
      #expect(header.utf8.count == StandardWebhook.signatureLength)
      try verify(secret, id, "\(timestamp)", header, body, now: timestamp, tolerance: 0)
      #expect(throws: TronPayError.self) {
        try verify(secret, id, "\(timestamp)", header, body + " ", now: timestamp, tolerance: 0)
      }
    }
  }

  @Test func detailsSayWhy() {
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    let good = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    let body = #"{"test": 2432232314}"#
    let id = "msg_p5jXN8AQM9LWM0D4loKWxJek"
    let cases: [(String, String, String, Int64, String)] = [
      (id, "1614265330", good, 1_614_265_631, "webhook-timestamp is more than 300 s old"),
      (id, "1614265330", good, 1_614_265_029, "webhook-timestamp is more than 300 s in the future"),
      (id, "1614265330", good, Int64.min, "webhook-timestamp is more than 300 s in the future"),
      (id, "1614265330", "", 1_614_265_330, "webhook-signature is empty"),
      (id, "1614265330", "v2,abc", 1_614_265_330, "webhook-signature has no v1 entry"),
      (id, "1614265330", "v1,abc", 1_614_265_330, "no v1 signature matches"),
      ("", "1614265330", good, 1_614_265_330, "webhook-id is empty"),
      ("a.b", "1614265330", good, 1_614_265_330, "webhook-id contains '.'"),
      (id, "", good, 1_614_265_330, "webhook-timestamp is not a plain decimal integer"),
    ]
    for (id, timestamp, header, now, detail) in cases {
      #expect(throws: TronPayError(.verify, detail)) {
        try verify(secret, id, timestamp, header, body, now: now, tolerance: 300)
      }
    }
    #expect(throws: TronPayError(.argument, "tolerance is negative")) {
      try verify(secret, id, "1614265330", good, body, now: 0, tolerance: -1)
    }
    #expect(throws: TronPayError(.argument, "secret: base64: character at offset 31 is not base64"))
    {
      try verify(
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS!", id, "1", good, body, now: 0, tolerance: 1)
    }
    #expect(throws: TronPayError(.argument, "secret: the key is empty")) {
      try verify("whsec_", id, "1", good, body, now: 0, tolerance: 1)
    }
  }

  @Test func signRefusesWhatAVerifierCouldNotCheck() {
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    for (id, timestamp, detail) in [
      ("", Int64(1), "webhook-id is empty"), ("a.b", 1, "webhook-id contains '.'"),
      ("a\r\nX-Injected: 1", 1, "webhook-id contains a control character"),
      ("a\u{7f}", 1, "webhook-id contains a control character"),
      ("evt", -1, "timestamp is negative"), ("evt", Int64.min, "timestamp is negative"),
    ] {
      #expect(throws: TronPayError(.argument, detail)) { try sign(secret, id, timestamp, "") }
    }
    #expect(throws: TronPayError.self) { try sign("whsec_!!!!", "evt", 1, "") }
    #expect(throws: TronPayError.self) { try sign("", "evt", 1, "") }
  }

  @Test func timestampTextHasOnePlainForm() {
    let accepted: [(String, Int64)] = [
      ("0", 0), ("1", 1), ("1614265330", 1_614_265_330), ("9223372036854775807", Int64.max),
    ]
    for (text, value) in accepted {
      #expect(bytes(text).withUnsafeBytes { WebhookMessage.timestamp($0) } == value)
      #expect(WebhookMessage.withTimestampText(value) { Array($0) } == bytes(text))
    }
    for text in [
      "", "00", "01", "+1", "-1", " 1", "1 ", "1.0", "1e3", "0x10", "9223372036854775808",
      "99999999999999999999", "１",
    ] {
      #expect(bytes(text).withUnsafeBytes { WebhookMessage.timestamp($0) } == nil, "\(text)")
    }
  }
}
