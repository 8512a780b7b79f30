// swift-tools-version:6.0
import PackageDescription

// The `tronpay` command-line tool: its own package, so that the library's manifest, its build
// and `swift test` never fetch or compile AsyncHTTPClient and its dependencies.
let package = Package(
  name: "tronpay-tool",
  // Not named "tronpay": the root package's shared-library product has that name, and SwiftPM
  // keys products by name across the graph (the executable then links without its own
  // objects). `make tool` installs this binary as build/tronpay.
  products: [.executable(name: "tronpay-cli", targets: ["TronPayCLI"])],
  dependencies: [
    // The engine, from this repository (the root package's static `TronPayEngine` product).
    .package(name: "libtronpay", path: "../.."),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    // Already in the graph through AsyncHTTPClient; named so that the tool can tell transport
    // errors apart (timeout, refused, DNS, TLS, reset) by their types.
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
  ],
  targets: [
    .executableTarget(
      name: "TronPayCLI",
      dependencies: [
        .product(name: "TronPayEngine", package: "libtronpay"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ])
  ]
)
