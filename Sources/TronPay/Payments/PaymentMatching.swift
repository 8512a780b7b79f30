/// The gates of a payment check, applied to one transfer at a time (payment-anchors §3.1).
///
/// The evidence was resolved first (`TransferReport.resolve`): every transaction is judged from
/// all of its records, and every transfer carries its credit identity (txid, token, from, to,
/// amount, ordinal). Then each transfer passes the same gates in order: one sighting per
/// identity is judged, the most direct one (node receipts, then node transactions, JSON-RPC,
/// indexers), the others are `duplicate`; an identity a `removed:true` log revoked is `removed`;
/// the recipient must be an invoice address (else `unmatched`); the token must be the invoice's
/// pinned contract or TRX (`foreign_token`); the transaction must have succeeded by every record
/// (`failed`) and its records must agree (`inconsistent`); the amount must reach the minimum
/// (`below_minimum`, which also covers zero-value poisoning); several open invoices on one
/// address are told apart by exact amount (`ambiguous` when that does not decide); evidence
/// without a receipt status only marks the invoice `detected` (`not_final`); an invoice with a
/// time window needs a trustworthy block time (`undated` otherwise), and a block stamped before
/// the invoice was created is `early`. Everything else becomes a credit, final when its block is
/// at or below the solidified block (or has the configured confirmations on top). Every lookup
/// is a hash index: work grows with transfers plus invoices, however they share addresses.
public struct PaymentMatching {
  /// What the gates decided for one transfer. `tronpay_payment_check` turns decisions into its
  /// verdict; the engine turns them into ledger rows. Both call `decide`, so there is one copy
  /// of every rule.
  public enum Decision: Sendable, Equatable {
    /// A sighting the check says nothing about (a repeat or a withdrawn log to an address that
    /// is no invoice's).
    case ignored
    /// Money to an address that is no invoice's: the check lists it as unmatched; the engine,
    /// which watches its own addresses only, passes it by.
    case elsewhere
    /// Money to an invoice address that no invoice takes.
    case unmatched
    /// Seen and refused; `invoice` is the invoice it pointed at, when one was chosen (such a
    /// transfer marks it `detected`: `not_final`, `undated`).
    case rejected(TransferReason, invoice: Int?)
    /// Counts towards `invoice` (an index into the request's invoices).
    case credited(invoice: Int, isFinal: Bool, isLate: Bool)
  }

  /// How far past `now_ms` a block time may lie (producers' clocks drift a little).
  static let clockSkewMs: Int64 = 60_000
  /// Block times are slot times: multiples of TRON's 3-second slot.
  static let slotMs: Int64 = 3_000

  private let request: PaymentRequest
  private let invoices: [PaymentRequest.Invoice]
  private let index: InvoiceIndex
  /// For each transfer, whether its identity is judged through it.
  private let representative: [Bool]
  /// Rejections and unmatched transfers so far; the invoices' verdicts come at settlement.
  private(set) var verdict = PaymentVerdict()
  private(set) var credits: CreditList
  /// Invoices that evidence pointed at without settling anything (`detected`).
  private(set) var hinted: [Bool]

  public init(_ request: PaymentRequest) {
    self.request = request
    invoices = request.invoices
    index = InvoiceIndex(request.invoices)
    let transfers = request.evidence.transfers
    representative = Self.representatives(transfers)
    credits = CreditList(expecting: min(transfers.count, invoices.count &* 4))
    hinted = [Bool](repeating: false, count: invoices.count)
  }

  mutating func consider(_ transfer: borrowing TokenTransfer, at position: Int) {
    switch decide(transfer, at: position) {
    case .ignored: break
    case .unmatched, .elsewhere: verdict.unmatched.append(copy transfer)
    case .rejected(let reason, let invoice):
      if let invoice, invoice >= 0, invoice < hinted.count { hinted[invoice] = true }
      reject(transfer, reason)
    case .credited(let invoice, let isFinal, let isLate):
      credits.append(
        PaymentVerdict.Credit(transfer, isFinal: isFinal, isLate: isLate), to: invoice)
    }
  }

  /// The gates, in order, for the transfer at `position` of the request's evidence.
  public mutating func decide(_ transfer: borrowing TokenTransfer, at position: Int) -> Decision {
    let ours = index.contains(transfer.to)
    guard position < representative.count, representative[position] else {
      return ours ? .rejected(.duplicate, invoice: nil) : .ignored
    }
    if !request.evidence.revoked.isEmpty,
      request.evidence.revoked.contains(CreditIdentity(transfer))
    {
      return ours ? .rejected(.removed, invoice: nil) : .ignored
    }
    guard ours else { return .elsewhere }
    let takers = index.takers(at: transfer.to, token: transfer.token)
    if takers.count == 0 { return .rejected(.foreignToken, invoice: nil) }
    switch request.evidence.facts(of: transfer.txid)?.truth {
    case .failed: return .rejected(.failed, invoice: nil)
    case .inconsistent: return .rejected(.inconsistent, invoice: nil)
    case .succeeded, .unknown, nil: break
    }
    if transfer.success == false { return .rejected(.failed, invoice: nil) }
    if transfer.amount < request.minAmount { return .rejected(.belowMinimum, invoice: nil) }
    let stamp = trustedTime(transfer.timestampMs)
    let chosen: Int
    if takers.count == 1 {
      chosen = takers.last
    } else {
      switch attributeOnce(transfer, stamp: stamp) {
      case .one(let k): chosen = k
      case .ambiguous: return .rejected(.ambiguous, invoice: nil)
      case .none: return .unmatched
      }
    }
    guard chosen >= 0, chosen < invoices.count else { return .ignored }
    guard transfer.success == true else { return .rejected(.notFinal, invoice: chosen) }
    let invoice = invoices[chosen]
    var late = false
    if invoice.createdAtMs != nil || invoice.expiresAtMs != nil {
      // A window is judged only against a time the chain vouches for.
      guard let stamp else { return .rejected(.undated, invoice: chosen) }
      if let created = invoice.createdAtMs, stamp < created {
        return .rejected(.early, invoice: nil)
      }
      if let expires = invoice.expiresAtMs { late = stamp > expires }
    }
    return .credited(invoice: chosen, isFinal: isFinal(transfer), isLate: late)
  }

