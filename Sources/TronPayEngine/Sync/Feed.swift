import TronPay

/// `tronpay_sync_feed`: an answer to a planned request, classified, then applied.
extension EngineCore {
  struct FeedOutcome {
    var answer: AnswerClass = .ok
    var applied = false
    var retryAtMs: Int64? = nil
    var events = 0
  }

  func syncFeed(
    requestID: String, httpStatus: Int32, headers: String?, body: [UInt8],
    transportError: Int32, nowMs: Int64
  ) throws(TronPayError) -> [UInt8] {
    guard (0...6).contains(transportError) else {
      throw TronPayError(.argument, "transport_error: expected 0…6")
    }
    guard (0...999).contains(httpStatus) else {
      throw TronPayError(.argument, "http_status: expected 0…999")
    }
    guard let request = sync.outstanding.removeValue(forKey: requestID) else {
      throw TronPayError(.notFound, "sync: no request \(requestID) is outstanding on this handle")
    }
    var outcome = FeedOutcome()
    // A head is not asked again before the next slot, whatever this answer was.
    if request.purpose == .head { sync.headCheckedAtMs = nowMs }
    if request.purpose == .solidHead { sync.solidCheckedAtMs = nowMs }
    if let failure = Self.transportClass(transportError, httpStatus, request) {
      outcome.answer = failure
      outcome.retryAtMs = try providerFailed(
        request.provider, failure,
        error: transportError != 0 ? "transport error \(transportError)" : "HTTP \(httpStatus)",
        retryAfterMs: Self.retryAfter(headers), nowMs: nowMs)
    } else {
      do throws(TronPayError) {
        outcome = try apply(request, body, nowMs: nowMs)
      } catch {
        // A store failure is the host's problem, not the provider's: it surfaces as is.
        if error.kind == .store || error.kind == .busy { throw error }
        outcome.answer = error.kind == .state ? .inconsistent : .persistent
        outcome.retryAtMs = try store.write { () throws(TronPayError) -> Int64 in
          try providerFailed(
            request.provider, outcome.answer, error: error.detail, retryAfterMs: nil, nowMs: nowMs)
        }
      }
      if outcome.answer == .ok || outcome.answer == .notYet {
        try store.write { () throws(TronPayError) in
          try providerAnswered(request.provider, nowMs: nowMs)
        }
      } else if outcome.retryAtMs == nil {
        outcome.retryAtMs = try store.write { () throws(TronPayError) -> Int64 in
          try providerFailed(
            request.provider, outcome.answer, error: "\(outcome.answer.rawValue) answer",
            retryAfterMs: nil, nowMs: nowMs)
        }
      }
    }
    if outcome.answer != .ok { sync.rotation &+= 1 }
    let cursor = try store.read { () throws(TronPayError) -> ChainState.Mark? in
      try chainState().cursor
    }
    var json = JSONWriter(reservingCapacity: 160)
    json.beginObject()
    json.fixedKey("class")
    json.asciiString(outcome.answer.rawValue)
    json.fixedKey("applied")
    json.bool(outcome.applied)
    json.fixedKey("retry_at_ms")
    if let at = outcome.retryAtMs { json.number(at) } else { json.null() }
    json.fixedKey("cursor")
    if let cursor { json.number(cursor.number) } else { json.null() }
    json.fixedKey("events")
    json.number(Int64(outcome.events))
    json.endObject()
    return json.bytes
  }

  /// The class of a failed exchange, or nil when the answer is worth reading. TronGrid signals
  /// its rate limits as 429, 403 or 503 (engine-research.md §2.4).
  private static func transportClass(_ transport: Int32, _ status: Int32, _ request: PlannedRequest)
    -> AnswerClass?
  {
    if transport != 0 { return .transient }
    switch status {
    case 200...299: return nil
    case 429, 503: return .rateLimited
    case 403: return .rateLimited
    case 500...599, 0: return .transient
    default: return .persistent
    }
  }

  /// Delay seconds of a `Retry-After` header in "Name: value\r\n" lines.
  static func retryAfter(_ headers: String?) -> Int64? {
    guard let headers else { return nil }
    // "\r\n" is one Character in Swift: split on anything that ends a line.
    for line in headers.split(whereSeparator: { $0.isNewline }) {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let name = line[..<colon].lowercased()
      guard name == "retry-after" else { continue }
      let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
      return retryAfterMs(String(value))
    }
    return nil
  }

