import ArgumentParser
import Foundation
import TronPay
import TronPayEngine

// MARK: invoice

struct InvoiceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "invoice", abstract: "Create, show, list and cancel invoices.",
    subcommands: [Create.self, Get.self, List.self, Cancel.self])

  struct Create: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Create an invoice (idempotent by --order-id).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The merchant's order id (1–128 printable ASCII).") var orderId: String
    @Option(help: "Amount in the token's units, as text (\"12.5\").") var amount: String?
    @Option(help: "Amount in base units (\"12500000\").") var amountBaseUnits: String?
    @Option(help: "USDT (default), TRX, or a TRC-20 contract address.") var token: String?
    @Option(help: "Wallet id from the config.") var wallet: String?
    @Option(help: "Expiry in milliseconds from now.") var expiryMs: Int64?
    @Option(help: "Tolerance in basis points.") var toleranceBps: Int64?
    @Option(help: "derived (default) or unique_amount.") var addressMode: String?
    @Option(help: "The fixed address for --address-mode unique_amount.") var address: String?
    @Option(help: "A JSON object echoed in events.") var metadata: String?

    func validate() throws {
      guard (amount == nil) != (amountBaseUnits == nil) else {
        throw ValidationError("give exactly one of --amount and --amount-base-units")
      }
    }

    func run() throws {
      var request: [String: Any] = ["order_id": orderId]
      if let amount { request["amount"] = amount }
      if let amountBaseUnits { request["amount_base_units"] = amountBaseUnits }
      if let token { request["token"] = token }
      if let wallet { request["wallet"] = wallet }
      if let expiryMs { request["expiry_ms"] = expiryMs }
      if let toleranceBps { request["tolerance_bps"] = toleranceBps }
      if let addressMode { request["address_mode"] = addressMode }
      if let address { request["address"] = address }
      if let metadata {
        guard let object = try? JSONSerialization.jsonObject(with: Data(metadata.utf8)) else {
          throw ToolFailure("--metadata is not JSON", status: Exit.usage)
        }
        request["metadata"] = object
      }
      let (engine, _) = try openEngine(global)
      defer { engine.close() }
      let out = try withRaw(try encodeJSON(request)) { (raw) throws(TronPayError) in
        try engine.invoiceCreate(raw, nowMs: nowMs())
      }
      emit(out, json: global.json) { answer in
        let verb = answer["created"] as? Bool == true ? "created" : "exists (same terms)"
        return "\(verb)\n" + describeInvoice(answer.object("invoice"))
      }
    }
  }

  struct Get: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show an invoice.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Invoice id (inv_…) or order id.") var id: String

    func run() throws {
      let (engine, _) = try openEngine(global)
      defer { engine.close() }
      let out = try engineCall { () throws(TronPayError) in
        try engine.invoiceGet(Array(id.utf8), nowMs: nowMs())
      }
      emit(out, json: global.json) { describeInvoice($0) }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List invoices, newest changes last.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("state"), help: "Only this state (repeatable).") var states:
      [String] = []
    @Option(help: "At most this many (≤ 1000).") var limit: Int = 100
    @Option(help: "The `next` cursor of an earlier page.") var after: String?

    func run() throws {
      var filter: [String: Any] = ["limit": limit]
      if !states.isEmpty { filter["states"] = states }
      if let after { filter["after"] = after }
      let (engine, _) = try openEngine(global)
      defer { engine.close() }
      let out = try withRaw(try encodeJSON(filter)) { (raw) throws(TronPayError) in
        try engine.invoiceList(raw, nowMs: nowMs())
      }
      emit(out, json: global.json) { answer in
        let invoices = answer.objects("invoices")
        var lines = invoices.map(invoiceLine)
        if lines.isEmpty { lines.append("no invoices") }
        if let next = answer.string("next") { lines.append("more: --after \(next)") }
        return lines.joined(separator: "\n")
      }
    }
  }

  struct Cancel: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Cancel an invoice.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Invoice id.") var id: String
    @Option(help: "Who cancels (audit record).") var actor: String = "cli"
    @Option(help: "Why (audit record).") var reason: String = "cancelled with the tronpay tool"

    func run() throws {
      let (engine, _) = try openEngine(global)
      defer { engine.close() }
      let out = try engineCall { () throws(TronPayError) in
        try engine.invoiceCancel(
          id: Array(id.utf8), actor: Array(actor.utf8), reason: Array(reason.utf8),
          nowMs: nowMs())
      }
      emit(out, json: global.json) { describeInvoice($0) }
    }
  }
}

