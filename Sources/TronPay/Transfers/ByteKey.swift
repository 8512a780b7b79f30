/// A hash key for a transaction id packed into four words: hashing four integers is several
/// times cheaper than hashing an array byte by byte, and the identity and family indexes see
/// every transfer. Exact for inputs of at most 32 bytes (addresses hash inline themselves).
struct ByteKey: Hashable {
  private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
  private var count: Int

  init(_ bytes: [UInt8]) {
    count = bytes.count
    // The bytes in memory order, zero-padded: exact for equal counts, which `==` also compares.
    withUnsafeMutableBytes(of: &words) { target in
      bytes.withUnsafeBytes { source in
        target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source.prefix(target.count)))
      }
    }
  }

  static func == (a: ByteKey, b: ByteKey) -> Bool {
    a.count == b.count && a.words.0 == b.words.0 && a.words.1 == b.words.1
      && a.words.2 == b.words.2 && a.words.3 == b.words.3
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(words.0)
    hasher.combine(words.1)
    hasher.combine(words.2)
    hasher.combine(words.3)
    hasher.combine(count)
  }
}
