"""SQLCipher: the SQLite file encrypted at rest (every page, the -wal and backups), by passphrase.

The key is derived once per file from the passphrase and the file's own 16-byte salt (its first
16 bytes) exactly as SQLCipher 4 would (PBKDF2-HMAC-SHA512, 256,000 iterations), and given to
every connection as a raw key: the slow derivation runs once, not on each pooled connection, and
no passphrase is ever quoted into SQL. A new file gets a fresh random salt.

Keys are kept per process, one per salt (`shared_key`): whoever asks first derives, anyone asking
meanwhile waits for that result, so a passphrase is never derived twice for one file. The app
starts the derivation ahead of need in a background thread as soon as it knows the passphrase
(`prepare_key`), while Textual is still importing: PBKDF2 runs in OpenSSL without the GIL, so on
a free core it costs the start-up nothing (see benchmarks/encryption.py for the figures).

SQLCipher logs to stderr (on a wrong key, for example); logging is switched off on every
connection, so nothing it says reaches the terminal the app draws on.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import threading
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from workwell_tui.db.backends.sqlite import SqliteBackend, sqlite_pragma
from workwell_tui.db.errors import PassphraseNeeded, StoreError, WrongPassphrase
from workwell_tui.db.paths import file_state

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = [
    "KDF_ITERATIONS",
    "SqlcipherBackend",
    "derive_key",
    "forget_keys",
    "key_pragma",
    "prepare_key",
    "shared_key",
]

# SQLCipher 4's defaults (https://www.zetetic.net/sqlcipher/sqlcipher-api/#cipher_compatibility).
KDF_ITERATIONS = 256_000
_SALT_BYTES = 16
_QUIET = "PRAGMA cipher_log_level = NONE"
# The start-up caseload read of 10,000 people touches 6,398 distinct pages, but in SQLCipher's
# default 8 MB page cache it read 9,061 (pages evicted, then needed again; counted in
# /proc/self/io). Plain SQLite gets those back from the OS cache almost free; SQLCipher decrypts
# and HMAC-checks each again. With 16 MB it reads each once: the read's CPU time went from
# ~200 ms to ~180 ms (plain: ~140 ms). The cache is freed when the short connection closes
# (RSS with rows on screen: 71 -> 80 MB; target <= 150 MB).
_READ_CACHE_KIB = 16_384


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
    instead of waiting: the thread deriving ahead runs at the lowest priority (so it never holds
    up the first frame), and on a machine whose cores are all busy it could take seconds. Then
    the start-up is as it would be without the early start, never slower.
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


def _salt_of(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(_SALT_BYTES)


def prepare_key(passphrase: str, path: Path) -> None:
    """Derive now, ahead of need, in the calling thread, the key for the encrypted file at
    `path`, so that the backend which opens it later finds it ready. Nothing for a file that is
    not encrypted: a new file's salt is only chosen when it is made."""
    if file_state(path) == "encrypted":
        shared_key(passphrase, _salt_of(path), ahead=True)


def key_pragma(verb: str, raw: bytes) -> str:
    """`PRAGMA key` (or `rekey`) with a raw key. PRAGMA takes no bound parameter, so this is the
    one place one is built: only these two verbs and hex digits of real bytes get through."""
    if verb not in ("key", "rekey") or type(raw) is not bytes or len(raw) not in (32, 48):
        raise ValueError("refusing a malformed SQLCipher key")
    return "PRAGMA " + verb + " = \"x'" + raw.hex() + "'\""


def _load_driver() -> ModuleType:
    try:
        import sqlcipher3  # type: ignore[import-untyped]
    except ImportError:
        raise StoreError(
            "This database is encrypted, and the SQLCipher driver (the sqlcipher3 package) is "
            "not installed. Nothing has been changed. Reinstall workwell-tui, or run "
            "`pip install sqlcipher3`."
        ) from None
    module: ModuleType = sqlcipher3
    return module


