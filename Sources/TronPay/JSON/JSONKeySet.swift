/// A fixed list of member names (at most 64), prepared once so that telling a record's shape
/// from its keys costs one length lookup per key instead of a comparison with every name.
public struct JSONKeySet: Sendable {
  fileprivate let names: [[UInt8]]
  /// Bit k of `byLength[n]` is set when names[k] has n bytes (names of 64 bytes or more are
  /// never matched; none of ours comes close).
  fileprivate let byLength: [UInt64]

  public init(_ list: [StaticString]) {
    var names: [[UInt8]] = []
    var byLength = [UInt64](repeating: 0, count: 64)
    for (bit, name) in list.prefix(64).enumerated() {
      let bytes = Array(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
      names.append(bytes)
      if bytes.count < byLength.count { byLength[bytes.count] |= 1 << UInt64(bit) }
    }
    self.names = names
    self.byLength = byLength
  }

  /// The bit of the name equal to `text`, among those not in `found` yet.
  fileprivate func bit(of text: UnsafeBufferPointer<UInt8>, skipping found: UInt64) -> UInt64 {
    guard text.count < byLength.count else { return 0 }
    var candidates = byLength[text.count] & ~found
    while candidates != 0 {
      let bit = candidates.trailingZeroBitCount
      candidates &= candidates &- 1
      if bit < names.count, names[bit].elementsEqual(text) { return 1 << UInt64(bit) }
    }
    return 0
  }
}

extension JSONKeySet {
  /// The position of the name a member key spells (escaped keys are decoded first), or nil.
  public func position(of key: JSONRef) -> Int? {
    let bit = key.withText { self.bit(of: $0, skipping: 0) } ?? 0
    return bit == 0 ? nil : bit.trailingZeroBitCount
  }
}

extension JSONRef {
  /// Which names of `keys` this object has, as bit k for the k-th name, in one walk over its
  /// members: telling record shapes apart costs one pass instead of a lookup per key.
  public func keyMask(_ keys: JSONKeySet) -> UInt64 {
    var mask: UInt64 = 0
    forEachMember { key, _ in
      let found = mask
      mask |= key.withText { keys.bit(of: $0, skipping: found) } ?? 0
    }
    return mask
  }
}
