import TronPay

/// What the planner keeps in memory between calls: requests in flight, blocks fetched but not
/// yet applied, the last heads it saw and when, and each provider's pace. Everything durable
/// (cursor, applied blocks, provider back-off, the lease) is in the store; losing this (a
/// restart) only costs requests made again.
final class SyncState {
  var counter: Int64 = 0
  /// This handle took the scanner lease at least once: close() gives it back.
  var tookLease = false
  var outstanding: [String: PlannedRequest] = [:]
  var lastRequestAtMs: [String: Int64] = [:]
  var rotation = 0
  var headCheckedAtMs: Int64? = nil
  var solidCheckedAtMs: Int64? = nil
  /// Fetched block answers by number, with whether they hold transactions.
  var blocks: [Int64: (bytes: [UInt8], hasTransactions: Bool)] = [:]
  /// Fetched blocks whose receipts were read and checked against them but that are not
  /// applied yet: catching up, a run of them is applied in one store transaction (one durable
  /// commit instead of one per block). Lost on a restart, like the blocks: asked again.
  var ready: [Int64: ParsedBlock] = [:]
  /// Txids whose look-up answered "not yet": not asked again before this time.
  var lookupRetryAtMs: [String: Int64] = [:]

  /// The time between head checks: one block slot.
  static let headIntervalMs: Int64 = 3_000
  static let leaseMs: Int64 = 30_000
  /// A held lease is written again once it has run this long since its last renewal.
  static let leaseRenewalMs: Int64 = 1_000
  /// At most this many blocks are held in memory ahead of the cursor.
  static let maxBuffered = 200
  /// At most this many blocks with receipts are held back to be applied together.
  static let maxBatch = 16
}
