import Foundation
import Testing
import TronPay

@testable import TronPayEngine

/// A value shared with a thread the test starts and joins before reading it.
private final class Shared<T>: @unchecked Sendable {
  var value: T
  private let lock = NSLock()
  init(_ value: T) { self.value = value }
  func update(_ change: (inout T) -> Void) {
    lock.lock()
    change(&value)
    lock.unlock()
  }
}

private func runThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
  let group = DispatchGroup()
  for index in 0..<count {
    group.enter()
    let thread = Thread {
      body(index)
      group.leave()
    }
    thread.start()
  }
  group.wait()
}

/// What ENGINE.md promises of a store shared by several hosts, checked on the store the suite
/// runs on (several handles in one process stand for several hosts: each has its own
/// connection), and the PostgreSQL store's own behaviour (lost connections, the writer lock,
/// SQLSTATE mapping, schema parity with SQLite), run when TRONPAY_TEST_PG_URL names a server.
@Suite struct EnginePostgreSQLTests {
  @Test func handlesCreatingOverlappingOrdersConcurrentlyGetOneInvoiceEachAndDistinctAddresses()
    throws
  {
    let h = try EngineHarness("concurrent", config: ["busy_timeout_ms": 60_000])
    let config = Array(jsonText(h.config).utf8)
    let now = h.now
    let orders = 24
    let results = Shared<[String: Set<String>]>([:])
    let failures = Shared<[String]>([])
    runThreads(8) { worker in
      do {
        let engine = try config.withUnsafeBytes { try Engine.open(config: $0, nowMs: now) }
        defer { engine.close() }
        for step in 0..<orders {
          let order = "O-\((step &+ worker &* 3) % orders)"
          let request = Array(jsonText(["order_id": order, "amount": "1"]).utf8)
          let answer = try request.withUnsafeBytes { try engine.invoiceCreate($0, nowMs: now) }
          let invoice = jsonObject(answer).invoiceField
          let summary =
            "\(invoice.text("id")) \(invoice.text("address")) "
            + "\(invoice["derivation_index"] as? Int ?? -1)"
          results.update { $0[order, default: []].insert(summary) }
        }
      } catch {
        failures.update { $0.append("\(worker): \(error)") }
      }
    }
    #expect(failures.value == [])
    #expect(results.value.count == orders)
    // Idempotency: every handle that created an order got the same invoice, address and index.
    #expect(results.value.values.allSatisfy { $0.count == 1 })
    let summaries = results.value.values.compactMap { $0.first }.map { $0.split(separator: " ") }
    #expect(Set(summaries.map { $0[0] }).count == orders)
    #expect(Set(summaries.map { $0[1] }).count == orders)
    // The wallet handed out exactly the first `orders` indexes: none lost, none twice.
    #expect(Set(summaries.map { String($0[2]) }) == Set((0..<orders).map { String($0) }))
  }

  @Test func handlesApplyingTheSameBlockConcurrentlyCreditItOnce() throws {
    let h = try EngineHarness("sameblock", config: ["busy_timeout_ms": 60_000])
    let invoice = try h.createInvoice(["order_id": "S-1", "amount": "1"]).invoiceField
    try h.mine()
    let block = h.chain.mine([.usdt(to: invoice.text("address"), amount: "1000000")])
    let config = Array(jsonText(h.config).utf8)
    let now = max(h.now, block.stamp + 2_000)
    let blockBytes = Array(block.blockJSON.utf8)
    let infoBytes = Array(block.infosJSON.utf8)
    let applied = Shared<[Bool]>([])
    let failures = Shared<[String]>([])
    runThreads(6) { _ in
      do {
        let engine = try config.withUnsafeBytes { try Engine.open(config: $0, nowMs: now) }
        defer { engine.close() }
        let answer = try withBytes(blockBytes) { (b) throws(TronPayError) in
          try withBytes(infoBytes) { (i) throws(TronPayError) in
            try engine.chainBlock(b, infos: i, nowMs: now)
          }
        }
        let flag = jsonObject(answer)["applied"] as? Bool ?? false
        applied.update { $0.append(flag) }
      } catch {
        failures.update { $0.append("\(error)") }
      }
    }
    #expect(failures.value == [])
    #expect(applied.value.filter { $0 }.count == 1)
    #expect(applied.value.count == 6)
    let types = try h.eventTypes(for: invoice.text("id"))
    #expect(types.filter { $0 != "invoice.created" }.count == 1, "\(types)")
  }

