"""tronpay — Python binding of libtronpay, an embedded TRON payment engine.

A thin ctypes layer: it converts types and raises TronPayError; every decision is the C
library's. Bytes are bytes, amounts are int or str (never float), addresses come out as "T…"
text, JSON documents come out as dicts and lists.

The library is found through $TRONPAY_LIBRARY, then beside this package, then the repository's
build/ directory, then the system's loader path; its ABI version is checked at import.
"""

from __future__ import annotations

from ._library import ABI_VERSION, lib as native, path as library_path
from .amounts import from_base_units, to_base_units
from .errors import TronPayError, TronPayTypeError
from .keys import (address_from_private_key, address_from_public_key, address_to_base58,
                   address_to_hex, generate_private_key, is_valid_private_key, keccak256,
                   parse_address, public_key_from_private_key, sha256)
from .hd import (generate_mnemonic, hd_private_key, hd_xprv, hd_xpub, is_valid_mnemonic,
                 mnemonic_to_seed, xpub_derive_addresses)
from .messages import (recover_digest_signer, recover_message_signer, recover_message_signer_v1,
                       sign_digest, sign_message, verify_message, verify_message_v1)
from .payments import Transfers, check_payments, parse_transfers
from .transactions import (build_transfer, build_trc20_transfer, build_trigger,
                           serialize_transaction, sign_transaction, transaction_from_json,
                           transaction_id, transaction_to_json, verify_transaction)
from . import webhooks
from .engine import Engine
from .webhooks import WebhookVerificationError
from .library import (ADDRESS_HEX_SIZE, ADDRESS_SIZE, ADDRESS_TEXT_SIZE, PRIVKEY_SIZE,
                      PUBKEY_SIZE, SEED_SIZE, SIGNATURE_SIZE, TXID_SIZE, XKEY_TEXT_SIZE,
                      abi_version, free, last_error, memzero, status_name, version)

# Every C function and the Python name that exposes it (tests check this covers the header).
BINDINGS = {
    "tronpay_size_privkey": "PRIVKEY_SIZE",
    "tronpay_size_pubkey": "PUBKEY_SIZE",
    "tronpay_size_address": "ADDRESS_SIZE",
    "tronpay_size_address_text": "ADDRESS_TEXT_SIZE",
    "tronpay_size_address_hex": "ADDRESS_HEX_SIZE",
    "tronpay_size_signature": "SIGNATURE_SIZE",
    "tronpay_size_txid": "TXID_SIZE",
    "tronpay_size_seed": "SEED_SIZE",
    "tronpay_size_xkey_text": "XKEY_TEXT_SIZE",
    "tronpay_version": "version",
    "tronpay_abi_version": "abi_version",
    "tronpay_status_str": "status_name",
    "tronpay_last_error": "last_error",
    "tronpay_free": "free",
    "tronpay_memzero": "memzero",
    "tronpay_keccak256": "keccak256",
    "tronpay_sha256": "sha256",
    "tronpay_privkey_generate": "generate_private_key",
    "tronpay_privkey_verify": "is_valid_private_key",
    "tronpay_pubkey_from_privkey": "public_key_from_private_key",
    "tronpay_address_from_pubkey": "address_from_public_key",
    "tronpay_address_from_privkey": "address_from_private_key",
    "tronpay_address_to_base58": "address_to_base58",
    "tronpay_address_to_hex": "address_to_hex",
    "tronpay_address_parse": "parse_address",
    "tronpay_mnemonic_generate": "generate_mnemonic",
    "tronpay_mnemonic_validate": "is_valid_mnemonic",
    "tronpay_mnemonic_to_seed": "mnemonic_to_seed",
    "tronpay_hd_privkey": "hd_private_key",
    "tronpay_hd_xpub": "hd_xpub",
    "tronpay_hd_xprv": "hd_xprv",
    "tronpay_xpub_derive_addresses": "xpub_derive_addresses",
    "tronpay_tx_build_transfer": "build_transfer",
    "tronpay_tx_build_trc20_transfer": "build_trc20_transfer",
    "tronpay_tx_build_trigger": "build_trigger",
    "tronpay_tx_id": "transaction_id",
    "tronpay_tx_sign": "sign_transaction",
    "tronpay_tx_to_json": "transaction_to_json",
    "tronpay_tx_serialize": "serialize_transaction",
    "tronpay_tx_from_json": "transaction_from_json",
    "tronpay_tx_verify": "verify_transaction",
    "tronpay_message_sign": "sign_message",
    "tronpay_message_recover": "recover_message_signer",
    "tronpay_message_verify": "verify_message",
    "tronpay_message_recover_v1": "recover_message_signer_v1",
    "tronpay_message_verify_v1": "verify_message_v1",
    "tronpay_digest_sign": "sign_digest",
    "tronpay_digest_recover": "recover_digest_signer",
    "tronpay_amount_to_base_units": "to_base_units",
    "tronpay_amount_from_base_units": "from_base_units",
    "tronpay_transfers_parse": "parse_transfers",
    "tronpay_payment_check": "check_payments",
    "tronpay_webhook_sign": "webhooks.sign",
    "tronpay_webhook_verify": "webhooks.verify",
    "tronpay_size_epusdt_signature": "webhooks.EPUSDT_SIGNATURE_SIZE",
    "tronpay_epusdt_sign": "webhooks.epusdt_sign",
    "tronpay_epusdt_verify": "webhooks.epusdt_verify",
    # The engine (engine.py): methods of the Engine class.
    "tronpay_engine_open": "Engine",
    "tronpay_engine_close": "Engine.close",
    "tronpay_engine_health": "Engine.health",
    "tronpay_invoice_create": "Engine.invoice_create",
    "tronpay_invoice_get": "Engine.invoice_get",
    "tronpay_invoice_list": "Engine.invoice_list",
    "tronpay_invoice_cancel": "Engine.invoice_cancel",
    "tronpay_invoice_resolve": "Engine.invoice_resolve",
    "tronpay_audit_list": "Engine.audit_list",
    "tronpay_chain_tip": "Engine.chain_tip",
    "tronpay_chain_block": "Engine.chain_block",
    "tronpay_chain_disconnect": "Engine.chain_disconnect",
    "tronpay_chain_evidence": "Engine.chain_evidence",
    "tronpay_events_list": "Engine.events_list",
    "tronpay_outbox_next": "Engine.outbox_next",
    "tronpay_outbox_ack": "Engine.outbox_ack",
    "tronpay_outbox_redeliver": "Engine.outbox_redeliver",
    "tronpay_dispute_lookup": "Engine.dispute_lookup",
    "tronpay_refund_create": "Engine.refund_create",
    "tronpay_refund_submit": "Engine.refund_submit",
    "tronpay_refund_get": "Engine.refund_get",
}

__all__ = sorted({name for name in BINDINGS.values() if "." not in name}
                 | {"TronPayError", "TronPayTypeError", "Transfers", "ABI_VERSION",
                    "library_path", "native", "webhooks", "WebhookVerificationError",
                    "Engine"})
