import Glibc
import TronPay

/// libpq, loaded at run time (`dlopen`) the first time a `postgresql://` store is opened, so the
/// library links no libpq (`ldd` shows none) and hosts that only use SQLite need no libpq at
/// all. The few functions the store calls are declared here by hand, with the C types of
/// `libpq-fe.h` (PostgreSQL 15), so building needs no `libpq-dev` either: `PGconn` and
/// `PGresult` are opaque pointers, `Oid` is `unsigned int`, the enums are `int`.
final class LibPQ: @unchecked Sendable {
  // `ConnStatusType`, `ExecStatusType` and `PGTransactionStatusType` values (libpq-fe.h).
  static let connectionOK: Int32 = 0
  static let commandOK: Int32 = 1
  static let tuplesOK: Int32 = 2
  static let transactionIdle: Int32 = 0
  /// `PG_DIAG_SQLSTATE`, the field code of the five-character SQLSTATE.
  static let diagSQLState: Int32 = 67

  typealias Connect = @convention(c) (UnsafePointer<CChar>?) -> OpaquePointer?
  typealias ConnectionInt = @convention(c) (OpaquePointer?) -> Int32
  typealias ConnectionText = @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
  typealias Finish = @convention(c) (OpaquePointer?) -> Void
  typealias Exec = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
  typealias Prepare =
    @convention(c) (
      OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32, UnsafePointer<UInt32>?
    ) -> OpaquePointer?
  typealias ExecPrepared =
    @convention(c) (
      OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafePointer<UnsafePointer<CChar>?>?,
      UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32
    ) -> OpaquePointer?
  typealias ResultInt = @convention(c) (OpaquePointer?) -> Int32
  typealias ResultText = @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
  typealias ErrorField = @convention(c) (OpaquePointer?, Int32) -> UnsafeMutablePointer<CChar>?
  typealias Value = @convention(c) (OpaquePointer?, Int32, Int32) -> UnsafeMutablePointer<CChar>?
  typealias CellInt = @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
  typealias FieldType = @convention(c) (OpaquePointer?, Int32) -> UInt32
  typealias Clear = @convention(c) (OpaquePointer?) -> Void
  typealias NoticeProcessor =
    @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) ->
    Void
  typealias SetNoticeProcessor =
    @convention(c) (OpaquePointer?, NoticeProcessor?, UnsafeMutableRawPointer?) -> NoticeProcessor?

  let connectdb: Connect
  let status: ConnectionInt
  let transactionStatus: ConnectionInt
  let backendPID: ConnectionInt
  let errorMessage: ConnectionText
  let finish: Finish
  let exec: Exec
  let prepare: Prepare
  let execPrepared: ExecPrepared
  let resultStatus: ResultInt
  let resultErrorMessage: ResultText
  let resultErrorField: ErrorField
  let cmdTuples: ResultText
  let ntuples: ResultInt
  let nfields: ResultInt
  let getvalue: Value
  let getisnull: CellInt
  let ftype: FieldType
  let clear: Clear
  let setNoticeProcessor: SetNoticeProcessor

  /// Loaded once per process; a missing library is remembered, not retried on every open.
  static let shared: Result<LibPQ, TronPayError> = load()

  static func loaded() throws(TronPayError) -> LibPQ {
    switch shared {
    case .success(let library): return library
    case .failure(let error): throw error
    }
  }

  private init(_ handle: UnsafeMutableRawPointer) throws(TronPayError) {
    func symbol<T>(_ name: String, _: T.Type) throws(TronPayError) -> T {
      guard let address = dlsym(handle, name) else {
        throw TronPayError(
          .store, "store: libpq has no \(name); install a libpq5 of PostgreSQL 10 or later")
      }
      return unsafeBitCast(address, to: T.self)
    }
    connectdb = try symbol("PQconnectdb", Connect.self)
    status = try symbol("PQstatus", ConnectionInt.self)
    transactionStatus = try symbol("PQtransactionStatus", ConnectionInt.self)
    backendPID = try symbol("PQbackendPID", ConnectionInt.self)
    errorMessage = try symbol("PQerrorMessage", ConnectionText.self)
    finish = try symbol("PQfinish", Finish.self)
    exec = try symbol("PQexec", Exec.self)
    prepare = try symbol("PQprepare", Prepare.self)
    execPrepared = try symbol("PQexecPrepared", ExecPrepared.self)
    resultStatus = try symbol("PQresultStatus", ResultInt.self)
    resultErrorMessage = try symbol("PQresultErrorMessage", ResultText.self)
    resultErrorField = try symbol("PQresultErrorField", ErrorField.self)
    cmdTuples = try symbol("PQcmdTuples", ResultText.self)
    ntuples = try symbol("PQntuples", ResultInt.self)
    nfields = try symbol("PQnfields", ResultInt.self)
    getvalue = try symbol("PQgetvalue", Value.self)
    getisnull = try symbol("PQgetisnull", CellInt.self)
    ftype = try symbol("PQftype", FieldType.self)
    clear = try symbol("PQclear", Clear.self)
    setNoticeProcessor = try symbol("PQsetNoticeProcessor", SetNoticeProcessor.self)
  }

  /// `libpq.so.5` is the runtime package's name (Debian `libpq5`); `libpq.so` is the
  /// development link some systems have instead. RTLD_LOCAL keeps libpq's symbols out of the
  /// host's namespace.
  static func load(_ names: [String] = ["libpq.so.5", "libpq.so"]) -> Result<LibPQ, TronPayError> {
    var reasons: [String] = []
    for name in names {
      if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) {
        do throws(TronPayError) {
          return .success(try LibPQ(handle))
        } catch {
          return .failure(error)
        }
      }
      reasons.append(dlerror().map { String(cString: $0) } ?? name)
    }
    return .failure(
      TronPayError(
        .store,
        "store: a postgresql:// store needs libpq.so.5, which was not found (install the libpq5 "
          + "package); \(reasons.joined(separator: "; "))"))
  }

  static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
    pointer.map { String(cString: $0) } ?? ""
  }
}
