/// What a transfer says moved: token (nil for TRX), sender, recipient and amount. Every source
/// of one movement agrees on it, whatever its own numbering of logs.
public struct TransferClaim: Hashable, Sendable {
  public var token: Address?
  public var from: Address
  public var to: Address
  public var amount: UInt256
}

/// One movement in the ledger's terms (ENGINE.md, "One credit identity"): the transaction, the
/// claim, and the ordinal among equal claims of that transaction. A node receipt, a JSON-RPC
/// log and a TronGrid item of one movement have the same identity, so it is counted once.
public struct CreditIdentity: Hashable, Sendable {
  public let txid: TransactionID
  public let claim: TransferClaim
  public let ordinal: Int64

  public init(_ transfer: borrowing TokenTransfer) {
    txid = transfer.txid
    claim = transfer.claim
    ordinal = transfer.ordinal
  }
}
