import Foundation
import Testing
import TronPay

@testable import TronPayEngine

/// Opt-in timing (TRONPAY_TIMING=1) of invoice_create and block application on the store the
/// suite runs on, for the PostgreSQL / SQLite ratio until `make bench` has rows for it: run once
/// plainly and once under a PostgreSQL URL, in release (`swift test -c release -Xswiftc
/// -enable-testing`); the debug build's parsing costs hide the store's.
@Suite struct StoreTimingTests {
  @Test(.enabled(if: ProcessInfo.processInfo.environment["TRONPAY_TIMING"] != nil))
  func timing() throws {
    let h = try EngineHarness("timing")
    h.engine.close()
    let text = Array(jsonText(h.config).utf8)
    let config = try text.withUnsafeBytes { (bytes) throws(TronPayError) in
      try EngineConfig.parse(bytes)
    }
    let core = try EngineCore.open(config, nowMs: h.now)
    defer { core.store.close() }
    func clock() -> Double {
      var t = timespec()
      clock_gettime(CLOCK_MONOTONIC, &t)
      return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
    }
    var addresses: [String] = []
    let n = 400
    let t0 = clock()
    for k in 0..<n {
      let request = Array(jsonText(["order_id": "T-\(k)", "amount": "1"]).utf8)
      let answer = try request.withUnsafeBytes { (bytes) throws(TronPayError) in
        try core.invoiceCreate(bytes, nowMs: h.now)
      }
      addresses.append(jsonObject(answer).invoiceField.text("address"))
    }
    let create = (clock() - t0) / Double(n)
    var unwatched: [String] = []
    for k in 0..<300 {
      var bytes = [UInt8](repeating: UInt8(truncatingIfNeeded: k), count: 21)
      bytes[0] = 0x41
      bytes[1] = UInt8(truncatingIfNeeded: k >> 8)
      unwatched.append(try Address(bytes: bytes).base58)
    }
    func applyTime(_ payments: [TestChain.Payment]) throws -> Double {
      let block = h.chain.mine(payments)
      let b = Array(block.blockJSON.utf8)
      let i = Array(block.infosJSON.utf8)
      let now = block.stamp + 2_000
      let start = clock()
      _ = try withBytes(b) { (b) throws(TronPayError) in
        try withBytes(i) { (i) throws(TronPayError) in try core.chainBlock(b, infos: i, nowMs: now)
        }
      }
      return clock() - start
    }
    var mainnetLike: [Double] = []
    var watched16: [Double] = []
    var next = 0
    for _ in 0..<10 {
      mainnetLike.append(try applyTime(unwatched.map { .usdt(to: $0, amount: "1000000") }))
      watched16.append(
        try applyTime((0..<16).map { j in .usdt(to: addresses[next + j], amount: "1000000") }))
      next += 16
    }
    mainnetLike.sort()
    watched16.sort()
    print(
      "TIMING \(core.store.kind): invoice_create \(create) ms; block 300 unwatched median "
        + "\(mainnetLike[5]) ms; block 16 watched median \(watched16[5]) ms")
  }
}
