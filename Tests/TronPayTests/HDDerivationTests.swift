import Foundation
import Testing

@_spi(Boundary) @testable import TronPay

@Suite struct HDDerivationTests {
  @Test func ripemd160KnownAnswers() {
    // From the RIPEMD-160 authors' page (Dobbertin, Bosselaers, Preneel).
    let cases = [
      ("", "9c1185a5c5e9fc54612808977ee8f548b2258d31"),
      ("abc", "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc"),
      ("message digest", "5d0689ef49d2fae572b881b123a85ffa21595f36"),
      (
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "12a053384a9c0c88e405a06c27dcf49ada62eb2b"
      ),
      (String(repeating: "1234567890", count: 8), "9b752e45573d4b39f4dbd3323cab82bf63326bfb"),
    ]
    for (text, digest) in cases {
      #expect(Hex.encode(RIPEMD160.hash(utf8(text))) == digest, "\(text)")
    }
  }

  /// BIP32 test vectors 1, 2 and 3: every xprv and xpub of every chain.
  @Test func bip32Vectors() throws {
    let file = try HDVectors.hd()
    let vectors = try VectorFile.list(file.required("bip32_vectors"), "vectors")
    #expect(vectors.count == 3)
    var checked = 0
    for vector in vectors {
      let root = try master(try #require(vector["seed"] as? String))
      for chain in try VectorFile.list(vector, "chains") {
        let path = try DerivationPath(parsing: try #require(chain["path"] as? String))
        let node = try root.derive(path)
        #expect(secretText(node.serialized()) == chain["ext_prv"] as? String)
        let publicNode = try node.neutered()
        #expect(publicNode.serialized() == chain["ext_pub"] as? String)
        node.privateKey.withUnsafeBytes {
          #expect(Hex.encode(Array($0)) == chain["private_key"] as? String)
        }
        #expect(Hex.encode(publicNode.chainCode) == chain["chain_code"] as? String)
        // The xpub parses back to the same node.
        let parsed = try ExtendedPublicKey(parsing: try #require(chain["ext_pub"] as? String))
        #expect(parsed.serialized() == chain["ext_pub"] as? String)
        checked += 1
      }
    }
    #expect(checked == 14)
  }

  /// Public derivation agrees with private derivation along each vector chain.
  @Test func publicChildMatchesPrivateChildInBIP32Vectors() throws {
    let root = try master("000102030405060708090a0b0c0d0e0f")
    let parent = try root.derive(DerivationPath(parsing: "m/0'/1"))
    let viaPublic = try parent.neutered().child(2)
    let viaPrivate = try parent.child(2).neutered()
    #expect(viaPublic.serialized() == viaPrivate.serialized())
  }

  @Test func tronAddressesOfKnownMnemonics() throws {
    let file = try HDVectors.hd()
    let about = try #require(file["abandon_about"] as? [String: Any])
    let seed = try Mnemonic.seed(
      mnemonic: utf8(try #require(about["mnemonic"] as? String)), passphrase: [])
    #expect(secretHex(seed) == about["seed"] as? String)
    let root = try seed.withUnsafeBytes { bytes throws in try ExtendedPrivateKey.master(seed: bytes)
    }
    let addresses = try VectorFile.list(about, "addresses")
    #expect(addresses.count == 7)
    for entry in addresses {
      let node = try root.derive(DerivationPath(parsing: try #require(entry["path"] as? String)))
      node.privateKey.withUnsafeBytes {
        #expect(Hex.encode(Array($0)) == entry["private_key"] as? String)
      }
      #expect(
        Hex.encode(try node.publicKey().serialized()) == entry["public_key_uncompressed"] as? String
      )
      #expect(try node.publicKey().address().base58 == entry["address_base58"] as? String)
    }
    let account = try #require(about["account_node"] as? [String: Any])
    let accountNode = try root.derive(DerivationPath(parsing: "m/44'/195'/0'"))
    #expect(secretText(accountNode.serialized()) == account["ext_prv"] as? String)
    #expect(try accountNode.neutered().serialized() == account["ext_pub"] as? String)

    let withPassphrase = try #require(file["abandon_about_with_passphrase"] as? [String: Any])
    let seed2 = try Mnemonic.seed(
      mnemonic: utf8(try #require(withPassphrase["mnemonic"] as? String)),
      passphrase: utf8(try #require(withPassphrase["passphrase"] as? String)))
    #expect(secretHex(seed2) == withPassphrase["seed"] as? String)
    let node2 = try seed2.withUnsafeBytes { bytes throws in
      try ExtendedPrivateKey.master(seed: bytes)
    }
    .derive(DerivationPath(parsing: try #require(withPassphrase["path"] as? String)))
    #expect(try node2.publicKey().address().base58 == withPassphrase["address_base58"] as? String)

    // tron_computed entries of the English vectors (passphrase "TREZOR").
    let english = try VectorFile.list(file.required("bip39_english_vectors"), "vectors")
    var checked = 0
    for vector in english {
      let root = try master(try #require(vector["seed"] as? String))
      for entry in try VectorFile.list(vector, "tron_computed") {
        let node = try root.derive(DerivationPath(parsing: try #require(entry["path"] as? String)))
        #expect(try node.publicKey().address().base58 == entry["address_base58"] as? String)
        checked += 1
      }
    }
    #expect(checked == 48)
  }

  /// The account xpub gives, watch-only, the addresses of the private path, for 200 indexes.
  @Test func batchFromXpubMatchesPrivatePath() throws {
    let root = try master(
      "5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4"
    )
    let account = try root.derive(DerivationPath(parsing: "m/44'/195'/0'"))
    let xpub = try ExtendedPublicKey(parsing: account.neutered().serialized())
    for change: UInt32 in [0, 1] {
      var batch = [UInt8](repeating: 0, count: 200 * 21)
      try batch.withUnsafeMutableBytes { out throws in
        try xpub.deriveAddresses(change: change, first: 0, count: 200, into: out)
      }
      let changeNode = try account.child(change)
      for i in 0..<200 {
        let expected = try changeNode.child(UInt32(i)).publicKey().address().bytes
        #expect(Array(batch[(21 * i)..<(21 * i + 21)]) == expected, "change \(change) index \(i)")
      }
    }
    // An offset range equals the same slice of a range from 0; the last legal index works.
    var tail = [UInt8](repeating: 0, count: 2 * 21)
    try tail.withUnsafeMutableBytes { out throws in
      try xpub.deriveAddresses(change: 0, first: 0x7FFF_FFFE, count: 2, into: out)
    }
    let last = try account.child(0).child(0x7FFF_FFFF).publicKey().address().bytes
    #expect(Array(tail[21...]) == last)
  }

  @Test func batchRefusesBadRanges() throws {
    let xpub = try ExtendedPublicKey(
      parsing:
        "xpub6D1AabNHCupeiLM65ZR9UStMhJ1vCpyV4XbZdyhMZBiJXALQtmn9p42VTQckoHVn8WNqS7dqnJokZHAHcHGoaQgmv8D45oNUKx6DZMNZBCd"
    )
    var out = [UInt8](repeating: 0xAA, count: 21 * 2)
    let cases: [(UInt32, UInt32, UInt32, TronPayError.Kind)] = [
      (0x8000_0000, 0, 1, .path), (0, 0x8000_0000, 1, .path), (0, 0x7FFF_FFFF, 2, .path),
      (0, 0xFFFF_FFFF, 2, .path), (0, 0, 1_000_001, .argument),
    ]
    for (change, first, count, kind) in cases {
      let error = #expect(throws: TronPayError.self) {
        try out.withUnsafeMutableBytes { buffer throws in
          try xpub.deriveAddresses(change: change, first: first, count: count, into: buffer)
        }
      }
      #expect(error?.kind == kind)
    }
    #expect(out == [UInt8](repeating: 0xAA, count: 42))
    #expect(throws: TronPayError.self) { try xpub.child(0x8000_0000) }
  }

  @Test func paths() throws {
    #expect(try DerivationPath(parsing: "m").indexes == [])
    #expect(
      try DerivationPath(parsing: "m/44'/195'/0'/0/7").indexes == [
        0x8000_002C, 0x8000_00C3, 0x8000_0000, 0, 7,
      ])
    #expect(
      try DerivationPath(parsing: "m/44h/0h/2147483647h/2147483647").indexes == [
        0x8000_002C, 0x8000_0000, 0xFFFF_FFFF, 0x7FFF_FFFF,
      ])
    let deepest = "m" + String(repeating: "/1", count: 255)
    #expect(try DerivationPath(parsing: deepest).indexes.count == 255)
    let bad = [
      "", "M", "m/", "/0", "m//0", "m/0/", "m/+1", "m/-1", "m/ 1", "m/1 ", " m/1", "m/1''",
      "m/1h'", "m/1H", "m/2147483648", "m/2147483648'", "m/4294967296", "m/99999999999999999999",
      "m/01", "m/00", "m/1/a", "m/0x10", "mm/0", "m0", "m/1'/", "m\\0", "m/１",
      deepest + "/1",
    ]
    for text in bad {
      let error = #expect(throws: TronPayError.self, "\(text)") {
        try DerivationPath(parsing: text)
      }
      #expect(error?.kind == .path, "\(text)")
    }
  }

  @Test func xpubParsingIsStrict() throws {
    let good =
      "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8"
    #expect(throws: Never.self) { try ExtendedPublicKey(parsing: good) }
    // Every single-character change is refused (checksum, alphabet or field checks).
    let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0OIl+/ ".utf8)
    var text = utf8(good)
    for position in text.indices {
      let original = text[position]
      for replacement in alphabet where replacement != original {
        text[position] = replacement
        let error = #expect(throws: TronPayError.self) { try ExtendedPublicKey(parsing: text) }
        #expect(error?.kind == .extendedKey)
      }
      text[position] = original
    }
    let refused = [
      "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi",
      "", "xpub", String(good.dropLast()), good + "1", " " + good, good + " ",
    ]
    for text in refused {
      let error = #expect(throws: TronPayError.self) { try ExtendedPublicKey(parsing: text) }
      #expect(error?.kind == .extendedKey)
    }
  }

  /// Payloads with valid checksums but bad fields (BIP32 test vector 5 style, built here).
  @Test func xpubFieldChecks() throws {
    let good = try ExtendedPublicKey(
      parsing:
        "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8"
    )
    func payload() -> [UInt8] {
      [0x04, 0x88, 0xB2, 0x1E, 0, 0, 0, 0, 0, 0, 0, 0, 0] + good.chainCode + good.compressed
    }
    #expect(throws: Never.self) { try ExtendedPublicKey(parsing: Base58Check.encode(payload())) }
    var wrongVersion = payload()
    wrongVersion[3] = 0x1F
    var fingerprintAtDepth0 = payload()
    fingerprintAtDepth0[5] = 1
    var childAtDepth0 = payload()
    childAtDepth0[12] = 1
    var uncompressedPrefix = payload()
    uncompressedPrefix[45] = 0x04
    var offCurve = payload()
    offCurve.replaceSubrange(45..<78, with: [0x02] + [UInt8](repeating: 0, count: 31) + [0x07])
    let longer = payload() + [0]
    for bad in [
      wrongVersion, fingerprintAtDepth0, childAtDepth0, uncompressedPrefix, offCurve, longer,
    ] {
      let text = Base58Check.encode(bad)
      let error = #expect(throws: TronPayError.self, "\(text)") {
        try ExtendedPublicKey(parsing: text)
      }
      #expect(error?.kind == .extendedKey)
    }
  }

  @Test func seedSizes() throws {
    #expect(throws: TronPayError.self) { try master(String(repeating: "00", count: 15)) }
    #expect(throws: TronPayError.self) { try master(String(repeating: "00", count: 65)) }
    #expect(throws: Never.self) { try master(String(repeating: "00", count: 16)) }
    #expect(throws: Never.self) { try master(String(repeating: "00", count: 64)) }
  }
}
