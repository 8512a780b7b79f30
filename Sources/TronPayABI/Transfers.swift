@_spi(Boundary) import TronPay

// Section "Transfers and payment checks" of include/tronpay.h.

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
