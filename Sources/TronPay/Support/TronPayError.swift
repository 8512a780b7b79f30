/// The one error type of the core. `kind` becomes the C status code at the boundary;
/// `detail` becomes the text of `tronpay_last_error()`, so it must never carry secrets.
public struct TronPayError: Error, Equatable, Sendable {
  public enum Kind: Int32, Sendable, CaseIterable {
    case argument = -1
    case buffer = -2
    case hex = -3
    case address = -4
    case key = -5
    case signature = -6
    case verify = -7
    case mnemonic = -8
    case path = -9
    case extendedKey = -10
    case amount = -11
    case transaction = -12
    case json = -13
    case random = -14
    case `internal` = -15
    // The engine's (ENGINE.md, "C ABI").
    /// The store failed: I/O, a corrupt or newer file, libpq missing.
    case store = -16
    /// An idempotency key reused with other terms.
    case conflict = -17
    case notFound = -18
    /// Not allowed in the current state.
    case state = -19
    /// The store stayed locked past its busy timeout; retry.
    case busy = -20
  }

  public let kind: Kind

  /// The names `tronpay_status_str` gives, from the one list of kinds: a kind added without a
  /// name does not compile.
  public static func statusName(_ status: Int32) -> StaticString {
    if status == 0 { return "TRONPAY_OK" }
    guard let kind = Kind(rawValue: status) else { return "unknown status" }
    switch kind {
    case .argument: return "TRONPAY_E_ARG"
    case .buffer: return "TRONPAY_E_BUFFER"
    case .hex: return "TRONPAY_E_HEX"
    case .address: return "TRONPAY_E_ADDRESS"
    case .key: return "TRONPAY_E_KEY"
    case .signature: return "TRONPAY_E_SIGNATURE"
    case .verify: return "TRONPAY_E_VERIFY"
    case .mnemonic: return "TRONPAY_E_MNEMONIC"
    case .path: return "TRONPAY_E_PATH"
    case .extendedKey: return "TRONPAY_E_XKEY"
    case .amount: return "TRONPAY_E_AMOUNT"
    case .transaction: return "TRONPAY_E_TX"
    case .json: return "TRONPAY_E_JSON"
    case .random: return "TRONPAY_E_RANDOM"
    case .internal: return "TRONPAY_E_INTERNAL"
    case .store: return "TRONPAY_E_STORE"
    case .conflict: return "TRONPAY_E_CONFLICT"
    case .notFound: return "TRONPAY_E_NOT_FOUND"
    case .state: return "TRONPAY_E_STATE"
    case .busy: return "TRONPAY_E_BUSY"
    }
  }
  public let detail: String

  public init(_ kind: Kind, _ detail: String) {
    self.kind = kind
    self.detail = detail
  }
}