  @Test(.enabled(if: EngineHarness.usesPostgreSQL))
  func aBackendKilledMidBlockAppliesNothingAndTheRetryAppliesItOnce() throws {
    let h = try EngineHarness("killed", config: ["busy_timeout_ms": 60_000])
    let url = try #require(h.config["store"] as? String)
    let invoice = try h.createInvoice(["order_id": "K-1", "amount": "1"]).invoiceField
    try h.mine()
    let block = h.chain.mine([.usdt(to: invoice.text("address"), amount: "1000000")])
    let eventsBefore = try h.events().count
    let admin = try PostgreSQLTestServer.connect(url)
    defer { admin.close() }
    func count(_ table: String) throws -> Int64 {
      try admin.run("SELECT count(*) FROM \(table)", []).rows.first?.integer(0) ?? -1
    }
    let blocksBefore = try count("blocks")
    // Inserting the block's events waits on this lock, after its credit, the invoice update and
    // the cursor were written in the same transaction.
    try admin.execute("BEGIN; LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE")
    let outcome = Shared<TronPayError?>(nil)
    let engine = h.engine
    let now = max(h.now, block.stamp + 2_000)
    let blockBytes = Array(block.blockJSON.utf8)
    let infoBytes = Array(block.infosJSON.utf8)
    let done = DispatchSemaphore(value: 0)
    let applying = Thread {
      defer { done.signal() }
      do {
        _ = try withBytes(blockBytes) { (b) throws(TronPayError) in
          try withBytes(infoBytes) { (i) throws(TronPayError) in
            try engine.chainBlock(b, infos: i, nowMs: now)
          }
        }
      } catch {
        outcome.update { $0 = error as? TronPayError }
      }
    }
    applying.start()
    var victim: Int64? = nil
    for _ in 0..<2_500 where victim == nil {
      victim = try admin.run(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
          + "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'", []
      ).rows.first?.integer(0)
      if victim == nil { usleep(2_000) }
    }
    let pid = try #require(victim, "the block never waited on the events lock")
    #expect(try count("credits") == 0, "uncommitted rows are invisible to others")
    _ = try admin.run("SELECT pg_terminate_backend(?)", [.integer(pid)])
    try admin.execute("ROLLBACK")
    done.wait()
    #expect(outcome.value?.kind == .store)
    #expect(outcome.value?.detail.contains("lost") == true)
    // Nothing of the block: no credit, no block row, no event, the invoice still new.
    #expect(try count("credits") == 0)
    #expect(try count("blocks") == blocksBefore)
    #expect(try h.events().count == eventsBefore)
    #expect(try h.state(invoice.text("id")) == "new")
    // The next call reconnects; the retry applies the block once, a second retry changes nothing.
    let applied = try h.apply(block)
    #expect(applied["applied"] as? Bool == true)
    #expect(try count("credits") == 1)
    #expect(try h.state(invoice.text("id")) != "new")
    let again = try h.apply(block)
    #expect(again["applied"] as? Bool == false)
    #expect(try count("credits") == 1)
  }

