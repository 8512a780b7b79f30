import TronPay

/// Turns the gates' decisions on a piece of evidence into ledger rows. The invoices watched at
/// the evidence's time are handed to the same `PaymentMatching` that `tronpay_payment_check`
/// runs, so every credit passes exactly the gates a check applies (pinned token, success per
/// transaction, minimum, time window, one invoice per credit).
struct EvidenceBatch {
  var report: TransferReport
  /// The block the evidence is, when it came through `tronpay_chain_block`: its credits carry
  /// the block id and can become final.
  var block: BlockHeader?
}

extension EngineCore {
  static let addressesPerLookup = 100

  /// Applies a batch inside the caller's write transaction; answers the rows that changed and
  /// the events written.
  func record(_ batch: EvidenceBatch, nowMs: Int64) throws(TronPayError)
    -> (changed: [Credit], events: Int)
  {
    let transfers = batch.report.transfers
    guard !transfers.isEmpty else { return ([], 0) }
    // Watched: invoices on a recipient address still monitored at the evidence's time, looked
    // up a hundred addresses per statement (one round trip each on PostgreSQL).
    var recipients: [String] = []
    var seenAddresses = Set<Address>()
    var earliest = nowMs
    for transfer in transfers {
      earliest = min(earliest, transfer.timestampMs ?? batch.block?.timestampMs ?? nowMs)
      if seenAddresses.insert(transfer.to).inserted { recipients.append(transfer.to.base58) }
    }
    var invoices: [Invoice] = []
    var start = 0
    while start < recipients.count {
      let chunk = recipients[start..<min(start &+ Self.addressesPerLookup, recipients.count)]
      start &+= chunk.count
      let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
      let rows = try store.query(
        "SELECT \(Invoice.columns) FROM invoices WHERE address IN (\(marks)) "
          + "AND monitor_until_ms >= ? ORDER BY seq",
        chunk.map { StoreValue.text($0) } + [.integer(earliest)])
      for row in rows { invoices.append(try Invoice(row)) }
    }
    invoices.sort { $0.seq < $1.seq }
    if invoices.isEmpty && batch.block != nil { return ([], 0) }
    let state = try chainState()
    let request = PaymentRequest(
      headBlock: state.head?.number ?? 0, solidifiedBlock: -1, nowMs: nowMs,
      tokens: config.tokens.map { ($0.symbol, $0.contract) }, minAmount: config.policy.minAmount,
      confirmations: nil,
      invoices: invoices.map(\.asCheckInvoice),
      evidence: batch.report)
    var matching = PaymentMatching(request)
    var changed: [Credit] = []
    var touched: [String] = []
    var reverted: [String] = []
    var events = 0
    for position in transfers.indices {
      let transfer = transfers[position]
      let decision = matching.decide(transfer, at: position)
      // Most of a block pays nobody watched: nothing is formatted for those.
      if decision == .elsewhere && batch.block != nil { continue }
      var credit = Credit(transfer, status: .rejected)
      credit.blockID = batch.block.map { $0.id }
      switch decision {
      case .ignored:
        continue
      case .elsewhere:
        // Evidence a host pushed on purpose (a customer's txid) is kept for the dispute desk
        // even where it paid nobody we watch; a scanned block's other traffic is not.
        guard batch.block == nil else { continue }
        credit.reason = "not_our_address"
      case .rejected(.duplicate, _):
        continue
      case .rejected(.removed, _):
        if let invoiceID = try revoke(credit) {
          changed.append(credit)
          if !reverted.contains(invoiceID) { reverted.append(invoiceID) }
        }
        continue
      case .unmatched:
        credit.status = .unmatched
        credit.reason = nil
      case .rejected(let reason, let chosen):
        credit.reason = "\(reason.name)"
        if let chosen, chosen >= 0, chosen < invoices.count,
          reason == .notFinal || reason == .undated
        {
          credit.status = .pending
          credit.invoiceID = invoices[chosen].id
        }
      case .credited(let chosen, _, let late):
        guard chosen >= 0, chosen < invoices.count else { continue }
        credit.status = .credited
        credit.invoiceID = invoices[chosen].id
        credit.isLate = late
        credit.reason = nil
      }
      guard let stored = try upsert(credit, nowMs: nowMs) else { continue }
      changed.append(stored)
      if let id = stored.invoiceID, !touched.contains(id) { touched.append(id) }
      if stored.status == .unmatched {
        var data = JSONWriter()
        data.beginObject()
        data.fixedKey("invoice")
        data.null()
        data.fixedKey("payment")
        stored.writeFull(to: &data)
        data.endObject()
        try appendEvent(.paymentUnmatched, invoiceID: nil, data: data.bytes, nowMs: nowMs)
        events += 1
      }
    }
    for id in reverted {
      events += try resettle(id, nowMs: nowMs, eventOverride: .paymentReverted).events
    }
    for id in touched where !reverted.contains(id) {
      events += try resettle(id, nowMs: nowMs).events
    }
    return (changed, events)
  }

