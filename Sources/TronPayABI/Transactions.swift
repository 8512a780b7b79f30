import CTronPayHeader
import Glibc
@_spi(Boundary) import TronPay

// Section "Transactions" of include/tronpay.h.

/// `struct_size` of version 1, the whole of today's `tronpay_tx_options` as C lays it out (64
/// on LP64). When a version appends fields, this stays the size of version 1 and the new fields
/// are read only when `struct_size` covers them.
private let optionsVersion1Size = MemoryLayout<tronpay_tx_options>.stride

/// Reads the caller's options: E_ARG for NULL, a struct_size below version 1, a NULL
/// ref_block_id, a NULL memo with a length, or any value `TransactionOptions` refuses.
private func optionsArgument(_ pointer: UnsafePointer<tronpay_tx_options>?) throws(TronPayError)
  -> TransactionOptions
{
  let pointer = try required(pointer, "opt")
  // struct_size alone first: a shorter (older) struct may end before the other fields.
  let size = pointer.pointer(to: \.struct_size)?.pointee ?? 0
  guard Int(size) >= optionsVersion1Size else {
    throw argumentError(
      "opt->struct_size is \(size); set it to sizeof(tronpay_tx_options) "
        + "(\(optionsVersion1Size) or more)")
  }
  let fields = pointer.pointee
  let blockID = try fixedArgument(fields.ref_block_id, 32, "opt->ref_block_id")
  guard fields.memo_len >= 0 else { throw argumentError("opt->memo_len is too large") }
  let memo = try bytesArgument(fields.memo, fields.memo_len, "opt->memo")
  let options = TransactionOptions(
    refBlockID: Array(blockID), timestamp: fields.timestamp_ms, expiration: fields.expiration_ms,
    feeLimit: fields.fee_limit_sun, memo: Array(memo), permissionID: fields.permission_id)
  try options.validate()
  return options
}

private func addressArgument(_ pointer: UnsafePointer<UInt8>?, _ name: StaticString)
  throws(TronPayError) -> Address
{
  try Address(bytes: fixedArgument(pointer, Address.size, name))
}

/// Writes a built transaction's bytes to the two outputs (both checked before any work).
private func writeRaw(
  _ raw: RawTransaction, _ outRaw: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>,
  _ outLength: UnsafeMutablePointer<Int>
) throws(TronPayError) {
  let bytes = raw.encoded()
  outRaw.pointee = try mallocBytes(bytes)
  outLength.pointee = bytes.count
}

@_cdecl("tronpay_tx_build_transfer")
public func tronpay_tx_build_transfer(
  _ outRaw: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
  _ outLength: UnsafeMutablePointer<Int>?, _ owner: UnsafePointer<UInt8>?,
  _ to: UnsafePointer<UInt8>?, _ amountSun: Int64, _ options: UnsafePointer<tronpay_tx_options>?
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let outRaw = try required(outRaw, "out_raw")
    let outLength = try required(outLength, "out_len")
    let owner = try addressArgument(owner, "owner")
    let to = try addressArgument(to, "to")
    let options = try optionsArgument(options)
    let raw = try TransactionBuilder.transfer(
      owner: owner, to: to, amount: amountSun, options: options)
    try writeRaw(raw, outRaw, outLength)
  }
}

@_cdecl("tronpay_tx_build_trc20_transfer")
public func tronpay_tx_build_trc20_transfer(
  _ outRaw: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
  _ outLength: UnsafeMutablePointer<Int>?, _ owner: UnsafePointer<UInt8>?,
  _ token: UnsafePointer<UInt8>?, _ to: UnsafePointer<UInt8>?, _ amount: UnsafePointer<CChar>?,
  _ options: UnsafePointer<tronpay_tx_options>?
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let outRaw = try required(outRaw, "out_raw")
    let outLength = try required(outLength, "out_len")
    let owner = try addressArgument(owner, "owner")
    let token = try addressArgument(token, "token")
    let to = try addressArgument(to, "to")
    let value = try Amount.parseBaseUnits(textArgument(amount, "amount"))
    let options = try optionsArgument(options)
    let raw = try TransactionBuilder.trc20Transfer(
      owner: owner, token: token, to: to, amount: value, options: options)
    try writeRaw(raw, outRaw, outLength)
  }
}

@_cdecl("tronpay_tx_build_trigger")
public func tronpay_tx_build_trigger(
  _ outRaw: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
  _ outLength: UnsafeMutablePointer<Int>?, _ owner: UnsafePointer<UInt8>?,
  _ contract: UnsafePointer<UInt8>?, _ callValueSun: Int64, _ data: UnsafePointer<UInt8>?,
  _ dataLength: Int, _ options: UnsafePointer<tronpay_tx_options>?
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let outRaw = try required(outRaw, "out_raw")
    let outLength = try required(outLength, "out_len")
    let owner = try addressArgument(owner, "owner")
    let contract = try addressArgument(contract, "contract")
    let data = try bytesArgument(data, dataLength, "data")
    let options = try optionsArgument(options)
    let raw = try TransactionBuilder.trigger(
      owner: owner, contract: contract, callValue: callValueSun, data: Array(data),
      options: options)
    try writeRaw(raw, outRaw, outLength)
  }
}

