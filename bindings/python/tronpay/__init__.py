"""tronpay — Python binding of libtronpay, an embedded TRON payment engine.

A thin ctypes layer: it converts types and raises TronPayError; every decision is the C
library's. Bytes are bytes, amounts are int or str (never float), addresses come out as "T…"
text, JSON documents come out as dicts and lists.

Importing loads nothing: the library is loaded by the first call that needs it (so tools and
type checkers can import the package anywhere), found through $TRONPAY_LIBRARY, then beside
this package, the repository's build/ directory, the system's loader path,
ctypes.util.find_library, and the lib/ directories of `make install`; its ABI version is checked
then. If it cannot be loaded, that call raises TronPayLoadError (an ImportError) saying what to do.
"""

from __future__ import annotations

import ctypes
from typing import Any

from ._library import ABI_VERSION, candidates as library_candidates, load
from ._types import (Address, Amount, ChainState, Credit, Invoice, InvoiceResult, InvoiceState,
                     JSONInput, PaymentCheckResult, PaymentRequest, Policy, RejectReason,
                     Rejection, Skipped, SkipReason, Transfer, TransferSource, TransfersResult,
                     VerifyReport)
from .amounts import from_base_units, to_base_units
from .errors import TronPayError, TronPayLoadError, TronPayTypeError
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
from . import library as _library_section
from .library import SIZE_FUNCTIONS, abi_version, free, last_error, memzero, status_name, version

# Provided on first use by __getattr__ (below), which loads the library.
PRIVKEY_SIZE: int
PUBKEY_SIZE: int
ADDRESS_SIZE: int
ADDRESS_TEXT_SIZE: int
ADDRESS_HEX_SIZE: int
SIGNATURE_SIZE: int
TXID_SIZE: int
SEED_SIZE: int
XKEY_TEXT_SIZE: int
native: ctypes.CDLL
"""The loaded ctypes.CDLL itself, every prototype declared (loads the library)."""
library_path: str
"""The path (or loader name) the library was loaded from (loads the library)."""


def __getattr__(name: str) -> Any:
    if name in SIZE_FUNCTIONS:
        return getattr(_library_section, name)
    if name == "native":
        return load()
    if name == "library_path":
        return str(load()._name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    "tronpay_sync_next": "Engine.sync_next",
    "tronpay_sync_feed": "Engine.sync_feed",
    "tronpay_events_list": "Engine.events_list",
    "tronpay_outbox_next": "Engine.outbox_next",
    "tronpay_outbox_ack": "Engine.outbox_ack",
    "tronpay_outbox_redeliver": "Engine.outbox_redeliver",
    "tronpay_dispute_lookup": "Engine.dispute_lookup",
    "tronpay_refund_create": "Engine.refund_create",
    "tronpay_refund_submit": "Engine.refund_submit",
    "tronpay_refund_get": "Engine.refund_get",
}

# A literal list, so type checkers see the re-exports (tests check it against BINDINGS).
__all__ = [
    "ABI_VERSION", "ADDRESS_HEX_SIZE", "ADDRESS_SIZE", "ADDRESS_TEXT_SIZE", "Address", "Amount",
    "ChainState", "Credit", "Engine", "Invoice", "InvoiceResult", "InvoiceState", "JSONInput",
    "PRIVKEY_SIZE", "PUBKEY_SIZE", "PaymentCheckResult", "PaymentRequest", "Policy",
    "RejectReason", "Rejection", "SEED_SIZE", "SIGNATURE_SIZE", "SkipReason", "Skipped",
    "TXID_SIZE", "Transfer", "TransferSource", "Transfers", "TransfersResult", "TronPayError",
    "TronPayLoadError", "TronPayTypeError", "VerifyReport", "WebhookVerificationError",
    "XKEY_TEXT_SIZE", "abi_version", "address_from_private_key", "address_from_public_key",
    "address_to_base58", "address_to_hex", "build_transfer", "build_trc20_transfer",
    "build_trigger", "check_payments", "free", "from_base_units", "generate_mnemonic",
    "generate_private_key", "hd_private_key", "hd_xprv", "hd_xpub", "is_valid_mnemonic",
    "is_valid_private_key", "keccak256", "last_error", "library_candidates", "library_path",
    "memzero", "mnemonic_to_seed", "native", "parse_address", "parse_transfers",
    "public_key_from_private_key", "recover_digest_signer", "recover_message_signer",
    "recover_message_signer_v1", "serialize_transaction", "sha256", "sign_digest", "sign_message",
    "sign_transaction", "status_name", "to_base_units", "transaction_from_json", "transaction_id",
    "transaction_to_json", "verify_message", "verify_message_v1", "verify_transaction", "version",
    "webhooks", "xpub_derive_addresses",
]
