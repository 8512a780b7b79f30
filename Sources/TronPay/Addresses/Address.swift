/// A TRON account address: 21 bytes, 0x41 followed by the 20 bytes an EVM address would have.
///
/// The bytes live inline (three words, zero-padded), not in an array: a block of receipts or a
/// list of invoices holds hundreds of thousands of addresses, and an allocation each dominated
/// reading them (bench/RESULTS.md).
public struct Address: Hashable, Sendable, CustomStringConvertible {
  public static let size = 21
  public static let prefix: UInt8 = 0x41
  /// The 21 bytes in memory order, then three zero bytes.
  private var storage: (UInt64, UInt64, UInt64) = (0, 0, 0)

  /// The first 21 of `bytes` (fewer leave zeros); the caller has checked length and prefix.
  init(unchecked bytes: UnsafeRawBufferPointer) {
    Swift.withUnsafeMutableBytes(of: &storage) { target in
      target.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes.prefix(Address.size)))
    }
  }

  init(unchecked bytes: [UInt8]) {
    self = bytes.withUnsafeBytes { Address(unchecked: $0) }
  }

  /// 21 bytes starting 0x41, read in place.
  public init(bytes: UnsafeRawBufferPointer) throws(TronPayError) {
    try Self.checkShape(count: bytes.count, first: bytes.first)
    self.init(unchecked: bytes)
  }

  /// 21 bytes starting 0x41.
  public init<C: Collection>(bytes: C) throws(TronPayError) where C.Element == UInt8 {
    try Self.checkShape(count: bytes.count, first: bytes.first)
    self.init(unchecked: Array(bytes))
  }

  private static func checkShape(count: Int, first: UInt8?) throws(TronPayError) {
    guard count == Address.size else { throw TronPayError(.address, "an address is 21 bytes") }
    guard first == Address.prefix else {
      throw TronPayError(.address, "an address starts with byte 0x41")
    }
  }

  /// The 20 bytes of an EVM address, given the mainnet prefix.
  public init<C: Collection>(evm bytes: C) throws(TronPayError) where C.Element == UInt8 {
    guard bytes.count == 20 else { throw TronPayError(.address, "an EVM address is 20 bytes") }
    self.init(unchecked: [Address.prefix] + bytes)
  }

  /// The 21 bytes.
  public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

  /// Runs `body` on the 21 bytes in place.
  public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
    Swift.withUnsafeBytes(of: storage) {
      body(UnsafeRawBufferPointer(rebasing: $0[0..<Address.size]))
    }
  }

  public static func == (a: Address, b: Address) -> Bool {
    a.storage.0 == b.storage.0 && a.storage.1 == b.storage.1 && a.storage.2 == b.storage.2
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(storage.0)
    hasher.combine(storage.1)
    hasher.combine(storage.2)
  }

  /// Accepts exactly: Base58Check with version 0x41; 42 hex digits starting "41"; "0x" and 40 hex
  /// digits. Anything else, including surrounding space, is refused rather than repaired.
  public init(parsing text: UnsafeBufferPointer<UInt8>) throws(TronPayError) {
    if text.count == 42, text[0] == UInt8(ascii: "4"), text[1] == UInt8(ascii: "1") {
      guard let bytes = try? Hex.decode(text) else {
        throw TronPayError(.address, "42-character hex address has a non-hex digit")
      }
      self.init(unchecked: bytes)
      return
    }
    if text.count == 42, text[0] == UInt8(ascii: "0"), text[1] == UInt8(ascii: "x") {
      guard let bytes = try? Hex.decode(text[2...]) else {
        throw TronPayError(.address, "0x address has a non-hex digit")
      }
      self.init(unchecked: [Address.prefix] + bytes)
      return
    }
    guard text.count == 34 else {
      throw TronPayError(
        .address,
        "not an address: expected 34 base58 characters, 41+40 hex digits or 0x+40 hex digits")
    }
    self = try AddressBase58.decodeAddress(text).get()
  }

  public init(parsing text: [UInt8]) throws(TronPayError) {
    self = try text.withUnsafeBufferPointer { (text) throws(TronPayError) -> Address in
      try Address(parsing: text)
    }
  }

  public init(parsing text: String) throws(TronPayError) {
    try self.init(parsing: Array(text.utf8))
  }

  public var base58: String { AddressBase58.string(self) }

  /// Runs `body` on the Base58Check text, built in stack memory (no `String`).
  public func withBase58Text<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    AddressBase58.withText(self, digest: nil, body)
  }
  public var hex: String { Hex.encode(bytes) }
  /// The 20 bytes without the 0x41 prefix, as ABI words and EVM logs carry them.
  public var evmBytes: ArraySlice<UInt8> { bytes[1...] }
  public var description: String { base58 }
}
