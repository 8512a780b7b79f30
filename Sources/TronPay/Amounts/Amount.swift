/// Conversion between human amounts ("12.5") and integer base units ("12500000"), exact.
public enum Amount {
  /// Largest `decimals` accepted. TRC-20 `decimals()` is a uint8, so no real token exceeds it,
  /// and the bound keeps every output small.
  public static let maxDecimals: UInt32 = 255

  /// "12.5" with 6 decimals → 12500000. Digits with at most one point and digits on both sides
  /// of it; no sign, exponent, space or separator; at most `decimals` fraction digits.
  public static func toBaseUnits(_ text: [UInt8], decimals: UInt32) throws(TronPayError) -> UInt256
  {
    guard decimals <= maxDecimals else {
      throw TronPayError(.argument, "decimals above \(maxDecimals)")
    }
    guard !text.isEmpty else { throw TronPayError(.amount, "empty amount") }
    var integerPart = ArraySlice(text)
    var fraction = ArraySlice<UInt8>()
    if let point = text.firstIndex(of: UInt8(ascii: ".")) {
      integerPart = text[..<point]
      fraction = text[(point + 1)...]
      guard !integerPart.isEmpty, !fraction.isEmpty else {
        throw TronPayError(.amount, "a decimal point needs digits on both sides")
      }
    }
    for c in integerPart + fraction where !(c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) {
      throw TronPayError(.amount, "only digits and one decimal point are allowed")
    }
    guard fraction.count <= Int(decimals) else {
      throw TronPayError(.amount, "more fraction digits than the token's \(decimals) decimals")
    }
    let digits = Array(integerPart + fraction).drop { $0 == UInt8(ascii: "0") }
    if digits.isEmpty { return .zero }
    let padding = Int(decimals) - fraction.count
    guard digits.count + padding <= UInt256.maxDecimalDigits else {
      throw TronPayError(.amount, "amount is 2^256 or more base units")
    }
    let all = Array(digits) + [UInt8](repeating: UInt8(ascii: "0"), count: padding)
    guard let value = UInt256(decimal: all) else {
      throw TronPayError(.amount, "amount is 2^256 or more base units")
    }
    return value
  }

  /// 12500000 with 6 decimals → "12.5": no trailing zeros, no trailing point.
  public static func fromBaseUnits(_ value: UInt256, decimals: UInt32) throws(TronPayError)
    -> String
  {
    guard decimals <= maxDecimals else {
      throw TronPayError(.argument, "decimals above \(maxDecimals)")
    }
    var digits = value.decimalDigits
    let places = Int(decimals)
    if places == 0 { return String(decoding: digits, as: UTF8.self) }
    if digits.count <= places {
      digits = [UInt8](repeating: UInt8(ascii: "0"), count: places - digits.count + 1) + digits
    }
    let split = digits.count - places
    var fraction = Array(digits[split...])
    while let last = fraction.last, last == UInt8(ascii: "0") { fraction.removeLast() }
    var text = Array(digits[..<split])
    if !fraction.isEmpty { text += [UInt8(ascii: ".")] + fraction }
    return String(decoding: text, as: UTF8.self)
  }

  /// Parses base-unit text: 1…78 decimal digits, below 2^256.
  public static func parseBaseUnits(_ text: [UInt8]) throws(TronPayError) -> UInt256 {
    guard !text.isEmpty else { throw TronPayError(.amount, "empty amount") }
    guard text.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
      throw TronPayError(.amount, "base units are decimal digits only")
    }
    guard let value = UInt256(decimal: text) else {
      throw TronPayError(.amount, "amount is 2^256 or more base units")
    }
    return value
  }
}
