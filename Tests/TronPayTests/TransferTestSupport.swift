import Foundation

@_spi(Boundary) @testable import TronPay

/// Runs the transfer extraction on JSON text and returns the output read back by Foundation.
func transfersOutput(_ json: String) throws -> [String: Any] {
  let bytes = Array(json.utf8)
  let report = try bytes.withUnsafeBytes { raw -> Result<TransferReport, TronPayError> in
    do throws(TronPayError) {
      return .success(try TransferExtractor.extract(raw))
    } catch {
      return .failure(error)
    }
  }.get()
  let output = TransferJSON.report(report)
  return try JSONSerialization.jsonObject(with: Data(output)) as? [String: Any] ?? [:]
}

func transfersError(_ json: String) -> TronPayError? {
  do {
    _ = try transfersOutput(json)
    return nil
  } catch let error as TronPayError {
    return error
  } catch {
    return TronPayError(.internal, "\(error)")
  }
}

/// Runs a payment check on request JSON and returns the response read back by Foundation.
func paymentOutput(_ json: String) throws -> [String: Any] {
  let bytes = Array(json.utf8)
  let verdict = try bytes.withUnsafeBytes { raw -> Result<PaymentVerdict, TronPayError> in
    do throws(TronPayError) {
      return .success(PaymentCheck.run(try PaymentRequest.parse(raw)))
    } catch {
      return .failure(error)
    }
  }.get()
  return try JSONSerialization.jsonObject(with: Data(PaymentJSON.verdict(verdict)))
    as? [String: Any] ?? [:]
}

func paymentError(_ json: String) -> TronPayError? {
  do {
    _ = try paymentOutput(json)
    return nil
  } catch let error as TronPayError {
    return error
  } catch {
    return TronPayError(.internal, "\(error)")
  }
}

func jsonText(_ object: Any) throws -> String {
  String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
}

extension Dictionary where Key == String, Value == Any {
  var transfers: [[String: Any]] { self["transfers"] as? [[String: Any]] ?? [] }
  var skipped: [[String: Any]] { self["skipped"] as? [[String: Any]] ?? [] }
  var invoices: [[String: Any]] { self["invoices"] as? [[String: Any]] ?? [] }
  var rejected: [[String: Any]] { self["rejected"] as? [[String: Any]] ?? [] }
  var unmatched: [[String: Any]] { self["unmatched"] as? [[String: Any]] ?? [] }
}
