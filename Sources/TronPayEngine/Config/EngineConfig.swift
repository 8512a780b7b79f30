import TronPay

/// The engine's configuration (ENGINE.md, "Config"), validated whole before the store is
/// touched. Secrets (webhook secrets, provider headers) live here only, never in the store.
struct EngineConfig {
  enum StoreLocation: Equatable {
    case sqliteFile(String)
    case sqliteMemory
    case postgresql(String)
  }

  struct Token: Equatable {
    var symbol: String
    var contract: Address
    var decimals: UInt32
  }

  struct Wallet {
    var id: String
    var xpubText: String
    var xpub: ExtendedPublicKey
  }

  struct Policy {
    /// nil: final at the solidified block; n: also n blocks on top of the block (never less).
    var confirmations: Int64? = nil
    var minAmount = UInt256(1)
    var expiryMs: Int64 = 900_000
    var monitorMs: Int64 = 86_400_000
    var toleranceBps: Int64 = 0
    var uniqueAmountStep = UInt256(10_000)
  }

  struct Provider {
    var id: String
    var kind: String
    var baseURL: String
    var headers: [(name: String, value: String)]
    var maxRPS: Int64
  }

  struct Webhook {
    var id: String
    var url: String
    var secret: String
    var scheme: String
    var events: [String]
  }

  var store: StoreLocation
  var network = "mainnet"
  var tokens: [Token] = []
  var wallets: [Wallet] = []
  var policy = Policy()
  var providers: [Provider] = []
  var webhooks: [Webhook] = []
  var startBlock: Int64? = nil
  var workerID = "worker"
  var busyTimeoutMs: Int64 = 5_000

  /// The USDT contract each network pins by default. The test networks have no official
  /// Tether deployment (tron-protocol.md §5.3), so they pin nothing: a USDT invoice there needs
  /// `tokens` to say which contract is meant.
  static func defaultTokens(_ network: String) -> [Token] {
    guard network == "mainnet", let usdt = try? Address(parsing: PaymentRequest.mainnetUSDT)
    else { return [] }
    return [Token(symbol: "USDT", contract: usdt, decimals: 6)]
  }

  static let keys: [StaticString] = [
    "store", "network", "tokens", "wallets", "policy", "providers", "webhooks", "start_block",
    "worker_id", "busy_timeout_ms",
  ]

  static func parse(_ bytes: UnsafeRawBufferPointer) throws(TronPayError) -> EngineConfig {
    try readRequest(bytes, "config", allowed: keys) { (root) throws(TronPayError) in
      try EngineConfig(StrictObject(root.object, "config.", allowed: keys))
    }
  }

