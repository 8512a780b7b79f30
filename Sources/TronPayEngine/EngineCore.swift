import TronPay

/// The engine's working parts behind the public handle: the validated config and the store.
/// Each operation lives in an extension of its own folder (Invoices/, Ledger/, Outbox/, …).
final class EngineCore {
  let config: EngineConfig
  let store: any Store
  /// The planner's memory (Sync/): requests in flight and blocks fetched ahead.
  let sync = SyncState()

  init(config: EngineConfig, store: any Store) {
    self.config = config
    self.store = store
  }

  /// Opens the store the config names, migrates it and checks that it belongs to this
  /// network and these wallets (a store never mixes them).
  static func open(_ config: EngineConfig, nowMs: Int64) throws(TronPayError) -> EngineCore {
    let store: any Store
    switch config.store {
    case .sqliteFile(let path):
      store = try SQLiteStore(path: path, busyTimeoutMs: Int32(clamping: config.busyTimeoutMs))
    case .sqliteMemory:
      store = try SQLiteStore(
        path: ":memory:", busyTimeoutMs: Int32(clamping: config.busyTimeoutMs))
    case .postgresql(let url):
      // libpq is loaded here, on the first postgresql:// store, never for SQLite.
      store = try PostgreSQLStore(url: url, busyTimeoutMs: config.busyTimeoutMs)
    }
    let core = EngineCore(config: config, store: store)
    do {
      try core.recordIdentity(nowMs: nowMs)
    } catch {
      store.close()
      throw error
    }
    return core
  }

  /// Writes the network, the token pins, the wallets and the webhook endpoints on first open;
  /// later opens must agree on the network and on each pin and wallet they name.
  private func recordIdentity(nowMs: Int64) throws(TronPayError) {
    try store.write { () throws(TronPayError) in
      try agree("network", config.network)
      for token in config.tokens {
        try agree("token:\(token.symbol)", "\(token.contract.base58)/\(token.decimals)")
      }
      for wallet in config.wallets {
        if let row = try store.first("SELECT xpub FROM wallets WHERE id = ?", [.text(wallet.id)]) {
          guard row.text(0) == wallet.xpubText else {
            throw TronPayError(
              .conflict, "config.wallets: wallet \"\(wallet.id)\" has another xpub in this store")
          }
        } else {
          try store.run(
            "INSERT INTO wallets (id, xpub, next_index) VALUES (?, ?, 0)",
            [.text(wallet.id), .text(wallet.xpubText)])
        }
      }
      for hook in config.webhooks {
        try store.run(
          "INSERT INTO webhooks (id, url, scheme, events, enabled) VALUES (?, ?, ?, ?, 1) "
            + "ON CONFLICT (id) DO UPDATE SET url = excluded.url, scheme = excluded.scheme, "
            + "events = excluded.events",
          [
            .text(hook.id), .text(hook.url), .text(hook.scheme),
            .text(hook.events.joined(separator: " ")),
          ])
      }
    }
  }

  private func agree(_ key: String, _ value: String) throws(TronPayError) {
    if let row = try store.first("SELECT value FROM meta WHERE key = ?", [.text(key)]) {
      guard row.text(0) == value else {
        throw TronPayError(
          .conflict, "config: this store was created with another \(key) (\(row.text(0) ?? "?"))")
      }
    } else {
      try store.run("INSERT INTO meta (key, value) VALUES (?, ?)", [.text(key), .text(value)])
    }
  }
}
