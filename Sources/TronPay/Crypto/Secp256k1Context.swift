import CSecp256k1

/// The one secp256k1 context: created on first use, randomized against side channels, then
/// only read. libsecp256k1 documents read-only use of a context as thread-safe.
public enum Secp256k1Context {
  nonisolated(unsafe) private static let shared: OpaquePointer? = {
    guard
      let context = secp256k1_context_create(
        UInt32(SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY))
    else { return nil }
    var seed = [UInt8](repeating: 0, count: 32)
    let seeded = seed.withUnsafeMutableBytes { fillRandom($0) }
    if seeded { _ = secp256k1_context_randomize(context, seed) }
    wipe(&seed)
    return context
  }()

  /// The shared context, or an internal error if libsecp256k1 could not allocate it.
  public static func get() throws(TronPayError) -> OpaquePointer {
    guard let context = shared else {
      throw TronPayError(.internal, "secp256k1 context unavailable")
    }
    return context
  }
}
