import TronPay

/// A JSON object of a request read strictly: a key it does not know is `TRONPAY_E_JSON` naming
/// it (a typo must never silently drop an expiry), and a value of the wrong type names its field.
/// Lives only inside a `JSONTapeDocument.read` body, like the `JSONRef` it wraps.
struct StrictObject {
  let object: JSONRef
  /// The field path so far, e.g. "config.policy.", put in front of every name an error gives.
  let path: String

  init(_ value: JSONRef, _ path: String, allowed: [StaticString]) throws(TronPayError) {
    guard value.isObject else { throw Self.invalid(path.isEmpty ? "request" : path, "an object") }
    object = value
    self.path = path
    // Duplicate keys never get here: the tape refuses them.
    for member in value.members ?? []
    where !allowed.contains(where: { $0.description == member.key }) {
      throw TronPayError(.json, "\(path)\(member.key): unknown key")
    }
  }

  static func invalid(_ field: String, _ expected: String) -> TronPayError {
    TronPayError(.json, "\(field): expected \(expected)")
  }

  func name(_ key: String) -> String { path + key }

  func value(_ key: String) -> JSONRef? { object[key] }

  func has(_ key: String) -> Bool { object[key] != nil }

  func string(_ key: String) throws(TronPayError) -> String? {
    guard let value = object[key] else { return nil }
    guard let text = value.stringValue else { throw Self.invalid(name(key), "a string") }
    return text
  }

  func requiredString(_ key: String) throws(TronPayError) -> String {
    guard let text = try string(key) else { throw TronPayError(.json, "\(name(key)): missing") }
    return text
  }

  /// A JSON integer (no fraction, no exponent, no quotes).
  func integer(_ key: String) throws(TronPayError) -> Int64? {
    guard let value = object[key] else { return nil }
    guard let number = value.int64Value else { throw Self.invalid(name(key), "an integer") }
    return number
  }

  func integer(_ key: String, in range: ClosedRange<Int64>) throws(TronPayError) -> Int64? {
    guard let number = try integer(key) else { return nil }
    guard range.contains(number) else {
      throw TronPayError(
        .json, "\(name(key)): \(number) is outside \(range.lowerBound)…\(range.upperBound)")
    }
    return number
  }

  func bool(_ key: String) throws(TronPayError) -> Bool? {
    guard let value = object[key] else { return nil }
    guard let flag = value.boolValue else { throw Self.invalid(name(key), "true or false") }
    return flag
  }

  func object(_ key: String, allowed: [StaticString]) throws(TronPayError) -> StrictObject? {
    guard let value = object[key] else { return nil }
    return try StrictObject(value, name(key) + ".", allowed: allowed)
  }

  func array(_ key: String) throws(TronPayError) -> [JSONRef]? {
    guard let value = object[key] else { return nil }
    guard let elements = value.elements else { throw Self.invalid(name(key), "an array") }
    return Array(elements)
  }

  /// Base units as decimal text: digits only, no sign, no leading zero (but "0"), ≤ 2^256−1.
  func baseUnits(_ key: String) throws(TronPayError) -> UInt256? {
    guard let text = try string(key) else { return nil }
    return try Self.baseUnits(text, name(key))
  }

  static func baseUnits(_ text: String, _ field: String) throws(TronPayError) -> UInt256 {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      bytes.count == 1 || bytes[0] != 0x30, let value = UInt256(decimal: bytes)
    else {
      throw TronPayError(
        .json, "\(field): expected base units as decimal digits without leading zeros")
    }
    return value
  }

  /// A TRON address in any form `tronpay_address_parse` reads.
  func address(_ key: String) throws(TronPayError) -> Address? {
    guard let text = try string(key) else { return nil }
    do {
      return try Address(parsing: text)
    } catch {
      throw TronPayError(.json, "\(name(key)): not a TRON address (\(error.detail))")
    }
  }
}

/// Reads a whole request document strictly and hands its root object to `body`.
func readRequest<R>(
  _ bytes: UnsafeRawBufferPointer, _ what: String, allowed: [StaticString],
  _ body: (StrictObject) throws(TronPayError) -> R
) throws(TronPayError) -> R {
  guard bytes.count > 0 else { throw TronPayError(.json, "\(what): empty") }
  return try JSONTapeDocument.read(bytes) { (root) throws(TronPayError) -> R in
    try body(StrictObject(root, "", allowed: allowed))
  }
}

/// A printable-ASCII identifier of 1…`limit` bytes (order ids, refund ids, actors, webhook
/// ids): it goes into URLs, logs and support tickets as it is.
func checkIdentifier(_ text: String, _ field: String, limit: Int = 128) throws(TronPayError) {
  let bytes = text.utf8
  guard !bytes.isEmpty, bytes.count <= limit, bytes.allSatisfy({ $0 >= 0x20 && $0 <= 0x7e }) else {
    throw TronPayError(.json, "\(field): expected 1–\(limit) printable ASCII characters")
  }
}
