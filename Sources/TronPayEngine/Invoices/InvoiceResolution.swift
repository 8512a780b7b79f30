import TronPay

/// What people do to invoices: cancel, mark paid or invalid, attach a payment the gates left
/// out. Each writes an audit record (who, what, why, the state before and after) and an event
/// in the same transaction as the change.
extension EngineCore {
  func invoiceCancel(id: String, actor: String, reason: String, nowMs: Int64)
    throws(TronPayError) -> [UInt8]
  {
    try checkIdentifier(actor, "actor")
    try checkReason(reason)
    return try store.write { () throws(TronPayError) -> [UInt8] in
      try sweep(nowMs: nowMs)
      guard let invoice = try invoice(idOrOrderID: id) else {
        throw TronPayError(.notFound, "no invoice with id or order_id \"\(id)\"")
      }
      let before = try view(invoice, nowMs: nowMs)
      if before.state == .cancelled { return before.json }
      guard !before.state.isManual else {
        throw TronPayError(.state, "invoice \(invoice.id) is \(before.state.rawValue)")
      }
      guard before.receivedFinal.isZero else {
        throw TronPayError(
          .state,
          "invoice \(invoice.id) has final credits (\(before.state.rawValue)); refund instead")
      }
      return try setManualState(
        before, .cancelled, action: "cancel", actor: actor, reason: reason, nowMs: nowMs
      ).json
    }
  }

  static let resolveKeys: [StaticString] = [
    "action", "invoice_id", "txid", "ordinal", "actor", "reason",
  ]

  func invoiceResolve(_ bytes: UnsafeRawBufferPointer, nowMs: Int64) throws(TronPayError)
    -> [UInt8]
  {
    struct Resolution {
      var action: String
      var invoiceID: String
      var txid: String?
      var ordinal: Int64?
      var actor: String
      var reason: String
    }
    let request = try readRequest(bytes, "resolve request", allowed: Self.resolveKeys) {
      (root) throws(TronPayError) -> Resolution in
      let action = try root.requiredString("action")
      guard ["mark_paid", "mark_invalid", "attach"].contains(action) else {
        throw StrictObject.invalid("action", "\"mark_paid\", \"mark_invalid\" or \"attach\"")
      }
      let actor = try root.requiredString("actor")
      try checkIdentifier(actor, "actor")
      let reason = try root.requiredString("reason")
      try checkReason(reason)
      var txid = try root.string("txid")
      let ordinal = try root.integer("ordinal", in: 0...Int64(Int32.max))
      if action == "attach" {
        guard let given = txid else { throw TronPayError(.json, "txid: missing (attach needs it)") }
        txid = try Self.normalisedTxid(given, "txid")
      } else if txid != nil || ordinal != nil {
        throw TronPayError(.json, "txid: only with action \"attach\"")
      }
      return Resolution(
        action: action, invoiceID: try root.requiredString("invoice_id"), txid: txid,
        ordinal: ordinal, actor: actor, reason: reason)
    }
    return try store.write { () throws(TronPayError) -> [UInt8] in
      try sweep(nowMs: nowMs)
      guard let invoice = try invoice(idOrOrderID: request.invoiceID) else {
        throw TronPayError(.notFound, "no invoice with id or order_id \"\(request.invoiceID)\"")
      }
      let before = try view(invoice, nowMs: nowMs)
      switch request.action {
      case "mark_paid", "mark_invalid":
        let target: InvoiceState = request.action == "mark_paid" ? .markedPaid : .invalid
        if before.state == target { return before.json }
        return try setManualState(
          before, target, action: request.action, actor: request.actor, reason: request.reason,
          nowMs: nowMs
        ).json
      default:
        return try attach(
          before, txid: request.txid ?? "", ordinal: request.ordinal, actor: request.actor,
          reason: request.reason, nowMs: nowMs
        ).json
      }
    }
  }

  private func setManualState(
    _ before: InvoiceView, _ state: InvoiceState, action: String, actor: String, reason: String,
    nowMs: Int64
  ) throws(TronPayError) -> InvoiceView {
    try store.run(
      "UPDATE invoices SET state = ?, updated_at_ms = ? WHERE id = ?",
      [.text(state.rawValue), .integer(nowMs), .text(before.invoice.id)])
    var after = before
    after.state = state
    after.invoice.state = state
    after.invoice.updatedAtMs = nowMs
    try audit(action, before, after, actor: actor, reason: reason, nowMs: nowMs)
    try appendEvent(state.event, invoice: after, nowMs: nowMs)
    return after
  }

