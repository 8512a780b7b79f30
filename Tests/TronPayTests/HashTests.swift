import Testing

@_spi(Boundary) @testable import TronPay

@Suite("Hashes against Tests/vectors/keccak.json")
struct HashTests {
  let file: [String: Any]
  init() throws { file = try VectorFile.load("keccak.json") }

  @Test func keccakKnownAnswers() throws {
    let cases =
      try VectorFile.list(file, "keccak256") + VectorFile.list(file, "keccak256_padding_boundaries")
    #expect(cases.count >= 8)
    for vector in cases {
      let input =
        vector["input_hex"] != nil
        ? try vector.hex("input_hex") : utf8(try vector.text("input_utf8"))
      #expect(input.count == (try vector.required("input_length", as: Int.self)))
      #expect(Hex.encode(Keccak256.hash(input)) == (try vector.text("keccak256")))
    }
  }

  /// Keccak-256 differs from SHA3-256 (other padding); the SHA3 answer must be there and be a
  /// digest, so the contrast is never against a missing value.
  @Test func keccakIsNotSHA3() throws {
    for vector in try VectorFile.list(file, "sha3_256_contrast") {
      let input = utf8(try vector.text("input_utf8"))
      let sha3 = try vector.text("sha3_256")
      #expect(Hex.encode(Keccak256.hash(input)) != sha3)
      #expect(try hexBytes(sha3).count == 32)
    }
  }

  @Test func selectorsAreKeccakOfSignatures() throws {
    let cases = try VectorFile.list(file, "trc20_abi")
    #expect(cases.count >= 3)
    for vector in cases {
      let digest = Keccak256.hash(utf8(try vector.text("signature")))
      #expect(Hex.encode(digest) == (try vector.text("keccak256")))
    }
  }

  @Test func sha256KnownAnswers() throws {
    for vector in try VectorFile.list(file, "sha256_examples") {
      let input = utf8(try vector.text("input_utf8"))
      #expect(Hex.encode(SHA256.hash(input)) == (try vector.text("sha256")))
    }
  }

  /// Every length across three blocks, against an independent from-spec sponge below.
  @Test func keccakMatchesAReferenceSpongeAtEveryLength() {
    var input = [UInt8]()
    for length in 0...(3 * 136 + 1) {
      #expect(Keccak256.hash(input) == referenceKeccak(input), "length \(length)")
      input.append(UInt8(truncatingIfNeeded: length &* 31 &+ 7))
    }
  }
}

/// A deliberately plain Keccak-256 (loops, arrays) written from the FIPS 202 description, to
/// cross-check the unrolled one.
func referenceKeccak(_ message: [UInt8]) -> [UInt8] {
  let rc: [UInt64] = [
    0x1, 0x8082, 0x8000_0000_0000_808A, 0x8000_0000_8000_8000, 0x808B, 0x8000_0001,
    0x8000_0000_8000_8081, 0x8000_0000_0000_8009, 0x8A, 0x88, 0x8000_8009, 0x8000_000A,
    0x8000_808B, 0x8000_0000_0000_008B, 0x8000_0000_0000_8089, 0x8000_0000_0000_8003,
    0x8000_0000_0000_8002, 0x8000_0000_0000_0080, 0x800A, 0x8000_0000_8000_000A,
    0x8000_0000_8000_8081, 0x8000_0000_0000_8080, 0x8000_0001, 0x8000_0000_8000_8008,
  ]
  func rot(_ x: UInt64, _ n: Int) -> UInt64 {
    n == 0 ? x : (x << UInt64(n)) | (x >> UInt64(64 - n))
  }
  // Rotation offsets computed from the spec's (t+1)(t+2)/2 walk rather than copied as a table.
  var offsets = [Int](repeating: 0, count: 25)
  var (x, y) = (1, 0)
  for t in 0..<24 {
    offsets[x + 5 * y] = ((t + 1) * (t + 2) / 2) % 64
    (x, y) = (y, (2 * x + 3 * y) % 5)
  }
  var padded = message + [0x01]
  while padded.count % 136 != 0 { padded.append(0) }
  padded[padded.count - 1] |= 0x80
  var a = [UInt64](repeating: 0, count: 25)
  for block in stride(from: 0, to: padded.count, by: 136) {
    for i in 0..<17 {
      var lane: UInt64 = 0
      for b in 0..<8 { lane |= UInt64(padded[block + 8 * i + b]) << UInt64(8 * b) }
      a[i] ^= lane
    }
    for round in 0..<24 {
      var c = [UInt64](repeating: 0, count: 5)
      for x in 0..<5 { c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20] }
      for x in 0..<5 {
        let d = c[(x + 4) % 5] ^ rot(c[(x + 1) % 5], 1)
        for y in 0..<5 { a[x + 5 * y] ^= d }
      }
      var b = [UInt64](repeating: 0, count: 25)
      for x in 0..<5 {
        for y in 0..<5 { b[y + 5 * ((2 * x + 3 * y) % 5)] = rot(a[x + 5 * y], offsets[x + 5 * y]) }
      }
      for x in 0..<5 {
        for y in 0..<5 {
          a[x + 5 * y] = b[x + 5 * y] ^ (~b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y])
        }
      }
      a[0] ^= rc[round]
    }
  }
  var out = [UInt8]()
  for i in 0..<4 { for b in 0..<8 { out.append(UInt8(truncatingIfNeeded: a[i] >> UInt64(8 * b))) } }
  return out
}
