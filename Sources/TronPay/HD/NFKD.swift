/// Unicode Normalization Form KD over UTF-8 bytes, without Foundation.
///
/// BIP39 hashes NFKD(mnemonic) and NFKD(passphrase). The data (full compatibility
/// decompositions and canonical combining classes) comes from Python's unicodedata through
/// scripts/gen-nfkd.py; Hangul syllables are decomposed algorithmically. The text may be a
/// secret, so every intermediate buffer is sized exactly once (no regrowth leaves copies
/// behind) and wiped.
public enum NFKD {
  /// The NFKD form of UTF-8 text, or nil if the bytes are not well-formed UTF-8.
  /// The caller owns the result and should wipe it when it holds a secret.
  public static func normalize(_ text: [UInt8]) -> [UInt8]? {
    let tables = NFKDTables.shared
    guard let scalarCount = decomposedLength(text, tables) else { return nil }
    var scalars = [UInt32](repeating: 0, count: scalarCount)
    defer { wipeScalars(&scalars) }
    var filled = 0
    forEachScalar(text) { scalar in
      filled = appendDecomposition(of: scalar, to: &scalars, at: filled, tables)
    }
    orderCanonically(&scalars, tables)
    return encodeUTF8(scalars)
  }

  // Hangul syllable constants, Unicode §3.12.
  static let hangulBase: UInt32 = 0xAC00
  static let leadBase: UInt32 = 0x1100
  static let vowelBase: UInt32 = 0x1161
  static let trailBase: UInt32 = 0x11A7
  static let vowelCount: UInt32 = 21
  static let trailCount: UInt32 = 28
  static let syllableCount: UInt32 = 11172

  /// Calls `body` for each scalar; returns false at the first ill-formed sequence.
  @discardableResult
  static func forEachScalar(_ text: [UInt8], _ body: (UInt32) -> Void) -> Bool {
    var iterator = text.makeIterator()
    var decoder = UTF8()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): body(scalar.value)
      case .emptyInput: return true
      case .error: return false
      }
    }
  }

  static func decomposedLength(_ text: [UInt8], _ tables: NFKDTables) -> Int? {
    var count = 0
    let wellFormed = forEachScalar(text) { scalar in
      count &+= decompositionLength(of: scalar, tables)
    }
    return wellFormed ? count : nil
  }

  static func decompositionLength(of scalar: UInt32, _ tables: NFKDTables) -> Int {
    let syllable = scalar &- hangulBase
    if scalar >= hangulBase, syllable < syllableCount {
      return syllable % trailCount == 0 ? 2 : 3
    }
    return tables.decompositions[scalar]?.count ?? 1
  }

  /// Writes the full decomposition of `scalar` at `position`; returns the next position.
  /// `scalars` was sized by `decomposedLength`, so the writes stay in range.
  static func appendDecomposition(
    of scalar: UInt32, to scalars: inout [UInt32], at position: Int, _ tables: NFKDTables
  ) -> Int {
    var position = position
    let syllable = scalar &- hangulBase
    if scalar >= hangulBase, syllable < syllableCount {
      let trail = syllable % trailCount
      let leadVowel = syllable / trailCount
      scalars[position] = leadBase + leadVowel / vowelCount
      scalars[position + 1] = vowelBase + leadVowel % vowelCount
      position += 2
      if trail != 0 {
        scalars[position] = trailBase + trail
        position += 1
      }
      return position
    }
    guard let range = tables.decompositions[scalar] else {
      scalars[position] = scalar
      return position + 1
    }
    for i in range {
      scalars[position] = tables.mappings[i]
      position += 1
    }
    return position
  }

  /// Canonical ordering (Unicode §3.11): each run of non-starters is stably sorted by class.
  static func orderCanonically(_ scalars: inout [UInt32], _ tables: NFKDTables) {
    var start = 0
    while start < scalars.count {
      guard tables.combiningClass(scalars[start]) != 0 else {
        start += 1
        continue
      }
      var end = start + 1
      while end < scalars.count, tables.combiningClass(scalars[end]) != 0 { end += 1 }
      if end - start > 1 { sortRun(&scalars, start..<end, tables) }
      start = end
    }
  }

  static func sortRun(_ scalars: inout [UInt32], _ run: Range<Int>, _ tables: NFKDTables) {
    if run.count <= 32 {
      // Insertion sort: stable, and runs of combining marks are short in real text.
      for i in run.dropFirst() {
        let scalar = scalars[i]
        let rank = tables.combiningClass(scalar)
        var j = i
        while j > run.lowerBound, tables.combiningClass(scalars[j - 1]) > rank {
          scalars[j] = scalars[j - 1]
          j -= 1
        }
        scalars[j] = scalar
      }
      return
    }
    // Long (hostile) runs: O(n log n), stable by sorting (class, position) keys.
    var keys = run.map {
      UInt64(tables.combiningClass(scalars[$0])) << 32 | UInt64($0 - run.lowerBound)
    }
    keys.sort()
    var copy = Array(scalars[run])
    for (offset, key) in keys.enumerated() {
      scalars[run.lowerBound + offset] = copy[Int(key & 0xffff_ffff)]
    }
    wipeScalars(&copy)
  }

  static func encodeUTF8(_ scalars: [UInt32]) -> [UInt8] {
    var length = 0
    for scalar in scalars {
      switch scalar {
      case ..<0x80: length += 1
      case ..<0x800: length += 2
      case ..<0x1_0000: length += 3
      default: length += 4
      }
    }
    var bytes = [UInt8](repeating: 0, count: length)
    var i = 0
    for value in scalars {
      guard let scalar = Unicode.Scalar(value) else { continue }
      UTF8.encode(scalar) { byte in
        if i < bytes.count { bytes[i] = byte }
        i += 1
      }
    }
    return bytes
  }

  static func wipeScalars(_ scalars: inout [UInt32]) {
    scalars.withUnsafeMutableBytes { wipe($0.baseAddress, count: $0.count) }
  }
}
