/// The invoices of a request by recipient address. Invoices that share an address are chained
/// through `next` in request order, so the usual address with one invoice costs one dictionary
/// entry and no array of its own.
struct InvoiceIndex {
  private var first: [Address: Int] = [:]
  /// The next invoice at the same address, or -1.
  private var next: [Int]

  init(_ invoices: [PaymentRequest.Invoice]) {
    next = [Int](repeating: -1, count: invoices.count)
    first.reserveCapacity(invoices.count)
    // Walk backwards so each chain ends up in request order.
    for k in invoices.indices.reversed() {
      if let later = first.updateValue(k, forKey: invoices[k].address) { next[k] = later }
    }
  }

  /// The first invoice at `address`, if any.
  func first(at address: Address) -> Int? { first[address] }

  /// Every invoice at the address whose first invoice is `start`, in request order.
  func chain(from start: Int) -> Chain { Chain(links: next, current: start) }

  struct Chain: Sequence, IteratorProtocol {
    fileprivate let links: [Int]
    fileprivate var current: Int

    mutating func next() -> Int? {
      guard current >= 0, current < links.count else { return nil }
      defer { current = links[current] }
      return current
    }
  }
}
