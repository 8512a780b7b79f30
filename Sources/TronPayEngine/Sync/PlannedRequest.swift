import TronPay

/// One HTTP request the planner wants the host to make (ENGINE.md, "Planner mode").
struct PlannedRequest {
  enum Purpose: String {
    case head
    case solidHead = "solid_head"
    case block
    case blockInfos = "block_infos"
    case txInfo = "tx_info"
    case tx
    case broadcast
  }

  var id: String
  var purpose: Purpose
  var provider: String
  var path: String
  var body: String
  var issuedAtMs: Int64
  /// What the answer is for: the block number (block, block_infos), the last number of a
  /// range (getblockbylimitnext), a txid or refund id.
  var number: Int64 = 0
  var lastNumber: Int64 = 0
  var key: String = ""

  static let timeoutMs: Int64 = 10_000

  func write(to json: inout JSONWriter, provider: EngineConfig.Provider) {
    json.beginObject()
    json.fixedKey("kind")
    json.fixedString("http")
    json.fixedKey("id")
    json.asciiString(id)
    json.fixedKey("purpose")
    json.asciiString(purpose.rawValue)
    json.fixedKey("provider")
    json.string(provider.id)
    json.fixedKey("method")
    json.fixedString("POST")
    json.fixedKey("url")
    var base = provider.baseURL
    while base.hasSuffix("/") { base.removeLast() }
    json.string(base + path)
    json.fixedKey("headers")
    json.beginObject()
    json.fixedKey("Content-Type")
    json.fixedString("application/json")
    for header in provider.headers {
      json.key(header.name)
      json.string(header.value)
    }
    json.endObject()
    json.fixedKey("body")
    json.string(body)
    json.fixedKey("timeout_ms")
    json.number(Self.timeoutMs)
    json.endObject()
  }
}

/// How an answer is classified (ENGINE.md, `tronpay_sync_feed`).
enum AnswerClass: String {
  case ok
  /// The node does not have it yet (`{}` for a block beyond its head, an unknown txid).
  case notYet = "not_yet"
  case rateLimited = "rate_limited"
  /// Worth the same request again soon: timeouts, resets, 5xx, a truncated body.
  case transient
  /// The provider refuses the request itself (4xx, `{"Error":…}` with HTTP 200).
  case persistent
  /// The answer contradicts itself or the chain (a receipt list shorter than its block).
  case inconsistent
}
