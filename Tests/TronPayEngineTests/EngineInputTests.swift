import Foundation
import Testing
import TronPay

@testable import TronPayEngine

/// Bad input: every request is read strictly, names the field it refuses, and changes nothing.
@Suite struct EngineInputTests {
  func createError(_ h: EngineHarness, _ text: String) -> TronPayError? {
    h.failure { engine throws(TronPayError) in
      _ = try withBytes(Array(text.utf8)) { (bytes) throws(TronPayError) in
        try engine.invoiceCreate(bytes, nowMs: h.now)
      }
    }
  }

  @Test(arguments: [
    (#"{"order_id":"A","amount":"1","expires_ms":5}"#, "expires_ms"),
    (#"{"amount":"1"}"#, "order_id"),
    (#"{"order_id":"","amount":"1"}"#, "order_id"),
    (#"{"order_id":"A\u0001","amount":"1"}"#, "order_id"),
    (#"{"order_id":"A","amount":"1","amount_base_units":"1000000"}"#, "amount"),
    (#"{"order_id":"A","amount":"1.0000001"}"#, "amount"),
    (#"{"order_id":"A","amount_base_units":"01"}"#, "amount_base_units"),
    (#"{"order_id":"A","amount_base_units":1}"#, "amount_base_units"),
    (#"{"order_id":"A","amount":"0"}"#, "amount"),
    (#"{"order_id":"A","amount":"1","token":"USDC"}"#, "token"),
    (#"{"order_id":"A","amount":"1","token":"TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf"}"#, "token"),
    (#"{"order_id":"A","amount":"1","wallet":"other"}"#, "wallet"),
    (#"{"order_id":"A","amount":"1","address_mode":"unique_amount"}"#, "address"),
    (#"{"order_id":"A","amount":"1","address":"TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH"}"#, "address"),
    (#"{"order_id":"A","amount":"1","expiry_ms":"900000"}"#, "expiry_ms"),
    (#"{"order_id":"A","amount":"1","tolerance_bps":9999}"#, "tolerance_bps"),
    (#"{"order_id":"A","amount":"1","metadata":[1]}"#, "metadata"),
    (#"{"order_id":"A","order_id":"B","amount":"1"}"#, ""),
    (#"[]"#, ""),
    (#"{"order_id":"A","amount":"1""#, ""),
  ])
  func aBadCreateNamesItsFieldAndStoresNothing(_ text: String, _ field: String) throws {
    let h = try EngineHarness("bad-create")
    let error = createError(h, text)
    #expect(error?.kind == .json)
    if !field.isEmpty {
      #expect(error?.detail.contains(field) == true, "\(error?.detail ?? "no error")")
    }
    #expect(try h.events().isEmpty)
    // The wallet index was not taken.
    #expect(
      try h.createInvoice(["order_id": "ok", "amount": "1"]).invoiceField.text("address")
        == TestChain.address0)
  }

  @Test func metadataIsBounded() throws {
    let h = try EngineHarness("meta")
    let big = String(repeating: "x", count: 5000)
    #expect(
      createError(h, #"{"order_id":"A","amount":"1","metadata":{"k":"\#(big)"}}"#)?.kind == .json)
  }

  @Test(arguments: [
    #"{}"#,
    #"{"store":"mysql://x"}"#,
    #"{"store":"sqlite:"}"#,
    #"{"store":"sqlite::memory:","network":"testnet"}"#,
    #"{"store":"sqlite::memory:","wallets":[{"id":"a","xpub":"xprv9s21ZrQH143K"}]}"#,
    #"{"store":"sqlite::memory:","tokens":{"TRX":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"}}"#,
    #"{"store":"sqlite::memory:","policy":{"expiry":5}}"#,
    #"{"store":"sqlite::memory:","webhooks":[{"id":"a","url":"ftp://x","secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}]}"#,
    #"{"store":"sqlite::memory:","webhooks":[{"id":"a","url":"http://x","secret":"not base64!"}]}"#,
    #"{"store":"sqlite::memory:","webhooks":[{"id":"a","url":"http://x","secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw","events":["invoice.nope"]}]}"#,
    #"{"store":"sqlite::memory:","start_block":-1}"#,
    #"{"store":"sqlite::memory:","unknown":1}"#,
  ])
  func aBadConfigIsRefused(_ text: String) {
    #expect(throws: TronPayError.self) {
      try withBytes(Array(text.utf8)) { (bytes) throws(TronPayError) in
        _ = try Engine.open(config: bytes, nowMs: 1_764_000_000_000)
      }
    }
  }

  @Test func aStoreKeepsItsNetworkAndWallets() throws {
    let h = try EngineHarness("identity")
    h.engine.close()
    var other = h.config
    other["network"] = "nile"
    #expect(throws: TronPayError.self) { _ = try EngineHarness.open(other, now: h.now) }
    var otherWallet = h.config
    otherWallet["wallets"] = [
      [
        "id": "main",
        "xpub":
          "xpub6D1AabNHCupeiLM65ZR9UStMhJ1vCpyV4XbZdyhMZBiJXALQtmn9p42VTQckoHVn8WNqS7dqnJokZHAHcHGoaQgmv8D45oNUKx6DZMNZBCd"
          .replacingOccurrences(of: "6D1A", with: "6D1B"),
      ]
    ]
    #expect(throws: TronPayError.self) { _ = try EngineHarness.open(otherWallet, now: h.now) }
    _ = try EngineHarness.open(h.config, now: h.now)
  }

  @Test func aClosedHandleIsAStateError() throws {
    let h = try EngineHarness("closed")
    h.engine.close()
    let error = h.failure { engine throws(TronPayError) in _ = try engine.health(nowMs: h.now) }
    #expect(error?.kind == .state)
  }

  // A file to corrupt is SQLite's; PostgreSQL's own files are the server's.
  @Test(.enabled(if: !EngineHarness.usesPostgreSQL))
  func aCorruptOrTruncatedStoreIsAStoreError() throws {
    let h = try EngineHarness("corrupt")
    _ = try h.createInvoice(["order_id": "A", "amount": "1"])
    h.engine.close()
    let url = URL(fileURLWithPath: h.path)
    var bytes = try Data(contentsOf: url)
    for k in stride(from: 100, to: bytes.count, by: 7) { bytes[k] = 0xff }
    try bytes.write(to: url)
    try? FileManager.default.removeItem(atPath: h.path + "-wal")
    do {
      let engine = try EngineHarness.open(h.config, now: h.now)
      _ = try engine.invoiceGet(Array("A".utf8), nowMs: h.now)
      Issue.record("a corrupt store was read")
    } catch let error as TronPayError {
      #expect(error.kind == .store)
    }
    try Data(bytes.prefix(1000)).write(to: url)
    #expect(throws: TronPayError.self) { _ = try EngineHarness.open(h.config, now: h.now) }
  }

  @Test func hostileChainInputChangesNothing() throws {
    let h = try EngineHarness("hostile")
    let invoice = try h.createInvoice(["order_id": "A", "amount": "1"]).invoiceField
    let block = h.chain.mine([.usdt(to: invoice.text("address"), amount: "1000000")])
    let cases: [(String, String)] = [
      ("{}", "[]"),
      (block.blockJSON, "{}"),
      (
        block.blockJSON.replacingOccurrences(
          of: "\"number\":\(block.number)", with: "\"number\":\"\(block.number)\""), block.infosJSON
      ),
      (
        block.blockJSON.replacingOccurrences(
          of: block.id, with: TestChain.blockID(block.number + 1, tag: 0xaa)), block.infosJSON
      ),
      (
        block.blockJSON,
        block.infosJSON.replacingOccurrences(
          of: block.txids[0], with: String(repeating: "0", count: 64))
      ),
      ("[", block.infosJSON),
    ]
    for (blockText, infoText) in cases {
      let error = h.failure { engine throws(TronPayError) in
        _ = try withBytes(Array(blockText.utf8)) { (b) throws(TronPayError) in
          try withBytes(Array(infoText.utf8)) { (i) throws(TronPayError) in
            try engine.chainBlock(b, infos: i, nowMs: h.now)
          }
        }
      }
      #expect(error != nil)
    }
    let health = try h.call { engine throws(TronPayError) in try engine.health(nowMs: h.now) }
    #expect(health["cursor"] is NSNull)
    try h.apply(block)
    #expect(try h.state(invoice.text("id")) == "detected")
  }
}
