import TronPay

/// Webhook delivery (ENGINE.md, "Events and webhooks"): due deliveries are handed out signed,
/// claimed for a while so that two workers do not send one twice, and their outcome decides
/// success, a retry on the schedule, or the end.
extension EngineCore {
  /// Retry delays after the first, second, … failed attempt; after the last, `failed`.
  static let retryDelaysMs: [Int64] = [
    5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 50_400_000, 72_000_000,
    86_400_000,
  ]
  /// How long a handed-out delivery stays claimed: a worker that died mid-POST costs one claim.
  static let claimMs: Int64 = 60_000

  func outboxNext(max: UInt32, nowMs: Int64) throws(TronPayError) -> [UInt8] {
    let count = Int64(min(Swift.max(max, 1), 100))
    let secrets = Dictionary(
      config.webhooks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    return try store.write { () throws(TronPayError) -> [UInt8] in
      try sweep(nowMs: nowMs)
      let rows = try store.query(
        "SELECT d.id, d.event_id, d.webhook, d.attempt, w.url, w.scheme, e.type, e.created_at_ms, "
          + "e.data FROM deliveries d JOIN webhooks w ON w.id = d.webhook "
          + "JOIN events e ON e.id = d.event_id WHERE d.state = 'pending' AND d.next_at_ms <= ? "
          + "AND w.enabled = 1 ORDER BY d.next_at_ms, e.seq LIMIT ?",
        [.integer(nowMs), .integer(count * 4)])
      var json = JSONWriter(reservingCapacity: 4096)
      json.beginObject()
      json.fixedKey("deliveries")
      json.beginArray()
      var handed: Int64 = 0
      for row in rows where handed < count {
        // Only a process that holds the webhook's secret can sign for it.
        guard let hookID = row.text(2), let hook = secrets[hookID] else { continue }
        let deliveryID = try row.requiredText(0)
        let eventID = try row.requiredText(1)
        guard let type = EventType(rawValue: try row.requiredText(6)) else { continue }
        let data = try row.requiredText(8)
        let createdAt = try row.requiredInteger(7)
        var headers: [(String, String)] = [("content-type", "application/json")]
        let body: [UInt8]
        if hook.scheme == "epusdt" {
          let parsed = try? JSONReader.parse(Array(data.utf8))
          body = try EpusdtCallback.body(
            type: type, invoice: parsed?.objectValue?["invoice"], secret: hook.secret)
        } else {
          var writer = JSONWriter(reservingCapacity: data.utf8.count + 96)
          writer.beginObject()
          writer.fixedKey("type")
          writer.asciiString(type.rawValue)
          writer.fixedKey("timestamp")
          writer.asciiString(UTCTime.rfc3339(ms: createdAt))
          writer.fixedKey("data")
          writer.validated(Array(data.utf8))
          writer.endObject()
          body = writer.bytes
          let stamp = nowMs / 1000
          let signature = try withBytes(Array(hook.secret.utf8)) {
            (secret) throws(TronPayError) -> [UInt8] in
            try withBytes(Array(eventID.utf8)) { (id) throws(TronPayError) -> [UInt8] in
              try withBytes(body) { (bytes) throws(TronPayError) -> [UInt8] in
                try StandardWebhook.sign(secret: secret, id: id, timestamp: stamp, body: bytes)
              }
            }
          }
          headers += [
            ("webhook-id", eventID), ("webhook-timestamp", String(stamp)),
            ("webhook-signature", String(decoding: signature, as: UTF8.self)),
          ]
        }
        try store.run(
          "UPDATE deliveries SET next_at_ms = ?, updated_at_ms = ? WHERE id = ?",
          [.integer(nowMs &+ Self.claimMs), .integer(nowMs), .text(deliveryID)])
        json.beginObject()
        json.fixedKey("id")
        json.asciiString(deliveryID)
        json.fixedKey("event_id")
        json.asciiString(eventID)
        json.fixedKey("webhook")
        json.string(hookID)
        json.fixedKey("url")
        json.string(row.text(4) ?? hook.url)
        json.fixedKey("headers")
        json.beginObject()
        for (name, value) in headers {
          json.key(name)
          json.string(value)
        }
        json.endObject()
        json.fixedKey("body")
        json.string(String(decoding: body, as: UTF8.self))
        json.fixedKey("attempt")
        json.number(row.integer(3) ?? 1)
        json.endObject()
        handed += 1
      }
      json.endArray()
      json.endObject()
      return json.bytes
    }
  }

  func outboxAck(
    deliveryID: String, httpStatus: Int32, body: [UInt8], transportError: Int32,
    retryAfter: String?, nowMs: Int64
  ) throws(TronPayError) {
    guard (0...6).contains(transportError) else {
      throw TronPayError(.argument, "transport_error: expected 0…6")
    }
    guard (0...999).contains(httpStatus) else {
      throw TronPayError(.argument, "http_status: expected 0…999")
    }
    try store.write { () throws(TronPayError) in
      guard
        let row = try store.first(
          "SELECT d.state, d.attempt, d.event_id, d.webhook, w.scheme FROM deliveries d "
            + "JOIN webhooks w ON w.id = d.webhook WHERE d.id = ?",
          [.text(deliveryID)])
      else { throw TronPayError(.notFound, "outbox: no delivery \(deliveryID)") }
      guard row.text(0) == "pending" else {
        throw TronPayError(
          .state, "outbox: delivery \(deliveryID) was already acknowledged (\(row.text(0) ?? "?"))")
      }
      let attempt = try row.requiredInteger(1)
      let eventID = try row.requiredText(2)
      let hookID = try row.requiredText(3)
      let succeeded: Bool
      if transportError != 0 || !(200...299).contains(httpStatus) {
        succeeded = false
      } else if row.text(4) == "epusdt" {
        succeeded = Self.trimmed(body) == Array("ok".utf8)
      } else {
        succeeded = true
      }
      let error: String? =
        transportError != 0
        ? "transport error \(transportError)" : succeeded ? nil : "HTTP \(httpStatus)"
      if succeeded {
        try finish(deliveryID, "delivered", httpStatus, nil, nowMs)
        return
      }
      if httpStatus == 410 && transportError == 0 {
        // The receiver says the endpoint is gone for good: stop sending to it.
        try finish(deliveryID, "disabled", httpStatus, "HTTP 410: webhook disabled", nowMs)
        try store.run("UPDATE webhooks SET enabled = 0 WHERE id = ?", [.text(hookID)])
        try store.run(
          "UPDATE deliveries SET state = 'disabled', updated_at_ms = ? "
            + "WHERE webhook = ? AND state = 'pending'", [.integer(nowMs), .text(hookID)])
        return
      }
      let step = Int(clamping: attempt &- 1)
      guard step >= 0, step < Self.retryDelaysMs.count else {
        try finish(deliveryID, "failed", httpStatus, error, nowMs)
        return
      }
      try finish(deliveryID, "retried", httpStatus, error, nowMs)
      var delay = Self.retryDelaysMs[step]
      if let asked = Self.retryAfterMs(retryAfter) { delay = Swift.max(delay, asked) }
      try store.run(
        "INSERT INTO deliveries (id, event_id, webhook, attempt, next_at_ms, state, "
          + "updated_at_ms) VALUES (?, ?, ?, ?, ?, 'pending', ?)",
        [
          .text(try Identifier.make("dlv_")), .text(eventID), .text(hookID), .integer(attempt &+ 1),
          .integer(nowMs &+ delay), .integer(nowMs),
        ])
    }
  }

  func outboxRedeliver(eventID: String, webhookID: String, nowMs: Int64) throws(TronPayError) {
    try store.write { () throws(TronPayError) in
      guard try store.first("SELECT 1 FROM events WHERE id = ?", [.text(eventID)]) != nil else {
        throw TronPayError(.notFound, "outbox: no event \(eventID)")
      }
      guard
        let hook = try store.first("SELECT enabled FROM webhooks WHERE id = ?", [.text(webhookID)])
      else { throw TronPayError(.notFound, "outbox: no webhook \(webhookID)") }
      if hook.integer(0) != 1 {
        // Redelivery is how a merchant says the endpoint works again.
        try store.run("UPDATE webhooks SET enabled = 1 WHERE id = ?", [.text(webhookID)])
      }
      let last =
        try store.first(
          "SELECT max(attempt) FROM deliveries WHERE event_id = ? AND webhook = ?",
          [.text(eventID), .text(webhookID)])?.integer(0) ?? 0
      try store.run(
        "INSERT INTO deliveries (id, event_id, webhook, attempt, next_at_ms, state, "
          + "updated_at_ms) VALUES (?, ?, ?, ?, ?, 'pending', ?)",
        [
          .text(try Identifier.make("dlv_")), .text(eventID), .text(webhookID),
          .integer(last &+ 1), .integer(nowMs), .integer(nowMs),
        ])
    }
  }

  private func finish(
    _ id: String, _ state: String, _ status: Int32, _ error: String?, _ nowMs: Int64
  ) throws(TronPayError) {
    try store.run(
      "UPDATE deliveries SET state = ?, last_status = ?, last_error = ?, updated_at_ms = ? "
        + "WHERE id = ?",
      [.text(state), .integer(Int64(status)), StoreValue(error), .integer(nowMs), .text(id)])
  }

  private static func trimmed(_ body: [UInt8]) -> [UInt8] {
    let space: Set<UInt8> = [0x20, 0x09, 0x0a, 0x0d]
    guard let first = body.firstIndex(where: { !space.contains($0) }),
      let last = body.lastIndex(where: { !space.contains($0) })
    else { return [] }
    return Array(body[first...last])
  }

  /// `Retry-After` as delay seconds (the HTTP-date form is not honoured: time is an argument
  /// here, and a date would need the caller's clock).
  static func retryAfterMs(_ text: String?) -> Int64? {
    guard let text, !text.isEmpty, text.utf8.count <= 9,
      text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let seconds = Int64(text)
    else { return nil }
    return Swift.min(seconds, 7 * 86_400) * 1000
  }
}
