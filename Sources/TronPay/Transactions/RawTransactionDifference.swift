/// Names the first field where two raw_data disagree, for a detail a person can act on
/// ("raw_data.contract[0].parameter.value.data: JSON says …, raw_data_hex says …").
extension RawTransaction {
  func firstDifference(json: RawTransaction) -> String? {
    var fields: [(String, String, String)] = [
      ("ref_block_bytes", Hex.encode(json.refBlockBytes), Hex.encode(refBlockBytes)),
      ("ref_block_num", String(json.refBlockNum), String(refBlockNum)),
      ("ref_block_hash", Hex.encode(json.refBlockHash), Hex.encode(refBlockHash)),
      ("expiration", String(json.expiration), String(expiration)),
      ("data", Hex.encode(json.data), Hex.encode(data)),
      ("timestamp", String(json.timestamp), String(timestamp)),
      ("fee_limit", String(json.feeLimit), String(feeLimit)),
      ("contract[0].type", String(json.contract.type), String(contract.type)),
      (
        "contract[0].Permission_id", String(json.contract.permissionID),
        String(contract.permissionID)
      ),
    ]
    let mine = contract.payload.describedFields
    let theirs = json.contract.payload.describedFields
    for (name, value) in theirs {
      let other = mine.first { $0.0 == name }?.1 ?? "(absent)"
      fields.append(("contract[0].parameter.value." + name, value, other))
    }
    for (name, jsonValue, hexValue) in fields where jsonValue != hexValue {
      return "raw_data.\(name): JSON says \(shown(jsonValue)), raw_data_hex says \(shown(hexValue))"
    }
    return nil
  }

  private func shown(_ text: String) -> String { text.isEmpty ? "(empty)" : text }
}

extension ContractPayload {
  fileprivate var describedFields: [(String, String)] {
    switch self {
    case .transfer(let c):
      return [
        ("owner_address", Hex.encode(c.owner)), ("to_address", Hex.encode(c.to)),
        ("amount", String(c.amount)),
      ]
    case .transferAsset(let c):
      return [
        ("asset_name", Hex.encode(c.assetName)), ("owner_address", Hex.encode(c.owner)),
        ("to_address", Hex.encode(c.to)), ("amount", String(c.amount)),
      ]
    case .triggerSmartContract(let c):
      return [
        ("owner_address", Hex.encode(c.owner)), ("contract_address", Hex.encode(c.contract)),
        ("call_value", String(c.callValue)), ("data", callDescription(c.data)),
        ("call_token_value", String(c.callTokenValue)), ("token_id", String(c.tokenID)),
      ]
    case .opaque(let value):
      return [("(opaque)", Hex.encode(value))]
    }
  }
}

/// Call data as a person reads it: a strictly decoded TRC-20 call, else its hex.
private func callDescription(_ data: [UInt8]) -> String {
  guard case .call(let call)? = TRC20Call.decode(data) else { return Hex.encode(data) }
  func amount(_ value: UInt256) -> String { String(decoding: value.decimalDigits, as: UTF8.self) }
  switch call {
  case .transfer(let to, let value):
    return "transfer(to \(to.base58), amount \(amount(value)))"
  case .transferFrom(let from, let to, let value):
    return "transferFrom(from \(from.base58), to \(to.base58), amount \(amount(value)))"
  case .approve(let spender, let value):
    return "approve(spender \(spender.base58), amount \(amount(value)))"
  }
}
