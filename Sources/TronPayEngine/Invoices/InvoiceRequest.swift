import TronPay

/// A `tronpay_invoice_create` request, validated against the config before anything is
/// stored. `terms` is its canonical text: the same order id must come with the same terms.
struct InvoiceRequest {
  enum AddressMode: Equatable {
    case derived(wallet: String)
    case uniqueAmount(Address)
  }

  var orderID: String
  var token: String
  var tokenContract: Address?
  var decimals: UInt32
  var amount: UInt256
  var mode: AddressMode
  var expiryMs: Int64
  var toleranceBps: Int64
  var metadata: String?

  static let keys: [StaticString] = [
    "order_id", "token", "amount", "amount_base_units", "wallet", "expiry_ms", "tolerance_bps",
    "address_mode", "address", "metadata",
  ]
  static let maxMetadataBytes = 4096

  init(_ request: StrictObject, _ config: EngineConfig) throws(TronPayError) {
    orderID = try request.requiredString("order_id")
    try checkIdentifier(orderID, "order_id")
    let tokenName = try request.string("token") ?? "USDT"
    if tokenName == "TRX" {
      token = "TRX"
      tokenContract = nil
      decimals = 6
    } else if let pinned = config.token(symbol: tokenName) {
      token = pinned.symbol
      tokenContract = pinned.contract
      decimals = pinned.decimals
    } else if let contract = try? Address(parsing: tokenName) {
      guard let pinned = config.token(contract: contract) else {
        throw TronPayError(
          .json, "token: \(tokenName) is not a pinned token contract; add it to config.tokens")
      }
      token = pinned.symbol
      tokenContract = pinned.contract
      decimals = pinned.decimals
    } else {
      throw TronPayError(
        .json, "token: \"\(tokenName)\" is not pinned on \(config.network); add it to config.tokens"
      )
    }
    switch (request.has("amount"), request.has("amount_base_units")) {
    case (true, false):
      let text = try request.requiredString("amount")
      do {
        amount = try Amount.toBaseUnits(Array(text.utf8), decimals: decimals)
      } catch {
        throw TronPayError(.json, "amount: \(error.detail)")
      }
    case (false, true):
      amount = try request.baseUnits("amount_base_units") ?? .zero
    default:
      throw TronPayError(.json, "amount: give exactly one of amount and amount_base_units")
    }
    guard !amount.isZero else { throw TronPayError(.json, "amount: must be above 0") }
    guard amount >= config.policy.minAmount else {
      throw TronPayError(.json, "amount: below the policy's min_amount")
    }
    switch try request.string("address_mode") ?? "derived" {
    case "derived":
      guard !request.has("address") else {
        throw TronPayError(.json, "address: only with address_mode \"unique_amount\"")
      }
      let wallet: String
      if let named = try request.string("wallet") {
        guard config.wallets.contains(where: { $0.id == named }) else {
          throw TronPayError(.json, "wallet: no wallet \"\(named)\" in config.wallets")
        }
        wallet = named
      } else if config.wallets.count == 1, let only = config.wallets.first {
        wallet = only.id
      } else {
        throw TronPayError(
          .json, "wallet: name one of config.wallets (derived addresses need a wallet)")
      }
      mode = .derived(wallet: wallet)
    case "unique_amount":
      guard !request.has("wallet") else {
        throw TronPayError(.json, "wallet: only with address_mode \"derived\"")
      }
      guard let address = try request.address("address") else {
        throw TronPayError(.json, "address: missing (address_mode \"unique_amount\" needs it)")
      }
      mode = .uniqueAmount(address)
    default:
      throw TronPayError(.json, "address_mode: expected \"derived\" or \"unique_amount\"")
    }
    expiryMs =
      try request.integer("expiry_ms", in: 1_000...(366 * 86_400_000)) ?? config.policy.expiryMs
    toleranceBps =
      try request.integer("tolerance_bps", in: 0...PaymentRequest.maxToleranceBps)
      ?? config.policy.toleranceBps
    if let value = request.value("metadata") {
      guard value.isObject else { throw StrictObject.invalid("metadata", "an object") }
      var writer = JSONWriter()
      writer.value(value.tree())
      guard writer.bytes.count <= Self.maxMetadataBytes else {
        throw TronPayError(.json, "metadata: larger than \(Self.maxMetadataBytes) bytes")
      }
      metadata = String(decoding: writer.bytes, as: UTF8.self)
    }
  }

  /// What must match for a repeated order id to be the same invoice.
  var terms: String {
    var json = JSONWriter()
    json.beginObject()
    json.fixedKey("token")
    json.asciiString(tokenContract?.base58 ?? "TRX")
    json.fixedKey("amount")
    json.asciiString(amount.description)
    json.fixedKey("mode")
    switch mode {
    case .derived(let wallet):
      json.string("derived:" + wallet)
    case .uniqueAmount(let address):
      json.asciiString("unique_amount:" + address.base58)
    }
    json.fixedKey("expiry_ms")
    json.number(expiryMs)
    json.fixedKey("tolerance_bps")
    json.number(toleranceBps)
    json.fixedKey("metadata")
    if let metadata { json.validated(Array(metadata.utf8)) } else { json.null() }
    json.endObject()
    return String(decoding: json.bytes, as: UTF8.self)
  }
}
