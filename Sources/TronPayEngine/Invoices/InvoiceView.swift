import TronPay

/// An invoice with what its credits say, as of a time: the state a read reports, the sums and
/// the credits themselves. The state comes from the payment check's settlement rule, so the
/// engine and `tronpay_payment_check` can never disagree on what a set of credits means.
struct InvoiceView {
  var invoice: Invoice
  var state: InvoiceState
  var received = ExactSum()
  var receivedFinal = ExactSum()
  var refunded = ExactSum()
  /// Credited and pending rows attached to the invoice, in the order they were first seen.
  var credits: [Credit] = []

  init(_ invoice: Invoice, credits: [Credit], refunds: [UInt256], nowMs: Int64) {
    self.invoice = invoice
    self.credits = credits
    var counted: [PaymentVerdict.Credit] = []
    var hinted = false
    for credit in credits {
      switch credit.status {
      case .credited: if let settled = credit.asSettlementCredit { counted.append(settled) }
      case .pending: hinted = true
      case .reverted, .rejected, .unmatched: break
      }
    }
    var dropped: [PaymentVerdict.Rejection] = []
    let verdict = PaymentCheck.settle(
      invoice.asCheckInvoice, counted[...], hinted: hinted, nowMs: nowMs,
      rejected: &dropped)
    received = verdict.received
    receivedFinal = verdict.receivedFinal
    state = invoice.state.isManual ? invoice.state : InvoiceState(verdict.state)
    for amount in refunds { refunded.add(amount) }
  }
}

extension EngineCore {
  func invoice(id: String) throws(TronPayError) -> Invoice? {
    try store.first("SELECT \(Invoice.columns) FROM invoices WHERE id = ?", [.text(id)]).map {
      (row) throws(TronPayError) in try Invoice(row)
    }
  }

  /// An invoice by its id or, failing that, by the merchant's order id.
  func invoice(idOrOrderID key: String) throws(TronPayError) -> Invoice? {
    if let found = try invoice(id: key) { return found }
    return try store.first(
      "SELECT \(Invoice.columns) FROM invoices WHERE order_id = ?", [.text(key)]
    ).map { (row) throws(TronPayError) in try Invoice(row) }
  }

  func view(_ invoice: Invoice, nowMs: Int64) throws(TronPayError) -> InvoiceView {
    let credits = try store.query(
      "SELECT \(Credit.columns) FROM credits WHERE invoice_id = ? "
        + "AND status IN ('credited', 'pending') ORDER BY seen_at_ms, txid, ordinal",
      [.text(invoice.id)]
    ).map { (row) throws(TronPayError) in try Credit(row) }
    let refunds = try store.query(
      "SELECT amount FROM refunds WHERE invoice_id = ? AND state != 'failed'", [.text(invoice.id)]
    ).map { (row) throws(TronPayError) in try Stored.amount(row.requiredText(0)) }
    return InvoiceView(invoice, credits: credits, refunds: refunds, nowMs: nowMs)
  }

  /// Re-settles an invoice after its credits changed (or time passed) and writes the new
  /// state with its event, in the caller's transaction. `eventOverride` names the event when
  /// the change has a cause of its own (a revert); nil writes the new state's event.
  @discardableResult
  func resettle(
    _ invoiceID: String, nowMs: Int64, eventOverride: EventType? = nil,
    extra: ((inout JSONWriter) -> Void)? = nil
  ) throws(TronPayError) -> (view: InvoiceView, events: Int) {
    guard let invoice = try invoice(id: invoiceID) else {
      throw TronPayError(.store, "store: a credit names a missing invoice (altered store?)")
    }
    let view = try view(invoice, nowMs: nowMs)
    // A change with a cause of its own is written even when the state stayed the same.
    guard eventOverride != nil || view.state != invoice.state else { return (view, 0) }
    try store.run(
      "UPDATE invoices SET state = ?, updated_at_ms = ? WHERE id = ?",
      [.text(view.state.rawValue), .integer(nowMs), .text(invoiceID)])
    var updated = view
    updated.invoice.state = view.state
    updated.invoice.updatedAtMs = nowMs
    // A step back to `new` (its only credit reverted) has no event type of its own.
    guard let event = eventOverride ?? (view.state == .new ? nil : view.state.event) else {
      return (updated, 0)
    }
    try appendEvent(event, invoice: updated, nowMs: nowMs, extra: extra)
    return (updated, 1)
  }
}
