import Foundation
import Testing
import TronPay

@testable import TronPayEngine

/// Planner mode, with the test as the host: each planned request is answered from a test chain
/// in java-tron's shapes, with faults injected on purpose.
final class ChainHost {
  var chain: TestChain
  var solidLag: Int64 = 19
  /// Faults for the next requests whose path contains the key: answered instead of the chain.
  var faults: [(path: String, status: Int32, headers: String?, body: String, transport: Int32)] =
    []
  var served: [String] = []

  init(_ chain: TestChain) { self.chain = chain }

  func block(_ number: Int64) -> TestChain.Block? { chain.blocks.first { $0.number == number } }

  func answer(_ request: [String: Any]) -> (Int32, String?, String, Int32) {
    let url = request["url"] as? String ?? ""
    let path = url.components(separatedBy: "127.0.0.1:1").last ?? url
    served.append(path)
    if let k = faults.firstIndex(where: { path.contains($0.path) }) {
      let fault = faults.remove(at: k)
      return (fault.status, fault.headers, fault.body, fault.transport)
    }
    let body = jsonObject(Array((request["body"] as? String ?? "{}").utf8))
    switch path {
    case "/wallet/getnowblock":
      return (200, nil, chain.tip?.blockJSON ?? "{}", 0)
    case "/walletsolidity/getnowblock":
      let number = (chain.tip?.number ?? 0) - solidLag
      return (200, nil, block(number)?.blockJSON ?? "{}", 0)
    case "/wallet/getblockbynum":
      return (200, nil, block(body["num"] as? Int64 ?? -1)?.blockJSON ?? "{}", 0)
    case "/wallet/getblockbylimitnext":
      let start = body["startNum"] as? Int64 ?? 0
      let end = body["endNum"] as? Int64 ?? 0
      let blocks = (start..<max(start, end)).compactMap { block($0)?.blockJSON }
      return (200, nil, "{\"block\":[" + blocks.joined(separator: ",") + "]}", 0)
    case "/wallet/gettransactioninfobyblocknum":
      return (200, nil, block(body["num"] as? Int64 ?? -1)?.infosJSON ?? "[]", 0)
    case "/wallet/gettransactioninfobyid":
      let txid = body["value"] as? String ?? ""
      for block in chain.blocks {
        if let k = block.txids.firstIndex(of: txid) {
          return (200, nil, jsonText(block.infos[k]), 0)
        }
      }
      return (200, nil, "{}", 0)
    case "/wallet/broadcasttransaction":
      return (200, nil, "{\"result\":true}", 0)
    default:
      return (404, nil, "", 0)
    }
  }
}

extension EngineHarness {
  /// Runs the host loop until the planner waits at the head (or `limit` steps); answers the
  /// classes the feeds returned.
  @discardableResult
  func runSync(_ host: ChainHost, limit: Int = 10_000, advanceClock: Bool = true) throws
    -> [String]
  {
    var classes: [String] = []
    for _ in 0..<limit {
      let plan = try call { engine throws(TronPayError) in try engine.syncNext(nowMs: now) }
      switch plan.text("kind") {
      case "http":
        let (status, headers, body, transport) = host.answer(plan)
        let id = plan.text("id")
        let now = self.now
        let fed = try call { engine throws(TronPayError) in
          try withBytes(Array(body.utf8)) { (bytes) throws(TronPayError) in
            try engine.syncFeed(
              requestID: Array(id.utf8), httpStatus: status,
              headers: headers.map { Array($0.utf8) },
              body: bytes, transportError: transport, nowMs: now)
          }
        }
        classes.append(fed.text("class"))
        if advanceClock { self.now += 10 }
      case "wait":
        if plan.text("reason") == "at_head" { return classes }
        self.now = max(self.now + 1, plan["until_ms"] as? Int64 ?? self.now + 1000)
      default:
        classes.append("idle:" + plan.text("reason"))
        return classes
      }
    }
    return classes
  }

  func health() throws -> [String: Any] {
    try call { engine throws(TronPayError) in try engine.health(nowMs: now) }
  }
}

@Suite struct EngineSyncTests {
  static var provider: [String: Any] {
    [
      "providers": [
        ["id": "node", "kind": "fullnode", "base_url": "http://127.0.0.1:1", "max_rps": 1000]
      ]
    ]
  }

