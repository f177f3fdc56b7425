"""A stand-in for the Alexa Settings API on loopback: the device's time zone, as the real one answers it.

The skill asks ``GET {apiEndpoint}/v2/devices/{deviceId}/settings/System.timeZone`` when its stored
zone is due a check (skill/alexa/device_settings.py); the bench points the envelopes' apiEndpoint here so
those lookups, and the profile writes that record them, are part of what is measured.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bench.mix import TIME_ZONE


class SettingsApi:
    def __init__(self) -> None:
        self.lookups = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                ok = self.path.endswith("/settings/System.timeZone")
                body = json.dumps(TIME_ZONE if ok else {"message": "not found"}).encode()
                if ok:
                    outer.lookups += 1
                self.send_response(200 if ok else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> SettingsApi:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
