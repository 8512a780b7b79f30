import CSQLite
import TronPay

/// One SQLite connection, set up as ENGINE.md's Store section says: WAL (readers never block
/// the writer; every process on one host), `synchronous=FULL` (a commit survives power loss,
/// so no ledger row can vanish after its webhook went out), foreign keys on, a busy timeout
/// after which a locked store is `TRONPAY_E_BUSY`, and every write transaction `BEGIN
/// IMMEDIATE` (a deferred transaction that reads and then writes fails at once, without
/// waiting, when another connection wrote meanwhile).
///
/// A connection is used by one thread at a time: the engine serialises calls on a handle.
final class SQLiteDatabase {
  private(set) var handle: OpaquePointer?
  let path: String

  static let defaultBusyTimeoutMs: Int32 = 5_000

  init(path: String, busyTimeoutMs: Int32 = defaultBusyTimeoutMs) throws(TronPayError) {
    self.path = path
    var db: OpaquePointer? = nil
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
    let status = sqlite3_open_v2(path, &db, flags, nil)
    guard status == SQLITE_OK, let db else {
      let detail = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close_v2(db)
      throw TronPayError(.store, "store: cannot open \(path): \(detail)")
    }
    handle = db
    sqlite3_extended_result_codes(db, 1)
    sqlite3_busy_timeout(db, busyTimeoutMs)
    do throws(TronPayError) {
      // journal_mode answers with the mode in force: anything but "wal" (a read-only medium,
      // an in-memory store) is reported, never silently accepted, except for ":memory:".
      let mode = try text("PRAGMA journal_mode=WAL")
      if mode != "wal" && path != ":memory:" {
        throw TronPayError(.store, "store: \(path) cannot use WAL (journal_mode is \(mode ?? "?"))")
      }
      try execute("PRAGMA synchronous=FULL")
      try execute("PRAGMA foreign_keys=ON")
      // 16 MiB of page cache: a block's look-ups touch the invoice and credit indexes, which
      // the default 2 MiB cannot hold once a store has tens of thousands of invoices.
      try execute("PRAGMA cache_size=-16384")
    } catch {
      close()
      throw error
    }
  }

  deinit { close() }

  func close() {
    guard let db = handle else { return }
    sqlite3_close_v2(db)
    handle = nil
  }

  /// Runs statements that return no rows.
  func execute(_ sql: String) throws(TronPayError) {
    guard let db = handle else { throw TronPayError(.store, "store: closed") }
    let status = sqlite3_exec(db, sql, nil, nil, nil)
    guard status == SQLITE_OK else { throw failure(status, "executing") }
  }

  /// The first column of the first row as text, nil for no row or NULL.
  func text(_ sql: String) throws(TronPayError) -> String? {
    let statement = try prepare(sql)
    guard try statement.step() else { return nil }
    return statement.text(0)
  }

  func prepare(_ sql: String) throws(TronPayError) -> SQLiteStatement {
    guard let db = handle else { throw TronPayError(.store, "store: closed") }
    var raw: OpaquePointer? = nil
    let status = sqlite3_prepare_v2(db, sql, -1, &raw, nil)
    guard status == SQLITE_OK, let raw else { throw failure(status, "preparing") }
    return SQLiteStatement(raw, database: self)
  }

  /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`): committed when it returns,
  /// rolled back when it throws, so an input is applied whole or not at all.
  func writeTransaction<R>(_ body: () throws(TronPayError) -> R) throws(TronPayError) -> R {
    try transaction("BEGIN IMMEDIATE", body)
  }

  /// Runs `body` in one read transaction: every read sees one snapshot.
  func readTransaction<R>(_ body: () throws(TronPayError) -> R) throws(TronPayError) -> R {
    try transaction("BEGIN", body)
  }

  private func transaction<R>(_ begin: String, _ body: () throws(TronPayError) -> R)
    throws(TronPayError) -> R
  {
    try execute(begin)
    do throws(TronPayError) {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  /// Rows the last statement changed.
  var changes: Int { handle.map { Int(sqlite3_changes($0)) } ?? 0 }

  /// The error for a status: busy and locked are `TRONPAY_E_BUSY` (retry), a uniqueness rule
  /// broken is `TRONPAY_E_CONFLICT`, everything else `TRONPAY_E_STORE`.
  func failure(_ status: Int32, _ doing: String) -> TronPayError {
    let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "closed"
    switch status & 0xff {
    case SQLITE_BUSY, SQLITE_LOCKED:
      return TronPayError(.busy, "store: locked by another connection (\(message)); retry")
    case SQLITE_CONSTRAINT:
      return TronPayError(.conflict, "store: \(message)")
    default:
      return TronPayError(.store, "store: \(doing): \(message)")
    }
  }
}
