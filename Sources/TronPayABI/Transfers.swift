import TronPay

// Section "Transfers and payment checks" of include/tronpay.h.

/// Caller JSON bytes `(ptr, len)` as the header types them (`const char *`).
private func jsonArgument(_ pointer: UnsafePointer<CChar>?, _ length: Int, _ name: StaticString)
  throws(TronPayError) -> UnsafeRawBufferPointer
{
  guard let pointer else {
    guard length == 0 else { throw argumentError("\(name) is NULL with a non-zero length") }
    return UnsafeRawBufferPointer(start: nil, count: 0)
  }
  return UnsafeRawBufferPointer(start: UnsafeRawPointer(pointer), count: length)
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_transfers_parse")
public func tronpay_transfers_parse(
  _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ json: UnsafePointer<CChar>?,
  _ jsonLength: Int
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out_json")
    let input = try jsonArgument(json, jsonLength, "json")
    let report = try TransferExtractor.extract(input)
    out.pointee = try mallocText(TransferJSON.report(report))
  }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
@_cdecl("tronpay_payment_check")
public func tronpay_payment_check(
  _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ request: UnsafePointer<CChar>?,
  _ requestLength: Int
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out_json")
    let input = try jsonArgument(request, requestLength, "request")
    let verdict = PaymentCheck.run(try PaymentRequest.parse(input))
    out.pointee = try mallocText(PaymentJSON.verdict(verdict))
  }
}
