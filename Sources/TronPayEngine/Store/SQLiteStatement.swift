import CSQLite
import TronPay

/// A prepared statement: parameters bound by position (1-based, as SQLite counts), rows read by
/// column. Text is always copied in (`SQLITE_TRANSIENT`), so no Swift storage is borrowed past a
/// call.
final class SQLiteStatement {
  private var raw: OpaquePointer?
  private unowned let database: SQLiteDatabase

  /// SQLite's "copy the bytes now" destructor, a macro Swift cannot import.
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  init(_ raw: OpaquePointer, database: SQLiteDatabase) {
    self.raw = raw
    self.database = database
  }

  deinit { sqlite3_finalize(raw) }

  @discardableResult
  func bind(_ index: Int32, _ value: String?) throws(TronPayError) -> SQLiteStatement {
    let status: Int32
    if let value {
      status = sqlite3_bind_text(raw, index, value, -1, Self.transient)
    } else {
      status = sqlite3_bind_null(raw, index)
    }
    guard status == SQLITE_OK else { throw database.failure(status, "binding") }
    return self
  }

  @discardableResult
  func bind(_ index: Int32, _ value: Int64?) throws(TronPayError) -> SQLiteStatement {
    let status: Int32
    if let value {
      status = sqlite3_bind_int64(raw, index, value)
    } else {
      status = sqlite3_bind_null(raw, index)
    }
    guard status == SQLITE_OK else { throw database.failure(status, "binding") }
    return self
  }

  @discardableResult
  func bind(_ index: Int32, _ value: StoreValue) throws(TronPayError) -> SQLiteStatement {
    switch value {
    case .null: return try bind(index, nil as String?)
    case .integer(let number): return try bind(index, number)
    case .text(let text): return try bind(index, text)
    }
  }

  /// Makes the statement ready to run again, its bindings cleared.
  func reset() {
    sqlite3_reset(raw)
    sqlite3_clear_bindings(raw)
  }

  /// The current row's columns.
  func row() -> StoreRow {
    let count = sqlite3_column_count(raw)
    var values: [StoreValue] = []
    values.reserveCapacity(Int(count))
    for column in 0..<count {
      switch sqlite3_column_type(raw, column) {
      case SQLITE_NULL: values.append(.null)
      case SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(raw, column)))
      default: values.append(.init(text(column)))
      }
    }
    return StoreRow(values: values)
  }

  /// Moves to the next row: true when there is one, false when the statement is done.
  func step() throws(TronPayError) -> Bool {
    let status = sqlite3_step(raw)
    switch status {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default: throw database.failure(status, "stepping")
    }
  }

  /// Runs a statement that returns no rows.
  func run() throws(TronPayError) {
    while try step() {}
  }

  func text(_ column: Int32) -> String? {
    guard let bytes = sqlite3_column_text(raw, column) else { return nil }
    return String(cString: bytes)
  }

  func int64(_ column: Int32) -> Int64? {
    guard sqlite3_column_type(raw, column) != SQLITE_NULL else { return nil }
    return sqlite3_column_int64(raw, column)
  }
}