  private init(_ root: StrictObject) throws(TronPayError) {
    store = try Self.storeLocation(root.requiredString("store"))
    if let network = try root.string("network") {
      guard ["mainnet", "nile", "shasta"].contains(network) else {
        throw TronPayError(.json, "config.network: expected mainnet, nile or shasta")
      }
      self.network = network
    }
    tokens = Self.defaultTokens(network)
    if let pins = root.value("tokens") {
      guard let members = pins.members else {
        throw StrictObject.invalid("config.tokens", "an object")
      }
      for member in members {
        let token = try Self.token(member.key, member.value)
        tokens.removeAll { $0.symbol == token.symbol }
        guard !tokens.contains(where: { $0.contract == token.contract }) else {
          throw TronPayError(.json, "config.tokens.\(member.key): contract pinned twice")
        }
        tokens.append(token)
      }
    }
    for (position, item) in (try root.array("wallets") ?? []).enumerated() {
      let wallet = try StrictObject(item, "config.wallets[\(position)].", allowed: ["id", "xpub"])
      let id = try wallet.requiredString("id")
      try checkIdentifier(id, wallet.name("id"), limit: 64)
      let text = try wallet.requiredString("xpub")
      let xpub: ExtendedPublicKey
      do {
        xpub = try ExtendedPublicKey(parsing: text)
      } catch {
        throw TronPayError(.json, "\(wallet.name("xpub")): \(error.detail)")
      }
      guard !wallets.contains(where: { $0.id == id || $0.xpubText == text }) else {
        throw TronPayError(.json, "\(wallet.name("id")): a wallet id or xpub appears twice")
      }
      wallets.append(Wallet(id: id, xpubText: text, xpub: xpub))
    }
    if let policy = try root.object(
      "policy",
      allowed: [
        "confirmations", "min_amount", "expiry_ms", "monitor_ms", "tolerance_bps",
        "unique_amount_step",
      ])
    {
      try readPolicy(policy)
    }
    for (position, item) in (try root.array("providers") ?? []).enumerated() {
      providers.append(try Self.provider(item, "config.providers[\(position)]."))
    }
    for (position, item) in (try root.array("webhooks") ?? []).enumerated() {
      let hook = try Self.webhook(item, "config.webhooks[\(position)].")
      guard !webhooks.contains(where: { $0.id == hook.id }) else {
        throw TronPayError(.json, "config.webhooks[\(position)].id: appears twice")
      }
      webhooks.append(hook)
    }
    startBlock = try root.integer("start_block", in: 0...Int64.max)
    if let worker = try root.string("worker_id") {
      try checkIdentifier(worker, "config.worker_id")
      workerID = worker
    } else {
      workerID = "pid\(ProcessIdentity.current)"
    }
    if let timeout = try root.integer("busy_timeout_ms", in: 0...600_000) {
      busyTimeoutMs = timeout
    }
  }

  private mutating func readPolicy(_ policy: StrictObject) throws(TronPayError) {
    if let value = policy.value("confirmations") {
      if value.isString("solidified") {
        self.policy.confirmations = nil
      } else {
        guard let count = value.int64Value, count >= 0, count <= 1_000_000 else {
          throw StrictObject.invalid("config.policy.confirmations", "\"solidified\" or a count ≥ 0")
        }
        self.policy.confirmations = count
      }
    }
    if let min = try policy.baseUnits("min_amount") { self.policy.minAmount = min }
    if let expiry = try policy.integer("expiry_ms", in: 1_000...(366 * 86_400_000)) {
      self.policy.expiryMs = expiry
    }
    if let monitor = try policy.integer("monitor_ms", in: 0...(3_660 * 86_400_000)) {
      self.policy.monitorMs = monitor
    }
    if let bps = try policy.integer("tolerance_bps", in: 0...PaymentRequest.maxToleranceBps) {
      self.policy.toleranceBps = bps
    }
    if let step = try policy.baseUnits("unique_amount_step") {
      guard !step.isZero else {
        throw TronPayError(.json, "config.policy.unique_amount_step: must be above 0")
      }
      self.policy.uniqueAmountStep = step
    }
  }