  /// Moves an unmatched or rejected sighting to the invoice as a credit, never one that
  /// counts for another invoice already.
  private func attach(
    _ before: InvoiceView, txid: String, ordinal: Int64?, actor: String, reason: String,
    nowMs: Int64
  ) throws(TronPayError) -> InvoiceView {
    var candidates = try store.query(
      "SELECT \(Credit.columns) FROM credits WHERE txid = ?", [.text(txid)]
    ).map { (row) throws(TronPayError) in try Credit(row) }
    if let ordinal { candidates = candidates.filter { $0.ordinal == ordinal } }
    guard !candidates.isEmpty else {
      throw TronPayError(
        .notFound, "no payment \(txid) is known; push its receipt with tronpay_chain_evidence")
    }
    let movable = candidates.filter { $0.status == .unmatched || $0.status == .rejected }
    guard movable.count == 1, let credit = movable.first else {
      if movable.isEmpty {
        throw TronPayError(
          .state, "payment \(txid) is \(candidates[0].status.rawValue), not unmatched or rejected")
      }
      throw TronPayError(.state, "payment \(txid) has several transfers; give its ordinal")
    }
    guard credit.token == before.invoice.tokenKey else {
      throw TronPayError(.state, "payment \(txid) is in another token than the invoice")
    }
    try store.run(
      "UPDATE credits SET status = 'credited', invoice_id = ?, reason = NULL WHERE "
        + Credit.keyCondition, [.text(before.invoice.id)] + credit.key)
    var finalised: [Credit] = []
    _ = try finalize(try chainState(), nowMs: nowMs, changed: &finalised)
    let (after, _) = try resettle(before.invoice.id, nowMs: nowMs)
    try audit("attach", before, after, actor: actor, reason: reason, nowMs: nowMs)
    return after
  }

  private func audit(
    _ action: String, _ before: InvoiceView, _ after: InvoiceView, actor: String, reason: String,
    nowMs: Int64
  ) throws(TronPayError) {
    try store.run(
      "INSERT INTO audit (at_ms, actor, action, invoice_id, reason, before, after) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
      [
        .integer(nowMs), .text(actor), .text(action), .text(before.invoice.id), .text(reason),
        .text(before.state.rawValue), .text(after.state.rawValue),
      ])
  }

  private func checkReason(_ reason: String) throws(TronPayError) {
    guard !reason.isEmpty, reason.utf8.count <= 1024 else {
      throw TronPayError(.json, "reason: expected 1–1024 bytes")
    }
  }

  /// A txid as 64 lower-case hex digits (upper case and a 0x prefix are accepted).
  static func normalisedTxid(_ text: String, _ field: String) throws(TronPayError) -> String {
    try BlockHeader.hex32(text.hasPrefix("0x") ? String(text.dropFirst(2)) : text, field)
  }

  static let auditKeys: [StaticString] = ["invoice_id", "after", "limit"]

  func auditList(_ bytes: UnsafeRawBufferPointer) throws(TronPayError) -> [UInt8] {
    var invoiceID: String? = nil
    var after: Int64 = 0
    var limit: Int64 = 100
    if bytes.count > 0 {
      try readRequest(bytes, "audit filter", allowed: Self.auditKeys) {
        (filter) throws(TronPayError) in
        invoiceID = try filter.string("invoice_id")
        if let count = try filter.integer("limit", in: 1...1000) { limit = count }
        if let cursor = try filter.string("after") {
          guard cursor.hasPrefix("a"), let seq = Int64(cursor.dropFirst()), seq >= 0 else {
            throw StrictObject.invalid("after", "a cursor from an earlier listing")
          }
          after = seq
        }
      }
    }
    return try store.read { () throws(TronPayError) -> [UInt8] in
      let rows = try store.query(
        "SELECT seq, at_ms, actor, action, invoice_id, reason, before, after FROM audit "
          + "WHERE seq > ? AND (CAST(? AS TEXT) IS NULL OR invoice_id = ?) ORDER BY seq LIMIT ?",
        [.integer(after), StoreValue(invoiceID), StoreValue(invoiceID), .integer(limit &+ 1)])
      var json = JSONWriter(reservingCapacity: 256 * rows.count + 64)
      json.beginObject()
      json.fixedKey("records")
      json.beginArray()
      var last = after
      for row in rows.prefix(Int(limit)) {
        last = row.integer(0) ?? last
        json.beginObject()
        json.fixedKey("seq")
        json.number(row.integer(0) ?? 0)
        json.fixedKey("at_ms")
        json.number(row.integer(1) ?? 0)
        json.fixedKey("actor")
        json.string(row.text(2) ?? "")
        json.fixedKey("action")
        json.string(row.text(3) ?? "")
        json.fixedKey("invoice_id")
        if let id = row.text(4) { json.string(id) } else { json.null() }
        json.fixedKey("reason")
        json.string(row.text(5) ?? "")
        json.fixedKey("before")
        json.string(row.text(6) ?? "")
        json.fixedKey("after")
        json.string(row.text(7) ?? "")
        json.endObject()
      }
      json.endArray()
      json.fixedKey("next")
      if rows.count > Int(limit) { json.asciiString("a\(last)") } else { json.null() }
      json.endObject()
      return json.bytes
    }
  }
}