  @Test(.enabled(if: EngineHarness.usesPostgreSQL))
  func aWriterHoldingTheLockMakesOthersBusyAfterTheTimeout() throws {
    let h = try EngineHarness("busy", config: ["busy_timeout_ms": 200])
    let admin = try PostgreSQLTestServer.connect(try #require(h.config["store"] as? String))
    defer { admin.close() }
    try admin.execute("BEGIN; SELECT pg_advisory_xact_lock(\(PostgreSQLStore.writerLock))")
    let error = h.failure { engine throws(TronPayError) in
      _ = try withBytes(Array(#"{"order_id":"B","amount":"1"}"#.utf8)) {
        (bytes) throws(TronPayError) in try engine.invoiceCreate(bytes, nowMs: h.now)
      }
    }
    #expect(error?.kind == .busy)
    // Readers never wait for the writer.
    #expect(throws: Never.self) { try h.events() }
    try admin.execute("ROLLBACK")
    #expect(throws: Never.self) { try h.createInvoice(["order_id": "B", "amount": "1"]) }
  }

  @Test(.enabled(if: EngineHarness.usesPostgreSQL))
  func constraintsAreConflictsAndANewerSchemaIsRefused() throws {
    let h = try EngineHarness("schema")
    let url = try #require(h.config["store"] as? String)
    let store = try PostgreSQLStore(url: url, busyTimeoutMs: 5_000)
    #expect(store.schemaVersion == PostgreSQLSchema.current)
    #expect(PostgreSQLSchema.current == SQLiteSchema.current)
    do {
      try store.write { () throws(TronPayError) in
        try store.run(
          "INSERT INTO meta (key, value) VALUES (?, ?)", [.text("network"), .text("x")])
      }
      Issue.record("a duplicate key was stored")
    } catch {
      #expect(error.kind == .conflict)
    }
    // The failed transaction left the connection usable.
    #expect(try store.first("SELECT value FROM meta WHERE key = ?", [.text("network")]) != nil)
    try store.run("UPDATE schema_version SET version = ?", [.integer(PostgreSQLSchema.current + 1)])
    store.close()
    h.engine.close()
    #expect {
      _ = try EngineHarness.open(h.config, now: h.now)
    } throws: { ($0 as? TronPayError)?.kind == .store }
  }

  /// PostgreSQLSchema is kept in step with SQLiteSchema: the same tables, columns and indexes.
  @Test(.enabled(if: EngineHarness.usesPostgreSQL))
  func theSchemaMatchesSQLites() throws {
    let h = try EngineHarness("parity")
    let pg = try PostgreSQLStore(
      url: try #require(h.config["store"] as? String), busyTimeoutMs: 5_000)
    defer { pg.close() }
    let lite = try SQLiteStore(path: ":memory:", busyTimeoutMs: 5_000)
    defer { lite.close() }
    let liteColumns = Set(
      try lite.query(
        "SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p "
          + "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'", []
      ).compactMap { $0.text(0) })
    let pgColumns = Set(
      try pg.query(
        "SELECT table_name || '.' || column_name FROM information_schema.columns "
          + "WHERE table_schema = current_schema()", []
      ).compactMap { $0.text(0) })
    #expect(liteColumns.count > 50)
    #expect(liteColumns == pgColumns)
    let liteIndexes = Set(
      try lite.query(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL", []
      ).compactMap { $0.text(0) })
    let pgIndexes = Set(
      try pg.query(
        "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
          + "AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key'", []
      ).compactMap { $0.text(0) })
    #expect(liteIndexes == pgIndexes)
    let uniques = try pg.first(
      "SELECT count(*) FROM pg_constraint WHERE contype = 'u' "
        + "AND connamespace = current_schema()::regnamespace", [])?.integer(0)
    #expect(uniques == 8)
  }

  @Test func aMissingLibpqIsAStoreErrorNamingThePackage() {
    guard case .failure(let error) = LibPQ.load(["libpq-absent.so.9"]) else {
      Issue.record("a missing library was loaded")
      return
    }
    #expect(error.kind == .store)
    #expect(error.detail.contains("libpq5"))
  }

  @Test(.enabled(if: EngineHarness.usesPostgreSQL))
  func serializationFailuresRerunTheBodyABoundedNumberOfTimes() throws {
    let h = try EngineHarness("retry")
    let store = try PostgreSQLStore(
      url: try #require(h.config["store"] as? String), busyTimeoutMs: 5_000)
    defer { store.close() }
    let fail40001 = "DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$"
    var runs = 0
    try store.write { () throws(TronPayError) in
      runs += 1
      try store.run("INSERT INTO meta (key, value) VALUES (?, ?)", [.text("r\(runs)"), .text("x")])
      if runs == 1 { try store.execute(fail40001) }
    }
    #expect(runs == 2)
    // Only the second run's row was committed.
    #expect(
      try store.query("SELECT key FROM meta WHERE key LIKE 'r%'", []).map { $0.text(0) } == ["r2"])
    runs = 0
    do {
      try store.write { () throws(TronPayError) in
        runs += 1
        try store.execute(fail40001)
      }
      Issue.record("an always-failing body committed")
    } catch {
      #expect(error.kind == .busy)
    }
    #expect(runs == PostgreSQLStore.maxAttempts)
  }

  @Test(.enabled(if: EngineHarness.usesPostgreSQL))
  func anIdleConnectionLostBetweenCallsIsReopenedSilently() throws {
    let h = try EngineHarness("idle")
    let url = try #require(h.config["store"] as? String)
    let admin = try PostgreSQLTestServer.connect(url)
    defer { admin.close() }
    _ = try h.createInvoice(["order_id": "I-1", "amount": "1"])
    _ = try admin.run(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
        + "AND pid <> pg_backend_pid()", [])
    #expect(throws: Never.self) { try h.createInvoice(["order_id": "I-2", "amount": "1"]) }
    #expect(throws: Never.self) { try h.events() }
  }

  /// Round trips per operation, printed for the bench notes: invoice creation, and blocks of
  /// 1, 4 and 16 payments to watched invoices.
  @Test(.enabled(if: EngineHarness.usesPostgreSQL))
  func roundTripsPerOperation() throws {
    let h = try EngineHarness("trips")
    h.engine.close()
    let text = Array(jsonText(h.config).utf8)
    let config = try text.withUnsafeBytes { (bytes) throws(TronPayError) in
      try EngineConfig.parse(bytes)
    }
    let core = try EngineCore.open(config, nowMs: h.now)
    defer { core.store.close() }
    let store = try #require(core.store as? PostgreSQLStore)
    func trips(_ body: () throws -> Void) rethrows -> Int {
      let before = store.roundTrips
      try body()
      return store.roundTrips - before
    }
    var addresses: [String] = []
    var createTrips: [Int] = []
    for k in 0..<21 {
      let request = Array(jsonText(["order_id": "T-\(k)", "amount": "1"]).utf8)
      var answer: [UInt8] = []
      createTrips.append(
        try trips {
          answer = try request.withUnsafeBytes { (bytes) throws(TronPayError) in
            try core.invoiceCreate(bytes, nowMs: h.now)
          }
        })
      addresses.append(jsonObject(answer).invoiceField.text("address"))
    }
    var line = "round trips: invoice_create first \(createTrips[0]), then \(createTrips[20])"
    var next = 0
    for size in [0, 1, 4, 16] {
      let block = h.chain.mine(
        (0..<size).map { i in .usdt(to: addresses[next + i], amount: "1000000") })
      next += size
      let now = block.stamp + 2_000
      let count = try trips {
        _ = try withBytes(Array(block.blockJSON.utf8)) { (b) throws(TronPayError) in
          try withBytes(Array(block.infosJSON.utf8)) { (i) throws(TronPayError) in
            try core.chainBlock(b, infos: i, nowMs: now)
          }
        }
      }
      line += "; block of \(size) payments \(count)"
    }
    // A mainnet-like block: 300 USDT transfers, none to an address of this store.
    let unwatched = try (0..<300).map { (k: Int) throws -> TestChain.Payment in
      var bytes = [UInt8](repeating: UInt8(truncatingIfNeeded: k), count: 21)
      bytes[0] = 0x41
      bytes[1] = UInt8(truncatingIfNeeded: k >> 8)
      return .usdt(to: try Address(bytes: bytes).base58, amount: "1000000")
    }
    let busy = h.chain.mine(unwatched)
    let count = try trips {
      _ = try withBytes(Array(busy.blockJSON.utf8)) { (b) throws(TronPayError) in
        try withBytes(Array(busy.infosJSON.utf8)) { (i) throws(TronPayError) in
          try core.chainBlock(b, infos: i, nowMs: busy.stamp + 2_000)
        }
      }
    }
    line += "; block of 300 unwatched transfers \(count)"
    print(line)
    #expect(createTrips[20] < createTrips[0])
  }
}
