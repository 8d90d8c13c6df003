"""Encrypting an unencrypted database file, and changing the passphrase of an encrypted one.

Encrypting never touches the plain file until an encrypted copy has been made and checked:
the copy is written beside it (`<name>.encrypting`) with SQLCipher's `sqlcipher_export`, keyed
with a raw key derived as the backend does (a fresh salt), then opened with the passphrase and
checked (integrity_check, and the same number of rows in every table). Only then is the plain
file moved aside (`<name>.plain-<time>`), the copy moved into its place (an atomic rename), and
the plain file overwritten with zeros, flushed to disk and removed, with its -wal and -shm. Any
failure before the rename removes the copy and leaves the plain file byte for byte as it was.

Plain backups of the same database in the backups folder are encrypted the same way: left as
they were, they would keep the whole caseload readable, and `workwell restore` would quietly
put an unencrypted file back.

Overwriting is the best a program can do: an SSD or a copy-on-write file system may keep old
blocks elsewhere. Full-disk encryption (BitLocker, FileVault) is what protects those.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workwell_tui.db.backends.sqlcipher import SqlcipherBackend
from workwell_tui.db.backends.sqlite import prepare_sqlite_file
from workwell_tui.db.errors import StoreError
from workwell_tui.db.paths import encrypted_url, file_state
from workwell_tui.domain.passphrase import passphrase_problem

if TYPE_CHECKING:
    from workwell_tui.db.store import Store

__all__ = [
    "Encrypted",
    "EncryptionError",
    "change_passphrase",
    "check_encrypted_copy",
    "encrypt_database",
    "reopen_encrypted",
    "shred",
]

_UNCHANGED = "Nothing has been changed: the unencrypted file is exactly as it was."
_CHUNK = 1 << 20
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class EncryptionError(StoreError):
    """The database could not be encrypted (or re-keyed); the message says why and what is left."""

    default_title = "Not encrypted"


@dataclass(frozen=True)
class Encrypted:
    """What encrypting did: the database, how many plain backups were encrypted too, and any
    plain file that could not be removed (the coach is told to delete it)."""

    database: Path
    backups: int = 0
    left_behind: tuple[Path, ...] = field(default=())

    def summary(self) -> str:
        """One or two sentences for the coach."""
        words = "Your caseload is now encrypted: the passphrase opens it."
        if self.backups == 1:
            words += " The earlier backup was encrypted too."
        elif self.backups:
            words += f" The {self.backups} earlier backups were encrypted too."
        if self.left_behind:
            names = ", ".join(path.name for path in self.left_behind)
            words += f" These unencrypted files could not be removed; delete them: {names}."
        return words


def encrypt_database(
    path: Path, passphrase: str, stamp: datetime, backup_dir: Path | None = None
) -> Encrypted:
    """Encrypt the plain database at `path` (and its plain backups in `backup_dir`) with
    `passphrase`. Nothing may have the file open (close the Store first)."""
    problem = passphrase_problem(passphrase)
    if problem is not None:
        raise EncryptionError(f"{problem} {_UNCHANGED}")
    state = file_state(path)
    if state == "encrypted":
        raise EncryptionError("This database is already encrypted. Nothing has been changed.")
    if state != "plain":
        raise EncryptionError(
            f"There is no unencrypted database to encrypt at {path} ({state}). Nothing has "
            "been changed."
        )
    left = list(_encrypt_file(path, passphrase, stamp))
    done = 0
    if backup_dir is not None and backup_dir.is_dir():
        for backup in sorted(backup_dir.glob(f"{path.stem}-*.sqlite3")):
            if file_state(backup) != "plain":
                continue
            try:
                left += _encrypt_file(backup, passphrase, stamp)
            except StoreError:
                left.append(backup)  # a damaged backup stays as it was; the coach is told
            else:
                done += 1
    return Encrypted(database=path, backups=done, left_behind=tuple(left))


def _encrypt_file(path: Path, passphrase: str, stamp: datetime) -> list[Path]:
    """Encrypt one plain file in place (checked copy, atomic swap, plain file shredded);
    returns the plain files that could not be removed."""
    partial = path.with_name(path.name + ".encrypting")
    backend = SqlcipherBackend(encrypted_url(partial))
    backend.unlock(passphrase)
    errors = backend.driver().DatabaseError
    try:
        _remove(partial)  # left by an interrupted run: encrypted, so nothing to shred
        prepare_sqlite_file(partial)  # 0600 before a byte is written
        counts = _export(backend, path, partial)
        if Path(str(path) + "-wal").exists():
            # The last connection to close removes the WAL; one still there means another
            # window has the file open, and what it wrote next would go to the plain file.
            raise EncryptionError(
                f"The database ({path.name}) is open in another WorkWell window, so it was not "
                f"encrypted. {_UNCHANGED} Close the other window and try again."
            )
        problems = check_encrypted_copy(backend, partial, counts)
        if problems:
            raise EncryptionError(
                "The encrypted copy did not pass its check "
                f"({'; '.join(problems[:3])}). {_UNCHANGED}"
            )
        _sync(partial)
    except errors:
        _remove(partial)
        raise EncryptionError(
            f"The database ({path.name}) could not be read to encrypt it: it may be damaged or "
            f"in use by another WorkWell window. {_UNCHANGED}"
        ) from None
    except OSError as error:
        _remove(partial)
        raise EncryptionError(
            f"The encrypted copy could not be written beside {path.name} ({error.strerror}). "
            f"{_UNCHANGED}"
        ) from None
    except BaseException:
        _remove(partial)
        raise
    aside = path.with_name(f"{path.name}.plain-{stamp:%Y%m%d-%H%M%S}")
    _swap(path, partial, aside)
    left = []
    for suffix in ("", "-wal", "-shm"):
        plain = Path(str(aside) + suffix)
        try:
            shred(plain)
        except OSError:
            left.append(plain)
    return left


def _export(backend: SqlcipherBackend, source: Path, target: Path) -> dict[str, int]:
    """Copy `source` into the empty file `target`, encrypted; returns the source's row counts.

    The source is first checked (integrity_check, and a workwell-tui schema). The export and the
    counts run in one write transaction, so no other writer slips a row in between them.
    """
    connection = backend.driver().connect(str(source), timeout=5, isolation_level=None)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        found = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        if found != ["ok"]:
            raise EncryptionError(
                f"The database ({source.name}) did not pass SQLite's integrity check, so it was "
                f"not encrypted. {_UNCHANGED} Restore it from a backup first."
            )
        if "alembic_version" not in _tables(connection):
            raise EncryptionError(
                f"{source.name} is not a workwell-tui database, so it was not encrypted. "
                "Nothing has been changed."
            )
        # The key is a bound value: ATTACH takes one, unlike PRAGMA key. Raw key, then salt.
        raw = "x'" + backend.raw_key(target, new=True).hex() + "'"
        connection.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(target), raw))
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("SELECT sqlcipher_export('encrypted')")
            counts = _counts(connection)
            connection.execute("COMMIT")
        finally:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            connection.execute("DETACH DATABASE encrypted")
    finally:
        connection.close()
    return counts


def check_encrypted_copy(
    backend: SqlcipherBackend, path: Path, counts: dict[str, int]
) -> list[str]:
    """What is wrong with the encrypted copy at `path`: it must open with the passphrase, pass
    integrity_check and hold as many rows in every table as the original (empty when sound)."""
    if file_state(path) != "encrypted":
        return ["the copy is not encrypted"]
    connection = backend.connect_file(path, read_only=True)
    try:
        found = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        problems = [] if found == ["ok"] else found
        copied = _counts(connection)
    finally:
        connection.close()
    problems += [f"{name} has other rows" for name in counts if copied.get(name) != counts[name]]
    problems += [f"{name} was not in the original" for name in copied if name not in counts]
    return problems


def _tables(connection: Any) -> list[str]:
    query = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
    return [str(row[0]) for row in connection.execute(query)]


def count_statement(table: str) -> str:
    """`SELECT count(*) FROM table`. A table name cannot be a bound parameter, so this is the one
    place one is built: only plain identifiers (as every table of ours is) get through."""
    if not _IDENTIFIER.fullmatch(table):
        raise EncryptionError(
            f"The database has a table this app did not make, so it was not encrypted. {_UNCHANGED}"
        )
    return "SELECT count(*) FROM " + table


def _counts(connection: Any) -> dict[str, int]:
    """Rows in every table (names from sqlite_master)."""
    return {
        name: int(connection.execute(count_statement(name)).fetchone()[0])
        for name in _tables(connection)
    }


def _swap(path: Path, partial: Path, aside: Path) -> None:
    """Move the plain file (and any -wal, -shm) aside and the checked copy into its place; if
    the copy cannot take its place, the plain file goes back."""
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in ("", "-wal", "-shm"):
            part = Path(str(path) + suffix)
            if part.exists():
                os.replace(part, Path(str(aside) + suffix))
                moved.append((part, Path(str(aside) + suffix)))
        os.replace(partial, path)
    except OSError as error:
        for original, kept in reversed(moved):
            os.replace(kept, original)
        _remove(partial)
        raise EncryptionError(
            f"The encrypted copy could not take the place of {path.name} ({error.strerror}). "
            f"{_UNCHANGED}"
        ) from None
    _sync_folder(path.parent)


def shred(path: Path) -> None:
    """Overwrite a file with zeros, flush it to disk, then remove it (nothing if missing)."""
    if not path.exists():
        return
    size = path.stat().st_size
    with path.open("r+b") as handle:
        written = 0
        zeros = bytes(_CHUNK)
        while written < size:
            step = min(_CHUNK, size - written)
            handle.write(zeros[:step])
            written += step
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()
    _sync_folder(path.parent)


def _remove(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _sync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    """Make a rename or removal in `folder` durable (POSIX; Windows has no folder handles)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# Opening the result, and changing the passphrase ------------------------------------------------


