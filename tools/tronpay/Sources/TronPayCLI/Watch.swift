import ArgumentParser
import AsyncHTTPClient
import Dispatch
import Foundation
import Logging
import TronPay
import TronPayEngine

struct Watch: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Follow the chain and deliver webhooks until SIGINT/SIGTERM.",
    discussion: """
      Runs the engine's planner (sync_next → HTTP → sync_feed) and, beside it, the webhook \
      outbox (outbox_next → POST → outbox_ack). One log line per change of state on \
      stderr; on a terminal, a progress line (blocks behind, blocks/s). SIGINT or SIGTERM \
      stops it after the request in flight (a second signal stops it at once, status 130). \
      Several `watch` processes may share a store: one scans (the lease), the others idle \
      and deliver webhooks.
      """)

  @OptionGroup var global: GlobalOptions
  @Flag(help: "One planner step and one outbox round, then exit.") var once = false
  @Flag(
    help:
      "Exit when the planner has nothing to fetch now (at the head, or idle) and no webhook is due."
  )
  var untilIdle = false
  @Option(help: "With --until-idle: give up (status 69) after this many failed answers in a row.")
  var maxFailures = 8
  @Option(help: "Seconds to sleep when idle (another process holds the lease, nothing to watch).")
  var idleSeconds = 3.0
  @Option(help: "Timeout of one webhook delivery, in milliseconds.") var webhookTimeoutMs: Int64 =
    10_000
  @Flag(
    inversion: .prefixedNo, help: "Show the progress line (default: when stderr is a terminal).")
  var progress: Bool?
  @Flag(name: .customLong("no-webhooks"), help: "Do not deliver webhooks (another process does).")
  var noWebhooks = false
  @Option(
    help:
      "The scanner lease's holder name (overrides the config's worker_id); unique per process, stable across restarts."
  )
  var workerId: String?
  @Flag(
    help: "Also log every request: purpose, status, size, time on the wire, time in the engine.")
  var verbose = false

  func run() async throws {
    let terminal = isatty(STDERR_FILENO) == 1
    let console = Console(progress: progress ?? terminal)
    let level: Logger.Level = verbose ? .debug : .info
    LoggingSystem.bootstrap { label in
      ConsoleLogHandler(label: label, console: console, logLevel: level)
    }
    let logger = Logger(label: "tronpay")
    let (engine, _) = try openEngine(
      global, overrides: workerId.map { ["worker_id": $0] } ?? [:])
    defer { engine.close() }
    let stop = StopSignal.install(logger: logger)
    let transport = Transport()
    let options = WatchOptions(
      once: once, untilIdle: untilIdle, maxFailures: maxFailures,
      idleMs: Int64(idleSeconds * 1000), webhookTimeoutMs: webhookTimeoutMs,
      webhooks: !noWebhooks)
    let shared = WatchShared()
    logger.info("watch started (pid \(getpid()))")
    await withTaskGroup(of: Void.self) { group in
      group.addTask {
        await SyncLoop(
          engine: engine, transport: transport, logger: logger, stop: stop,
          shared: shared, options: options
        ).run()
      }
      if options.webhooks {
        group.addTask {
          await OutboxLoop(
            engine: engine, transport: transport, logger: logger, stop: stop,
            shared: shared, options: options
          ).run()
        }
      }
      if console.progress {
        group.addTask {
          await ProgressLoop(engine: engine, console: console, stop: stop, shared: shared).run()
        }
      }
    }
    await transport.shutdown()
    console.clearProgress()
    if let failure = shared.failure {
      logger.error("watch stopped: \(failure.message)")
      throw failure
    }
    logger.info(stop.requested ? "watch stopped by signal" : "watch finished")
  }
}

struct WatchOptions: Sendable {
  var once: Bool
  var untilIdle: Bool
  var maxFailures: Int
  var idleMs: Int64
  var webhookTimeoutMs: Int64
  var webhooks: Bool
}

/// What the loops tell each other: the sync loop is done, a fatal failure, events to deliver.
final class WatchShared: @unchecked Sendable {
  private let lock = NSLock()
  private var _syncDone = false
  private var _failure: ToolFailure?
  private var _eventsPending = false

  var syncDone: Bool { lock.withLock { _syncDone } }
  var failure: ToolFailure? { lock.withLock { _failure } }
  func finishSync() { lock.withLock { _syncDone = true } }
  func fail(_ failure: ToolFailure) {
    lock.withLock { if _failure == nil { _failure = failure } }
  }
  /// Set when a feed wrote events, so the outbox looks at once instead of at its next tick.
  func noteEvents() { lock.withLock { _eventsPending = true } }
  func takeEvents() -> Bool {
    lock.withLock {
      defer { _eventsPending = false }
      return _eventsPending
    }
  }
}

