"""Structured logs: every line one JSON object, from the skill, gunicorn's error log and its access log.
The formatter itself is ``skill.core.logs.JsonFormatter`` (the Lambda entry prints the same lines
without gunicorn); this module is the web server's part.

``deploy/gunicorn.conf.py`` installs ``LOGGING`` (``logconfig_dict``) and ``GunicornLogger``, so
`make run` and production print the same lines. The fields a record carries in ``extra`` become
top-level keys; callers must not put personal words there (see skill/core/observe.py).
"""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger as _GunicornLogger

from skill.core.logs import JsonFormatter

__all__ = ["LOGGING", "GunicornLogger", "JsonFormatter"]

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "skill.core.logs.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}},
    "root": {"level": "INFO", "handlers": ["stdout"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
    },
}


class GunicornLogger(_GunicornLogger):  # type: ignore[misc]  # gunicorn ships no type hints
    """Gunicorn's logger with a structured access line (no query string: it is never needed here)."""

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if not self.access_log_enabled:
            return
        status = resp.status
        if isinstance(status, str):
            status = status.split(None, 1)[0]
        self.access_log.info(
            "http",
            extra={
                "method": environ.get("REQUEST_METHOD"),
                "path": environ.get("PATH_INFO"),
                "status": int(status),
                "bytes": getattr(resp, "sent", None),
                "duration_ms": round(request_time.total_seconds() * 1000, 1),
                "remote": environ.get("REMOTE_ADDR"),
                "user_agent": environ.get("HTTP_USER_AGENT"),
            },
        )