def reopen_encrypted(store: Store, passphrase: str) -> Store:
    """A Store on the database `store` had open, now encrypted, opened with `passphrase`."""
    from workwell_tui.db.store import Store

    path = store.backend.database_file
    if path is None:
        raise EncryptionError("Only a database file can be encrypted.")
    opened = Store(
        settings=store.settings,
        actor=store.actor,
        url=encrypted_url(path),
        backup_dir=store.backup_dir,
        config_dir=store.config_dir,
    )
    opened.backend.unlock(passphrase)
    opened.backend.check_key()
    return opened


def change_passphrase(store: Store, current: str, new: str) -> None:
    """Re-key the encrypted database `store` has open from `current` to `new`; the Store keeps
    working with the new key. WrongPassphrase when `current` does not open it."""
    backend = store.backend
    if not isinstance(backend, SqlcipherBackend) or backend.path is None:
        raise EncryptionError(
            "This database is not encrypted, so it has no passphrase to change. Encrypt it "
            "first. Nothing has been changed."
        )
    problem = passphrase_problem(new)
    if problem is not None:
        raise EncryptionError(f"{problem} Nothing has been changed.")
    probe = SqlcipherBackend(backend.url)
    probe.unlock(current)
    probe.check_key()  # WrongPassphrase: said beside the current passphrase
    if new == current:
        raise EncryptionError(
            "The new passphrase is the same as the current one. Nothing has been changed."
        )
    store.forget_engine()  # its URL carries the old key
    backend.rekey(None, new)
