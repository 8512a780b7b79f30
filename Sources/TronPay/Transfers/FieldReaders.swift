/// A member read to the letter of its source: java-tron prints block numbers, times, amounts and
/// fees as JSON integers, JSON-RPC prints quantities as `0x` hex, and `removed` is a boolean. A
/// member that is present in another form is wrong, never coerced (a quoted number is a sign
/// that something other than the node wrote the record).
enum Strict<Value> {
  case absent
  case value(Value)
  case wrong

  /// The value, nil when absent; a wrong member sets `problem` (the first one wins).
  func read(_ name: StaticString, _ problem: inout String?) -> Value? {
    switch self {
    case .absent: return nil
    case .value(let value): return value
    case .wrong:
      if problem == nil { problem = "\(name) is not in the form its source prints" }
      return nil
    }
  }
}

extension Strict where Value == Int64 {
  /// A JSON integer ≥ 0 that fits an Int64.
  static func nodeInteger(_ value: JSONRef?) -> Strict {
    guard let value else { return .absent }
    guard value.kind == .number, let number = value.int64Value, number >= 0 else { return .wrong }
    return .value(number)
  }

  /// A JSON-RPC quantity: a `0x` hex string.
  static func quantity(_ value: JSONRef?) -> Strict {
    guard let value else { return .absent }
    guard value.kind == .string, let number = value.withText({ Hex.quantity($0) }) ?? nil
    else { return .wrong }
    return .value(number)
  }

  /// A JSON-RPC block time: a `0x` quantity of seconds, as milliseconds.
  static func quantitySeconds(_ value: JSONRef?) -> Strict {
    switch quantity(value) {
    case .absent: return .absent
    case .wrong: return .wrong
    case .value(let seconds):
      let (ms, overflow) = seconds.multipliedReportingOverflow(by: 1000)
      return overflow ? .wrong : .value(ms)
    }
  }
}

extension Strict where Value == TransactionID {
  /// A 32-byte hash (a JSON-RPC `blockHash`, a node `blockID`): 64 hex digits, `0x` optional.
  static func hash(_ value: JSONRef?) -> Strict {
    guard let value else { return .absent }
    guard value.kind == .string, let hash = Hex.txid(value) else { return .wrong }
    return .value(hash)
  }
}

extension Strict where Value == Bool {
  static func boolean(_ value: JSONRef?) -> Strict {
    guard let value else { return .absent }
    guard let flag = value.boolValue else { return .wrong }
    return .value(flag)
  }
}

extension Strict where Value == String {
  static func text(_ value: JSONRef?) -> Strict {
    guard let value else { return .absent }
    guard let text = value.stringValue else { return .wrong }
    return .value(text)
  }
}

extension Hex {
  /// A transaction id: 64 hex digits, optionally after `0x`.
  static func txid(_ value: JSONRef?) -> TransactionID? {
    guard let value else { return nil }
    return value.withText { utf8 -> TransactionID? in
      let hex = digits(utf8)
      guard hex.count == 64 else { return nil }
      return TransactionID { out in
        var valid = true
        decodeBytes(hex, at: 0, count: TransactionID.size, into: out, valid: &valid)
        return valid
      }
    } ?? nil
  }
}

extension JSONRef {
  /// An exact unsigned amount from a decimal string or an integer JSON number.
  var unsignedAmount: UInt256? {
    switch kind {
    case .number: return uint256Value
    case .string, .escapedString: return withText { UInt256(decimal: $0) } ?? nil
    default: return nil
    }
  }
}
