import TronPay

/// A refund as stored: an unsigned transaction the merchant signs elsewhere (the engine never
/// holds a key), then its signatures, its broadcast and its confirmation by the scanner.
struct Refund {
  var id: String
  var invoiceID: String
  var terms: String
  var state: String
  var txid: String
  var rawDataHex: String
  var from: String
  var to: String
  var token: String
  var amount: UInt256
  var signatures: String?
  var createdAtMs: Int64
  var updatedAtMs: Int64

  static let columns =
    "id, invoice_id, terms, state, txid, raw_data_hex, from_address, to_address, token, amount, "
    + "signatures, created_at_ms, updated_at_ms"

  init(_ row: StoreRow) throws(TronPayError) {
    id = try row.requiredText(0)
    invoiceID = try row.requiredText(1)
    terms = try row.requiredText(2)
    state = try row.requiredText(3)
    txid = try row.requiredText(4)
    rawDataHex = try row.requiredText(5)
    from = try row.requiredText(6)
    to = try row.requiredText(7)
    token = try row.requiredText(8)
    amount = try Stored.amount(row.requiredText(9))
    signatures = row.text(10)
    createdAtMs = try row.requiredInteger(11)
    updatedAtMs = try row.requiredInteger(12)
  }

  init(
    id: String, invoiceID: String, terms: String, txid: String, rawDataHex: String, from: String,
    to: String, token: String, amount: UInt256, nowMs: Int64
  ) {
    self.id = id
    self.invoiceID = invoiceID
    self.terms = terms
    state = "built"
    self.txid = txid
    self.rawDataHex = rawDataHex
    self.from = from
    self.to = to
    self.token = token
    self.amount = amount
    signatures = nil
    createdAtMs = nowMs
    updatedAtMs = nowMs
  }

  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.fixedKey("id")
    json.string(id)
    json.fixedKey("invoice_id")
    json.asciiString(invoiceID)
    json.fixedKey("state")
    json.asciiString(state)
    json.fixedKey("txid")
    json.asciiString(txid)
    json.fixedKey("raw_data_hex")
    json.asciiString(rawDataHex)
    json.fixedKey("from")
    json.asciiString(from)
    json.fixedKey("to")
    json.asciiString(to)
    json.fixedKey("token")
    json.asciiString(token)
    json.fixedKey("amount")
    json.asciiString(amount.description)
    json.fixedKey("signatures")
    json.beginArray()
    for signature in (signatures ?? "").split(separator: ",") {
      json.asciiString(String(signature))
    }
    json.endArray()
    json.fixedKey("created_at_ms")
    json.number(createdAtMs)
    json.fixedKey("updated_at_ms")
    json.number(updatedAtMs)
    json.endObject()
  }

  var json: [UInt8] {
    var writer = JSONWriter(reservingCapacity: 1024)
    write(to: &writer)
    return writer.bytes
  }
}
