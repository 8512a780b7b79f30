/// The event types of ENGINE.md, "Events and webhooks".
enum EventType: String, CaseIterable {
  case invoiceCreated = "invoice.created"
  case invoiceDetected = "invoice.detected"
  case invoicePartial = "invoice.partial"
  case invoicePaid = "invoice.paid"
  case invoiceOverpaid = "invoice.overpaid"
  case invoicePaidLate = "invoice.paid_late"
  case invoiceExpired = "invoice.expired"
  case invoiceCancelled = "invoice.cancelled"
  case invoiceMarkedPaid = "invoice.marked_paid"
  case invoiceInvalid = "invoice.invalid"
  case paymentReverted = "payment.reverted"
  case paymentUnmatched = "payment.unmatched"
  case refundCreated = "refund.created"
  case refundBroadcast = "refund.broadcast"
  case refundConfirmed = "refund.confirmed"
  case refundFailed = "refund.failed"

  /// A webhook's filter entry: an exact type, a prefix ending in ".*" ("invoice.*"), or "*".
  static func matchesAny(_ pattern: String) -> Bool {
    if pattern == "*" { return true }
    if pattern.hasSuffix(".*") {
      let prefix = String(pattern.dropLast(1))
      return allCases.contains { $0.rawValue.hasPrefix(prefix) }
    }
    return EventType(rawValue: pattern) != nil
  }

  func matches(_ pattern: String) -> Bool {
    if pattern == "*" { return true }
    if pattern.hasSuffix(".*") { return rawValue.hasPrefix(String(pattern.dropLast(1))) }
    return rawValue == pattern
  }
}