  /// Reads a 2xx answer and applies what it says.
  private func apply(_ request: PlannedRequest, _ body: [UInt8], nowMs: Int64)
    throws(TronPayError) -> FeedOutcome
  {
    var outcome = FeedOutcome()
    guard !body.isEmpty else {
      outcome.answer = .transient
      return outcome
    }
    // A body that is not whole JSON (cut off in transit) is worth asking again.
    guard let shape = try? Self.shape(of: body) else {
      outcome.answer = .transient
      return outcome
    }
    if shape == .error {
      outcome.answer = .persistent
      return outcome
    }
    switch request.purpose {
    case .head, .solidHead:
      guard shape == .block else {
        outcome.answer = .notYet
        return outcome
      }
      let header = try withBytes(body) { (bytes) throws(TronPayError) -> BlockHeader in
        try JSONTapeDocument.read(bytes) { (root) throws(TronPayError) in
          try BlockHeader(root, headerOnly: true)
        }
      }
      let mark = ChainState.Mark(number: header.number, id: header.id)
      let head = request.purpose == .head
      outcome.events =
        try recordTip(head: head ? mark : nil, solidified: head ? nil : mark, nowMs: nowMs).events
      outcome.applied = true
    case .block:
      guard shape == .block || shape == .blockList else {
        outcome.answer = .notYet
        return outcome
      }
      try buffer(body, from: request.number, through: request.lastNumber)
      outcome.events = try applyBuffered(nowMs: nowMs, outcome: &outcome)
    case .blockInfos:
      guard shape == .array, let block = sync.blocks[request.number] else {
        outcome.answer = shape == .empty ? .notYet : .inconsistent
        return outcome
      }
      let parsed: ParsedBlock
      do throws(TronPayError) {
        parsed = try withBytes(block.bytes) { (b) throws(TronPayError) -> ParsedBlock in
          try withBytes(body) { (i) throws(TronPayError) -> ParsedBlock in
            try parseBlock(b, infos: i)
          }
        }
      } catch {
        guard error.kind == .state else { throw error }
        outcome.answer = .inconsistent
        return outcome
      }
      sync.ready[request.number] = parsed
      // Catching up, the run grows while the next block is already fetched and needs its
      // receipts; near the head every block is applied as soon as its receipts are read.
      let following = request.number &+ 1
      let head = try store.read { () throws(TronPayError) -> Int64? in
        try chainState().head?.number
      }
      if let next = sync.blocks[following], next.hasTransactions, sync.ready[following] == nil,
        sync.ready.count < SyncState.maxBatch, let head,
        head > request.number &+ Int64(SyncState.maxBatch)
      {
        return outcome
      }
      outcome.events = try applyBuffered(nowMs: nowMs, outcome: &outcome)
    case .txInfo:
      guard shape == .object else {
        // Unknown to the node (yet): asked again later.
        sync.lookupRetryAtMs[request.key] = nowMs &+ 30_000
        outcome.answer = .notYet
        return outcome
      }
      outcome.events =
        try withBytes(body) { (bytes) throws(TronPayError) -> ChainAnswer in
          try chainEvidence(bytes, nowMs: nowMs)
        }.events
      outcome.applied = true
    case .tx:
      outcome.answer = .ok
    case .broadcast:
      outcome.events = try recordBroadcast(request.key, body, nowMs: nowMs)
      outcome.applied = true
    }
    return outcome
  }

  private enum Shape { case empty, error, block, blockList, array, object }

  private static func shape(of body: [UInt8]) throws(TronPayError) -> Shape {
    try withBytes(body) { (bytes) throws(TronPayError) -> Shape in
      try JSONTapeDocument.read(bytes) { (root) throws(TronPayError) -> Shape in
        if root.isArray { return .array }
        guard root.isObject else { return .error }
        if root.isEmptyObject { return .empty }
        if root["Error"] != nil { return .error }
        if root["blockID"] != nil { return .block }
        if root["block"]?.elements != nil { return .blockList }
        return .object
      }
    }
  }

  /// Keeps fetched blocks, in order, for the numbers asked; one answer of getblockbylimitnext
  /// may hold fewer than asked (the node stops at its head).
  private func buffer(_ body: [UInt8], from first: Int64, through last: Int64)
    throws(TronPayError)
  {
    try withBytes(body) { (bytes) throws(TronPayError) in
      try JSONTapeDocument.read(bytes) { (root) throws(TronPayError) in
        let items: [JSONRef] = root["block"]?.elements.map { Array($0) } ?? [root]
        for item in items {
          let header = try BlockHeader(item)
          // A block whose receipts are held stays the block they were checked against.
          guard header.number >= first, header.number <= last,
            sync.blocks.count < SyncState.maxBuffered, sync.ready[header.number] == nil
          else { continue }
          var writer = JSONWriter(reservingCapacity: 4096)
          writer.value(item.tree())
          sync.blocks[header.number] = (writer.bytes, !header.transactionIDs.isEmpty)
        }
      }
    }
  }

