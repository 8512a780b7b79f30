import TronPay

/// Planner mode (ENGINE.md, "Chain input"): the engine says which node request to make next,
/// the host makes it and feeds the answer back. The planner owns the cursor, batching, provider
/// rotation and back-off, the classification of answers, the reorg walk, dispute look-ups and
/// refund broadcasts; one process scans at a time, under a lease.
extension EngineCore {
  enum Plan {
    case request(PlannedRequest)
    case wait(untilMs: Int64, reason: String)
    case idle(reason: String)
  }

  func syncNext(nowMs: Int64) throws(TronPayError) -> [UInt8] {
    guard !config.providers.isEmpty else {
      throw TronPayError(
        .state, "sync: config.providers is empty; push blocks with tronpay_chain_block instead")
    }
    let plan = try store.write { () throws(TronPayError) -> Plan in
      try sweep(nowMs: nowMs)
      guard try takeLease(nowMs: nowMs) else { return .idle(reason: "lease_held") }
      return try nextPlan(nowMs: nowMs)
    }
    var json = JSONWriter(reservingCapacity: 512)
    switch plan {
    case .request(let request):
      sync.outstanding[request.id] = request
      sync.lastRequestAtMs[request.provider] = nowMs
      // Requests never fed (the host died) are forgotten after a while.
      if sync.outstanding.count > 64 {
        sync.outstanding = sync.outstanding.filter {
          nowMs &- $0.value.issuedAtMs < PlannedRequest.timeoutMs &* 6
        }
      }
      guard let provider = config.providers.first(where: { $0.id == request.provider }) else {
        throw TronPayError(.internal, "sync: a planned provider vanished")
      }
      request.write(to: &json, provider: provider)
    case .wait(let until, let reason):
      json.beginObject()
      json.fixedKey("kind")
      json.fixedString("wait")
      json.fixedKey("until_ms")
      json.number(until)
      json.fixedKey("reason")
      json.asciiString(reason)
      json.endObject()
    case .idle(let reason):
      json.beginObject()
      json.fixedKey("kind")
      json.fixedString("idle")
      json.fixedKey("reason")
      json.asciiString(reason)
      json.endObject()
    }
    return json.bytes
  }

  /// The scanner lease: taken when free or expired, renewed by its holder. A renewal is a
  /// durable commit of its own, so a holder whose stored lease still runs for at least
  /// `leaseMs − leaseRenewalMs` is not written again: at most one renewal a second, not one per
  /// request (half the fsyncs of a catch-up). The stored row is read in this write transaction:
  /// whoever holds it, until when, is the store's word, never this handle's memory.
  private func takeLease(nowMs: Int64) throws(TronPayError) -> Bool {
    let expires = nowMs &+ SyncState.leaseMs
    if let lease = try store.first(
      "SELECT holder, expires_at_ms FROM leases WHERE name = 'scanner'", []),
      lease.text(0) == config.workerID, let until = lease.integer(1), until > nowMs,
      until >= expires &- SyncState.leaseRenewalMs
    {
      sync.tookLease = true
      return true
    }
    let renewed = try store.run(
      "UPDATE leases SET holder = ?, expires_at_ms = ? WHERE name = 'scanner' "
        + "AND (expires_at_ms <= ? OR holder = ?)",
      [.text(config.workerID), .integer(expires), .integer(nowMs), .text(config.workerID)])
    if renewed > 0 {
      sync.tookLease = true
      return true
    }
    let taken = try store.run(
      "INSERT INTO leases (name, holder, expires_at_ms) VALUES ('scanner', ?, ?) "
        + "ON CONFLICT (name) DO NOTHING", [.text(config.workerID), .integer(expires)])
    if taken > 0 { sync.tookLease = true }
    return taken > 0
  }

  /// Gives the scanner lease back on a clean close, so that another process (or this one,
  /// restarted under another name) scans at once instead of after the lease runs out. A
  /// failure here is harmless: the lease then simply expires.
  func releaseLease() {
    guard sync.tookLease else { return }
    _ = try? store.write { () throws(TronPayError) in
      try store.run(
        "DELETE FROM leases WHERE name = 'scanner' AND holder = ?", [.text(config.workerID)])
    }
  }

