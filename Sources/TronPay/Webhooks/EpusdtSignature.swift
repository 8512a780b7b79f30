/// The epusdt / BEpusdt callback signature (assimon/epusdt `src/util/sign/sign.go`), a legacy
/// scheme kept for existing shop plugins: MD5 over sorted `key=value` pairs and the API token,
/// with no timestamp (a captured callback can be replayed forever).
///
/// The rules, exactly as epusdt's Go applies them to the JSON object (every number read as a
/// float64): the key `signature` is skipped, and so is null; numbers are written as Go's
/// `strconv.FormatFloat(v, 'f', -1, 64)` (`GoFloatText`); strings are used raw (no escaping, no
/// URL encoding); pairs whose value text is empty are dropped (a numeric zero is kept as "0");
/// booleans, objects and arrays are refused (Go's "signature marshal error"). The `k=v` pairs
/// are sorted bytewise, joined with `&`, the token is appended, and the MD5 is written as 32
/// lower-case hex digits.
public enum EpusdtSignature {
  /// Hex digits of a signature.
  public static let length = 2 * MD5.size
  /// Longest number text read (Go reads any; nothing a callback sends comes near this). Bounds
  /// the float conversion's work on hostile input.
  static let maxNumberText = 4096

  /// The signed text `k=v&k=v…` of a JSON object, without the token, and the object's
  /// `signature` member (nil when absent). `.json` for invalid JSON, a non-object, or a value
  /// that cannot be signed.
  public static func signingText(_ params: UnsafeRawBufferPointer) throws(TronPayError)
    -> (text: [UInt8], signature: JSONValue?)
  {
    guard case .object(let object) = try JSONReader.parse(params) else {
      throw TronPayError(.json, "epusdt: params must be a JSON object")
    }
    var pairs: [[UInt8]] = []
    pairs.reserveCapacity(object.count)
    var signature: JSONValue? = nil
    for (key, value) in object.entries {
      if key == "signature" {
        signature = value
        continue
      }
      guard let text = try valueText(value, key: key), !text.isEmpty else { continue }
      var pair = Array(key.utf8)
      pair.append(UInt8(ascii: "="))
      pair.append(contentsOf: text)
      pairs.append(pair)
    }
    pairs.sort { $0.lexicographicallyPrecedes($1) }
    var joined: [UInt8] = []
    for (i, pair) in pairs.enumerated() {
      if i > 0 { joined.append(UInt8(ascii: "&")) }
      joined.append(contentsOf: pair)
    }
    return (joined, signature)
  }

  /// The value text of one member; nil for null (skipped).
  static func valueText(_ value: JSONValue, key: String) throws(TronPayError) -> [UInt8]? {
    switch value {
    case .null:
      return nil
    case .string(let text):
      return Array(text.utf8)
    case .number(let text):
      guard text.utf8.count <= maxNumberText else {
        throw TronPayError(
          .json, "epusdt: number of \(describe(key)) is longer than \(maxNumberText) characters")
      }
      guard let double = Double(text), double.isFinite else {
        throw TronPayError(.json, "epusdt: number of \(describe(key)) is outside float64's range")
      }
      guard let formatted = GoFloatText.format(double) else {
        throw TronPayError(.internal, "epusdt: number of \(describe(key)) did not round-trip")
      }
      return formatted
    case .bool:
      throw unsignable(key, "a boolean")
    case .array:
      throw unsignable(key, "an array")
    case .object:
      throw unsignable(key, "an object")
    }
  }

  private static func unsignable(_ key: String, _ what: String) -> TronPayError {
    TronPayError(
      .json,
      "epusdt: \(describe(key)) is \(what); only strings, numbers and null can be signed")
  }

  /// A member name for an error detail: quoted, cut to 40 bytes.
  private static func describe(_ key: String) -> String {
    let bytes = Array(key.utf8)
    guard bytes.count > 40 else { return "\"\(key)\"" }
    return "\"\(String(decoding: bytes.prefix(40), as: UTF8.self))…\""
  }

  /// The 32 lower-case hex digits of MD5(signing text ‖ token). `.argument` for an empty token.
  public static func sign(params: UnsafeRawBufferPointer, token: UnsafeRawBufferPointer)
    throws(TronPayError) -> [UInt8]
  {
    try digest(signingText(params).text, token: token)
  }

  /// Checks the object's own `signature` member against the one computed from the rest,
  /// in constant time. `.verify` when it is missing, not a string, or different; `.json` and
  /// `.argument` as for `sign`.
  public static func verify(params: UnsafeRawBufferPointer, token: UnsafeRawBufferPointer)
    throws(TronPayError)
  {
    let (text, signature) = try signingText(params)
    let expected = try digest(text, token: token)
    guard let signature else { throw TronPayError(.verify, "epusdt: params have no signature") }
    guard case .string(let given) = signature else {
      throw TronPayError(.verify, "epusdt: signature is not a string")
    }
    let equal = expected.withUnsafeBytes { expectedBytes in
      Array(given.utf8).withUnsafeBytes { constantTimeEqual($0, expectedBytes) }
    }
    guard equal else { throw TronPayError(.verify, "epusdt: signature does not match") }
  }

  private static func digest(_ text: [UInt8], token: UnsafeRawBufferPointer) throws(TronPayError)
    -> [UInt8]
  {
    guard !token.isEmpty else { throw TronPayError(.argument, "api_token is empty") }
    var hash = [UInt8](repeating: 0, count: MD5.size)
    let done = text.withUnsafeBytes { joined in
      hash.withUnsafeMutableBytes { MD5.hash(joined, token, into: $0) }
    }
    guard done else { throw TronPayError(.internal, "MD5 failed in libcrypto") }
    return Array(Hex.encode(hash).utf8)
  }
}
