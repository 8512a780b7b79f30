import CTronPayHeader

// The header's size constants as functions, for FFI layers that cannot read #defines. The values
// are the header's own #defines, imported through CTronPayHeader.

@_cdecl("tronpay_size_privkey")
public func tronpay_size_privkey() -> Int { Int(TRONPAY_PRIVKEY_SIZE) }
@_cdecl("tronpay_size_pubkey")
public func tronpay_size_pubkey() -> Int { Int(TRONPAY_PUBKEY_SIZE) }
@_cdecl("tronpay_size_address")
public func tronpay_size_address() -> Int { Int(TRONPAY_ADDRESS_SIZE) }
@_cdecl("tronpay_size_address_text")
public func tronpay_size_address_text() -> Int { Int(TRONPAY_ADDRESS_TEXT_SIZE) }
@_cdecl("tronpay_size_address_hex")
public func tronpay_size_address_hex() -> Int { Int(TRONPAY_ADDRESS_HEX_SIZE) }
@_cdecl("tronpay_size_signature")
public func tronpay_size_signature() -> Int { Int(TRONPAY_SIGNATURE_SIZE) }
@_cdecl("tronpay_size_txid")
public func tronpay_size_txid() -> Int { Int(TRONPAY_TXID_SIZE) }
@_cdecl("tronpay_size_seed")
public func tronpay_size_seed() -> Int { Int(TRONPAY_SEED_SIZE) }
@_cdecl("tronpay_size_xkey_text")
public func tronpay_size_xkey_text() -> Int { Int(TRONPAY_XKEY_TEXT_SIZE) }