func invoiceLine(_ invoice: [String: Any]) -> String {
  let due = invoice.string("amount_due_text") ?? invoice.string("amount_due") ?? "?"
  return [
    invoice.string("id") ?? "?", invoice.string("order_id") ?? "?",
    invoice.string("state") ?? "?", "\(due) \(invoice.string("token") ?? "")",
    invoice.string("address") ?? "",
  ].joined(separator: "  ")
}

func describeInvoice(_ invoice: [String: Any]) -> String {
  var lines = [
    "invoice  \(invoice.string("id") ?? "?")  order \(invoice.string("order_id") ?? "?")",
    "state    \(invoice.string("state") ?? "?")",
    "due      \(invoice.string("amount_due_text") ?? "?") \(invoice.string("token") ?? "")"
      + " (\(invoice.string("amount_due") ?? "?") base units)",
    "pay to   \(invoice.string("address") ?? "?")",
    "received \(invoice.string("received") ?? "0") (final \(invoice.string("received_final") ?? "0"))",
  ]
  if let expires = invoice.int("expires_at_ms") { lines.append("expires  \(utcText(expires))") }
  for credit in invoice.objects("credits") {
    let final = credit["final"] as? Bool == true ? "final" : "not final"
    lines.append(
      "credit   \(credit.string("txid") ?? "?") #\(credit.string("ordinal") ?? "0")"
        + " \(credit.string("amount") ?? "?") block \(credit.string("block") ?? "-") \(final)")
  }
  return lines.joined(separator: "\n")
}

func utcText(_ ms: Int64) -> String {
  let formatter = ISO8601DateFormatter()
  return formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
}

// MARK: explain, events, health

struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "What the engine knows about a transaction (support desk).",
    discussion: "An unknown txid is scheduled for look-up; a running `watch` fetches it.")
  @OptionGroup var global: GlobalOptions
  @Argument(help: "The transaction id (64 hex digits).") var txid: String

  func run() throws {
    let (engine, _) = try openEngine(global)
    defer { engine.close() }
    let out = try engineCall { () throws(TronPayError) in
      try engine.disputeLookup(txid: Array(txid.utf8), nowMs: nowMs())
    }
    emit(out, json: global.json) { answer in
      var lines = [
        "\(answer.string("status") ?? "?"): \(answer.string("summary") ?? "")"
      ]
      for transfer in answer.objects("transfers") {
        var line =
          "  \(transfer.string("amount") ?? "?") \(transfer.string("token") ?? "?")"
          + " \(transfer.string("from") ?? "?") → \(transfer.string("to") ?? "?")"
          + " \(transfer.string("outcome") ?? "?")"
        if let reason = transfer.string("reason") { line += " (\(reason))" }
        if let invoice = transfer.string("invoice_id") { line += " invoice \(invoice)" }
        lines.append(line)
      }
      return lines.joined(separator: "\n")
    }
  }
}

struct Events: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "List events in commit order.")
  @OptionGroup var global: GlobalOptions
  @Option(help: "Only events after this sequence number.") var after: Int64 = 0
  @Option(help: "At most this many.") var limit: UInt32 = 100

  func run() throws {
    let (engine, _) = try openEngine(global)
    defer { engine.close() }
    let out = try engineCall { () throws(TronPayError) in
      try engine.eventsList(afterSeq: after, limit: limit)
    }
    emit(out, json: global.json) { answer in
      let lines = answer.objects("events").map(eventLine)
      return lines.isEmpty ? "no events after \(after)" : lines.joined(separator: "\n")
    }
  }
}

func eventLine(_ event: [String: Any]) -> String {
  let invoice = event.object("data").object("invoice")
  var line =
    "\(event.string("seq") ?? "?")  \(event.string("type") ?? "?")  \(event.string("id") ?? "?")"
  if let id = invoice.string("id") {
    line += "  \(id) (\(invoice.string("order_id") ?? "?"), \(invoice.string("state") ?? "?"))"
  }
  return line
}

