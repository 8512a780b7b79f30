import ArgumentParser
import Foundation

@main
struct TronPayTool: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tronpay",
    abstract: "Watch the TRON chain for payments and manage invoices with libtronpay's engine.",
    discussion: """
      Every command opens the engine's store named by the config (--config FILE, else \
      $TRONPAY_CONFIG, else ./tronpay.json). Text output by default; --json prints the \
      engine's JSON, one document per line.

      Secrets: a provider's API key may come from TRONPAY_PROVIDER_<ID>_API_KEY (sent as \
      TRON-PRO-API-KEY) and a webhook's secret from TRONPAY_WEBHOOK_<ID>_SECRET, so the \
      config file can be shared without them. Neither is ever printed or logged.

      Testing: TRONPAY_CLOCK_OFFSET_MS (an integer) moves the engine's clock that many \
      milliseconds from the wall clock, e.g. to see webhook retries due hours ahead.

      \(Exit.table)
      """,
    subcommands: [
      Watch.self, InvoiceCommand.self, Explain.self, Events.self, RefundCommand.self,
      Health.self, WebhookCommand.self,
    ])

  @OptionGroup var global: GlobalOptions

  /// Runs the command; failures become one line on stderr and the exit status of their kind
  /// (ArgumentParser's own errors keep its statuses: 64 for usage, 0 for --help).
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asynchronous = command as? AsyncParsableCommand {
        try await asynchronous.run()
      } else {
        try command.run()
      }
    } catch let failure as ToolFailure {
      writeError(failure.message)
      Foundation.exit(failure.status)
    } catch {
      exit(withError: error)
    }
  }
}
