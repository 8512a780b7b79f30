import ArgumentParser
import Foundation
import TronPay
import TronPayEngine

/// Exit statuses, one per kind of failure a script may want to tell apart. The sysexits(3)
/// numbers where one fits, small numbers for the engine's own outcomes.
enum Exit {
  static let failure: Int32 = 1  // any other engine error (argument, state, internal, …)
  static let notFound: Int32 = 3  // no such invoice, refund, txid
  static let conflict: Int32 = 4  // an order_id / refund_id reused with other terms
  static let state: Int32 = 5  // not allowed in the current state
  static let verify: Int32 = 6  // `webhook verify`: the signature does not verify
  static let usage: Int32 = 64  // EX_USAGE: bad command line
  static let dataError: Int32 = 65  // EX_DATAERR: bad config or request JSON
  static let noInput: Int32 = 66  // EX_NOINPUT: the config (or an input file) cannot be read
  static let unavailable: Int32 = 69  // EX_UNAVAILABLE: no provider answers (`watch`)
  static let store: Int32 = 74  // EX_IOERR: the store failed (I/O, corrupt, newer schema)
  static let busy: Int32 = 75  // EX_TEMPFAIL: the store stayed locked; retry

  static let table = """
    Exit status:
      0   success
      1   other error
      3   not found (invoice, refund, txid)
      4   conflict (an order_id or refund_id reused with other terms)
      5   not allowed in the current state
      6   webhook signature does not verify
      64  usage error (bad command line)
      65  bad config or request JSON
      66  config or input file cannot be read
      69  no provider answers (watch)
      74  store error (I/O, corrupt, newer schema)
      75  store busy (locked past its timeout; retry)
    """

  static func code(for kind: TronPayError.Kind) -> Int32 {
    switch kind {
    case .notFound: return notFound
    case .conflict: return conflict
    case .state: return state
    case .verify: return verify
    case .json: return dataError
    case .store: return store
    case .busy: return busy
    default: return failure
    }
  }
}

/// A failure the tool reports in one line and turns into its exit status.
struct ToolFailure: Error, CustomStringConvertible {
  var message: String
  var status: Int32
  var description: String { message }

  init(_ message: String, status: Int32) {
    self.message = message
    self.status = status
  }

  init(_ error: TronPayError) {
    self.init(
      "\(TronPayError.statusName(error.kind.rawValue)): \(error.detail)",
      status: Exit.code(for: error.kind))
  }
}

/// Options every command takes, before or after the command's name.
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The engine config (JSON, ENGINE.md \"Config\"); default $TRONPAY_CONFIG or tronpay.json.",
      valueName: "file"))
  var config: String?

  @Flag(name: .long, help: "Print the engine's JSON instead of text, for scripts.")
  var json = false

  var configPath: String {
    config ?? ProcessInfo.processInfo.environment["TRONPAY_CONFIG"] ?? "tronpay.json"
  }
}

/// The engine's clock (`now_ms`): the wall clock plus `TRONPAY_CLOCK_OFFSET_MS` when that is
/// set. Only the engine's time moves: sleeps, timeouts and log stamps stay real. The offset
/// lets a test walk the webhook retry schedule (75 h) without waiting; libfaketime cannot do
/// that for this tool (tools/tronpay/README.md, "Test").
func nowMs() -> Int64 {
  Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) &+ clockOffsetMs
}

/// `TRONPAY_CLOCK_OFFSET_MS`: an integer, in milliseconds, at most ±10 years.
let clockOffsetName = "TRONPAY_CLOCK_OFFSET_MS"
let clockOffsetMs: Int64 = {
  guard let text = ProcessInfo.processInfo.environment[clockOffsetName], !text.isEmpty else {
    return 0
  }
  return parseClockOffset(text) ?? 0
}()

func parseClockOffset(_ text: String) -> Int64? {
  guard let value = Int64(text), value.magnitude <= 10 * 366 * 86_400_000 else { return nil }
  return value
}

/// The environment name that carries a secret for a config entry: `TRONPAY_PROVIDER_TG_API_KEY`
/// for provider "tg". Letters upper-cased, anything else but digits becomes `_`.
func environmentName(_ kind: String, _ id: String, _ suffix: String) -> String {
  let cleaned = id.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
  return "TRONPAY_\(kind)_\(cleaned)_\(suffix)"
}

/// The config as read from disk, with secrets from the environment merged in. Secrets go
/// through the environment so that the file can be committed or shared without them.
struct ToolConfig {
  var bytes: [UInt8]
  var object: [String: Any]