  /// Applies the run of buffered blocks that comes next and needs nothing more (blocks without
  /// transactions, and blocks whose receipts were read and checked) in ONE store transaction,
  /// the cursor moved in it: a crash rolls all of them back, none is skipped or applied twice.
  /// A run that fails as a whole is applied one block at a time, each as it would be alone; a
  /// parent mismatch walks back, and a block that still does not fit has its receipts asked
  /// again (an inconsistent answer).
  private func applyBuffered(nowMs: Int64, outcome: inout FeedOutcome) throws(TronPayError)
    -> Int
  {
    let state = try store.read { () throws(TronPayError) -> ChainState in try chainState() }
    let first = state.cursor.map { $0.number &+ 1 } ?? config.startBlock ?? state.head?.number
    guard var number = first else { return 0 }
    // Receipts of blocks the cursor already passed (another process applied them) are stale.
    if sync.ready.keys.contains(where: { $0 < number }) {
      sync.ready = sync.ready.filter { $0.key >= number }
    }
    var run: [ParsedBlock] = []
    while let block = sync.blocks[number] {
      if let parsed = sync.ready[number] {
        run.append(parsed)
      } else if !block.hasTransactions {
        do throws(TronPayError) {
          run.append(
            try withBytes(block.bytes) { (b) throws(TronPayError) -> ParsedBlock in
              try withBytes(Array("[]".utf8)) { (i) throws(TronPayError) -> ParsedBlock in
                try parseBlock(b, infos: i)
              }
            })
        } catch {
          // The first block's own failure surfaces; a later one waits for its turn.
          if run.isEmpty { throw error }
          break
        }
      } else {
        break
      }
      number &+= 1
    }
    guard !run.isEmpty else { return 0 }
    if run.count > 1 {
      do throws(TronPayError) {
        let answers = try store.write { () throws(TronPayError) -> [ChainAnswer] in
          var answers: [ChainAnswer] = []
          for parsed in run { answers.append(try applyBlock(parsed, nowMs: nowMs)) }
          return answers
        }
        for parsed in run { forget(parsed.header.number) }
        outcome.applied = true
        return answers.reduce(0) { $0 &+ $1.events }
      } catch {
        if error.kind == .store || error.kind == .busy { throw error }
      }
    }
    var events = 0
    for parsed in run {
      do throws(TronPayError) {
        let answer = try store.write { () throws(TronPayError) -> ChainAnswer in
          try applyBlock(parsed, nowMs: nowMs)
        }
        forget(parsed.header.number)
        events &+= answer.events
        outcome.applied = true
      } catch {
        guard error.kind == .state else { throw error }
        if error.detail.hasPrefix("parent mismatch") {
          events &+= try walkBack(nowMs: nowMs)
        } else {
          sync.ready[parsed.header.number] = nil
          outcome.answer = .inconsistent
        }
        return events
      }
    }
    return events
  }

  /// A block applied: neither it nor its receipts are held any longer.
  private func forget(_ number: Int64) {
    sync.blocks[number] = nil
    sync.ready[number] = nil
  }

  /// A block that does not extend the cursor: the chain reorganised. The last applied block is
  /// disconnected (its credits revoked) and everything fetched ahead is dropped, so the next
  /// requests fetch the new branch from there; repeated, this walks back to the common
  /// ancestor. Nothing at or below the solidified block is disconnected.
  private func walkBack(nowMs: Int64) throws(TronPayError) -> Int {
    sync.blocks.removeAll()
    sync.ready.removeAll()
    let state = try store.read { () throws(TronPayError) -> ChainState in try chainState() }
    guard let cursor = state.cursor, let id = cursor.id else { return 0 }
    return try chainDisconnect(number: cursor.number, blockID: id, nowMs: nowMs).events
  }

  /// The node's answer to a refund broadcast: accepted (or already known) means broadcast;
  /// a refusal that retrying cannot fix means failed.
  private func recordBroadcast(_ refundID: String, _ body: [UInt8], nowMs: Int64)
    throws(TronPayError) -> Int
  {
    let (accepted, code) = try withBytes(body) { (bytes) throws(TronPayError) -> (Bool, String?) in
      try JSONTapeDocument.read(bytes) { (root) throws(TronPayError) -> (Bool, String?) in
        (root["result"]?.boolValue == true, root["code"]?.stringValue)
      }
    }
    let state: String
    if accepted || code == "DUP_TRANSACTION_ERROR" {
      state = "broadcast"
    } else if code == "SERVER_BUSY" || code == "NO_CONNECTION"
      || code == "NOT_ENOUGH_EFFECTIVE_CONNECTION"
    {
      return 0
    } else {
      state = "failed"
    }
    return try store.write { () throws(TronPayError) -> Int in
      guard
        let row = try store.first(
          "SELECT \(Refund.columns) FROM refunds WHERE id = ?", [.text(refundID)])
      else { return 0 }
      var refund = try Refund(row)
      guard refund.state == "signed" else { return 0 }
      refund.state = state
      refund.updatedAtMs = nowMs
      try store.run(
        "UPDATE refunds SET state = ?, updated_at_ms = ? WHERE id = ?",
        [.text(state), .integer(nowMs), .text(refundID)])
      guard let invoice = try invoice(id: refund.invoiceID) else { return 0 }
      try appendEvent(
        state == "broadcast" ? .refundBroadcast : .refundFailed,
        invoice: try view(invoice, nowMs: nowMs), nowMs: nowMs
      ) { json in
        json.fixedKey("refund")
        refund.write(to: &json)
        if let code {
          json.fixedKey("node_code")
          json.string(code)
        }
      }
      return 1
    }
  }
}
