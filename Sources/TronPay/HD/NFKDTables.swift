/// The generated NFKD data (Generated/NFKDData.swift), parsed once on first use.
final class NFKDTables: Sendable {
  static let shared = NFKDTables()

  /// Code point → its full decomposition, as a range of `mappings`.
  let decompositions: [UInt32: Range<Int>]
  let mappings: [UInt32]
  /// Code point → non-zero canonical combining class.
  private let classes: [UInt32: UInt8]

  private init() {
    var decompositions = [UInt32: Range<Int>](minimumCapacity: NFKDData.decompositionCount)
    var mappings = [UInt32]()
    var key: Int64 = -1
    for entry in NFKDTables.entries(NFKDData.decompositions) {
      // "D:X,Y,…": key = previous key + 1 + D.
      let parts = entry.split(separator: UInt8(ascii: ":"))
      guard parts.count == 2, let delta = NFKDTables.hex(parts[0]) else { continue }
      key += 1 + Int64(delta)
      let start = mappings.count
      for part in parts[1].split(separator: UInt8(ascii: ",")) {
        if let value = NFKDTables.hex(part) { mappings.append(value) }
      }
      decompositions[UInt32(truncatingIfNeeded: key)] = start..<mappings.count
    }
    var classes = [UInt32: UInt8]()
    var last: Int64 = -1
    for entry in NFKDTables.entries(NFKDData.combiningClasses) {
      // "D+L:C": first = previous last + 1 + D; L + 1 code points of class C.
      let parts = entry.split(whereSeparator: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: ":") }
      )
      guard parts.count == 3, let delta = NFKDTables.hex(parts[0]),
        let extra = NFKDTables.hex(parts[1]), let rank = NFKDTables.hex(parts[2])
      else { continue }
      let first = last + 1 + Int64(delta)
      last = first + Int64(extra)
      for scalar in first...last {
        classes[UInt32(truncatingIfNeeded: scalar)] = UInt8(truncatingIfNeeded: rank)
      }
    }
    self.decompositions = decompositions
    self.mappings = mappings
    self.classes = classes
  }

  @inline(__always)
  func combiningClass(_ scalar: UInt32) -> UInt8 {
    scalar < 0x300 ? 0 : classes[scalar] ?? 0
  }

  /// Entries separated by spaces or line breaks.
  private static func entries(_ text: String) -> [ArraySlice<UInt8>] {
    Array(text.utf8).split(whereSeparator: { $0 == 0x20 || $0 == 0x0A })
  }

  /// A short hexadecimal number (the generator writes at most 6 digits).
  static func hex(_ digits: ArraySlice<UInt8>) -> UInt32? {
    guard !digits.isEmpty, digits.count <= 8 else { return nil }
    var value: UInt32 = 0
    for c in digits {
      guard let nibble = Hex.nibble(c) else { return nil }
      value = value << 4 | UInt32(nibble)
    }
    return value
  }
}
