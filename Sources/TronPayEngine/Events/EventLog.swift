import TronPay

/// The transactional outbox (ENGINE.md, "Events and webhooks"): an event is written in the
/// same store transaction as the change it reports, with one delivery per webhook whose filter
/// takes its type, so a crash never loses one and never invents one.
extension EngineCore {
  /// Appends an event about an invoice: `data` is `{"invoice":INVOICE, …extra}`.
  func appendEvent(
    _ type: EventType, invoice: InvoiceView, nowMs: Int64,
    extra: ((inout JSONWriter) -> Void)? = nil
  ) throws(TronPayError) {
    var data = JSONWriter(reservingCapacity: 1536)
    data.beginObject()
    data.fixedKey("invoice")
    invoice.write(to: &data)
    extra?(&data)
    data.endObject()
    try appendEvent(type, invoiceID: invoice.invoice.id, data: data.bytes, nowMs: nowMs)
  }

  func appendEvent(_ type: EventType, invoiceID: String?, data: [UInt8], nowMs: Int64)
    throws(TronPayError)
  {
    let id = try Identifier.make("evt_")
    try store.run(
      "INSERT INTO events (id, type, invoice_id, created_at_ms, data) VALUES (?, ?, ?, ?, ?)",
      [
        .text(id), .text(type.rawValue), StoreValue(invoiceID), .integer(nowMs),
        .text(String(decoding: data, as: UTF8.self)),
      ])
    let hooks = try store.query("SELECT id, scheme, events FROM webhooks WHERE enabled = 1", [])
    for hook in hooks {
      guard let hookID = hook.text(0), let patterns = hook.text(2) else { continue }
      let wanted = patterns.split(separator: " ").contains { type.matches(String($0)) }
      // The legacy epusdt callback exists for paid and expired orders only.
      let speaks = hook.text(1) != "epusdt" || EpusdtCallback.status(for: type) != nil
      guard wanted && speaks else { continue }
      try store.run(
        "INSERT INTO deliveries (id, event_id, webhook, attempt, next_at_ms, state, "
          + "updated_at_ms) VALUES (?, ?, ?, 1, ?, 'pending', ?)",
        [
          .text(try Identifier.make("dlv_")), .text(id), .text(hookID), .integer(nowMs),
          .integer(nowMs),
        ])
    }
  }

  /// `tronpay_events_list`: events after `afterSeq`, in commit order.
  func eventsList(afterSeq: Int64, limit: UInt32) throws(TronPayError) -> [UInt8] {
    let count = Int64(min(max(limit, 1), 1000))
    let rows = try store.read { () throws(TronPayError) -> [StoreRow] in
      try store.query(
        "SELECT seq, id, type, created_at_ms, data FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
        [.integer(afterSeq), .integer(count)])
    }
    var json = JSONWriter(reservingCapacity: 2048 * rows.count + 64)
    json.beginObject()
    json.fixedKey("events")
    json.beginArray()
    var last = afterSeq
    for row in rows {
      let seq = try row.requiredInteger(0)
      last = max(last, seq)
      writeEvent(row, seq: seq, to: &json)
    }
    json.endArray()
    json.fixedKey("last_seq")
    json.number(last)
    json.endObject()
    return json.bytes
  }

  /// EVENT from a row of (seq, id, type, created_at_ms, data).
  func writeEvent(_ row: StoreRow, seq: Int64, to json: inout JSONWriter) {
    json.beginObject()
    json.fixedKey("seq")
    json.number(seq)
    json.fixedKey("id")
    json.asciiString(row.text(1) ?? "")
    json.fixedKey("type")
    json.asciiString(row.text(2) ?? "")
    json.fixedKey("created_at_ms")
    json.number(row.integer(3) ?? 0)
    json.fixedKey("data")
    json.validated(Array((row.text(4) ?? "{}").utf8))
    json.endObject()
  }
}
