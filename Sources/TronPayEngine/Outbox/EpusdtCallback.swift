import TronPay

/// The legacy epusdt callback body (include/tronpay.h, "Webhooks"): paid orders as status 2,
/// expired ones as status 3, amounts as token units written as JSON numbers, signed with the
/// epusdt MD5 rule over the same bytes the merchant's Go or PHP will read.
enum EpusdtCallback {
  static func status(for type: EventType) -> Int64? {
    switch type {
    case .invoicePaid, .invoiceOverpaid, .invoicePaidLate, .invoiceMarkedPaid: return 2
    case .invoiceExpired: return 3
    default: return nil
    }
  }

  static func body(
    type: EventType, invoice: JSONValue?, secret: String
  ) throws(TronPayError) -> [UInt8] {
    guard let status = status(for: type), let invoice = invoice?.objectValue else {
      throw TronPayError(.store, "outbox: an epusdt delivery of an event it cannot carry")
    }
    let decimals = UInt32(clamping: invoice["decimals"]?.int64Value ?? 6)
    func units(_ key: String) -> String {
      guard let text = invoice[key]?.stringValue, let value = UInt256(decimal: text),
        let human = try? Amount.fromBaseUnits(value, decimals: decimals)
      else { return "0" }
      return human
    }
    let txid = invoice["credits"]?.arrayValue?.last?.objectValue?["txid"]?.stringValue ?? ""
    var params = JSONWriter(reservingCapacity: 512)
    params.beginObject()
    params.fixedKey("trade_id")
    params.string(invoice["id"]?.stringValue ?? "")
    params.fixedKey("order_id")
    params.string(invoice["order_id"]?.stringValue ?? "")
    params.fixedKey("amount")
    params.number(text: units("amount_due"))
    params.fixedKey("actual_amount")
    params.number(text: units("received"))
    params.fixedKey("token")
    params.string(invoice["address"]?.stringValue ?? "")
    params.fixedKey("block_transaction_id")
    params.string(txid)
    params.fixedKey("status")
    params.number(status)
    params.endObject()
    let unsigned = params.bytes
    let signature = try withBytes(unsigned) { (bytes) throws(TronPayError) -> [UInt8] in
      try withBytes(Array(secret.utf8)) { (token) throws(TronPayError) -> [UInt8] in
        try EpusdtSignature.sign(params: bytes, token: token)
      }
    }
    // The same object with its signature as the last member.
    var signed = Array(unsigned.dropLast())
    signed.append(contentsOf: Array(",\"signature\":\"".utf8))
    signed.append(contentsOf: signature)
    signed.append(contentsOf: Array("\"}".utf8))
    return signed
  }
}
