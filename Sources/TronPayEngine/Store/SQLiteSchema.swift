import TronPay

/// The store's tables, as forward migrations from the first release on: migration k takes the
/// schema from version k to k + 1. Every uniqueness rule of the engine lives here, not in code
/// (ENGINE.md, "Store"): credit identity, order id, deposit address, derivation index, refund
/// id, event id. Amounts are decimal text: SQLite has no 256-bit integer, and arithmetic stays in
/// the library.
enum SQLiteSchema {
  static let migrations: [String] = [
    // 1: the engine's first schema. Amounts are decimal text of base units; times are Unix ms.
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
    CREATE TABLE wallets (
      id TEXT PRIMARY KEY, xpub TEXT NOT NULL UNIQUE, next_index INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE TABLE invoices (
      id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, order_id TEXT NOT NULL UNIQUE,
      terms TEXT NOT NULL, token TEXT NOT NULL, token_contract TEXT, decimals INTEGER NOT NULL,
      address TEXT NOT NULL, wallet TEXT REFERENCES wallets(id), derivation_index INTEGER,
      amount_due TEXT NOT NULL, tolerance_bps INTEGER NOT NULL, state TEXT NOT NULL,
      created_at_ms INTEGER NOT NULL, expires_at_ms INTEGER NOT NULL,
      monitor_until_ms INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL, metadata TEXT,
      UNIQUE (wallet, derivation_index)
    ) STRICT;
    CREATE UNIQUE INDEX invoices_derived_address ON invoices(address)
      WHERE derivation_index IS NOT NULL;
    CREATE INDEX invoices_watch ON invoices(address, monitor_until_ms);
    CREATE INDEX invoices_updated ON invoices(updated_at_ms);
    CREATE INDEX invoices_expiry ON invoices(state, expires_at_ms);
    CREATE INDEX invoices_monitored ON invoices(monitor_until_ms);
    CREATE TABLE credits (
      txid TEXT NOT NULL, token TEXT NOT NULL, from_address TEXT NOT NULL,
      to_address TEXT NOT NULL, amount TEXT NOT NULL, ordinal INTEGER NOT NULL,
      invoice_id TEXT REFERENCES invoices(id), block INTEGER, block_id TEXT,
      timestamp_ms INTEGER, log_index INTEGER, final INTEGER NOT NULL,
      late INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL, source TEXT NOT NULL,
      reason TEXT, seen_at_ms INTEGER NOT NULL,
      PRIMARY KEY (txid, token, from_address, to_address, amount, ordinal)
    ) STRICT;
    CREATE INDEX credits_invoice ON credits(invoice_id);
    CREATE INDEX credits_block ON credits(block);
    CREATE INDEX credits_unfinal ON credits(block) WHERE final = 0 AND status = 'credited';
    CREATE TABLE transactions (
      txid TEXT PRIMARY KEY, block INTEGER, outcome TEXT NOT NULL, detail TEXT,
      seen_at_ms INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE blocks (
      number INTEGER PRIMARY KEY, block_id TEXT NOT NULL UNIQUE, parent_id TEXT NOT NULL,
      timestamp_ms INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE chain (name TEXT PRIMARY KEY, number INTEGER, block_id TEXT) STRICT;
    CREATE TABLE events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL,
      invoice_id TEXT, created_at_ms INTEGER NOT NULL, data TEXT NOT NULL
    ) STRICT;
    CREATE TABLE webhooks (
      id TEXT PRIMARY KEY, url TEXT NOT NULL, scheme TEXT NOT NULL, events TEXT NOT NULL,
      enabled INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE deliveries (
      id TEXT PRIMARY KEY, event_id TEXT NOT NULL REFERENCES events(id),
      webhook TEXT NOT NULL REFERENCES webhooks(id), attempt INTEGER NOT NULL,
      next_at_ms INTEGER NOT NULL, state TEXT NOT NULL, last_status INTEGER, last_error TEXT,
      updated_at_ms INTEGER NOT NULL,
      UNIQUE (event_id, webhook, attempt)
    ) STRICT;
    CREATE INDEX deliveries_due ON deliveries(state, next_at_ms);
    CREATE TABLE audit (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, at_ms INTEGER NOT NULL, actor TEXT NOT NULL,
      action TEXT NOT NULL, invoice_id TEXT, reason TEXT, before TEXT, after TEXT
    ) STRICT;
    CREATE TABLE refunds (
      id TEXT PRIMARY KEY, invoice_id TEXT NOT NULL REFERENCES invoices(id),
      terms TEXT NOT NULL, state TEXT NOT NULL, txid TEXT NOT NULL UNIQUE,
      raw_data_hex TEXT NOT NULL, from_address TEXT NOT NULL, to_address TEXT NOT NULL,
      token TEXT NOT NULL, amount TEXT NOT NULL, signatures TEXT, confirmed_block INTEGER,
      created_at_ms INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE leases (
      name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at_ms INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE lookups (txid TEXT PRIMARY KEY, requested_at_ms INTEGER NOT NULL) STRICT;
    CREATE TABLE providers (
      id TEXT PRIMARY KEY, state TEXT NOT NULL, failures INTEGER NOT NULL,
      retry_at_ms INTEGER, last_error TEXT, updated_at_ms INTEGER NOT NULL
    ) STRICT;
    """
  ]

  /// The version this library writes.
  static var current: Int64 { Int64(migrations.count) }

  /// Brings the store to `current` under the write lock, so two processes opening one new file
  /// migrate it once. A store newer than this library is refused: its tables may mean more
  /// than this code knows.
  static func migrate(_ db: SQLiteDatabase) throws(TronPayError) -> Int64 {
    try db.writeTransaction { () throws(TronPayError) -> Int64 in
      try db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
      let found = try db.prepare("SELECT version FROM schema_version")
      var version: Int64 = 0
      if try found.step() { version = found.int64(0) ?? 0 }
      guard version <= current else {
        throw TronPayError(
          .store,
          "store: schema version \(version) is newer than this library's \(current); upgrade "
            + "libtronpay")
      }
      if version == current { return version }
      for step in Int(version)..<Int(current) { try db.execute(migrations[step]) }
      if version == 0 {
        try db.prepare("INSERT INTO schema_version (version) VALUES (?)").bind(1, current).run()
      } else {
        try db.prepare("UPDATE schema_version SET version = ?").bind(1, current).run()
      }
      return current
    }
  }
}
