"""Gunicorn settings shared by `make run`, the benchmark and production."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8080')}"
# I/O-bound (DynamoDB round trips): a few processes, each with threads.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
# Alexa gives up after 8 s; a request still running at 6 s is better ended than left hanging.
timeout = 6
graceful_timeout = 10
keepalive = 5
# Several servers on one machine must not share gunicorn's default control socket.
control_socket_disable = True
accesslog = "-"
errorlog = "-"