  @Test func catchUpThenFollowTheHeadCreditingEveryPaymentOnce() throws {
    let h = try EngineHarness("sync-catchup", config: Self.provider)
    var invoices: [[String: Any]] = []
    for k in 0..<5 {
      invoices.append(try h.createInvoice(["order_id": "S-\(k)", "amount": "1"]).invoiceField)
    }
    var chain = TestChain()
    for n in 0..<300 {
      if n % 60 == 7 {
        let invoice = invoices[n / 60]
        chain.mine([.usdt(to: invoice.text("address"), amount: "1000000")])
      } else {
        chain.mine()
      }
    }
    let host = ChainHost(chain)
    h.now = (chain.tip?.stamp ?? 0) + 1_000
    let classes = try h.runSync(host)
    #expect(!classes.contains("inconsistent"))
    let health = try h.health()
    #expect(health["cursor"] as? Int64 == chain.tip?.number)
    for invoice in invoices {
      let now = try h.invoice(invoice.text("id"))
      #expect(now.text("state") == "paid")
      #expect((now["credits"] as? [Any])?.count == 1)
    }
    // Batches: far fewer requests than blocks.
    #expect(host.served.filter { $0 == "/wallet/getblockbylimitnext" }.count <= 4)
    // Following the head: new blocks are picked up one by one.
    let late = try h.createInvoice(["order_id": "S-late", "amount": "2"]).invoiceField
    for _ in 0..<3 { host.chain.mine() }
    host.chain.mine([.usdt(to: late.text("address"), amount: "2000000")])
    for _ in 0..<20 { host.chain.mine() }
    h.now = (host.chain.tip?.stamp ?? 0) + 1_000
    try h.runSync(host)
    #expect(try h.state(late.text("id")) == "paid")
    #expect(try h.eventTypes(for: late.text("id")).filter { $0 == "invoice.paid" }.count == 1)
  }

  /// Catching up through blocks that all carry transactions, the planner holds each block's
  /// checked receipts and applies runs of them in one store transaction: every payment is
  /// credited once, a bad receipt list in the middle is asked again, nothing is skipped.
  @Test func runsOfBlocksWithTransactionsAreAppliedTogetherCreditingEachOnce() throws {
    let h = try EngineHarness("sync-runs", config: Self.provider)
    var invoices: [[String: Any]] = []
    for k in 0..<4 {
      invoices.append(try h.createInvoice(["order_id": "R-\(k)", "amount": "1"]).invoiceField)
    }
    var chain = TestChain()
    for n in 0..<80 {
      chain.mine([.usdt(to: invoices[n % 4].text("address"), amount: "100000")])
    }
    let host = ChainHost(chain)
    host.faults = [
      ("gettransactioninfobyblocknum", 200, nil, "[]", 0),
      ("gettransactioninfobyblocknum", 0, nil, "", 1),
    ]
    h.now = (chain.tip?.stamp ?? 0) + 1_000
    let classes = try h.runSync(host)
    #expect(classes.contains("inconsistent"))
    #expect(host.faults.isEmpty)
    #expect(try h.health()["cursor"] as? Int64 == chain.tip?.number)
    for invoice in invoices {
      let now = try h.invoice(invoice.text("id"))
      #expect((now["credits"] as? [Any])?.count == 20)
      #expect(now.text("received") == "2000000")
      #expect(try h.eventTypes(for: invoice.text("id")).filter { $0 == "invoice.paid" }.count == 1)
    }
    // Every block's receipts were asked once, besides the two faults.
    let asked = host.served.filter { $0 == "/wallet/gettransactioninfobyblocknum" }.count
    #expect(asked == 82)
  }

  @Test func faultsSkipNoBlockAndApplyNoneTwice() throws {
    let h = try EngineHarness("sync-faults", config: Self.provider)
    let invoice = try h.createInvoice(["order_id": "F", "amount": "1"]).invoiceField
    var chain = TestChain()
    for n in 0..<40 {
      chain.mine(n == 5 || n == 30 ? [.usdt(to: invoice.text("address"), amount: "500000")] : [])
    }
    let host = ChainHost(chain)
    host.solidLag = 5
    h.now = (chain.tip?.stamp ?? 0) + 1_000
    host.faults = [
      ("getnowblock", 429, "Retry-After: 7\r\n", "", 0),
      ("getblockbylimitnext", 503, nil, "", 0),
      ("getblockbylimitnext", 200, nil, "{\"block\":[{\"blockID\":", 0),
      (
        "gettransactioninfobyblocknum", 200, nil,
        "{\"Error\":\"class java.lang.NullPointerException : null\"}", 0
      ),
      ("gettransactioninfobyblocknum", 200, nil, "[]", 0),
      ("getblockbylimitnext", 0, nil, "", 1),
      ("gettransactioninfobyblocknum", 403, nil, "", 0),
    ]
    let started = h.now
    let classes = try h.runSync(host)
    #expect(classes.contains("rate_limited"))
    #expect(classes.contains("transient"))
    #expect(classes.contains("persistent"))
    #expect(classes.contains("inconsistent"))
    #expect(host.faults.isEmpty)
    // The Retry-After was honoured: the clock had to pass it.
    #expect(h.now - started >= 7_000)
    #expect(try h.health()["cursor"] as? Int64 == chain.tip?.number)
    let now = try h.invoice(invoice.text("id"))
    #expect(now.text("state") == "paid")
    #expect(now.text("received") == "1000000")
    #expect((now["credits"] as? [Any])?.count == 2)
  }

