import Foundation
import Testing

@_spi(Boundary) @testable import TronPay

private func status(_ body: () throws -> Void) -> TronPayError.Kind? {
  do {
    try body()
    return nil
  } catch { return (error as? TronPayError)?.kind }
}

@Suite struct TransactionVectors {
  @Test func everyRawDataHexHashesToItsTxIDAndDecodesCanonically() throws {
    let all = try VectorRaw.all()
    #expect(all.count == 22)
    for (name, tx, _) in all {
      let raw = try tx.hex("raw_data_hex")
      #expect(Hex.encode(try TransactionSigning.id(raw)) == tx["txID"] as? String, "\(name)")
      let decoded = try RawTransaction.decode(raw)
      #expect(decoded.encoded() == raw, "\(name): re-encoding differs")
      // The vectors' JSON fields, mapped by hand, encode to the same bytes.
      let fromJSON = try #require(try VectorRaw.model(tx.required("raw_data")))
      #expect(fromJSON == decoded, "\(name)")
      #expect(fromJSON.encoded() == raw, "\(name)")
    }
  }

  @Test func everySignatureRecoversToItsSigner() throws {
    for (name, tx, signers) in try VectorRaw.all() {
      let txid = try tx.hex("txID")
      let signatures = try tx.required("signature", as: [String].self).map(hexBytes)
      #expect(signatures.count == signers.count, "\(name)")
      #expect(!signers.isEmpty, "\(name)")
      for (signature, signer) in zip(signatures, signers) {
        let address = try RecoverableSignature.recoverAddress(digest: txid, signature: signature)
        #expect(address.base58 == signer, "\(name)")
      }
    }
  }

  @Test func signingReproducesEverySignatureByteForByte() throws {
    let file = try VectorFile.load("transactions.json")
    var signed = 0
    for entry in try VectorFile.list(file, "transactions") {
      let keys =
        (entry["private_keys"] as? [String]) ?? [entry["private_key"] as? String].compactMap { $0 }
      let raw = try entry.hex("raw_data_hex")
      let expected: [String] = try entry.required("signature")
      #expect(keys.isEmpty || keys.count == expected.count, "\(entry["name"] ?? "")")
      for (key, signature) in zip(keys, expected) {
        let keyBytes = try hexBytes(key)
        let secret = keyBytes.withUnsafeBytes { SecretBytes(copying: $0) }
        let out = try TransactionSigning.sign(raw, key: secret)
        #expect(Hex.encode(out) == signature, "\(entry["name"] ?? "")")
        signed += 1
      }
    }
    #expect(signed == 11)
  }

  @Test func vByteVariantsAndRecoverOnly() throws {
    let file = try VectorFile.load("transactions.json")
    let variants = try #require(file["v_byte_variants"] as? [String: Any])
    let txid = try variants.hex("txID")
    for key in ["signature_v_00", "signature_v_1b"] {
      let signature = try variants.hex(key)
      let address = try RecoverableSignature.recoverAddress(digest: txid, signature: signature)
      #expect(address.base58 == variants["both_recover_to"] as? String)
    }
    for entry in try VectorFile.list(file, "recover_only") {
      let address = try RecoverableSignature.recoverAddress(
        digest: try entry.hex("hash"),
        signature: try entry.hex("signature"))
      #expect(address.base58 == entry["recovers_to"] as? String)
    }
  }

  @Test func blockIDGivesTheReferenceBytesAndHash() throws {
    let file = try VectorFile.load("transactions.json")
    for entry in try VectorFile.list(file, "block_reference") {
      let id =
        try entry["block_id"] != nil
        ? entry.hex("block_id")
        : entry.required("getnowblock_response", as: [String: Any].self).hex("blockID")
      let options = TransactionOptions(refBlockID: id, expiration: 1)
      #expect(Hex.encode(options.refBlockBytes) == entry["ref_block_bytes"] as? String)
      #expect(Hex.encode(options.refBlockHash) == entry["ref_block_hash"] as? String)
    }
  }
}

@Suite struct TransactionBuilding {
  private func options(_ raw: [String: Any]) throws -> TransactionOptions {
    try TransactionOptions(
      refBlockID: VectorRaw.blockID(
        refBytes: VectorRaw.bytes(raw["ref_block_bytes"]),
        refHash: VectorRaw.bytes(raw["ref_block_hash"])),
      timestamp: VectorRaw.int64(raw["timestamp"]), expiration: VectorRaw.int64(raw["expiration"]),
      feeLimit: VectorRaw.int64(raw["fee_limit"]), memo: VectorRaw.bytes(raw["data"]),
      permissionID: Int32(
        truncatingIfNeeded: VectorRaw.int64(
          (raw["contract"] as? [[String: Any]])?.first?["Permission_id"])))
  }

