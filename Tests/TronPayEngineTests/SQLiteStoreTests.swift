import Foundation
import Testing

@testable import TronPay
@testable import TronPayEngine

/// The SQLite store's foundation on real files: durability settings, migrations, locking, and
/// damaged files.
@Suite struct SQLiteStoreTests {
  static func temporaryPath(_ name: String) -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("tronpay-store-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name).path
  }

  @Test func aNewStoreIsDurableAndMigrated() throws {
    let path = Self.temporaryPath("new.db")
    let db = try SQLiteDatabase(path: path)
    #expect(try db.text("PRAGMA journal_mode") == "wal")
    #expect(try db.text("PRAGMA synchronous") == "2")  // FULL
    #expect(try db.text("PRAGMA foreign_keys") == "1")
    #expect(try SQLiteSchema.migrate(db) == SQLiteSchema.current)
    // Migrating again changes nothing.
    #expect(try SQLiteSchema.migrate(db) == SQLiteSchema.current)
    #expect(try db.text("SELECT count(*) FROM schema_version") == "1")
    let tables = try db.text(
      "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' "
        + "AND name NOT LIKE 'sqlite_%' ORDER BY name)")
    #expect(
      tables
        == "audit,blocks,chain,credits,deliveries,events,invoices,leases,lookups,meta,providers,"
        + "refunds,schema_version,transactions,wallets,webhooks")
  }

  @Test func aNewerSchemaIsRefused() throws {
    let path = Self.temporaryPath("newer.db")
    let db = try SQLiteDatabase(path: path)
    _ = try SQLiteSchema.migrate(db)
    try db.execute("UPDATE schema_version SET version = 99")
    #expect(throws: TronPayError.self) { try SQLiteSchema.migrate(db) }
    do {
      _ = try SQLiteSchema.migrate(db)
    } catch {
      #expect(error.kind == .store)
      #expect(error.detail.contains("newer"))
    }
  }

  @Test func theCreditIdentityIsUniqueInTheStore() throws {
    let db = try SQLiteDatabase(path: Self.temporaryPath("unique.db"))
    _ = try SQLiteSchema.migrate(db)
    let insert =
      "INSERT INTO credits (txid, token, from_address, to_address, amount, ordinal, final, "
      + "status, source, seen_at_ms) VALUES ('ab', 'USDT', 'TA', 'TB', '5', 0, 0, 'detected', 'log', 1)"
    try db.execute(insert)
    #expect(throws: TronPayError.self) { try db.execute(insert) }
    do { try db.execute(insert) } catch { #expect(error.kind == .conflict) }
    try db.execute(
      "INSERT INTO credits (txid, token, from_address, to_address, amount, ordinal, final, "
        + "status, source, seen_at_ms) VALUES ('ab', 'USDT', 'TA', 'TB', '5', 1, 0, 'detected', 'log', 1)"
    )
    #expect(try db.text("SELECT count(*) FROM credits") == "2")
  }

  @Test func aWriterHeldElsewhereIsBusyAfterTheTimeout() throws {
    let path = Self.temporaryPath("busy.db")
    let first = try SQLiteDatabase(path: path)
    _ = try SQLiteSchema.migrate(first)
    let second = try SQLiteDatabase(path: path, busyTimeoutMs: 50)
    try first.execute("BEGIN IMMEDIATE")
    do {
      try second.writeTransaction { () throws(TronPayError) in
        try second.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
      }
      Issue.record("a second writer got in")
    } catch {
      #expect(error.kind == .busy)
    }
    try first.execute("ROLLBACK")
    // Released: the same write now goes through, and nothing of the failed one was kept.
    try second.writeTransaction { () throws(TronPayError) in
      try second.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
    }
    #expect(try first.text("SELECT count(*) FROM meta") == "1")
  }

  @Test func aFailedTransactionLeavesNothing() throws {
    let db = try SQLiteDatabase(path: Self.temporaryPath("rollback.db"))
    _ = try SQLiteSchema.migrate(db)
    do {
      try db.writeTransaction { () throws(TronPayError) in
        try db.execute("INSERT INTO meta (key, value) VALUES ('a', '1')")
        try db.execute("INSERT INTO meta (key, value) VALUES ('a', '2')")
      }
    } catch {
      #expect(error.kind == .conflict)
    }
    #expect(try db.text("SELECT count(*) FROM meta") == "0")
  }

  @Test func aCorruptOrTruncatedFileIsAStoreError() throws {
    let path = Self.temporaryPath("corrupt.db")
    let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
    try garbage.write(to: URL(fileURLWithPath: path))
    var failed: TronPayError? = nil
    do {
      let db = try SQLiteDatabase(path: path)
      _ = try SQLiteSchema.migrate(db)
    } catch {
      failed = error
    }
    #expect(failed?.kind == .store)
    // A real store cut short.
    let good = Self.temporaryPath("truncated.db")
    do {
      let db = try SQLiteDatabase(path: good)
      _ = try SQLiteSchema.migrate(db)
      for k in 0..<200 {
        try db.execute("INSERT INTO meta (key, value) VALUES ('k\(k)', '\(k)')")
      }
      try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
    try bytes.prefix(bytes.count / 2 + 100).write(to: URL(fileURLWithPath: good))
    var cut: TronPayError? = nil
    do throws(TronPayError) {
      let db = try SQLiteDatabase(path: good)
      _ = try SQLiteSchema.migrate(db)
      _ = try db.text("SELECT count(*) FROM meta")
      _ = try db.text("PRAGMA integrity_check")
      if try db.text("PRAGMA integrity_check") != "ok" {
        throw TronPayError(.store, "integrity")
      }
    } catch {
      cut = error
    }
    #expect(cut?.kind == .store)
  }
}
