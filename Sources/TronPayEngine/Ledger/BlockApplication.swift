import TronPay

/// A block and its receipts, read and checked against each other, not yet applied.
struct ParsedBlock {
  var header: BlockHeader
  var report: TransferReport
}

/// Push-mode chain input (ENGINE.md, "Chain input"): blocks in chain order, each applied in
/// one store transaction with its ledger rows, its events and the cursor that covers it.
extension EngineCore {
  func chainBlock(
    _ blockBytes: UnsafeRawBufferPointer, infos infoBytes: UnsafeRawBufferPointer, nowMs: Int64
  ) throws(TronPayError) -> ChainAnswer {
    let parsed = try parseBlock(blockBytes, infos: infoBytes)
    return try store.write { () throws(TronPayError) -> ChainAnswer in
      try applyBlock(parsed, nowMs: nowMs)
    }
  }

  /// Everything is read and checked before the store is touched.
  func parseBlock(_ blockBytes: UnsafeRawBufferPointer, infos infoBytes: UnsafeRawBufferPointer)
    throws(TronPayError) -> ParsedBlock
  {
    guard blockBytes.count > 0 else { throw TronPayError(.json, "block: empty") }
    guard infoBytes.count > 0 else { throw TronPayError(.json, "infos: empty") }
    return try JSONTapeDocument.read(blockBytes) {
      (block) throws(TronPayError) -> ParsedBlock in
      let header = try BlockHeader(block)
      return try JSONTapeDocument.read(infoBytes) {
        (infos) throws(TronPayError) -> ParsedBlock in
        try BlockReceipts.check(infos, against: header)
        var extractor = TransferExtractor()
        try extractor.add(block)
        try extractor.add(infos)
        return ParsedBlock(header: header, report: extractor.resolvedReport())
      }
    }
  }

  /// Applies a parsed block inside the caller's write transaction: its ledger rows, its events
  /// and the cursor that covers it, or nothing when it throws (the caller rolls back).
  func applyBlock(_ parsed: ParsedBlock, nowMs: Int64) throws(TronPayError) -> ChainAnswer {
    let header = parsed.header
    let report = parsed.report
    try sweep(nowMs: nowMs)
    var state = try chainState()
    if let cursor = state.cursor, header.number <= cursor.number {
      let applied = try store.first(
        "SELECT block_id FROM blocks WHERE number = ?", [.integer(header.number)])?.text(0)
      if applied == header.id {
        return ChainAnswer(applied: false, credits: [], events: 0, cursor: cursor)
      }
      throw TronPayError(
        .state,
        "block \(header.number) was applied as \(applied ?? "another block"); disconnect back "
          + "to it first (cursor \(cursor.number))")
    }
    if let cursor = state.cursor {
      guard header.number == cursor.number &+ 1 else {
        throw TronPayError(.state, "expected block \(cursor.number &+ 1), got \(header.number)")
      }
      guard header.parentID == cursor.id else {
        throw TronPayError(
          .state,
          "parent mismatch: block \(header.number) has parent \(header.parentID), expected "
            + "\(cursor.id ?? "?"); a reorg: disconnect block \(cursor.number) and walk back")
      }
    } else if let start = config.startBlock, header.number != start {
      throw TronPayError(.state, "expected block \(start) (start_block), got \(header.number)")
    }
    try store.run(
      "INSERT INTO blocks (number, block_id, parent_id, timestamp_ms) VALUES (?, ?, ?, ?)",
      [
        .integer(header.number), .text(header.id), .text(header.parentID),
        .integer(header.timestampMs),
      ])
    state.cursor = ChainState.Mark(number: header.number, id: header.id)
    try setMark("cursor", state.cursor)
    if (state.head?.number ?? Int64.min) < header.number {
      state.head = state.cursor
      try setMark("head", state.head)
    }
    var (changed, events) = try record(
      EvidenceBatch(report: report, block: header), nowMs: nowMs)
    try noteFailures(report, watchedOnly: true, block: header.number, nowMs: nowMs)
    events += try confirmRefunds(in: header, report: report, nowMs: nowMs)
    events += try finalize(state, nowMs: nowMs, changed: &changed)
    return ChainAnswer(applied: true, credits: changed, events: events, cursor: state.cursor)
  }

