import Foundation
import Testing

@_spi(Boundary) @testable import TronPay

@Suite struct HDMnemonicTests {
  /// The embedded lists are byte-identical to the shared files (SHA256SUMS beside them).
  @Test func wordListsMatchTheirPublishedHashes() throws {
    let expected = [
      "chinese_simplified": "5c5942792bd8340cb8b27cd592f1015edf56a8c5b26276ee18a482428e7c5726",
      "chinese_traditional": "417b26b3d8500a4ae3d59717d7011952db6fc2fb84b807f3f94ac734e89c1b5f",
      "czech": "7e80e161c3e93d9554c2efb78d4e3cebf8fc727e9c52e03b83b94406bdcc95fc",
      "english": "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda",
      "french": "ebc3959ab7801a1df6bac4fa7d970652f1df76b683cd2f4003c941c63d517e59",
      "italian": "d392c49fdb700a24cd1fceb237c1f65dcc128f6b34a8aacb58b59384b5c648c2",
      "japanese": "2eed0aef492291e061633d7ad8117f1a2b03eb80a29d0e4e3117ac2528d05ffd",
      "korean": "9e95f86c167de88f450f0aaf89e87f6624a57f973c67b516e338e8e8b8897f60",
      "portuguese": "2685e9c194c82ae67e10ba59d9ea5345a23dc093e92276fc5361f6667d79cd3f",
      "russian": "07f11af3f07fd13d8d74859f4448d8bca8f1d9d336dc4842531ecea083103a26",
      "spanish": "46846a5a0139d1e3cb77293e521c2865f7bcdb82c44e8d0a06a2cd0ecba48c0b",
      "turkish": "a7dc9c77913726106c7b8baa022b7e17601d118acf40aa60ab1fbc9c91b383ac",
    ]
    #expect(BIP39WordList.all.count == expected.count)
    for list in BIP39WordList.all {
      #expect(list.isComplete, "\(list.name)")
      var file = [UInt8]()
      for i in 0..<BIP39WordList.wordCount {
        file += list.word(at: i) ?? []
        file.append(0x0A)
      }
      #expect(Hex.encode(SHA256.hash(file)) == expected[list.name], "\(list.name)")
    }
  }

