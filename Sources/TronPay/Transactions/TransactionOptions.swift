/// What every built transaction needs besides its contract: the TaPoS reference, the time
/// window, the fee limit, a memo and the permission.
public struct TransactionOptions: Sendable {
  /// The 32-byte id of a recent block (8-byte big-endian number ‖ 24 bytes of its hash).
  public var refBlockID: [UInt8]
  /// raw_data.timestamp in ms; 0 leaves it out.
  public var timestamp: Int64
  /// raw_data.expiration in ms; > 0, and > timestamp when that is set.
  public var expiration: Int64
  /// raw_data.fee_limit in sun; 0 leaves it out. Never defaulted: it caps the TRX a contract
  /// call may burn, and a too-low one burns TRX and moves nothing.
  public var feeLimit: Int64
  /// raw_data.data.
  public var memo: [UInt8]
  /// Contract.Permission_id; 0 (owner) leaves it out.
  public var permissionID: Int32

  public init(
    refBlockID: [UInt8], timestamp: Int64 = 0, expiration: Int64, feeLimit: Int64 = 0,
    memo: [UInt8] = [], permissionID: Int32 = 0
  ) {
    self.refBlockID = refBlockID
    self.timestamp = timestamp
    self.expiration = expiration
    self.feeLimit = feeLimit
    self.memo = memo
    self.permissionID = permissionID
  }

  /// E_ARG naming the first option out of range.
  public func validate() throws(TronPayError) {
    guard refBlockID.count == 32 else {
      throw TronPayError(.argument, "ref_block_id must be 32 bytes")
    }
    guard timestamp >= 0 else { throw TronPayError(.argument, "timestamp_ms is negative") }
    guard expiration > 0 else { throw TronPayError(.argument, "expiration_ms must be > 0") }
    guard timestamp == 0 || expiration > timestamp else {
      throw TronPayError(.argument, "expiration_ms must be later than timestamp_ms")
    }
    guard feeLimit >= 0 else { throw TronPayError(.argument, "fee_limit_sun is negative") }
    guard permissionID >= 0 else { throw TronPayError(.argument, "permission_id is negative") }
  }

  /// ref_block_bytes: the low two bytes of the block number (bytes 6..8 of the id); empty
  /// for an id of the wrong size, which `validate()` refuses.
  var refBlockBytes: [UInt8] { refBlockID.count == 32 ? Array(refBlockID[6..<8]) : [] }
  /// ref_block_hash: bytes 8..16 of the id.
  var refBlockHash: [UInt8] { refBlockID.count == 32 ? Array(refBlockID[8..<16]) : [] }
}
