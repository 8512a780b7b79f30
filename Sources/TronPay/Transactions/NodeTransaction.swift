/// A transaction as a node's JSON carries it, read as a verify-then-sign gate: raw_data_hex is
/// the truth, the txID is recomputed from it, and a raw_data that says anything else is refused.
public struct NodeTransaction: Sendable {
  public let raw: [UInt8]
  public let decoded: RawTransaction
  public let txid: [UInt8]
  /// The signatures exactly as carried (v 27/28 stays 27/28).
  public let signatures: [[UInt8]]

  /// E_JSON: not JSON, not an object, txID or raw_data_hex missing, members of the wrong JSON
  /// type. E_HEX: txID, raw_data_hex or a signature is not hex. E_TX: raw_data_hex does not
  /// decode, the txID differs, raw_data disagrees with the bytes or cannot be checked, or
  /// visible=true. E_SIGNATURE: a signature that is not 65 bytes.
  public static func read(json bytes: [UInt8]) throws(TronPayError) -> NodeTransaction {
    let object = try parts(try JSONReader.parse(bytes))
    let raw = object.raw
    let decoded = try RawTransaction.decode(raw)
    let txid = SHA256.hash(raw)
    guard let claimed = object.txidText else {
      throw TronPayError(.json, "transaction JSON has no txID string")
    }
    guard let claimedBytes = try? Hex.decode(claimed) else {
      throw TronPayError(.hex, "txID is not hex")
    }
    guard claimedBytes == txid else {
      throw TronPayError(
        .transaction,
        "txID \(claimed) is not SHA-256 of raw_data_hex (\(Hex.encode(txid))): "
          + "the JSON describes another transaction than the bytes")
    }
    if let rawData = object.rawData {
      if let disagreement = try rawDataDisagreement(rawData, decoded: decoded, raw: raw) {
        throw TronPayError(.transaction, disagreement)
      }
    }
    var signatures: [[UInt8]] = []
    for (index, text) in try object.signatureTexts().enumerated() {
      guard let signature = try? Hex.decode(text) else {
        throw TronPayError(.hex, "signature[\(index)] is not hex")
      }
      guard signature.count == RecoverableSignature.size else {
        throw TronPayError(
          .signature, "signature[\(index)] is \(signature.count) bytes, expected 65")
      }
      signatures.append(signature)
    }
    return NodeTransaction(raw: raw, decoded: decoded, txid: txid, signatures: signatures)
  }

  /// nil when raw_data says exactly what the bytes say; otherwise why not. Throws only for a
  /// raw_data that is not a JSON object.
  static func rawDataDisagreement(_ rawData: JSONValue, decoded: RawTransaction, raw: [UInt8])
    throws(TronPayError) -> String?
  {
    guard let object = rawData.objectValue else {
      throw TronPayError(.json, "raw_data is not an object")
    }
    let shown: RawTransaction
    do {
      shown = try RawTransaction(json: object)
    } catch {
      return "raw_data cannot be checked against raw_data_hex: \(error.detail)"
    }
    if let difference = decoded.firstDifference(json: shown) { return difference }
    guard shown.encoded() == raw else {
      return "raw_data_hex carries fields or encodings that raw_data does not show"
    }
    return nil
  }

  /// The members the gate reads, with their JSON types checked.
  struct Parts {
    let raw: [UInt8]
    let txidText: String?
    let rawData: JSONValue?
    let signature: JSONValue?

    func signatureTexts() throws(TronPayError) -> [String] {
      guard let signature else { return [] }
      guard let items = signature.arrayValue else {
        throw TronPayError(.json, "signature is not an array")
      }
      var texts: [String] = []
      for item in items {
        guard let text = item.stringValue else {
          throw TronPayError(.json, "signature holds a non-string")
        }
        texts.append(text)
      }
      return texts
    }
  }

  static func parts(_ value: JSONValue) throws(TronPayError) -> Parts {
    guard let object = value.objectValue else {
      throw TronPayError(.json, "transaction JSON is not an object")
    }
    if object["visible"]?.boolValue == true {
      throw TronPayError(
        .transaction,
        "visible=true JSON (base58 addresses) is not read; ask the node for visible=false")
    }
    guard let hexText = object["raw_data_hex"]?.stringValue else {
      throw TronPayError(.json, "transaction JSON has no raw_data_hex string")
    }
    guard let raw = try? Hex.decode(hexText) else {
      throw TronPayError(.hex, "raw_data_hex is not hex")
    }
    let txid = object["txID"]
    if let txid, txid.stringValue == nil { throw TronPayError(.json, "txID is not a string") }
    return Parts(
      raw: raw, txidText: txid?.stringValue, rawData: object["raw_data"],
      signature: object["signature"])
  }
}