  /// Writes a sighting under its identity. A new identity is inserted; a known one only
  /// learns (block, block id, time) or moves up (pending → credited, reverted → credited
  /// again in a new branch), never adds money and never changes the invoice it counts for.
  /// Answers the stored row when something changed.
  private func upsert(_ credit: Credit, nowMs: Int64) throws(TronPayError) -> Credit? {
    guard
      let row = try store.first(
        "SELECT \(Credit.columns) FROM credits WHERE " + Credit.keyCondition, credit.key)
    else {
      try store.run(
        "INSERT INTO credits (\(Credit.columns), seen_at_ms) VALUES "
          + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        credit.key + [
          StoreValue(credit.invoiceID), StoreValue(credit.block), StoreValue(credit.blockID),
          StoreValue(credit.timestampMs), StoreValue(credit.logIndex), .integer(0),
          StoreValue(credit.isLate), .text(credit.status.rawValue), .text(credit.source),
          StoreValue(credit.reason), .integer(nowMs),
        ])
      return credit
    }
    var stored = try Credit(row)
    let before = stored
    let rank: [Credit.Status: Int] = [
      .reverted: 0, .rejected: 1, .unmatched: 1, .pending: 2, .credited: 3,
    ]
    let upgrade = (rank[credit.status] ?? 0) > (rank[stored.status] ?? 0)
    if upgrade {
      stored.status = credit.status
      stored.reason = credit.reason
      stored.isLate = credit.isLate
      // A row that counted for an invoice before (then reverted) stays with that invoice.
      if stored.invoiceID == nil || before.status == .rejected || before.status == .unmatched {
        stored.invoiceID = credit.invoiceID ?? stored.invoiceID
      }
    }
    if credit.blockID != nil || stored.block == nil {
      stored.block = credit.block ?? stored.block
      stored.blockID = credit.blockID ?? stored.blockID
    }
    stored.timestampMs = stored.timestampMs ?? credit.timestampMs
    if stored.source == "indexer" && credit.source != "indexer" { stored.source = credit.source }
    let same =
      stored.status == before.status && stored.invoiceID == before.invoiceID
      && stored.block == before.block && stored.blockID == before.blockID
      && stored.timestampMs == before.timestampMs && stored.source == before.source
    if same { return nil }
    try store.run(
      "UPDATE credits SET invoice_id = ?, block = ?, block_id = ?, timestamp_ms = ?, "
        + "status = ?, reason = ?, late = ?, source = ? WHERE " + Credit.keyCondition,
      [
        StoreValue(stored.invoiceID), StoreValue(stored.block), StoreValue(stored.blockID),
        StoreValue(stored.timestampMs), .text(stored.status.rawValue), StoreValue(stored.reason),
        StoreValue(stored.isLate), .text(stored.source),
      ] + stored.key)
    return stored
  }

  /// Takes a credit back (its block was orphaned, or a node withdrew its log): answers the
  /// invoice it counted for, if it counted.
  func revoke(_ credit: Credit) throws(TronPayError) -> String? {
    guard
      let row = try store.first(
        "SELECT \(Credit.columns) FROM credits WHERE " + Credit.keyCondition, credit.key)
    else { return nil }
    let stored = try Credit(row)
    guard stored.status != .reverted else { return nil }
    try store.run(
      "UPDATE credits SET status = 'reverted', reason = 'reverted', final = 0, block_id = NULL "
        + "WHERE " + Credit.keyCondition, stored.key)
    return stored.status == .credited || stored.status == .pending ? stored.invoiceID : nil
  }
}
