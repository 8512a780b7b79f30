import TronPay

/// Where the engine stands on the chain: the tip a host last reported, the solidified block,
/// and the cursor (the last block applied). Stored in the `chain` table, changed only inside
/// write transactions together with what they cover.
struct ChainState {
  struct Mark {
    var number: Int64
    var id: String?
  }

  var head: Mark?
  var solidified: Mark?
  var cursor: Mark?

  /// java-tron's default `maxUnsolidifiedBlocks`: past this the chain's finality has stalled.
  static let stallBlocks: Int64 = 54
}

extension EngineCore {
  func chainState() throws(TronPayError) -> ChainState {
    var state = ChainState()
    for row in try store.query("SELECT name, number, block_id FROM chain", []) {
      guard let number = row.integer(1) else { continue }
      let mark = ChainState.Mark(number: number, id: row.text(2))
      switch row.text(0) {
      case "head": state.head = mark
      case "solidified": state.solidified = mark
      case "cursor": state.cursor = mark
      default: break
      }
    }
    return state
  }

  func setMark(_ name: String, _ mark: ChainState.Mark?) throws(TronPayError) {
    guard let mark else {
      try store.run("DELETE FROM chain WHERE name = ?", [.text(name)])
      return
    }
    try store.run(
      "INSERT INTO chain (name, number, block_id) VALUES (?, ?, ?) ON CONFLICT (name) "
        + "DO UPDATE SET number = excluded.number, block_id = excluded.block_id",
      [.text(name), .integer(mark.number), StoreValue(mark.id)])
  }

  static let tipKeys: [StaticString] = ["head", "solidified"]

  /// `tronpay_chain_tip`: records the head and the solidified block, then makes final what
  /// they now cover. The solidified block never moves back (a lagging provider cannot
  /// un-finalise a credit), and one that contradicts an applied block is refused: that block
  /// must be disconnected first.
  func chainTip(_ bytes: UnsafeRawBufferPointer, nowMs: Int64) throws(TronPayError)
    -> ChainAnswer
  {
    let (head, solidified) = try readRequest(bytes, "tip", allowed: Self.tipKeys) {
      (root) throws(TronPayError) -> (ChainState.Mark?, ChainState.Mark?) in
      (try Self.mark(root, "head"), try Self.mark(root, "solidified"))
    }
    guard head != nil || solidified != nil else {
      throw TronPayError(.json, "tip: give head, solidified or both")
    }
    if let head, let solidified, solidified.number > head.number {
      throw TronPayError(.json, "solidified: above head")
    }
    return try recordTip(head: head, solidified: solidified, nowMs: nowMs)
  }

  /// Records a validated tip (from `tronpay_chain_tip`, or a head the planner fetched).
  func recordTip(head: ChainState.Mark?, solidified: ChainState.Mark?, nowMs: Int64)
    throws(TronPayError) -> ChainAnswer
  {
    try store.write { () throws(TronPayError) -> ChainAnswer in
      try sweep(nowMs: nowMs)
      var state = try chainState()
      if let head { state.head = head }
      if let solidified, solidified.number >= (state.solidified?.number ?? Int64.min) {
        if let id = solidified.id,
          let applied = try store.first(
            "SELECT block_id FROM blocks WHERE number = ?", [.integer(solidified.number)]),
          let appliedID = applied.text(0), appliedID != id
        {
          throw TronPayError(
            .state,
            "solidified block \(solidified.number) is \(id), but \(appliedID) was applied; "
              + "disconnect back to block \(solidified.number) first")
        }
        state.solidified = solidified
      }
      if let solid = state.solidified, let top = state.head, solid.number > top.number {
        state.head = solid
      }
      try setMark("head", state.head)
      try setMark("solidified", state.solidified)
      var changed: [Credit] = []
      let events = try finalize(state, nowMs: nowMs, changed: &changed)
      return ChainAnswer(applied: true, credits: changed, events: events, cursor: state.cursor)
    }
  }

  private static func mark(_ root: StrictObject, _ key: String) throws(TronPayError)
    -> ChainState.Mark?
  {
    guard let object = try root.object(key, allowed: ["number", "id"]) else { return nil }
    guard let number = try object.integer("number", in: 0...Int64(Int32.max) * 16) else {
      throw TronPayError(.json, "\(key).number: missing")
    }
    var id: String? = nil
    if let text = try object.string("id") {
      id = try BlockHeader.checkedID(text, number: number, field: "\(key).id")
    }
    return ChainState.Mark(number: number, id: id)
  }

  /// Marks final every credit whose block is now at or below the solidified block (and has
  /// the policy's confirmations on top), on the chain the engine applied, and re-settles the
  /// invoices they count for.
  func finalize(_ state: ChainState, nowMs: Int64, changed: inout [Credit]) throws(TronPayError)
    -> Int
  {
    guard let solid = state.solidified?.number, let cursor = state.cursor?.number else { return 0 }
    var limit = min(solid, cursor)
    if let needed = config.policy.confirmations, let head = state.head?.number {
      limit = min(limit, head &- needed)
    }
    let rows = try store.query(
      "SELECT \(Credit.columns) FROM credits c WHERE c.status = 'credited' AND c.final = 0 "
        + "AND c.block <= ? AND c.block_id IS NOT NULL AND EXISTS (SELECT 1 FROM blocks b "
        + "WHERE b.number = c.block AND b.block_id = c.block_id)",
      [.integer(limit)])
    var invoices: [String] = []
    for row in rows {
      var credit = try Credit(row)
      try store.run("UPDATE credits SET final = 1 WHERE " + Credit.keyCondition, credit.key)
      credit.isFinal = true
      changed.append(credit)
      if let id = credit.invoiceID, !invoices.contains(id) { invoices.append(id) }
    }
    var events = 0
    for id in invoices { events += try resettle(id, nowMs: nowMs).events }
    return events
  }

}

/// What a chain input changed. The planner reads it as it is; the handle renders it as
/// `{"applied","credits","events","cursor"}`.
struct ChainAnswer {
  var applied: Bool
  var credits: [Credit]
  var events: Int
  var cursor: ChainState.Mark?

  var json: [UInt8] {
    var json = JSONWriter(reservingCapacity: 256 + 320 * credits.count)
    json.beginObject()
    json.fixedKey("applied")
    json.bool(applied)
    json.fixedKey("credits")
    json.beginArray()
    for credit in credits { credit.writeFull(to: &json) }
    json.endArray()
    json.fixedKey("events")
    json.number(Int64(events))
    json.fixedKey("cursor")
    if let cursor { json.number(cursor.number) } else { json.null() }
    json.endObject()
    return json.bytes
  }
}