@_cdecl("tronpay_tx_id")
public func tronpay_tx_id(
  _ out: UnsafeMutablePointer<UInt8>?, _ raw: UnsafePointer<UInt8>?, _ rawLength: Int
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(out, "out")
    let raw = try bytesArgument(raw, rawLength, "raw")
    try TransactionSigning.id(raw, into: UnsafeMutableRawBufferPointer(start: out, count: 32))
  }
}

@_cdecl("tronpay_tx_sign")
public func tronpay_tx_sign(
  _ outSignature: UnsafeMutablePointer<UInt8>?, _ raw: UnsafePointer<UInt8>?, _ rawLength: Int,
  _ key: UnsafePointer<UInt8>?
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(outSignature, "out_sig")
    let raw = try bytesArgument(raw, rawLength, "raw")
    let key = try fixedArgument(key, 32, "key")
    // Nothing is written before the signature exists: signing fails, if at all, first.
    try TransactionSigning.sign(
      raw, key: key, into: UnsafeMutableRawBufferPointer(start: out, count: 65))
  }
}

/// `sig_count` × 65 caller bytes as a list (the core bounds the count before the length is
/// formed).
private func signatureListArgument(_ pointer: UnsafePointer<UInt8>?, _ count: Int)
  throws(TronPayError) -> [[UInt8]]
{
  let length = try SignedTransaction.signatureListSize(count: count)
  return SignedTransaction.signatureList(try bytesArgument(pointer, length, "sigs"))
}

@_cdecl("tronpay_tx_to_json")
public func tronpay_tx_to_json(
  _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ raw: UnsafePointer<UInt8>?,
  _ rawLength: Int, _ signatures: UnsafePointer<UInt8>?, _ signatureCount: Int
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(outJSON, "out_json")
    let raw = try bytesArgument(raw, rawLength, "raw")
    let list = try signatureListArgument(signatures, signatureCount)
    out.pointee = try mallocText(TransactionJSON.render(raw: Array(raw), signatures: list))
  }
}

@_cdecl("tronpay_tx_from_json")
public func tronpay_tx_from_json(
  _ outRaw: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
  _ outLength: UnsafeMutablePointer<Int>?,
  _ outSignatures: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
  _ outSignatureCount: UnsafeMutablePointer<Int>?, _ json: UnsafePointer<CChar>?,
  _ jsonLength: Int
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let outRaw = try required(outRaw, "out_raw")
    let outLength = try required(outLength, "out_len")
    let outSignatures = try required(outSignatures, "out_sigs")
    let outSignatureCount = try required(outSignatureCount, "out_sig_count")
    let transaction = try NodeTransaction.read(
      json: Array(jsonArgument(json, jsonLength, "json")))
    let raw = try mallocBytes(transaction.raw)
    let signatures: UnsafeMutablePointer<UInt8>
    do throws(TronPayError) {
      signatures = try mallocBytes(transaction.signatures.flatMap { $0 })
    } catch {
      releaseOutput(raw)
      throw error
    }
    outRaw.pointee = raw
    outLength.pointee = transaction.raw.count
    outSignatures.pointee = signatures
    outSignatureCount.pointee = transaction.signatures.count
  }
}

@_cdecl("tronpay_tx_verify")
public func tronpay_tx_verify(
  _ outReport: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ json: UnsafePointer<CChar>?, _ jsonLength: Int, _ nowMs: Int64
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(outReport, "out_report")
    let outcome = try TransactionVerifier.verify(
      json: Array(jsonArgument(json, jsonLength, "json")), nowMs: nowMs)
    out.pointee = try mallocText(outcome.report)
    if let failure = outcome.failure { throw failure }
  }
}

@_cdecl("tronpay_tx_serialize")
public func tronpay_tx_serialize(
  _ outTransaction: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
  _ outLength: UnsafeMutablePointer<Int>?, _ raw: UnsafePointer<UInt8>?, _ rawLength: Int,
  _ signatures: UnsafePointer<UInt8>?, _ signatureCount: Int
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let out = try required(outTransaction, "out_tx")
    let outLength = try required(outLength, "out_len")
    let raw = try bytesArgument(raw, rawLength, "raw")
    let list = try signatureListArgument(signatures, signatureCount)
    let bytes = try SignedTransaction.encode(raw: Array(raw), signatures: list)
    out.pointee = try mallocBytes(bytes)
    outLength.pointee = bytes.count
  }
}