struct Health: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The store, the chain position, the outbox and the providers.")
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let (engine, _) = try openEngine(global)
    defer { engine.close() }
    let out = try engineCall { () throws(TronPayError) in try engine.health(nowMs: nowMs()) }
    emit(out, json: global.json) { health in
      func number(_ key: String) -> String { health.string(key) ?? "-" }
      let outbox = health.object("outbox")
      let lease = health.object("lease")
      var lines = [
        "store      \(number("store")) (schema \(number("schema_version"))), \(number("network"))",
        "chain      head \(number("head")), solidified \(number("solidified")),"
          + " cursor \(number("cursor")), \(number("lag_blocks")) blocks behind"
          + (health["stalled"] as? Bool == true ? ", STALLED" : ""),
        "invoices   \(number("open_invoices")) open",
        "outbox     \(outbox.string("pending") ?? "0") pending, \(outbox.string("failed") ?? "0") failed",
        "lease      \(lease.string("holder") ?? "none")",
      ]
      for provider in health.objects("providers") {
        var line = "provider   \(provider.string("id") ?? "?"): \(provider.string("state") ?? "?")"
        if let error = provider.string("last_error") { line += " (\(error))" }
        lines.append(line)
      }
      return lines.joined(separator: "\n")
    }
  }
}

// MARK: refund

struct RefundCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "refund", abstract: "Build, submit and show refunds (unsigned: sign elsewhere).",
    subcommands: [Create.self, Submit.self, Get.self])

  struct Create: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Build an unsigned refund transaction (idempotent by --refund-id).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Your refund id.") var refundId: String
    @Option(help: "The invoice refunded.") var invoice: String
    @Option(help: "The paying address the refund is sent from.") var from: String
    @Option(help: "Where the refund goes (never inferred from the payer).") var to: String
    @Option(help: "Amount as text.") var amount: String?
    @Option(help: "Amount in base units.") var amountBaseUnits: String?
    @Flag(help: "Refund what was paid beyond the amount due.") var overpaid = false
    @Option(help: "Fee limit in sun (TRC-20).") var feeLimitSun: Int64?
    @Option(help: "Expiration (Unix ms).") var expirationMs: Int64?

    func validate() throws {
      let given = [amount != nil, amountBaseUnits != nil, overpaid].filter { $0 }.count
      guard given == 1 else {
        throw ValidationError("give exactly one of --amount, --amount-base-units, --overpaid")
      }
    }

    func run() throws {
      var request: [String: Any] = [
        "refund_id": refundId, "invoice_id": invoice, "from": from, "to": to,
      ]
      if let amount { request["amount"] = amount }
      if let amountBaseUnits { request["amount_base_units"] = amountBaseUnits }
      if overpaid { request["overpaid"] = true }
      if let feeLimitSun { request["fee_limit_sun"] = feeLimitSun }
      if let expirationMs { request["expiration_ms"] = expirationMs }
      let (engine, _) = try openEngine(global)
      defer { engine.close() }
      let out = try withRaw(try encodeJSON(request)) { (raw) throws(TronPayError) in
        try engine.refundCreate(raw, nowMs: nowMs())
      }
      emit(out, json: global.json, text: describeRefund)
    }
  }

  struct Submit: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Store the refund's signatures; a running `watch` broadcasts it.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The refund id.") var refundId: String
    @Option(name: .customLong("signature"), help: "A 65-byte signature in hex (repeatable).")
    var signatures: [String]

    func run() throws {
      var bytes: [UInt8] = []
      for text in signatures {
        guard let decoded = try? Hex.decode(text), decoded.count == 65 else {
          throw ToolFailure("--signature must be 130 hex digits", status: Exit.usage)
        }
        bytes += decoded
      }
      let (engine, _) = try openEngine(global)
      defer { engine.close() }
      let count = signatures.count
      let out = try withRaw(bytes) { (raw) throws(TronPayError) in
        try engine.refundSubmit(
          refundID: Array(refundId.utf8), signatures: raw, count: count, nowMs: nowMs())
      }
      emit(out, json: global.json, text: describeRefund)
    }
  }

  struct Get: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a refund.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The refund id.") var refundId: String

    func run() throws {
      let (engine, _) = try openEngine(global)
      defer { engine.close() }
      let out = try engineCall { () throws(TronPayError) in
        try engine.refundGet(refundID: Array(refundId.utf8))
      }
      emit(out, json: global.json, text: describeRefund)
    }
  }
}

func describeRefund(_ refund: [String: Any]) -> String {
  [
    "refund   \(refund.string("id") ?? "?")  invoice \(refund.string("invoice_id") ?? "?")",
    "state    \(refund.string("state") ?? "?")",
    "amount   \(refund.string("amount") ?? "?") \(refund.string("token") ?? "")",
    "from     \(refund.string("from") ?? "?")",
    "to       \(refund.string("to") ?? "?")",
    "txid     \(refund.string("txid") ?? "?")",
    "raw      \(refund.string("raw_data_hex") ?? "?")",
  ].joined(separator: "\n")
}
