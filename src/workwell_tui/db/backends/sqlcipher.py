"""SQLCipher: the SQLite file encrypted at rest (every page, the -wal and backups), by passphrase.

The key is derived once per file from the passphrase and the file's own 16-byte salt (its first
16 bytes) exactly as SQLCipher 4 would (PBKDF2-HMAC-SHA512, 256,000 iterations), and given to
every connection as a raw key: the slow derivation runs once, not on each pooled connection, and
no passphrase is ever quoted into SQL. A new file gets a fresh random salt.

SQLCipher logs to stderr (on a wrong key, for example); logging is switched off on every
connection, so nothing it says reaches the terminal the app draws on.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from workwell_tui.db.backends.sqlite import SqliteBackend
from workwell_tui.db.errors import PassphraseNeeded, StoreError, WrongPassphrase
from workwell_tui.db.paths import file_state

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["KDF_ITERATIONS", "SqlcipherBackend", "derive_key", "key_pragma"]

# SQLCipher 4's defaults (https://www.zetetic.net/sqlcipher/sqlcipher-api/#cipher_compatibility).
KDF_ITERATIONS = 256_000
_SALT_BYTES = 16
_QUIET = "PRAGMA cipher_log_level = NONE"


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """SQLCipher 4's key for `passphrase` and a file's salt."""
    return hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, 32)


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
        self._keys: dict[bytes, bytes] = {}  # salt -> key, so each derivation runs once

    def unlock(self, secret: str) -> None:
        """Remember the passphrase; the key is derived when the file is first opened."""
        self._passphrase = secret
        self._keys.clear()

    def driver(self) -> ModuleType:
        """sqlcipher3, imported only when an encrypted database is opened."""
        return _load_driver()

    def _key(self, salt: bytes) -> bytes:
        if self._passphrase is None:
            raise PassphraseNeeded()
        if salt not in self._keys:
            self._keys[salt] = derive_key(self._passphrase, salt)
        return self._keys[salt]

    def raw_key(self, path: Path, new: bool = False) -> bytes:
        """The raw key for `path`: the key for a file, the key and a fresh salt for a new one."""
        if not new and file_state(path) == "encrypted":
            with path.open("rb") as handle:
                salt = handle.read(_SALT_BYTES)
            return self._key(salt)
        salt = os.urandom(_SALT_BYTES)
        return self._key(salt) + salt

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
        with self.path.open("rb") as handle:
            salt = handle.read(_SALT_BYTES)
        key = derive_key(passphrase, salt)
        if engine is not None:
            engine.dispose()
        try:
            connection = self.connect_file(self.path)
            try:
                mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()
                if mode is None or str(mode[0]).lower() != "delete":
                    raise StoreError(_IN_USE)  # another connection still reads it
                connection.execute(key_pragma("rekey", key))
                connection.execute("PRAGMA journal_mode=WAL")
            finally:
                connection.close()
        except self._errors():
            raise StoreError(_IN_USE) from None
        self.unlock(passphrase)
        self._keys[salt] = key  # derived once already: the next connection need not wait


_IN_USE = (
    "The passphrase could not be changed: the database is in use elsewhere (another WorkWell "
    "window?). Nothing has been changed: the current passphrase still opens it. Close the other "
    "window and try again."
)
