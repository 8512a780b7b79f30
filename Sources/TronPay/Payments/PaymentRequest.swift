/// The request of `tronpay_payment_check`, validated (API.md, "Transfers and payment checks").
public struct PaymentRequest: Sendable {
  /// Mainnet USDT-TRC20, the token "USDT" names when the request pins no tokens of its own.
  public static let mainnetUSDT = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
  public static let maxToleranceBps: Int64 = 5000

  public struct Invoice: Sendable {
    public var id: String
    public var address: Address
    /// The token contract; nil for TRX.
    public var token: Address?
    public var due: UInt256
    public var createdAtMs: Int64?
    public var expiresAtMs: Int64?
    public var toleranceBps: Int64

    public init(
      id: String, address: Address, token: Address?, due: UInt256, createdAtMs: Int64?,
      expiresAtMs: Int64?, toleranceBps: Int64
    ) {
      self.id = id
      self.address = address
      self.token = token
      self.due = due
      self.createdAtMs = createdAtMs
      self.expiresAtMs = expiresAtMs
      self.toleranceBps = toleranceBps
    }
  }

  public var headBlock: Int64
  public var solidifiedBlock: Int64
  public var nowMs: Int64
  /// Symbol → pinned token contract.
  public var tokens: [(symbol: String, address: Address)]
  public var minAmount: UInt256
  /// nil: final means at or below the solidified block; n: also final with n blocks on top.
  public var confirmations: Int64?
  public var invoices: [Invoice]
  public var evidence: TransferReport

  public init(
    headBlock: Int64, solidifiedBlock: Int64, nowMs: Int64,
    tokens: [(symbol: String, address: Address)], minAmount: UInt256, confirmations: Int64?,
    invoices: [Invoice], evidence: TransferReport
  ) {
    self.headBlock = headBlock
    self.solidifiedBlock = solidifiedBlock
    self.nowMs = nowMs
    self.tokens = tokens
    self.minAmount = minAmount
    self.confirmations = confirmations
    self.invoices = invoices
    self.evidence = evidence
  }

  public static func parse(_ bytes: UnsafeRawBufferPointer) throws(TronPayError) -> PaymentRequest {
    try JSONTapeDocument.read(bytes) { (root) throws(TronPayError) -> PaymentRequest in
      guard root.isObject else { throw TronPayError(.json, "payment request: expected an object") }
      return try PaymentRequest(root)
    }
  }

  /// Milliseconds below this are seconds by mistake (10^11 ms is March 1973).
  static let smallestMilliseconds: Int64 = 100_000_000_000

  init(_ root: JSONRef) throws(TronPayError) {
    try Self.onlyKnownKeys(root, Self.rootKeys, "")
    guard let chain = root["chain"]?.objectValue else { throw Self.missing("chain") }
    try Self.onlyKnownKeys(chain, Self.chainKeys, "chain.")
    headBlock = try Self.integer(chain["head_block"], "chain.head_block")
    solidifiedBlock = try Self.integer(chain["solidified_block"], "chain.solidified_block")
    nowMs = try Self.milliseconds(chain["now_ms"], "chain.now_ms")
    guard solidifiedBlock <= headBlock else {
      throw TronPayError(
        .json, "payment request: chain.solidified_block is above chain.head_block")
    }

    if let tokenValue = root["tokens"] {
      guard let members = tokenValue.members else { throw Self.invalid("tokens") }
      tokens = []
      for entry in members {
        guard entry.key != "TRX" else {
          throw TronPayError(
            .json, "payment request: tokens.TRX is invalid: TRX is the native coin, not a token")
        }
        guard entry.value.stringValue != nil else { throw Self.invalid("tokens.\(entry.key)") }
        tokens.append((entry.key, try Self.address(entry.value, "tokens.\(entry.key)")))
      }
    } else {
      tokens = [("USDT", try Address(parsing: Self.mainnetUSDT))]
    }

    minAmount = UInt256(1)
    confirmations = nil
    if let policyValue = root["policy"] {
      guard let policy = policyValue.objectValue else { throw Self.invalid("policy") }
      try Self.onlyKnownKeys(policy, Self.policyKeys, "policy.")
      if let min = policy["min_amount"] {
        guard let value = Self.baseUnits(min) else {
          throw Self.invalid("policy.min_amount (decimal base units, no leading zero)")
        }
        minAmount = value
      }
      if let value = policy["confirmations"], !value.isString("solidified") {
        guard let count = value.int64Value, count >= 0 else {
          throw Self.invalid("policy.confirmations (\"solidified\" or a count ≥ 0)")
        }
        confirmations = count
      }
    }

    guard let invoiceList = root["invoices"]?.elements else { throw Self.missing("invoices") }
    invoices = []
    invoices.reserveCapacity(invoiceList.count)
    var ids = Set<String>()
    ids.reserveCapacity(invoiceList.count)
    for (position, item) in invoiceList.enumerated() {
      guard let object = item.objectValue else { throw Self.invalid("invoices[\(position)]") }
      let invoice = try Self.invoice(object, position, tokens)
      guard ids.insert(invoice.id).inserted else {
        throw TronPayError(.json, "payment request: invoice id \"\(invoice.id)\" appears twice")
      }
      invoices.append(invoice)
    }

    var extractor = TransferExtractor()
    if let evidenceValue = root["evidence"] {
      guard let list = evidenceValue.elements else { throw Self.invalid("evidence") }
      for item in list { try extractor.add(item) }
    }
    evidence = extractor.resolvedReport()
  }

