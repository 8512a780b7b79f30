import Glibc

/// The calling thread's detail text of its last failure: one malloc'd buffer per thread,
/// released by the pthread key destructor when the thread exits.
enum LastError {
  static let capacity = 256

  private static let key: pthread_key_t? = {
    var key = pthread_key_t()
    guard pthread_key_create(&key, { free($0) }) == 0 else { return nil }
    return key
  }()

  private static let empty: StaticString = ""

  static func set(_ detail: String) {
    guard let key else { return }
    var buffer = pthread_getspecific(key)
    if buffer == nil {
      buffer = malloc(capacity)
      guard let fresh = buffer, pthread_setspecific(key, fresh) == 0 else {
        free(buffer)
        return
      }
    }
    guard let target = buffer?.assumingMemoryBound(to: UInt8.self) else { return }
    var count = 0
    for byte in detail.utf8 where count < capacity - 1 {
      target[count] = byte
      count += 1
    }
    target[count] = 0
  }

  static func get() -> UnsafePointer<CChar> {
    if let key, let buffer = pthread_getspecific(key) {
      return UnsafePointer(buffer.assumingMemoryBound(to: CChar.self))
    }
    return UnsafeRawPointer(empty.utf8Start).assumingMemoryBound(to: CChar.self)
  }
}
