"""The suite's own guard (tests/conftest.py): nothing a test runs may reach beyond loopback."""

import socket
import urllib.request

import pytest


def test_names_and_addresses_off_this_machine_are_refused() -> None:
    with pytest.raises(OSError, match="leave this machine"):
        urllib.request.urlopen("https://api.amazonalexa.com/v2/devices/x/settings/System.timeZone", timeout=1)
    with pytest.raises(OSError, match="leave this machine"):
        socket.create_connection(("10.1.2.3", 80), timeout=1)


def test_loopback_is_still_reachable() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        socket.create_connection(server.getsockname(), timeout=1).close()
