import CTronPayHeader

// The signature check of the ABI (issue 13, point 7; scripts/check-abi explains the method).
//
// `CTronPayHeader.f` is the prototype of include/tronpay.h as Swift imports it; `TronPayABI.f`
// is the @_cdecl function that implements it. `same` compiles only when both have exactly the
// same Swift type, and a C type imports as exactly one Swift type (size_t → Int, uint32_t →
// UInt32, const uint8_t * → UnsafePointer<UInt8>?, char ** →
// UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, …): a parameter of another width,
// signedness, constness, optionality or count, or another return type, fails the build. Every
// build of the library runs the check; scripts/check-abi makes sure the list below names every
// function the header declares, and that each @_cdecl exports the name of its Swift function.
private func same<F>(_: F.Type, _: F.Type) {}

private func everyFunctionMatchesItsPrototype() {
  same(type(of: CTronPayHeader.tronpay_size_privkey), type(of: TronPayABI.tronpay_size_privkey))
  same(type(of: CTronPayHeader.tronpay_size_pubkey), type(of: TronPayABI.tronpay_size_pubkey))
  same(type(of: CTronPayHeader.tronpay_size_address), type(of: TronPayABI.tronpay_size_address))
  same(
    type(of: CTronPayHeader.tronpay_size_address_text),
    type(of: TronPayABI.tronpay_size_address_text))
  same(
    type(of: CTronPayHeader.tronpay_size_address_hex), type(of: TronPayABI.tronpay_size_address_hex)
  )
  same(type(of: CTronPayHeader.tronpay_size_signature), type(of: TronPayABI.tronpay_size_signature))
  same(type(of: CTronPayHeader.tronpay_size_txid), type(of: TronPayABI.tronpay_size_txid))
  same(type(of: CTronPayHeader.tronpay_size_seed), type(of: TronPayABI.tronpay_size_seed))
  same(type(of: CTronPayHeader.tronpay_size_xkey_text), type(of: TronPayABI.tronpay_size_xkey_text))
  same(type(of: CTronPayHeader.tronpay_version), type(of: TronPayABI.tronpay_version))
  same(type(of: CTronPayHeader.tronpay_abi_version), type(of: TronPayABI.tronpay_abi_version))
  same(type(of: CTronPayHeader.tronpay_status_str), type(of: TronPayABI.tronpay_status_str))
  same(type(of: CTronPayHeader.tronpay_last_error), type(of: TronPayABI.tronpay_last_error))
  same(type(of: CTronPayHeader.tronpay_free), type(of: TronPayABI.tronpay_free))
  same(type(of: CTronPayHeader.tronpay_memzero), type(of: TronPayABI.tronpay_memzero))
  same(type(of: CTronPayHeader.tronpay_keccak256), type(of: TronPayABI.tronpay_keccak256))
  same(type(of: CTronPayHeader.tronpay_sha256), type(of: TronPayABI.tronpay_sha256))
  same(
    type(of: CTronPayHeader.tronpay_privkey_generate), type(of: TronPayABI.tronpay_privkey_generate)
  )
  same(type(of: CTronPayHeader.tronpay_privkey_verify), type(of: TronPayABI.tronpay_privkey_verify))
  same(
    type(of: CTronPayHeader.tronpay_pubkey_from_privkey),
    type(of: TronPayABI.tronpay_pubkey_from_privkey))
  same(
    type(of: CTronPayHeader.tronpay_address_from_pubkey),
    type(of: TronPayABI.tronpay_address_from_pubkey))
  same(
    type(of: CTronPayHeader.tronpay_address_from_privkey),
    type(of: TronPayABI.tronpay_address_from_privkey))
  same(
    type(of: CTronPayHeader.tronpay_address_to_base58),
    type(of: TronPayABI.tronpay_address_to_base58))
  same(type(of: CTronPayHeader.tronpay_address_to_hex), type(of: TronPayABI.tronpay_address_to_hex))
  same(type(of: CTronPayHeader.tronpay_address_parse), type(of: TronPayABI.tronpay_address_parse))
  same(
    type(of: CTronPayHeader.tronpay_mnemonic_generate),
    type(of: TronPayABI.tronpay_mnemonic_generate))
  same(
    type(of: CTronPayHeader.tronpay_mnemonic_validate),
    type(of: TronPayABI.tronpay_mnemonic_validate))
  same(
    type(of: CTronPayHeader.tronpay_mnemonic_to_seed), type(of: TronPayABI.tronpay_mnemonic_to_seed)
  )
  same(type(of: CTronPayHeader.tronpay_hd_privkey), type(of: TronPayABI.tronpay_hd_privkey))
  same(type(of: CTronPayHeader.tronpay_hd_xpub), type(of: TronPayABI.tronpay_hd_xpub))
  same(type(of: CTronPayHeader.tronpay_hd_xprv), type(of: TronPayABI.tronpay_hd_xprv))
  same(
    type(of: CTronPayHeader.tronpay_xpub_derive_addresses),
    type(of: TronPayABI.tronpay_xpub_derive_addresses))
  same(
    type(of: CTronPayHeader.tronpay_tx_build_transfer),
    type(of: TronPayABI.tronpay_tx_build_transfer))
  same(
    type(of: CTronPayHeader.tronpay_tx_build_trc20_transfer),
    type(of: TronPayABI.tronpay_tx_build_trc20_transfer))
  same(
    type(of: CTronPayHeader.tronpay_tx_build_trigger), type(of: TronPayABI.tronpay_tx_build_trigger)
  )
  same(type(of: CTronPayHeader.tronpay_tx_id), type(of: TronPayABI.tronpay_tx_id))
  same(type(of: CTronPayHeader.tronpay_tx_sign), type(of: TronPayABI.tronpay_tx_sign))
  same(type(of: CTronPayHeader.tronpay_tx_to_json), type(of: TronPayABI.tronpay_tx_to_json))
  same(type(of: CTronPayHeader.tronpay_tx_serialize), type(of: TronPayABI.tronpay_tx_serialize))
  same(type(of: CTronPayHeader.tronpay_tx_from_json), type(of: TronPayABI.tronpay_tx_from_json))
  same(type(of: CTronPayHeader.tronpay_tx_verify), type(of: TronPayABI.tronpay_tx_verify))
  same(type(of: CTronPayHeader.tronpay_message_sign), type(of: TronPayABI.tronpay_message_sign))
  same(
    type(of: CTronPayHeader.tronpay_message_recover), type(of: TronPayABI.tronpay_message_recover))
  same(type(of: CTronPayHeader.tronpay_message_verify), type(of: TronPayABI.tronpay_message_verify))
  same(
    type(of: CTronPayHeader.tronpay_message_recover_v1),
    type(of: TronPayABI.tronpay_message_recover_v1))
  same(
    type(of: CTronPayHeader.tronpay_message_verify_v1),
    type(of: TronPayABI.tronpay_message_verify_v1))
  same(type(of: CTronPayHeader.tronpay_digest_sign), type(of: TronPayABI.tronpay_digest_sign))
  same(type(of: CTronPayHeader.tronpay_digest_recover), type(of: TronPayABI.tronpay_digest_recover))
  same(
    type(of: CTronPayHeader.tronpay_amount_to_base_units),
    type(of: TronPayABI.tronpay_amount_to_base_units))
  same(
    type(of: CTronPayHeader.tronpay_amount_from_base_units),
    type(of: TronPayABI.tronpay_amount_from_base_units))
  same(
    type(of: CTronPayHeader.tronpay_transfers_parse), type(of: TronPayABI.tronpay_transfers_parse))
  same(type(of: CTronPayHeader.tronpay_payment_check), type(of: TronPayABI.tronpay_payment_check))
  same(type(of: CTronPayHeader.tronpay_webhook_sign), type(of: TronPayABI.tronpay_webhook_sign))
  same(type(of: CTronPayHeader.tronpay_webhook_verify), type(of: TronPayABI.tronpay_webhook_verify))
  same(
    type(of: CTronPayHeader.tronpay_size_epusdt_signature),
    type(of: TronPayABI.tronpay_size_epusdt_signature))
  same(type(of: CTronPayHeader.tronpay_epusdt_sign), type(of: TronPayABI.tronpay_epusdt_sign))
  same(type(of: CTronPayHeader.tronpay_epusdt_verify), type(of: TronPayABI.tronpay_epusdt_verify))
  // The engine's sections.
  same(type(of: CTronPayHeader.tronpay_engine_open), type(of: TronPayABI.tronpay_engine_open))
  same(type(of: CTronPayHeader.tronpay_engine_close), type(of: TronPayABI.tronpay_engine_close))
  same(type(of: CTronPayHeader.tronpay_engine_health), type(of: TronPayABI.tronpay_engine_health))
  same(type(of: CTronPayHeader.tronpay_sync_next), type(of: TronPayABI.tronpay_sync_next))
  same(type(of: CTronPayHeader.tronpay_sync_feed), type(of: TronPayABI.tronpay_sync_feed))
  same(type(of: CTronPayHeader.tronpay_invoice_create), type(of: TronPayABI.tronpay_invoice_create))
  same(type(of: CTronPayHeader.tronpay_invoice_get), type(of: TronPayABI.tronpay_invoice_get))
  same(type(of: CTronPayHeader.tronpay_invoice_list), type(of: TronPayABI.tronpay_invoice_list))
  same(type(of: CTronPayHeader.tronpay_invoice_cancel), type(of: TronPayABI.tronpay_invoice_cancel))
  same(
    type(of: CTronPayHeader.tronpay_invoice_resolve), type(of: TronPayABI.tronpay_invoice_resolve))
  same(type(of: CTronPayHeader.tronpay_audit_list), type(of: TronPayABI.tronpay_audit_list))
  same(type(of: CTronPayHeader.tronpay_chain_tip), type(of: TronPayABI.tronpay_chain_tip))
  same(type(of: CTronPayHeader.tronpay_chain_block), type(of: TronPayABI.tronpay_chain_block))
  same(
    type(of: CTronPayHeader.tronpay_chain_disconnect), type(of: TronPayABI.tronpay_chain_disconnect)
  )
  same(type(of: CTronPayHeader.tronpay_chain_evidence), type(of: TronPayABI.tronpay_chain_evidence))
  same(type(of: CTronPayHeader.tronpay_events_list), type(of: TronPayABI.tronpay_events_list))
  same(type(of: CTronPayHeader.tronpay_outbox_next), type(of: TronPayABI.tronpay_outbox_next))
  same(type(of: CTronPayHeader.tronpay_outbox_ack), type(of: TronPayABI.tronpay_outbox_ack))
  same(
    type(of: CTronPayHeader.tronpay_outbox_redeliver), type(of: TronPayABI.tronpay_outbox_redeliver)
  )
  same(type(of: CTronPayHeader.tronpay_dispute_lookup), type(of: TronPayABI.tronpay_dispute_lookup))
  same(type(of: CTronPayHeader.tronpay_refund_create), type(of: TronPayABI.tronpay_refund_create))
  same(type(of: CTronPayHeader.tronpay_refund_submit), type(of: TronPayABI.tronpay_refund_submit))
  same(type(of: CTronPayHeader.tronpay_refund_get), type(of: TronPayABI.tronpay_refund_get))
}
