import Testing

/// The vector readers fail loudly: a test never runs over an empty list or a default value.
@Suite struct VectorFileTests {
  @Test func hexIsStrict() throws {
    #expect(try hexBytes("00ff7A") == [0x00, 0xff, 0x7a])
    #expect(try hexBytes("") == [])
    for bad in ["0", "0g", "zz", "0x00", " 00", "00 "] {
      #expect(throws: VectorError.self, "\(bad)") { try hexBytes(bad) }
    }
  }

  @Test func membersMustBeThereWithTheirType() throws {
    let entry: [String: Any] = ["name": "x", "count": 3, "list": [] as [[String: Any]]]
    #expect(try entry.text("name") == "x")
    #expect(try entry.required("count", as: Int.self) == 3)
    #expect(throws: VectorError.self) { try entry.text("missing") }
    #expect(throws: VectorError.self) { try entry.text("count") }
    #expect(throws: VectorError.self) { try entry.hex("name") }
  }

  @Test func listsMustBeThereAndNotEmpty() throws {
    let file: [String: Any] = ["empty": [] as [[String: Any]], "one": [["a": 1]], "text": "x"]
    #expect(try VectorFile.list(file, "one").count == 1)
    for key in ["empty", "missing", "text"] {
      #expect(throws: VectorError.self, "\(key)") { try VectorFile.list(file, key) }
    }
    #expect(throws: (any Error).self) { try VectorFile.load("no-such-file.json") }
  }
}
