"""Private PostgreSQL and Redis servers that the fault tests may stop, kill and restart.

The PostgreSQL server on 5432 and the Redis server on 6379 are shared with other people and with CI: a fault test
never touches them. It makes its own servers on free ports, in temporary directories, and removes them afterwards.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import redis

REDIS_SERVER = "redis-server"
POSTGRES_BIN_GLOB = "/usr/lib/postgresql/*/bin"
# initdb and the server refuse to run as root: as root, they run as this operating-system user.
POSTGRES_OS_USER = "postgres"
SERVER_START_SECONDS = 30


class ServerMissing(Exception):
    """A binary or account the private servers need is not on this machine (the fault tests skip)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def postgres_bin_dir() -> Path:
    """The newest installed PostgreSQL's binaries (Debian keeps them out of PATH), or those on PATH."""
    candidates = sorted(
        (path for path in Path("/").glob(POSTGRES_BIN_GLOB.lstrip("/")) if (path / "initdb").exists()),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
    )
    if candidates:
        return candidates[-1]
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).parent
    raise ServerMissing(f"PostgreSQL's initdb and pg_ctl are not installed (looked in {POSTGRES_BIN_GLOB} and PATH)")


@dataclass
class PrivateRedis:
    """A Redis server of our own, without persistence: stopping it loses every queued message, as a crash would."""

    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def client(self, db: int = 0) -> redis.Redis:
        return redis.Redis.from_url(self.url(db))

    def start(self) -> None:
        binary = shutil.which(REDIS_SERVER)
        if binary is None:
            raise ServerMissing(f"{REDIS_SERVER} is not installed")
        # A session of its own: a Ctrl-C meant for pytest does not reach it, and killpg reaches only it.
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command line
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + SERVER_START_SECONDS
        with self.client() as client:
            while True:
                try:
                    client.ping()
                    return
                except redis.ConnectionError:
                    if self.process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"the private Redis on port {self.port} did not start") from None
                    time.sleep(0.05)

    def stop(self) -> None:
        """Stops the server as an operator (or a crash) would; what it held in memory is gone."""
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process = None


@dataclass
class PrivatePostgres:
    """A PostgreSQL cluster of our own in a temporary directory, trusting local connections, tuned for tests."""

    bin_dir: Path
    root: Path
    port: int = field(default_factory=free_port)

    @classmethod
    def create(cls) -> PrivatePostgres:
        bin_dir = postgres_bin_dir()
        root = Path(tempfile.mkdtemp(prefix="newsbase-faults-postgres-"))
        server = cls(bin_dir=bin_dir, root=root)
        try:
            if os.geteuid() == 0:
                try:
                    owner = pwd.getpwnam(POSTGRES_OS_USER)
                except KeyError:
                    raise ServerMissing(f"running as root needs the {POSTGRES_OS_USER!r} account for initdb") from None
                if shutil.which("runuser") is None:
                    raise ServerMissing("running as root needs runuser to run initdb as another user")
                os.chown(root, owner.pw_uid, owner.pw_gid)
            server._pg(
                "initdb", "--pgdata", str(server.data), "--username", "postgres", "--auth", "trust", "--encoding",
                "UTF8", "--locale", "C.UTF-8", "--no-sync",
            )  # fmt: skip
            server.start()
        except BaseException:
            server.remove()
            raise
        return server

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        # The server's output goes to a file, never to our pipe: a daemon holding the pipe would keep run() waiting.
        self._pg_ctl("start", "--log", str(self.log), "--options", self._server_options())

    def restart(self) -> None:
        """A fast restart: every open connection is cut, and new ones are refused until the server is back."""
        self._pg_ctl("restart", "--mode", "fast", "--log", str(self.log), "--options", self._server_options())

    def execute(self, sql: str) -> None:
        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(sql.encode())

    def remove(self) -> None:
        """Stops the server (if it runs) and deletes its directory."""
        if (self.data / "postmaster.pid").exists():
            try:
                self._pg_ctl("stop", "--mode", "immediate")
            except (RuntimeError, subprocess.SubprocessError, OSError):
                self._kill_postmaster()
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, characters: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-characters:] if self.log.exists() else ""

    def _server_options(self) -> str:
        # Durability is not what these tests are about: without fsync the cluster starts and restarts in a second.
        return (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
            " -c full_page_writes=off -c max_connections=60"
        )

    def _pg_ctl(self, action: str, *options: str) -> None:
        self._pg("pg_ctl", action, "--pgdata", str(self.data), "--wait", "--timeout", str(SERVER_START_SECONDS),
                 *options)  # fmt: skip

    def _pg(self, program: str, *arguments: str) -> None:
        as_owner = ["runuser", "-u", POSTGRES_OS_USER, "--"] if os.geteuid() == 0 else []
        completed = subprocess.run(  # noqa: S603 - PostgreSQL's own binaries, arguments we built
            [*as_owner, str(self.bin_dir / program), *arguments],
            cwd=self.root, capture_output=True, text=True, timeout=SERVER_START_SECONDS + 30, start_new_session=True,
            check=False,
        )  # fmt: skip
        if completed.returncode:
            raise RuntimeError(
                f"{program} {' '.join(arguments[:1])} failed ({completed.returncode}):\n{completed.stdout}"
                f"{completed.stderr}\n{self.log_tail()}"
            )

    def _kill_postmaster(self) -> None:
        try:
            pid = int((self.data / "postmaster.pid").read_text().split("\n", 1)[0])
            os.kill(pid, signal.SIGKILL)
        except (OSError, ValueError):
            pass
