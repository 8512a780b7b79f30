import TronPay

extension EngineCore {
  /// `tronpay_engine_health`: where the engine stands, for monitoring.
  func health(nowMs: Int64) throws(TronPayError) -> [UInt8] {
    try store.read { () throws(TronPayError) -> [UInt8] in
      let state = try chainState()
      let open =
        try store.first(
          "SELECT count(*) FROM invoices WHERE state IN ('new', 'detected', 'partial') "
            + "AND monitor_until_ms >= ?", [.integer(nowMs)])?.integer(0) ?? 0
      let pending =
        try store.first("SELECT count(*) FROM deliveries WHERE state = 'pending'", [])?.integer(0)
        ?? 0
      let failed =
        try store.first("SELECT count(*) FROM deliveries WHERE state = 'failed'", [])?.integer(0)
        ?? 0
      let lease = try store.first(
        "SELECT holder, expires_at_ms FROM leases WHERE name = 'scanner' AND expires_at_ms > ?",
        [.integer(nowMs)])
      var json = JSONWriter(reservingCapacity: 512)
      json.beginObject()
      json.fixedKey("store")
      json.asciiString(store.kind)
      json.fixedKey("schema_version")
      json.number(store.schemaVersion)
      json.fixedKey("network")
      json.asciiString(config.network)
      func mark(_ value: Int64?) {
        if let value { json.number(value) } else { json.null() }
      }
      json.fixedKey("head")
      mark(state.head?.number)
      json.fixedKey("solidified")
      mark(state.solidified?.number)
      json.fixedKey("cursor")
      mark(state.cursor?.number)
      json.fixedKey("lag_blocks")
      if let head = state.head?.number, let cursor = state.cursor?.number {
        json.number(max(0, head &- cursor))
      } else {
        json.null()
      }
      json.fixedKey("stalled")
      if let head = state.head?.number, let solid = state.solidified?.number {
        json.bool(head &- solid > ChainState.stallBlocks)
      } else {
        json.bool(false)
      }
      json.fixedKey("open_invoices")
      json.number(open)
      json.fixedKey("outbox")
      json.beginObject()
      json.fixedKey("pending")
      json.number(pending)
      json.fixedKey("failed")
      json.number(failed)
      json.endObject()
      json.fixedKey("providers")
      json.beginArray()
      let known = try providerHealth()
      for provider in config.providers {
        let health = known[provider.id] ?? ProviderHealth()
        let waiting = health.retryAtMs.map { $0 > nowMs } ?? false
        json.beginObject()
        json.fixedKey("id")
        json.string(provider.id)
        json.fixedKey("state")
        json.asciiString(health.failures == 0 ? "ok" : waiting ? health.state : "ok")
        json.fixedKey("retry_at_ms")
        if waiting, let at = health.retryAtMs { json.number(at) } else { json.null() }
        json.fixedKey("last_error")
        if let error = health.lastError { json.string(error) } else { json.null() }
        json.endObject()
      }
      json.endArray()
      json.fixedKey("lease")
      json.beginObject()
      json.fixedKey("holder")
      if let holder = lease?.text(0) { json.string(holder) } else { json.null() }
      json.fixedKey("expires_at_ms")
      mark(lease?.integer(1))
      json.endObject()
      json.endObject()
      return json.bytes
    }
  }
}
