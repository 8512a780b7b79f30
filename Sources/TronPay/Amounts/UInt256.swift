/// An unsigned 256-bit integer: the range of a TRC-20 amount. Exact decimal text in and out;
/// every operation reports overflow instead of trapping.
public struct UInt256: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Little-endian 64-bit limbs: `limbs.0` is the least significant.
  public private(set) var limbs: (UInt64, UInt64, UInt64, UInt64)

  public static let zero = UInt256(limbs: (0, 0, 0, 0))
  public static let max = UInt256(limbs: (.max, .max, .max, .max))
  /// Decimal digits of 2^256 − 1.
  public static let maxDecimalDigits = 78

  public init(limbs: (UInt64, UInt64, UInt64, UInt64)) { self.limbs = limbs }
  public init(_ value: UInt64) { self.limbs = (value, 0, 0, 0) }

  /// From 32 big-endian bytes (an ABI word); nil for any other length.
  public init?<C: Collection>(bigEndian bytes: C) where C.Element == UInt8 {
    guard bytes.count == 32 else { return nil }
    var words: [UInt64] = [0, 0, 0, 0]
    for (i, byte) in bytes.enumerated() {
      let limb = 3 - i / 8
      words[limb] = words[limb] << 8 | UInt64(byte)
    }
    limbs = (words[0], words[1], words[2], words[3])
  }

  public var bigEndianBytes: [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(32)
    for limb in [limbs.3, limbs.2, limbs.1, limbs.0] {
      for shift in stride(from: 56, through: 0, by: -8) {
        out.append(UInt8(truncatingIfNeeded: limb >> UInt64(shift)))
      }
    }
    return out
  }

  public var isZero: Bool { limbs.0 | limbs.1 | limbs.2 | limbs.3 == 0 }

  /// The value as a UInt64 when it fits.
  public var uint64: UInt64? { limbs.1 | limbs.2 | limbs.3 == 0 ? limbs.0 : nil }

  public static func == (a: UInt256, b: UInt256) -> Bool {
    a.limbs.0 == b.limbs.0 && a.limbs.1 == b.limbs.1 && a.limbs.2 == b.limbs.2
      && a.limbs.3 == b.limbs.3
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(limbs.0)
    hasher.combine(limbs.1)
    hasher.combine(limbs.2)
    hasher.combine(limbs.3)
  }

  public static func < (a: UInt256, b: UInt256) -> Bool {
    if a.limbs.3 != b.limbs.3 { return a.limbs.3 < b.limbs.3 }
    if a.limbs.2 != b.limbs.2 { return a.limbs.2 < b.limbs.2 }
    if a.limbs.1 != b.limbs.1 { return a.limbs.1 < b.limbs.1 }
    return a.limbs.0 < b.limbs.0
  }

  /// a + b, or nil on overflow.
  public func adding(_ other: UInt256) -> UInt256? {
    let (r0, c0) = limbs.0.addingReportingOverflow(other.limbs.0)
    let (s1, c1a) = limbs.1.addingReportingOverflow(other.limbs.1)
    let (r1, c1b) = s1.addingReportingOverflow(c0 ? 1 : 0)
    let (s2, c2a) = limbs.2.addingReportingOverflow(other.limbs.2)
    let (r2, c2b) = s2.addingReportingOverflow(c1a || c1b ? 1 : 0)
    let (s3, c3a) = limbs.3.addingReportingOverflow(other.limbs.3)
    let (r3, c3b) = s3.addingReportingOverflow(c2a || c2b ? 1 : 0)
    if c3a || c3b { return nil }
    return UInt256(limbs: (r0, r1, r2, r3))
  }

  /// a − b, or nil when b > a.
  public func subtracting(_ other: UInt256) -> UInt256? {
    let (r0, b0) = limbs.0.subtractingReportingOverflow(other.limbs.0)
    let (s1, b1a) = limbs.1.subtractingReportingOverflow(other.limbs.1)
    let (r1, b1b) = s1.subtractingReportingOverflow(b0 ? 1 : 0)
    let (s2, b2a) = limbs.2.subtractingReportingOverflow(other.limbs.2)
    let (r2, b2b) = s2.subtractingReportingOverflow(b1a || b1b ? 1 : 0)
    let (s3, b3a) = limbs.3.subtractingReportingOverflow(other.limbs.3)
    let (r3, b3b) = s3.subtractingReportingOverflow(b2a || b2b ? 1 : 0)
    if b3a || b3b { return nil }
    return UInt256(limbs: (r0, r1, r2, r3))
  }

  /// self × m + add for small m, or nil on overflow.
  public func multiplied(by m: UInt64, adding add: UInt64 = 0) -> UInt256? {
    let (l0, c0) = Self.multiplyAdding(limbs.0, m, add)
    let (l1, c1) = Self.multiplyAdding(limbs.1, m, c0)
    let (l2, c2) = Self.multiplyAdding(limbs.2, m, c1)
    let (l3, c3) = Self.multiplyAdding(limbs.3, m, c2)
    if c3 != 0 { return nil }
    return UInt256(limbs: (l0, l1, l2, l3))
  }

  /// limb × m + carry as (low limb, carry out).
  @inline(__always)
  private static func multiplyAdding(_ limb: UInt64, _ m: UInt64, _ carry: UInt64)
    -> (UInt64, UInt64)
  {
    let (high, low) = limb.multipliedFullWidth(by: m)
    let (sum, overflow) = low.addingReportingOverflow(carry)
    return (sum, high &+ (overflow ? 1 : 0))  // high ≤ 2^64 − 2, so this cannot wrap
  }

  /// (self / d, self % d) for a non-zero small divisor.
  public func dividedReportingRemainder(by d: UInt64) -> (quotient: UInt256, remainder: UInt64) {
    guard d != 0 else { return (.zero, 0) }
    // Each step divides (remainder < d, limb) by d, so every quotient fits one limb.
    let (q3, r3) = d.dividingFullWidth((0, limbs.3))
    let (q2, r2) = d.dividingFullWidth((r3, limbs.2))
    let (q1, r1) = d.dividingFullWidth((r2, limbs.1))
    let (q0, r0) = d.dividingFullWidth((r1, limbs.0))
    return (UInt256(limbs: (q0, q1, q2, q3)), r0)
  }

  /// Parses 1…78 ASCII decimal digits (leading zeros allowed); nil for anything else or ≥ 2^256.
  public init?<C: Collection>(decimal text: C) where C.Element == UInt8 {
    guard !text.isEmpty else { return nil }
    var value = UInt256.zero
    var significant = 0
    // Up to 19 digits gather in a UInt64 before touching the 256-bit value: one wide
    // multiply per 19 digits instead of one per digit.
    var chunk: UInt64 = 0
    var scale: UInt64 = 1
    for c in text {
      guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
      let digit = UInt64(c &- UInt8(ascii: "0"))
      if significant == 0 && digit == 0 { continue }
      significant &+= 1
      guard significant <= UInt256.maxDecimalDigits else { return nil }
      chunk = chunk &* 10 &+ digit
      scale = scale &* 10
      if scale == 10_000_000_000_000_000_000 {
        guard let next = value.multiplied(by: scale, adding: chunk) else { return nil }
        value = next
        chunk = 0
        scale = 1
      }
    }
    if scale > 1 {
      guard let next = value.multiplied(by: scale, adding: chunk) else { return nil }
      value = next
    }
    self = value
  }

  public init?(decimal text: String) { self.init(decimal: Array(text.utf8)) }

  /// Exact decimal digits, no leading zeros ("0" for zero).
  public var decimalDigits: [UInt8] {
    if isZero { return [UInt8(ascii: "0")] }
    var chunks: [UInt64] = []
    var rest = self
    let base: UInt64 = 10_000_000_000_000_000_000  // 10^19, the largest power of ten in a UInt64
    while !rest.isZero {
      let (q, r) = rest.dividedReportingRemainder(by: base)
      chunks.append(r)
      rest = q
    }
    var out = [UInt8]()
    for (i, chunk) in chunks.reversed().enumerated() {
      var digits = Array(String(chunk).utf8)
      if i > 0 { digits = [UInt8](repeating: UInt8(ascii: "0"), count: 19 - digits.count) + digits }
      out += digits
    }
    return out
  }

  public var description: String { String(decoding: decimalDigits, as: UTF8.self) }
}

extension UInt256 {
  /// Runs `body` on the decimal digits, built in stack memory below 2^64: the output writers
  /// print thousands of amounts per answer. Equal to `decimalDigits`.
  func withDecimalText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    guard var rest = uint64 else { return decimalDigits.withUnsafeBufferPointer(body) }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var first = 20
      repeat {
        first &-= 1
        digits[first] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
      } while rest > 0 && first > 0
      return body(UnsafeBufferPointer(rebasing: digits[first..<20]))
    }
  }
}
