import TronPay

/// Each provider's back-off, kept in the store so that `tronpay_engine_health` from any
/// process shows it: consecutive failures, when the provider may be asked again, the last
/// error. Back-off doubles from one second to a minute; `Retry-After` wins when it is longer.
struct ProviderHealth {
  var state = "ok"
  var failures: Int64 = 0
  var retryAtMs: Int64? = nil
  var lastError: String? = nil

  static let maxBackoffMs: Int64 = 60_000
  /// Failures after which a provider is reported `failing` rather than `backoff`.
  static let failingAfter: Int64 = 5
}

extension EngineCore {
  func providerHealth() throws(TronPayError) -> [String: ProviderHealth] {
    var all: [String: ProviderHealth] = [:]
    for row in try store.query(
      "SELECT id, state, failures, retry_at_ms, last_error FROM providers", [])
    {
      guard let id = row.text(0) else { continue }
      all[id] = ProviderHealth(
        state: row.text(1) ?? "ok", failures: row.integer(2) ?? 0, retryAtMs: row.integer(3),
        lastError: row.text(4))
    }
    return all
  }

  func saveProviderHealth(_ id: String, _ health: ProviderHealth, nowMs: Int64)
    throws(TronPayError)
  {
    try store.run(
      "INSERT INTO providers (id, state, failures, retry_at_ms, last_error, updated_at_ms) "
        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state, "
        + "failures = excluded.failures, retry_at_ms = excluded.retry_at_ms, "
        + "last_error = excluded.last_error, updated_at_ms = excluded.updated_at_ms",
      [
        .text(id), .text(health.state), .integer(health.failures), StoreValue(health.retryAtMs),
        StoreValue(health.lastError), .integer(nowMs),
      ])
  }

  /// Records a failed answer; answers when the provider may be asked again.
  func providerFailed(
    _ id: String, _ answer: AnswerClass, error: String, retryAfterMs: Int64?, nowMs: Int64
  ) throws(TronPayError) -> Int64 {
    var health = try providerHealth()[id] ?? ProviderHealth()
    health.failures = min(health.failures &+ 1, 62)
    let shift = min(health.failures &- 1, 6)
    var delay = min(Int64(1_000) << shift, ProviderHealth.maxBackoffMs)
    if answer == .persistent { delay = ProviderHealth.maxBackoffMs }
    if let asked = retryAfterMs { delay = max(delay, asked) }
    health.retryAtMs = nowMs &+ delay
    health.state = health.failures >= ProviderHealth.failingAfter ? "failing" : "backoff"
    health.lastError = error
    try saveProviderHealth(id, health, nowMs: nowMs)
    return nowMs &+ delay
  }

  func providerAnswered(_ id: String, nowMs: Int64) throws(TronPayError) {
    guard let health = try providerHealth()[id], health.failures > 0 || health.state != "ok"
    else { return }
    var cleared = health
    cleared.state = "ok"
    cleared.failures = 0
    cleared.retryAtMs = nil
    try saveProviderHealth(id, cleared, nowMs: nowMs)
  }
}
