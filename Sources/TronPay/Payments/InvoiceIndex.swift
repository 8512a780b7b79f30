/// The invoices of a request by recipient address, by (address, token) and by (address, token,
/// amount due). Invoices that share a key are chained through `next` arrays in request order,
/// so every gate looks up a count or a short chain instead of walking every invoice on a shared
/// address: 50 000 invoices on one address cost what 50 000 addresses cost.
struct InvoiceIndex {
  private struct TokenKey: Hashable {
    var address: Address
    var token: Address?
  }

  private struct AmountKey: Hashable {
    var address: Address
    var token: Address?
    var due: UInt256
  }

  private var byAddress: Set<Address> = []
  /// How many invoices take the token at the address, and the last of them.
  private var byToken: [TokenKey: (count: Int, last: Int)] = [:]
  private var firstByAmount: [AmountKey: Int] = [:]
  /// The next invoice with the same address, token and amount due, or -1.
  private var nextByAmount: [Int]

  init(_ invoices: [PaymentRequest.Invoice]) {
    nextByAmount = [Int](repeating: -1, count: invoices.count)
    byAddress.reserveCapacity(invoices.count)
    byToken.reserveCapacity(invoices.count)
    firstByAmount.reserveCapacity(invoices.count)
    // Walk backwards so each chain ends up in request order.
    for k in invoices.indices.reversed() {
      let invoice = invoices[k]
      byAddress.insert(invoice.address)
      let tokenKey = TokenKey(address: invoice.address, token: invoice.token)
      if let entry = byToken[tokenKey] {
        byToken[tokenKey] = (entry.count &+ 1, entry.last)
      } else {
        byToken[tokenKey] = (1, k)
      }
      let amountKey = AmountKey(address: invoice.address, token: invoice.token, due: invoice.due)
      if let later = firstByAmount.updateValue(k, forKey: amountKey) { nextByAmount[k] = later }
    }
  }

  /// Whether any invoice has this address.
  func contains(_ address: Address) -> Bool { byAddress.contains(address) }

  /// The invoices at `address` that take `token`: how many, and the last one.
  func takers(at address: Address, token: Address?) -> (count: Int, last: Int) {
    byToken[TokenKey(address: address, token: token)] ?? (0, -1)
  }

  /// Every invoice at the address, in the token, due exactly `amount`, in request order.
  func due(_ amount: UInt256, at address: Address, token: Address?) -> Chain {
    let start = firstByAmount[AmountKey(address: address, token: token, due: amount)] ?? -1
    return Chain(links: nextByAmount, current: start)
  }

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
