import Foundation
import TronPay

@testable import TronPayEngine

/// An engine on a real SQLite file in a fresh directory, with helpers that speak the ABI's
/// JSON and parse the answers.
final class EngineHarness {
  let path: String
  var config: [String: Any]
  private(set) var engine: Engine
  var chain = TestChain()
  /// The time the next call passes: a few seconds after the chain's tip by default.
  var now: Int64 = TestChain.firstStamp - 60_000

  init(_ name: String = "engine", config extra: [String: Any] = [:]) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tronpay-engine-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    path = directory.appendingPathComponent("tronpay.db").path
    var config: [String: Any] = [
      // SQLite by default; a fresh database on the test server when TRONPAY_TEST_PG_URL is set.
      "store": try Self.storeURL(name: name, sqlitePath: path),
      "wallets": [["id": "main", "xpub": TestChain.xpub]],
      "start_block": TestChain.firstBlock,
      "policy": ["expiry_ms": 900_000, "monitor_ms": 86_400_000],
      "webhooks": [
        [
          "id": "shop", "url": "http://127.0.0.1:9/hook",
          "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        ]
      ],
    ]
    for (key, value) in extra { config[key] = value }
    self.config = config
    engine = try Self.open(config, now: now)
  }

  static func open(_ config: [String: Any], now: Int64) throws -> Engine {
    let text = Array(jsonText(config).utf8)
    return try text.withUnsafeBytes { try Engine.open(config: $0, nowMs: now) }
  }

  /// Closes the handle and opens the store again, as a restarted process would.
  func restart() throws {
    engine.close()
    engine = try Self.open(config, now: now)
  }

  func call(_ body: (Engine) throws(TronPayError) -> [UInt8]) throws -> [String: Any] {
    jsonObject(try body(engine))
  }

  func createInvoice(_ request: [String: Any]) throws -> [String: Any] {
    let text = Array(jsonText(request).utf8)
    let now = self.now
    return try call { engine throws(TronPayError) in
      try withBytes(text) { (bytes) throws(TronPayError) in
        try engine.invoiceCreate(bytes, nowMs: now)
      }
    }
  }

  func invoice(_ id: String) throws -> [String: Any] {
    let now = self.now
    return try call { engine throws(TronPayError) in
      try engine.invoiceGet(Array(id.utf8), nowMs: now)
    }
  }

  func state(_ id: String) throws -> String { try invoice(id)["state"] as? String ?? "?" }

  @discardableResult
  func apply(_ block: TestChain.Block) throws -> [String: Any] {
    now = max(now, block.stamp + 2_000)
    let blockBytes = Array(block.blockJSON.utf8)
    let infoBytes = Array(block.infosJSON.utf8)
    let now = self.now
    return try call { engine throws(TronPayError) in
      try withBytes(blockBytes) { (b) throws(TronPayError) in
        try withBytes(infoBytes) { (i) throws(TronPayError) in
          try engine.chainBlock(b, infos: i, nowMs: now)
        }
      }
    }
  }

  /// Mines a block with these payments and applies it.
  @discardableResult
  func mine(_ payments: [TestChain.Payment] = []) throws -> TestChain.Block {
    let block = chain.mine(payments)
    try apply(block)
    return block
  }

  @discardableResult
  func tip(head: Int64, solidified: Int64) throws -> [String: Any] {
    try json(
      ["head": ["number": head], "solidified": ["number": solidified]],
      { engine, bytes, now throws(TronPayError) in try engine.chainTip(bytes, nowMs: now) })
  }

  /// Solidifies everything mined so far.
  func solidifyAll() throws {
    guard let top = chain.tip?.number else { return }
    try tip(head: top + 20, solidified: top)
  }

  @discardableResult
  func evidence(_ value: Any) throws -> [String: Any] {
    try json(
      value,
      { engine, bytes, now throws(TronPayError) in try engine.chainEvidence(bytes, nowMs: now) })
  }

  func json(
    _ value: Any, _ body: (Engine, UnsafeRawBufferPointer, Int64) throws(TronPayError) -> [UInt8]
  ) throws -> [String: Any] {
    let text = Array(jsonText(value).utf8)
    let now = self.now
    return try call { engine throws(TronPayError) in
      try withBytes(text) { (bytes) throws(TronPayError) in try body(engine, bytes, now) }
    }
  }

  func events(after: Int64 = 0) throws -> [[String: Any]] {
    let answer = try call { engine throws(TronPayError) in
      try engine.eventsList(afterSeq: after, limit: 1000)
    }
    return answer["events"] as? [[String: Any]] ?? []
  }

  func eventTypes(for invoiceID: String? = nil) throws -> [String] {
    try events().filter { event in
      guard let invoiceID else { return true }
      let data = event["data"] as? [String: Any]
      return (data?["invoice"] as? [String: Any])?["id"] as? String == invoiceID
    }.compactMap { $0["type"] as? String }
  }

  func dispute(_ txid: String) throws -> [String: Any] {
    let now = self.now
    return try call { engine throws(TronPayError) in
      try engine.disputeLookup(txid: Array(txid.utf8), nowMs: now)
    }
  }

  /// The error a call throws, or nil.
  func failure(_ body: (Engine) throws(TronPayError) -> Void) -> TronPayError? {
    do {
      try body(engine)
      return nil
    } catch {
      return error
    }
  }
}

extension Dictionary where Key == String, Value == Any {
  var invoiceField: [String: Any] { self["invoice"] as? [String: Any] ?? [:] }
  func text(_ key: String) -> String { self[key] as? String ?? "?" }
}
