import TronPayABI

/// tronpay_outbox_ack with untrusted outcomes. Bytes 0–1 are the HTTP status (little-endian,
/// 0…65535), byte 2 the transport error (as a signed byte), byte 3 bit 0 whether Retry-After is
/// given; the rest splits at its first two newlines into the delivery id, the Retry-After value
/// and the body (NULs end the texts, as in C). Half the runs ack a real delivery of the store.
/// OK, E_ARG, E_NOT_FOUND or E_STATE only (or E_STORE/E_BUSY, which an in-memory store never
/// gives); never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let engine = requireEngine(), let data, size >= 4 else { return 0 }
  let http = Int32(data[0]) | Int32(data[1]) << 8
  let transport = Int32(Int8(bitPattern: data[2]))
  var parts: [Range<Int>] = []
  var start = 4
  for i in 4..<size where parts.count < 2 && data[i] == 0x0A {
    parts.append(start..<i)
    start = i + 1
  }
  guard parts.count == 2 else { return 0 }
  var id = Array(UnsafeBufferPointer(start: data + parts[0].lowerBound, count: parts[0].count))
  if data[3] & 2 != 0 {
    // A real due delivery, if there is one.
    var due: UnsafeMutablePointer<CChar>? = nil
    if tronpay_outbox_next(engine, &due, 1, fuzzNowMs) == 0, let due {
      // The first delivery's id: the text after "id":" up to the next quote.
      let text = Array(String(cString: due).utf8)
      let key = Array("\"id\":\"".utf8)
      if text.count > key.count,
        let at = (0...(text.count - key.count)).first(where: {
          Array(text[$0..<$0 + key.count]) == key
        })
      {
        id = Array(text[(at + key.count)...].prefix(while: { $0 != 0x22 }))
      }
    }
    tronpay_free(due)
  }
  let status = withCString(id, id.count) { idText in
    withCString(data + parts[1].lowerBound, parts[1].count) { retry in
      tronpay_outbox_ack(
        engine, idText, http, data + start, size - start, transport,
        data[3] & 1 != 0 ? retry : nil, fuzzNowMs)
    }
  }
  fuzzRequire([0, -1, -18, -19].contains(status), "OK, E_ARG, E_NOT_FOUND or E_STATE")
  return 0
}
