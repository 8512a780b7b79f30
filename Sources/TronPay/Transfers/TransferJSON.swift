/// Writes transfers and skipped records in the output shape of API.md, keys in fixed order.
/// Base58 text is cached per address: a block mentions the same token contract thousands of
/// times, and each encoding costs two SHA-256 runs.
public struct TransferJSON {
  /// The last few token contracts written: a block repeats a handful of tokens, while senders
  /// and recipients rarely repeat, so a small list beats hashing every address.
  private var recentTokens: [(address: Address, text: [UInt8])] = []

  private let digest = DigestContext()

  public init() {}

  public static func report(_ report: TransferReport) -> [UInt8] {
    var encoder = TransferJSON()
    var writer = JSONWriter(reservingCapacity: 64 &+ report.transfers.count &* 330)
    writer.beginObject()
    writer.fixedKey("transfers")
    writer.beginArray()
    for transfer in report.transfers { encoder.write(transfer, to: &writer) }
    writer.endArray()
    writer.fixedKey("skipped")
    writer.beginArray()
    for record in report.skipped { encoder.write(record, to: &writer) }
    writer.endArray()
    writer.endObject()
    return writer.bytes
  }

  public mutating func tokenBase58(_ address: Address) -> [UInt8] {
    for entry in recentTokens where entry.address == address { return entry.text }
    let text = AddressBase58.withText(address, digest: digest) { Array($0) }
    if recentTokens.count >= 8 { recentTokens.removeFirst() }
    recentTokens.append((address, text))
    return text
  }

  public mutating func write(_ transfer: TokenTransfer, to writer: inout JSONWriter) {
    writer.beginObject()
    writer.movementKeys(txid: transfer.txid, logIndex: transfer.logIndex)
    writer.fixedKey("ordinal")
    writer.number(transfer.ordinal)
    writer.fixedKey("block")
    writer.optionalNumber(transfer.block)
    writer.fixedKey("timestamp_ms")
    writer.optionalNumber(transfer.timestampMs)
    writer.fixedKey("token")
    if let token = transfer.token {
      writer.asciiString(tokenBase58(token))
    } else {
      writer.fixedString("TRX")
    }
    writer.fixedKey("from")
    AddressBase58.withText(transfer.from, digest: digest) { writer.asciiString($0) }
    writer.fixedKey("to")
    AddressBase58.withText(transfer.to, digest: digest) { writer.asciiString($0) }
    writer.fixedKey("amount")
    transfer.amount.withDecimalText { writer.asciiString($0) }
    writer.fixedKey("success")
    if let success = transfer.success { writer.bool(success) } else { writer.null() }
    writer.fixedKey("source")
    writer.fixedString(transfer.source.name)
    writer.endObject()
  }

  public func write(_ record: SkippedRecord, to writer: inout JSONWriter) {
    writer.reasonRecord(
      txid: record.txid, logIndex: record.logIndex, reason: record.reason, detail: record.detail)
  }
}

extension JSONWriter {
  public mutating func optionalNumber(_ value: Int64?) {
    if let value { number(value) } else { null() }
  }

  /// `"txid":"…","log_index":…`: how every answer names a movement.
  mutating func movementKeys(txid: TransactionID?, logIndex: Int64?) {
    fixedKey("txid")
    if let txid { txid.withHex { asciiString($0) } } else { fixedString("") }
    fixedKey("log_index")
    optionalNumber(logIndex)
  }

  /// `{"txid","log_index","reason"}`: a skipped record or a rejected transfer; `"detail"`
  /// follows for a failed transaction (its result) or an inconsistent one (what disagrees).
  mutating func reasonRecord(
    txid: TransactionID?, logIndex: Int64?, reason: TransferReason, detail: String? = nil
  ) {
    beginObject()
    movementKeys(txid: txid, logIndex: logIndex)
    fixedKey("reason")
    fixedString(reason.name)
    if let detail {
      fixedKey("detail")
      string(detail)
    }
    endObject()
  }
}
