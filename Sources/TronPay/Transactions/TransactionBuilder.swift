/// Builds raw_data offline for the transactions a payment engine sends.
public enum TransactionBuilder {
  /// A TRX payment. java-tron refuses amounts ≤ 0 and payments to oneself: so does this.
  public static func transfer(
    owner: Address, to: Address, amount: Int64, options: TransactionOptions
  ) throws(TronPayError) -> RawTransaction {
    guard amount > 0 else { throw TronPayError(.amount, "a TRX amount must be > 0 sun") }
    guard owner != to else {
      throw TronPayError(.transaction, "owner and recipient are the same address")
    }
    let contract = TransferContract(owner: owner.bytes, to: to.bytes, amount: amount)
    return try raw(.transfer(contract), options)
  }

  /// A TRC-20 `transfer(to, amount)` call on `token`; call value 0.
  public static func trc20Transfer(
    owner: Address, token: Address, to: Address, amount: UInt256, options: TransactionOptions
  ) throws(TronPayError) -> RawTransaction {
    let data = TRC20Call.transfer(to: to, amount: amount).encoded
    return try trigger(owner: owner, contract: token, callValue: 0, data: data, options: options)
  }

  /// Any contract call.
  public static func trigger(
    owner: Address, contract: Address, callValue: Int64, data: [UInt8],
    options: TransactionOptions
  ) throws(TronPayError) -> RawTransaction {
    guard callValue >= 0 else { throw TronPayError(.amount, "call_value_sun is negative") }
    let call = TriggerSmartContract(
      owner: owner.bytes, contract: contract.bytes, callValue: callValue, data: data)
    return try raw(.triggerSmartContract(call), options)
  }

  private static func raw(_ payload: ContractPayload, _ options: TransactionOptions)
    throws(TronPayError) -> RawTransaction
  {
    try options.validate()
    return RawTransaction(
      refBlockBytes: options.refBlockBytes, refBlockHash: options.refBlockHash,
      expiration: options.expiration, data: options.memo,
      contract: Contract(payload, permissionID: options.permissionID),
      timestamp: options.timestamp, feeLimit: options.feeLimit)
  }
}
