import Foundation
import TronPay

@testable import TronPayEngine

/// The one switch that runs the engine's whole suite on PostgreSQL: `TRONPAY_TEST_PG_URL`
/// (set by `scripts/with-postgres`) names a server, and every harness then gets a database of
/// its own on it, so tests running in parallel never see each other's rows or writer lock.
extension EngineHarness {
  static let postgresURL: String? = {
    guard let url = ProcessInfo.processInfo.environment["TRONPAY_TEST_PG_URL"], !url.isEmpty
    else { return nil }
    return url
  }()

  static var usesPostgreSQL: Bool { postgresURL != nil }

  /// The store of a new harness: a fresh PostgreSQL database when a server is given, else the
  /// SQLite file.
  static func storeURL(name: String, sqlitePath: String) throws -> String {
    guard let base = postgresURL else { return "sqlite:" + sqlitePath }
    return try PostgreSQLTestServer.createDatabase(base, prefix: name)
  }
}

enum PostgreSQLTestServer {
  /// A connection for the test's own statements (creating databases, killing backends).
  static func connect(_ url: String) throws -> PostgreSQLConnection {
    try PostgreSQLConnection(url: url, lockTimeoutMs: 10_000)
  }

  /// The server URL with another database: libpq lets a query parameter override the path.
  static func url(_ base: String, database: String) -> String {
    base + (base.contains("?") ? "&" : "?") + "dbname=" + database
  }

  static func createDatabase(_ base: String, prefix: String) throws -> String {
    let safe = prefix.lowercased().unicodeScalars.filter {
      ("a"..."z").contains($0) || ("0"..."9").contains($0)
    }
    let suffix = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
    let name = "tp_\(String(String.UnicodeScalarView(safe.prefix(24))))_\(suffix)"
    let admin = try connect(base)
    defer { admin.close() }
    try admin.execute("CREATE DATABASE \(name)")
    return url(base, database: name)
  }
}
