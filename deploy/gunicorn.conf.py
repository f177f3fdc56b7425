"""Gunicorn settings shared by `make run`, the tests, the container and production.

Every number can be overridden from the environment; the defaults are sized for the skill's work:
short requests that mostly wait on one or two DynamoDB round trips.
"""

import os
from pathlib import Path

from skill.logs import LOGGING, GunicornLogger


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
worker_class = "gthread"
workers = _int("WEB_CONCURRENCY", cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 4)

# Alexa gives up on a request after 8 s. The DynamoDB client's own timeouts end a slow call well
# before that (skill/store/client.py); a worker silent for 6 s is stuck and gets replaced.
timeout = _int("GUNICORN_TIMEOUT", 6)
# On SIGTERM (a deploy, a container stop) stop accepting, finish what is in flight (each request is
# done within Alexa's 8 s), then exit. Container runtimes wait 10 s before SIGKILL: stay under it.
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
