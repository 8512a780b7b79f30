/// A read-only view of one value on a tape (see `JSONTapeDocument`). Lookups walk the tape;
/// strings and numbers are read straight from the input bytes.
public struct JSONRef {
  let input: UnsafeBufferPointer<UInt8>
  let nodes: UnsafeBufferPointer<JSONTapeNode>
  let index: Int

  var node: JSONTapeNode {
    guard index >= 0, index < nodes.count else {
      return JSONTapeNode(kind: .null, start: 0, end: 0, next: UInt32(truncatingIfNeeded: index))
    }
    return nodes[index]
  }

  public var kind: JSONTapeNode.Kind { node.kind }
  public var isNull: Bool { node.kind == .null }
  public var isObject: Bool { node.kind == .object }
  public var isArray: Bool { node.kind == .array }

  public var boolValue: Bool? {
    switch node.kind {
    case .trueValue: return true
    case .falseValue: return false
    default: return nil
    }
  }

  /// The child values of an array or object (for objects: keys and values alternate).
  private func children() -> ChildIterator? {
    let node = self.node
    guard node.kind == .array || node.kind == .object else { return nil }
    return ChildIterator(ref: self, position: index &+ 1, end: Int(node.next))
  }

  public struct ChildIterator: IteratorProtocol {
    let ref: JSONRef
    var position: Int
    let end: Int

    public mutating func next() -> JSONRef? {
      guard position < end, position < ref.nodes.count else { return nil }
      let child = JSONRef(input: ref.input, nodes: ref.nodes, index: position)
      let after = Int(ref.nodes[position].next)
      position = after > position ? after : end
      return child
    }
  }

  /// The elements of an array, walked in place; nil for anything else.
  public var elements: Elements? {
    guard node.kind == .array, let iterator = children() else { return nil }
    return Elements(start: iterator)
  }

  public struct Elements: Sequence {
    let start: ChildIterator
    public func makeIterator() -> ChildIterator { start }

    /// The number of elements (a walk over them).
    public var count: Int {
      var iterator = start
      var n = 0
      while iterator.next() != nil { n &+= 1 }
      return n
    }
  }

  /// The first element of an array.
  public var firstElement: JSONRef? {
    guard node.kind == .array, var iterator = children() else { return nil }
    return iterator.next()
  }

  /// The members of an object in document order; nil for anything else.
  public var members: [(key: String, value: JSONRef)]? {
    guard node.kind == .object, var iterator = children() else { return nil }
    var out: [(key: String, value: JSONRef)] = []
    while let key = iterator.next(), let value = iterator.next() {
      out.append((key.stringValue ?? "", value))
    }
    return out
  }

  public var isEmptyObject: Bool { node.kind == .object && Int(node.next) == index &+ 1 }

  /// The member named `key` of an object; nil when absent or not an object.
  public subscript(key: StaticString) -> JSONRef? {
    let name = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
    return member(name)
  }

  public subscript(key: String) -> JSONRef? {
    var key = key
    return key.withUTF8 { member($0) }
  }

  private func member(_ name: UnsafeBufferPointer<UInt8>) -> JSONRef? {
    guard node.kind == .object, var iterator = children() else { return nil }
    while let key = iterator.next(), let value = iterator.next() {
      if key.textEquals(name) { return value }
    }
    return nil
  }

  /// True when this is a string whose text is exactly `name`.
  func textEquals(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
    let node = self.node
    switch node.kind {
    case .string:
      let start = Int(node.start)
      let end = Int(node.end)
      guard end &- start == name.count, end <= input.count else { return false }
      var k = 0
      while k < name.count {
        if input[start &+ k] != name[k] { return false }
        k &+= 1
      }
      return true
    case .escapedString:
      return Self.decodedBytes(input, node).elementsEqual(name)
    default:
      return false
    }
  }

  public func isString(_ literal: StaticString) -> Bool {
    textEquals(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  /// Runs `body` on a string's UTF-8 text (or a number's text); nil for other kinds.
  public func withText<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R)
    throws(E) -> R?
  {
    let node = self.node
    switch node.kind {
    case .string, .number:
      let start = Int(node.start)
      let end = Int(node.end)
      guard start <= end, end <= input.count else { return nil }
      return try body(UnsafeBufferPointer(rebasing: input[start..<end]))
    case .escapedString:
      return try Self.decodedBytes(input, node).withUnsafeBufferPointer(body)
    default:
      return nil
    }
  }

  public var stringValue: String? {
    guard node.kind == .string || node.kind == .escapedString else { return nil }
    return withText { String(decoding: $0, as: UTF8.self) }
  }

  /// Integer number text (no fraction or exponent) that fits an Int64.
  public var int64Value: Int64? {
    guard node.kind == .number else { return nil }
    return withText { JSONNumberText.int64($0) } ?? nil
  }

  /// Decodes an escaped string node (already validated when the tape was built).
  static func decodedBytes(_ input: UnsafeBufferPointer<UInt8>, _ node: JSONTapeNode)
    -> [UInt8]
  {
    let start = Int(node.start)
    let end = Int(node.end)
    guard start >= 1, start <= end, end <= input.count else { return [] }
    if node.kind == .string { return Array(UnsafeBufferPointer(rebasing: input[start..<end])) }
    var parser = JSONParser(input)
    parser.index = start &- 1
    guard let text = try? parser.string() else { return [] }
    return Array(text.utf8)
  }
}

extension JSONRef {
  /// Itself when it is an object: reads like `JSONValue.objectValue` at call sites.
  public var objectValue: JSONRef? { isObject ? self : nil }
}

extension JSONRef.Elements {
  /// A sequence with no elements, for `?? .empty` at call sites.
  static var empty: JSONRef.Elements {
    JSONRef.Elements(
      start: JSONRef.ChildIterator(
        ref: JSONRef(
          input: UnsafeBufferPointer(start: nil, count: 0),
          nodes: UnsafeBufferPointer(start: nil, count: 0), index: 0),
        position: 0, end: 0))
  }
}

extension JSONRef {
  /// Calls `body` with each member of an object, in document order, without collecting them.
  public func forEachMember(_ body: (_ key: JSONRef, _ value: JSONRef) -> Void) {
    guard isObject, var iterator = children() else { return }
    while let key = iterator.next(), let value = iterator.next() { body(key, value) }
  }

  /// The byte length of a plain string's text (-1 for anything else).
  var plainLength: Int {
    let node = self.node
    return node.kind == .string ? Int(node.end) &- Int(node.start) : -1
  }
}
