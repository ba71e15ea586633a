"""Which store a setting names: a DuckDB file (the default, one machine) or a PostgreSQL database (a team)."""

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PATH = ROOT / "data" / "warehouse" / "migdash.duckdb"
SETTING = "MIGDASH_WAREHOUSE"
SECRETS = Path(".streamlit") / "secrets.toml"  # read from the working directory, as Streamlit does; never committed
URL_SCHEMES = ("postgresql://", "postgres://")


@dataclass(frozen=True)
class PostgresStore:
    """A warehouse in a PostgreSQL database; files kept beside a store (logs, download cache) stay on this machine."""

    url: str

    def __str__(self) -> str:
        """The URL without its password, as messages and logs show it."""
        parts = urlsplit(self.url)
        if parts.password is None:
            return self.url
        return parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1)).geturl()

    @property
    def name(self) -> str:
        """A file-name-safe label of the database (host, port, database; never the password)."""
        parts = urlsplit(self.url)
        label = f"{parts.hostname or 'local'}-{parts.port or 5432}-{parts.path.strip('/') or 'postgres'}"
        return "postgres-" + re.sub(r"[^A-Za-z0-9._-]", "_", label)

    @property
    def parent(self) -> Path:
        """The local folder for the files kept beside this store (one per database)."""
        return DEFAULT_PATH.parent / self.name

    def with_name(self, name: str) -> Path:
        """A local file beside the store, as Path.with_name gives one beside a DuckDB file."""
        return self.parent / name


Store = Path | PostgresStore


def locate(explicit: str | os.PathLike | None = None) -> Store:
    """The store to use: the explicit value, else $MIGDASH_WAREHOUSE, else .streamlit/secrets.toml, else the default."""
    chosen = explicit or os.environ.get(SETTING) or _from_secrets() or DEFAULT_PATH
    if isinstance(chosen, PostgresStore):
        return chosen
    if str(chosen).startswith(URL_SCHEMES):
        return PostgresStore(str(chosen))
    return Path(chosen).resolve()


def setting(store: Store) -> str:
    """The value of MIGDASH_WAREHOUSE or --warehouse that names the store (a URL keeps its password)."""
    return store.url if isinstance(store, PostgresStore) else str(store)


def is_postgres(store: Store) -> bool:
    """True for a PostgreSQL store."""
    return isinstance(store, PostgresStore)


def _from_secrets() -> str | None:
    """MIGDASH_WAREHOUSE from the deployment's secrets file, if it has one."""
    try:
        with open(SECRETS, "rb") as handle:
            value = tomllib.load(handle).get(SETTING)
    except (OSError, tomllib.TOMLDecodeError):
        return None
    return value if isinstance(value, str) and value else None