  /// `overrides` replace top-level keys (e.g. `watch --worker-id`).
  static func load(_ path: String, overrides: [String: Any] = [:]) throws -> ToolConfig {
    guard let data = FileManager.default.contents(atPath: path) else {
      let reason =
        FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
      throw ToolFailure(
        "config \(path) \(reason) (pass --config FILE or set TRONPAY_CONFIG)",
        status: Exit.noInput)
    }
    guard var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
      throw ToolFailure("config \(path) is not a JSON object", status: Exit.dataError)
    }
    let environment = ProcessInfo.processInfo.environment
    var changed = false
    // TRONPAY_PROVIDER_<ID>_API_KEY becomes the provider's TRON-PRO-API-KEY header (TronGrid's
    // name for it; a full node ignores it).
    if var providers = object["providers"] as? [[String: Any]] {
      for k in providers.indices {
        guard let id = providers[k]["id"] as? String,
          let key = environment[environmentName("PROVIDER", id, "API_KEY")], !key.isEmpty
        else { continue }
        var headers = providers[k]["headers"] as? [String: Any] ?? [:]
        headers["TRON-PRO-API-KEY"] = key
        providers[k]["headers"] = headers
        changed = true
      }
      if changed { object["providers"] = providers }
    }
    // TRONPAY_WEBHOOK_<ID>_SECRET replaces the webhook's secret.
    if var webhooks = object["webhooks"] as? [[String: Any]] {
      var any = false
      for k in webhooks.indices {
        guard let id = webhooks[k]["id"] as? String,
          let secret = environment[environmentName("WEBHOOK", id, "SECRET")], !secret.isEmpty
        else { continue }
        webhooks[k]["secret"] = secret
        any = true
      }
      if any {
        object["webhooks"] = webhooks
        changed = true
      }
    }
    for (key, value) in overrides {
      object[key] = value
      changed = true
    }
    // Re-encoded only when something was merged, so the engine reads the user's own text
    // (and its strict checks name the user's keys) in the usual case.
    let bytes =
      changed
      ? [UInt8](try JSONSerialization.data(withJSONObject: object)) : [UInt8](data)
    return ToolConfig(bytes: bytes, object: object)
  }

  /// The secret of a configured webhook (after the environment merge).
  func webhookSecret(_ id: String) -> String? {
    let webhooks = object["webhooks"] as? [[String: Any]] ?? []
    return webhooks.first { $0["id"] as? String == id }?["secret"] as? String
  }
}

/// Turns the engine's typed throws into the tool's failure.
func engineCall<R>(_ body: () throws(TronPayError) -> R) throws -> R {
  do throws(TronPayError) {
    return try body()
  } catch {
    throw ToolFailure(error)
  }
}

func withRaw<R>(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(TronPayError) -> R)
  throws -> R
{
  try bytes.withUnsafeBytes { raw in try engineCall { () throws(TronPayError) in try body(raw) } }
}

func openEngine(_ global: GlobalOptions, overrides: [String: Any] = [:]) throws -> (
  Engine, ToolConfig
) {
  let config = try ToolConfig.load(global.configPath, overrides: overrides)
  // A malformed offset is a usage error, not silently the wall clock.
  if let text = ProcessInfo.processInfo.environment[clockOffsetName], !text.isEmpty,
    parseClockOffset(text) == nil
  {
    throw ToolFailure(
      "\(clockOffsetName)=\(text): expected an integer number of milliseconds (at most 10 years)",
      status: Exit.usage)
  }
  let engine = try withRaw(config.bytes) { (raw) throws(TronPayError) in
    try Engine.open(config: raw, nowMs: nowMs())
  }
  return (engine, config)
}

/// JSON helpers over Foundation's parser: the engine's answers are small objects.
func parseObject(_ bytes: [UInt8]) -> [String: Any] {
  (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
}

func encodeJSON(_ value: Any) throws -> [UInt8] {
  [UInt8](try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]))
}

extension Dictionary where Key == String, Value == Any {
  func string(_ key: String) -> String? {
    if let text = self[key] as? String { return text }
    if let number = self[key] as? NSNumber { return number.stringValue }
    return nil
  }
  func int(_ key: String) -> Int64? {
    if let number = self[key] as? NSNumber { return number.int64Value }
    if let text = self[key] as? String { return Int64(text) }
    return nil
  }
  func object(_ key: String) -> [String: Any] { self[key] as? [String: Any] ?? [:] }
  func objects(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }
}

/// Writes the engine's JSON unchanged (one line) or the text rendering.
func emit(_ bytes: [UInt8], json: Bool, text: ([String: Any]) -> String) {
  if json {
    FileHandle.standardOutput.write(Data(bytes + [0x0a]))
  } else {
    print(text(parseObject(bytes)))
  }
}

func writeError(_ message: String) {
  FileHandle.standardError.write(Data("tronpay: error: \(message)\n".utf8))
}
