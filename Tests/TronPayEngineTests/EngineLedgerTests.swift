import Foundation
import Testing
import TronPay

@testable import TronPayEngine

/// Exactly-once crediting and reorgs, on a real SQLite file.
@Suite struct EngineLedgerTests {
  @Test func derivedAddressesAreTheWalletsFirstAddressesInOrder() throws {
    let h = try EngineHarness("derived")
    let first = try h.createInvoice(["order_id": "A-1", "amount": "12.5"]).invoiceField
    let second = try h.createInvoice(["order_id": "A-2", "amount": "3"]).invoiceField
    // Cross-checked against the independent vectors of Tests/vectors/hd.json.
    #expect(first.text("address") == TestChain.address0)
    #expect(second.text("address") == TestChain.address1)
    #expect(first["derivation_index"] as? Int == 0)
    #expect(first.text("amount_due") == "12500000")
    #expect(first.text("amount_due_text") == "12.5")
    #expect(first.text("token_contract") == "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
  }

  @Test func theSameBlockTwiceCreditsOnce() throws {
    let h = try EngineHarness("twice")
    let invoice = try h.createInvoice(["order_id": "A-1", "amount": "10"]).invoiceField
    let address = invoice.text("address")
    let block = h.chain.mine([.usdt(to: address, amount: "10000000")])
    let first = try h.apply(block)
    #expect(first["applied"] as? Bool == true)
    let again = try h.apply(block)
    #expect(again["applied"] as? Bool == false)
    try h.solidifyAll()
    try h.restart()
    #expect(try h.apply(block)["applied"] as? Bool == false)
    let id = invoice.text("id")
    let now = try h.invoice(id)
    #expect(now.text("state") == "paid")
    #expect(now.text("received") == "10000000")
    #expect((now["credits"] as? [Any])?.count == 1)
    #expect(try h.eventTypes(for: id).filter { $0 == "invoice.paid" }.count == 1)
  }

  @Test func oneTransferSeenThroughThreeSourcesCreditsOnce() throws {
    let h = try EngineHarness("three")
    let invoice = try h.createInvoice(["order_id": "A-1", "amount": "7"]).invoiceField
    let id = invoice.text("id")
    let address = invoice.text("address")
    let block = h.chain.mine([.usdt(to: address, amount: "7000000")])
    let txid = block.txids[0]
    // First an indexer item (TronGrid), before the block: detected only.
    let item: [String: Any] = [
      "transaction_id": txid,
      "token_info": [
        "symbol": "USDT", "address": "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "decimals": 6,
        "name": "Tether USD",
      ],
      "block_timestamp": block.stamp, "from": TestChain.base58(TestChain.payerHex),
      "to": address, "type": "Transfer", "value": "7000000",
    ]
    h.now = block.stamp + 1000
    try h.evidence(["data": [item], "success": true, "meta": ["page_size": 1]])
    #expect(try h.state(id) == "detected")
    try h.restart()
    // Then the block with its node receipt, then a JSON-RPC log of the same transfer.
    try h.apply(block)
    let payer = TestChain.payerHex
    let recipient = TestChain.hexAddress(address).dropFirst(2)
    let log: [String: Any] = [
      "address": "0x" + TestChain.usdtHex,
      "topics": [
        "0x" + TestChain.transferTopic, "0x" + TestChain.word(payer),
        "0x" + TestChain.word(String(recipient)),
      ],
      "data": "0x" + TestChain.amountWord("7000000"),
      "blockNumber": "0x" + String(block.number, radix: 16), "transactionHash": "0x" + txid,
      "logIndex": "0x2a", "removed": false, "blockHash": "0x" + block.id, "transactionIndex": "0x0",
    ]
    try h.restart()
    try h.evidence(["jsonrpc": "2.0", "id": 1, "result": [log]])
    try h.solidifyAll()
    let now = try h.invoice(id)
    #expect(now.text("state") == "paid")
    #expect(now.text("received") == "7000000")
    #expect((now["credits"] as? [Any])?.count == 1)
    let types = try h.eventTypes(for: id)
    #expect(types.filter { $0 == "invoice.paid" }.count == 1)
    #expect(types.filter { $0 == "invoice.detected" }.count == 1)
  }

