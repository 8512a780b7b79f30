// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "libtronpay",
  products: [
    // The one shared library hosts link; the Makefile adds the version script and SONAME.
    .library(name: "tronpay", type: .dynamic, targets: ["TronPayABI"]),
    .library(name: "TronPayEngine", type: .static, targets: ["TronPayEngine"]),
  ],
  targets: [
    .systemLibrary(
      name: "CSecp256k1", path: "Sources/CSecp256k1", pkgConfig: "libsecp256k1",
      providers: [.apt(["libsecp256k1-dev"])]),
    .systemLibrary(
      name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"])]),
    .systemLibrary(
      name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]),
    .target(name: "TronPay", dependencies: ["CSecp256k1", "COpenSSL"]),
    // The stateful engine (ENGINE.md), behind the ABI's engine sections.
    .target(name: "TronPayEngine", dependencies: ["TronPay", "CSQLite"]),
    // include/tronpay.h as a C module: the ABI target reads C's layout of the header's types
    // and type-checks each @_cdecl function against its prototype (Signatures.swift).
    .systemLibrary(name: "CTronPayHeader", path: "Sources/CTronPayHeader"),
    .target(
      name: "TronPayABI", dependencies: ["TronPay", "TronPayEngine", "CTronPayHeader"]),
    .testTarget(
      name: "TronPayTests", dependencies: ["TronPay"], exclude: ["PaymentCatalogue.md"]),
    .testTarget(name: "TronPayEngineTests", dependencies: ["TronPayEngine", "TronPay"]),
  ]
)
