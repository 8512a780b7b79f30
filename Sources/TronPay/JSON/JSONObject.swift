/// A JSON object: its members in input order, keys unique (the reader rejects duplicates).
public struct JSONObject: Sendable, Equatable {
  public var entries: [(key: String, value: JSONValue)]

  public init(_ entries: [(key: String, value: JSONValue)] = []) {
    self.entries = entries
  }

  /// The member named `key`, nil when absent. A linear scan: objects seen in practice are small,
  /// and scanning beats hashing for a dozen keys.
  public subscript(key: String) -> JSONValue? {
    for entry in entries where entry.key == key { return entry.value }
    return nil
  }

  public var count: Int { entries.count }
  public var isEmpty: Bool { entries.isEmpty }

  public static func == (a: JSONObject, b: JSONObject) -> Bool {
    guard a.entries.count == b.entries.count else { return false }
    for (left, right) in zip(a.entries, b.entries) {
      guard left.key == right.key, left.value == right.value else { return false }
    }
    return true
  }
}
