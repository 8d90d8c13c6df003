"""A throwaway PostgreSQL server for the tests that need a real one (migrations, triggers, a server
that goes away), started once per test process in a temporary folder on a free port.

The server binaries are looked for where Debian puts them (/usr/lib/postgresql/N/bin), then on
PATH. Without them (or without psycopg) the tests are skipped, which is fine on a laptop; CI sets
WORKWELL_REQUIRE_POSTGRES=1, and then a missing server is a failure, not a skip, so a broken
install can never turn the PostgreSQL tests silently off. PostgreSQL refuses to run as root: as
root the cluster belongs to the `postgres` user (made by the Debian package) and its commands run
through `runuser`. The cluster is for tests only: no fsync, no full-page writes, trust login on
127.0.0.1, and it is removed at the end of the session.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import NoReturn

import pytest

__all__ = ["REQUIRE", "PostgresServer", "find_bin_dir", "missing", "postgres_server"]

REQUIRE = "WORKWELL_REQUIRE_POSTGRES"
USER = "workwell"
# No fsync: fast, and safe enough for a test server (only an OS crash loses anything). Not
# synchronous_commit=off: that loses the last commits when the server is killed (`stopped`).
_FAST = (
    "-c fsync=off -c full_page_writes=off "
    "-c listen_addresses=127.0.0.1 -c max_connections=40 -c shared_buffers=16MB"
)


def find_bin_dir() -> Path | None:
    """The folder holding initdb and pg_ctl (the newest Debian version first), or None."""
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if debian:
        return debian[-1].parent
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


def missing(reason: str) -> NoReturn:
    """Skip for `reason`, or fail where WORKWELL_REQUIRE_POSTGRES=1 (CI) says these must run."""
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(f"{reason}, and {REQUIRE}=1 says the PostgreSQL tests must run", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """A PostgreSQL cluster of our own: start, stop, and a fresh database per test."""

    def __init__(self, bin_dir: Path, folder: Path) -> None:
        self.bin_dir = bin_dir
        self.folder = folder
        self.data = folder / "data"
        self.log = folder / "server.log"
        self.port = 0
        # As root, PostgreSQL's commands must run as another user.
        self.run_as: list[str] = []
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            runuser = shutil.which("runuser")
            if runuser is None:
                missing("running as root and no runuser to start PostgreSQL as another user")
            self.run_as = [str(runuser), "-u", "postgres", "--"]
            shutil.chown(folder, user="postgres")

    def _run(self, *command: str) -> None:
        done = subprocess.run(
            [*self.run_as, *command], capture_output=True, text=True, timeout=120, check=False
        )
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{command[0]} failed: {done.stderr[-2000:]}\n{log}")

    def init(self) -> None:
        """Make the cluster (about two seconds; once per test process)."""
        self._run(
            str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", USER, "-A", "trust",
            "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions",
        )  # fmt: skip

    def start(self) -> None:
        """Start (or start again) on a free port, waiting until it takes connections."""
        for attempt in range(3):
            self.port = self.port if attempt == 0 and self.port else _free_port()
            options = f"-p {self.port} -k {self.folder} {_FAST}"
            try:
                self._run(
                    str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                    "-w", "-t", "60", "-o", options, "start",
                )  # fmt: skip
                return
            except RuntimeError:
                if attempt == 2:
                    raise
                self.port = 0  # another process took the port first: try another

    def stop(self) -> None:
        """Stop at once (the tests never need a clean shutdown)."""
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")

    @contextmanager
    def stopped(self) -> Iterator[None]:
        """The server is down inside the block, and up again (same port) after it."""
        self.stop()
        try:
            yield
        finally:
            self.start()

    def url(self, database: str = "postgres") -> str:
        """A SQLAlchemy URL for `database` on this server (psycopg 3)."""
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A new empty database; returns its URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        conninfo = f"host=127.0.0.1 port={self.port} user={USER} dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name} TEMPLATE template0")
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for this test process (each xdist worker starts its own)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        missing("psycopg is not installed (pip install -e '.[test]' brings it)")
    bin_dir = find_bin_dir()
    if bin_dir is None:
        missing("no PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    folder = Path(tempfile.mkdtemp(prefix=f"workwell-pg-{worker}-"))
    folder.chmod(0o755)
    server = PostgresServer(bin_dir, folder)
    try:
        server.init()
        server.start()
        yield server
    finally:
        # Never started, or already stopped by a failed test: nothing to stop.
        with suppress(RuntimeError, OSError, subprocess.SubprocessError):
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
