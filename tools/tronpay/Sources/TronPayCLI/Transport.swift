import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// What one HTTP exchange gave: a status, headers and body, or the transport error in the
/// engine's numbering (ENGINE.md, `tronpay_sync_feed`).
struct Exchange: Sendable {
  var status: Int32 = 0
  /// "Name: value\r\n" lines, as `sync_feed` takes them.
  var headerLines: String = ""
  var retryAfter: String?
  var body: [UInt8] = []
  var transportError: Int32 = 0
  var errorText: String?
}

enum TransportError {
  static let none: Int32 = 0
  static let timeout: Int32 = 1
  static let connect: Int32 = 2
  static let dns: Int32 = 3
  static let tls: Int32 = 4
  static let reset: Int32 = 5
  static let other: Int32 = 6

  /// Sorts a client error into the engine's classes, which decide back-off and rotation.
  static func classify(_ error: Error) -> Int32 {
    if let client = error as? HTTPClientError {
      switch client {
      case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout,
        .getConnectionFromPoolTimeout:
        return timeout
      case .tlsHandshakeTimeout: return tls
      case .remoteConnectionClosed: return reset
      default: return other
      }
    }
    if let io = error as? IOError { return fromErrno(io.errnoCode) }
    if let connection = error as? NIOConnectionError {
      if connection.connectionErrors.isEmpty
        && (connection.dnsAError != nil
          || connection.dnsAAAAError != nil)
      {
        return dns
      }
      if let first = connection.connectionErrors.first?.error { return classify(first) }
      return connect
    }
    if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError { return tls }
    if error is ChannelError {
      if case ChannelError.connectTimeout = error { return timeout }
      return reset
    }
    // Name resolution failures arrive as SocketAddressError from the resolver.
    if error is SocketAddressError { return dns }
    return other
  }

  static func fromErrno(_ code: Int32) -> Int32 {
    switch code {
    case ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL: return connect
    case ECONNRESET, EPIPE, ECONNABORTED: return reset
    case ETIMEDOUT: return timeout
    default: return other
    }
  }
}

/// One HTTP client for the engine's requests and the webhook deliveries. Certificates are
/// verified (AsyncHTTPClient's default TLS configuration); redirects are not followed, so an
/// answer is always the named URL's own.
struct Transport: Sendable {
  let client: HTTPClient
  /// Larger answers are cut off as a transport error: 100 mainnet blocks stay well below.
  static let maxBody = 64 << 20

  init() {
    var configuration = HTTPClient.Configuration(
      redirectConfiguration: .disallow,
      timeout: .init(connect: .seconds(5)))
    configuration.httpVersion = .automatic
    // Retrying is the engine's job: the planner backs off and rotates providers, the outbox
    // follows its schedule. AsyncHTTPClient's own retry of a refused connection would hold
    // each request until its timeout (10 s per delivery to a dead receiver, one at a time).
    configuration.connectionPool.retryConnectionEstablishment = false
    client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }

  func shutdown() async { try? await client.shutdown() }

  func perform(
    method: String, url: String, headers: [(String, String)], body: [UInt8], timeoutMs: Int64,
    maxBody: Int = Transport.maxBody
  ) async -> Exchange {
    var request = HTTPClientRequest(url: url)
    request.method = HTTPMethod(rawValue: method)
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if !body.isEmpty || method == "POST" { request.body = .bytes(ByteBuffer(bytes: body)) }
    var exchange = Exchange()
    do {
      let response = try await client.execute(
        request, timeout: .milliseconds(max(1, timeoutMs)))
      exchange.status = Int32(response.status.code)
      for header in response.headers {
        exchange.headerLines += "\(header.name): \(header.value)\r\n"
      }
      exchange.retryAfter = response.headers.first(name: "Retry-After")
      var buffer = try await response.body.collect(upTo: maxBody)
      exchange.body = buffer.readBytes(length: buffer.readableBytes) ?? []
    } catch {
      exchange.transportError = TransportError.classify(error)
      exchange.errorText = String(describing: error)
    }
    return exchange
  }
}
