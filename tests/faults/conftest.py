"""Fault tests run the system as a user would, on private servers they are free to break.

Each test gets a PostgreSQL database of its own (copied from a migrated template holding the companies the stories
name) in a private cluster, a private Redis, and helpers to start real `celery -A newsbase worker` and
`manage.py ingest` processes against them. Every process, server and directory is removed at the end, pass or fail.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import environ
import pytest
from django.db import InterfaceError, OperationalError, connections
from pytest_django import DjangoDbBlocker

from tests.articles.test_worker_faults import (
    CELERY,
    STORY_COMPANIES,
    VISIBILITY_TIMEOUT,
    WORKER_ARGS,
    starter_companies,
)
from tests.faults.servers import PrivatePostgres, PrivateRedis, ServerMissing

ROOT = Path(__file__).resolve().parents[2]
MANAGE = ROOT / "manage.py"
TEMPLATE_DATABASE = "newsbase_faults_template"
# The Django connection alias of the database a fault test reads: the test database (default) is not involved.
ALIAS = "faults"
SETUP_SECONDS = 180
_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PrivatePostgres]:
    try:
        server = PrivatePostgres.create()
    except ServerMissing as missing:
        pytest.skip(f"fault tests need a private PostgreSQL server: {missing}")
    yield server
    server.remove()


@pytest.fixture(scope="session")
def template_database(postgres_server: PrivatePostgres, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated database holding the starter companies the synthetic stories name; each test gets a copy."""
    postgres_server.execute(f"CREATE DATABASE {TEMPLATE_DATABASE}")
    companies = tmp_path_factory.mktemp("faults") / "companies.json"
    companies.write_text(json.dumps({"companies": starter_companies(STORY_COMPANIES)}), encoding="utf-8")
    environment = service_environment(database_url=postgres_server.url(TEMPLATE_DATABASE), broker_url="")
    for command in (["migrate", "--no-input"], ["load_companies", str(companies)]):
        completed = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, str(MANAGE), *command, "--verbosity", "0"],
            cwd=ROOT, env=environment, timeout=SETUP_SECONDS, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if completed.returncode:
            pytest.fail(f"manage.py {command[0]} failed on the private server:\n{completed.stderr[-3000:]}")
    return TEMPLATE_DATABASE


def service_environment(*, database_url: str, broker_url: str, cache_url: str = "") -> dict[str, str]:
    """The environment of a worker or CLI process: only the private servers, whatever this shell points at."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("CELERY_")}
    environment.update(
        DATABASE_URL=database_url,
        CELERY_BROKER_URL=broker_url,
        REDIS_URL=cache_url,
        # A message a killed worker held comes back after this long (the default, 600 s, is for production).
        CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT),
        PYTHONUNBUFFERED="1",
    )
    return environment


@dataclass
class Command:
    """A `manage.py` process; its output goes to files in the test's log folder."""

    process: subprocess.Popen[bytes]
    stdout: Path
    stderr: Path

    def output(self) -> tuple[str, str]:
        return self.stdout.read_text(errors="replace"), self.stderr.read_text(errors="replace")


