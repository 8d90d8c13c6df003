"""SQLCipher: the SQLite file encrypted at rest (every page, the -wal and backups), by passphrase.

The key is derived once per file from the passphrase and the file's own 16-byte salt (its first
16 bytes) exactly as SQLCipher 4 would (PBKDF2-HMAC-SHA512, 256,000 iterations), and given to
every connection as a raw key: the slow derivation runs once, not on each pooled connection, and
no passphrase is ever quoted into SQL. A new file gets a fresh random salt.

The derivation and the keys kept (one per file in a process, perhaps derived ahead of need while
the app starts) are in `db/sqlcipher_keys.py`, which start-up imports without this module.

SQLCipher logs to stderr (on a wrong key, for example); logging is switched off on every
connection, so nothing it says reaches the terminal the app draws on.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from workwell_tui.db.backends.sqlite import SqliteBackend, sqlite_pragma
from workwell_tui.db.errors import PassphraseNeeded, StoreError, WrongPassphrase
from workwell_tui.db.paths import file_state
from workwell_tui.db.sqlcipher_keys import (
    KDF_ITERATIONS,
    SALT_BYTES,
    derive_key,
    forget_keys,
    prepare_key,
    salt_of,
    shared_key,
)

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

_QUIET = "PRAGMA cipher_log_level = NONE"
# The start-up caseload read of 10,000 people touches 6,398 distinct pages, but in SQLCipher's
# default 8 MB page cache it read 9,061 (pages evicted, then needed again; counted in
# /proc/self/io). Plain SQLite gets those back from the OS cache almost free; SQLCipher decrypts
# and HMAC-checks each again. With 16 MB it reads each once: the read's CPU time went from
# ~200 ms to ~180 ms (plain: ~140 ms). The cache is freed when the short connection closes
# (RSS with rows on screen: 71 -> 80 MB; target <= 150 MB).
_READ_CACHE_KIB = 16_384


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
            return self._key(salt_of(path))
        salt = os.urandom(SALT_BYTES)
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
            forget_keys(salt_of(self.path), self._passphrase)
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

    def rekey(self, engine: Engine | None, passphrase: str) -> None:
        """Re-encrypt the whole file under a new passphrase (same salt, new key).

        The engine is disposed first: its URL carries the old key, so the Store must make a new
        one (`Store.forget_engine`). SQLCipher refuses a rekey in WAL mode, so the file goes to
        a rollback journal for it (which folds the WAL in) and back to WAL after. The rekey is
        one transaction: if it is interrupted, the old passphrase still opens the file.
        """
        assert self.path is not None
        if engine is not None:
            engine.dispose()
        old = self._passphrase
        try:
            # Connect with the old key first: the new one then takes the salt's place in the keys
            # kept, rather than the old one being derived all over again to connect.
            connection = self.connect_file(self.path)
            try:
                salt = salt_of(self.path)
                key = shared_key(passphrase, salt)
                mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()
                if mode is None or str(mode[0]).lower() != "delete":
                    raise StoreError(_IN_USE)  # another connection still reads it
                connection.execute(key_pragma("rekey", key))
                connection.execute("PRAGMA journal_mode=WAL")
            finally:
                connection.close()
        except self._errors():
            raise StoreError(_IN_USE) from None
        if old is not None:
            forget_keys(salt, old)  # the old key opens nothing now: not kept in memory
        self.unlock(passphrase)


_IN_USE = (
    "The passphrase could not be changed: the database is in use elsewhere (another WorkWell "
    "window?). Nothing has been changed: the current passphrase still opens it. Close the other "
    "window and try again."
)
