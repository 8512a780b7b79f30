import Foundation
import XCTest

@_spi(Boundary) @testable import TronPay

final class HDDerivationTests: XCTestCase {
  func testRIPEMD160KnownAnswers() {
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
      XCTAssertEqual(Hex.encode(RIPEMD160.hash(utf8(text))), digest, text)
    }
  }

  /// BIP32 test vectors 1, 2 and 3: every xprv and xpub of every chain.
  func testBIP32Vectors() throws {
    let file = try HDVectors.hd()
    let vectors = VectorFile.list(file["bip32_vectors"] as? [String: Any] ?? [:], "vectors")
    XCTAssertEqual(vectors.count, 3)
    var checked = 0
    for vector in vectors {
      let root = try master(try XCTUnwrap(vector["seed"] as? String))
      for chain in VectorFile.list(vector, "chains") {
        let path = try DerivationPath(parsing: try XCTUnwrap(chain["path"] as? String))
        let node = try root.derive(path)
        XCTAssertEqual(secretText(node.serialized()), chain["ext_prv"] as? String)
        let publicNode = try node.neutered()
        XCTAssertEqual(publicNode.serialized(), chain["ext_pub"] as? String)
        node.privateKey.withUnsafeBytes {
          XCTAssertEqual(Hex.encode(Array($0)), chain["private_key"] as? String)
        }
        XCTAssertEqual(Hex.encode(publicNode.chainCode), chain["chain_code"] as? String)
        // The xpub parses back to the same node.
        let parsed = try ExtendedPublicKey(parsing: try XCTUnwrap(chain["ext_pub"] as? String))
        XCTAssertEqual(parsed.serialized(), chain["ext_pub"] as? String)
        checked += 1
      }
    }
    XCTAssertEqual(checked, 14)
  }

  /// Public derivation agrees with private derivation along each vector chain.
  func testPublicChildMatchesPrivateChildInBIP32Vectors() throws {
    let root = try master("000102030405060708090a0b0c0d0e0f")
    let parent = try root.derive(DerivationPath(parsing: "m/0'/1"))
    let viaPublic = try parent.neutered().child(2)
    let viaPrivate = try parent.child(2).neutered()
    XCTAssertEqual(viaPublic.serialized(), viaPrivate.serialized())
  }

  func testTronAddressesOfKnownMnemonics() throws {
    let file = try HDVectors.hd()
    let about = try XCTUnwrap(file["abandon_about"] as? [String: Any])
    let seed = try Mnemonic.seed(
      mnemonic: utf8(try XCTUnwrap(about["mnemonic"] as? String)), passphrase: [])
    XCTAssertEqual(secretHex(seed), about["seed"] as? String)
    let root = try seed.withUnsafeBytes { bytes throws in try ExtendedPrivateKey.master(seed: bytes)
    }
    let addresses = VectorFile.list(about, "addresses")
    XCTAssertEqual(addresses.count, 7)
    for entry in addresses {
      let node = try root.derive(DerivationPath(parsing: try XCTUnwrap(entry["path"] as? String)))
      node.privateKey.withUnsafeBytes {
        XCTAssertEqual(Hex.encode(Array($0)), entry["private_key"] as? String)
      }
      XCTAssertEqual(
        Hex.encode(try node.publicKey().serialized()), entry["public_key_uncompressed"] as? String)
      XCTAssertEqual(try node.publicKey().address().base58, entry["address_base58"] as? String)
    }
    let account = try XCTUnwrap(about["account_node"] as? [String: Any])
    let accountNode = try root.derive(DerivationPath(parsing: "m/44'/195'/0'"))
    XCTAssertEqual(secretText(accountNode.serialized()), account["ext_prv"] as? String)
    XCTAssertEqual(try accountNode.neutered().serialized(), account["ext_pub"] as? String)

    let withPassphrase = try XCTUnwrap(file["abandon_about_with_passphrase"] as? [String: Any])
    let seed2 = try Mnemonic.seed(
      mnemonic: utf8(try XCTUnwrap(withPassphrase["mnemonic"] as? String)),
      passphrase: utf8(try XCTUnwrap(withPassphrase["passphrase"] as? String)))
    XCTAssertEqual(secretHex(seed2), withPassphrase["seed"] as? String)
    let node2 = try seed2.withUnsafeBytes { bytes throws in
      try ExtendedPrivateKey.master(seed: bytes)
    }
    .derive(DerivationPath(parsing: try XCTUnwrap(withPassphrase["path"] as? String)))
    XCTAssertEqual(
      try node2.publicKey().address().base58, withPassphrase["address_base58"] as? String)

    // tron_computed entries of the English vectors (passphrase "TREZOR").
    let english = VectorFile.list(file["bip39_english_vectors"] as? [String: Any] ?? [:], "vectors")
    var checked = 0
    for vector in english {
      let root = try master(try XCTUnwrap(vector["seed"] as? String))
      for entry in VectorFile.list(vector, "tron_computed") {
        let node = try root.derive(DerivationPath(parsing: try XCTUnwrap(entry["path"] as? String)))
        XCTAssertEqual(try node.publicKey().address().base58, entry["address_base58"] as? String)
        checked += 1
      }
    }
    XCTAssertEqual(checked, 48)
  }

  /// The account xpub gives, watch-only, the addresses of the private path, for 200 indexes.
  func testBatchFromXpubMatchesPrivatePath() throws {
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
        XCTAssertEqual(
          Array(batch[(21 * i)..<(21 * i + 21)]), expected, "change \(change) index \(i)")
      }
    }
    // An offset range equals the same slice of a range from 0; the last legal index works.
    var tail = [UInt8](repeating: 0, count: 2 * 21)
    try tail.withUnsafeMutableBytes { out throws in
      try xpub.deriveAddresses(change: 0, first: 0x7FFF_FFFE, count: 2, into: out)
    }
    let last = try account.child(0).child(0x7FFF_FFFF).publicKey().address().bytes
    XCTAssertEqual(Array(tail[21...]), last)
  }

  func testBatchRefusesBadRanges() throws {
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
      XCTAssertThrowsError(
        try out.withUnsafeMutableBytes { buffer throws in
          try xpub.deriveAddresses(change: change, first: first, count: count, into: buffer)
        }
      ) { XCTAssertEqual(($0 as? TronPayError)?.kind, kind) }
    }
    XCTAssertEqual(out, [UInt8](repeating: 0xAA, count: 42))
    XCTAssertThrowsError(try xpub.child(0x8000_0000))
  }

  func testPaths() throws {
    XCTAssertEqual(try DerivationPath(parsing: "m").indexes, [])
    XCTAssertEqual(
      try DerivationPath(parsing: "m/44'/195'/0'/0/7").indexes,
      [0x8000_002C, 0x8000_00C3, 0x8000_0000, 0, 7])
    XCTAssertEqual(
      try DerivationPath(parsing: "m/44h/0h/2147483647h/2147483647").indexes,
      [0x8000_002C, 0x8000_0000, 0xFFFF_FFFF, 0x7FFF_FFFF])
    let deepest = "m" + String(repeating: "/1", count: 255)
    XCTAssertEqual(try DerivationPath(parsing: deepest).indexes.count, 255)
    let bad = [
      "", "M", "m/", "/0", "m//0", "m/0/", "m/+1", "m/-1", "m/ 1", "m/1 ", " m/1", "m/1''",
      "m/1h'", "m/1H", "m/2147483648", "m/2147483648'", "m/4294967296", "m/99999999999999999999",
      "m/01", "m/00", "m/1/a", "m/0x10", "mm/0", "m0", "m/1'/", "m\\0", "m/１",
      deepest + "/1",
    ]
    for text in bad {
      XCTAssertThrowsError(try DerivationPath(parsing: text), text) {
        XCTAssertEqual(($0 as? TronPayError)?.kind, .path, text)
      }
    }
  }

  func testXpubParsingIsStrict() throws {
    let good =
      "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8"
    XCTAssertNoThrow(try ExtendedPublicKey(parsing: good))
    // Every single-character change is refused (checksum, alphabet or field checks).
    let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0OIl+/ ".utf8)
    var text = utf8(good)
    for position in text.indices {
      let original = text[position]
      for replacement in alphabet where replacement != original {
        text[position] = replacement
        XCTAssertThrowsError(try ExtendedPublicKey(parsing: text)) {
          XCTAssertEqual(($0 as? TronPayError)?.kind, .extendedKey)
        }
      }
      text[position] = original
    }
    let refused = [
      "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi",
      "", "xpub", String(good.dropLast()), good + "1", " " + good, good + " ",
    ]
    for text in refused {
      XCTAssertThrowsError(try ExtendedPublicKey(parsing: text)) {
        XCTAssertEqual(($0 as? TronPayError)?.kind, .extendedKey)
      }
    }
  }

  /// Payloads with valid checksums but bad fields (BIP32 test vector 5 style, built here).
  func testXpubFieldChecks() throws {
    let good = try ExtendedPublicKey(
      parsing:
        "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8"
    )
    func payload() -> [UInt8] {
      [0x04, 0x88, 0xB2, 0x1E, 0, 0, 0, 0, 0, 0, 0, 0, 0] + good.chainCode + good.compressed
    }
    XCTAssertNoThrow(try ExtendedPublicKey(parsing: Base58Check.encode(payload())))
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
      XCTAssertThrowsError(try ExtendedPublicKey(parsing: text), text) {
        XCTAssertEqual(($0 as? TronPayError)?.kind, .extendedKey)
      }
    }
  }

  func testSeedSizes() throws {
    XCTAssertThrowsError(try master(String(repeating: "00", count: 15)))
    XCTAssertThrowsError(try master(String(repeating: "00", count: 65)))
    XCTAssertNoThrow(try master(String(repeating: "00", count: 16)))
    XCTAssertNoThrow(try master(String(repeating: "00", count: 64)))
  }
}
