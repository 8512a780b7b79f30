import Testing

@_spi(Boundary) @testable import TronPay

@Suite struct HMACSHA256Tests {
  /// RFC 4231 test cases 1, 2 and 6 (a key longer than the block is hashed first), and the
  /// same MAC fed in pieces.
  @Test func hmacSHA256KnownAnswers() {
    let cases: [([UInt8], [UInt8], String)] = [
      (
        [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
      ),
      (
        Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
      ),
      (
        [UInt8](repeating: 0xaa, count: 131),
        Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
      ),
    ]
    for (key, data, expected) in cases {
      for split in [0, 1, data.count / 2, data.count] {
        var out = [UInt8](repeating: 0, count: 32)
        let ok = key.withUnsafeBytes { k in
          data.withUnsafeBytes { d in
            out.withUnsafeMutableBytes { o in
              var mac = HMACSHA256(key: k)
              mac.update(UnsafeRawBufferPointer(rebasing: d[0..<split]))
              mac.update(UnsafeRawBufferPointer(rebasing: d[split...]))
              return mac.finish(into: o)
            }
          }
        }
        #expect(ok)
        #expect(Hex.encode(out) == expected)
      }
    }
  }

  /// RFC 1321 appendix A.5, through MD5.hash with the input split in two.
  @Test func md5KnownAnswers() {
    let cases = [
      ("", "d41d8cd98f00b204e9800998ecf8427e"), ("a", "0cc175b9c0f1b6a831c399e269772661"),
      ("abc", "900150983cd24fb0d6963f7d28e17f72"),
      ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
      (
        "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
        "57edf4a22be3c955ac49da2e2107b67a"
      ),
    ]
    for (text, expected) in cases {
      let data = Array(text.utf8)
      var out = [UInt8](repeating: 0, count: MD5.size)
      let ok = data.withUnsafeBytes { d in
        out.withUnsafeMutableBytes { o in
          MD5.hash(
            UnsafeRawBufferPointer(rebasing: d[0..<data.count / 3]),
            UnsafeRawBufferPointer(rebasing: d[(data.count / 3)...]), into: o)
        }
      }
      #expect(ok)
      #expect(Hex.encode(out) == expected, "\(text)")
    }
  }
}
