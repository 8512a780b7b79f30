/// One value of a document on a tape: the document's values in order, each pointing into the
/// input bytes instead of owning copies. Building the tape is the core's one JSON validator: it
/// allocates nothing per value, which is what makes reading a block of receipts cheap, and
/// `JSONReader` builds its tree from a tape.
public struct JSONTapeNode: Sendable {
  public enum Kind: UInt8, Sendable {
    case null, falseValue, trueValue, number, string, escapedString, array, object
  }

  public var kind: Kind
  /// Scalars: the text's byte range (strings without their quotes). Containers: unused.
  public var start: UInt32
  public var end: UInt32
  /// The index of the node after this value and everything inside it.
  public var next: UInt32
}

/// A validated document: its tape plus the input it points into. It exists only inside
/// `read`, for the time the caller's bytes are lent to it, so the pointers it holds are valid
/// for its whole life by construction. (JSONRef values are views of it: they are handed to the
/// body only, and nothing in the core keeps one.)
public struct JSONTapeDocument {
  let input: UnsafeBufferPointer<UInt8>
  let nodes: [JSONTapeNode]

  private init(input: UnsafeBufferPointer<UInt8>, nodes: [JSONTapeNode]) {
    self.input = input
    self.nodes = nodes
  }

  /// Validates `bytes` (at most `JSONReader.maxInputSize`, nesting at most `maxDepth`) and
  /// runs `body` on the root value.
  public static func read<R>(
    _ bytes: UnsafeRawBufferPointer, _ body: (JSONRef) throws(TronPayError) -> R
  ) throws(TronPayError) -> R {
    guard bytes.count <= JSONReader.maxInputSize else {
      throw TronPayError(
        .json, "JSON: input of \(bytes.count) bytes exceeds \(JSONReader.maxInputSize)")
    }
    guard bytes.count > 0 else { throw TronPayError(.json, "JSON: empty input") }
    let input = bytes.assumingMemoryBound(to: UInt8.self)
    var parser = JSONParser(input)
    let document = JSONTapeDocument(input: input, nodes: try parser.tapeDocument())
    return try document.nodes.withUnsafeBufferPointer { (nodes) throws(TronPayError) -> R in
      try body(JSONRef(input: input, nodes: nodes, index: 0))
    }
  }
}

/// An open container while the tape is built.
private struct TapeFrame {
  var node: Int
  var isObject: Bool
  /// Keys so far, counted to know when to switch to the hashed check.
  var keyCount = 0
  /// One bit per key signature (length, first and last byte): a new key whose bit is not set
  /// cannot equal an earlier key, so the walk over earlier keys is skipped.
  var keyBloom: UInt64 = 0
  /// Decoded keys, built only for large objects so duplicate checks stay linear.
  var keySet: Set<[UInt8]>? = nil
}

