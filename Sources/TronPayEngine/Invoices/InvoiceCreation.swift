import TronPay

extension EngineCore {
  /// The most steps a unique amount is raised by before the create gives up.
  static let maxUniqueAmountSteps = 100

  /// `tronpay_invoice_create`: idempotent by order id; a derived address takes the wallet's
  /// next index in the same transaction, so a create that fails or dies leaves no gap.
  func invoiceCreate(_ bytes: UnsafeRawBufferPointer, nowMs: Int64) throws(TronPayError)
    -> [UInt8]
  {
    let request = try readRequest(bytes, "invoice request", allowed: InvoiceRequest.keys) {
      (root) throws(TronPayError) in try InvoiceRequest(root, config)
    }
    return try store.write { () throws(TronPayError) -> [UInt8] in
      try sweep(nowMs: nowMs)
      if let existing = try store.first(
        "SELECT \(Invoice.columns) FROM invoices WHERE order_id = ?", [.text(request.orderID)])
      {
        let invoice = try Invoice(existing)
        guard invoice.terms == request.terms else {
          throw TronPayError(
            .conflict, "order_id \"\(request.orderID)\" exists with other terms (\(invoice.id))")
        }
        return Self.created(false, try view(invoice, nowMs: nowMs))
      }
      let invoice = try makeInvoice(request, nowMs: nowMs)
      try store.run(
        "INSERT INTO invoices (\(Invoice.columns)) VALUES "
          + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
          .text(invoice.id), .integer(invoice.seq), .text(invoice.orderID), .text(invoice.terms),
          .text(invoice.token), StoreValue(invoice.tokenContract?.base58),
          .integer(Int64(invoice.decimals)), .text(invoice.address.base58),
          StoreValue(invoice.wallet), StoreValue(invoice.derivationIndex),
          .text(invoice.amountDue.description), .integer(invoice.toleranceBps),
          .text(invoice.state.rawValue), .integer(invoice.createdAtMs),
          .integer(invoice.expiresAtMs), .integer(invoice.monitorUntilMs),
          .integer(invoice.updatedAtMs), StoreValue(invoice.metadata),
        ])
      let view = InvoiceView(invoice, credits: [], refunds: [], nowMs: nowMs)
      try appendEvent(.invoiceCreated, invoice: view, nowMs: nowMs)
      return Self.created(true, view)
    }
  }

  private static func created(_ created: Bool, _ view: InvoiceView) -> [UInt8] {
    var json = JSONWriter(reservingCapacity: 1024)
    json.beginObject()
    json.fixedKey("created")
    json.bool(created)
    json.fixedKey("invoice")
    view.write(to: &json)
    json.endObject()
    return json.bytes
  }

  private func makeInvoice(_ request: InvoiceRequest, nowMs: Int64) throws(TronPayError)
    -> Invoice
  {
    let seq =
      (try store.first("SELECT coalesce(max(seq), 0) + 1 FROM invoices", [])?.integer(0)) ?? 1
    var address: Address
    var amount = request.amount
    var wallet: String? = nil
    var index: Int64? = nil
    switch request.mode {
    case .derived(let walletID):
      guard
        let row = try store.first(
          "UPDATE wallets SET next_index = next_index + 1 WHERE id = ? RETURNING next_index - 1",
          [.text(walletID)]),
        let next = row.integer(0),
        let configured = config.wallets.first(where: { $0.id == walletID })
      else { throw TronPayError(.store, "store: wallet \(walletID) is missing") }
      guard next >= 0, next < 0x8000_0000 else {
        throw TronPayError(.state, "wallet \(walletID): all 2^31 deposit addresses are used")
      }
      do {
        address = try configured.xpub.child(0).child(UInt32(next)).publicKey.address()
      } catch {
        throw TronPayError(
          .state, "wallet \(walletID): index \(next) cannot be derived (\(error.detail))")
      }
      wallet = walletID
      index = next
    case .uniqueAmount(let fixed):
      address = fixed
      if try store.first(
        "SELECT 1 FROM invoices WHERE address = ? AND derivation_index IS NOT NULL",
        [.text(fixed.base58)]) != nil
      {
        throw TronPayError(.conflict, "address: it is a derived deposit address of an invoice")
      }
      let taken = Set(
        try store.query(
          "SELECT amount_due FROM invoices WHERE address = ? AND token = ? "
            + "AND monitor_until_ms >= ?",
          [.text(fixed.base58), .text(request.token), .integer(nowMs)]
        ).compactMap { $0.text(0) })
      var steps = 0
      while taken.contains(amount.description) {
        guard steps < Self.maxUniqueAmountSteps,
          let raised = amount.adding(config.policy.uniqueAmountStep)
        else {
          throw TronPayError(
            .state, "address: no unique amount within \(Self.maxUniqueAmountSteps) steps")
        }
        amount = raised
        steps += 1
      }
    }
    let (expires, overflow) = nowMs.addingReportingOverflow(request.expiryMs)
    let (monitor, overflowMonitor) = expires.addingReportingOverflow(config.policy.monitorMs)
    guard !overflow, !overflowMonitor else { throw TronPayError(.argument, "now_ms is too large") }
    return Invoice(
      id: try Identifier.make("inv_"), seq: seq, orderID: request.orderID, terms: request.terms,
      token: request.token, tokenContract: request.tokenContract, decimals: request.decimals,
      address: address, wallet: wallet, derivationIndex: index, amountDue: amount,
      toleranceBps: request.toleranceBps, createdAtMs: nowMs, expiresAtMs: expires,
      monitorUntilMs: monitor, metadata: request.metadata)
  }

  /// Writes the changes time alone made (expiry), with their events, inside a write.
  func sweep(nowMs: Int64) throws(TronPayError) {
    let due = try store.query(
      "SELECT id FROM invoices WHERE state = 'new' AND expires_at_ms < ?", [.integer(nowMs)])
    for row in due { try resettle(try row.requiredText(0), nowMs: nowMs) }
  }
}
