// The header's size constants as functions, for FFI layers that cannot read #defines.

@_cdecl("tronpay_size_privkey") public func tronpay_size_privkey() -> Int { 32 }
@_cdecl("tronpay_size_pubkey") public func tronpay_size_pubkey() -> Int { 65 }
@_cdecl("tronpay_size_address") public func tronpay_size_address() -> Int { 21 }
@_cdecl("tronpay_size_address_text") public func tronpay_size_address_text() -> Int { 35 }
@_cdecl("tronpay_size_address_hex") public func tronpay_size_address_hex() -> Int { 43 }
@_cdecl("tronpay_size_signature") public func tronpay_size_signature() -> Int { 65 }
@_cdecl("tronpay_size_txid") public func tronpay_size_txid() -> Int { 32 }
@_cdecl("tronpay_size_seed") public func tronpay_size_seed() -> Int { 64 }
@_cdecl("tronpay_size_xkey_text") public func tronpay_size_xkey_text() -> Int { 112 }
