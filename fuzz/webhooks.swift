import Glibc
import TronPayABI

/// Both callback verifiers on hostile input. Byte 0 picks the scheme.
///
/// Even: Standard Webhooks. Bytes 1 and 2 set `now` (timestamp ± 127·7 s) and the tolerance
/// (0…255 s); the rest splits at the first four newlines into secret, msg_id, timestamp,
/// signature header and body (the body keeps everything, NULs included; the texts end at a NUL,
/// as C strings do). Verification returns OK, E_VERIFY or E_ARG only; when it passes, the header
/// holds the signature tronpay_webhook_sign makes; whatever sign accepts verifies.
///
/// Odd: epusdt. The rest is the params JSON: sign and verify refuse exactly the same params,
/// with E_JSON only (the token is fixed); a signature is 32 lower-case hex digits; a params
/// object whose own signature member is what sign made verifies.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data, size >= 3 else { return 0 }
  if data[0] & 1 == 0 {
    standardWebhooks(data, size)
  } else {
    epusdt(data + 1, size - 1)
  }
  return 0
}

private func standardWebhooks(_ data: UnsafePointer<UInt8>, _ size: Int) {
  var parts: [Range<Int>] = []
  var start = 3
  for i in 3..<size where parts.count < 4 && data[i] == 0x0A {
    parts.append(start..<i)
    start = i + 1
  }
  guard parts.count == 4 else { return }
  let body = data + start
  let bodyLength = size - start
  withCString(data + parts[0].lowerBound, parts[0].count) { secret in
    withCString(data + parts[1].lowerBound, parts[1].count) { id in
      withCString(data + parts[2].lowerBound, parts[2].count) { timestamp in
        withCString(data + parts[3].lowerBound, parts[3].count) { header in
          let sent = Int64(String(cString: timestamp)) ?? 1_700_000_000
          let now = sent &+ Int64(Int8(bitPattern: data[1])) &* 7
          let tolerance = Int64(data[2])
          let status = tronpay_webhook_verify(
            secret, id, timestamp, header, body, bodyLength, now, tolerance)
          fuzzRequire(status == 0 || status == -7 || status == -1, "verify status")
          var signature: UnsafeMutablePointer<CChar>? = nil
          let signed = tronpay_webhook_sign(&signature, secret, id, sent, body, bodyLength)
          fuzzRequire(signed == 0 || signed == -1, "sign status")
          if signed == 0, let signature {
            fuzzRequire(strlen(signature) == 47, "signature length")
            let text = "\(sent)"
            let again = tronpay_webhook_verify(
              secret, id, text, signature, body, bodyLength, sent, 0)
            fuzzRequire(again == 0, "what sign makes verifies")
            if status == 0, String(cString: timestamp) == text {
              let entries = String(cString: header).split(separator: " ")
              fuzzRequire(entries.contains { $0 == String(cString: signature) }, "match is real")
            }
            tronpay_free(signature)
          }
        }
      }
    }
  }
}

private func epusdt(_ params: UnsafePointer<UInt8>, _ length: Int) {
  let text = UnsafeRawPointer(params).assumingMemoryBound(to: CChar.self)
  var out = [CChar](repeating: 0x41, count: 33)
  let signed = tronpay_epusdt_sign(&out, text, length, "token")
  let verified = tronpay_epusdt_verify(text, length, "token")
  let unsigned =
    tronpay_last_error().map { String(cString: $0) } == "epusdt: params have no signature"
  fuzzRequire(signed == 0 || signed == -13, "sign status")
  fuzzRequire(verified == 0 || verified == -7 || verified == -13, "verify status")
  fuzzRequire((signed == -13) == (verified == -13), "both read the params alike")
  guard signed == 0 else { return }
  let hex = out.prefix(32).allSatisfy {
    ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66)
  }
  fuzzRequire(hex && out[32] == 0, "32 lower-case hex digits")
  // {"signature":"<it>", <the members>} verifies when the params are an object without one.
  guard verified != 0, unsigned, params[0] == UInt8(ascii: "{") else { return }
  let signature = String(cString: out)
  var object = Array("{\"signature\":\"\(signature)\"".utf8)
  let rest = UnsafeBufferPointer(start: params + 1, count: length - 1)
  if rest.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 })
    != UInt8(ascii: "}")
  {
    object.append(UInt8(ascii: ","))
  }
  object.append(contentsOf: rest)
  let status = object.withUnsafeBufferPointer { buffer in
    buffer.withMemoryRebound(to: CChar.self) {
      tronpay_epusdt_verify($0.baseAddress, $0.count, "token")
    }
  }
  fuzzRequire(status == 0, "signed params verify")
}
