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
  }

  public let kind: Kind
  public let detail: String

  public init(_ kind: Kind, _ detail: String) {
    self.kind = kind
    self.detail = detail
  }
}
