import TronPay

/// INVOICE of ENGINE.md, written member by member in the contract's order.
extension InvoiceView {
  func write(to json: inout JSONWriter) {
    let invoice = self.invoice
    json.beginObject()
    json.fixedKey("id")
    json.asciiString(invoice.id)
    json.fixedKey("order_id")
    json.string(invoice.orderID)
    json.fixedKey("token")
    json.string(invoice.token)
    json.fixedKey("token_contract")
    if let contract = invoice.tokenContract {
      json.asciiString(contract.base58)
    } else {
      json.null()
    }
    json.fixedKey("decimals")
    json.number(Int64(invoice.decimals))
    json.fixedKey("address")
    json.asciiString(invoice.address.base58)
    json.fixedKey("wallet")
    if let wallet = invoice.wallet { json.string(wallet) } else { json.null() }
    json.fixedKey("derivation_index")
    if let index = invoice.derivationIndex { json.number(index) } else { json.null() }
    json.fixedKey("amount_due")
    json.asciiString(invoice.amountDue.description)
    json.fixedKey("amount_due_text")
    json.asciiString(
      (try? Amount.fromBaseUnits(invoice.amountDue, decimals: invoice.decimals))
        ?? invoice.amountDue.description)
    json.fixedKey("state")
    json.asciiString(state.rawValue)
    json.fixedKey("received")
    json.asciiString(received.decimal)
    json.fixedKey("received_final")
    json.asciiString(receivedFinal.decimal)
    json.fixedKey("refunded")
    json.asciiString(refunded.decimal)
    json.fixedKey("created_at_ms")
    json.number(invoice.createdAtMs)
    json.fixedKey("expires_at_ms")
    json.number(invoice.expiresAtMs)
    json.fixedKey("monitor_until_ms")
    json.number(invoice.monitorUntilMs)
    json.fixedKey("updated_at_ms")
    json.number(invoice.updatedAtMs)
    json.fixedKey("credits")
    json.beginArray()
    for credit in credits { credit.writeSummary(to: &json) }
    json.endArray()
    json.fixedKey("metadata")
    if let metadata = invoice.metadata { json.validated(Array(metadata.utf8)) } else { json.null() }
    json.endObject()
  }

  var json: [UInt8] {
    var writer = JSONWriter(reservingCapacity: 1024)
    write(to: &writer)
    return writer.bytes
  }
}

extension Credit {
  /// A credit as an invoice lists it.
  func writeSummary(to json: inout JSONWriter) {
    json.beginObject()
    json.fixedKey("txid")
    json.asciiString(txid)
    json.fixedKey("ordinal")
    json.number(ordinal)
    json.fixedKey("amount")
    json.asciiString(amount.description)
    json.fixedKey("block")
    if let block { json.number(block) } else { json.null() }
    json.fixedKey("block_id")
    if let blockID { json.asciiString(blockID) } else { json.null() }
    json.fixedKey("final")
    json.bool(isFinal && status == .credited)
    json.fixedKey("source")
    json.asciiString(source)
    json.fixedKey("status")
    json.asciiString(status.rawValue)
    json.endObject()
  }

  /// A credit as the ledger's answers list it (chain input results, disputes).
  func writeFull(to json: inout JSONWriter) {
    json.beginObject()
    json.fixedKey("txid")
    json.asciiString(txid)
    json.fixedKey("token")
    json.asciiString(token)
    json.fixedKey("from")
    json.asciiString(from)
    json.fixedKey("to")
    json.asciiString(to)
    json.fixedKey("amount")
    json.asciiString(amount.description)
    json.fixedKey("ordinal")
    json.number(ordinal)
    json.fixedKey("block")
    if let block { json.number(block) } else { json.null() }
    json.fixedKey("block_id")
    if let blockID { json.asciiString(blockID) } else { json.null() }
    json.fixedKey("final")
    json.bool(isFinal && status == .credited)
    json.fixedKey("status")
    json.asciiString(status.rawValue)
    json.fixedKey("invoice_id")
    if let invoiceID { json.asciiString(invoiceID) } else { json.null() }
    json.fixedKey("reason")
    if let reason { json.asciiString(reason) } else { json.null() }
    json.fixedKey("source")
    json.asciiString(source)
    json.endObject()
  }
}
