import Testing

@_spi(Boundary) @testable import TronPay

@Suite("Addresses against Tests/vectors/addresses.json")
struct AddressTests {
  let file: [String: Any]
  init() throws { file = try VectorFile.load("addresses.json") }

  @Test func privateKeysGiveTheirPublicKeysAndAddresses() throws {
    let cases = try VectorFile.list(file, "private_key_to_address")
    #expect(cases.count >= 3)
    for vector in cases {
      let key = try vector.hex("private_key").withUnsafeBytes {
        try PrivateKey($0)
      }
      let publicKey = try key.publicKey()
      #expect(
        Hex.encode(try publicKey.serialized()) == vector["public_key_uncompressed"] as? String)
      #expect(
        Hex.encode(try publicKey.serialized(compressed: true))
          == vector["public_key_compressed"] as? String)
      let address = try publicKey.address()
      #expect(address.hex == vector["address_hex"] as? String)
      #expect(address.base58 == vector["address_base58"] as? String)
    }
  }

  @Test func compressedAndUncompressedKeysGiveTheSameAddress() throws {
    for vector in try VectorFile.list(file, "private_key_to_address") {
      for field in ["public_key_uncompressed", "public_key_compressed"] {
        let bytes = try vector.hex(field)
        let address = try bytes.withUnsafeBytes { try PublicKey($0).address() }
        #expect(address.base58 == vector["address_base58"] as? String)
      }
    }
  }

  @Test func rawPublicKeysGiveTheirAddresses() throws {
    for vector in try VectorFile.list(file, "public_key_to_address") {
      let bytes = try [0x04] + vector.hex("public_key_xy")
      let address = try bytes.withUnsafeBytes { try PublicKey($0).address() }
      #expect(address.base58 == vector["address_base58"] as? String)
      #expect(address.hex == vector["address_hex"] as? String)
    }
  }

  @Test func hexAndBase58FormsParseToTheSameBytes() throws {
    let pairs =
      try VectorFile.list(file, "hex_base58_pairs") + VectorFile.list(file, "testnet_tokens")
    #expect(pairs.count >= 2)
    for pair in pairs {
      let hex = try pair.text("address_hex")
      let fromBase58 = try Address(parsing: try pair.text("address_base58"))
      #expect(fromBase58.hex == hex)
      #expect(try Address(parsing: hex).base58 == pair["address_base58"] as? String)
      #expect(try Address(parsing: hex.uppercased()).hex == hex)
      if let evm = pair["address_evm_0x"] as? String {
        #expect(try Address(parsing: evm).hex == hex)
      }
      if let payload = pair["base58check_payload_with_checksum_hex"] as? String {
        #expect(Base58.encode(try hexBytes(payload)) == pair["address_base58"] as? String)
      }
    }
  }

  /// The vector file also lists the EVM form "0x…" as invalid (wallet-core's rule); API.md
  /// accepts it, so that one entry is checked the API's way.
  @Test func invalidAddressesAreRefused() throws {
    for vector in try VectorFile.list(file, "invalid_addresses") {
      let input = try vector.text("input")
      if input.hasPrefix("0x") && input.count == 42 {
        #expect(try Address(parsing: input).bytes.count == 21)
        continue
      }
      #expect(throws: TronPayError.self, "\(input)") { try Address(parsing: input) }
    }
  }

  @Test func nearMissesAreNotRepaired() throws {
    let good = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
    for bad in [
      " " + good, good + " ", good.lowercased(), String(good.dropLast()),
      "41a614f803b6fd780986a42c78ec9c7f77e6ded1", "42a614f803b6fd780986a42c78ec9c7f77e6ded13c",
      "0Xa614f803b6fd780986a42c78ec9c7f77e6ded13c", "0xa614f803b6fd780986a42c78ec9c7f77e6ded13",
      "41a614f803b6fd780986a42c78ec9c7f77e6ded13g", "", "T",
    ] {
      #expect(throws: TronPayError.self, "\(bad)") { try Address(parsing: bad) }
    }
  }

  /// The stack decoder for 34-character addresses agrees with the general Base58Check decoder:
  /// on round trips of pseudo-random addresses, and on every one-character mutation of them.
  @Test func fastDecoderAgreesWithGeneralDecoder() throws {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt8 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: state >> 33)
    }
    let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    for _ in 0..<200 {
      let bytes = [Address.prefix] + (0..<20).map { _ in next() }
      let text = Array(Base58Check.encode(bytes).utf8)
      #expect(try Address(parsing: text).bytes == bytes)
      var mutated = text
      mutated[Int(next()) % text.count] = alphabet[Int(next()) % alphabet.count]
      let general = try? Base58Check.decode(mutated)
      let generalAccepts = general.map { $0.count == 21 && $0[0] == Address.prefix } ?? false
      let fast = try? Address(parsing: mutated)
      #expect((fast != nil) == generalAccepts)
      if let fast, let general { #expect(fast.bytes == general) }
    }
  }
}