  @Test func englishVectors() throws {
    let vectors = try VectorFile.list(HDVectors.hd().required("bip39_english_vectors"), "vectors")
    #expect(vectors.count == 24)
    let english = try #require(BIP39WordList.english)
    for vector in vectors {
      let mnemonic = try #require(vector["mnemonic"] as? String)
      let generated = try Mnemonic.fromEntropy(
        try entropy(vector.text("entropy")), list: english)
      #expect(String(decoding: generated, as: UTF8.self) == mnemonic)
      #expect(throws: Never.self) { try Mnemonic.validate(utf8(mnemonic)) }
      let seed = try Mnemonic.seed(
        mnemonic: utf8(mnemonic), passphrase: utf8(try #require(vector["passphrase"] as? String)))
      #expect(secretHex(seed) == vector["seed"] as? String)
      let root = try seed.withUnsafeBytes { bytes throws in
        try ExtendedPrivateKey.master(seed: bytes)
      }
      #expect(secretText(root.serialized()) == vector["master_xprv"] as? String)
    }
  }

  /// The published Japanese vectors: U+3000 between words, an NFC passphrase that NFKD
  /// changes (㍍, kana with voiced marks), 12 to 24 words.
  @Test func japaneseVectors() throws {
    let vectors = try HDVectors.japanese()
    #expect(vectors.count == 24)
    let japanese = try #require(BIP39WordList.named("japanese".utf8))
    for vector in vectors {
      let phrase = try #require(vector["phrase"] as? String)
      let salt = try #require(vector["salt"] as? String)
      #expect(throws: Never.self) { try Mnemonic.validate(utf8(phrase)) }
      let seed = try Mnemonic.seed(mnemonic: utf8(phrase), passphrase: utf8(salt))
      #expect(secretHex(seed) == vector["seed"] as? String)
      let root = try seed.withUnsafeBytes { bytes throws in
        try ExtendedPrivateKey.master(seed: bytes)
      }
      #expect(secretText(root.serialized()) == vector["bip32_xprv"] as? String)
      // Entropy → words: the list's spelling is NFKD, the vector's NFC; same text after NFKD.
      let generated = try Mnemonic.fromEntropy(
        try entropy(vector.text("entropy")), list: japanese)
      #expect(
        String(decoding: generated, as: UTF8.self).decomposedStringWithCompatibilityMapping
          == phrase.decomposedStringWithCompatibilityMapping)
      #expect(String(decoding: generated, as: UTF8.self).contains("\u{3000}"))
      // The same mnemonic and passphrase in NFD and NFKD forms give the same seed.
      let nfdSeed = try Mnemonic.seed(
        mnemonic: utf8(phrase.decomposedStringWithCanonicalMapping),
        passphrase: utf8(salt.decomposedStringWithCanonicalMapping))
      #expect(secretHex(nfdSeed) == vector["seed"] as? String)
      let nfkdSeed = try Mnemonic.seed(
        mnemonic: generated, passphrase: utf8(salt.decomposedStringWithCompatibilityMapping))
      #expect(secretHex(nfkdSeed) == vector["seed"] as? String)
    }
  }

  /// Passphrases in NFC and NFD give one seed, and it is the seed Python's hashlib computes
  /// from unicodedata.normalize("NFKD", …) (values recorded from that independent run).
  @Test func passphraseNormalisationForms() throws {
    let mnemonic = utf8(
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
    )
    // (passphrase, seed by Python: pbkdf2_hmac("sha512", m, "mnemonic" + NFKD(p), 2048))
    let cases: [(String, String)] = [
      (
        "\u{c7}\u{e0} et l\u{e0}, \u{fc}ber stra\u{df}e",
        "b78fd6ab2cc7dac751e3e269ff2920529cad9e33f4fc5cadeabd4471e6d7ba36e565388c004229ab16e5064abdce4557c11b6a5ce4e54d53ffefe6457cf68116"
      ),
      (
        "\u{be44}\u{bc00}\u{bc88}\u{d638} \u{c554}\u{d638}",
        "531aea4250fb2417cdad4cde2eca6c152f57cd163a6e72bb47b991e2cbd9857885badf40791619ead8d137f9b39ed69c235908bd2a033dffc92e08518ce542b3"
      ),
      (
        "Ti\u{1ebf}ng Vi\u{1ec7}t \u{390} \u{1fb}",
        "53e9f5cc3a7b2446a690777b9c80d630ad07b4a71eb7d60be529d326ceebd10e7dbec70ed7bc566c62b13ccd53e20690d1cc438fd4dc482290a4e67fc2bb00af"
      ),
      (
        "\u{ff34}\u{ff32}\u{ff25}\u{ff3a}\u{ff2f}\u{ff32} \u{ff76}\u{ff9e}\u{ff77}\u{ff9e} \u{334d} \u{fb01} \u{bd}",
        "3eb22671e554b0b572659b06d741c487967b52d6ad2ea31e169f623f6482974dfa69479edf1271d0931bce1a774d512bd24dd95eed748571571bd176266074a8"
      ),
      (
        "\u{439}\u{43e}\u{434} \u{451}\u{436} \u{3a9} \u{c5}",
        "7a95830d245f908297975ee38bda463f5fb7b81df76d3cd5dd8f2faf0a3a0e777e7d49dd1119764b0620fce02b98e51e2bf13879bb44207df01d1cfca66280cb"
      ),
      (
        "e\u{301}\u{327}\u{323} q\u{323}\u{307}",
        "ac4074c56670ce66a3ec4e0a0c18813ed193143be31dd4a8b0687e77a5d9465155275ee0c9f9e152fcba940b7345a61fdf70122c427c6c88723d4bac82c2136f"
      ),
    ]
    for (text, expected) in cases {
      for form in [
        text, text.precomposedStringWithCanonicalMapping, text.decomposedStringWithCanonicalMapping,
      ] {
        let seed = try Mnemonic.seed(mnemonic: mnemonic, passphrase: utf8(form))
        #expect(secretHex(seed) == expected, "\(form)")
      }
    }
  }

  @Test func generatedMnemonicsValidateInEveryLanguage() throws {
    for list in BIP39WordList.all {
      for count in Mnemonic.wordCounts {
        let text = try Mnemonic.generate(wordCount: count, list: list)
        #expect(throws: Never.self, "\(list.name)") { try Mnemonic.validate(text) }
        let separator = list.name == "japanese" ? "\u{3000}" : " "
        #expect(
          String(decoding: text, as: UTF8.self).components(separatedBy: separator).count == count)
      }
    }
    let a = try Mnemonic.generate(wordCount: 24, list: try #require(BIP39WordList.english))
    let b = try Mnemonic.generate(wordCount: 24, list: try #require(BIP39WordList.english))
    #expect(a != b)
  }

  @Test func invalidMnemonics() throws {
    let about =
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon"
    let rejected = [
      "",
      about,  // 11 words
      about + " abandon",  // bad checksum
      about + " zoo",  // bad checksum
      about + " abouT",  // case matters
      about + " abou",  // unknown word
      about + "  about",  // double space
      " " + about + " about",  // leading space
      about + " about ",  // trailing space
      about + "\tabout",  // tab is no separator
      about + " about about about",  // 15 words, bad checksum
      about + " 愛",  // word from no list
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abaisser",
    ]
    for text in rejected {
      let error = #expect(throws: TronPayError.self, "\(text)") {
        try Mnemonic.validate(utf8(text))
      }
      #expect(error?.kind == .mnemonic, "\(text)")
    }
    #expect(throws: TronPayError.self) { try Mnemonic.validate([0xff, 0xfe]) }
    #expect(throws: TronPayError.self) {
      try Mnemonic.validate([UInt8](repeating: 0x61, count: 5000))
    }
    #expect(throws: Never.self) { try Mnemonic.validate(utf8(about + " about")) }
    // A no-break space is NFKD-equivalent to a space, and gives the same seed.
    #expect(throws: Never.self) { try Mnemonic.validate(utf8(about + "\u{00A0}about")) }
  }
}