  private static let rootKeys = JSONKeySet(["chain", "tokens", "policy", "invoices", "evidence"])
  private static let chainKeys = JSONKeySet(["head_block", "solidified_block", "now_ms"])
  private static let policyKeys = JSONKeySet(["min_amount", "confirmations"])

  /// A typo must never pass as an absent member: `expires_at` for `expires_at_ms` would
  /// silently mean "never expires".
  private static func onlyKnownKeys(
    _ object: JSONRef, _ keys: JSONKeySet, _ prefix: @autoclosure () -> String
  ) throws(TronPayError) {
    var unknown: String? = nil
    object.forEachMember { key, _ in
      if unknown == nil, keys.position(of: key) == nil { unknown = key.stringValue ?? "?" }
    }
    if let unknown {
      throw TronPayError(.json, "payment request: unknown member \(prefix())\(unknown)")
    }
  }

  /// The members an invoice may have, found in one walk over the object.
  private struct InvoiceMembers {
    /// In the order of `names`.
    private static let names = JSONKeySet([
      "id", "address", "token", "amount_due", "created_at_ms", "expires_at_ms", "tolerance_bps",
    ])
    var id, address, token, amountDue, createdAt, expiresAt, tolerance: JSONRef?
    /// The first member that is none of `names`.
    var unknown: JSONRef?

    init(_ object: JSONRef) {
      object.forEachMember { key, value in
        // Keys are unique in a validated document, so each slot is filled at most once.
        switch Self.names.position(of: key) {
        case 0: id = value
        case 1: address = value
        case 2: token = value
        case 3: amountDue = value
        case 4: createdAt = value
        case 5: expiresAt = value
        case 6: tolerance = value
        default: if unknown == nil { unknown = key }
        }
      }
    }
  }

  private static func invoice(
    _ object: JSONRef, _ position: Int, _ tokens: [(symbol: String, address: Address)]
  ) throws(TronPayError) -> Invoice {
    // Field names for messages are built only when something is wrong: a list of 100k invoices
    // would otherwise format 100k strings it never shows.
    func name(_ field: String) -> String { "invoices[\(position)].\(field)" }
    let members = InvoiceMembers(object)
    if let unknown = members.unknown {
      throw TronPayError(
        .json, "payment request: unknown member \(name(unknown.stringValue ?? "?"))")
    }
    guard let id = members.id?.stringValue, !id.isEmpty else { throw missing(name("id")) }
    guard let addressValue = members.address,
      addressValue.kind == .string || addressValue.kind == .escapedString
    else { throw missing(name("address")) }
    let address = try Self.address(addressValue, name("address"))
    var token: Address? = nil
    if let tokenValue = members.token {
      guard let symbol = tokenValue.stringValue else { throw invalid(name("token")) }
      if symbol == "TRX" {
        token = nil
      } else if let pinned = tokens.first(where: { $0.symbol == symbol }) {
        token = pinned.address
      } else if let contract = try? Address(parsing: symbol) {
        token = contract
      } else {
        throw TronPayError(
          .json, "payment request: \(name("token")) \"\(symbol)\" is a symbol tokens does not pin")
      }
    } else {
      guard let usdt = tokens.first(where: { $0.symbol == "USDT" }) else {
        throw TronPayError(
          .json,
          "payment request: \(name("token")) defaults to \"USDT\", which tokens does not pin")
      }
      token = usdt.address
    }
    guard let due = members.amountDue.flatMap(baseUnits), !due.isZero else {
      throw invalid(name("amount_due (base units ≥ 1, no leading zero)"))
    }
    let created = try optionalMilliseconds(members.createdAt, name("created_at_ms"))
    let expires = try optionalMilliseconds(members.expiresAt, name("expires_at_ms"))
    if let created, let expires, expires <= created {
      throw TronPayError(
        .json, "payment request: \(name("expires_at_ms")) must be after created_at_ms")
    }
    let tolerance = try optionalInteger(members.tolerance, name("tolerance_bps")) ?? 0
    guard tolerance <= maxToleranceBps else {
      throw TronPayError(.json, "payment request: \(name("tolerance_bps")) must be 0…5000")
    }
    return Invoice(
      id: id, address: address, token: token, due: due, createdAtMs: created,
      expiresAtMs: expires, toleranceBps: tolerance)
  }