  /// Rebuilds every TRX and TRC-20 vector through the builders and compares the bytes.
  @Test func buildersReproduceTheVectors() throws {
    var built = 0
    for (name, tx, _) in try VectorRaw.all() {
      let rawJSON = try #require(tx["raw_data"] as? [String: Any])
      let contract = try #require((rawJSON["contract"] as? [[String: Any]])?.first)
      let value = try #require(
        (contract["parameter"] as? [String: Any])?["value"] as? [String: Any])
      let owner = try Address(bytes: VectorRaw.bytes(value["owner_address"]))
      let result: RawTransaction
      switch contract["type"] as? String {
      case "TransferContract":
        result = try TransactionBuilder.transfer(
          owner: owner, to: Address(bytes: VectorRaw.bytes(value["to_address"])),
          amount: VectorRaw.int64(value["amount"]), options: try options(rawJSON))
      case "TriggerSmartContract":
        let data = try VectorRaw.bytes(value["data"])
        let token = try Address(bytes: VectorRaw.bytes(value["contract_address"]))
        if case .call(.transfer(let to, let amount))? = TRC20Call.decode(data),
          value["call_token_value"] == nil
        {
          result = try TransactionBuilder.trc20Transfer(
            owner: owner, token: token, to: to, amount: amount, options: try options(rawJSON))
        } else if value["call_token_value"] == nil {
          result = try TransactionBuilder.trigger(
            owner: owner, contract: token, callValue: VectorRaw.int64(value["call_value"]),
            data: data, options: try options(rawJSON))
        } else {
          continue  // call_token_value/token_id are not builder inputs
        }
      default:
        continue
      }
      #expect(Hex.encode(result.encoded()) == tx["raw_data_hex"] as? String, "\(name)")
      built += 1
    }
    #expect(built == 20)
  }

  private let owner = try? Address(parsing: "TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC")
  private let other = try? Address(parsing: "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")

  @Test func refusesWhatJavaTronRefuses() throws {
    let owner = try #require(owner)
    let other = try #require(other)
    let ok = TransactionOptions(refBlockID: [UInt8](repeating: 1, count: 32), expiration: 10)
    #expect(
      status {
        _ = try TransactionBuilder.transfer(owner: owner, to: other, amount: 0, options: ok)
      } == .amount)
    #expect(
      status {
        _ = try TransactionBuilder.transfer(owner: owner, to: other, amount: -5, options: ok)
      } == .amount)
    #expect(
      status {
        _ = try TransactionBuilder.transfer(owner: owner, to: owner, amount: 1, options: ok)
      } == .transaction)
    #expect(
      status {
        _ = try TransactionBuilder.trigger(
          owner: owner, contract: other, callValue: -1, data: [], options: ok)
      } == .amount)
    var bad = ok
    bad.expiration = 0
    #expect(status { try bad.validate() } == .argument)
    bad = ok
    bad.timestamp = 10
    #expect(status { try bad.validate() } == .argument)
    bad.timestamp = -1
    #expect(status { try bad.validate() } == .argument)
    bad = ok
    bad.feeLimit = -1
    #expect(status { try bad.validate() } == .argument)
    bad = ok
    bad.permissionID = -1
    #expect(status { try bad.validate() } == .argument)
    bad = ok
    bad.refBlockID = [1, 2, 3]
    #expect(status { try bad.validate() } == .argument)
  }

  @Test func extremeAmountsAndFeeLimitsRoundTrip() throws {
    let owner = try #require(owner)
    let other = try #require(other)
    for fee in [Int64(0), 1, 1 << 53 + 1, .max] {
      let options = TransactionOptions(
        refBlockID: [UInt8](repeating: 7, count: 32), timestamp: 1, expiration: 2,
        feeLimit: fee, memo: Array("memo ✓".utf8))
      let raw = try TransactionBuilder.trc20Transfer(
        owner: owner, token: other, to: owner, amount: .max, options: options)
      let decoded = try RawTransaction.decode(raw.encoded())
      #expect(decoded == raw)
      #expect(decoded.feeLimit == fee)
      guard case .triggerSmartContract(let call) = decoded.contract.payload else {
        Issue.record("not a trigger")
        continue
      }
      #expect(TRC20Call.decode(call.data) == .call(.transfer(to: owner, amount: .max)))
      #expect(call.data.count == 68)
      #expect(Array(call.data[4..<16]) == [UInt8](repeating: 0, count: 12))
      #expect(Array(call.data[36...]) == [UInt8](repeating: 0xff, count: 32))
    }
    let trx = try TransactionBuilder.transfer(
      owner: owner, to: other, amount: .max,
      options: TransactionOptions(refBlockID: [UInt8](repeating: 7, count: 32), expiration: 2))
    #expect(try RawTransaction.decode(trx.encoded()) == trx)
    // No timestamp and no fee limit: neither field appears on the wire.
    let bytes = trx.encoded()
    let numbers = bytes.withUnsafeBytes { buffer -> [UInt32] in
      var reader = ProtoReader(buffer, range: 0..<buffer.count, context: "test")
      var out: [UInt32] = []
      while let field = try? reader.next() { out.append(field.number) }
      return out
    }
    #expect(numbers == [1, 4, 8, 11])
  }
}

