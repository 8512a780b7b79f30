/// `Transaction.Contract.ContractType` of core/Tron.proto: the names java-tron prints in JSON.
public enum ContractType {
  public static let transfer: Int32 = 1
  public static let transferAsset: Int32 = 2
  public static let triggerSmartContract: Int32 = 31

  /// The `type_url` prefix of every `google.protobuf.Any` parameter.
  public static let typeURLPrefix = "type.googleapis.com/protocol."

  private static let names: [Int32: String] = [
    0: "AccountCreateContract", 1: "TransferContract", 2: "TransferAssetContract",
    3: "VoteAssetContract", 4: "VoteWitnessContract", 5: "WitnessCreateContract",
    6: "AssetIssueContract", 8: "WitnessUpdateContract", 9: "ParticipateAssetIssueContract",
    10: "AccountUpdateContract", 11: "FreezeBalanceContract", 12: "UnfreezeBalanceContract",
    13: "WithdrawBalanceContract", 14: "UnfreezeAssetContract", 15: "UpdateAssetContract",
    16: "ProposalCreateContract", 17: "ProposalApproveContract", 18: "ProposalDeleteContract",
    19: "SetAccountIdContract", 20: "CustomContract", 30: "CreateSmartContract",
    31: "TriggerSmartContract", 32: "GetContract", 33: "UpdateSettingContract",
    41: "ExchangeCreateContract", 42: "ExchangeInjectContract", 43: "ExchangeWithdrawContract",
    44: "ExchangeTransactionContract", 45: "UpdateEnergyLimitContract",
    46: "AccountPermissionUpdateContract", 48: "ClearABIContract", 49: "UpdateBrokerageContract",
    51: "ShieldedTransferContract", 52: "MarketSellAssetContract",
    53: "MarketCancelOrderContract", 54: "FreezeBalanceV2Contract",
    55: "UnfreezeBalanceV2Contract", 56: "WithdrawExpireUnfreezeContract",
    57: "DelegateResourceContract", 58: "UnDelegateResourceContract",
    59: "CancelAllUnfreezeV2Contract",
  ]

  /// The enum name, or nil for a number Tron.proto does not define.
  public static func name(_ type: Int32) -> String? { names[type] }

  /// The enum value of a name, or nil.
  public static func value(named name: String) -> Int32? {
    names.first { $0.value == name }?.key
  }

  /// The type_urls of the decoded kinds, built once: decoding compares against them on every
  /// signature, so they must not be rebuilt per call.
  static let transferURL = Array((typeURLPrefix + "TransferContract").utf8)
  static let transferAssetURL = Array((typeURLPrefix + "TransferAssetContract").utf8)
  static let triggerSmartContractURL = Array((typeURLPrefix + "TriggerSmartContract").utf8)

  /// The canonical `type_url` of the parameter of a contract type.
  public static func typeURL(_ type: Int32) -> [UInt8]? {
    switch type {
    case transfer: return transferURL
    case transferAsset: return transferAssetURL
    case triggerSmartContract: return triggerSmartContractURL
    default:
      guard let name = names[type] else { return nil }
      return Array((typeURLPrefix + name).utf8)
    }
  }
}
