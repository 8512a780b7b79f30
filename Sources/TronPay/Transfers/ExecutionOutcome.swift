/// How node records state whether a transaction's execution succeeded.
enum ExecutionOutcome {
  typealias Outcome = TransactionSighting.Outcome

  /// A receipt (`gettransactioninfobyid`): top-level `result` is the code (absent or `SUCESS`,
  /// java-tron's own spelling of its default, or `FAILED`); `receipt.result` the VM's verdict.
  /// Plain TRX transfers carry neither: the receipt cannot say.
  static func receipt(result: JSONRef?, receipt: JSONRef?, _ problem: inout String?)
    -> (Outcome, contradiction: String?)
  {
    let code = Strict.text(result).read("result", &problem)
    var verdict: String? = nil
    if let receipt {
      if receipt.isObject {
        verdict = Strict.text(receipt["result"]).read("receipt.result", &problem)
      } else if problem == nil {
        problem = "receipt is not an object"
      }
    }
    if let code, code != "SUCESS", code != "SUCCESS" {
      if verdict == "SUCCESS" {
        return (.unknown, "its receipt says \(code) and also SUCCESS")
      }
      return (.failed(verdict ?? code), nil)
    }
    guard let verdict else { return (.unknown, nil) }
    return (verdict == "SUCCESS" ? .succeeded : .failed(verdict), nil)
  }

  /// A transaction's `ret`: entries of `{"contractRet": …, "ret": code?, "fee": n?}`. Every entry
  /// must tell the same story.
  static func ret(_ value: JSONRef?, _ problem: inout String?) -> (Outcome, contradiction: String?)
  {
    guard let value else { return (.unknown, nil) }
    guard let entries = value.elements else {
      if problem == nil { problem = "ret is not an array" }
      return (.unknown, nil)
    }
    var result: String? = nil
    var codeFailed = false
    for entry in entries {
      guard entry.isObject else {
        if problem == nil { problem = "a ret entry is not an object" }
        return (.unknown, nil)
      }
      _ = Strict.nodeInteger(entry["fee"]).read("ret.fee", &problem)
      let code = Strict.text(entry["ret"]).read("ret.ret", &problem)
      guard let text = Strict.text(entry["contractRet"]).read("ret.contractRet", &problem) else {
        if code == "FAILED" { codeFailed = true }
        continue
      }
      if let known = result, known != text {
        return (.unknown, "its ret entries say \(known) and \(text)")
      }
      result = text
      if code == "FAILED" {
        if text == "SUCCESS" { return (.unknown, "its ret says FAILED with contractRet SUCCESS") }
        codeFailed = true
      } else if let code, code != "SUCESS", code != "SUCCESS" {
        return (.unknown, "its ret code \(code) is not one java-tron prints")
      }
    }
    if let result { return (result == "SUCCESS" ? .succeeded : .failed(result), nil) }
    return (codeFailed ? .failed("FAILED") : .unknown, nil)
  }
}