/// SIGINT and SIGTERM through Dispatch sources, so the handler may log and take locks (a C
/// signal handler may not). The first asks the loops to stop after the request in flight;
/// the second exits at once.
final class StopSignal: @unchecked Sendable {
  private let lock = NSLock()
  private var flag = false
  private var sources: [DispatchSourceSignal] = []

  var requested: Bool { lock.withLock { flag } }

  static func install(logger: Logger) -> StopSignal {
    let stop = StopSignal()
    for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler {
        let first = stop.lock.withLock {
          defer { stop.flag = true }
          return !stop.flag
        }
        if first {
          logger.info("\(name): stopping after the request in flight")
        } else {
          logger.warning("\(name) again: exiting now")
          Foundation.exit(130)
        }
      }
      source.resume()
      stop.sources.append(source)
    }
    return stop
  }

  /// Sleeps up to `ms`, returning early when a stop is requested.
  func nap(_ ms: Int64) async {
    var left = max(0, ms)
    while left > 0 && !requested {
      let slice = min(left, 100)
      try? await Task.sleep(nanoseconds: UInt64(slice) * 1_000_000)
      left -= slice
    }
  }
}

/// The engine's planner, driven: each step is a request to make, a wait or idle.
struct SyncLoop {
  let engine: Engine
  let transport: Transport
  let logger: Logger
  let stop: StopSignal
  let shared: WatchShared
  let options: WatchOptions

  func run() async {
    defer { shared.finishSync() }
    var state = ""  // the last state logged, so each change gives one line
    var failures = 0
    var lastSeq: Int64 = (try? latestSeq()) ?? 0
    while !stop.requested && shared.failure == nil {
      let plan: [String: Any]
      do {
        plan = parseObject(
          try engineCall { () throws(TronPayError) in try engine.syncNext(nowMs: nowMs()) })
      } catch {
        if await recover(error) { continue } else { return }
      }
      switch plan.string("kind") {
      case "http":
        let purpose = plan.string("purpose") ?? "?"
        let provider = plan.string("provider") ?? "?"
        let mode = purpose == "block" || purpose == "block_infos" ? "catching up" : purpose
        if mode != state && mode != "head" && mode != "solid_head" {
          log(mode: mode, plan: plan)
          state = mode
        }
        var headers: [(String, String)] = []
        for (name, value) in plan.object("headers") { headers.append((name, "\(value)")) }
        let sentAt = nowMs()
        let exchange = await transport.perform(
          method: plan.string("method") ?? "POST", url: plan.string("url") ?? "",
          headers: headers, body: Array((plan.string("body") ?? "").utf8),
          timeoutMs: plan.int("timeout_ms") ?? 10_000)
        let answeredAt = nowMs()
        let id = plan.string("id") ?? ""
        let fed: [String: Any]
        do {
          fed = parseObject(
            try withRaw(exchange.body) { (body) throws(TronPayError) in
              try engine.syncFeed(
                requestID: Array(id.utf8), httpStatus: exchange.status,
                headers: Array(exchange.headerLines.utf8), body: body,
                transportError: exchange.transportError, nowMs: nowMs())
            })
        } catch {
          if await recover(error) { continue } else { return }
        }
        let answerClass = fed.string("class") ?? "?"
        logger.debug(
          "\(purpose) via \(provider): HTTP \(exchange.status), \(exchange.body.count) bytes in \(answeredAt - sentAt) ms, fed in \(nowMs() - answeredAt) ms: \(answerClass)"
        )
        if answerClass == "ok" || answerClass == "not_yet" {
          if failures > 0 { logger.info("provider \(provider) answers again") }
          failures = 0
        } else {
          failures += 1
          // Never the URL's query or the headers: they may carry an API key.
          let what =
            exchange.transportError != 0
            ? "transport error \(exchange.transportError) (\(exchange.errorText ?? "?"))"
            : "HTTP \(exchange.status)"
          var line = "provider \(provider): \(answerClass) on \(purpose), \(what)"
          if let retry = fed.int("retry_at_ms") {
            line += ", retry in \(max(0, retry - nowMs())) ms"
          }
          logger.warning("\(line)")
          state = "failing"
          if options.untilIdle && failures >= options.maxFailures {
            shared.fail(
              ToolFailure(
                "no provider answered \(failures) times in a row (last: \(what))",
                status: Exit.unavailable))
            return
          }
        }
        if (fed.int("events") ?? 0) > 0 {
          shared.noteEvents()
          lastSeq = logEvents(after: lastSeq)
        }
      case "wait":
        let reason = plan.string("reason") ?? "?"
        if reason == "at_head" {
          if state != "at_head" {
            let health = parseObject((try? engine.health(nowMs: nowMs())) ?? [])
            logger.info(
              "at head \(health.string("head") ?? "?") (solidified \(health.string("solidified") ?? "?"), cursor \(health.string("cursor") ?? "?"))"
            )
            state = "at_head"
          }
          if options.untilIdle { return }
        } else if reason == "rate_limited" {
          // The provider's max_rps pacing: normal during catch-up, not a change worth a line.
        } else if state != reason {
          logger.info("waiting: \(reason)")
          state = reason
        }
        let until = plan.int("until_ms") ?? (nowMs() + 1000)
        await stop.nap(min(until - nowMs(), 5_000))
      case "idle":
        let reason = plan.string("reason") ?? "?"
        if state != "idle \(reason)" {
          logger.info(
            "idle: \(reason == "lease_held" ? "another process holds the scanner lease" : reason)")
          state = "idle \(reason)"
        }
        if options.untilIdle { return }
        await stop.nap(options.idleMs)
      default:
        logger.error("unexpected plan from sync_next: \(plan.string("kind") ?? "nil")")
        await stop.nap(1000)
      }
      if options.once { return }
    }
  }

