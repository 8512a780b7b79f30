/// A transaction id: the 32-byte SHA-256 of a transaction's raw data, kept inline (four words)
/// like `Address`, so a transfer, a credit or an index key holds no array of its own and hashes
/// four integers.
public struct TransactionID: Hashable, Sendable, CustomStringConvertible {
  public static let size = 32
  /// The bytes in memory order.
  private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

  /// nil unless `bytes` holds exactly 32 bytes.
  public init?<C: Collection>(bytes: C) where C.Element == UInt8 {
    guard bytes.count == Self.size else { return nil }
    withUnsafeMutableBytes(of: &words) { target in
      for (k, byte) in bytes.enumerated() where k < target.count { target[k] = byte }
    }
  }

  /// Fills the 32 bytes in place (`fill` returns false to refuse).
  init?(filling fill: (UnsafeMutableBufferPointer<UInt8>) -> Bool) {
    let filled = withUnsafeMutableBytes(of: &words) { raw in
      fill(raw.bindMemory(to: UInt8.self))
    }
    guard filled else { return nil }
  }

  public var bytes: [UInt8] { withUnsafeBytes(of: words) { Array($0) } }

  public static func == (a: TransactionID, b: TransactionID) -> Bool {
    a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2
      && a.words.3 == b.words.3
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(words.0)
    hasher.combine(words.1)
    hasher.combine(words.2)
    hasher.combine(words.3)
  }

  /// Runs `body` on the 64 lower-case hex digits, built in stack memory.
  func withHex<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    withUnsafeBytes(of: words) { raw in Hex.withLowercase(raw, body) }
  }

  public var description: String { withHex { String(decoding: $0, as: UTF8.self) } }
}
