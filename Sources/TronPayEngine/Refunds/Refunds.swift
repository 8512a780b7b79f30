import TronPay

extension EngineCore {
  static let refundKeys: [StaticString] = [
    "refund_id", "invoice_id", "from", "to", "amount", "amount_base_units", "overpaid",
    "fee_limit_sun", "ref_block_id", "expiration_ms",
  ]
  /// How long an unsigned refund stays valid when the request names no expiration: TRON
  /// refuses a transaction more than 24 h after its reference block.
  static let refundLifetimeMs: Int64 = 3_600_000

  /// `tronpay_refund_create`: an unsigned transaction from `from` to `to`, recorded, idempotent
  /// by `refund_id`. Refused: `to` equal to a deposit address, more than was received less
  /// what other refunds already take.
  func refundCreate(_ bytes: UnsafeRawBufferPointer, nowMs: Int64) throws(TronPayError) -> [UInt8] {
    struct Request {
      var id: String
      var invoiceID: String
      var from: Address
      var to: Address
      var amountText: String?
      var baseUnits: UInt256?
      var overpaid: Bool
      var feeLimit: Int64?
      var refBlockID: String?
      var expirationMs: Int64?
      var terms: String
    }
    let request = try readRequest(bytes, "refund request", allowed: Self.refundKeys) {
      (root) throws(TronPayError) -> Request in
      let id = try root.requiredString("refund_id")
      try checkIdentifier(id, "refund_id")
      guard let from = try root.address("from") else { throw TronPayError(.json, "from: missing") }
      guard let to = try root.address("to") else { throw TronPayError(.json, "to: missing") }
      guard from != to else { throw TronPayError(.json, "to: the same address as from") }
      let amountText = try root.string("amount")
      let baseUnits = try root.baseUnits("amount_base_units")
      let overpaid = try root.bool("overpaid") ?? false
      let given = (amountText != nil ? 1 : 0) + (baseUnits != nil ? 1 : 0) + (overpaid ? 1 : 0)
      guard given == 1 else {
        throw TronPayError(
          .json, "amount: give exactly one of amount, amount_base_units and overpaid:true")
      }
      var refBlockID: String? = nil
      if let text = try root.string("ref_block_id") {
        refBlockID = try BlockHeader.hex32(text, "ref_block_id")
      }
      var terms = JSONWriter()
      terms.value(root.object.tree())
      return Request(
        id: id, invoiceID: try root.requiredString("invoice_id"), from: from, to: to,
        amountText: amountText, baseUnits: baseUnits, overpaid: overpaid,
        feeLimit: try root.integer("fee_limit_sun", in: 1...Int64.max),
        refBlockID: refBlockID, expirationMs: try root.integer("expiration_ms", in: 1...Int64.max),
        terms: String(decoding: terms.bytes, as: UTF8.self))
    }
    return try store.write { () throws(TronPayError) -> [UInt8] in
      try sweep(nowMs: nowMs)
      if let row = try store.first(
        "SELECT \(Refund.columns) FROM refunds WHERE id = ?", [.text(request.id)])
      {
        let existing = try Refund(row)
        guard existing.terms == request.terms else {
          throw TronPayError(.conflict, "refund_id \"\(request.id)\" exists with other terms")
        }
        return existing.json
      }
      guard let invoice = try invoice(idOrOrderID: request.invoiceID) else {
        throw TronPayError(.notFound, "no invoice with id or order_id \"\(request.invoiceID)\"")
      }
      if try store.first(
        "SELECT 1 FROM invoices WHERE address = ? LIMIT 1", [.text(request.to.base58)]) != nil
      {
        throw TronPayError(.state, "to: a deposit address of this store; refund to the payer's own")
      }
      let view = try view(invoice, nowMs: nowMs)
      let amount: UInt256
      if request.overpaid {
        guard view.receivedFinal.exceeds(invoice.amountDue),
          let over = UInt256(decimal: view.receivedFinal.decimal)?.subtracting(invoice.amountDue)
        else { throw TronPayError(.state, "invoice \(invoice.id) is not overpaid") }
        amount = over
      } else if let text = request.amountText {
        do throws(TronPayError) {
          amount = try Amount.toBaseUnits(Array(text.utf8), decimals: invoice.decimals)
        } catch {
          throw TronPayError(.json, "amount: \(error.detail)")
        }
      } else {
        amount = request.baseUnits ?? .zero
      }
      guard !amount.isZero else { throw TronPayError(.json, "amount: must be above 0") }
      var reserved = view.refunded
      reserved.add(amount)
      guard let received = UInt256(decimal: view.received.decimal), !reserved.exceeds(received)
      else {
        throw TronPayError(
          .state,
          "invoice \(invoice.id): \(amount) exceeds what was received (\(view.received.decimal)) "
            + "less what is refunded (\(view.refunded.decimal))")
      }
      let state = try chainState()
      guard let refID = request.refBlockID ?? state.cursor?.id,
        let refBytes = try? Hex.decode(refID)
      else {
        throw TronPayError(
          .state, "ref_block_id: no block applied yet; give a recent block id")
      }
      let expiration = request.expirationMs ?? nowMs &+ Self.refundLifetimeMs
      let raw: RawTransaction
      if let contract = invoice.tokenContract {
        guard let feeLimit = request.feeLimit else {
          throw TronPayError(.json, "fee_limit_sun: missing (a TRC-20 refund burns energy)")
        }
        raw = try TransactionBuilder.trc20Transfer(
          owner: request.from, token: contract, to: request.to, amount: amount,
          options: TransactionOptions(
            refBlockID: refBytes, timestamp: nowMs, expiration: expiration, feeLimit: feeLimit))
      } else {
        guard let sun = amount.uint64, sun <= UInt64(Int64.max) else {
          throw TronPayError(.json, "amount: too large for TRX")
        }
        raw = try TransactionBuilder.transfer(
          owner: request.from, to: request.to, amount: Int64(sun),
          options: TransactionOptions(
            refBlockID: refBytes, timestamp: nowMs, expiration: expiration))
      }
      let rawBytes = raw.encoded()
      let refund = Refund(
        id: request.id, invoiceID: invoice.id, terms: request.terms,
        txid: Hex.encode(SHA256.hash(rawBytes)), rawDataHex: Hex.encode(rawBytes),
        from: request.from.base58, to: request.to.base58, token: invoice.tokenKey, amount: amount,
        nowMs: nowMs)
      try store.run(
        "INSERT INTO refunds (\(Refund.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
          .text(refund.id), .text(refund.invoiceID), .text(refund.terms), .text(refund.state),
          .text(refund.txid), .text(refund.rawDataHex), .text(refund.from), .text(refund.to),
          .text(refund.token), .text(refund.amount.description), .null, .integer(nowMs),
          .integer(nowMs),
        ])
      try appendEvent(.refundCreated, invoice: try self.view(invoice, nowMs: nowMs), nowMs: nowMs) {
        json in
        json.fixedKey("refund")
        refund.write(to: &json)
      }
      return refund.json
    }
  }

  /// `tronpay_refund_submit`: stores the signatures of a built refund. One signature must be
  /// by `from`; several (a multi-signature account) are each checked to be well-formed and to
  /// recover, and the node decides the permission.
  func refundSubmit(refundID: String, signatures: [UInt8], count: Int, nowMs: Int64)
    throws(TronPayError) -> [UInt8]
  {
    guard count > 0, count <= 16, signatures.count == count &* RecoverableSignature.size else {
      throw TronPayError(.argument, "sig_count: expected 1…16 signatures of 65 bytes")
    }
    return try store.write { () throws(TronPayError) -> [UInt8] in
      guard
        let row = try store.first(
          "SELECT \(Refund.columns) FROM refunds WHERE id = ?", [.text(refundID)])
      else { throw TronPayError(.notFound, "no refund \(refundID)") }
      var refund = try Refund(row)
      guard refund.state == "built" || refund.state == "signed" else {
        throw TronPayError(.state, "refund \(refundID) is \(refund.state)")
      }
      let digest = try Hex.decode(refund.txid)
      var texts: [String] = []
      var signers = Set<String>()
      for k in 0..<count {
        let signature = Array(
          signatures[(k &* RecoverableSignature.size)..<((k &+ 1) &* RecoverableSignature.size)])
        let signer = try RecoverableSignature.recoverAddress(digest: digest, signature: signature)
        guard signers.insert(signer.base58).inserted else {
          throw TronPayError(.verify, "signature \(k) repeats a signer")
        }
        texts.append(Hex.encode(signature))
      }
      if count == 1 && !signers.contains(refund.from) {
        throw TronPayError(.verify, "the signature is not by \(refund.from), the refund's from")
      }
      refund.signatures = texts.joined(separator: ",")
      refund.state = "signed"
      refund.updatedAtMs = nowMs
      try store.run(
        "UPDATE refunds SET signatures = ?, state = 'signed', updated_at_ms = ? WHERE id = ?",
        [StoreValue(refund.signatures), .integer(nowMs), .text(refundID)])
      return refund.json
    }
  }

  func refundGet(refundID: String) throws(TronPayError) -> [UInt8] {
    try store.read { () throws(TronPayError) -> [UInt8] in
      guard
        let row = try store.first(
          "SELECT \(Refund.columns) FROM refunds WHERE id = ?", [.text(refundID)])
      else { throw TronPayError(.notFound, "no refund \(refundID)") }
      return try Refund(row).json
    }
  }

  /// Refunds whose transaction this block carries: confirmed when it succeeded, failed when
  /// it did not. Answers the events written.
  func confirmRefunds(in block: BlockHeader, report: TransferReport, nowMs: Int64)
    throws(TronPayError) -> Int
  {
    let open = try store.query(
      "SELECT \(Refund.columns) FROM refunds WHERE state IN ('built', 'signed', 'broadcast')", [])
    guard !open.isEmpty else { return 0 }
    let inBlock = Set(block.transactionIDs)
    var events = 0
    for row in open {
      var refund = try Refund(row)
      guard inBlock.contains(refund.txid) else { continue }
      let truth = (try? Stored.txid(refund.txid)).flatMap { report.facts(of: $0)?.truth }
      let succeeded: Bool
      switch truth {
      case .succeeded?: succeeded = true
      default: succeeded = false
      }
      refund.state = succeeded ? "confirmed" : "failed"
      refund.updatedAtMs = nowMs
      try store.run(
        "UPDATE refunds SET state = ?, confirmed_block = ?, updated_at_ms = ? WHERE id = ?",
        [.text(refund.state), .integer(block.number), .integer(nowMs), .text(refund.id)])
      guard let invoice = try invoice(id: refund.invoiceID) else { continue }
      try appendEvent(
        succeeded ? .refundConfirmed : .refundFailed, invoice: try view(invoice, nowMs: nowMs),
        nowMs: nowMs
      ) { json in
        json.fixedKey("refund")
        refund.write(to: &json)
      }
      events += 1
    }
    return events
  }
}
