/// Credits gathered in evidence order, then grouped by invoice into one array (a stable counting
/// sort): each invoice's verdict gets a slice of it instead of an array of its own.
struct CreditList {
  private var credits: [PaymentVerdict.Credit] = []
  private var owners: [Int] = []

  init(expecting count: Int) {
    credits.reserveCapacity(count)
    owners.reserveCapacity(count)
  }

  mutating func append(_ credit: PaymentVerdict.Credit, to invoice: Int) {
    credits.append(credit)
    owners.append(invoice)
  }

  func grouped(invoiceCount: Int) -> Grouped {
    // starts[k] ..< starts[k + 1] will be invoice k's credits.
    var starts = [Int](repeating: 0, count: invoiceCount &+ 1)
    for owner in owners where owner >= 0 && owner < invoiceCount { starts[owner &+ 1] &+= 1 }
    for k in 0..<invoiceCount { starts[k &+ 1] &+= starts[k] }
    var slot = starts
    var order = [Int](repeating: 0, count: credits.count)
    for (position, owner) in owners.enumerated() where owner >= 0 && owner < invoiceCount {
      order[slot[owner]] = position
      slot[owner] &+= 1
    }
    return Grouped(credits: order.map { credits[$0] }, starts: starts)
  }

  struct Grouped {
    let credits: [PaymentVerdict.Credit]
    let starts: [Int]

    func credits(of invoice: Int) -> ArraySlice<PaymentVerdict.Credit> {
      guard invoice >= 0, invoice &+ 1 < starts.count else { return [] }
      return credits[starts[invoice]..<starts[invoice &+ 1]]
    }
  }
}
