import Glibc
import TronPay
import TronPayEngine

// The `tronpay_engine *` handles of include/tronpay.h (section "Engine").
//
// A handle is an opaque token, not the address of Swift memory: the registry below maps each
// live token to the box that owns its Engine, under a lock, and every call looks its handle up
// there first. A NULL, closed or foreign handle is then TRONPAY_E_ARG instead of a wild
// dereference. Tokens come from a counter and are never given out twice in a process, so a
// stale handle cannot reach an engine opened later at the same address.

/// What a handle owns. A call holds a strong reference for its whole duration, so closing a
/// handle in another thread never frees an engine under a running call (the engine itself
/// serialises its calls, and answers a call that races with `close` with TRONPAY_E_STATE).
final class EngineBox: @unchecked Sendable {
  let engine: Engine
  init(_ engine: Engine) { self.engine = engine }
}

final class EngineRegistry: @unchecked Sendable {
  static let shared = EngineRegistry()

  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private var live: [UInt: EngineBox] = [:]
  /// The next token; a multiple of 16, so a token looks like an aligned pointer to tools.
  private var next: UInt = 0x1000

  private init() {
    mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    pthread_mutex_init(mutex, nil)
  }

  private func locked<R>(_ body: () -> R) -> R {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return body()
  }

  /// Registers an engine; nil only if the token space ran out (never in practice).
  func add(_ engine: Engine) -> OpaquePointer? {
    let box = EngineBox(engine)
    let token: UInt? = locked {
      let token = next
      let (following, overflow) = token.addingReportingOverflow(16)
      guard !overflow else { return nil }
      next = following
      live[token] = box
      return token
    }
    guard let token else { return nil }
    return OpaquePointer(bitPattern: token)
  }

  func find(_ handle: OpaquePointer?) -> EngineBox? {
    guard let handle else { return nil }
    let token = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(handle)))
    return locked { live[token] }
  }

  /// Unregisters a handle and returns its box (nil when it was not live).
  func remove(_ handle: OpaquePointer?) -> EngineBox? {
    guard let handle else { return nil }
    let token = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(handle)))
    return locked { live.removeValue(forKey: token) }
  }
}

/// Every engine call that answers JSON has one shape: the handle checked, then `out_json`, then
/// the call's own arguments (read inside `answer`); the answer is copied out for tronpay_free.
func engineAnswer(
  _ handle: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ answer: (Engine) throws(TronPayError) -> [UInt8]
) -> Int32 {
  abiCall { () throws(TronPayError) in
    let engine = try engineArgument(handle)
    let out = try required(out, "out_json")
    out.pointee = try mallocText(try answer(engine))
  }
}

/// The engine behind a handle argument, or E_ARG.
func engineArgument(_ handle: OpaquePointer?) throws(TronPayError) -> Engine {
  guard let box = EngineRegistry.shared.find(handle) else {
    throw argumentError(
      handle == nil ? "engine handle is NULL" : "engine handle is closed or unknown")
  }
  return box.engine
}

/// A `(ptr, len)` byte argument whose length may be anything a C caller passes: a size_t above
/// Int.max arrives negative and is refused before any buffer is formed from it.
func anyLengthBytesArgument(
  _ pointer: UnsafePointer<UInt8>?, _ length: Int, _ name: StaticString
) throws(TronPayError) -> UnsafeRawBufferPointer {
  guard length >= 0 else { throw argumentError("\(name) length is out of range") }
  return try bytesArgument(pointer, length, name)
}

/// A NUL-terminated argument that may be NULL (nil then).
func optionalTextArgument(_ pointer: UnsafePointer<CChar>?, _ name: StaticString)
  throws(TronPayError) -> [UInt8]?
{
  guard pointer != nil else { return nil }
  return try textArgument(pointer, name)
}
