/// Writes a verdict in the response shape of API.md, keys in fixed order.
public enum PaymentJSON {
  public static func verdict(_ verdict: PaymentVerdict) -> [UInt8] {
    var encoder = TransferJSON()
    var writer = JSONWriter(reservingCapacity: 256 &+ verdict.invoices.count &* 200)
    writer.beginObject()
    writer.fixedKey("invoices")
    writer.beginArray()
    for invoice in verdict.invoices {
      writer.beginObject()
      writer.fixedKey("id")
      writer.string(invoice.id)
      writer.fixedKey("state")
      writer.asciiString(Array(invoice.state.rawValue.utf8))
      writer.fixedKey("due")
      writer.asciiString(FastText.decimal(invoice.due))
      writer.fixedKey("received")
      writer.asciiString(FastText.decimal(invoice.received))
      writer.fixedKey("received_final")
      writer.asciiString(FastText.decimal(invoice.receivedFinal))
      writer.fixedKey("credits")
      writer.beginArray()
      for credit in invoice.credits {
        writer.beginObject()
        writer.fixedKey("txid")
        writer.asciiString(TransferJSON.hex(credit.transfer.txid))
        writer.fixedKey("log_index")
        writer.optionalNumber(credit.transfer.logIndex)
        writer.fixedKey("amount")
        writer.asciiString(FastText.decimal(credit.transfer.amount))
        writer.fixedKey("block")
        writer.optionalNumber(credit.transfer.block)
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
      writer.beginObject()
      writer.fixedKey("txid")
      writer.asciiString(TransferJSON.hex(rejection.txid))
      writer.fixedKey("log_index")
      writer.optionalNumber(rejection.logIndex)
      writer.fixedKey("reason")
      writer.asciiString(Array(rejection.reason.utf8))
      writer.endObject()
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
