/// Legacy Keccak-256 (padding byte 0x01), the hash of TRON addresses, ABI selectors and
/// message digests. It is not FIPS 202 SHA3-256, which pads with 0x06.
public enum Keccak256 {
  public static let digestSize = 32
  static let rate = 136

  public static func hash(_ data: UnsafeRawBufferPointer) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: digestSize) { out, count in
      hash(data, into: UnsafeMutableRawBufferPointer(out))
      count = digestSize
    }
  }

  public static func hash(_ bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBytes { hash($0) }
  }

  /// Hashes `data` into the first 32 bytes of `out`, which must hold at least 32. The boundary's
  /// fast path (it writes into the caller's buffer); the core's callers use the value forms.
  @_spi(Boundary) public static func hash(
    _ data: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer
  ) {
    guard out.count >= digestSize, let outBase = out.baseAddress else { return }
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 25) { lanes in
      guard let state = lanes.baseAddress else { return }
      state.initialize(repeating: 0, count: 25)
      let length = data.count
      let fullBlocks = length / rate
      if fullBlocks > 0, let input = data.baseAddress {
        keccakAbsorb(state, input, blocks: fullBlocks)
      }
      let offset = fullBlocks &* rate
      // The final block: copy what is left into a zeroed block and pad it.
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: rate) { block in
        guard let blockBase = block.baseAddress else { return }
        blockBase.initialize(repeating: 0, count: rate)
        let tail = length &- offset
        if tail > 0, let input = data.baseAddress {
          UnsafeMutableRawPointer(blockBase).copyMemory(from: input + offset, byteCount: tail)
        }
        blockBase[tail] ^= 0x01
        blockBase[rate - 1] ^= 0x80
        keccakAbsorb(state, UnsafeRawPointer(blockBase), blocks: 1)
      }
      for i in 0..<4 {
        outBase.storeBytes(of: state[i].littleEndian, toByteOffset: 8 * i, as: UInt64.self)
      }
    }
  }
}
