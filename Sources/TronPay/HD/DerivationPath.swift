/// A BIP32 path such as m/44'/195'/0'/0/7.
///
/// Grammar, nothing else accepted: "m" then zero or more "/" + index, where an index is a
/// decimal number without sign, space or leading zero, below 2^31, optionally followed by
/// "'" or "h" (hardened: + 2^31). At most 255 levels (BIP32 depth is one byte).
public struct DerivationPath: Equatable, Sendable {
  public static let hardened: UInt32 = 0x8000_0000
  public static let maxDepth = 255
  /// The default TRON (BIP44, coin type 195) deposit path, without the last index.
  public static let tronAccountZero = "m/44'/195'/0'"

  /// Child numbers, hardened ones with the top bit set.
  public let indexes: [UInt32]

  public init(parsing text: [UInt8]) throws(TronPayError) {
    guard text.first == UInt8(ascii: "m") else {
      throw TronPayError(.path, "a path starts with \"m\"")
    }
    var indexes = [UInt32]()
    var position = 1
    while position < text.count {
      let level = indexes.count + 1
      guard text[position] == UInt8(ascii: "/") else {
        throw TronPayError(.path, "expected \"/\" before path component \(level)")
      }
      position += 1
      guard indexes.count < DerivationPath.maxDepth else {
        throw TronPayError(.path, "a path has at most 255 levels")
      }
      let start = position
      var value: UInt32 = 0
      while position < text.count, let digit = DerivationPath.digit(text[position]) {
        guard position == start || value != 0 else {
          throw TronPayError(.path, "path component \(level) has a leading zero")
        }
        let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = times10.addingReportingOverflow(digit)
        guard !overflow1, !overflow2, sum < DerivationPath.hardened else {
          throw TronPayError(.path, "path component \(level) is not below 2^31")
        }
        value = sum
        position += 1
      }
      guard position > start else {
        throw TronPayError(.path, "path component \(level) is not a number")
      }
      if position < text.count,
        text[position] == UInt8(ascii: "'") || text[position] == UInt8(ascii: "h")
      {
        value |= DerivationPath.hardened
        position += 1
      }
      guard position == text.count || text[position] == UInt8(ascii: "/") else {
        throw TronPayError(.path, "path component \(level) is not a number")
      }
      indexes.append(value)
    }
    self.indexes = indexes
  }

  public init(parsing text: String) throws(TronPayError) {
    try self.init(parsing: Array(text.utf8))
  }

  private static func digit(_ c: UInt8) -> UInt32? {
    c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") ? UInt32(c &- UInt8(ascii: "0")) : nil
  }
}
