import Foundation
import Testing

@_spi(Boundary) @testable import TronPay

@Suite struct JSONWriterTests {
  @Test func keepsKeyOrderAndWritesCompactJSON() throws {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("z")
    writer.number(-9_223_372_036_854_775_808)
    writer.key("a")
    writer.beginArray()
    writer.bool(true)
    writer.null()
    writer.asciiString(Array("TR7N".utf8))
    writer.beginObject()
    writer.endObject()
    writer.beginArray()
    writer.endArray()
    writer.number(0)
    writer.endArray()
    writer.key("s")
    writer.string("q\"b\\n\n\u{1}é")
    writer.endObject()
    let text = String(decoding: writer.bytes, as: UTF8.self)
    #expect(
      text == #"{"z":-9223372036854775808,"a":[true,null,"TR7N",{},[],0],"s":"q\"b\\n\n\u0001é"}"#)
    // Foundation reads it back with the same content.
    let object = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: Any]
    #expect(object?["s"] as? String == "q\"b\\n\n\u{1}é")
  }

  @Test func serializedRoundTripsEveryValueKind() throws {
    let text = #"{"b":[1,2.50,-0,1e9],"a":{"n":null,"t":true,"f":false},"e":"\ud83d\ude00\u001f"}"#
    let value = try JSONReader.parse(Array(text.utf8))
    let written = value.serialized()
    #expect(
      String(decoding: written, as: UTF8.self)
        == #"{"b":[1,2.50,-0,1e9],"a":{"n":null,"t":true,"f":false},"e":"😀\u001f"}"#)
    #expect(try JSONReader.parse(written) == value)
  }
}
