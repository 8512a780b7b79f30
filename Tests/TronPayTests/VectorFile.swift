import Foundation

/// A vector file that lacks what a test reads from it: the test fails with this, instead of
/// running over an empty list or a default value.
struct VectorError: Error, CustomStringConvertible {
  let description: String
}

/// Loads a JSON vector file from Tests/vectors (copied from the team's shared vectors, each
/// entry keeping its `source`), so a clone tests without anything outside the repository.
enum VectorFile {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("vectors")

  static func load(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: directory.appendingPathComponent(name))
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw VectorError(description: "\(name) is not a JSON object")
    }
    return object
  }

  /// The list of objects under `key`: missing, of another type or empty is an error, so a
  /// loop over it always runs.
  static func list(_ file: [String: Any], _ key: String) throws -> [[String: Any]] {
    let list: [[String: Any]] = try file.required(key)
    guard !list.isEmpty else { throw VectorError(description: "vector list \"\(key)\" is empty") }
    return list
  }
}

extension Dictionary where Key == String, Value == Any {
  /// The member `key` as a `T`; missing or of another type is an error.
  func required<T>(_ key: String, as type: T.Type = T.self) throws -> T {
    guard let value = self[key] else {
      throw VectorError(description: "vector member \"\(key)\" is missing")
    }
    guard let typed = value as? T else {
      throw VectorError(
        description: "vector member \"\(key)\" is \(Swift.type(of: value)), not \(T.self)")
    }
    return typed
  }

  /// The member `key` as text.
  func text(_ key: String) throws -> String { try required(key) }

  /// The member `key` as hex text, decoded.
  func hex(_ key: String) throws -> [UInt8] { try hexBytes(text(key)) }
}

/// Hex text (an even number of hex digits, no "0x") as bytes; anything else throws.
func hexBytes(_ text: String) throws -> [UInt8] {
  let digits = Array(text.utf8)
  guard digits.count % 2 == 0 else {
    throw VectorError(description: "hex text of odd length \(digits.count): \(text.prefix(80))")
  }
  func nibble(_ c: UInt8) throws -> UInt8 {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: throw VectorError(description: "not hex: \(text.prefix(80))")
    }
  }
  var out = [UInt8]()
  out.reserveCapacity(digits.count / 2)
  var index = 0
  while index < digits.count {
    out.append(try nibble(digits[index]) << 4 | nibble(digits[index + 1]))
    index += 2
  }
  return out
}

/// Hex written in a test's own source (a constant, not a vector): a typo there is a bug of the
/// test and stops the run at once.
func hexConstant(_ text: String) -> [UInt8] {
  do { return try hexBytes(text) } catch { fatalError("bad hex constant: \(error)") }
}
