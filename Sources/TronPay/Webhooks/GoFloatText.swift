/// Go's `strconv.FormatFloat(v, 'f', -1, 64)`: the shortest decimal digits that read back as
/// the same float64, written positionally (never an exponent): `100`, `15.625`, `0.0000001`,
/// `123456789012345680000000000000`, `-0`.
///
/// The digits come from Swift's `description`, which is the shortest round-trip text and,
/// among the shortest, the one closest to the exact value (what Go's algorithm picks too); only
/// its layout is changed here. The result is read back before it is used: text that does not
/// round-trip is refused, never signed.
enum GoFloatText {
  /// The text of a finite value; nil for infinities and NaN, or (never seen) text that does not
  /// read back as `value`.
  static func format(_ value: Double) -> [UInt8]? {
    guard value.isFinite else { return nil }
    let text = positional(Array(value.magnitude.description.utf8), negative: value.sign == .minus)
    guard let text, let back = Double(String(decoding: text, as: UTF8.self)),
      back == value, back.sign == value.sign
    else { return nil }
    return text
  }

  /// Re-lays Swift's text of a non-negative finite value ("15.625", "1e-07", "1.25e+29",
  /// "5e-324") positionally; nil for text of another shape.
  static func positional(_ text: [UInt8], negative: Bool) -> [UInt8]? {
    var digits: [UInt8] = []
    var integerDigits = 0
    var seenPoint = false
    var index = 0
    while index < text.count {
      let c = text[index]
      if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
        digits.append(c)
        if !seenPoint { integerDigits &+= 1 }
      } else if c == UInt8(ascii: "."), !seenPoint {
        seenPoint = true
      } else {
        break
      }
      index &+= 1
    }
    guard !digits.isEmpty else { return nil }
    var exponent = 0
    if index < text.count {
      guard text[index] == UInt8(ascii: "e"), let value = exponentValue(text[(index &+ 1)...])
      else { return nil }
      exponent = value
    }
    // The value is 0.d1d2… × 10^point once leading zeros are gone.
    var point = integerDigits &+ exponent
    var first = 0
    while first < digits.count && digits[first] == UInt8(ascii: "0") {
      first &+= 1
      point &-= 1
    }
    var last = digits.count
    while last > first && digits[last &- 1] == UInt8(ascii: "0") { last &-= 1 }
    var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
    guard first < last else {
      out.append(UInt8(ascii: "0"))
      return out
    }
    let significant = digits[first..<last]
    // Swift's exponents stay within ±324, so these lengths are bounded (≤ 330 characters).
    guard point > -400, point < 400 else { return nil }
    if point <= 0 {
      out.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: ".")])
      out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -point))
      out.append(contentsOf: significant)
    } else if point >= significant.count {
      out.append(contentsOf: significant)
      out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: point &- significant.count))
    } else {
      out.append(contentsOf: significant.prefix(point))
      out.append(UInt8(ascii: "."))
      out.append(contentsOf: significant.dropFirst(point))
    }
    return out
  }

  /// "+29", "-07", "324" → its value; nil for anything else (or more than 4 digits).
  private static func exponentValue(_ text: ArraySlice<UInt8>) -> Int? {
    var rest = text
    var negative = false
    if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
      negative = sign == UInt8(ascii: "-")
      rest = rest.dropFirst()
    }
    guard !rest.isEmpty, rest.count <= 4 else { return nil }
    var value = 0
    for c in rest {
      guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
      value = value &* 10 &+ Int(c &- UInt8(ascii: "0"))
    }
    return negative ? -value : value
  }
}