  func log(mode: String, plan: [String: Any]) {
    switch mode {
    case "catching up":
      let health = parseObject((try? engine.health(nowMs: nowMs())) ?? [])
      let head = health.string("head") ?? "?"
      let from =
        health.int("cursor").map { "from block \($0 + 1)" } ?? "from the configured start"
      logger.info(
        "catching up \(from) to head \(head) via \(plan.string("provider") ?? "?")")
    case "tx_info", "tx": logger.info("looking up a transaction asked about (dispute)")
    case "broadcast": logger.info("broadcasting a signed refund")
    default: logger.info("\(mode)")
    }
  }

  /// The newest event's sequence number, where the event log lines start. Found by bisection
  /// with one-event pages (about 2·log2(seq) small reads) rather than by paging through every
  /// event of a long-lived store.
  func latestSeq() throws -> Int64 {
    func anyAfter(_ seq: Int64) throws -> Bool {
      let page = try engineCall { () throws(TronPayError) in
        try engine.eventsList(afterSeq: seq, limit: 1)
      }
      return !parseObject(page).objects("events").isEmpty
    }
    var high: Int64 = 1
    while try anyAfter(high) { high = high &* 2 }
    var low: Int64 = 0
    while low < high {
      let middle = low + (high - low) / 2
      if try anyAfter(middle) { low = middle + 1 } else { high = middle }
    }
    return high
  }

  /// One line per event written since `seq`: the payment outcomes an operator watches for.
  func logEvents(after seq: Int64) -> Int64 {
    var seq = seq
    while let page = try? engine.eventsList(afterSeq: seq, limit: 200) {
      let events = parseObject(page).objects("events")
      for event in events { logger.info("event \(eventLine(event))") }
      guard let last = events.last?.int("seq") else { break }
      seq = last
    }
    return seq
  }

  /// Store busy or a passing error: log, wait a second, go on. A store failure ends the watch.
  func recover(_ error: Error) async -> Bool {
    let failure = error as? ToolFailure ?? ToolFailure("\(error)", status: Exit.failure)
    if failure.status == Exit.store {
      shared.fail(failure)
      return false
    }
    logger.warning("\(failure.message)")
    await stop.nap(1000)
    return true
  }
}

/// Delivers due webhooks and acks each outcome; the engine keeps the retry schedule.
struct OutboxLoop {
  let engine: Engine
  let transport: Transport
  let logger: Logger
  let stop: StopSignal
  let shared: WatchShared
  let options: WatchOptions

  func run() async {
    var rounds = 0
    while !stop.requested && shared.failure == nil {
      // Read before the round: a sync loop that finished before an empty round means nothing
      // more will be written.
      let syncDone = shared.syncDone
      let delivered: Int
      do {
        delivered = try await round()
      } catch {
        let failure = error as? ToolFailure ?? ToolFailure("\(error)", status: Exit.failure)
        if failure.status == Exit.store {
          shared.fail(failure)
        } else {
          logger.warning("outbox: \(failure.message)")
        }
        await stop.nap(1000)
        continue
      }
      rounds += 1
      if options.once && rounds >= 1 && syncDone { return }
      if options.untilIdle && syncDone && delivered == 0 { return }
      if delivered > 0 { continue }
      // Sleep up to a second (the earliest retry is 5 s away); new events wake it sooner.
      for _ in 0..<10 {
        if stop.requested || shared.takeEvents() || (options.untilIdle && shared.syncDone) {
          break
        }
        await stop.nap(100)
      }
    }
  }