@dataclass
class FaultServices:
    """A test's private servers and the processes it started against them."""

    postgres: PrivatePostgres
    redis: PrivateRedis
    database: str
    logs: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def environment(self) -> dict[str, str]:
        return service_environment(
            database_url=self.postgres.url(self.database),
            broker_url=self.redis.url(0),
            cache_url=self.redis.url(1),
        )

    def start_worker(self, *, concurrency: int = 1) -> subprocess.Popen[bytes]:
        arguments = list(WORKER_ARGS)
        arguments[arguments.index("--concurrency") + 1] = str(concurrency)
        log = self.logs / f"worker-{len(self.processes) + 1}.log"
        worker = self._start([str(CELERY), *arguments], stdout=log, stderr=log)
        self.workers.append(worker)
        return worker

    def start_ingest(self, *arguments: str) -> Command:
        """`manage.py ingest ... --no-progress`, as a user runs it, following the run until it is done."""
        number = len(self.processes) + 1
        stdout, stderr = self.logs / f"ingest-{number}.out.log", self.logs / f"ingest-{number}.err.log"
        command = [sys.executable, str(MANAGE), "ingest", *arguments, "--no-progress"]
        # Only warnings in the log: what the command itself says to its user is what these tests read.
        process = self._start(command, stdout=stdout, stderr=stderr, LOG_LEVEL="WARNING")
        return Command(process, stdout, stderr)

    def restart_postgres(self) -> None:
        self.postgres.restart()
        connections[ALIAS].close()  # the restart cut this test's connection too

    def wait_until(self, condition: Callable[[], bool], *, seconds: float, what: str) -> None:
        """Waits for `condition`, read from the database even while it restarts; fails with every log on time-out
        or when every worker started has exited."""
        deadline = time.monotonic() + seconds
        while not self._holds(condition):
            if self.workers and not any(worker.poll() is None for worker in self.workers):
                self.fail(f"every worker exited waiting for {what}")
            if time.monotonic() > deadline:
                self.fail(f"timed out after {seconds:.0f} s waiting for {what}")
            time.sleep(0.2)

    def finish(self, command: Command, *, seconds: float) -> tuple[int, str, str]:
        """Waits for a CLI command to end; returns its exit code, standard output and standard error."""
        try:
            returncode = command.process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            self.fail(f"`{' '.join(map(str, command.process.args[2:]))}` did not end within {seconds:.0f} s")
        return (returncode, *command.output())

    def fail(self, problem: str) -> NoReturn:
        tails = "\n".join(
            f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}" for log in sorted(self.logs.glob("*.log"))
        )
        pytest.fail(f"{problem}\n{tails}\n--- postgres\n{self.postgres.log_tail(1500)}")

    def stop_all(self) -> None:
        """Kills every process group started, even one whose leader is gone (a worker's children may outlive it)."""
        for process in self.processes:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def _start(self, command: list[str], *, stdout: Path, stderr: Path, **environment: str) -> subprocess.Popen[bytes]:
        environment = {**self.environment, **environment}
        with stdout.open("ab") as out, stderr.open("ab") as err:
            # A session of its own makes the process a group leader: one killpg reaches a worker and its children.
            process = subprocess.Popen(  # noqa: S603 - our own virtualenv's programs, arguments we built
                command, cwd=ROOT, env=environment, stdout=out, stderr=err, start_new_session=True
            )
        self.processes.append(process)
        return process

    @staticmethod
    def _holds(condition: Callable[[], bool]) -> bool:
        try:
            return condition()
        except (OperationalError, InterfaceError):
            # The server is restarting: this connection is dead; the next look opens a new one.
            connections[ALIAS].close()
            return False


@pytest.fixture
def fault_services(
    postgres_server: PrivatePostgres, template_database: str, tmp_path: Path, django_db_blocker: DjangoDbBlocker
) -> Iterator[FaultServices]:
    database = f"newsbase_faults_{next(_database_numbers)}"
    postgres_server.execute(f"CREATE DATABASE {database} TEMPLATE {template_database}")
    redis_server = PrivateRedis()
    services = FaultServices(postgres=postgres_server, redis=redis_server, database=database, logs=tmp_path)
    connections.settings[ALIAS] = connections.configure_settings(
        {"default": environ.Env.db_url_config(postgres_server.url(database))}
    )["default"]
    try:
        try:
            redis_server.start()
        except ServerMissing as missing:
            pytest.skip(f"fault tests need a private Redis server: {missing}")
        with django_db_blocker.unblock():
            yield services
    finally:
        services.stop_all()
        redis_server.stop()
        connections[ALIAS].close()
        del connections[ALIAS]
        del connections.settings[ALIAS]
        postgres_server.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
