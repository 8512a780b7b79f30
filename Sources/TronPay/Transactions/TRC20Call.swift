/// TRC-20 call data (the ERC-20 ABI): the calls a payment engine builds and reads.
public enum TRC20Call: Equatable, Sendable {
  case transfer(to: Address, amount: UInt256)
  case transferFrom(from: Address, to: Address, amount: UInt256)
  case approve(spender: Address, amount: UInt256)

  public static let transferSelector: [UInt8] = [0xa9, 0x05, 0x9c, 0xbb]
  public static let transferFromSelector: [UInt8] = [0x23, 0xb8, 0x72, 0xdd]
  public static let approveSelector: [UInt8] = [0x09, 0x5e, 0xa7, 0xb3]

  public var method: String {
    switch self {
    case .transfer: return "transfer"
    case .transferFrom: return "transferFrom"
    case .approve: return "approve"
    }
  }

  /// selector ‖ one 32-byte word per argument; an address word is 12 zero bytes ‖ the 20
  /// address bytes (0x41 dropped), as TronWeb, tronpy and gotron-sdk write it.
  public var encoded: [UInt8] {
    var out: [UInt8]
    switch self {
    case .transfer(let to, let amount):
      out = TRC20Call.transferSelector + TRC20Call.word(to) + amount.bigEndianBytes
    case .transferFrom(let from, let to, let amount):
      out = TRC20Call.transferFromSelector + TRC20Call.word(from) + TRC20Call.word(to)
      out += amount.bigEndianBytes
    case .approve(let spender, let amount):
      out = TRC20Call.approveSelector + TRC20Call.word(spender) + amount.bigEndianBytes
    }
    return out
  }

  static func word(_ address: Address) -> [UInt8] {
    [UInt8](repeating: 0, count: 12) + address.evmBytes
  }

  /// What `decode` found: nil when the selector is none of the three; otherwise the call, or
  /// the reason its arguments are malformed.
  public enum Decoded: Equatable, Sendable {
    case call(TRC20Call)
    case malformed(method: String, reason: String)
  }

  /// Strict decoding: exactly selector + 32 bytes per argument, and 12 zero bytes before each
  /// address (wallet-core's `…0041 ‖ address` words are refused, though USDT executes them).
  public static func decode(_ data: [UInt8]) -> Decoded? {
    guard data.count >= 4 else { return nil }
    let selector = Array(data[0..<4])
    let method: String
    let arity: Int
    switch selector {
    case transferSelector: (method, arity) = ("transfer", 2)
    case transferFromSelector: (method, arity) = ("transferFrom", 3)
    case approveSelector: (method, arity) = ("approve", 2)
    default: return nil
    }
    let expected = 4 + 32 * arity
    guard data.count == expected else {
      return .malformed(
        method: method, reason: "\(method) call data is \(data.count) bytes, expected \(expected)")
    }
    var addresses: [Address] = []
    for index in 0..<(arity - 1) {
      let start = 4 + 32 * index
      guard data[start..<start + 12].allSatisfy({ $0 == 0 }) else {
        return .malformed(
          method: method,
          reason: "\(method) address argument \(index + 1) has non-zero bytes before the address")
      }
      guard let address = try? Address(evm: data[start + 12..<start + 32]) else { return nil }
      addresses.append(address)
    }
    guard let amount = UInt256(bigEndian: data[(expected - 32)..<expected]) else { return nil }
    switch (method, addresses.count) {
    case ("transfer", 1): return .call(.transfer(to: addresses[0], amount: amount))
    case ("approve", 1): return .call(.approve(spender: addresses[0], amount: amount))
    case ("transferFrom", 2):
      return .call(.transferFrom(from: addresses[0], to: addresses[1], amount: amount))
    default: return nil
    }
  }
}
