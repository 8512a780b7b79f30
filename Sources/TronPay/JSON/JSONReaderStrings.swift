/// String reading for `JSONParser`: a fast path for plain ASCII runs, and a checked path for
/// escapes and multi-byte UTF-8 (validated per Unicode Table 3-7).
extension JSONParser {
  /// Reads a string starting at the opening quote; leaves `index` after the closing quote.
  mutating func string() throws(TronPayError) -> String {
    index &+= 1
    let start = index
    // Fast path: printable ASCII without escapes, the common case for TRON data.
    skipPlainASCII()
    if index < input.count, input[index] == UInt8(ascii: "\"") {
      let text = String(
        decoding: UnsafeBufferPointer(rebasing: input[start..<index]), as: UTF8.self)
      index &+= 1
      return text
    }
    var bytes = [UInt8](UnsafeBufferPointer(rebasing: input[start..<index]))
    try slowString(into: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Checks a string starting at the opening quote and moves past it without building it.
  /// Returns false for plain printable ASCII (its bytes are its text), true when escapes or
  /// multi-byte sequences mean it must be decoded. `scratch` is reused working space.
  mutating func skipString(scratch: inout [UInt8]) throws(TronPayError) -> Bool {
    index &+= 1
    let start = index
    skipPlainASCII()
    if index < input.count, input[index] == UInt8(ascii: "\"") {
      index &+= 1
      return false
    }
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<index]))
    try slowString(into: &scratch)
    return true
  }

  /// Moves `index` over printable ASCII other than `"` and `\\`, eight bytes at a time where it
  /// can: a word is clean when no byte is below 0x20, at or above 0x80, a quote or a backslash.
  @inline(__always) mutating func skipPlainASCII() {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    if let base = input.baseAddress {
      let raw = UnsafeRawPointer(base)
      while input.count &- index >= 8 {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        // Classic "has a byte below n" tests; exact for words without high bytes, and a word
        // with a high byte is not clean anyway.
        let control = (word &- ones &* 0x20) & ~word
        let quoteBytes = word ^ (ones &* 0x22)
        let quote = (quoteBytes &- ones) & ~quoteBytes
        let backslashBytes = word ^ (ones &* 0x5C)
        let backslash = (backslashBytes &- ones) & ~backslashBytes
        if (word | control | quote | backslash) & highs != 0 { break }
        index &+= 8
      }
    }
    while index < input.count {
      let c = input[index]
      guard c >= 0x20, c < 0x80, c != UInt8(ascii: "\""), c != UInt8(ascii: "\\") else { return }
      index &+= 1
    }
  }

  private mutating func slowString(into bytes: inout [UInt8]) throws(TronPayError) {
    while true {
      guard index < input.count else { throw failure("unterminated string") }
      let c = input[index]
      switch c {
      case UInt8(ascii: "\""):
        index &+= 1
        return
      case UInt8(ascii: "\\"):
        try escape(into: &bytes)
      case 0..<0x20:
        throw failure("control character 0x\(hexByte(c)) in string")
      case 0x20..<0x80:
        bytes.append(c)
        index &+= 1
      default:
        try multiByte(c, into: &bytes)
      }
    }
  }

  private mutating func escape(into bytes: inout [UInt8]) throws(TronPayError) {
    guard index &+ 1 < input.count else { throw failure("unterminated escape") }
    let kind = input[index &+ 1]
    let simple: UInt8?
    switch kind {
    case UInt8(ascii: "\""): simple = 0x22
    case UInt8(ascii: "\\"): simple = 0x5C
    case UInt8(ascii: "/"): simple = 0x2F
    case UInt8(ascii: "b"): simple = 0x08
    case UInt8(ascii: "f"): simple = 0x0C
    case UInt8(ascii: "n"): simple = 0x0A
    case UInt8(ascii: "r"): simple = 0x0D
    case UInt8(ascii: "t"): simple = 0x09
    case UInt8(ascii: "u"): simple = nil
    default: throw failure("invalid escape")
    }
    if let byte = simple {
      bytes.append(byte)
      index &+= 2
      return
    }
    var scalar = try hex4(at: index &+ 2)
    index &+= 6
    if scalar >= 0xDC00 && scalar <= 0xDFFF { throw failure("lone low surrogate") }
    if scalar >= 0xD800 && scalar <= 0xDBFF {
      guard index &+ 1 < input.count, input[index] == UInt8(ascii: "\\"),
        input[index &+ 1] == UInt8(ascii: "u")
      else { throw failure("high surrogate without a low surrogate") }
      let low = try hex4(at: index &+ 2)
      guard low >= 0xDC00 && low <= 0xDFFF else {
        throw failure("high surrogate without a low surrogate")
      }
      index &+= 6
      scalar = 0x10000 &+ ((scalar &- 0xD800) << 10) &+ (low &- 0xDC00)
    }
    appendUTF8(scalar, to: &bytes)
  }

  private func hex4(at offset: Int) throws(TronPayError) -> UInt32 {
    guard offset >= 0, input.count &- offset >= 4 else { throw failure("truncated \\u escape") }
    var value: UInt32 = 0
    for k in 0..<4 {
      let c = input[offset &+ k]
      let digit: UInt8
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c &- UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c &- UInt8(ascii: "a") &+ 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c &- UInt8(ascii: "A") &+ 10
      default: throw failure("invalid hex digit in \\u escape")
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  private func appendUTF8(_ scalar: UInt32, to bytes: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      bytes.append(UInt8(scalar))
    case 0x80..<0x800:
      bytes.append(UInt8(0xC0 | scalar >> 6))
      bytes.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      bytes.append(UInt8(0xE0 | scalar >> 12))
      bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      bytes.append(UInt8(0x80 | scalar & 0x3F))
    default:
      bytes.append(UInt8(0xF0 | scalar >> 18 & 0x07))
      bytes.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      bytes.append(UInt8(0x80 | scalar & 0x3F))
    }
  }

  /// Copies one well-formed multi-byte sequence starting with `lead`, or throws.
  private mutating func multiByte(_ lead: UInt8, into bytes: inout [UInt8]) throws(TronPayError) {
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0: (length, low) = (3, 0xA0)
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: (length, high) = (3, 0x9F)
    case 0xF0: (length, low) = (4, 0x90)
    case 0xF1...0xF3: length = 4
    case 0xF4: (length, high) = (4, 0x8F)
    default: throw failure("invalid UTF-8 lead byte 0x\(hexByte(lead))")
    }
    guard input.count &- index >= length else { throw failure("truncated UTF-8 sequence") }
    let second = input[index &+ 1]
    guard second >= low, second <= high else { throw failure("invalid UTF-8 sequence") }
    for k in 2..<max(length, 2) {
      let c = input[index &+ k]
      guard c >= 0x80, c <= 0xBF else { throw failure("invalid UTF-8 sequence") }
    }
    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<(index &+ length)]))
    index &+= length
  }
}
