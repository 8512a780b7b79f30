/// `protocol.TransferContract`: a TRX payment in sun.
public struct TransferContract: Equatable, Sendable {
  public var owner: [UInt8]
  public var to: [UInt8]
  public var amount: Int64

  public init(owner: [UInt8], to: [UInt8], amount: Int64) {
    self.owner = owner
    self.to = to
    self.amount = amount
  }
}

/// `protocol.TransferAssetContract`: a TRC-10 payment.
public struct TransferAssetContract: Equatable, Sendable {
  public var assetName: [UInt8]
  public var owner: [UInt8]
  public var to: [UInt8]
  public var amount: Int64

  public init(assetName: [UInt8], owner: [UInt8], to: [UInt8], amount: Int64) {
    self.assetName = assetName
    self.owner = owner
    self.to = to
    self.amount = amount
  }
}

/// `protocol.TriggerSmartContract`: a contract call (TRC-20 transfers among them).
public struct TriggerSmartContract: Equatable, Sendable {
  public var owner: [UInt8]
  public var contract: [UInt8]
  public var callValue: Int64
  public var data: [UInt8]
  public var callTokenValue: Int64
  public var tokenID: Int64

  public init(
    owner: [UInt8], contract: [UInt8], callValue: Int64 = 0, data: [UInt8],
    callTokenValue: Int64 = 0, tokenID: Int64 = 0
  ) {
    self.owner = owner
    self.contract = contract
    self.callValue = callValue
    self.data = data
    self.callTokenValue = callTokenValue
    self.tokenID = tokenID
  }
}

/// The parameter of a contract: decoded for the three kinds a payment engine handles, carried
/// as the bytes it came in for any other contract type.
public enum ContractPayload: Equatable, Sendable {
  case transfer(TransferContract)
  case transferAsset(TransferAssetContract)
  case triggerSmartContract(TriggerSmartContract)
  case opaque([UInt8])
}

/// `Transaction.Contract` with its `google.protobuf.Any` parameter.
public struct Contract: Equatable, Sendable {
  public var type: Int32
  public var typeURL: [UInt8]
  public var payload: ContractPayload
  public var permissionID: Int32

  public init(type: Int32, typeURL: [UInt8], payload: ContractPayload, permissionID: Int32 = 0) {
    self.type = type
    self.typeURL = typeURL
    self.payload = payload
    self.permissionID = permissionID
  }

  /// A contract of a supported type with its canonical type_url.
  public init(_ payload: ContractPayload, permissionID: Int32 = 0) {
    let type: Int32
    switch payload {
    case .transfer: type = ContractType.transfer
    case .transferAsset: type = ContractType.transferAsset
    case .triggerSmartContract: type = ContractType.triggerSmartContract
    case .opaque: type = -1
    }
    self.init(
      type: type, typeURL: ContractType.typeURL(type) ?? [], payload: payload,
      permissionID: permissionID)
  }

  /// The owner_address of the decoded kinds; nil for an opaque parameter.
  public var owner: [UInt8]? {
    switch payload {
    case .transfer(let c): return c.owner
    case .transferAsset(let c): return c.owner
    case .triggerSmartContract(let c): return c.owner
    case .opaque: return nil
    }
  }
}

/// `Transaction.raw`: what the txID hashes and what every signature signs. Fields java-tron
/// leaves unused (auths, scripts) are not modelled: a decoder skips them as unknown fields, and
/// the canonical check (`encoded() == bytes`) then reports such bytes as not reproducible.
public struct RawTransaction: Equatable, Sendable {
  public var refBlockBytes: [UInt8]
  public var refBlockNum: Int64
  public var refBlockHash: [UInt8]
  public var expiration: Int64
  /// The memo.
  public var data: [UInt8]
  public var contract: Contract
  public var timestamp: Int64
  public var feeLimit: Int64

  public init(
    refBlockBytes: [UInt8], refBlockNum: Int64 = 0, refBlockHash: [UInt8], expiration: Int64,
    data: [UInt8] = [], contract: Contract, timestamp: Int64 = 0, feeLimit: Int64 = 0
  ) {
    self.refBlockBytes = refBlockBytes
    self.refBlockNum = refBlockNum
    self.refBlockHash = refBlockHash
    self.expiration = expiration
    self.data = data
    self.contract = contract
    self.timestamp = timestamp
    self.feeLimit = feeLimit
  }
}
