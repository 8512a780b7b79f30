/// Why a record or a transfer does not count: the one table of the reason names every answer
/// prints (`skipped` of a parse, `rejected` of a check, and the engine's disputes).
public enum TransferReason: Sendable, Equatable {
  // What a parse finds in a record.
  case malformed
  /// A JSON-RPC log of an abandoned block (`removed:true`).
  case removed
  /// An internal transaction the VM rejected.
  case rejected
  /// A TRC-10 asset transfer: never TRX.
  case trc10
  /// A transaction with several contracts.
  case unsupported
  /// A transaction some record says failed.
  case failed
  /// A transaction whose records disagree.
  case inconsistent
  // What a check decides of a transfer.
  case foreignToken
  case notFinal
  case undated
  case late
  case early
  case belowMinimum
  case duplicate
  case ambiguous

  public var name: StaticString {
    switch self {
    case .malformed: return "malformed"
    case .removed: return "removed"
    case .rejected: return "rejected"
    case .trc10: return "trc10"
    case .unsupported: return "unsupported"
    case .failed: return "failed"
    case .inconsistent: return "inconsistent"
    case .foreignToken: return "foreign_token"
    case .notFinal: return "not_final"
    case .undated: return "undated"
    case .late: return "late"
    case .early: return "early"
    case .belowMinimum: return "below_minimum"
    case .duplicate: return "duplicate"
    case .ambiguous: return "ambiguous"
    }
  }

  /// How a check reports a skipped record of this reason: a TRC-10 transfer is a foreign token
  /// to an invoice, a rejected internal transaction a failed payment.
  var asRejection: TransferReason {
    switch self {
    case .trc10: return .foreignToken
    case .rejected: return .failed
    default: return self
    }
  }
}
