import Foundation
import Testing

@_spi(Boundary) @testable import TronPay

private typealias F = Fixture

/// A member name written with JSON escapes is the same name: an invoice read in one walk over
/// its members must see `"t\u006fken"` as `token` (a review found the walk skipping such keys).
@Suite struct PaymentRequestEscapedKeysTests {
  /// The key with its second character as a \u escape ("\u0064" for "d", …).
  static func escaped(_ key: String) -> String {
    var characters = Array(key)
    let code = String(characters[1].asciiValue ?? 0, radix: 16)
    let escape = "\\u" + String(repeating: "0", count: 4 - code.count) + code
    characters.remove(at: 1)
    return String(characters[0]) + escape + String(characters.dropFirst())
  }

  fileprivate static func requests(_ invoice: F.Invoice, escaping key: String) throws -> (
    String, String
  ) {
    let evidence = [[F.info(1, logs: [F.log(amount: "10000000")])]]
    let plain = try F.request(invoices: [invoice], evidence: evidence)
    let pattern = "\"\(key)\":"
    #expect(plain.contains(pattern))
    return (plain, plain.replacingOccurrences(of: pattern, with: "\"\(escaped(key))\":"))
  }

  /// Per key, an invoice whose verdict depends on that key being read (ignoring it would give
  /// an error or another state), and the state it must get.
  fileprivate static let cases: [(String, F.Invoice, String)] = [
    ("id", F.Invoice(), "paid"),
    ("address", F.Invoice(), "paid"),
    ("amount_due", F.Invoice(), "paid"),
    ("token", F.Invoice(token: "TRX"), "new"),  // the USDT log is a foreign token for it
    ("created_at_ms", F.Invoice(created: F.stamp + 1), "new"),  // the transfer is early
    ("expires_at_ms", F.Invoice(expires: F.stamp - 1), "paid_late"),
    ("tolerance_bps", F.Invoice(due: "10000050", tolerance: 50), "paid"),  // else partial
  ]

  @Test(arguments: 0..<7)
  func anEscapedKeyReadsLikeThePlainOne(index: Int) throws {
    let (key, invoice, state) = Self.cases[index]
    let (plain, escaped) = try Self.requests(invoice, escaping: key)
    #expect(escaped != plain)
    let expected = try paymentOutput(plain)
    let states = (expected["invoices"] as? [[String: Any]] ?? []).map { $0["state"] as? String }
    #expect(states == [state], "\(key)")
    #expect(NSDictionary(dictionary: try paymentOutput(escaped)).isEqual(to: expected), "\(key)")
  }

  @Test func anEscapedKeyStillCarriesItsErrors() throws {
    for (key, invoice) in [
      ("tolerance_bps", F.Invoice(tolerance: 9999)), ("created_at_ms", F.Invoice(created: -1)),
      ("token", F.Invoice(token: "NOPE")),
    ] {
      let (plain, escaped) = try Self.requests(invoice, escaping: key)
      let plainError = try #require(paymentError(plain))
      let escapedError = try #require(paymentError(escaped))
      #expect(escapedError.kind == plainError.kind)
      #expect(escapedError.detail == plainError.detail)
    }
  }
}