  /// Records the parse skipped: reported only when they concern an invoice address (or cannot
  /// say whose they were). A failed or inconsistent transaction is reported through its
  /// transfers, each rejected with that reason.
  mutating func consider(_ record: SkippedRecord) {
    if let to = record.to {
      if !index.contains(to) { return }
    } else if record.logIndex == nil, record.reason == .failed || record.reason == .inconsistent {
      return
    }
    verdict.rejected.append(
      PaymentVerdict.Rejection(
        txid: record.txid, logIndex: record.logIndex, reason: record.reason.asRejection))
  }

  private mutating func reject(_ transfer: borrowing TokenTransfer, _ reason: TransferReason) {
    verdict.rejected.append(
      PaymentVerdict.Rejection(txid: transfer.txid, logIndex: transfer.logIndex, reason: reason))
  }

  // MARK: - Identity

  /// Of all sightings of one identity, the most direct: node-level before indexer summaries,
  /// then by origin, then the first in evidence order.
  private static func representatives(_ transfers: [TokenTransfer]) -> [Bool] {
    var best: [CreditIdentity: Int] = [:]
    best.reserveCapacity(transfers.count)
    func rank(_ k: Int) -> Int {
      (transfers[k].attested ? 0 : 8) &+ transfers[k].origin.rawValue
    }
    for k in transfers.indices {
      let identity = CreditIdentity(transfers[k])
      if let current = best[identity] {
        if rank(k) < rank(current) { best[identity] = k }
      } else {
        best[identity] = k
      }
    }
    var flags = [Bool](repeating: false, count: transfers.count)
    for (_, k) in best where k >= 0 && k < flags.count { flags[k] = true }
    return flags
  }

  // MARK: - Time, attribution and finality

  /// A block time the check may judge a window by: positive, on a slot boundary, and not
  /// beyond `now_ms` plus a little skew. Anything else dates nothing.
  private func trustedTime(_ ms: Int64?) -> Int64? {
    guard let ms, ms > 0, ms % Self.slotMs == 0 else { return nil }
    let (limit, overflow) = request.nowMs.addingReportingOverflow(Self.clockSkewMs)
    guard overflow || ms <= limit else { return nil }
    return ms
  }

  private enum Attribution {
    case one(Int)
    case ambiguous
    case none
  }

  private struct AttributionKey: Hashable {
    var to: Address
    var token: Address?
    var amount: UInt256
    var stamp: Int64?
  }

  /// Attributions decided so far: equal transfers at one time (a transaction of 50 000 equal
  /// dust logs) walk a long chain of same-amount invoices once, not once each.
  private var attributions: [AttributionKey: Attribution] = [:]

  private mutating func attributeOnce(_ transfer: borrowing TokenTransfer, stamp: Int64?)
    -> Attribution
  {
    let key = AttributionKey(
      to: transfer.to, token: transfer.token, amount: transfer.amount, stamp: stamp)
    if let known = attributions[key] { return known }
    let decided = attribute(transfer, stamp: stamp)
    attributions[key] = decided
    return decided
  }

  /// Several invoices on the address in the transfer's token: told apart by exact amount,
  /// inside their time window first (unique-amount mode). Without a trustworthy time every
  /// window counts as open.
  private func attribute(_ transfer: borrowing TokenTransfer, stamp: Int64?) -> Attribution {
    var exact = 0
    var exactOnly = -1
    var inWindow = 0
    var inWindowOnly = -1
    for k in index.due(transfer.amount, at: transfer.to, token: transfer.token) {
      exact &+= 1
      exactOnly = k
      if isOpen(invoices[k], at: stamp) {
        inWindow &+= 1
        inWindowOnly = k
        if inWindow > 1 { return .ambiguous }
      }
    }
    if inWindow == 1 { return .one(inWindowOnly) }
    if exact == 1 { return .one(exactOnly) }
    return exact == 0 ? .none : .ambiguous
  }

  private func isOpen(_ invoice: PaymentRequest.Invoice, at stamp: Int64?) -> Bool {
    guard let stamp else { return true }
    if let created = invoice.createdAtMs, stamp < created { return false }
    if let expires = invoice.expiresAtMs, stamp > expires { return false }
    return true
  }

  private func isFinal(_ transfer: borrowing TokenTransfer) -> Bool {
    guard let block = transfer.block, block <= request.headBlock else { return false }
    if block <= request.solidifiedBlock { return true }
    guard let needed = request.confirmations else { return false }
    return request.headBlock &- block >= needed
  }
}
