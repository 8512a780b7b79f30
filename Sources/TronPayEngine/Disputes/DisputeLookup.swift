import TronPay

/// `tronpay_dispute_lookup`: everything the engine knows of a txid, for a support desk
/// answering "I paid, here is my transaction".
extension EngineCore {
  func disputeLookup(txid text: String, nowMs: Int64) throws(TronPayError) -> [UInt8] {
    let txid: String
    do {
      txid = try Self.normalisedTxid(text, "txid")
    } catch {
      throw TronPayError(.hex, "txid: expected 64 hex digits")
    }
    return try store.write { () throws(TronPayError) -> [UInt8] in
      let credits = try store.query(
        "SELECT \(Credit.columns) FROM credits WHERE txid = ? ORDER BY ordinal, seen_at_ms",
        [.text(txid)]
      ).map { (row) throws(TronPayError) in try Credit(row) }
      let failure = try store.first(
        "SELECT outcome, detail FROM transactions WHERE txid = ?", [.text(txid)])
      let refund = try store.first(
        "SELECT \(Refund.columns) FROM refunds WHERE txid = ?", [.text(txid)]
      ).map { (row) throws(TronPayError) in try Refund(row) }
      var views: [InvoiceView] = []
      for credit in credits {
        guard let id = credit.invoiceID, !views.contains(where: { $0.invoice.id == id }),
          let invoice = try invoice(id: id)
        else { continue }
        views.append(try view(invoice, nowMs: nowMs))
      }
      let status: String
      if credits.contains(where: { $0.status == .credited }) {
        status = "credited"
      } else if credits.contains(where: { $0.status == .pending }) {
        status = "pending"
      } else if !credits.isEmpty || failure != nil {
        status = "rejected"
      } else if refund != nil {
        status = "credited"
      } else if !config.providers.isEmpty {
        // Planner mode fetches the receipt (gettransactioninfobyid) for a txid asked about.
        try store.run(
          "INSERT INTO lookups (txid, requested_at_ms) VALUES (?, ?) ON CONFLICT (txid) DO NOTHING",
          [.text(txid), .integer(nowMs)])
        status = "lookup_scheduled"
      } else {
        status = "unknown"
      }
      var json = JSONWriter(reservingCapacity: 2048)
      json.beginObject()
      json.fixedKey("txid")
      json.asciiString(txid)
      json.fixedKey("status")
      json.asciiString(status)
      json.fixedKey("transfers")
      json.beginArray()
      var outcomes: [(Credit, String, String?)] = []
      for credit in credits {
        let (outcome, reason) = Self.outcome(credit, views)
        outcomes.append((credit, outcome, reason))
        json.beginObject()
        json.fixedKey("token")
        json.asciiString(credit.token)
        json.fixedKey("from")
        json.asciiString(credit.from)
        json.fixedKey("to")
        json.asciiString(credit.to)
        json.fixedKey("amount")
        json.asciiString(credit.amount.description)
        json.fixedKey("ordinal")
        json.number(credit.ordinal)
        json.fixedKey("block")
        if let block = credit.block { json.number(block) } else { json.null() }
        json.fixedKey("final")
        json.bool(credit.isFinal && credit.status == .credited)
        json.fixedKey("invoice_id")
        if let id = credit.invoiceID { json.asciiString(id) } else { json.null() }
        json.fixedKey("outcome")
        json.asciiString(outcome)
        json.fixedKey("reason")
        if let reason { json.asciiString(reason) } else { json.null() }
        json.endObject()
      }
      json.endArray()
      json.fixedKey("invoices")
      json.beginArray()
      for view in views { view.write(to: &json) }
      json.endArray()
      json.fixedKey("result")
      if let detail = failure?.text(1) { json.string(detail) } else { json.null() }
      json.fixedKey("refund")
      if let refund { refund.write(to: &json) } else { json.null() }
      json.fixedKey("summary")
      json.string(
        Self.summary(
          txid: txid, status: status, outcomes, views, failure: failure, refund: refund,
          amountText: amountText))
      json.endObject()
      return json.bytes
    }
  }

