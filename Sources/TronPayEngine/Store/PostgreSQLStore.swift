import TronPay

/// The PostgreSQL store (ENGINE.md, "Store"), for shops whose hosts share one database: one
/// libpq connection per engine handle, the schema of `PostgreSQLSchema`, the engine's SQL with
/// `?` numbered as `$n`.
///
/// Isolation. The engine was written for SQLite's one writer at a time (`BEGIN IMMEDIATE`): it
/// numbers invoices max(seq) + 1, hands out `wallets.next_index`, claims outbox deliveries and
/// appends events whose `seq` readers page through, all on the assumption that no other writer
/// commits in between. Every write transaction here therefore starts with
/// `pg_advisory_xact_lock` on one key, the cross-host equivalent of `BEGIN IMMEDIATE`: writers
/// queue (up to the busy timeout, as `lock_timeout`, then `TRONPAY_E_BUSY`), and inside the
/// lock READ COMMITTED sees every earlier commit and nothing concurrent, so every rule holds as
/// it does on SQLite, and events commit in `seq` order (an identity value taken by a later
/// committer could otherwise be skipped by a reader paging with `seq > ?`). SERIALIZABLE
/// without the lock would turn each such race into an aborted transaction re-run from the
/// start (a whole block), and would still let event `seq` commit out of order. Read
/// transactions are REPEATABLE READ READ ONLY: one snapshot, no lock, never blocked by the
/// writer. SQLSTATE 40001/40P01, which this scheme should not meet, are still retried, by
/// rolling back and re-running the body up to `maxAttempts` times (bodies only touch the
/// store and their own locals, so a re-run is a clean re-run).
///
/// Round trips: a write transaction is 1 (BEGIN + lock, one simple-protocol message) + one per
/// statement + 1 (COMMIT); a read transaction the same without the lock. A statement's first
/// use on a connection adds one (PQprepare).
final class PostgreSQLStore: Store {
  let kind = "postgresql"
  private(set) var schemaVersion: Int64 = 0
  private var connection: PostgreSQLConnection?
  private var depth = 0

  /// Runs of a body that meets 40001/40P01 before the error is returned (as TRONPAY_E_BUSY).
  static let maxAttempts = 4
  /// The writer lock's key, "tronpay\0" read as a big-endian integer. Advisory locks are per
  /// database, so each database holds one store.
  static let writerLock: Int64 = 0x7472_6f6e_7061_7900

  init(url: String, busyTimeoutMs: Int64) throws(TronPayError) {
    let connection = try PostgreSQLConnection(url: url, lockTimeoutMs: busyTimeoutMs)
    self.connection = connection
    do {
      schemaVersion = try PostgreSQLSchema.migrate(self)
    } catch {
      close()
      throw error
    }
  }

  /// Requests sent on this handle so far (tests and the bench count them per operation).
  var roundTrips: Int { connection?.roundTrips ?? 0 }
  /// The server process serving this handle, 0 when disconnected.
  var backendPID: Int32 { connection?.backendPID ?? 0 }

  /// The connection, reconnected when an earlier one was lost, but never in the middle of a
  /// transaction: a new session would commit the rest of a transaction whose start the server
  /// already rolled back.
  private func connected() throws(TronPayError) -> PostgreSQLConnection {
    guard let connection else { throw TronPayError(.state, "engine: the store is closed") }
    if connection.isOpen { return connection }
    guard depth == 0 else { throw PostgreSQLConnection.lost("earlier in this transaction") }
    try connection.connect()
    return connection
  }

  func write<R>(_ body: () throws(TronPayError) -> R) throws(TronPayError) -> R {
    try transaction(
      "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(\(Self.writerLock))",
      body)
  }

  func read<R>(_ body: () throws(TronPayError) -> R) throws(TronPayError) -> R {
    try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
  }

  private func transaction<R>(_ begin: String, _ body: () throws(TronPayError) -> R)
    throws(TronPayError) -> R
  {
    // A transaction inside a transaction is part of it (SQLite would refuse a nested BEGIN).
    if depth > 0 { return try body() }
    var attempt = 1
    while true {
      let connection = try connected()
      depth = 1
      var committing = false
      do throws(TronPayError) {
        do throws(TronPayError) {
          try connection.execute(begin)
        } catch {
          // A connection that died while idle (server restart, idle timeout, a terminated
          // backend) is only noticed now; nothing of this transaction was sent, so one fresh
          // connection may start it.
          guard !connection.isOpen else { throw error }
          try connection.connect()
          try connection.execute(begin)
        }
        let result = try body()
        // COMMIT of a failed transaction answers ROLLBACK without an error: refuse instead.
        guard !connection.transactionFailed else {
          throw TronPayError(.store, "store: a statement of this transaction failed")
        }
        committing = true
        try connection.execute("COMMIT")
        depth = 0
        return result
      } catch {
        depth = 0
        let state = connection.lastSQLState
        if connection.inTransaction { try? connection.execute("ROLLBACK") }
        if committing && !connection.isOpen {
          throw TronPayError(
            .store,
            "store: the connection to PostgreSQL was lost while committing, so this input may or "
              + "may not have been applied (it was applied whole or not at all); inputs are "
              + "idempotent: retry it")
        }
        if (state == "40001" || state == "40P01") && attempt < Self.maxAttempts {
          attempt &+= 1
          continue
        }
        throw error
      }
    }
  }

  func query(_ sql: String, _ parameters: [StoreValue]) throws(TronPayError) -> [StoreRow] {
    try connected().run(sql, parameters).rows
  }

  @discardableResult
  func run(_ sql: String, _ parameters: [StoreValue]) throws(TronPayError) -> Int {
    try connected().run(sql, parameters).changes
  }

  /// Runs statements without parameters (migrations): one round trip.
  func execute(_ sql: String) throws(TronPayError) {
    try connected().execute(sql)
  }

  func close() {
    connection?.close()
    connection = nil
  }
}
