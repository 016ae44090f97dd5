"""Respondents under load: the real server (gunicorn, 2 workers) on loopback.

Per database (SQLite, then PostgreSQL when one answers): 1,000 respondents, 50 at a
time, each opening their personal link, consenting, answering every page and
submitting. Counted: what the server acknowledged and what is stored afterwards.
The ceiling: the same server and client against a minimal Django view (/healthz).

Per phase the CPU time of the server's processes and of PostgreSQL's is counted from
/proc (whole process trees, so backends whose connection closed during the phase count
too: ``CPU_METHOD``), per request: the ratio to the ceiling is, roughly, the ceiling's
CPU per request over the respondents', because server, database and this load
generator share the machine's cores.

BENCH_RESPONDENTS makes a smaller run; DATABASE_CONN_MAX_AGE is passed to the server.
"""

import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESPONDENTS = int(os.environ.get("BENCH_RESPONDENTS", 1000))
CONCURRENCY = 50
PORT = 8765
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/thermometer_bench")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SETUP = """
import django, sys
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from thermometer.questionnaires.generation import generate_questionnaires
from thermometer.questionnaires.services import create_invitations, open_questionnaire
from thermometer.participants.models import Participant
from thermometer.testing import factories
scan = factories.make_scan(title="Bench")
made = generate_questionnaires(scan, user=scan.created_by)
questionnaire = next(q for q in made if q.template_key == "gemeente")
open_questionnaire(questionnaire, user=scan.created_by)
Participant.objects.bulk_create(
    Participant(scan=scan, number=i + 1, layer="beleid", actor="gemeente")
    for i in range(int(sys.argv[1]))
)
create_invitations(questionnaire, user=scan.created_by)
pages = sorted(set(questionnaire.items.values_list("page", flat=True)))
items = {p: [(i.key, i.type) for i in questionnaire.items.filter(page=p)] for p in pages}
for token in questionnaire.invitations.values_list("token", flat=True):
    print(token)
