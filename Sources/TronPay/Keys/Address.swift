/// A TRON account address: 21 bytes, 0x41 followed by the 20 bytes an EVM address would have.
public struct Address: Hashable, Sendable, CustomStringConvertible {
  public static let size = 21
  public static let prefix: UInt8 = 0x41
  public let bytes: [UInt8]

  init(unchecked bytes: [UInt8]) { self.bytes = bytes }

  /// 21 bytes starting 0x41.
  public init<C: Collection>(bytes: C) throws(TronPayError) where C.Element == UInt8 {
    guard bytes.count == Address.size else {
      throw TronPayError(.address, "an address is 21 bytes")
    }
    guard bytes.first == Address.prefix else {
      throw TronPayError(.address, "an address starts with byte 0x41")
    }
    self.bytes = Array(bytes)
  }

  /// The 20 bytes of an EVM address, given the mainnet prefix.
  public init<C: Collection>(evm bytes: C) throws(TronPayError) where C.Element == UInt8 {
    guard bytes.count == 20 else { throw TronPayError(.address, "an EVM address is 20 bytes") }
    self.bytes = [Address.prefix] + bytes
  }

  /// Accepts exactly: Base58Check with version 0x41; 42 hex digits starting "41"; "0x" and 40 hex
  /// digits. Anything else, including surrounding space, is refused rather than repaired.
  public init(parsing text: UnsafeBufferPointer<UInt8>) throws(TronPayError) {
    if text.count == 42, text[0] == UInt8(ascii: "4"), text[1] == UInt8(ascii: "1") {
      guard let bytes = try? Hex.decode(text) else {
        throw TronPayError(.address, "42-character hex address has a non-hex digit")
      }
      self.bytes = bytes
      return
    }
    if text.count == 42, text[0] == UInt8(ascii: "0"), text[1] == UInt8(ascii: "x") {
      guard let bytes = try? Hex.decode(text[2...]) else {
        throw TronPayError(.address, "0x address has a non-hex digit")
      }
      self.bytes = [Address.prefix] + bytes
      return
    }
    guard text.count == 34 else {
      throw TronPayError(
        .address,
        "not an address: expected 34 base58 characters, 41+40 hex digits or 0x+40 hex digits")
    }
    self.bytes = try AddressBase58.decode(text).get()
  }

  public init(parsing text: [UInt8]) throws(TronPayError) {
    let parsed = text.withUnsafeBufferPointer { text -> Result<Address, TronPayError> in
      do throws(TronPayError) {
        return .success(try Address(parsing: text))
      } catch {
        return .failure(error)
      }
    }
    self = try parsed.get()
  }

  public init(parsing text: String) throws(TronPayError) {
    try self.init(parsing: Array(text.utf8))
  }

  public var base58: String { AddressBase58.string(bytes) }
  public var hex: String { Hex.encode(bytes) }
  /// The 20 bytes without the 0x41 prefix, as ABI words and EVM logs carry them.
  public var evmBytes: ArraySlice<UInt8> { bytes[1...] }
  public var description: String { base58 }
}
