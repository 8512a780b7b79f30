import Glibc
import TronPay

/// One libpq connection. Statements are prepared once per connection (named `tp1`, `tp2`, …)
/// and run with text parameters whose types the server infers from the statement, as SQLite's
/// dynamic typing lets the engine bind `.integer` and `.text` by the column they meet.
///
/// A lost connection (the server restarted, the backend was terminated, the network dropped)
/// is forgotten at once: the server has rolled back whatever transaction was open, and the next
/// transaction connects again. Used by one thread at a time (the engine serialises a handle).
final class PostgreSQLConnection {
  private let pq: LibPQ
  private let url: String
  private let lockTimeoutMs: Int64
  private var handle: OpaquePointer?
  private var prepared: [String: String] = [:]
  /// Requests sent to the server, each a network round trip: the store's cost model.
  private(set) var roundTrips = 0
  /// The SQLSTATE of the last failure ("" when none had one).
  private(set) var lastSQLState = ""

  init(url: String, lockTimeoutMs: Int64) throws(TronPayError) {
    pq = try LibPQ.loaded()
    self.url = url
    self.lockTimeoutMs = lockTimeoutMs
    try connect()
  }

  deinit { close() }

  var isOpen: Bool { handle != nil }

  /// The server process of this connection (`pg_stat_activity.pid`), 0 when closed.
  var backendPID: Int32 { handle.map { pq.backendPID($0) } ?? 0 }

  /// True when the server holds an open transaction for this connection, failed or not.
  var inTransaction: Bool {
    guard let handle else { return false }
    return pq.transactionStatus(handle) != LibPQ.transactionIdle
  }

  /// True when the open transaction already failed: COMMIT would silently roll it back.
  var transactionFailed: Bool {
    guard let handle else { return false }
    return pq.transactionStatus(handle) == 3  // PQTRANS_INERROR
  }

  func connect() throws(TronPayError) {
    close()
    roundTrips &+= 1
    let connection = pq.connectdb(url)
    guard let connection, pq.status(connection) == LibPQ.connectionOK else {
      // libpq's message never repeats the password of the URL; the URL itself is not quoted.
      let message = connection.map { LibPQ.text(pq.errorMessage($0)) } ?? "out of memory"
      pq.finish(connection)
      throw TronPayError(.store, "store: cannot connect to PostgreSQL: \(Self.trimmed(message))")
    }
    // Notices ("relation already exists, skipping") would go to the host's stderr.
    _ = pq.setNoticeProcessor(connection, { _, _ in }, nil)
    handle = connection
    // UTF-8 whatever the server's default; the busy timeout as lock_timeout, so a writer that
    // waits longer than the config allows fails with 55P03, which is TRONPAY_E_BUSY. A host
    // that freezes inside a transaction (the engine never waits on anything but the store
    // there) would hold every host's writer lock: the server ends such a session after a
    // minute, which rolls its transaction back.
    try execute(
      "SET client_encoding = 'UTF8'; SET lock_timeout = \(max(lockTimeoutMs, 1)); "
        + "SET standard_conforming_strings = on; SET application_name = 'tronpay'; "
        + "SET idle_in_transaction_session_timeout = 60000")
  }

  func close() {
    guard let handle else { return }
    pq.finish(handle)
    self.handle = nil
    prepared.removeAll()
  }

  /// Runs statements without parameters or rows (simple protocol: several statements, one
  /// round trip).
  func execute(_ sql: String) throws(TronPayError) {
    let handle = try open()
    roundTrips &+= 1
    let result = pq.exec(handle, sql)
    defer { pq.clear(result) }
    try check(result, "executing")
  }

  /// Runs one statement with `?` parameters: its rows and the number of rows it changed.
  func run(_ sql: String, _ parameters: [StoreValue]) throws(TronPayError) -> (
    rows: [StoreRow], changes: Int
  ) {
    let handle = try open()
    let name = try statement(sql, handle)
    var copies: [UnsafeMutablePointer<CChar>?] = []
    copies.reserveCapacity(parameters.count)
    defer { for copy in copies { free(copy) } }
    for value in parameters {
      let text: String
      switch value {
      case .null:
        copies.append(nil)
        continue
      case .integer(let number): text = String(number)
      case .text(let string): text = string
      }
      guard let copy = strdup(text) else { throw TronPayError(.store, "store: out of memory") }
      copies.append(copy)
    }
    guard let count = Int32(exactly: copies.count) else {
      throw TronPayError(.store, "store: too many parameters")
    }
    let values = copies.map { $0.map { UnsafePointer($0) } }
    roundTrips &+= 1
    let result = values.withUnsafeBufferPointer {
      pq.execPrepared(handle, name, count, $0.baseAddress, nil, nil, 0)
    }
    defer { pq.clear(result) }
    try check(result, "running")
    return (try rows(result), Int(LibPQ.text(pq.cmdTuples(result))) ?? 0)
  }

