import Foundation

/// Loads a JSON vector file from Tests/vectors (copied from the team's shared vectors, each
/// entry keeping its `source`), so a clone tests without anything outside the repository.
enum VectorFile {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("vectors")

  static func load(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: directory.appendingPathComponent(name))
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw CocoaError(.fileReadCorruptFile)
    }
    return object
  }

  static func list(_ file: [String: Any], _ key: String) -> [[String: Any]] {
    file[key] as? [[String: Any]] ?? []
  }
}

func hexBytes(_ text: String) -> [UInt8] {
  var out = [UInt8]()
  var index = text.startIndex
  while index < text.endIndex {
    let next = text.index(index, offsetBy: 2)
    out.append(UInt8(text[index..<next], radix: 16) ?? 0)
    index = next
  }
  return out
}
