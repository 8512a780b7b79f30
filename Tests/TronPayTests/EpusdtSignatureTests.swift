import Foundation
import Testing

@_spi(Boundary) @testable import TronPay

private func epusdtSign(_ params: [UInt8], _ token: String) throws(TronPayError) -> String {
  let result = params.withUnsafeBytes { p in
    Array(token.utf8).withUnsafeBytes { t -> Result<[UInt8], TronPayError> in
      do throws(TronPayError) {
        return .success(try EpusdtSignature.sign(params: p, token: t))
      } catch {
        return .failure(error)
      }
    }
  }
  return String(decoding: try result.get(), as: UTF8.self)
}

private func epusdtVerify(_ params: [UInt8], _ token: String) throws(TronPayError) {
  let result = params.withUnsafeBytes { p in
    Array(token.utf8).withUnsafeBytes { t -> Result<Void, TronPayError> in
      do throws(TronPayError) {
        return .success(try EpusdtSignature.verify(params: p, token: t))
      } catch {
        return .failure(error)
      }
    }
  }
  try result.get()
}

private func signingText(_ params: String) throws(TronPayError) -> String {
  let result = Array(params.utf8).withUnsafeBytes { p -> Result<[UInt8], TronPayError> in
    do throws(TronPayError) {
      return .success(try EpusdtSignature.signingText(p).text)
    } catch {
      return .failure(error)
    }
  }
  return String(decoding: try result.get(), as: UTF8.self)
}

@Suite("epusdt legacy signature against Tests/vectors/webhooks.json")
struct EpusdtSignatureTests {
  let file: [String: Any]
  init() throws { file = try VectorFile.load("webhooks.json") }

  var section: [String: Any] { file["epusdt"] as? [String: Any] ?? [:] }

