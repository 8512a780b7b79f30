import Foundation

@_spi(Boundary) @testable import TronPay

/// Shared helpers of the HD tests.
enum HDVectors {
  static func hd() throws -> [String: Any] { try VectorFile.load("hd.json") }
  static func japanese() throws -> [[String: Any]] {
    try VectorFile.list(try VectorFile.load("bip39_japanese.json"), "vectors")
  }
}

func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

func secretHex(_ secret: SecretBytes) -> String {
  secret.withUnsafeBytes { Hex.encode(Array($0)) }
}

func secretText(_ secret: SecretBytes) -> String {
  secret.withUnsafeBytes { String(decoding: Array($0), as: UTF8.self) }
}

func entropy(_ hex: String) throws -> SecretBytes {
  try hexBytes(hex).withUnsafeBytes { SecretBytes(copying: $0) }
}

func master(_ seedHex: String) throws -> ExtendedPrivateKey {
  try hexBytes(seedHex).withUnsafeBytes { bytes throws in try ExtendedPrivateKey.master(seed: bytes)
  }
}
