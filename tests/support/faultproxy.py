"""A small loopback TCP proxy that misbehaves on demand, for fault tests against DynamoDB Local.

Modes (switch at any time with ``proxy.mode = ...``):
  "pass"   forward both ways
  "slow"   hold every reply chunk ``delay`` seconds before passing it on (a slow network or table)
  "reset"  accept, then close at once with SO_LINGER 0, so the client sees a TCP reset
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time

from devtools import dynamodb_local


class FaultProxy:
    def __init__(self, upstream_port: int, delay: float = 2.5) -> None:
        self.upstream_port = upstream_port
        self.delay = delay
        self.mode = "pass"
        self.connections = 0
        self.requests = 0  # HTTP requests passed towards the table (each DynamoDB attempt is one)
        self.port = dynamodb_local.free_port()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._listener.settimeout(0.2)
        self._stop = threading.Event()
        self._sockets: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()
        for s in self._sockets:
            with contextlib.suppress(OSError):
                s.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            if self.mode == "reset":
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                client.close()
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=2)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            self._sockets += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, True), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket, is_reply: bool) -> None:
        try:
            while not self._stop.is_set():
                data = src.recv(65536)
                if not data:
                    break
                if not is_reply and data.startswith(b"POST "):
                    self.requests += 1
                if is_reply and self.mode == "slow":
                    time.sleep(self.delay)
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
