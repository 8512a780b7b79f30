/// `tronpay_tx_verify`: judges a node transaction JSON's integrity and signatures and reports
/// what it found. Integrity and signatures decide `valid`; what the chain would think of the
/// contract (a zero amount, a dirty ABI word, expiry) goes to `problems` only.
public enum TransactionVerifier {
  public struct Outcome: Sendable {
    public let valid: Bool
    public let report: [UInt8]

    /// E_VERIFY when the transaction is judged but does not verify (the report says why).
    public var failure: TronPayError? {
      valid
        ? nil : TronPayError(.verify, "the transaction does not verify; see the report's problems")
    }
  }

  /// Throws only when there is nothing to judge: not JSON (E_JSON), no raw_data_hex string or a
  /// non-object raw_data (E_JSON), raw_data_hex not hex (E_HEX) or not a transaction (E_TX).
  public static func verify(json: [UInt8], nowMs: Int64) throws(TronPayError) -> Outcome {
    let parts = try NodeTransaction.parts(try JSONReader.parse(json))
    let raw = try RawTransaction.decode(parts.raw)
    let txid = SHA256.hash(parts.raw)
    var problems: [String] = []

    var txidMatches = false
    if let text = parts.txidText {
      if let claimed = try? Hex.decode(text), claimed == txid {
        txidMatches = true
      } else {
        problems.append("txID \(text) is not SHA-256 of raw_data_hex")
      }
    } else {
      problems.append("txID is missing")
    }

    var rawDataMatches: Bool? = nil
    if let rawData = parts.rawData {
      if let why = try NodeTransaction.rawDataDisagreement(rawData, decoded: raw, raw: parts.raw) {
        rawDataMatches = false
        problems.append(why)
      } else {
        rawDataMatches = true
      }
    }

    var signers: [Address] = []
    var signaturesHold = true
    let texts: [String]
    do {
      texts = try parts.signatureTexts()
    } catch {
      texts = []
      signaturesHold = false
      problems.append(error.detail)
    }
    if texts.isEmpty { problems.append("the transaction carries no signature") }
    for (index, text) in texts.enumerated() {
      do throws(TronPayError) {
        guard let signature = try? Hex.decode(text) else {
          throw TronPayError(.hex, "not hex")
        }
        let signer = try RecoverableSignature.recoverAddress(digest: txid, signature: signature)
        if signature.withUnsafeBytes({ RecoverableSignature.isHighS($0) }) {
          problems.append(
            "signature[\(index)] has a high s value (accepted, as java-tron accepts it; "
              + "careful signers emit low s)")
        }
        if signers.contains(signer) {
          problems.append("signature[\(index)]: \(signer.base58) signed twice")
        }
        signers.append(signer)
      } catch {
        signaturesHold = false
        problems.append("signature[\(index)]: \(error.detail)")
      }
    }

    let ownerBytes = raw.contract.owner
    let owner = ownerBytes.flatMap { try? Address(bytes: $0) }
    if ownerBytes == nil {
      problems.append(
        "contract type \(ContractType.name(raw.contract.type) ?? String(raw.contract.type)) "
          + "is not decoded: its owner is unknown")
    } else if owner == nil {
      problems.append("owner_address is not a 21-byte 0x41 address")
    }
    let ownerSigned = owner.map { signers.contains($0) } ?? false
    if owner != nil, !ownerSigned, !texts.isEmpty {
      var note = "the owner \(owner?.base58 ?? "") is not among the signers"
      if raw.contract.permissionID != 0 {
        note += " (Permission_id \(raw.contract.permissionID): multi-signature weights need the "
        note += "account's permissions, which this check does not have)"
      }
      problems.append(note)
    }

    let expired = nowMs != 0 && raw.expiration <= nowMs
    if expired { problems.append("expired at \(raw.expiration) ms, now is \(nowMs) ms") }

    var writer = JSONWriter(reservingCapacity: 1024)
    writer.beginObject()
    let valid =
      txidMatches && rawDataMatches != false && signaturesHold && !signers.isEmpty && ownerSigned
    writer.key("valid")
    writer.bool(valid)
    writer.key("txid")
    writer.hex(txid)
    writer.key("txid_matches")
    writer.bool(txidMatches)
    writer.key("raw_data_matches")
    if let rawDataMatches { writer.bool(rawDataMatches) } else { writer.null() }
    writer.key("signers")
    writer.beginArray()
    for signer in signers { writer.asciiString(Array(signer.base58.utf8)) }
    writer.endArray()
    writer.key("owner")
    if let owner {
      writer.asciiString(Array(owner.base58.utf8))
    } else {
      writer.null()
    }
    writer.key("owner_signed")
    writer.bool(ownerSigned)
    writer.key("expired")
    writer.bool(expired)
    writer.key("contract")
    ContractReport.write(raw.contract, into: &writer, problems: &problems)
    writer.key("expiration_ms")
    writer.number(raw.expiration)
    writer.key("timestamp_ms")
    if raw.timestamp != 0 { writer.number(raw.timestamp) } else { writer.null() }
    writer.key("fee_limit_sun")
    writer.number(raw.feeLimit)
    writer.key("memo_hex")
    writer.hex(raw.data)
    writer.key("problems")
    writer.beginArray()
    for problem in problems { writer.string(problem) }
    writer.endArray()
    writer.endObject()
    return Outcome(valid: valid, report: writer.bytes)
  }
}
