"""A throwaway PostgreSQL cluster from Debian's postgresql package, for the tests and the benchmark.

initdb in a temporary folder (as the `postgres` user when we are root: initdb refuses root), trust authentication,
listening on 127.0.0.1 on a free port and on a socket inside that folder; stopped and deleted at the end.
"""

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

PACKAGE_BINARIES = Path("/usr/lib/postgresql")
SETTINGS = {  # a throwaway cluster: durability off, small and quick
    "listen_addresses": "127.0.0.1", "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
    "max_connections": "200", "shared_buffers": "128MB",
}


class ClusterUnavailable(RuntimeError):
    """PostgreSQL's server binaries are not installed (make test installs Debian's postgresql)."""


def binaries() -> Path:
    """The bin folder of the newest PostgreSQL server installed by the Debian package."""
    found = sorted(PACKAGE_BINARIES.glob("*/bin/initdb"), key=lambda p: (len(p.parts[-3]), p.parts[-3]))
    if not found:
        raise ClusterUnavailable(f"no PostgreSQL server under {PACKAGE_BINARIES}: install Debian's postgresql package")
    return found[-1].parent


@contextmanager
def cluster() -> Iterator[str]:
    """Start a new cluster; yield the URL of its `postgres` database as the superuser; stop and delete it after."""
    bin_dir = binaries()
    folder = Path(tempfile.mkdtemp(prefix="migdash-pg-"))
    data = folder / "data"
    as_owner = _owner_command(folder)
    port = _free_port()
    try:
        _run([*as_owner, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
              "--locale=C.UTF-8"])
        options = " ".join(f"-c {key}={value}" for key, value in {**SETTINGS, "port": port,
                                                                   "unix_socket_directories": folder}.items())
        _run([*as_owner, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-w",
              "-o", options, "start"])
        try:
            url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
            with psycopg.connect(url, autocommit=True):
                pass
            yield url
        finally:
            subprocess.run([*as_owner, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                           capture_output=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def new_database(url: str, name: str) -> str:
    """Create an empty database on the cluster of `url`; return its URL."""
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        con.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


def _owner_command(folder: Path) -> list[str]:
    """The command prefix that runs the server's tools as a non-root user owning `folder`."""
    if os.geteuid() != 0:
        return []
    shutil.chown(folder, "postgres", "postgres")
    return ["runuser", "-u", "postgres", "--"]


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise ClusterUnavailable(f"{Path(command[-1]).name if command else ''} failed: {done.stderr or done.stdout}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
