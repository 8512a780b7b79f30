@_spi(Boundary) import TronPay

// Section "Amounts" of include/tronpay.h.

@_cdecl("tronpay_amount_to_base_units")
public func tronpay_amount_to_base_units(
  _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ text: UnsafePointer<CChar>?,
  _ decimals: UInt32
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out")
    let value = try Amount.toBaseUnits(textArgument(text, "text"), decimals: decimals)
    out.pointee = try mallocText(value.decimalDigits)
  }
}

@_cdecl("tronpay_amount_from_base_units")
public func tronpay_amount_from_base_units(
  _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ baseUnits: UnsafePointer<CChar>?,
  _ decimals: UInt32
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out")
    let value = try Amount.parseBaseUnits(textArgument(baseUnits, "base_units"))
    out.pointee = try mallocText(try Amount.fromBaseUnits(value, decimals: decimals))
  }
}
