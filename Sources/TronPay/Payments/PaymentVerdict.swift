/// The result of a payment check: one verdict per invoice, plus every transfer that touched an
/// invoice address without counting (with a reason) and every transfer to no invoice.
public struct PaymentVerdict: Sendable {
  public enum State: Sendable {
    case new, detected, partial, paid, overpaid
    case paidLate
    case expired

    /// The name the output prints.
    public var name: StaticString {
      switch self {
      case .new: return "new"
      case .detected: return "detected"
      case .partial: return "partial"
      case .paid: return "paid"
      case .overpaid: return "overpaid"
      case .paidLate: return "paid_late"
      case .expired: return "expired"
      }
    }
  }

  /// A transfer counted towards an invoice: what the response names of it, not the whole
  /// transfer (a check of 100k payments copies these around).
  public struct Credit: Sendable {
    public var txid: TransactionID
    public var logIndex: Int64?
    public var ordinal: Int64
    public var amount: UInt256
    public var block: Int64?
    public var isFinal: Bool
    /// Stamped after the invoice's expiry.
    public var isLate: Bool

    public init(
      txid: TransactionID, logIndex: Int64?, ordinal: Int64, amount: UInt256, block: Int64?,
      isFinal: Bool, isLate: Bool
    ) {
      self.txid = txid
      self.logIndex = logIndex
      self.ordinal = ordinal
      self.amount = amount
      self.block = block
      self.isFinal = isFinal
      self.isLate = isLate
    }

    init(_ transfer: borrowing TokenTransfer, isFinal: Bool, isLate: Bool) {
      txid = transfer.txid
      logIndex = transfer.logIndex
      ordinal = transfer.ordinal
      amount = transfer.amount
      block = transfer.block
      self.isFinal = isFinal
      self.isLate = isLate
    }
  }

  public struct InvoiceVerdict: Sendable {
    public var id: String
    public var state: State
    public var due: UInt256
    public var received: ExactSum
    public var receivedFinal: ExactSum
    /// A slice of one array shared by all invoices: a check of 100k invoices allocates once.
    public var credits: ArraySlice<Credit>
  }

  public struct Rejection: Sendable {
    /// nil for a skipped record that carried no readable txid.
    public var txid: TransactionID?
    public var logIndex: Int64?
    /// `foreign_token`, `failed`, `inconsistent`, `not_final`, `undated`, `late`, `early`,
    /// `below_minimum`, `duplicate`, `malformed`, `ambiguous`, `removed`, `unsupported`.
    public var reason: TransferReason
  }

  public var invoices: [InvoiceVerdict] = []
  public var rejected: [Rejection] = []
  public var unmatched: [TokenTransfer] = []
}
