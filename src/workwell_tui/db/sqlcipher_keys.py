"""SQLCipher 4's key derivation, and the keys derived in this process (one per file).

The key is derived from the passphrase and the file's own 16-byte salt (its first 16 bytes)
exactly as SQLCipher 4 would (PBKDF2-HMAC-SHA512, 256,000 iterations: ~0.15 s of CPU), then
kept: whoever asks first derives, anyone asking meanwhile waits for that result, so a passphrase
is never derived twice for one file. The app starts the derivation ahead of need in a background
thread as soon as it knows the passphrase (`prepare_key`), while Textual is still importing:
PBKDF2 runs in OpenSSL without the GIL (measured: the main thread is never blocked on it), so on
a free core it costs the start-up nothing. This module is that thread's only import (with
hashlib), so it moves no other work in front of the first frame; the SQLCipher backend
(`db/backends/sqlcipher.py`) uses it for every connection.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from typing import TYPE_CHECKING

from workwell_tui.db.paths import file_state

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "KDF_ITERATIONS",
    "SALT_BYTES",
    "derive_key",
    "forget_keys",
    "prepare_key",
    "salt_of",
    "shared_key",
]

# SQLCipher 4's defaults (https://www.zetetic.net/sqlcipher/sqlcipher-api/#cipher_compatibility).
KDF_ITERATIONS = 256_000
SALT_BYTES = 16


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """SQLCipher 4's key for `passphrase` and a file's salt."""
    return hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, 32)


class _Derivation:
    """The key for one passphrase and salt: derived by whoever asked first, awaited by the rest.

    `ahead`: started before anyone needed it (`prepare_key`), perhaps at a low priority.
    """

    def __init__(self, passphrase: str, ahead: bool) -> None:
        self.passphrase = passphrase
        self.ahead = ahead
        self.done = threading.Event()
        self.key: bytes | None = None


_derivations: dict[bytes, _Derivation] = {}  # salt -> the latest passphrase tried on it
_derivations_lock = threading.Lock()


def _same(one: str, other: str) -> bool:
    return hmac.compare_digest(one.encode("utf-8"), other.encode("utf-8"))


def shared_key(passphrase: str, salt: bytes, ahead: bool = False) -> bytes:
    """`derive_key`, run once per salt and passphrase in this process.

    One entry per salt: a second passphrase tried on the same file (a mistyped one, then the
    right one) replaces the first rather than piling up passphrases in memory.

    A caller that needs the key now and finds it still being derived `ahead` derives it itself
    instead of waiting: the thread deriving ahead runs at the lowest priority (so it does not
    take the CPU the first frame needs), and on a machine whose cores are all busy it could take
    seconds. The start-up is then as it would be without the early start, not slower.
    """
    while True:
        with _derivations_lock:
            found = _derivations.get(salt)
            mine = (
                found is None
                or not _same(found.passphrase, passphrase)
                or (found.ahead and not ahead and not found.done.is_set())
            )
            if mine:
                found = _derivations[salt] = _Derivation(passphrase, ahead)
        assert found is not None
        if mine:
            try:
                found.key = derive_key(passphrase, salt)
            except BaseException:
                with _derivations_lock:
                    if _derivations.get(salt) is found:
                        del _derivations[salt]
                raise
            finally:
                found.done.set()
            return found.key
        found.done.wait()
        if found.key is not None:
            return found.key
        # The thread deriving it failed (and dropped its entry): derive it here instead.


def forget_keys(salt: bytes | None = None, passphrase: str | None = None) -> None:
    """Drop the kept keys: all of them, or the one for `salt` if it was `passphrase`'s."""
    with _derivations_lock:
        if salt is None:
            _derivations.clear()
            return
        found = _derivations.get(salt)
        if found is not None and (passphrase is None or _same(found.passphrase, passphrase)):
            del _derivations[salt]


def salt_of(path: Path) -> bytes:
    """An SQLCipher file's salt: its first 16 bytes."""
    with path.open("rb") as handle:
        return handle.read(SALT_BYTES)


def prepare_key(passphrase: str, path: Path) -> None:
    """Derive now, ahead of need, in the calling thread, the key for the encrypted file at
    `path`, so that the backend which opens it later finds it ready. Nothing for a file that is
    not encrypted: a new file's salt is only chosen when it is made."""
    if file_state(path) == "encrypted":
        shared_key(passphrase, salt_of(path), ahead=True)
