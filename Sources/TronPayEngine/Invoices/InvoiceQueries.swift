import TronPay

extension EngineCore {
  /// `tronpay_invoice_get`: the invoice as of `nowMs`, without writing.
  func invoiceGet(_ key: String, nowMs: Int64) throws(TronPayError) -> [UInt8] {
    try store.read { () throws(TronPayError) -> [UInt8] in
      guard let invoice = try invoice(idOrOrderID: key) else {
        throw TronPayError(.notFound, "no invoice with id or order_id \"\(key)\"")
      }
      return try view(invoice, nowMs: nowMs).json
    }
  }

  static let listKeys: [StaticString] = ["states", "updated_after_ms", "limit", "after"]

  /// `tronpay_invoice_list`: invoices in creation order, filtered by the state they have as of
  /// `nowMs` and by their last change; `next` continues the listing.
  func invoiceList(_ bytes: UnsafeRawBufferPointer, nowMs: Int64) throws(TronPayError) -> [UInt8] {
    var states: Set<String>? = nil
    var updatedAfter: Int64 = Int64.min
    var limit: Int64 = 100
    var after: Int64 = 0
    if bytes.count > 0 {
      try readRequest(bytes, "invoice filter", allowed: Self.listKeys) {
        (filter) throws(TronPayError) in
        if let list = try filter.array("states") {
          var wanted = Set<String>()
          for (position, item) in list.enumerated() {
            guard let name = item.stringValue, InvoiceState(rawValue: name) != nil else {
              throw StrictObject.invalid("states[\(position)]", "an invoice state")
            }
            wanted.insert(name)
          }
          states = wanted
        }
        if let since = try filter.integer("updated_after_ms") { updatedAfter = since }
        if let count = try filter.integer("limit", in: 1...1000) { limit = count }
        if let cursor = try filter.string("after") {
          guard cursor.hasPrefix("c"), let seq = Int64(cursor.dropFirst()), seq >= 0 else {
            throw StrictObject.invalid("after", "a cursor from an earlier listing")
          }
          after = seq
        }
      }
    }
    return try store.read { () throws(TronPayError) -> [UInt8] in
      var json = JSONWriter(reservingCapacity: 4096)
      json.beginObject()
      json.fixedKey("invoices")
      json.beginArray()
      var cursor = after
      var listed: Int64 = 0
      var more = false
      // Pages of rows are read until the page is full: a state filter is judged as of now.
      scan: while true {
        let rows = try store.query(
          "SELECT \(Invoice.columns) FROM invoices WHERE seq > ? AND updated_at_ms > ? "
            + "ORDER BY seq LIMIT 200",
          [.integer(cursor), .integer(updatedAfter)])
        if rows.isEmpty { break }
        for row in rows {
          let invoice = try Invoice(row)
          let view = try view(invoice, nowMs: nowMs)
          if let states, !states.contains(view.state.rawValue) {
            cursor = invoice.seq
            continue
          }
          if listed == limit {
            more = true
            break scan
          }
          view.write(to: &json)
          listed += 1
          cursor = invoice.seq
        }
      }
      json.endArray()
      json.fixedKey("next")
      if more { json.asciiString("c\(cursor)") } else { json.null() }
      json.endObject()
      return json.bytes
    }
  }
}