  @Test func backOffIsVisibleInHealth() throws {
    let h = try EngineHarness("sync-health", config: Self.provider)
    _ = try h.createInvoice(["order_id": "H", "amount": "1"])
    let host = ChainHost(TestChain())
    host.chain.mine()
    host.faults = [("getnowblock", 503, "Retry-After: 120\r\n", "", 0)]
    _ = try h.runSync(host, limit: 1)
    let providers = try h.health()["providers"] as? [[String: Any]] ?? []
    #expect(providers.first?.text("state") == "backoff")
    #expect(providers.first?["retry_at_ms"] as? Int64 == h.now - 10 + 120_000)
    let plan = try h.call { engine throws(TronPayError) in try engine.syncNext(nowMs: h.now) }
    #expect(plan.text("kind") == "wait")
    #expect(plan.text("reason") == "backoff")
  }

  @Test func aReorgAtTheHeadIsWalkedBackToTheCommonAncestor() throws {
    let h = try EngineHarness("sync-reorg", config: Self.provider)
    let invoice = try h.createInvoice(["order_id": "R", "amount": "1"]).invoiceField
    var chain = TestChain()
    for _ in 0..<30 { chain.mine() }
    chain.mine([.usdt(to: invoice.text("address"), amount: "1000000")])
    chain.mine()
    chain.mine()
    let host = ChainHost(chain)
    host.solidLag = 10
    h.now = (chain.tip?.stamp ?? 0) + 1_000
    try h.runSync(host)
    #expect(try h.state(invoice.text("id")) == "detected")
    // The last three blocks are replaced by a longer branch without the payment.
    _ = host.chain.fork(dropping: 3)
    for _ in 0..<5 { host.chain.mine() }
    h.now = (host.chain.tip?.stamp ?? 0) + 1_000
    try h.runSync(host)
    #expect(try h.health()["cursor"] as? Int64 == host.chain.tip?.number)
    #expect(try h.state(invoice.text("id")) == "new")
    #expect(try h.eventTypes(for: invoice.text("id")).contains("payment.reverted"))
  }

  @Test func oneProcessScansTheOthersAreIdle() throws {
    let h = try EngineHarness(
      "sync-lease", config: Self.provider.merging(["worker_id": "a"]) { $1 })
    _ = try h.createInvoice(["order_id": "L", "amount": "1"])
    var other = h.config
    other["worker_id"] = "b"
    let second = try EngineHarness.open(other, now: h.now)
    let first = try h.call { engine throws(TronPayError) in try engine.syncNext(nowMs: h.now) }
    #expect(first.text("kind") == "http")
    let idle = jsonObject(try second.syncNext(nowMs: h.now))
    #expect(idle.text("kind") == "idle")
    #expect(idle.text("reason") == "lease_held")
    #expect((try h.health()["lease"] as? [String: Any])?.text("holder") == "a")
    // After the lease expires without renewal, the other one takes over.
    let later = jsonObject(try second.syncNext(nowMs: h.now + 31_000))
    #expect(later.text("kind") == "http")
    // A clean close gives the lease back at once.
    second.close()
    let third = try EngineHarness.open(other.merging(["worker_id": "c"]) { $1 }, now: h.now)
    #expect(jsonObject(try third.syncNext(nowMs: h.now + 31_001)).text("kind") == "http")
  }

  @Test func aDisputedTxidIsLookedUpThroughThePlanner() throws {
    let h = try EngineHarness("sync-lookup", config: Self.provider)
    let invoice = try h.createInvoice(["order_id": "D", "amount": "1"]).invoiceField
    var chain = TestChain()
    let block = chain.mine([.failedUSDT(to: invoice.text("address"), amount: "1000000")])
    let host = ChainHost(chain)
    h.now = block.stamp + 1_000
    let txid = block.txids[0]
    #expect(try h.dispute(txid).text("status") == "lookup_scheduled")
    try h.runSync(host)
    #expect(host.served.filter { $0 == "/wallet/gettransactioninfobyid" }.count == 1)
    let answer = try h.dispute(txid)
    #expect(answer.text("status") == "rejected")
    #expect(answer.text("result") == "OUT_OF_ENERGY")
  }
}