  /// The wiki example, the derived callback, the numeric zero, and the rule edges.
  @Test func vectors() throws {
    let cases = try VectorFile.list(section, "sign")
    #expect(cases.count >= 8)
    for c in cases {
      let name = c["name"] as? String ?? ""
      let params = c["params"] as? String ?? ""
      let token = c["api_token"] as? String ?? ""
      #expect(try signingText(params) == c["signing_text"] as? String, "\(name)")
      let signature = try epusdtSign(Array(params.utf8), token)
      #expect(signature == c["signature"] as? String, "\(name)")
      // The same params with that signature verify; with another one they do not.
      if params.contains("\"signature\"") {
        try epusdtVerify(Array(params.utf8), token)
        continue
      }
      let object = params.dropLast() + (params == "{}" ? "" : ",")
      try epusdtVerify(Array((object + "\"signature\":\"\(signature)\"}").utf8), token)
      #expect(throws: TronPayError.self, "\(name)") {
        try epusdtVerify(
          Array((object + "\"signature\":\"\(signature.uppercased())\"}").utf8), token)
      }
    }
    let wiki =
      #"{"order_id":"20220201030210321","amount":42,"notify_url":"http://example.com/notify","redirect_url":"http://example.com/redirect"}"#
    #expect(
      try epusdtSign(Array(wiki.utf8), "epusdt_password_xasddawqe")
        == "1cd4b52df5587cfb1968b0c0c6e156cd")
  }

  @Test func refusedParams() throws {
    let cases = try VectorFile.list(section, "refused")
    #expect(cases.count >= 10)
    for c in cases {
      let params =
        try (c["params"] as? String).map { Array($0.utf8) }
        ?? hexBytes(c["params_hex"] as? String ?? "")
      #expect(throws: TronPayError.self, "\(c["name"] ?? "")") {
        do throws(TronPayError) {
          _ = try epusdtSign(params, "token")
        } catch {
          #expect(error.kind == .json, "\(c["name"] ?? ""): \(error)")
          throw error
        }
      }
    }
    #expect(
      throws: TronPayError(
        .json, "epusdt: \"paid\" is a boolean; only strings, numbers and null can be signed")
    ) { try epusdtSign(Array(#"{"paid":false}"#.utf8), "t") }
    #expect(
      throws: TronPayError(
        .json, "epusdt: \"m\" is an object; only strings, numbers and null can be signed")
    ) {
      try epusdtSign(Array(#"{"m":{}}"#.utf8), "t")
    }
    let long = "{\"n\":1" + String(repeating: "0", count: 5000) + "}"
    #expect(throws: TronPayError(.json, "epusdt: number of \"n\" is longer than 4096 characters")) {
      try epusdtSign(Array(long.utf8), "t")
    }
    #expect(throws: TronPayError(.argument, "api_token is empty")) {
      try epusdtSign(Array("{}".utf8), "")
    }
  }

  @Test func verifyNeedsAStringSignature() {
    let token = "epusdt_password_xasddawqe"
    for (params, detail) in [
      (#"{"amount":42}"#, "epusdt: params have no signature"),
      (#"{"amount":42,"signature":null}"#, "epusdt: signature is not a string"),
      (#"{"amount":42,"signature":5}"#, "epusdt: signature is not a string"),
      (#"{"amount":42,"signature":""}"#, "epusdt: signature does not match"),
      (
        #"{"amount":42,"signature":"1cd4b52df5587cfb1968b0c0c6e156c"}"#,
        "epusdt: signature does not match"
      ),
    ] {
      #expect(throws: TronPayError(.verify, detail)) { try epusdtVerify(Array(params.utf8), token) }
    }
  }
}

@Suite struct GoFloatTextTests {
  private func go(_ value: Double) -> String? {
    GoFloatText.format(value).map { String(decoding: $0, as: UTF8.self) }
  }

  /// What Go's strconv.FormatFloat(v, 'f', -1, 64) prints for each.
  @Test func knownOutputs() {
    let cases: [(Double, String)] = [
      (0, "0"), (-0.0, "-0"), (1, "1"), (2, "2"), (42, "42"), (100, "100"), (15.625, "15.625"),
      (0.1, "0.1"), (0.30000000000000004, "0.30000000000000004"), (1e-7, "0.0000001"),
      (-2.5e-3, "-0.0025"), (1e21, "1000000000000000000000"), (1e22, "10000000000000000000000"),
      (9_007_199_254_740_992, "9007199254740992"), (123_456_789.125, "123456789.125"),
      (1.2345678901234568e29, "123456789012345680000000000000"),
      (.leastNonzeroMagnitude, "0." + String(repeating: "0", count: 323) + "5"),
      (1.7976931348623157e308, "17976931348623157" + String(repeating: "0", count: 292)),
      (2.2250738585072014e-308, "0." + String(repeating: "0", count: 307) + "22250738585072014"),
    ]
    for (value, text) in cases { #expect(go(value) == text, "\(value)") }
    #expect(go(.infinity) == nil)
    #expect(go(-.infinity) == nil)
    #expect(go(.nan) == nil)
  }

  /// For random bit patterns: the text reads back as the same value, and no text with one digit
  /// fewer does (neither rounding of the shorter digits), so it is the shortest.
  @Test func shortestRoundTripOnRandomValues() {
    var generator = SystemRandomNumberGenerator()
    var checked = 0
    while checked < 20000 {
      let value = Double(bitPattern: generator.next())
      guard value.isFinite else { continue }
      checked += 1
      guard let text = go(value) else {
        Issue.record("no text for \(value)")
        continue
      }
      #expect(Double(text) == value, "\(text)")
      #expect(!text.contains("e") && !text.contains("E"))
      let digits = text.filter(\.isNumber).drop { $0 == "0" }
      let significant = String(digits.reversed().drop { $0 == "0" }.reversed())
      guard significant.count > 1 else { continue }
      // Value = 0.significant × 10^point; the two nearest texts one digit shorter fail.
      let point = pointPosition(text)
      #expect(!roundTripsWithFewerDigits(value, significant: significant, point: point), "\(text)")
    }
  }

  /// The decimal exponent `point` with value = 0.d1d2… × 10^point, from positional text.
  private func pointPosition(_ text: String) -> Int {
    let unsigned = text.hasPrefix("-") ? String(text.dropFirst()) : text
    let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
    let integer = parts[0].drop { $0 == "0" }
    if !integer.isEmpty { return integer.count }
    let fraction = parts.count > 1 ? parts[1] : ""
    return -(fraction.prefix { $0 == "0" }.count)
  }

  private func roundTripsWithFewerDigits(_ value: Double, significant: String, point: Int) -> Bool {
    let sign = value < 0 ? "-" : ""
    let kept = String(significant.dropLast())
    // Truncated, and rounded up in the last kept digit (carrying as decimal text does).
    var up = Array(kept)
    var i = up.count - 1
    var carry = true
    while carry && i >= 0 {
      if up[i] == "9" {
        up[i] = "0"
        i -= 1
      } else {
        up[i] = Character(String((up[i].wholeNumberValue ?? 0) + 1))
        carry = false
      }
    }
    let upText = carry ? "1" + String(up) : String(up)
    let upPoint = carry ? point + 1 : point
    for (digits, p) in [(kept, point), (upText, upPoint)] {
      if Double("\(sign)0.\(digits)e\(p)") == value { return true }
    }
    return false
  }
}
