/// Fixed-size secret storage that wipes itself on release.
///
/// A class rather than an array: an array may be copied silently by copy-on-write, leaving
/// unwiped key material behind; this storage is allocated once and never copied.
public final class SecretBytes: @unchecked Sendable {
  public let count: Int
  private let storage: UnsafeMutableRawPointer

  public init(count: Int) {
    self.count = count
    self.storage = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
    storage.initializeMemory(as: UInt8.self, repeating: 0, count: max(count, 1))
  }

  public convenience init(copying source: UnsafeRawBufferPointer) {
    self.init(count: source.count)
    if let base = source.baseAddress, source.count > 0 {
      storage.copyMemory(from: base, byteCount: source.count)
    }
  }

  deinit {
    wipe(storage, count: max(count, 1))
    storage.deallocate()
  }

  public func withUnsafeBytes<R, E: Error>(
    _ body: (UnsafeRawBufferPointer) throws(E) -> R
  ) throws(E) -> R {
    try body(UnsafeRawBufferPointer(start: storage, count: count))
  }

  public func withUnsafeMutableBytes<R, E: Error>(
    _ body: (UnsafeMutableRawBufferPointer) throws(E) -> R
  ) throws(E) -> R {
    try body(UnsafeMutableRawBufferPointer(start: storage, count: count))
  }
}