extension JSONParser {
  mutating func tapeDocument() throws(TronPayError) -> [JSONTapeNode] {
    var nodes: [JSONTapeNode] = []
    // Real receipts and requests average 18–22 input bytes per value (bench/RESULTS.md): one
    // reservation at a 16-byte estimate avoids copying a many-megabyte tape at every doubling,
    // and pages reserved beyond the real need are never touched. At 16 bytes per node the
    // reservation equals the input's size (≤ the 64 MiB input limit), which the caller holds.
    nodes.reserveCapacity(input.count / 16 &+ 16)
    var stack: [TapeFrame] = []
    var scratch: [UInt8] = []
    skipWhitespace()
    while true {
      guard let c = peek() else { throw failure("unexpected end of input, expected a value") }
      let position = UInt32(truncatingIfNeeded: index)
      switch c {
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        guard stack.count < JSONReader.maxDepth else { throw failure("nesting too deep") }
        let isObject = c == UInt8(ascii: "{")
        let node = nodes.count
        nodes.append(
          JSONTapeNode(kind: isObject ? .object : .array, start: position, end: position, next: 0))
        index &+= 1
        skipWhitespace()
        if peek() == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
          index &+= 1
          nodes[node].next = UInt32(truncatingIfNeeded: nodes.count)
        } else {
          var frame = TapeFrame(node: node, isObject: isObject)
          if isObject { try tapeKey(&frame, &nodes, &scratch) }
          stack.append(frame)
          continue
        }
      case UInt8(ascii: "\""):
        let escaped = try skipString(scratch: &scratch)
        nodes.append(
          JSONTapeNode(
            kind: escaped ? .escapedString : .string, start: position &+ 1,
            end: UInt32(truncatingIfNeeded: index &- 1),
            next: UInt32(truncatingIfNeeded: nodes.count &+ 1)))
      case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
        let kind: JSONTapeNode.Kind
        if c == UInt8(ascii: "t") {
          try literal("true")
          kind = .trueValue
        } else if c == UInt8(ascii: "f") {
          try literal("false")
          kind = .falseValue
        } else {
          try literal("null")
          kind = .null
        }
        nodes.append(
          JSONTapeNode(
            kind: kind, start: position, end: UInt32(truncatingIfNeeded: index),
            next: UInt32(truncatingIfNeeded: nodes.count &+ 1)))
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        try skipNumber()
        nodes.append(
          JSONTapeNode(
            kind: .number, start: position, end: UInt32(truncatingIfNeeded: index),
            next: UInt32(truncatingIfNeeded: nodes.count &+ 1)))
      default:
        throw failure("unexpected byte 0x\(hexByte(c)), expected a value")
      }
      // A value is complete: continue its container, closing those that end here.
      while true {
        guard let top = stack.indices.last else {
          skipWhitespace()
          guard index == input.count else { throw failure("unexpected data after the value") }
          return nodes
        }
        skipWhitespace()
        let next = peek()
        if next == UInt8(ascii: ",") {
          index &+= 1
          skipWhitespace()
          if stack[top].isObject { try tapeKey(&stack[top], &nodes, &scratch) }
          break
        }
        let closer = stack[top].isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        guard next == closer else {
          throw failure(stack[top].isObject ? "expected ',' or '}'" : "expected ',' or ']'")
        }
        index &+= 1
        let node = stack[top].node
        if node < nodes.count { nodes[node].next = UInt32(truncatingIfNeeded: nodes.count) }
        stack.removeLast()
      }
    }
  }

  /// Reads `"key" :` into a node, refusing a key the object already has.
  private mutating func tapeKey(
    _ frame: inout TapeFrame, _ nodes: inout [JSONTapeNode], _ scratch: inout [UInt8]
  ) throws(TronPayError) {
    guard peek() == UInt8(ascii: "\"") else { throw failure("expected a string key") }
    let start = index
    let escaped = try skipString(scratch: &scratch)
    let node = JSONTapeNode(
      kind: escaped ? .escapedString : .string, start: UInt32(truncatingIfNeeded: start &+ 1),
      end: UInt32(truncatingIfNeeded: index &- 1),
      next: UInt32(truncatingIfNeeded: nodes.count &+ 1))
    let decoded: [UInt8]? = escaped ? scratch : nil
    let bit: UInt64
    if let decoded {
      bit = decoded.withUnsafeBufferPointer { Self.signatureBit($0) }
    } else {
      let end = min(Int(node.end), input.count)
      let begin = min(Int(node.start), end)
      bit = Self.signatureBit(UnsafeBufferPointer(rebasing: input[begin..<end]))
    }
    if var keys = frame.keySet {
      let text = keyBytes(node, scratch: decoded)
      guard keys.insert(text).inserted else { throw duplicateKey(text, at: start) }
      frame.keySet = keys
    } else if escaped || frame.keyBloom & bit != 0 || frame.keyCount >= 16 {
      // Earlier keys are found by walking the object's finished members on the tape.
      var other = frame.node &+ 1
      var earlier: [Int] = []
      let collect = frame.keyCount >= 16
      while other &+ 1 < nodes.count {
        let existing = nodes[other]
        let same: Bool
        if existing.kind == .string && !escaped {
          same = sameBytes(existing, node)
        } else {
          same = keyBytes(existing, scratch: nil) == keyBytes(node, scratch: decoded)
        }
        if same { throw duplicateKey(keyBytes(node, scratch: decoded), at: start) }
        if collect { earlier.append(other) }
        let after = Int(nodes[other &+ 1].next)
        guard after > other else { break }
        other = after
      }
      if collect {
        var keys = Set<[UInt8]>()
        for key in earlier { keys.insert(keyBytes(nodes[key], scratch: nil)) }
        keys.insert(keyBytes(node, scratch: decoded))
        frame.keySet = keys
      }
    }
    frame.keyCount &+= 1
    frame.keyBloom |= bit
    nodes.append(node)
    skipWhitespace()
    guard peek() == UInt8(ascii: ":") else { throw failure("expected ':'") }
    index &+= 1
    skipWhitespace()
  }

  private static func signatureBit(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
    guard let first = text.first, let last = text.last else { return 1 }
    let mix = UInt64(text.count) &* 7 &+ UInt64(first) &* 3 &+ UInt64(last)
    return 1 << (mix & 63)
  }

  private func sameBytes(_ a: JSONTapeNode, _ b: JSONTapeNode) -> Bool {
    let lengthA = Int(a.end) &- Int(a.start)
    guard lengthA == Int(b.end) &- Int(b.start), Int(a.end) <= input.count,
      Int(b.end) <= input.count
    else { return false }
    var k = 0
    while k < lengthA {
      if input[Int(a.start) &+ k] != input[Int(b.start) &+ k] { return false }
      k &+= 1
    }
    return true
  }

  /// A key's decoded bytes: `scratch` when the scan just decoded it, else from the input.
  private func keyBytes(_ node: JSONTapeNode, scratch: [UInt8]?) -> [UInt8] {
    if let scratch { return scratch }
    return JSONRef.decodedBytes(input, node)
  }

  private func duplicateKey(_ key: [UInt8], at offset: Int) -> TronPayError {
    let shown = String(decoding: key.prefix(64), as: UTF8.self)
    return TronPayError(.json, "JSON: duplicate key \"\(shown)\" at offset \(offset)")
  }
}