  /// The prepared statement's name, preparing it on first use on this connection. Prepared
  /// statements belong to the session, not the transaction: a rollback keeps them.
  private func statement(_ sql: String, _ handle: OpaquePointer) throws(TronPayError) -> String {
    if let name = prepared[sql] { return name }
    let name = "tp\(prepared.count &+ 1)"
    roundTrips &+= 1
    let result = pq.prepare(handle, name, Self.numbered(sql), 0, nil)
    defer { pq.clear(result) }
    try check(result, "preparing")
    prepared[sql] = name
    return name
  }

  /// Columns come back as text; integer-typed columns (int2/int4/int8/oid, and booleans as
  /// 0/1) become `.integer`, as SQLite answers for INTEGER columns, everything else `.text`.
  private func rows(_ result: OpaquePointer?) throws(TronPayError) -> [StoreRow] {
    let rowCount = pq.ntuples(result)
    let columnCount = pq.nfields(result)
    guard rowCount > 0 else { return [] }
    var integerColumns: [Bool] = []
    for column in 0..<columnCount {
      let type = pq.ftype(result, column)
      integerColumns.append(type == 20 || type == 21 || type == 23 || type == 26 || type == 16)
    }
    var rows: [StoreRow] = []
    rows.reserveCapacity(Int(rowCount))
    for row in 0..<rowCount {
      var values: [StoreValue] = []
      values.reserveCapacity(Int(columnCount))
      for column in 0..<columnCount {
        if pq.getisnull(result, row, column) != 0 {
          values.append(.null)
          continue
        }
        let text = LibPQ.text(pq.getvalue(result, row, column))
        if integerColumns[Int(column)] {
          if text == "t" || text == "f" {
            values.append(.integer(text == "t" ? 1 : 0))
          } else if let number = Int64(text) {
            values.append(.integer(number))
          } else {
            throw TronPayError(.store, "store: an integer column holds \"\(text)\"")
          }
        } else {
          values.append(.text(text))
        }
      }
      rows.append(StoreRow(values: values))
    }
    return rows
  }

  private func open() throws(TronPayError) -> OpaquePointer {
    guard let handle else { throw Self.lost("the connection is closed") }
    return handle
  }

  /// Maps a failed result to the engine's errors (ENGINE.md, "Store"): a lock or
  /// serialization wait is `TRONPAY_E_BUSY` (retry), a constraint `TRONPAY_E_CONFLICT`, a lost
  /// connection or anything else `TRONPAY_E_STORE`.
  private func check(_ result: OpaquePointer?, _ doing: String) throws(TronPayError) {
    let status = result.map { pq.resultStatus($0) } ?? -1
    if status == LibPQ.commandOK || status == LibPQ.tuplesOK {
      lastSQLState = ""
      return
    }
    let state = result.map { LibPQ.text(pq.resultErrorField($0, LibPQ.diagSQLState)) } ?? ""
    lastSQLState = state
    var message = result.map { LibPQ.text(pq.resultErrorMessage($0)) } ?? ""
    if message.isEmpty, let handle { message = LibPQ.text(pq.errorMessage(handle)) }
    message = Self.trimmed(message)
    let dropped = handle.map { pq.status($0) != LibPQ.connectionOK } ?? true
    if dropped || state.hasPrefix("08") || state == "57P01" || state == "57P02"
      || state == "57P03"
    {
      close()
      throw Self.lost(message)
    }
    switch state {
    case "40001", "40P01":
      throw TronPayError(.busy, "store: \(message) (SQLSTATE \(state)); retry")
    case "55P03", "57014":
      throw TronPayError(.busy, "store: locked by another connection (\(message)); retry")
    case _ where state.hasPrefix("23"):
      throw TronPayError(.conflict, "store: \(message)")
    default:
      throw TronPayError(.store, "store: \(doing): \(message)")
    }
  }

  static func lost(_ message: String) -> TronPayError {
    TronPayError(
      .store,
      "store: the connection to PostgreSQL was lost (\(message)); the open transaction was rolled "
        + "back by the server, nothing of it applied; the next call reconnects")
  }

  private static func trimmed(_ message: String) -> String {
    var text = Substring(message)
    while let last = text.last, last == "\n" || last == " " { text = text.dropLast() }
    return text.split(separator: "\n").joined(separator: "; ")
  }

  /// `?` placeholders as PostgreSQL's `$1, $2, …`, leaving quoted strings, quoted identifiers
  /// and comments alone (the engine's SQL has `'pending'`-style literals).
  static func numbered(_ sql: String) -> String {
    var out = ""
    out.reserveCapacity(sql.utf8.count &+ 16)
    var number = 0
    var quote: Character? = nil
    var comment = false
    var previous: Character = " "
    for character in sql {
      if comment {
        if character == "\n" { comment = false }
      } else if let open = quote {
        if character == open { quote = nil }
      } else if character == "'" || character == "\"" {
        quote = character
      } else if character == "-" && previous == "-" {
        comment = true
      } else if character == "?" {
        number &+= 1
        out += "$\(number)"
        previous = character
        continue
      }
      out.append(character)
      previous = character
    }
    return out
  }
}
