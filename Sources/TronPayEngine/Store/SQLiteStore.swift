import CSQLite
import TronPay

/// The SQLite store (ENGINE.md, "Store"): one connection per engine handle, set up by
/// `SQLiteDatabase` (WAL, `synchronous=FULL`, foreign keys, busy timeout, `BEGIN IMMEDIATE`).
/// Statements are prepared once per connection and reused.
final class SQLiteStore: Store {
  let kind = "sqlite"
  private(set) var schemaVersion: Int64 = 0
  private var database: SQLiteDatabase?
  private var statements: [String: SQLiteStatement] = [:]

  init(path: String, busyTimeoutMs: Int32) throws(TronPayError) {
    let database = try SQLiteDatabase(path: path, busyTimeoutMs: busyTimeoutMs)
    self.database = database
    schemaVersion = try SQLiteSchema.migrate(database)
  }

  private func open() throws(TronPayError) -> SQLiteDatabase {
    guard let database else { throw TronPayError(.state, "engine: the store is closed") }
    return database
  }

  func write<R>(_ body: () throws(TronPayError) -> R) throws(TronPayError) -> R {
    try open().writeTransaction(body)
  }

  func read<R>(_ body: () throws(TronPayError) -> R) throws(TronPayError) -> R {
    try open().readTransaction(body)
  }

  func query(_ sql: String, _ parameters: [StoreValue]) throws(TronPayError) -> [StoreRow] {
    let statement = try prepared(sql, parameters)
    defer { statement.reset() }
    var rows: [StoreRow] = []
    while try statement.step() { rows.append(statement.row()) }
    return rows
  }

  @discardableResult
  func run(_ sql: String, _ parameters: [StoreValue]) throws(TronPayError) -> Int {
    let statement = try prepared(sql, parameters)
    defer { statement.reset() }
    while try statement.step() {}
    return try open().changes
  }

  func close() {
    statements.removeAll()
    database?.close()
    database = nil
  }

  private func prepared(_ sql: String, _ parameters: [StoreValue]) throws(TronPayError)
    -> SQLiteStatement
  {
    let statement: SQLiteStatement
    if let cached = statements[sql] {
      statement = cached
    } else {
      statement = try open().prepare(sql)
      statements[sql] = statement
    }
    for (position, value) in parameters.enumerated() {
      try statement.bind(Int32(truncatingIfNeeded: position &+ 1), value)
    }
    return statement
  }
}