  /// `tronpay_chain_disconnect`: takes back the last applied block (a reorg walks back one
  /// block at a time); its credits are revoked with `payment.reverted`.
  func chainDisconnect(number: Int64, blockID: String, nowMs: Int64) throws(TronPayError)
    -> ChainAnswer
  {
    let id = try BlockHeader.checkedID(blockID, number: number, field: "block_id")
    return try store.write { () throws(TronPayError) -> ChainAnswer in
      try sweep(nowMs: nowMs)
      var state = try chainState()
      if let solid = state.solidified?.number, number <= solid {
        throw TronPayError(
          .state, "block \(number) is at or below the solidified block \(solid): it cannot change")
      }
      guard let cursor = state.cursor, cursor.number == number, cursor.id == id else {
        throw TronPayError(
          .state,
          "only the last applied block can be disconnected (cursor "
            + "\(state.cursor.map { "\($0.number) \($0.id ?? "")" } ?? "none"))")
      }
      guard
        let parent = try store.first(
          "SELECT parent_id FROM blocks WHERE number = ?", [.integer(number)])?.text(0)
      else { throw TronPayError(.store, "store: the applied block \(number) is missing") }
      let rows = try store.query(
        "SELECT \(Credit.columns) FROM credits WHERE block = ? AND block_id = ?",
        [.integer(number), .text(id)])
      var changed: [Credit] = []
      var invoices: [String] = []
      for row in rows {
        var credit = try Credit(row)
        if let invoiceID = try revoke(credit), !invoices.contains(invoiceID) {
          invoices.append(invoiceID)
        }
        credit.status = .reverted
        credit.reason = "reverted"
        credit.isFinal = false
        credit.blockID = nil
        changed.append(credit)
      }
      var events = 0
      for invoiceID in invoices {
        events += try resettle(invoiceID, nowMs: nowMs, eventOverride: .paymentReverted).events
      }
      try store.run(
        "UPDATE refunds SET state = 'broadcast', confirmed_block = NULL, updated_at_ms = ? "
          + "WHERE state = 'confirmed' AND confirmed_block = ?",
        [.integer(nowMs), .integer(number)])
      try store.run("DELETE FROM blocks WHERE number = ?", [.integer(number)])
      state.cursor = number > 0 ? ChainState.Mark(number: number &- 1, id: parent) : nil
      try setMark("cursor", state.cursor)
      return ChainAnswer(applied: true, credits: changed, events: events, cursor: state.cursor)
    }
  }

  static let evidenceLimitTransfers = 200_000

  /// `tronpay_chain_evidence`: anything `tronpay_transfers_parse` reads. Indexer items only
  /// ever make an invoice `detected`; a node receipt credits, final once the scanner applies its
  /// block. Every failed or inconsistent transaction in it is remembered for disputes.
  func chainEvidence(_ bytes: UnsafeRawBufferPointer, nowMs: Int64) throws(TronPayError)
    -> ChainAnswer
  {
    guard bytes.count > 0 else { throw TronPayError(.json, "evidence: empty") }
    let report = try TransferExtractor.extract(bytes)
    return try store.write { () throws(TronPayError) -> ChainAnswer in
      try sweep(nowMs: nowMs)
      let (changed, events) = try record(EvidenceBatch(report: report, block: nil), nowMs: nowMs)
      try noteFailures(report, watchedOnly: false, block: nil, nowMs: nowMs)
      for sighting in report.sightings {
        try store.run("DELETE FROM lookups WHERE txid = ?", [.text(sighting.txid.description)])
      }
      let state = try chainState()
      return ChainAnswer(
        applied: !changed.isEmpty, credits: changed, events: events, cursor: state.cursor)
    }
  }

  /// Remembers failed and inconsistent transactions for the dispute desk: all of those in
  /// evidence a host pushed on purpose, only those touching a watched address in a block.
  private func noteFailures(
    _ report: TransferReport, watchedOnly: Bool, block: Int64?, nowMs: Int64
  ) throws(TronPayError) {
    for skipped in report.skipped where skipped.reason == .failed || skipped.reason == .inconsistent
    {
      guard let txid = skipped.txid else { continue }
      if watchedOnly {
        let recipients = report.transfers.filter { $0.txid == txid }.map { $0.to.base58 }
        var watched = false
        for address in recipients where !watched {
          watched =
            try store.first(
              "SELECT 1 FROM invoices WHERE address = ? LIMIT 1", [.text(address)]) != nil
        }
        guard watched else { continue }
      }
      try store.run(
        "INSERT INTO transactions (txid, block, outcome, detail, seen_at_ms) VALUES "
          + "(?, ?, ?, ?, ?) ON CONFLICT (txid) DO UPDATE SET outcome = excluded.outcome, "
          + "detail = excluded.detail",
        [
          .text(txid.description), StoreValue(block ?? report.facts(of: txid)?.block),
          .text("\(skipped.reason.name)"), StoreValue(skipped.detail), .integer(nowMs),
        ])
    }
  }
}