  /// A string member read in place (escaped text is decoded first). `name` is built only
  /// when the address is refused.
  private static func address(_ value: JSONRef, _ name: @autoclosure () -> String)
    throws(TronPayError) -> Address
  {
    let parsed: Address?
    do {
      parsed = try value.withText { (text) throws(TronPayError) -> Address in
        try Address(parsing: text)
      }
    } catch {
      throw TronPayError(.address, "payment request: \(name()): \(error.detail)")
    }
    guard let parsed else { throw missing(name()) }
    return parsed
  }

  private static func integer(_ value: JSONRef?, _ name: @autoclosure () -> String)
    throws(TronPayError) -> Int64
  {
    guard let value else { throw missing(name()) }
    guard let number = value.int64Value, number >= 0 else {
      throw invalid("\(name()) (an integer ≥ 0)")
    }
    return number
  }

  /// An amount of a request in base units: a decimal string in its one canonical form ("0",
  /// or digits without a leading zero) or a JSON integer. "041677389" is refused: a padded or
  /// octal-looking figure is a sign the host built the amount some other way than it meant.
  static func baseUnits(_ value: JSONRef) -> UInt256? {
    if value.kind == .string || value.kind == .escapedString {
      let canonical =
        value.withText { digits -> Bool in
          digits.count == 1 || digits.first.map { $0 != UInt8(ascii: "0") } == true
        } ?? false
      guard canonical else { return nil }
    } else if value.kind != .number {
      return nil
    }
    return value.unsignedAmount
  }

  /// Absent is absent; `null` is refused, not read as absent: a host that serialises a missing
  /// value as null must say so by leaving the member out.
  private static func optionalInteger(_ value: JSONRef?, _ name: @autoclosure () -> String)
    throws(TronPayError) -> Int64?
  {
    guard let value else { return nil }
    if value.isNull { throw nullMember(name()) }
    return try integer(value, name())
  }

  /// Unix milliseconds; a value that can only be seconds is refused rather than misread.
  private static func milliseconds(_ value: JSONRef?, _ name: @autoclosure () -> String)
    throws(TronPayError) -> Int64
  {
    let ms = try integer(value, name())
    guard ms >= smallestMilliseconds else {
      throw TronPayError(
        .json, "payment request: \(name()) looks like seconds, milliseconds expected")
    }
    return ms
  }

  private static func optionalMilliseconds(
    _ value: JSONRef?, _ name: @autoclosure () -> String
  ) throws(TronPayError) -> Int64? {
    guard let value else { return nil }
    if value.isNull { throw nullMember(name()) }
    return try milliseconds(value, name())
  }

  private static func nullMember(_ name: String) -> TronPayError {
    TronPayError(.json, "payment request: \(name) is null: leave the member out instead")
  }

  private static func missing(_ name: String) -> TronPayError {
    TronPayError(.json, "payment request: \(name) is missing")
  }

  private static func invalid(_ name: String) -> TronPayError {
    TronPayError(.json, "payment request: \(name) is invalid")
  }
}
