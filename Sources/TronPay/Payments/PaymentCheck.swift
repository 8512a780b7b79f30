/// The pure payment verdict (payment-anchors §3.1, API.md): deterministic, offline, no state.
///
/// Every transfer passes the same gates in order: one evidence family per transaction (node
/// receipts over JSON-RPC over indexers, whose log indexes are other namespaces); identity
/// (txid, source, position) counted once; the recipient must be an invoice address (else
/// `unmatched`); the token must be the invoice's pinned contract or TRX (`foreign_token`);
/// the execution must have succeeded (`failed`); the amount must reach the minimum
/// (`below_minimum`, which also covers zero-value poisoning); several open invoices on one
/// address are told apart by exact amount (`ambiguous` when that does not decide); evidence
/// without a receipt status only marks the invoice `detected` (`not_final`); a block stamped
/// before the invoice was created is `early`. Everything else becomes a credit, final when its
/// block is at or below the solidified block (or has the configured confirmations on top).
/// Matching uses hash indexes throughout: work grows with transfers plus invoices.
public enum PaymentCheck {
  /// What names one movement: counted once however many times the evidence repeats it.
  private struct Identity: Hashable {
    var txid: ByteKey
    var kind: UInt8
    var position: Int64
  }

  /// An indexer item without a log index: what it claims names it, so two claims stay apart.
  private struct Claim: Hashable {
    var txid: ByteKey
    var claim: [UInt8]
  }

  private struct Family {
    var logs = Int.max
    var internals = Int.max
  }

  public static func run(_ request: PaymentRequest) -> PaymentVerdict {
    var verdict = PaymentVerdict()
    let invoices = request.invoices
    let byAddress = InvoiceIndex(invoices)
    let transfers = request.evidence.transfers
    // One evidence family everywhere (the usual request) means every record is preferred.
    let families = hasSeveralOrigins(transfers) ? bestFamilies(transfers) : [:]
    var credits = CreditList(expecting: min(transfers.count, invoices.count &* 4))
    var hinted = [Bool](repeating: false, count: invoices.count)
    var seen = Set<Identity>()
    seen.reserveCapacity(transfers.count)
    var claims = Set<Claim>()

    func reject(_ transfer: TokenTransfer, _ reason: String) {
      verdict.rejected.append(
        PaymentVerdict.Rejection(txid: transfer.txid, logIndex: transfer.logIndex, reason: reason))
    }

    for transfer in transfers {
      let first = byAddress.first(at: transfer.to)
      if !isPreferred(transfer, families) || !isFirstSighting(transfer, &seen, &claims) {
        if first != nil { reject(transfer, "duplicate") }
        continue
      }
      guard let first else {
        verdict.unmatched.append(transfer)
        continue
      }
      var sameToken = 0
      var last = first
      for k in byAddress.chain(from: first) where invoices[k].token == transfer.token {
        sameToken &+= 1
        last = k
      }
      if sameToken == 0 {
        reject(transfer, "foreign_token")
        continue
      }
      if transfer.success == false {
        reject(transfer, "failed")
        continue
      }
      if transfer.amount < request.minAmount {
        reject(transfer, "below_minimum")
        continue
      }
      let chosen: Int
      if sameToken == 1 {
        chosen = last
      } else {
        let candidates = byAddress.chain(from: first).filter {
          invoices[$0].token == transfer.token
        }
        switch attribute(transfer, candidates, invoices) {
        case .one(let k): chosen = k
        case .ambiguous:
          reject(transfer, "ambiguous")
          continue
        case .none:
          verdict.unmatched.append(transfer)
          continue
        }
      }
      let invoice = invoices[chosen]
      guard transfer.success == true else {
        hinted[chosen] = true
        reject(transfer, "not_final")
        continue
      }
      if let stamp = transfer.timestampMs, let created = invoice.createdAtMs, stamp < created {
        reject(transfer, "early")
        continue
      }
      var late = false
      if let stamp = transfer.timestampMs, let expires = invoice.expiresAtMs {
        late = stamp > expires
      }
      credits.append(
        PaymentVerdict.Credit(
          transfer, isFinal: isFinal(transfer, request), isLate: late),
        to: chosen)
    }

    for record in request.evidence.skipped {
      if let to = record.to, byAddress.first(at: to) == nil { continue }
      let reason: String
      switch record.reason {
      case "trc10": reason = "foreign_token"
      case "rejected": reason = "failed"
      default: reason = record.reason
      }
      verdict.rejected.append(
        PaymentVerdict.Rejection(txid: record.txid, logIndex: record.logIndex, reason: reason))
    }

    let grouped = credits.grouped(invoiceCount: invoices.count)
    verdict.invoices.reserveCapacity(invoices.count)
    for (k, invoice) in invoices.enumerated() {
      verdict.invoices.append(
        settle(
          invoice, grouped.credits(of: k), hinted: hinted[k], request,
          rejected: &verdict.rejected))
    }
    return verdict
  }

  // MARK: - Gates

  /// The best evidence family seen for each transaction, for logs and internal transfers.
  private static func bestFamilies(_ transfers: [TokenTransfer]) -> [ByteKey: Family] {
    var families: [ByteKey: Family] = [:]
    families.reserveCapacity(transfers.count)
    for transfer in transfers {
      let rank = transfer.origin.rawValue
      switch transfer.source {
      case .log, .indexer:
        let key = ByteKey(transfer.txid)
        let current = families[key]?.logs ?? Int.max
        families[key, default: Family()].logs = min(current, rank)
      case .internal:
        let key = ByteKey(transfer.txid)
        let current = families[key]?.internals ?? Int.max
        families[key, default: Family()].internals = min(current, rank)
      case .transferContract:
        continue
      }
    }
    return families
  }