class SqlcipherBackend(SqliteBackend):
    """An encrypted SQLite file; `unlock` must be given the passphrase before anything else."""

    label = "encrypted SQLite file"
    needs_unlock = True

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self._passphrase: str | None = None

    def unlock(self, secret: str) -> None:
        """Remember the passphrase; the key is derived when the file is first opened (or was
        already, by `prepare_key`)."""
        self._passphrase = secret

    def driver(self) -> ModuleType:
        """sqlcipher3, imported only when an encrypted database is opened."""
        return _load_driver()

    def _key(self, salt: bytes) -> bytes:
        if self._passphrase is None:
            raise PassphraseNeeded()
        return shared_key(self._passphrase, salt)

    def raw_key(self, path: Path, new: bool = False) -> bytes:
        """The raw key for `path`: the key for a file, the key and a fresh salt for a new one."""
        if not new and file_state(path) == "encrypted":
            return self._key(_salt_of(path))
        salt = os.urandom(_SALT_BYTES)
        return self._key(salt) + salt

    def connect_file(self, path: Path, read_only: bool = False, new: bool = False) -> Any:
        """As for SQLite; a read-only connection (the caseload at start-up, the checks) gets a
        page cache big enough that the pages it reads are decrypted once each."""
        connection = super().connect_file(path, read_only=read_only, new=new)
        if read_only:
            connection.execute(sqlite_pragma("cache_size", -_READ_CACHE_KIB))
        return connection

    def key_statements(self, path: Path, new: bool = False) -> tuple[str, ...]:
        """Quiet logging, then the raw key (hex only: nothing typed reaches the SQL)."""
        return (_QUIET, key_pragma("key", self.raw_key(path, new)))

    def check_key(self) -> None:
        """Raise WrongPassphrase unless the passphrase opens the file (a new file is fine)."""
        if self.path is None or file_state(self.path) != "encrypted":
            return
        try:
            connection = self.connect_file(self.path, read_only=True)
            try:
                connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                connection.close()
        except self._errors():
            # Not kept: a mistyped passphrase has no business staying in memory.
            forget_keys(_salt_of(self.path), self._passphrase)
            raise WrongPassphrase() from None

    def is_ours(self, path: Path) -> bool:
        """An encrypted file that the passphrase opens is ours (a wrong one is refused first)."""
        self.check_key()
        return super().is_ours(path)

    def create_engine(self) -> Engine:
        """The SQLite engine on the SQLCipher driver, with the key on every connection."""
        if self.path is None:
            raise StoreError("An encrypted database needs a file.")
        self.check_key()
        return super().create_engine()

    def engine_url(self) -> Any:
        """The URL with the raw key as its password (SQLAlchemy sends it as PRAGMA key)."""
        from sqlalchemy.engine import URL

        assert self.path is not None
        raw = "x'" + self.raw_key(self.path).hex() + "'"  # SQLAlchemy quotes it: PRAGMA key="…"
        return URL.create("sqlite+pysqlcipher", password=raw, database=str(self.path))

    def engine_options(self) -> dict[str, Any]:
        """Name the DB-API module: SQLAlchemy would otherwise look for the old pysqlcipher."""
        from sqlalchemy.pool import QueuePool

        # QueuePool as for plain SQLite: the dialect's default (one connection per thread) was
        # for the old pysqlcipher; sqlcipher3 is as thread-safe as sqlite3.
        return {"module": self.driver(), "poolclass": QueuePool}

    def on_connect(self, engine: Engine, file_pragmas: tuple[str, ...]) -> None:
        """Logging off before anything can fail, then the usual pragmas."""
        super().on_connect(engine, (_QUIET, *file_pragmas))

    def rekey(self, engine: Engine, passphrase: str) -> None:
        """Re-encrypt the whole file under a new passphrase (same salt, new key)."""
        assert self.path is not None
        engine.dispose()
        # Connect with the old key first: the new one then takes the salt's place in the keys
        # kept, rather than the old one being derived all over again to connect.
        connection = self.connect_file(self.path)
        try:
            key = shared_key(passphrase, _salt_of(self.path))
            connection.execute("PRAGMA journal_mode=DELETE")  # rekey is refused in WAL mode
            connection.execute(key_pragma("rekey", key))
            connection.execute("PRAGMA journal_mode=WAL")
        finally:
            connection.close()
        self.unlock(passphrase)
