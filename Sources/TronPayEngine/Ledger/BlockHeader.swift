import TronPay

/// What the engine reads of a `/wallet/getblockbynum` answer to place it on the chain: its
/// number, id, parent id, time and transaction ids. A block id starts with its number (8 bytes
/// big-endian) and the parent id with number − 1 (engine-research.md §5): both are checked.
struct BlockHeader {
  var number: Int64
  var id: String
  var parentID: String
  var timestampMs: Int64
  var transactionIDs: [String]

  /// `headerOnly` skips the transaction list (a head answer is read for its number and id).
  init(_ root: JSONRef, headerOnly: Bool = false) throws(TronPayError) {
    guard root.isObject, !root.isEmptyObject else {
      throw TronPayError(.json, "block: expected a block object ({} means the node has none)")
    }
    guard let idText = root["blockID"]?.stringValue else {
      throw TronPayError(.json, "block.blockID: missing")
    }
    guard let raw = root["block_header"]?["raw_data"], raw.isObject else {
      throw TronPayError(.json, "block.block_header.raw_data: missing")
    }
    guard let number = raw["number"]?.int64Value, number >= 0 else {
      throw TronPayError(.json, "block.block_header.raw_data.number: expected an integer ≥ 0")
    }
    guard let stamp = raw["timestamp"]?.int64Value, stamp > 0 else {
      throw TronPayError(.json, "block.block_header.raw_data.timestamp: expected an integer > 0")
    }
    self.number = number
    timestampMs = stamp
    id = try Self.checkedID(idText, number: number, field: "block.blockID")
    if number == 0 {
      parentID = try Self.hex32(raw["parentHash"]?.stringValue ?? "", "block.parentHash")
    } else {
      guard let parent = raw["parentHash"]?.stringValue else {
        throw TronPayError(.json, "block.block_header.raw_data.parentHash: missing")
      }
      parentID = try Self.checkedID(parent, number: number &- 1, field: "block.parentHash")
    }
    transactionIDs = []
    if !headerOnly, let list = root["transactions"] {
      guard let items = list.elements else {
        throw TronPayError(.json, "block.transactions: expected an array")
      }
      for (position, item) in items.enumerated() {
        guard let txid = item["txID"]?.stringValue else {
          throw TronPayError(.json, "block.transactions[\(position)].txID: missing")
        }
        transactionIDs.append(try Self.hex32(txid, "block.transactions[\(position)].txID"))
      }
    }
  }

  /// 64 hex digits whose first 16 are the number: lower-case hex back.
  static func checkedID(_ text: String, number: Int64, field: String) throws(TronPayError)
    -> String
  {
    let id = try hex32(text, field)
    let prefix = Hex.encode(withUnsafeBytes(of: UInt64(bitPattern: number).bigEndian) { Array($0) })
    guard id.utf8.starts(with: prefix.utf8) else {
      throw TronPayError(.json, "\(field): does not start with block number \(number)")
    }
    return id
  }

  /// 64 hex digits as lower-case text. Checked byte by byte: the generic hex codec, called
  /// across modules, costs a value-witness call per byte, and a block has hundreds of ids.
  static func hex32(_ text: String, _ field: String) throws(TronPayError) -> String {
    var bytes = Array(text.utf8)
    guard bytes.count == 64 else {
      throw TronPayError(.json, "\(field): expected 64 hex digits")
    }
    for k in bytes.indices {
      switch bytes[k] {
      case 0x30...0x39, 0x61...0x66: break
      case 0x41...0x46: bytes[k] &+= 0x20
      default: throw TronPayError(.json, "\(field): expected 64 hex digits")
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// The receipts a block's transactions must have before the block is applied: one
/// `gettransactioninfobyblocknum` entry per transaction, the same ids. A node that lacks the
/// block's result store rebuilds the list and silently skips what it cannot find
/// (engine-research.md §2.2), so a short or different list is refused, never applied in part.
enum BlockReceipts {
  static func check(_ infos: JSONRef, against block: BlockHeader) throws(TronPayError) {
    guard let items = infos.elements else {
      throw TronPayError(.json, "infos: expected the array gettransactioninfobyblocknum answers")
    }
    var ids: [String] = []
    for (position, item) in items.enumerated() {
      guard let text = item["id"]?.stringValue else {
        throw TronPayError(.json, "infos[\(position)].id: missing")
      }
      ids.append(try BlockHeader.hex32(text, "infos[\(position)].id"))
    }
    guard ids.count == block.transactionIDs.count else {
      throw TronPayError(
        .state,
        "inconsistent: block \(block.number) has \(block.transactionIDs.count) transactions but "
          + "\(ids.count) receipts; fetch the receipts again")
    }
    guard Set(ids) == Set(block.transactionIDs), Set(ids).count == ids.count else {
      throw TronPayError(
        .state,
        "inconsistent: the receipts of block \(block.number) are not those of its transactions")
    }
  }
}
