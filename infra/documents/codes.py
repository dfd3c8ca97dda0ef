"""The short verification code printed on a document (and in its QR code).

Derived, not random, so a document regenerated from the same events carries the same code and is
byte-identical: SHA-256 over the tenant, the document kind, the decision's position in the event
store and its hash in the chain; the first 60 bits in Crockford base32, grouped XXXX-XXXX-XXXX.
60 bits cannot be guessed at the rate `GET /verify/<code>` allows, and the code says nothing about
the person or the decision.
"""

import hashlib

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
_CONFUSABLE = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def verify_code(tenant: str, kind: str, position: int, event_hash: bytes) -> str:
    digest = hashlib.sha256(f"{tenant}\x1f{kind}\x1f{position}\x1f".encode() + event_hash).digest()
    number = int.from_bytes(digest[:8], "big") >> 4  # 60 bits
    chars = "".join(_ALPHABET[(number >> shift) & 31] for shift in range(55, -1, -5))
    return "-".join(chars[i : i + 4] for i in range(0, 12, 4))


def normalise(code: str) -> str:
    """A code as a person may type it: any case, with or without dashes, I/L/O read as 1/1/0."""
    plain = code.strip().upper().replace("-", "").replace(" ", "").translate(_CONFUSABLE)
    return "-".join(plain[i : i + 4] for i in range(0, len(plain), 4))
