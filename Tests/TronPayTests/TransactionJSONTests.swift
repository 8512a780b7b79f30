import Foundation
import Testing

@_spi(Boundary) @testable import TronPay

private func jsonBytes(_ object: Any) throws -> [UInt8] {
  Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
}

private func foundationObject(_ bytes: [UInt8]) throws -> [String: Any] {
  try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
}

private func readError(_ object: Any) throws -> TronPayError? {
  let bytes = try jsonBytes(object)
  do {
    _ = try NodeTransaction.read(json: bytes)
    return nil
  } catch { return error }
}

private func report(_ object: Any, now: Int64 = 0) throws -> (Bool, [String: Any]) {
  let outcome = try TransactionVerifier.verify(json: try jsonBytes(object), nowMs: now)
  return (outcome.valid, try foundationObject(outcome.report))
}

/// The first vector record: wallet-core's signed TRX transfer.
private func walletCoreTransfer() throws -> [String: Any] {
  let all = try VectorRaw.all()
  return all[0].tx
}

@Suite struct TransactionJSONGate {
  @Test func everyVectorAndMainnetRecordPassesTheGate() throws {
    for (name, tx, _) in try VectorRaw.all() {
      let read = try NodeTransaction.read(json: try jsonBytes(tx))
      #expect(Hex.encode(read.raw) == tx["raw_data_hex"] as? String, "\(name)")
      #expect(read.signatures.map { Hex.encode($0) } == tx["signature"] as? [String], "\(name)")
    }
  }

  @Test func renderedJSONIsTheNodeJSONAndRoundTrips() throws {
    var rendered = 0
    for (name, tx, _) in try VectorRaw.all() {
      let raw = try tx.hex("raw_data_hex")
      let signatures = try tx.required("signature", as: [String].self).map(hexBytes)
      let json = try TransactionJSON.render(raw: raw, signatures: signatures)
      let object = try foundationObject(json)
      // Same members and values as the node's (or the source's) own raw_data, in any order.
      let mine = try #require(object["raw_data"] as? NSDictionary)
      let theirs = try #require(tx["raw_data"] as? NSDictionary)
      #expect(mine == theirs, "\(name)")
      #expect(object["txID"] as? String == (try tx.text("txID")))
      #expect(object["visible"] as? Bool == false)
      let back = try NodeTransaction.read(json: json)
      #expect(back.raw == raw && back.signatures == signatures, "\(name)")
      rendered += 1
    }
    #expect(rendered == 22)
  }

  @Test func disagreementsAreRefused() throws {
    let original = try walletCoreTransfer()
    var tx = original
    var rawData = try #require(tx["raw_data"] as? [String: Any])
    var contracts = try #require(rawData["contract"] as? [[String: Any]])
    var parameter = try #require(contracts[0]["parameter"] as? [String: Any])
    var value = try #require(parameter["value"] as? [String: Any])
    value["amount"] = 2_000_001
    parameter["value"] = value
    contracts[0]["parameter"] = parameter
    rawData["contract"] = contracts
    tx["raw_data"] = rawData
    let amount = try readError(tx)
    #expect(amount?.kind == .transaction)
    #expect(amount?.detail.contains("amount: JSON says 2000001, raw_data_hex says 2000000") == true)

    tx = original
    tx["txID"] = String(repeating: "0", count: 64)
    #expect(try readError(tx)?.kind == .transaction)

    tx = original
    var hex = Array((try tx.text("raw_data_hex")).utf8)
    hex[hex.count - 1] =
      hex[hex.count - 1] == UInt8(ascii: "c") ? UInt8(ascii: "d") : UInt8(ascii: "c")
    tx["raw_data_hex"] = String(decoding: hex, as: UTF8.self)
    #expect(try readError(tx)?.kind == .transaction)

    tx = original
    rawData = try #require(tx["raw_data"] as? [String: Any])
    rawData["fee_limt"] = 5
    tx["raw_data"] = rawData
    #expect(try readError(tx)?.detail.contains("fee_limt") == true)

    tx = original
    tx["visible"] = true
    #expect(try readError(tx)?.kind == .transaction)
  }

  @Test func malformedInputsHaveTheirOwnStatus() throws {
    let original = try walletCoreTransfer()
    var tx = original
    tx["signature"] = [String(repeating: "ab", count: 64)]
    #expect(try readError(tx)?.kind == .signature)
    tx["signature"] = ["zz"]
    #expect(try readError(tx)?.kind == .hex)
    tx["signature"] = "ab"
    #expect(try readError(tx)?.kind == .json)
    tx = original
    tx.removeValue(forKey: "raw_data_hex")
    #expect(try readError(tx)?.kind == .json)
    tx = original
    tx.removeValue(forKey: "txID")
    #expect(try readError(tx)?.kind == .json)
    tx = original
    tx["raw_data_hex"] = "0a02"
    #expect(try readError(tx)?.kind == .transaction)
    #expect(try readError([1, 2])?.kind == .json)
    do {
      _ = try NodeTransaction.read(json: Array("{\"a\":".utf8))
      Issue.record("accepted truncated JSON")
    } catch { #expect(error.kind == .json) }
    // Without raw_data the bytes alone are read; signatures come back exactly (v stays 0x00).
    tx = original
    tx.removeValue(forKey: "raw_data")
    let read = try NodeTransaction.read(json: try jsonBytes(tx))
    #expect(read.signatures.first?.last == 0)
  }
}

@Suite struct TransactionVerification {
  @Test func vectorsAndMainnetVerify() throws {
    for (name, tx, signers) in try VectorRaw.all() {
      let (valid, body) = try report(tx)
      #expect(body["txid_matches"] as? Bool == true, "\(name)")
      #expect(body["raw_data_matches"] as? Bool == true, "\(name)")
      #expect(body["signers"] as? [String] == signers, "\(name)")
      let foreign = name.contains("different key")
      #expect(valid == !foreign, "\(name): \(body["problems"] ?? "")")
      #expect(body["owner_signed"] as? Bool == !foreign, "\(name)")
    }
  }