  /// "13 USDT" for a pinned token or TRX; base units and the contract for anything else.
  private func amountText(_ credit: Credit) -> String {
    if credit.token == "TRX", let text = try? Amount.fromBaseUnits(credit.amount, decimals: 6) {
      return "\(text) TRX"
    }
    if let contract = try? Address(parsing: credit.token),
      let token = config.token(contract: contract),
      let text = try? Amount.fromBaseUnits(credit.amount, decimals: token.decimals)
    {
      return "\(text) \(token.symbol)"
    }
    return "\(credit.amount) base units of token \(credit.token)"
  }

  private static func outcome(_ credit: Credit, _ views: [InvoiceView]) -> (String, String?) {
    switch credit.status {
    case .credited:
      let invoice = views.first { $0.invoice.id == credit.invoiceID }
      if credit.isLate { return ("credited", "late") }
      if let invoice, invoice.state.isManual && invoice.state != .markedPaid {
        return ("credited", "already_settled")
      }
      return ("credited", credit.isFinal ? nil : "not_final")
    case .pending: return ("rejected", credit.reason ?? "not_final")
    case .reverted: return ("rejected", "reverted")
    case .rejected: return ("rejected", credit.reason)
    case .unmatched: return ("unmatched", nil)
    }
  }

  private static func summary(
    txid: String, status: String, _ outcomes: [(Credit, String, String?)],
    _ views: [InvoiceView], failure: StoreRow?, refund: Refund?,
    amountText: (Credit) -> String
  ) -> String {
    let short = String(txid.prefix(10)) + "…"
    if let failure, failure.text(0) == "failed" {
      let result = failure.text(1) ?? "an error"
      return
        "Transaction \(short) failed on chain (\(result)): no money moved, nothing was credited."
    }
    if let failure, failure.text(0) == "inconsistent" {
      return "Transaction \(short) is reported inconsistently by the evidence "
        + "(\(failure.text(1) ?? "records disagree")); nothing was credited until it is clear."
    }
    if let refund {
      return "Transaction \(short) is refund \(refund.id) of invoice \(refund.invoiceID) "
        + "(\(refund.state))."
    }
    guard
      let (credit, outcome, reason) = outcomes.first(where: { $0.1 == "credited" })
        ?? outcomes.first
    else {
      return status == "lookup_scheduled"
        ? "Transaction \(short) is not known yet; its receipt will be fetched."
        : "Transaction \(short) is not known to this engine; push its receipt with "
          + "tronpay_chain_evidence to have it checked."
    }
    let amount = amountText(credit)
    let order = views.first { $0.invoice.id == credit.invoiceID }.map {
      "order \($0.invoice.orderID) (now \($0.state.rawValue))"
    }
    switch (outcome, reason) {
    case ("credited", nil):
      return "Transaction \(short) paid \(amount) to \(order ?? "an invoice"); it is final."
    case ("credited", "not_final"?):
      return "Transaction \(short) paid \(amount) to \(order ?? "an invoice"); it is not final yet."
    case ("credited", "late"?):
      return "Transaction \(short) paid \(amount) to \(order ?? "an invoice") after it expired; "
        + "it is kept for a refund."
    case ("credited", "already_settled"?):
      return "Transaction \(short) paid \(amount) to \(order ?? "an invoice"), which was already "
        + "settled; it is kept for a refund."
    case ("unmatched", _):
      return "Transaction \(short) sent \(amount) to our address \(credit.to), but no invoice "
        + "expects that amount; support can attach it to an order."
    default:
      let why = reason ?? "rejected"
      let explanation: String
      switch why {
      case "foreign_token": explanation = "it sent a token the invoice does not accept"
      case "not_our_address": explanation = "it paid \(credit.to), which is not an address of ours"
      case "below_minimum": explanation = "the amount is below the minimum"
      case "early": explanation = "it was made before the invoice existed"
      case "ambiguous": explanation = "several open invoices could take it"
      case "reverted": explanation = "its block was orphaned by a reorganisation"
      case "undated": explanation = "no trustworthy block time came with it yet"
      case "not_final": explanation = "it is not final yet"
      case "failed": explanation = "the transaction failed on chain"
      case "inconsistent": explanation = "the records of it disagree"
      default: explanation = "of \(why)"
      }
      return "Transaction \(short) (\(amount)) was not credited: \(explanation)."
    }
  }
}
