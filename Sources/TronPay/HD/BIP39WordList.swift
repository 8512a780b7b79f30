/// One BIP39 word list: 2048 words, looked up in NFKD form.
public final class BIP39WordList: Sendable {
  public static let wordCount = 2048

  /// Every list the library embeds, in a fixed order (English first).
  public static let all: [BIP39WordList] = BIP39WordListText.all.map {
    BIP39WordList(name: $0.name, text: $0.words)
  }

  /// The name as the API spells it: "english", "chinese_simplified", "japanese", …
  public let name: String
  /// Words joined in mnemonics: U+3000 (ideographic space) for Japanese, else a space.
  public let separator: [UInt8]
  /// Words as the list file spells them (what generated mnemonics contain).
  let words: [ArraySlice<UInt8>]
  /// NFKD form of each word → its index.
  private let indexes: [ArraySlice<UInt8>: UInt16]

  private init(name: String, text: String) {
    self.name = name
    separator = name == "japanese" ? [0xE3, 0x80, 0x80] : [0x20]
    words = Array(text.utf8).split(whereSeparator: { $0 == 0x20 || $0 == 0x0A })
    var indexes = [ArraySlice<UInt8>: UInt16](minimumCapacity: words.count)
    for (index, word) in words.enumerated() {
      let normalized = NFKD.normalize(Array(word)) ?? Array(word)
      indexes[normalized[...]] = UInt16(truncatingIfNeeded: index)
    }
    self.indexes = indexes
  }

  /// The list with this API name, or nil.
  public static func named<C: Collection>(_ name: C) -> BIP39WordList? where C.Element == UInt8 {
    all.first { $0.name.utf8.elementsEqual(name) }
  }

  public static var english: BIP39WordList? { named("english".utf8) }

  /// The index of an NFKD-normalized word, or nil if the list does not hold it.
  func index(of normalizedWord: ArraySlice<UInt8>) -> UInt16? {
    indexes[normalizedWord]
  }

  /// The word at an index below 2048, as the list spells it.
  public func word(at index: Int) -> ArraySlice<UInt8>? {
    index >= 0 && index < words.count ? words[index] : nil
  }

  /// True if the list is well-formed: 2048 words, distinct after NFKD.
  var isComplete: Bool { words.count == BIP39WordList.wordCount && indexes.count == words.count }
}
