import COpenSSL

/// BIP39 mnemonics: generation from the OS CSPRNG, validation, and the seed.
///
/// A mnemonic is a secret: every internal copy (text, word indexes, entropy) is wiped, and
/// error details never quote it.
public enum Mnemonic {
  public static let wordCounts = [12, 15, 18, 21, 24]
  /// Longest mnemonic text accepted, in bytes: 24 words of the longest list take under 900.
  public static let maxTextLength = 4096
  public static let seedSize = 64
  static let rounds: Int32 = 2048

  /// A fresh mnemonic in the list named `language` (nil: "english"), checked before the word
  /// count. The caller wipes it.
  public static func generate(wordCount: Int, language: [UInt8]?) throws(TronPayError)
    -> [UInt8]
  {
    let list: BIP39WordList?
    if let language { list = BIP39WordList.named(language) } else { list = BIP39WordList.english }
    guard let list else { throw TronPayError(.argument, "unknown BIP39 language name") }
    return try generate(wordCount: wordCount, list: list)
  }

  /// A fresh mnemonic of `wordCount` words from the kernel CSPRNG. The caller wipes it.
  public static func generate(wordCount: Int, list: BIP39WordList) throws(TronPayError) -> [UInt8] {
    guard wordCounts.contains(wordCount) else {
      throw TronPayError(.argument, "word_count must be 12, 15, 18, 21 or 24")
    }
    let entropy = SecretBytes(count: wordCount / 3 * 4)
    guard entropy.withUnsafeMutableBytes({ fillRandom($0) }) else {
      throw TronPayError(.random, "the OS random source failed")
    }
    return try fromEntropy(entropy, list: list)
  }

