/// The decoded contract of a verify report. Amounts are decimal strings (sun for TRX, base
/// units for tokens) so no JSON reader rounds them.
enum ContractReport {
  static func write(
    _ contract: Contract, into writer: inout JSONWriter, problems: inout [String]
  ) {
    writer.beginObject()
    writer.key("type")
    writer.string(ContractType.name(contract.type) ?? String(contract.type))
    if contract.permissionID != 0 {
      writer.key("permission_id")
      writer.number(Int64(contract.permissionID))
    }
    switch contract.payload {
    case .transfer(let c):
      address("owner", c.owner, &writer, &problems)
      address("to", c.to, &writer, &problems)
      writer.key("token")
      writer.string("TRX")
      writer.key("amount")
      writer.string(String(c.amount))
      if c.amount <= 0 {
        problems.append("TRX amount \(c.amount) is not positive: the chain refuses it")
      }
      if c.owner == c.to {
        problems.append("owner and recipient are the same: the chain refuses it")
      }
    case .transferAsset(let c):
      address("owner", c.owner, &writer, &problems)
      address("to", c.to, &writer, &problems)
      writer.key("asset_name_hex")
      writer.hex(c.assetName)
      writer.key("amount")
      writer.string(String(c.amount))
      if c.amount <= 0 { problems.append("asset amount \(c.amount) is not positive") }
    case .triggerSmartContract(let c):
      address("owner", c.owner, &writer, &problems)
      address("contract", c.contract, &writer, &problems)
      writer.key("call_value")
      writer.string(String(c.callValue))
      if c.callTokenValue != 0 || c.tokenID != 0 {
        writer.key("call_token_value")
        writer.string(String(c.callTokenValue))
        writer.key("token_id")
        writer.string(String(c.tokenID))
      }
      writer.key("data")
      writer.hex(c.data)
      writer.key("call")
      call(c.data, &writer, &problems)
    case .opaque:
      break
    }
    writer.endObject()
  }

  private static func address(
    _ name: String, _ bytes: [UInt8], _ writer: inout JSONWriter, _ problems: inout [String]
  ) {
    writer.key(name)
    if let parsed = try? Address(bytes: bytes) {
      writer.asciiString(Array(parsed.base58.utf8))
    } else {
      writer.null()
      problems.append("contract \(name) address \(Hex.encode(bytes)) is not a 0x41 address")
    }
  }

  private static func call(_ data: [UInt8], _ writer: inout JSONWriter, _ problems: inout [String])
  {
    switch TRC20Call.decode(data) {
    case nil:
      writer.null()
    case .malformed(_, let reason)?:
      writer.null()
      problems.append("TRC-20 call data refused by the strict decoder: \(reason)")
    case .call(let call)?:
      writer.beginObject()
      writer.key("method")
      writer.string(call.method)
      switch call {
      case .transfer(let to, let amount):
        member("to", to.base58, &writer)
        member("amount", String(decoding: amount.decimalDigits, as: UTF8.self), &writer)
      case .transferFrom(let from, let to, let amount):
        member("from", from.base58, &writer)
        member("to", to.base58, &writer)
        member("amount", String(decoding: amount.decimalDigits, as: UTF8.self), &writer)
      case .approve(let spender, let amount):
        member("spender", spender.base58, &writer)
        member("amount", String(decoding: amount.decimalDigits, as: UTF8.self), &writer)
      }
      writer.endObject()
    }
  }

  private static func member(_ name: String, _ text: String, _ writer: inout JSONWriter) {
    writer.key(name)
    writer.string(text)
  }
}
