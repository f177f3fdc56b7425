"""The composition root's web half: ``create_app``, the Flask app factory.

``gunicorn 'skill.app:create_app()'`` serves it; tests build their own app with ``test_config``.
It builds the runtime (skill/builder.py) and the verifier and hands both to the web seam
(skill/web/flask_app.py). The Lambda entry (skill/lambda_entry.py) is the other root.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask

from skill.builder import build_runtime
from skill.core.settings import Settings, SettingsError
from skill.web.flask_app import make_flask_app
from skill.web.verification import RequestVerifier

log = logging.getLogger("close_together.web")


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Defaults, then the environment, then the test override (SETTINGS, CATALOGUE, VERIFIER, STORE)."""
    overrides = dict(test_config or {})
    settings: Settings = overrides.pop("SETTINGS", None) or Settings.from_env()
    runtime = build_runtime(settings, overrides.pop("CATALOGUE", None), overrides.pop("STORE", None))
    verifier: RequestVerifier | None = overrides.pop("VERIFIER", None)
    if settings.verify_requests and verifier is None:
        # Amazon signs requests for every skill: without our id, another skill's requests would pass.
        if settings.skill_id is None:
            raise SettingsError("SKILL_ID is required while SKILL_VERIFY_REQUESTS is on (docs/security.md)")
        verifier = RequestVerifier(skill_id=settings.skill_id)
    if not settings.verify_requests:
        verifier = None
        log.warning(
            "REQUEST VERIFICATION IS OFF (SKILL_VERIFY_REQUESTS=false): local development only, "
            "never expose this server to the internet"
        )

    return make_flask_app(runtime, verifier, overrides)