  private static func storeLocation(_ text: String) throws(TronPayError) -> StoreLocation {
    if text == "sqlite::memory:" { return .sqliteMemory }
    if text.hasPrefix("sqlite:") {
      let path = String(text.dropFirst("sqlite:".count))
      guard !path.isEmpty, !path.utf8.contains(0) else {
        throw TronPayError(.json, "config.store: sqlite: needs a file path")
      }
      return .sqliteFile(path)
    }
    if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") {
      return .postgresql(text)
    }
    throw TronPayError(
      .json, "config.store: expected \"sqlite:PATH\", \"sqlite::memory:\" or \"postgresql://…\"")
  }

  private static func token(_ symbol: String, _ value: JSONRef) throws(TronPayError) -> Token {
    let field = "config.tokens.\(symbol)"
    guard symbol != "TRX" else {
      throw TronPayError(.json, "\(field): TRX is the native coin, not a token")
    }
    try checkIdentifier(symbol, field, limit: 32)
    var decimals: UInt32 = 6
    let text: String
    if let plain = value.stringValue {
      text = plain
    } else {
      let entry = try StrictObject(value, field + ".", allowed: ["address", "decimals"])
      text = try entry.requiredString("address")
      if let count = try entry.integer("decimals", in: 0...77) { decimals = UInt32(count) }
    }
    do {
      return Token(symbol: symbol, contract: try Address(parsing: text), decimals: decimals)
    } catch {
      throw TronPayError(.json, "\(field): not a TRON address (\(error.detail))")
    }
  }

  private static func provider(_ item: JSONRef, _ path: String) throws(TronPayError) -> Provider {
    let entry = try StrictObject(
      item, path, allowed: ["id", "kind", "base_url", "headers", "max_rps"])
    let id = try entry.requiredString("id")
    try checkIdentifier(id, entry.name("id"), limit: 64)
    let kind = try entry.string("kind") ?? "fullnode"
    guard kind == "trongrid" || kind == "fullnode" else {
      throw StrictObject.invalid(entry.name("kind"), "\"trongrid\" or \"fullnode\"")
    }
    let base = try entry.requiredString("base_url")
    guard base.hasPrefix("https://") || base.hasPrefix("http://") else {
      throw StrictObject.invalid(entry.name("base_url"), "an http:// or https:// URL")
    }
    var headers: [(String, String)] = []
    if let object = entry.value("headers") {
      guard let members = object.members else {
        throw StrictObject.invalid(entry.name("headers"), "an object of strings")
      }
      for member in members {
        guard let value = member.value.stringValue else {
          throw StrictObject.invalid(entry.name("headers.\(member.key)"), "a string")
        }
        headers.append((member.key, value))
      }
    }
    let rps = try entry.integer("max_rps", in: 1...10_000) ?? 10
    return Provider(id: id, kind: kind, baseURL: base, headers: headers, maxRPS: rps)
  }

  private static func webhook(_ item: JSONRef, _ path: String) throws(TronPayError) -> Webhook {
    let entry = try StrictObject(item, path, allowed: ["id", "url", "secret", "scheme", "events"])
    let id = try entry.requiredString("id")
    try checkIdentifier(id, entry.name("id"), limit: 64)
    let url = try entry.requiredString("url")
    guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
      throw StrictObject.invalid(entry.name("url"), "an http:// or https:// URL")
    }
    let scheme = try entry.string("scheme") ?? "standard"
    guard scheme == "standard" || scheme == "epusdt" else {
      throw StrictObject.invalid(entry.name("scheme"), "\"standard\" or \"epusdt\"")
    }
    let secret = try entry.requiredString("secret")
    if scheme == "standard" {
      // Signing once proves the secret decodes; the key is wiped by the signer.
      do {
        _ = try withBytes(Array(secret.utf8)) { (key) throws(TronPayError) -> [UInt8] in
          try withBytes(Array("probe".utf8)) { (id) throws(TronPayError) -> [UInt8] in
            try StandardWebhook.sign(secret: key, id: id, timestamp: 0, body: id)
          }
        }
      } catch {
        throw TronPayError(.json, "\(entry.name("secret")): \(error.detail)")
      }
    } else {
      guard !secret.isEmpty else { throw TronPayError(.json, "\(entry.name("secret")): empty") }
    }
    var events: [String] = []
    for (position, value) in (try entry.array("events") ?? []).enumerated() {
      guard let pattern = value.stringValue, EventType.matchesAny(pattern) else {
        throw StrictObject.invalid(
          entry.name("events[\(position)]"), "an event type or a prefix ending in \".*\"")
      }
      events.append(pattern)
    }
    if events.isEmpty { events = ["*"] }
    return Webhook(id: id, url: url, secret: secret, scheme: scheme, events: events)
  }

  func token(symbol: String) -> Token? { tokens.first { $0.symbol == symbol } }
  func token(contract: Address) -> Token? { tokens.first { $0.contract == contract } }
}
