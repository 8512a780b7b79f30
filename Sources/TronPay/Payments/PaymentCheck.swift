/// The pure payment verdict (payment-anchors §3.1, API.md): deterministic, offline, no state.
/// Every transfer goes through the gates of `PaymentMatching`; then each invoice is settled
/// from the credits it received.
public enum PaymentCheck {
  public static func run(_ request: PaymentRequest) -> PaymentVerdict {
    var matching = PaymentMatching(request)
    request.evidence.transfers.withUnsafeBufferPointer { transfers in
      // Each transfer is looked at in place: copying one retains its four arrays.
      for k in transfers.indices { matching.consider(transfers[k], at: k) }
    }
    for record in request.evidence.skipped { matching.consider(record) }

    var verdict = matching.verdict
    let invoices = request.invoices
    let grouped = matching.credits.grouped(invoiceCount: invoices.count)
    verdict.invoices.reserveCapacity(invoices.count)
    for (k, invoice) in invoices.enumerated() {
      verdict.invoices.append(
        settle(
          invoice, grouped.credits(of: k), hinted: matching.hinted[k], nowMs: request.nowMs,
          rejected: &verdict.rejected))
    }
    return verdict
  }

  // MARK: - Settlement

  /// An invoice's state from the credits it received: the one settlement rule of the payment
  /// check and the engine. Credits stamped after the expiry of an invoice settled in time are
  /// dropped and listed in `rejected` as `late` (a separate payment to refund).
  public static func settle(
    _ invoice: PaymentRequest.Invoice, _ credits: ArraySlice<PaymentVerdict.Credit>, hinted: Bool,
    nowMs: Int64, rejected: inout [PaymentVerdict.Rejection]
  ) -> PaymentVerdict.InvoiceVerdict {
    let minimumDue = minimumDue(invoice)
    var inWindowFinal = ExactSum()
    for credit in credits where credit.isFinal && !credit.isLate {
      inWindowFinal.add(credit.amount)
    }
    // Settled in time: anything stamped after the expiry is a separate late payment to refund.
    let settledInTime = inWindowFinal.reaches(minimumDue)
    let dropsLate = settledInTime && credits.contains { $0.isLate }
    var kept = dropsLate ? [] : credits
    var received = ExactSum()
    var receivedFinal = ExactSum()
    var lateNeeded = false
    for credit in credits {
      if dropsLate && credit.isLate {
        rejected.append(
          PaymentVerdict.Rejection(
            txid: credit.txid, logIndex: credit.logIndex, reason: .late))
        continue
      }
      if dropsLate { kept.append(credit) }
      received.add(credit.amount)
      if credit.isFinal {
        receivedFinal.add(credit.amount)
        if credit.isLate { lateNeeded = true }
      }
    }
    let state: PaymentVerdict.State
    if receivedFinal.reaches(minimumDue) {
      if !settledInTime && lateNeeded {
        state = .paidLate
      } else {
        state = receivedFinal.exceeds(invoice.due) ? .overpaid : .paid
      }
    } else if received.reaches(minimumDue) {
      state = .detected
    } else if !receivedFinal.isZero {
      state = .partial
    } else if !received.isZero || hinted {
      state = .detected
    } else if let expires = invoice.expiresAtMs, nowMs > expires {
      state = .expired
    } else {
      state = .new
    }
    return PaymentVerdict.InvoiceVerdict(
      id: invoice.id, state: state, due: invoice.due, received: received,
      receivedFinal: receivedFinal, credits: kept)
  }

  /// due − ⌊due × bps / 10000⌋, computed without overflow at any size.
  static func minimumDue(_ invoice: PaymentRequest.Invoice) -> UInt256 {
    let bps = UInt64(clamping: invoice.toleranceBps)
    let (quotient, remainder) = invoice.due.dividedReportingRemainder(by: 10_000)
    let whole = quotient.multiplied(by: bps) ?? .max
    let part = UInt256((remainder &* bps) / 10_000)
    let allowance = whole.adding(part) ?? .max
    return invoice.due.subtracting(allowance) ?? .zero
  }
}
