import TronPay

/// A value bound to or read from a store: the engine keeps integers and text only (amounts
/// are decimal text, arithmetic stays in the library), so one SQL text serves every store.
enum StoreValue: Equatable, Sendable {
  case null
  case integer(Int64)
  case text(String)

  init(_ text: String?) { self = text.map { .text($0) } ?? .null }
  init(_ number: Int64?) { self = number.map { .integer($0) } ?? .null }
  init(_ flag: Bool) { self = .integer(flag ? 1 : 0) }
}

/// One row of a query, read by column position.
struct StoreRow: Sendable {
  var values: [StoreValue]

  func text(_ column: Int) -> String? {
    guard column >= 0, column < values.count, case .text(let text) = values[column] else {
      return nil
    }
    return text
  }

  func integer(_ column: Int) -> Int64? {
    guard column >= 0, column < values.count, case .integer(let number) = values[column] else {
      return nil
    }
    return number
  }

  func flag(_ column: Int) -> Bool { (integer(column) ?? 0) != 0 }

  /// A column the schema declares NOT NULL: its absence means the file was altered.
  func requiredText(_ column: Int) throws(TronPayError) -> String {
    guard let text = text(column) else {
      throw TronPayError(.store, "store: a required text column is missing (altered store?)")
    }
    return text
  }

  func requiredInteger(_ column: Int) throws(TronPayError) -> Int64 {
    guard let number = integer(column) else {
      throw TronPayError(.store, "store: a required number column is missing (altered store?)")
    }
    return number
  }
}

/// What the engine needs of a database: transactions that apply whole or not at all, and
/// parameterised statements (`?` placeholders, standard SQL with `ON CONFLICT` and
/// `RETURNING`, which SQLite and PostgreSQL both speak). Every uniqueness rule is a constraint
/// of the schema, so a broken rule is `TRONPAY_E_CONFLICT` whichever store enforced it.
protocol Store: AnyObject {
  /// "sqlite" or "postgresql", as `tronpay_engine_health` names it.
  var kind: String { get }
  var schemaVersion: Int64 { get }

  /// Runs `body` as one write transaction: committed when it returns, rolled back when it
  /// throws. Writers are serialised by the store's lock.
  func write<R>(_ body: () throws(TronPayError) -> R) throws(TronPayError) -> R
  /// Runs `body` in one read transaction: every query sees one snapshot.
  func read<R>(_ body: () throws(TronPayError) -> R) throws(TronPayError) -> R

  func query(_ sql: String, _ parameters: [StoreValue]) throws(TronPayError) -> [StoreRow]
  /// Runs a statement; answers how many rows it changed.
  @discardableResult
  func run(_ sql: String, _ parameters: [StoreValue]) throws(TronPayError) -> Int

  func close()
}

extension Store {
  func first(_ sql: String, _ parameters: [StoreValue]) throws(TronPayError) -> StoreRow? {
    try query(sql, parameters).first
  }
}