  @Test func creditsBecomeFinalOnlyAtTheSolidifiedBlock() throws {
    let h = try EngineHarness("final")
    let invoice = try h.createInvoice(["order_id": "A-1", "amount": "5", "token": "TRX"])
      .invoiceField
    let id = invoice.text("id")
    let block = try h.mine([.trx(to: invoice.text("address"), sun: 5_000_000)])
    #expect(try h.state(id) == "detected")
    try h.tip(head: block.number + 10, solidified: block.number - 1)
    #expect(try h.state(id) == "detected")
    try h.tip(head: block.number + 19, solidified: block.number)
    #expect(try h.state(id) == "paid")
    #expect(try h.invoice(id).text("received_final") == "5000000")
    // A lagging provider cannot move finality back.
    try h.tip(head: block.number + 2, solidified: block.number - 5)
    #expect(try h.state(id) == "paid")
  }

  @Test func aDisconnectedBlockRevertsItsCreditAndTheNewBranchCreditsItOnce() throws {
    let h = try EngineHarness("reorg")
    let invoice = try h.createInvoice(["order_id": "A-1", "amount": "10"]).invoiceField
    let id = invoice.text("id")
    let address = invoice.text("address")
    try h.mine()
    try h.tip(head: TestChain.firstBlock, solidified: TestChain.firstBlock)
    let paid = try h.mine([.usdt(to: address, amount: "10000000")])
    try h.mine()
    #expect(try h.state(id) == "detected")
    // The two blocks on top of the solidified one are orphaned: walk back from the tip.
    let dropped = h.chain.fork(dropping: 2)
    for block in dropped.reversed() {
      let answer = try h.json(
        [String: Any](),
        { engine, _, now throws(TronPayError) in
          try engine.chainDisconnect(
            number: block.number, blockID: Array(block.id.utf8), nowMs: now)
        })
      #expect(answer["applied"] as? Bool == true)
    }
    #expect(try h.state(id) == "new")
    #expect(try h.eventTypes(for: id).contains("payment.reverted"))
    let dispute = try h.dispute(paid.txids[0])
    #expect((dispute["transfers"] as? [[String: Any]])?.first?.text("reason") == "reverted")
    // The same transaction in the new branch credits again, once.
    var block = h.chain.mine()
    block.transactions = paid.transactions
    block.infos = paid.infos.map { info in
      var moved = info
      moved["blockNumber"] = block.number
      moved["blockTimeStamp"] = block.stamp
      return moved
    }
    block.txids = paid.txids
    try h.apply(block)
    try h.tip(head: block.number + 20, solidified: block.number)
    let now = try h.invoice(id)
    #expect(now.text("state") == "paid")
    #expect(now.text("received") == "10000000")
    #expect((now["credits"] as? [Any])?.count == 1)
  }

  @Test func blocksAtOrBelowTheSolidifiedBlockCannotBeDisconnected() throws {
    let h = try EngineHarness("solid")
    let block = try h.mine()
    try h.tip(head: block.number + 5, solidified: block.number)
    let error = h.failure { engine throws(TronPayError) in
      _ = try engine.chainDisconnect(
        number: block.number, blockID: Array(block.id.utf8), nowMs: h.now)
    }
    #expect(error?.kind == .state)
  }

  @Test func gapsParentsAndShortReceiptListsAreRefusedAndNothingIsApplied() throws {
    let h = try EngineHarness("gaps")
    let invoice = try h.createInvoice(["order_id": "A-1", "amount": "1"]).invoiceField
    try h.mine()
    var skipped = h.chain.mine()
    _ = skipped
    let after = h.chain.mine([.usdt(to: invoice.text("address"), amount: "1000000")])
    #expect(throws: TronPayError.self) { try h.apply(after) }
    // A receipt list shorter than the block (the node skipped one).
    skipped = h.chain.blocks[1]
    var short = skipped
    short.transactions = after.transactions
    short.infos = []
    do {
      try h.apply(short)
      Issue.record("a short receipt list was applied")
    } catch let error as TronPayError {
      #expect(error.kind == .state)
      #expect(error.detail.contains("inconsistent"))
    }
    // A block whose parent is not the cursor.
    var orphan = skipped
    orphan.parent = TestChain.blockID(skipped.number - 1, tag: 0x77)
    #expect(throws: TronPayError.self) { try h.apply(orphan) }
    #expect(try h.state(invoice.text("id")) == "new")
    try h.apply(skipped)
    try h.apply(after)
    #expect(try h.state(invoice.text("id")) == "detected")
  }
}
