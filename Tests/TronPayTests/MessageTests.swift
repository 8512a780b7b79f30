import Foundation
import Testing

@_spi(Boundary) @testable import TronPay

private func strip0x(_ text: String) -> String {
  text.hasPrefix("0x") ? String(text.dropFirst(2)) : text
}

private func kind(_ body: () throws -> Void) -> TronPayError.Kind? {
  do {
    try body()
    return nil
  } catch { return (error as? TronPayError)?.kind }
}

private func secret(_ hex: String) throws -> SecretBytes {
  try hexBytes(hex).withUnsafeBytes { SecretBytes(copying: $0) }
}

/// n − s and v flipped: the high-s twin of a signature, which recovers to the same key.
private func highSTwin(_ signature: [UInt8]) -> [UInt8] {
  let n = UInt256(bigEndian: RecoverableSignature.order)
  let s = UInt256(bigEndian: signature[32..<64])
  guard let n, let s, let twin = n.subtracting(s) else { return signature }
  let v = signature[64]
  let flipped: UInt8 = v >= 27 ? (v == 27 ? 28 : 27) : (v ^ 1)
  return Array(signature[0..<32]) + twin.bigEndianBytes + [flipped]
}

@Suite struct MessageVectors {
  @Test func v2DigestsSignaturesAndRecovery() throws {
    let file = try VectorFile.load("messages.json")
    let vectors = try VectorFile.list(file, "v2")
    #expect(vectors.count == 7)
    for entry in vectors {
      let name = try entry.text("name")
      let message = try entry.hex("message_bytes_hex")
      if let text = entry["message"] as? String { #expect(Array(text.utf8) == message, "\(name)") }
      let digest = message.withUnsafeBytes { SignedMessage.digest($0) }
      #expect(Hex.encode(digest) == entry["digest_keccak256"] as? String, "\(name)")
      let key = try secret(entry.text("private_key"))
      let signature = try message.withUnsafeBytes { m in
        try key.withUnsafeBytes { k in try SignedMessage.sign(m, key: k) }
      }
      let expected = strip0x(try entry.text("signature"))
      #expect(Hex.encode(signature) == expected, "\(name)")
      let address = try Address(parsing: try entry.text("address"))
      let carried = try hexBytes(expected)
      for form in [carried, highSTwin(carried)] {
        for vShift in [0, -27] as [Int] {
          var sig = form
          sig[64] = UInt8(Int(sig[64]) + vShift)
          let recovered = try message.withUnsafeBytes { m in
            try sig.withUnsafeBytes { s in try SignedMessage.recover(m, signature: s) }
          }
          #expect(recovered == address, "\(name)")
        }
      }
      try message.withUnsafeBytes { m in
        try carried.withUnsafeBytes { s in
          try SignedMessage.verify(m, signature: s, address: address)
          let stranger = try Address(parsing: "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
          #expect(kind { try SignedMessage.verify(m, signature: s, address: stranger) } == .verify)
        }
      }
    }
  }

  @Test func v1FixedLengthHeader() throws {
    let file = try VectorFile.load("messages.json")
    let vectors = try VectorFile.list(file, "v1_legacy")
    #expect(vectors.count == 2)
    for entry in vectors {
      let message = try entry.hex("message_hex")
      let digest = message.withUnsafeBytes { SignedMessage.digest($0, form: .v1) }
      #expect(Hex.encode(digest) == entry["digest_keccak256"] as? String)
      let signature = try hexBytes(strip0x(entry.text("signature")))
      let address = try Address(parsing: try entry.text("address"))
      let recovered = try message.withUnsafeBytes { m in
        try signature.withUnsafeBytes { s in try SignedMessage.recover(m, signature: s, form: .v1) }
      }
      #expect(recovered == address)
      // Through the v2 frame a message of another length recovers to someone else.
      if message.count != 32 {
        let other = try message.withUnsafeBytes { m in
          try signature.withUnsafeBytes { s in try SignedMessage.recover(m, signature: s) }
        }
        #expect(other != address)
      }
    }
  }

  @Test func prefixBytes() throws {
    let file = try VectorFile.load("messages.json")
    let prefixes = try #require(file["prefix_bytes_hex"] as? [String: Any])
    #expect(Hex.encode(SignedMessage.header) == prefixes["v2_prefix_without_length"] as? String)
    #expect(
      Hex.encode(SignedMessage.header + SignedMessage.legacyLength) == prefixes["v1_header"]
        as? String)
  }
}

@Suite struct SignatureForms {
  private let digest = hexConstant(
    "dc6f6d9325ee44ab3c00528472be16e1572ab076aa161ccd12515029869d0451")
  private let good = hexConstant(
    "ede769f6df28aefe6a846be169958c155e23e7e5c9621d2e8dce1719b4d952b63e8a8bf9f00e41204ac1bf69b1a663"
      + "dacdf764367e48e4a5afcd6b055a747fb200")

  private func recover(_ signature: [UInt8]) -> TronPayError.Kind? {
    kind { _ = try RecoverableSignature.recoverAddress(digest: digest, signature: signature) }
  }

  @Test func malformedSignaturesAreSignatureErrors() {
    for v: UInt8 in [2, 3, 26, 29, 31, 255] {
      var sig = good
      sig[64] = v
      #expect(recover(sig) == .signature)
    }
    var zeroR = good
    for i in 0..<32 { zeroR[i] = 0 }
    #expect(recover(zeroR) == .signature)
    var zeroS = good
    for i in 32..<64 { zeroS[i] = 0 }
    #expect(recover(zeroS) == .signature)
    var sAtOrder = good
    sAtOrder.replaceSubrange(32..<64, with: RecoverableSignature.order)
    #expect(recover(sAtOrder) == .signature)
    var rAllOnes = good
    for i in 0..<32 { rAllOnes[i] = 0xff }
    #expect(recover(rAllOnes) == .signature)
    #expect(recover(Array(good.dropLast())) == .signature)
    #expect(recover(good + [0]) == .signature)
  }

  @Test func highSIsAcceptedAndDetected() throws {
    let twin = highSTwin(good)
    #expect(!good.withUnsafeBytes { RecoverableSignature.isHighS($0) })
    #expect(twin.withUnsafeBytes { RecoverableSignature.isHighS($0) })
    #expect(
      try RecoverableSignature.recoverAddress(digest: digest, signature: twin)
        == RecoverableSignature.recoverAddress(digest: digest, signature: good))
  }

  @Test func digestSigningUsesV0Or1AndRoundTrips() throws {
    let key = try secret("2d8f68944bdbfbc0769542fba8fc2d2a3de67393334471624364c7006da2aa54")
    let signature = try digest.withUnsafeBytes { d in
      try key.withUnsafeBytes { k in try RecoverableSignature.sign(digest: d, key: k, vOffset: 0) }
    }
    #expect(signature == good)
    let zero = SecretBytes(count: 32)
    #expect(
      kind {
        _ = try digest.withUnsafeBytes { d in
          try zero.withUnsafeBytes { k in
            try RecoverableSignature.sign(digest: d, key: k, vOffset: 0)
          }
        }
      } == .key)
  }
}