  /// Claims and posts one due delivery; returns how many there were (0 or 1). One at a time:
  /// a claim holds a delivery for 60 s, so a process killed mid-POST strands only that one.
  func round() async throws -> Int {
    let answer = parseObject(
      try engineCall { () throws(TronPayError) in try engine.outboxNext(max: 1, nowMs: nowMs()) })
    let deliveries = answer.objects("deliveries")
    for delivery in deliveries {
      let id = delivery.string("id") ?? ""
      var headers: [(String, String)] = []
      for (name, value) in delivery.object("headers") { headers.append((name, "\(value)")) }
      // The outcome of a delivery already sent is always acked, even when a stop was asked.
      let exchange = await transport.perform(
        method: "POST", url: delivery.string("url") ?? "", headers: headers,
        body: Array((delivery.string("body") ?? "").utf8), timeoutMs: options.webhookTimeoutMs,
        maxBody: 64 << 10)
      let retryAfter = exchange.retryAfter.map { Array($0.utf8) }
      try withRaw(exchange.body) { (body) throws(TronPayError) in
        try engine.outboxAck(
          deliveryID: Array(id.utf8), httpStatus: exchange.status, body: body,
          transportError: exchange.transportError, retryAfter: retryAfter, nowMs: nowMs())
      }
      let target =
        "\(delivery.string("webhook") ?? "?") (attempt \(delivery.string("attempt") ?? "?"))"
      let event = delivery.string("event_id") ?? "?"
      if exchange.transportError != 0 {
        logger.warning(
          "webhook \(target): \(event) not delivered, transport error \(exchange.transportError) (\(exchange.errorText ?? "?"))"
        )
      } else if (200..<300).contains(exchange.status) {
        logger.info("webhook \(target): \(event) delivered (HTTP \(exchange.status))")
      } else {
        logger.warning("webhook \(target): \(event) refused (HTTP \(exchange.status))")
      }
    }
    return deliveries.count
  }
}

/// The terminal's progress line: blocks behind the head and the catch-up rate.
struct ProgressLoop {
  let engine: Engine
  let console: Console
  let stop: StopSignal
  let shared: WatchShared

  func run() async {
    var samples: [(at: Int64, cursor: Int64)] = []
    while !stop.requested && !shared.syncDone && shared.failure == nil {
      let now = nowMs()
      let health = parseObject((try? engine.health(nowMs: now)) ?? [])
      if let cursor = health.int("cursor") {
        samples.append((now, cursor))
        samples.removeAll { now - $0.at > 5_000 }
      }
      var rate = 0.0
      if let first = samples.first, let last = samples.last, last.at > first.at {
        rate = Double(last.cursor - first.cursor) * 1000 / Double(last.at - first.at)
      }
      let outbox = health.object("outbox")
      console.showProgress(
        "block \(health.string("cursor") ?? "-") of \(health.string("head") ?? "-"),"
          + " \(health.string("lag_blocks") ?? "?") behind, \(Int(rate.rounded())) blocks/s,"
          + " outbox \(outbox.string("pending") ?? "0") pending"
          + (health["stalled"] as? Bool == true ? ", solidification STALLED" : ""))
      await stop.nap(1000)
    }
  }
}

/// stderr shared by log lines and the progress line: a log line first clears the progress
/// line, which the next tick redraws.
final class Console: @unchecked Sendable {
  let progress: Bool
  private let lock = NSLock()
  private var progressShown = false

  init(progress: Bool) { self.progress = progress }

  func writeLine(_ line: String) {
    lock.withLock {
      var text = progressShown ? "\r\u{1B}[K" : ""
      progressShown = false
      text += line + "\n"
      FileHandle.standardError.write(Data(text.utf8))
    }
  }

  func showProgress(_ line: String) {
    guard progress else { return }
    lock.withLock {
      FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
      progressShown = true
    }
  }

  func clearProgress() {
    lock.withLock {
      if progressShown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
      progressShown = false
    }
  }
}

/// swift-log to stderr: "2026-12-06T04:40:00Z info message", through the console.
struct ConsoleLogHandler: LogHandler {
  let label: String
  let console: Console
  var logLevel: Logger.Level = .info
  var metadata: Logger.Metadata = [:]

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    let stamp = ISO8601DateFormatter().string(from: Date())
    console.writeLine("\(stamp) \(event.level) \(event.message)")
  }
}
