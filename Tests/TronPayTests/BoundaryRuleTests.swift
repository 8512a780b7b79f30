import Testing

@_spi(Boundary) @testable import TronPay

/// The rules the C boundary used to check itself and now takes from the core (issue 13,
/// point 6): each is the core's, with the status and detail text the header documents.
private func failure(_ body: () throws -> Void) -> TronPayError? {
  do {
    try body()
    return nil
  } catch { return error as? TronPayError ?? TronPayError(.internal, "not a TronPayError") }
}

@Suite struct BoundaryRules {
  @Test func mnemonicLanguageDefaultsToEnglishAndIsCheckedBeforeTheWordCount() throws {
    var text = try Mnemonic.generate(wordCount: 12, language: nil)
    defer { wipe(&text) }
    #expect(text.split(separator: 0x20).count == 12)
    try Mnemonic.validate(text)
    let english = try #require(BIP39WordList.english)
    let firstWord = Array(text.split(separator: 0x20)[0])
    #expect(english.index(of: firstWord[...]) != nil)

    let unknown = failure { _ = try Mnemonic.generate(wordCount: 13, language: Array("x".utf8)) }
    #expect(unknown == TronPayError(.argument, "unknown BIP39 language name"))
    let count = failure { _ = try Mnemonic.generate(wordCount: 13, language: nil) }
    #expect(count == TronPayError(.argument, "word_count must be 12, 15, 18, 21 or 24"))
    var korean = try Mnemonic.generate(wordCount: 24, language: Array("korean".utf8))
    defer { wipe(&korean) }
    try Mnemonic.validate(korean)
  }

  @Test func seedSizeIsCheckedBeforeThePath() {
    let seed = [UInt8](repeating: 0x42, count: 15)
    let short = seed.withUnsafeBytes { bytes in
      failure { _ = try ExtendedPrivateKey.derive(seed: bytes, path: Array("m/x".utf8)) }
    }
    #expect(short == TronPayError(.argument, "seed_len must be 16 to 64 bytes"))
    let long = [UInt8](repeating: 0x42, count: 65).withUnsafeBytes { bytes in
      failure { _ = try ExtendedPrivateKey.master(seed: bytes) }
    }
    #expect(long?.kind == .argument)
    let badPath = [UInt8](repeating: 0x42, count: 16).withUnsafeBytes { bytes in
      failure { _ = try ExtendedPrivateKey.derive(seed: bytes, path: Array("m/x".utf8)) }
    }
    #expect(badPath?.kind == .path)
  }

  @Test func derivedNodeEqualsMasterThenPath() throws {
    let seed = [UInt8](repeating: 0x42, count: 64)
    let path = "m/44'/195'/0'/0/1"
    let direct = try seed.withUnsafeBytes { bytes in
      try ExtendedPrivateKey.derive(seed: bytes, path: Array(path.utf8))
    }
    let stepwise = try seed.withUnsafeBytes { bytes in
      try ExtendedPrivateKey.master(seed: bytes).derive(DerivationPath(parsing: path))
    }
    let a = direct.serialized().withUnsafeBytes { Array($0) }
    let b = stepwise.serialized().withUnsafeBytes { Array($0) }
    #expect(a == b && a.count == 111)
  }

  @Test func anInvalidTransactionIsEVerify() {
    let invalid = TransactionVerifier.Outcome(valid: false, report: [])
    #expect(invalid.failure?.kind == .verify)
    #expect(TransactionVerifier.Outcome(valid: true, report: []).failure == nil)
  }

  @Test func signatureListLimitAndSplitting() throws {
    #expect(try SignedTransaction.signatureListSize(count: 0) == 0)
    #expect(try SignedTransaction.signatureListSize(count: 3) == 195)
    #expect(try SignedTransaction.signatureListSize(count: 1 << 20) == (1 << 20) * 65)
    let past = failure { _ = try SignedTransaction.signatureListSize(count: (1 << 20) + 1) }
    #expect(past == TronPayError(.argument, "sig_count is out of range"))
    #expect(failure { _ = try SignedTransaction.signatureListSize(count: -1) }?.kind == .argument)
    let bytes = (0..<130).map { UInt8($0) }
    let list = bytes.withUnsafeBytes { SignedTransaction.signatureList($0) }
    #expect(list == [Array(bytes[0..<65]), Array(bytes[65..<130])])
    #expect([UInt8]().withUnsafeBytes { SignedTransaction.signatureList($0) }.isEmpty)
  }

  @Test func digestSignaturesHaveVZeroOrOneByDefault() throws {
    var key = [UInt8](repeating: 0, count: 32)
    key[31] = 9
    let digest = [UInt8](repeating: 7, count: 32)
    let signature = try digest.withUnsafeBytes { d in
      try key.withUnsafeBytes { k in try RecoverableSignature.sign(digest: d, key: k) }
    }
    #expect(signature.count == 65 && signature[64] <= 1)
  }

  @Test func baseUnitAmountGrammar() {
    #expect(failure { _ = try Amount.parseBaseUnits([]) }?.kind == .amount)
    #expect(failure { _ = try Amount.parseBaseUnits(Array("1.5".utf8)) }?.kind == .amount)
    #expect(failure { _ = try Amount.parseBaseUnits(Array("-1".utf8)) }?.kind == .amount)
    let max = "115792089237316195423570985008687907853269984665640564039457584007913129639935"
    #expect(failure { _ = try Amount.parseBaseUnits(Array(max.utf8)) } == nil)
    #expect(failure { _ = try Amount.parseBaseUnits(Array((max.dropLast() + "6").utf8)) } != nil)
    #expect(failure { _ = try Amount.parseBaseUnits(Array(("000" + max).utf8)) } == nil)
  }
}