  @Test func mainnetUSDTCallsAreDecodedStrictly() throws {
    let mainnet = try VectorFile.load("mainnet.json")
    var checked = 0
    for entry in try VectorFile.list(mainnet, "cases") {
      guard let tx = entry["trongrid_v1_account_transaction"] as? [String: Any],
        let expected = entry["expected"] as? [String: Any],
        let call = expected["call"] as? [String: Any]
      else { continue }
      let (valid, body) = try report(tx)
      #expect(valid)
      let contract = try #require(body["contract"] as? [String: Any])
      #expect(contract["contract"] as? String == (try expected.text("token_contract_base58")))
      let problems = body["problems"] as? [String] ?? []
      if call["to_upper_12_bytes_nonzero"] as? Bool == true {
        #expect(contract["call"] is NSNull)
        #expect(problems.contains { $0.contains("non-zero bytes before the address") })
      } else {
        let decoded = try #require(contract["call"] as? [String: Any])
        #expect(decoded["method"] as? String == "transfer")
        #expect(decoded["to"] as? String == (try call.text("to_base58")))
        #expect(decoded["amount"] as? String == String(try call.required("amount", as: Int.self)))
      }
      checked += 1
    }
    #expect(checked == 6)
  }

  @Test func vVariantsHighSForeignSignaturesAndExpiry() throws {
    let original = try walletCoreTransfer()
    let signature = try hexBytes(
      #require(try original.required("signature", as: [String].self).first))
    let n = try #require(UInt256(bigEndian: RecoverableSignature.order))
    let s = try #require(UInt256(bigEndian: signature[32..<64]))
    let highS = Array(signature[0..<32]) + (n.subtracting(s)?.bigEndianBytes ?? []) + [1]
    for (v, form) in [(0, signature), (1, highS)] as [(UInt8, [UInt8])] {
      for offset in [0, 27] as [UInt8] {
        var sig = form
        sig[64] = v + offset
        var tx = original
        tx["signature"] = [Hex.encode(sig)]
        let (valid, body) = try report(tx)
        #expect(valid, "v \(v + offset)")
        let highSReported = (body["problems"] as? [String] ?? []).contains { $0.contains("high s") }
        #expect(highSReported == (form == highS))
      }
    }
    // A foreign signature: wallet-core's second key over the same txID.
    var tx = original
    tx["signature"] = [
      "6b5de85a80b2f4f02351f691593fb0e49f14c5cb42451373485357e42d7890cd77ad7bfcb733555c098b992da"
        + "79dabe5050f5e2db77d9d98f199074222de037701"
    ]
    var (valid, body) = try report(tx)
    #expect(!valid)
    #expect(body["owner_signed"] as? Bool == false)
    #expect(body["signers"] as? [String] == ["TVKD5QiXmZU7pYq9S31cYcwpinT2vHfqan"])
    // A malformed signature is reported, not thrown.
    tx["signature"] = [Hex.encode(Array(signature[0..<64]) + [5])]
    (valid, body) = try report(tx)
    #expect(!valid)
    #expect((body["problems"] as? [String] ?? []).contains { $0.contains("v byte is 5") })
    // Unsigned.
    tx.removeValue(forKey: "signature")
    (valid, _) = try report(tx)
    #expect(!valid)
    // Expiry: reported, and verification of integrity still holds.
    (valid, body) = try report(original, now: 1_539_331_479_000)
    #expect(valid)
    #expect(body["expired"] as? Bool == true)
    (_, body) = try report(original, now: 1_539_331_478_999)
    #expect(body["expired"] as? Bool == false)
  }

  @Test func rawDataThatDisagreesFailsVerification() throws {
    var tx = try walletCoreTransfer()
    var rawData = try #require(tx["raw_data"] as? [String: Any])
    rawData["expiration"] = 1_539_331_479_001
    tx["raw_data"] = rawData
    let (valid, body) = try report(tx)
    #expect(!valid)
    #expect(body["raw_data_matches"] as? Bool == false)
    #expect((body["problems"] as? [String] ?? []).contains { $0.contains("raw_data.expiration") })
    tx.removeValue(forKey: "raw_data")
    let (again, bare) = try report(tx)
    #expect(again)
    #expect(bare["raw_data_matches"] is NSNull)
  }
}

@Suite struct TransactionJSONRobustness {
  /// Random byte edits of real mainnet JSON: every outcome is a value or a TronPayError.
  @Test func mutatedJSONNeverTraps() throws {
    var generator = SystemRandomNumberGenerator()
    let all = try VectorRaw.all()
    for (_, tx, _) in all.suffix(10) {
      let original = try jsonBytes(tx)
      for _ in 0..<300 {
        var bytes = original
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
          let index = Int.random(in: 0..<bytes.count, using: &generator)
          bytes[index] =
            Array("0123456789abcdef\"{}[],:-".utf8).randomElement(using: &generator) ?? 0
        }
        _ = try? NodeTransaction.read(json: bytes)
        _ = try? TransactionVerifier.verify(json: bytes, nowMs: 1)
      }
    }
  }
}