  /// The mnemonic of given entropy (16, 20, 24, 28 or 32 bytes): words joined by the
  /// list's separator, as the list spells them. The caller wipes the result.
  public static func fromEntropy(_ entropy: SecretBytes, list: BIP39WordList) throws(TronPayError)
    -> [UInt8]
  {
    let entropySize = entropy.count
    guard [16, 20, 24, 28, 32].contains(entropySize) else {
      throw TronPayError(.argument, "entropy is 16, 20, 24, 28 or 32 bytes")
    }
    let wordCount = entropySize * 3 / 4
    // Entropy ‖ first byte of its SHA-256: the checksum is its top wordCount/3 bits.
    let bits = SecretBytes(count: entropySize + 1)
    bits.withUnsafeMutableBytes { buffer in
      entropy.withUnsafeBytes { source in
        buffer.copyMemory(from: source)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digest in
          SHA256.hashSecret(source, into: UnsafeMutableRawBufferPointer(digest))
          buffer[entropySize] = digest[0]
          wipe(digest.baseAddress, count: 32)
        }
      }
    }
    var indexes = [Int](repeating: 0, count: wordCount)
    defer { indexes.withUnsafeMutableBytes { wipe($0.baseAddress, count: $0.count) } }
    bits.withUnsafeBytes { buffer in
      for w in 0..<wordCount { indexes[w] = elevenBits(buffer, at: w * 11) }
    }
    var length = 0
    for (w, index) in indexes.enumerated() {
      length += (list.word(at: index)?.count ?? 0) + (w > 0 ? list.separator.count : 0)
    }
    var text = [UInt8](repeating: 0, count: length)
    var position = 0
    for (w, index) in indexes.enumerated() {
      if w > 0 { position = copy(list.separator, into: &text, at: position) }
      if let word = list.word(at: index) { position = copy(word, into: &text, at: position) }
    }
    return text
  }

  /// Succeeds iff the text is 12/15/18/21/24 words of one list, single-spaced (a space or
  /// U+3000 between words, nothing before or after), and the checksum holds.
  public static func validate(_ text: [UInt8]) throws(TronPayError) {
    var normalized = try normalizedValid(text)
    wipe(&normalized)
  }

  /// The BIP39 seed: PBKDF2-HMAC-SHA512(NFKD(mnemonic), "mnemonic" ‖ NFKD(passphrase), 2048).
  /// The mnemonic is validated first.
  public static func seed(mnemonic: [UInt8], passphrase: [UInt8]) throws(TronPayError)
    -> SecretBytes
  {
    var password = try normalizedValid(mnemonic)
    defer { wipe(&password) }
    guard var normalizedPassphrase = NFKD.normalize(passphrase) else {
      throw TronPayError(.argument, "passphrase is not valid UTF-8")
    }
    defer { wipe(&normalizedPassphrase) }
    var salt = [UInt8](repeating: 0, count: 8 + normalizedPassphrase.count)
    defer { wipe(&salt) }
    _ = copy(Array("mnemonic".utf8), into: &salt, at: 0)
    _ = copy(normalizedPassphrase, into: &salt, at: 8)
    let seed = SecretBytes(count: seedSize)
    let ok = seed.withUnsafeMutableBytes { out -> Bool in
      guard let outBase = out.baseAddress else { return false }
      return password.withUnsafeBytes { pass in
        salt.withUnsafeBytes { saltBytes in
          PKCS5_PBKDF2_HMAC(
            pass.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(pass.count),
            saltBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(saltBytes.count),
            rounds, EVP_sha512(), Int32(seedSize), outBase.assumingMemoryBound(to: UInt8.self)
          ) == 1
        }
      }
    }
    guard ok else { throw TronPayError(.internal, "PBKDF2 failed") }
    return seed
  }

  /// NFKD of a valid mnemonic (the PBKDF2 password); throws `.mnemonic` otherwise.
  static func normalizedValid(_ text: [UInt8]) throws(TronPayError) -> [UInt8] {
    guard text.count <= maxTextLength else {
      throw TronPayError(.mnemonic, "mnemonic longer than \(maxTextLength) bytes")
    }
    guard var normalized = NFKD.normalize(text) else {
      throw TronPayError(.mnemonic, "mnemonic is not valid UTF-8")
    }
    // NFKD maps U+3000 to a space, so single spaces now separate the words.
    let words = normalized.split(separator: 0x20, omittingEmptySubsequences: false)
    guard wordCounts.contains(words.count) else {
      wipe(&normalized)
      throw TronPayError(.mnemonic, "expected 12, 15, 18, 21 or 24 words, got \(words.count)")
    }
    if let empty = words.firstIndex(where: { $0.isEmpty }) {
      wipe(&normalized)
      throw TronPayError(
        .mnemonic, "empty word at position \(empty + 1): words are separated by one space")
    }
    var sawAllWordsInOneList = false
    for list in BIP39WordList.all {
      switch checksumHolds(words, list) {
      case true?: return normalized
      case false?: sawAllWordsInOneList = true
      case nil: continue
      }
    }
    wipe(&normalized)
    if sawAllWordsInOneList { throw TronPayError(.mnemonic, "checksum mismatch") }
    if let unknown = words.firstIndex(where: { word in
      !BIP39WordList.all.contains { $0.index(of: word) != nil }
    }) {
      throw TronPayError(.mnemonic, "word \(unknown + 1) is not in any BIP39 word list")
    }
    throw TronPayError(.mnemonic, "the words come from different BIP39 word lists")
  }

  /// nil if some word is not in `list`; else whether the checksum holds.
  static func checksumHolds(_ words: [ArraySlice<UInt8>], _ list: BIP39WordList) -> Bool? {
    let wordCount = words.count
    let entropySize = wordCount / 3 * 4
    let bits = SecretBytes(count: 33)  // 24 words × 11 bits = 264 bits
    var complete = true
    bits.withUnsafeMutableBytes { buffer in
      for (w, word) in words.enumerated() {
        guard let index = list.index(of: word) else {
          complete = false
          return
        }
        for bit in 0..<11 where index & (1 << (10 - bit)) != 0 {
          let position = w * 11 + bit
          buffer[position / 8] |= 0x80 >> UInt8(position % 8)
        }
      }
    }
    guard complete else { return nil }
    return bits.withUnsafeBytes { buffer -> Bool in
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digest -> Bool in
        let entropy = UnsafeRawBufferPointer(rebasing: buffer[0..<entropySize])
        SHA256.hashSecret(entropy, into: UnsafeMutableRawBufferPointer(digest))
        let checksumBits = wordCount / 3
        let mask: UInt8 = 0xff << UInt8(8 - checksumBits)
        let holds = (digest[0] & mask) == (buffer[entropySize] & mask)
        wipe(digest.baseAddress, count: 32)
        return holds
      }
    }
  }

  /// The 11-bit big-endian number starting at bit `offset`; the buffer holds it.
  static func elevenBits(_ buffer: UnsafeRawBufferPointer, at offset: Int) -> Int {
    var value = 0
    for bit in offset..<(offset + 11) {
      let byte = buffer[bit / 8]
      value = value << 1 | Int((byte >> UInt8(7 - bit % 8)) & 1)
    }
    return value
  }

  static func copy<C: Collection>(_ source: C, into target: inout [UInt8], at position: Int)
    -> Int where C.Element == UInt8
  {
    var position = position
    for byte in source where position < target.count {
      target[position] = byte
      position += 1
    }
    return position
  }
}
