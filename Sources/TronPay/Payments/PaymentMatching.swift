/// The gates of a payment check, applied to one transfer at a time (payment-anchors §3.1).
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
struct PaymentMatching {
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

  private let request: PaymentRequest
  private let invoices: [PaymentRequest.Invoice]
  private let byAddress: InvoiceIndex
  private let families: [ByteKey: Family]
  private var seen = Set<Identity>()
  private var claims = Set<Claim>()
  /// Rejections and unmatched transfers so far; the invoices' verdicts come at settlement.
  private(set) var verdict = PaymentVerdict()
  private(set) var credits: CreditList
  /// Invoices that evidence without a receipt status pointed at (`detected`).
  private(set) var hinted: [Bool]

  init(_ request: PaymentRequest) {
    self.request = request
    invoices = request.invoices
    byAddress = InvoiceIndex(request.invoices)
    let transfers = request.evidence.transfers
    // One evidence family everywhere (the usual request) means every record is preferred.
    families = Self.hasSeveralOrigins(transfers) ? Self.bestFamilies(transfers) : [:]
    seen.reserveCapacity(transfers.count)
    credits = CreditList(expecting: min(transfers.count, invoices.count &* 4))
    hinted = [Bool](repeating: false, count: invoices.count)
  }

  mutating func consider(_ transfer: borrowing TokenTransfer) {
    let first = byAddress.first(at: transfer.to)
    if !isPreferred(transfer) || !isFirstSighting(transfer) {
      if first != nil { reject(transfer, "duplicate") }
      return
    }
    guard let first else {
      verdict.unmatched.append(copy transfer)
      return
    }
    var sameToken = 0
    var last = first
    for k in byAddress.chain(from: first) where invoices[k].token == transfer.token {
      sameToken &+= 1
      last = k
    }
    if sameToken == 0 { return reject(transfer, "foreign_token") }
    if transfer.success == false { return reject(transfer, "failed") }
    if transfer.amount < request.minAmount { return reject(transfer, "below_minimum") }
    let chosen: Int
    if sameToken == 1 {
      chosen = last
    } else {
      switch attribute(transfer, among: first) {
      case .one(let k): chosen = k
      case .ambiguous: return reject(transfer, "ambiguous")
      case .none:
        verdict.unmatched.append(copy transfer)
        return
      }
    }
    guard transfer.success == true else {
      hinted[chosen] = true
      return reject(transfer, "not_final")
    }
    let invoice = invoices[chosen]
    if let stamp = transfer.timestampMs, let created = invoice.createdAtMs, stamp < created {
      return reject(transfer, "early")
    }
    var late = false
    if let stamp = transfer.timestampMs, let expires = invoice.expiresAtMs {
      late = stamp > expires
    }
    credits.append(
      PaymentVerdict.Credit(transfer, isFinal: isFinal(transfer), isLate: late), to: chosen)
  }

  /// Records the parse skipped: reported only when they concern an invoice address (or cannot
  /// say whose they were).
  mutating func consider(_ record: SkippedRecord) {
    if let to = record.to, byAddress.first(at: to) == nil { return }
    let reason: String
    switch record.reason {
    case "trc10": reason = "foreign_token"
    case "rejected": reason = "failed"
    default: reason = record.reason
    }
    verdict.rejected.append(
      PaymentVerdict.Rejection(txid: record.txid, logIndex: record.logIndex, reason: reason))
  }

  private mutating func reject(_ transfer: borrowing TokenTransfer, _ reason: String) {
    verdict.rejected.append(
      PaymentVerdict.Rejection(txid: transfer.txid, logIndex: transfer.logIndex, reason: reason))
  }

  // MARK: - Evidence families and identity

  private static func hasSeveralOrigins(_ transfers: [TokenTransfer]) -> Bool {
    guard let origin = transfers.first?.origin else { return false }
    return transfers.contains { $0.origin != origin }
  }

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

  private func isPreferred(_ transfer: borrowing TokenTransfer) -> Bool {
    guard let family = families[ByteKey(transfer.txid)] else { return true }
    switch transfer.source {
    case .log, .indexer: return transfer.origin.rawValue == family.logs
    case .internal: return transfer.origin.rawValue == family.internals
    case .transferContract: return true
    }
  }

  /// Inserts the transfer's identity; false when the evidence already named this movement.
  private mutating func isFirstSighting(_ transfer: borrowing TokenTransfer) -> Bool {
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

  // MARK: - Attribution and finality

  private enum Attribution {
    case one(Int)
    case ambiguous
    case none
  }

  /// Several invoices on the address in the transfer's token: told apart by exact amount,
  /// inside their time window first (unique-amount mode).
  private func attribute(_ transfer: borrowing TokenTransfer, among first: Int) -> Attribution {
    let token = transfer.token
    let amount = transfer.amount
    let stamp = transfer.timestampMs
    let exact = byAddress.chain(from: first).filter {
      invoices[$0].token == token && invoices[$0].due == amount
    }
    let inWindow = exact.filter { k in
      guard let stamp else { return true }
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

  private func isFinal(_ transfer: borrowing TokenTransfer) -> Bool {
    guard let block = transfer.block, block <= request.headBlock else { return false }
    if block <= request.solidifiedBlock { return true }
    guard let needed = request.confirmations else { return false }
    return request.headBlock &- block >= needed
  }
}
