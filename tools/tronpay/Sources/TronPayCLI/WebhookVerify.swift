import ArgumentParser
import Foundation
import TronPay

struct WebhookCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "webhook", abstract: "Check webhook deliveries on the receiving side.",
    subcommands: [Verify.self, Redeliver.self])

  struct Redeliver: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Queue one more delivery of an event to a webhook (a running `watch` sends it).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The event id (evt_…), as in `tronpay events` and the webhook-id header.")
    var eventId: String
    @Option(help: "The webhook id; default: the config's only webhook.") var webhook: String?

    func run() throws {
      let (engine, config) = try openEngine(global)
      defer { engine.close() }
      let webhooks = (config.object["webhooks"] as? [[String: Any]] ?? []).compactMap {
        $0["id"] as? String
      }
      guard let target = webhook ?? (webhooks.count == 1 ? webhooks[0] : nil) else {
        throw ToolFailure(
          "pass --webhook (configured: \(webhooks.joined(separator: ", ")))", status: Exit.usage)
      }
      try engineCall { () throws(TronPayError) in
        try engine.outboxRedeliver(
          eventID: Array(eventId.utf8), webhookID: Array(target.utf8), nowMs: nowMs())
      }
      print(global.json ? "{\"queued\":true}" : "queued \(eventId) for \(target)")
    }
  }

  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Verify a delivery's signature (Standard Webhooks v1, or epusdt).",
      discussion: """
        The secret comes from --webhook ID (the config, or TRONPAY_WEBHOOK_<ID>_SECRET), \
        from --secret-file, or from $TRONPAY_WEBHOOK_SECRET; never from the command line, \
        where other users can read it. Exit 0 when the delivery verifies, 6 when it does not.
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "A file of the delivery's headers, \"Name: value\" lines.") var headers: String?
    @Option(help: "The file holding the body exactly as received (- for stdin).") var body: String
    @Option(help: "webhook-id, instead of --headers.") var id: String?
    @Option(help: "webhook-timestamp, instead of --headers.") var timestamp: String?
    @Option(help: "webhook-signature, instead of --headers.") var signature: String?
    @Option(help: "Take the secret of this configured webhook.") var webhook: String?
    @Option(help: "A file holding the secret.") var secretFile: String?
    @Option(help: "standard (default) or epusdt (the body's own signature field).")
    var scheme: String = "standard"
    @Option(help: "Accepted clock difference in seconds.") var tolerance: Int64 = 300
    @Option(help: "Check as of this Unix time (seconds) instead of now.") var now: Int64?

    func run() throws {
      let secret = try loadSecret()
      let bodyBytes = try readInput(body)
      var fields: [String: String] = [:]
      if let headers {
        for line in String(decoding: try readInput(headers), as: UTF8.self)
          .split(whereSeparator: \.isNewline)
        {
          guard let colon = line.firstIndex(of: ":") else { continue }
          let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
          fields[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
      }
      if let id { fields["webhook-id"] = id }
      if let timestamp { fields["webhook-timestamp"] = timestamp }
      if let signature { fields["webhook-signature"] = signature }
      let secretBytes = Array(secret.utf8)
      do throws(TronPayError) {
        switch scheme {
        case "standard":
          guard let id = fields["webhook-id"], let stamp = fields["webhook-timestamp"],
            let signatures = fields["webhook-signature"]
          else {
            throw TronPayError(
              .verify, "webhook-id, webhook-timestamp and webhook-signature are all needed")
          }
          let at = now ?? Int64(Date().timeIntervalSince1970)
          try withBytes4(secretBytes, Array(id.utf8), Array(stamp.utf8), Array(signatures.utf8)) {
            (key, idRaw, stampRaw, signaturesRaw) throws(TronPayError) in
            try withBytes(bodyBytes) { (bodyRaw) throws(TronPayError) in
              try StandardWebhook.verify(
                secret: key, id: idRaw, timestamp: stampRaw, signatures: signaturesRaw,
                body: bodyRaw, now: at, tolerance: tolerance)
            }
          }
        case "epusdt":
          try withBytes(bodyBytes) { (params) throws(TronPayError) in
            try withBytes(secretBytes) { (token) throws(TronPayError) in
              try EpusdtSignature.verify(params: params, token: token)
            }
          }
        default:
          throw TronPayError(.argument, "--scheme is standard or epusdt")
        }
      } catch {
        if error.kind == .argument { throw ToolFailure(error.detail, status: Exit.usage) }
        if global.json {
          print("{\"verified\":false,\"reason\":\(jsonString(error.detail))}")
        }
        throw ToolFailure("not verified: \(error.detail)", status: Exit.verify)
      }
      print(global.json ? "{\"verified\":true}" : "verified")
    }

    func loadSecret() throws -> String {
      if let webhook {
        let config = try ToolConfig.load(global.configPath)
        guard let secret = config.webhookSecret(webhook) else {
          throw ToolFailure("no webhook \(webhook) in the config", status: Exit.usage)
        }
        return secret
      }
      if let secretFile {
        let text = String(decoding: try readInput(secretFile), as: UTF8.self)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
      }
      if let secret = ProcessInfo.processInfo.environment["TRONPAY_WEBHOOK_SECRET"] {
        return secret
      }
      throw ToolFailure(
        "no secret: pass --webhook ID, --secret-file FILE or set TRONPAY_WEBHOOK_SECRET",
        status: Exit.usage)
    }
  }
}

func readInput(_ path: String) throws -> [UInt8] {
  if path == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
  guard let data = FileManager.default.contents(atPath: path) else {
    throw ToolFailure("\(path) cannot be read", status: Exit.noInput)
  }
  return [UInt8](data)
}

func jsonString(_ text: String) -> String {
  String(
    decoding: (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8),
    as: UTF8.self
  )
  .dropFirst().dropLast().description
}

func withBytes4<R>(
  _ a: [UInt8], _ b: [UInt8], _ c: [UInt8], _ d: [UInt8],
  _ body: (
    UnsafeRawBufferPointer, UnsafeRawBufferPointer, UnsafeRawBufferPointer, UnsafeRawBufferPointer
  )
    throws(TronPayError) -> R
) throws(TronPayError) -> R {
  try withBytes(a) { (ra) throws(TronPayError) in
    try withBytes(b) { (rb) throws(TronPayError) in
      try withBytes(c) { (rc) throws(TronPayError) in
        try withBytes(d) { (rd) throws(TronPayError) in try body(ra, rb, rc, rd) }
      }
    }
  }
}
