import Dispatch
import Testing

@_spi(Boundary) @testable import TronPay

/// SHA-256 through a reused context (the calling thread's, or a caller-owned `DigestContext`)
/// must give what a fresh context per call gives (`EVP_Digest`), whatever was hashed before,
/// and threads hashing at once must not see each other's state.
@Suite("SHA-256 through reused contexts")
struct DigestContextTests {
  /// Inputs of every length around the 64-byte block and padding boundaries, and longer.
  static let inputs: [[UInt8]] = (0..<300).map { length in
    (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ length) }
  }

  static func fresh(_ input: [UInt8]) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: 32)
    input.withUnsafeBytes { data in
      out.withUnsafeMutableBytes { SHA256.hash(data, into: $0, context: nil) }
    }
    return out
  }

  @Test func reusedContextsMatchAFreshContextPerHash() {
    // The two short vectors every reader knows, through the fresh path itself.
    #expect(
      Hex.encode(Self.fresh([]))
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      Hex.encode(Self.fresh(Array("abc".utf8)))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let owned = DigestContext()
    // Forwards, then backwards, so each hash follows a different previous state.
    for input in Self.inputs + Self.inputs.reversed() {
      let expected = Self.fresh(input)
      #expect(SHA256.hash(input) == expected, "\(input.count)")
      var out = [UInt8](repeating: 0, count: 32)
      input.withUnsafeBytes { data in out.withUnsafeMutableBytes { owned.sha256(data, into: $0) } }
      #expect(out == expected, "\(input.count)")
    }
  }

  @Test func shortOutputBuffersAreLeftAlone() {
    var out = [UInt8](repeating: 0xAA, count: 31)
    [1, 2, 3].withUnsafeBytes { data in out.withUnsafeMutableBytes { SHA256.hash(data, into: $0) } }
    #expect(out == [UInt8](repeating: 0xAA, count: 31))
  }

  @Test func threadsHashingAtOnceGetTheirOwnResults() {
    let expected = Self.inputs.map(Self.fresh)
    let addresses = (0..<64).map { [Address.prefix] + [UInt8](repeating: UInt8($0), count: 20) }
    let texts = addresses.map { Base58Check.encode($0) }
    let threads = 8
    // Each thread writes only its own element; read after all have finished.
    nonisolated(unsafe) let failures = UnsafeMutableBufferPointer<Int>.allocate(capacity: threads)
    failures.initialize(repeating: 0)
    defer { failures.deallocate() }
    DispatchQueue.concurrentPerform(iterations: threads) { thread in
      var wrong = 0
      for round in 0..<40 {
        for k in 0..<Self.inputs.count where (k &+ round &+ thread) % 3 == 0 {
          if SHA256.hash(Self.inputs[k]) != expected[k] { wrong += 1 }
        }
        for (k, bytes) in addresses.enumerated() where (k &+ thread) % 2 == round % 2 {
          if Address(unchecked: bytes).base58 != texts[k] { wrong += 1 }
          if (try? Address(parsing: texts[k]))?.bytes != bytes { wrong += 1 }
        }
      }
      failures[thread] = wrong
    }
    #expect(Array(failures) == [Int](repeating: 0, count: threads))
  }
}
