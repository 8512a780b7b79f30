/// Writes a verdict in the response shape of API.md, keys in fixed order.
public enum PaymentJSON {
  public static func verdict(_ verdict: PaymentVerdict) -> [UInt8] {
    var encoder = TransferJSON()
    // ~250 bytes per paid invoice with one credit, ~120 per rejection: one allocation for most
    // responses instead of a copy at every doubling of a many-megabyte buffer.
    var writer = JSONWriter(
      reservingCapacity: 256 &+ verdict.invoices.count &* 256 &+ verdict.rejected.count &* 128
        &+ verdict.unmatched.count &* 330)
    writer.beginObject()
    writer.fixedKey("invoices")
    writer.beginArray()
    for invoice in verdict.invoices {
      writer.beginObject()
      writer.fixedKey("id")
      writer.string(invoice.id)
      writer.fixedKey("state")
      writer.fixedString(invoice.state.name)
      writer.fixedKey("due")
      invoice.due.withDecimalText { writer.asciiString($0) }
      writer.fixedKey("received")
      writer.exactSum(invoice.received)
      writer.fixedKey("received_final")
      writer.exactSum(invoice.receivedFinal)
      writer.fixedKey("credits")
      writer.beginArray()
      for credit in invoice.credits {
        writer.beginObject()
        writer.movementKeys(txid: credit.txid, logIndex: credit.logIndex)
        writer.fixedKey("ordinal")
        writer.number(credit.ordinal)
        writer.fixedKey("amount")
        credit.amount.withDecimalText { writer.asciiString($0) }
        writer.fixedKey("block")
        writer.optionalNumber(credit.block)
        writer.fixedKey("final")
        writer.bool(credit.isFinal)
        writer.endObject()
      }
      writer.endArray()
      writer.endObject()
    }
    writer.endArray()
    writer.fixedKey("rejected")
    writer.beginArray()
    for rejection in verdict.rejected {
      writer.reasonRecord(
        txid: rejection.txid, logIndex: rejection.logIndex, reason: rejection.reason)
    }
    writer.endArray()
    writer.fixedKey("unmatched")
    writer.beginArray()
    for transfer in verdict.unmatched { encoder.write(transfer, to: &writer) }
    writer.endArray()
    writer.endObject()
    return writer.bytes
  }
}

extension JSONWriter {
  mutating func exactSum(_ sum: ExactSum) {
    if sum.carries == 0 {
      sum.low.withDecimalText { asciiString($0) }
    } else {
      string(sum.decimal)
    }
  }
}
