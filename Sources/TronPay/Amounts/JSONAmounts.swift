/// Amounts read from JSON numbers: the JSON layer keeps number text exact and knows nothing of
/// amounts; this is where the two meet.
extension JSONRef {
  /// Non-negative integer number text below 2^256.
  public var uint256Value: UInt256? {
    guard kind == .number else { return nil }
    return withText { UInt256(decimal: $0) } ?? nil
  }
}

extension JSONValue {
  /// The value of a non-negative integer number (no sign, fraction or exponent) below 2^256.
  public var uint256Value: UInt256? {
    guard case .number(let text) = self else { return nil }
    return UInt256(decimal: text.utf8)
  }
}