@Suite struct TRC20CallData {
  @Test func strictDecoding() throws {
    let to = try Address(parsing: "TXVj38D1XR3TPgSHTCZGC8wkLDAGqF1oqx")
    let good = TRC20Call.transfer(to: to, amount: UInt256(41_677_389)).encoded
    #expect(TRC20Call.decode(good) == .call(.transfer(to: to, amount: UInt256(41_677_389))))
    // The real mainnet form with 0x41 before the address is refused by the strict decoder.
    var dirty = good
    dirty[15] = 0x41
    guard case .malformed(let method, _)? = TRC20Call.decode(dirty) else {
      Issue.record("accepted")
      return
    }
    #expect(method == "transfer")
    #expect(TRC20Call.decode(good + [0]) != .call(.transfer(to: to, amount: UInt256(41_677_389))))
    #expect(
      TRC20Call.decode(Array(good.dropLast())).map {
        if case .malformed = $0 { true } else { false }
      } == true)
    #expect(TRC20Call.decode(Array("some data".utf8)) == nil)
    let from = try Address(parsing: "TL24LCps5FKwp3PoU1MvrYrwhi5LU1tHre")
    let call = TRC20Call.transferFrom(from: from, to: to, amount: .max)
    #expect(Hex.encode(call.encoded.prefix(4)) == "23b872dd")
    #expect(TRC20Call.decode(call.encoded) == .call(call))
    let approve = TRC20Call.approve(spender: to, amount: .zero)
    #expect(Hex.encode(approve.encoded.prefix(4)) == "095ea7b3")
    #expect(TRC20Call.decode(approve.encoded) == .call(approve))
  }

  @Test func selectorsAreKeccakOfTheSignatures() {
    for (signature, selector) in [
      ("transfer(address,uint256)", TRC20Call.transferSelector),
      ("transferFrom(address,address,uint256)", TRC20Call.transferFromSelector),
      ("approve(address,uint256)", TRC20Call.approveSelector),
    ] {
      #expect(Array(Keccak256.hash(Array(signature.utf8)).prefix(4)) == selector)
    }
  }
}

@Suite struct SignedTransactionBytes {
  /// TronWeb's SIGNED_HEX_TRANSACTION: the Transaction protobuf for /wallet/broadcasthex.
  @Test func tronWebSignedHexTransaction() throws {
    let file = try VectorFile.load("transactions.json")
    let entry = try #require(
      try VectorFile.list(file, "transactions").first { $0["transaction_protobuf_hex"] != nil })
    let raw = try entry.hex("raw_data_hex")
    let signatures = try entry.required("signature", as: [String].self).map(hexBytes)
    let encoded = try SignedTransaction.encode(raw: raw, signatures: signatures)
    #expect(Hex.encode(encoded) == entry["transaction_protobuf_hex"] as? String)
    let decoded = try SignedTransaction.decode(encoded)
    #expect(decoded.raw == raw && decoded.signatures == signatures)
    #expect(throws: TronPayError.self) {
      try SignedTransaction.encode(raw: raw, signatures: [[1, 2, 3]])
    }
    #expect(throws: TronPayError.self) { try SignedTransaction.encode(raw: [0x0a], signatures: []) }
  }
}