  private func nextPlan(nowMs: Int64) throws(TronPayError) -> Plan {
    let watched =
      try store.first(
        "SELECT count(*) FROM invoices WHERE monitor_until_ms >= ?", [.integer(nowMs)])?.integer(
        0) ?? 0
    let lookups = try store.query(
      "SELECT txid FROM lookups ORDER BY requested_at_ms LIMIT 16", []
    ).compactMap { $0.text(0) }
    let broadcasts = try store.query(
      "SELECT id FROM refunds WHERE state = 'signed' ORDER BY updated_at_ms LIMIT 1", [])
    if watched == 0 && lookups.isEmpty && broadcasts.isEmpty {
      return .idle(reason: "nothing_to_watch")
    }
    // A provider that is neither backing off nor over its rate, in rotation.
    let health = try providerHealth()
    var provider: EngineConfig.Provider? = nil
    var retryAt = Int64.max
    var rateAt = Int64.max
    let count = config.providers.count
    for step in 0..<count {
      let candidate = config.providers[(sync.rotation &+ step) % count]
      if let until = health[candidate.id]?.retryAtMs, until > nowMs {
        retryAt = min(retryAt, until)
        continue
      }
      let interval = (1_000 &+ candidate.maxRPS &- 1) / candidate.maxRPS
      if let last = sync.lastRequestAtMs[candidate.id], nowMs &- last < interval {
        rateAt = min(rateAt, last &+ interval)
        continue
      }
      provider = candidate
      sync.rotation = (sync.rotation &+ step) % count
      break
    }
    guard let provider else {
      return retryAt <= rateAt
        ? .wait(untilMs: retryAt, reason: "backoff")
        : .wait(untilMs: rateAt, reason: "rate_limited")
    }
    func request(
      _ purpose: PlannedRequest.Purpose, _ path: String, _ body: String, number: Int64 = 0,
      last: Int64 = 0, key: String = ""
    ) -> Plan {
      sync.counter &+= 1
      return .request(
        PlannedRequest(
          id: "r_\(sync.counter)", purpose: purpose, provider: provider.id, path: path, body: body,
          issuedAtMs: nowMs, number: number, lastNumber: last, key: key))
    }
    if sync.headCheckedAtMs.map({ nowMs &- $0 >= SyncState.headIntervalMs }) ?? true {
      return request(.head, "/wallet/getnowblock", "{}")
    }
    if sync.solidCheckedAtMs.map({ nowMs &- $0 >= SyncState.headIntervalMs }) ?? true {
      return request(.solidHead, "/walletsolidity/getnowblock", "{}")
    }
    if let refundID = broadcasts.first?.text(0),
      let refund = try store.first(
        "SELECT \(Refund.columns) FROM refunds WHERE id = ?", [.text(refundID)]
      ).map({ (row) throws(TronPayError) in try Refund(row) })
    {
      let raw = try Hex.decode(refund.rawDataHex)
      var signatures: [[UInt8]] = []
      for text in (refund.signatures ?? "").split(separator: ",") {
        signatures.append(try Hex.decode(String(text)))
      }
      let body = try TransactionJSON.render(raw: raw, signatures: signatures)
      return request(
        .broadcast, "/wallet/broadcasttransaction", String(decoding: body, as: UTF8.self),
        key: refund.id)
    }
    for txid in lookups where (sync.lookupRetryAtMs[txid] ?? 0) <= nowMs {
      return request(
        .txInfo, "/wallet/gettransactioninfobyid", "{\"value\":\"\(txid)\"}", key: txid)
    }
    let state = try chainState()
    guard let head = state.head?.number else {
      return .wait(untilMs: nowMs &+ SyncState.headIntervalMs, reason: "at_head")
    }
    var next = state.cursor.map { $0.number &+ 1 } ?? config.startBlock ?? head
    // Blocks held with their receipts for the run being applied together need no request.
    while sync.ready[next] != nil { next &+= 1 }
    guard next <= head else {
      let checked = sync.headCheckedAtMs ?? nowMs
      return .wait(untilMs: checked &+ SyncState.headIntervalMs, reason: "at_head")
    }
    if let buffered = sync.blocks[next] {
      if buffered.hasTransactions {
        return request(
          .blockInfos, "/wallet/gettransactioninfobyblocknum", "{\"num\":\(next)}", number: next)
      }
    }
    if head > next {
      let end = min(next &+ 100, head &+ 1)
      return request(
        .block, "/wallet/getblockbylimitnext", "{\"startNum\":\(next),\"endNum\":\(end)}",
        number: next, last: end &- 1)
    }
    return request(.block, "/wallet/getblockbynum", "{\"num\":\(next)}", number: next, last: next)
  }
}