  private static func isPreferred(_ transfer: TokenTransfer, _ families: [ByteKey: Family]) -> Bool
  {
    guard let family = families[ByteKey(transfer.txid)] else { return true }
    switch transfer.source {
    case .log, .indexer: return transfer.origin.rawValue == family.logs
    case .internal: return transfer.origin.rawValue == family.internals
    case .transferContract: return true
    }
  }

  private static func hasSeveralOrigins(_ transfers: [TokenTransfer]) -> Bool {
    guard let origin = transfers.first?.origin else { return false }
    return transfers.contains { $0.origin != origin }
  }

  /// Inserts the transfer's identity; false when the evidence already named this movement.
  private static func isFirstSighting(
    _ transfer: TokenTransfer, _ seen: inout Set<Identity>, _ claims: inout Set<Claim>
  ) -> Bool {
    let txid = ByteKey(transfer.txid)
    switch transfer.source {
    case .log:
      return seen.insert(Identity(txid: txid, kind: 0, position: transfer.position)).inserted
    case .transferContract:
      return seen.insert(Identity(txid: txid, kind: 1, position: transfer.position)).inserted
    case .internal:
      return seen.insert(Identity(txid: txid, kind: 2, position: transfer.position)).inserted
    case .indexer:
      if let index = transfer.logIndex {
        return seen.insert(Identity(txid: txid, kind: 0, position: index)).inserted
      }
      let claim =
        (transfer.token?.bytes ?? []) + transfer.from.bytes + transfer.to.bytes
        + transfer.amount.bigEndianBytes
      return claims.insert(Claim(txid: txid, claim: claim)).inserted
    }
  }

  private enum Attribution {
    case one(Int)
    case ambiguous
    case none
  }

  /// One invoice on the address takes every transfer to it (unique-address mode); several are
  /// told apart by exact amount, inside their time window first (unique-amount mode).
  private static func attribute(
    _ transfer: TokenTransfer, _ candidates: [Int], _ invoices: [PaymentRequest.Invoice]
  ) -> Attribution {
    if candidates.count == 1, let only = candidates.first { return .one(only) }
    let exact = candidates.filter { invoices[$0].due == transfer.amount }
    let inWindow = exact.filter { k in
      guard let stamp = transfer.timestampMs else { return true }
      if let created = invoices[k].createdAtMs, stamp < created { return false }
      if let expires = invoices[k].expiresAtMs, stamp > expires { return false }
      return true
    }
    for group in [inWindow, exact] where !group.isEmpty {
      if group.count == 1, let only = group.first { return .one(only) }
      return .ambiguous
    }
    return .none
  }

  private static func isFinal(_ transfer: TokenTransfer, _ request: PaymentRequest) -> Bool {
    guard let block = transfer.block, block <= request.headBlock else { return false }
    if block <= request.solidifiedBlock { return true }
    guard let needed = request.confirmations else { return false }
    return request.headBlock &- block >= needed
  }

  // MARK: - Settlement

  private static func settle(
    _ invoice: PaymentRequest.Invoice, _ credits: ArraySlice<PaymentVerdict.Credit>, hinted: Bool,
    _ request: PaymentRequest, rejected: inout [PaymentVerdict.Rejection]
  ) -> PaymentVerdict.InvoiceVerdict {
    let minimumDue = minimumDue(invoice)
    var inWindowFinal = UInt256.zero
    for credit in credits where credit.isFinal && !credit.isLate {
      inWindowFinal = saturatingSum(inWindowFinal, credit.amount)
    }
    // Settled in time: anything stamped after the expiry is a separate late payment to refund.
    let settledInTime = inWindowFinal >= minimumDue
    let dropsLate = settledInTime && credits.contains { $0.isLate }
    var kept = dropsLate ? [] : credits
    var received = UInt256.zero
    var receivedFinal = UInt256.zero
    var lateNeeded = false
    for credit in credits {
      if dropsLate && credit.isLate {
        rejected.append(
          PaymentVerdict.Rejection(
            txid: credit.txid, logIndex: credit.logIndex, reason: "late"))
        continue
      }
      if dropsLate { kept.append(credit) }
      received = saturatingSum(received, credit.amount)
      if credit.isFinal {
        receivedFinal = saturatingSum(receivedFinal, credit.amount)
        if credit.isLate { lateNeeded = true }
      }
    }
    let state: PaymentVerdict.State
    if receivedFinal >= minimumDue {
      if !settledInTime && lateNeeded {
        state = .paidLate
      } else {
        state = receivedFinal > invoice.due ? .overpaid : .paid
      }
    } else if received >= minimumDue {
      state = .detected
    } else if !receivedFinal.isZero {
      state = .partial
    } else if !received.isZero || hinted {
      state = .detected
    } else if let expires = invoice.expiresAtMs, request.nowMs > expires {
      state = .expired
    } else {
      state = .new
    }
    return PaymentVerdict.InvoiceVerdict(
      id: invoice.id, state: state, due: invoice.due, received: received,
      receivedFinal: receivedFinal, credits: kept)
  }

  /// due − ⌊due × bps / 10000⌋, computed without overflow at any size.
  static func minimumDue(_ invoice: PaymentRequest.Invoice) -> UInt256 {
    let bps = UInt64(clamping: invoice.toleranceBps)
    let (quotient, remainder) = invoice.due.dividedReportingRemainder(by: 10_000)
    let whole = quotient.multiplied(by: bps) ?? .max
    let part = UInt256((remainder &* bps) / 10_000)
    let allowance = whole.adding(part) ?? .max
    return invoice.due.subtracting(allowance) ?? .zero
  }

  private static func saturatingSum(_ a: UInt256, _ b: UInt256) -> UInt256 {
    a.adding(b) ?? .max
  }
}
