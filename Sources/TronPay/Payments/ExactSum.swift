/// A sum of amounts that never saturates: a 256-bit part and a count of carries out of it.
/// However many credits an invoice gathers, `received` is exact, so an overpayment beyond
/// 2^256 − 1 is still an overpayment.
public struct ExactSum: Sendable, Equatable {
  public private(set) var low = UInt256.zero
  /// Multiples of 2^256; one per credit at most, so it cannot outgrow 64 bits.
  public private(set) var carries: UInt64 = 0

  public init() {}

  public mutating func add(_ amount: UInt256) {
    if let sum = low.adding(amount) {
      low = sum
      return
    }
    // low + amount overflowed: keep the remainder below 2^256 and carry one.
    let room = UInt256.max.subtracting(low) ?? .zero
    low = (amount.subtracting(room) ?? .zero).subtracting(UInt256(1)) ?? .zero
    carries = carries < UInt64.max ? carries &+ 1 : carries
  }

  public var isZero: Bool { carries == 0 && low.isZero }

  public func reaches(_ amount: UInt256) -> Bool { carries > 0 || low >= amount }

  public func exceeds(_ amount: UInt256) -> Bool { carries > 0 || low > amount }

  /// Decimal text, exact at any size.
  public var decimal: String {
    guard carries > 0 else { return low.description }
    // carries × 2^256 + low, as five little-endian limbs, divided down by 10^19.
    var limbs: [UInt64] = [low.limbs.0, low.limbs.1, low.limbs.2, low.limbs.3, carries]
    var chunks: [UInt64] = []
    let base: UInt64 = 10_000_000_000_000_000_000
    while limbs.contains(where: { $0 != 0 }) {
      var remainder: UInt64 = 0
      for k in limbs.indices.reversed() {
        let (quotient, rest) = base.dividingFullWidth((remainder, limbs[k]))
        limbs[k] = quotient
        remainder = rest
      }
      chunks.append(remainder)
    }
    var text = ""
    for (k, chunk) in chunks.reversed().enumerated() {
      let digits = String(chunk)
      if k > 0 { text += String(repeating: "0", count: 19 &- digits.count) }
      text += digits
    }
    return text
  }
}