print("ITEMS", repr(items))
"""
COUNT = """
import django
django.setup()
from thermometer.questionnaires.models import Answer, Response
print(Response.objects.filter(submitted_at__isnull=False).count(), Answer.objects.count())
"""


STATIC = tempfile.mkdtemp(prefix="thermometer-bench-static-")
COLLECT = """
import django
django.setup()
from django.core.management import call_command
call_command("collectstatic", interactive=False, verbosity=0)
"""


def _env(database_url):
    return {
        "STATIC_ROOT": STATIC,
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "thermometer.conf.base",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "PYTHONPATH": str(ROOT),
    }


def _python(code, env, *args):
    result = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, cwd=ROOT
    )
    if result.returncode:
        raise RuntimeError(result.stderr[-2000:])
    return result.stdout


class Client:
    """One respondent: a connection and the cookies the server set."""

    def __init__(self, latencies):
        self.connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        self.cookies = {}
        self.latencies = latencies

    def request(self, method, path, body=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://127.0.0.1:{PORT}"
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read().decode("utf-8", "replace")
        except (http.client.HTTPException, OSError):
            self.connection.close()
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read().decode("utf-8", "replace")
        self.latencies.append((time.perf_counter() - started) * 1000)
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, data, response.getheader("Location")


def _encode(pairs):
    from urllib.parse import urlencode

    return urlencode(pairs)


def respondent(token, items, latencies) -> bool:
    client = Client(latencies)
    base = f"/v/{token}/"
    status, html, _ = client.request("GET", base)
    csrf = CSRF.search(html).group(1)
    status, _, location = client.request(
        "POST", base, _encode({"csrfmiddlewaretoken": csrf, "consent": "yes"})
    )
    for page, questions in items.items():
        path = f"/v/{token}/page/{page}/"
        status, html, _ = client.request("GET", path)
        csrf = CSRF.search(html).group(1)
        answers = [("csrfmiddlewaretoken", csrf), ("go", "next")]
        for key, kind in questions:
            value = {"agreement": "4", "grade": "7"}.get(kind, "Zelfredzaamheid vergroten")
            answers.append((f"a-{key}", value))
        status, _, location = client.request("POST", path, _encode(answers))
        if status != 302:
            return False
    status, html, _ = client.request("GET", f"/v/{token}/submit/")
    csrf = CSRF.search(html).group(1)
    status, _, location = client.request(
        "POST", f"/v/{token}/submit/", _encode({"csrfmiddlewaretoken": csrf})
    )
    status, html, _ = client.request("GET", base)
    return status == 200 and "Bedankt voor uw antwoorden" in html


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _processes() -> dict:
    """pid -> (parent pid, name, own CPU seconds, CPU seconds of its reaped children)."""
    found = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/comm") as handle:
                name = handle.read().strip()
        except OSError:
            continue
        own = (int(fields[11]) + int(fields[12])) / _TICKS  # utime + stime
        reaped = (int(fields[13]) + int(fields[14])) / _TICKS  # cutime + cstime
        found[int(entry)] = (int(fields[1]), name, own, reaped)
    return found


CPU_METHOD = (
    "CPU seconds from /proc before and after each phase, of whole process trees: the live "
    "processes' utime+stime plus their parent's cutime+cstime, so a process that ended "
    "during the phase still counts. Server: the gunicorn master and its workers. "
    "Database: every PostgreSQL process on the machine (backends, also those that closed "
    "when their connection reached DATABASE_CONN_MAX_AGE, and the background processes), "
    "through the postmaster, which reaps its backends; work of other databases on the "
    "same server would count too."
)


def _cpu_seconds(server_pid: int) -> dict:
    """CPU seconds used so far by the server (master and workers) and by PostgreSQL,
    including processes that have ended: those are in the CPU of their parent's reaped
    children (a backend whose connection closed is reaped by the postmaster)."""
    used = {"server": 0.0, "database": 0.0, "database_ended": 0.0}
    processes = _processes()
    for pid, (parent, name, own, reaped) in processes.items():
        if pid == server_pid:
            used["server"] += own + reaped
        elif parent == server_pid:
            used["server"] += own
        elif name.startswith("postgres"):
            # Only the postmaster (whose parent is no postgres) reaps the backends.
            postmaster = not processes.get(parent, (0, ""))[1].startswith("postgres")
            ended = reaped if postmaster else 0.0
            used["database"] += own + ended
            used["database_ended"] += ended
    return used


def _per_request(before: dict, after: dict, requests: int, key: str) -> float:
    return round((after[key] - before[key]) * 1000 / requests, 3)


def _share_ended(before: dict, after: dict) -> float | None:
    """The share of the database's CPU in the phase that backends which ended used: what
    counting only the processes alive at the end would have missed (about)."""
    total = after["database"] - before["database"]
    ended = after["database_ended"] - before["database_ended"]
    return round(ended / total, 2) if total > 0 else None


def _wait_for_port():
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", PORT), 0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def _ceiling(count):
    latencies = []

    def one(_):
        client = Client(latencies)
        for _ in range(10):
            client.request("GET", "/healthz")

    started = time.perf_counter()
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        list(pool.map(one, range(count // 10)))
    return count / (time.perf_counter() - started)


def run_one(database: str, url: str) -> dict:
    import resource

    env = _env(url)
    if not (Path(STATIC) / "staticfiles.json").exists():
        _python(COLLECT, env)
    lines = _python(SETUP, env, str(RESPONDENTS)).splitlines()
    items = eval(lines[-1].removeprefix("ITEMS "))  # noqa: S307 - our own repr from SETUP
    tokens = lines[:-1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "thermometer.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
            "--backlog",
            "2048",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        _wait_for_port()
        latencies: list[float] = []
        lock = threading.Lock()
        acknowledged = 0

        def task(token):
            nonlocal acknowledged
            ok = respondent(token, items, latencies)
            if ok:
                with lock:
                    acknowledged += 1

        client_cpu = resource.getrusage(resource.RUSAGE_SELF)
        cpu_before = _cpu_seconds(server.pid)
        started = time.perf_counter()
        with ThreadPoolExecutor(CONCURRENCY) as pool:
            list(pool.map(task, tokens))
        elapsed = time.perf_counter() - started
        cpu_after = _cpu_seconds(server.pid)
        after = resource.getrusage(resource.RUSAGE_SELF)
        client_seconds = (after.ru_utime + after.ru_stime) - (
            client_cpu.ru_utime + client_cpu.ru_stime
        )
        ceiling_requests = len(latencies) // 4
        ceiling = _ceiling(ceiling_requests)
        cpu_ceiling = _cpu_seconds(server.pid)
    finally:
        server.terminate()
        server.wait(10)
    stored, answers = map(int, _python(COUNT, env).split())
    latencies.sort()
    throughput = len(latencies) / elapsed
    return {
        "database": database,
        "respondents": len(tokens),
        "submitted": acknowledged,
        "stored": stored,
        "answers_stored": answers,
        "requests": len(latencies),
        "seconds": round(elapsed, 1),
        "throughput_rps": round(throughput, 1),
        "ceiling_rps": round(ceiling, 1),
        "ratio_to_ceiling": round(throughput / ceiling, 2),
        # The load generator shares the 2 cores with the server: its share, for reading the rest.
        "client_cpu_share": round(client_seconds / (elapsed * (os.cpu_count() or 2)), 2),
        "server_cpu_ms_per_request": _per_request(cpu_before, cpu_after, len(latencies), "server"),
        "ceiling_server_cpu_ms_per_request": _per_request(
            cpu_after, cpu_ceiling, ceiling_requests, "server"
        ),
        "database_cpu_ms_per_request": _per_request(
            cpu_before, cpu_after, len(latencies), "database"
        ),
        "ceiling_database_cpu_ms_per_request": _per_request(
            cpu_after, cpu_ceiling, ceiling_requests, "database"
        ),
        "database_cpu_share_of_ended_backends": _share_ended(cpu_before, cpu_after),
        "cpu_method": CPU_METHOD,
        "conn_max_age_s": int(env.get("DATABASE_CONN_MAX_AGE", 60)),
        "p50_ms": round(statistics.median(latencies), 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 1),
    }


def _fresh_postgres() -> bool:
    try:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute("DROP DATABASE IF EXISTS thermometer_bench")
            c.execute("CREATE DATABASE thermometer_bench")
        return True
    except Exception:  # noqa: BLE001 - no PostgreSQL here: the run is skipped, and says so
        return False


def run() -> list[dict]:
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        runs.append(run_one("sqlite", f"sqlite:///{folder}/bench.sqlite3"))
    if _fresh_postgres():
        runs.append(run_one("postgresql", PG_URL))
    else:
        runs.append({"database": "postgresql", "skipped": "no PostgreSQL on 127.0.0.1:5432"})
    return runs
