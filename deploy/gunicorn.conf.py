"""Gunicorn settings shared by `make run`, the tests, the container and production.

Every number can be overridden from the environment; the defaults are sized for the skill's work:
short requests that mostly wait on one or two DynamoDB round trips.
"""

import os
import signal
from pathlib import Path
from typing import Any

from skill.web.logs import LOGGING, GunicornLogger


def cpu_count() -> int:
    """CPUs this process may use: the affinity mask, capped by a container's cgroup v2 CPU quota."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            cpus = min(cpus, max(1, -(-int(quota) // int(period))))
    except (OSError, ValueError):
        pass
    return max(1, cpus)


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8080')}"

# I/O-bound (DynamoDB round trips): a process per CPU plus one, each with a few threads, so a
# worker waiting on the network still serves others. WEB_CONCURRENCY / GUNICORN_THREADS override.
# gthread, except that a thread gets a request only once all of it has arrived (skill/web/worker.py).
worker_class = "skill.web.worker.BufferingThreadWorker"
workers = _int("WEB_CONCURRENCY", cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 4)

# Alexa gives up on a request after 8 s. The DynamoDB client's own timeouts end a slow call well
# before that (skill/store/client.py); a worker silent for 6 s is stuck and gets replaced.
timeout = _int("GUNICORN_TIMEOUT", 6)
# On SIGTERM (a deploy, a container stop) the health check answers 503 and the listeners close at
# once (post_worker_init below; docs/operations.md, "Stopping"), what is in flight finishes (each
# request is done within Alexa's 8 s), then the server exits. Container runtimes wait 10 s before
# SIGKILL: stay under it.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 9)
# Longer than a load balancer's idle timeout (60 s on AWS ALB) so it never reuses a closed connection.
keepalive = _int("GUNICORN_KEEPALIVE", 75)
# Replace each worker now and then (staggered) so slow leaks cannot accumulate.
max_requests = _int("GUNICORN_MAX_REQUESTS", 10000)
max_requests_jitter = max_requests // 10

# The HTTPS terminator in front of us sets X-Forwarded-*; trust it only from the addresses given.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Workers' heartbeat files on tmpfs when there is one (containers' overlay disks can stall them).
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"

# Several servers on one machine must not share gunicorn's default control socket.
control_socket_disable = True

# One JSON object per line: the skill's request lines, gunicorn's messages and its access log.
logger_class = GunicornLogger
logconfig_dict = LOGGING
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")


def post_worker_init(worker: Any) -> None:
    """On SIGTERM: /healthz turns 503 at once, and the listening sockets close at once, so a new
    connection is refused before any byte is read instead of waiting in the kernel's queue until the
    worker exits and being reset. Connections already queued are accepted and served first."""
    from skill.web import flask_app as web

    stop = worker.handle_exit

    def on_term(sig: int, frame: Any) -> None:
        web.STOPPING.set()
        queue = getattr(worker, "method_queue", None)
        if queue is not None:  # gthread: close from the worker's own loop, which this wakes
            queue.defer(lambda: _close_listeners(worker))
        stop(sig, frame)

    signal.signal(signal.SIGTERM, on_term)


def _close_listeners(worker: Any) -> None:
    from gunicorn.workers.gthread import TConn

    if getattr(worker, "_accepting", False):
        worker.set_accept_enabled(False)
    for listener in worker.sockets:
        listener.setblocking(False)
        while True:  # what the kernel already queued reached us: serve it
            try:
                client, address = listener.accept()
            except OSError:
                break
            worker.nr_conns += 1
            client.setblocking(True)
            worker.enqueue_req(TConn(worker.cfg, client, address, listener.getsockname()))
        listener.close()
