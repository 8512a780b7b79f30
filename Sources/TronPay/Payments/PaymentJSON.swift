/// Writes a verdict in the response shape of API.md, keys in fixed order.
public enum PaymentJSON {
  public static func verdict(_ verdict: PaymentVerdict) -> [UInt8] {
    var encoder = TransferJSON()
    var writer = JSONWriter(reservingCapacity: 256 &+ verdict.invoices.count &* 200)
    writer.beginObject()
    writer.key("invoices")
    writer.beginArray()
    for invoice in verdict.invoices {
      writer.beginObject()
      writer.key("id")
      writer.string(invoice.id)
      writer.key("state")
      writer.asciiString(Array(invoice.state.rawValue.utf8))
      writer.key("due")
      writer.asciiString(FastText.decimal(invoice.due))
      writer.key("received")
      writer.asciiString(FastText.decimal(invoice.received))
      writer.key("received_final")
      writer.asciiString(FastText.decimal(invoice.receivedFinal))
      writer.key("credits")
      writer.beginArray()
      for credit in invoice.credits {
        writer.beginObject()
        writer.key("txid")
        writer.asciiString(TransferJSON.hex(credit.transfer.txid))
        writer.key("log_index")
        writer.optionalNumber(credit.transfer.logIndex)
        writer.key("amount")
        writer.asciiString(FastText.decimal(credit.transfer.amount))
        writer.key("block")
        writer.optionalNumber(credit.transfer.block)
        writer.key("final")
        writer.bool(credit.isFinal)
        writer.endObject()
      }
      writer.endArray()
      writer.endObject()
    }
    writer.endArray()
    writer.key("rejected")
    writer.beginArray()
    for rejection in verdict.rejected {
      writer.beginObject()
      writer.key("txid")
      writer.asciiString(TransferJSON.hex(rejection.txid))
      writer.key("log_index")
      writer.optionalNumber(rejection.logIndex)
      writer.key("reason")
      writer.asciiString(Array(rejection.reason.utf8))
      writer.endObject()
    }
    writer.endArray()
    writer.key("unmatched")
    writer.beginArray()
    for transfer in verdict.unmatched { encoder.write(transfer, to: &writer) }
    writer.endArray()
    writer.endObject()
    return writer.bytes
  }
}
