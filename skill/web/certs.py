"""Alexa's signing certificate chain: the URL rules, fetching it within a budget, the trust roots.

skill/web/verification.py checks a request with what this module fetches and parses.
"""

from __future__ import annotations

import functools
import posixpath
import ssl
import time
import urllib.request
import warnings
from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import SplitResult, urlsplit, urlunsplit

from cryptography import x509
from cryptography.x509 import verification as x509v

_CERT_URL_HOST = "s3.amazonaws.com"
_CERT_URL_PATH_PREFIX = "/echo.api/"


class VerificationError(Exception):
    """A request failed a check; str(e) is a short, safe reason for a JSON 400 body
    (never includes the body)."""


CertFetcher = Callable[[str], bytes]
"""URL -> PEM bytes of the chain (leaf first). Any exception counts as a fetch failure."""


class _Response(Protocol):
    def read1(self, n: int, /) -> bytes: ...


class UrlOpen(Protocol):
    """The subset of ``urllib.request.urlopen`` that UrlCertFetcher uses."""

    def __call__(self, url: str, *, timeout: float) -> Any: ...


class UrlCertFetcher:
    """Default CertFetcher: HTTPS GET with a time budget and a size cap.

    ``timeout`` bounds the connection and every socket read, and the body is read in small pieces
    against an overall deadline, so a server that trickles bytes cannot hold a request thread much
    longer than ``timeout`` (worst case about twice ``timeout``: connect + response headers).
    ``urlopen`` exists so tests can point the fetcher at a local server; production keeps the default.
    """

    def __init__(self, *, timeout: float, max_bytes: int, urlopen: UrlOpen = urllib.request.urlopen) -> None:
        self._timeout = timeout
        self._max_bytes = max_bytes
        self._urlopen = urlopen

    def __call__(self, url: str) -> bytes:
        if urlsplit(url).scheme.lower() != "https":
            raise VerificationError("certificate URL must use https")
        deadline = time.monotonic() + self._timeout
        try:
            with self._urlopen(url, timeout=self._timeout) as response:
                resp: _Response = response
                data = bytearray()
                # read1 returns after at most one socket read, so the deadline is checked regularly;
                # reading max_bytes + 1 tells "exactly at the cap" from "over the cap".
                while len(data) <= self._max_bytes:
                    if time.monotonic() > deadline:
                        raise VerificationError("certificate fetch timed out")
                    chunk = resp.read1(min(16 * 1024, self._max_bytes + 1 - len(data)))
                    if not chunk:
                        break
                    data += chunk
        except TimeoutError as exc:
            raise VerificationError("certificate fetch timed out") from exc
        except OSError as exc:
            # urllib wraps connect timeouts in URLError(reason=TimeoutError).
            if isinstance(getattr(exc, "reason", None), TimeoutError):
                raise VerificationError("certificate fetch timed out") from exc
            raise VerificationError("certificate fetch failed") from exc
        if len(data) > self._max_bytes:
            raise VerificationError("certificate chain too large")
        return bytes(data)


def canonical_cert_url(url: str) -> str:
    """Check ``url`` against Amazon's SignatureCertChainUrl rules and return the normalised form
    (lower-case scheme/host, no default port, normalised path) that is fetched and cached."""
    try:
        parts: SplitResult = urlsplit(url.strip())
        port = parts.port  # raises ValueError for a non-numeric or out-of-range port
    except ValueError as exc:
        raise VerificationError("invalid certificate URL") from exc
    if parts.scheme.lower() != "https":
        raise VerificationError("certificate URL must use https")
    if parts.hostname != _CERT_URL_HOST or parts.username is not None or parts.password is not None:
        raise VerificationError("certificate URL host not allowed")
    if port not in (None, 443):
        raise VerificationError("certificate URL port not allowed")
    # normpath silently clamps "/../x" to "/x"; refuse any ".." that climbs above the root instead.
    depth = 0
    for segment in parts.path.split("/"):
        if segment == "..":
            depth -= 1
            if depth < 0:
                raise VerificationError("certificate URL path not allowed")
        elif segment not in ("", "."):
            depth += 1
    # Amazon's URLs carry neither a query, a fragment nor escapes; refusing them keeps one cache
    # entry per real file, so forged variants of one URL cannot each cost a fetch.
    if parts.query or parts.fragment or "?" in url or "#" in url:
        raise VerificationError("certificate URL query not allowed")
    if "%" in parts.path:
        raise VerificationError("certificate URL path not allowed")
    path = posixpath.normpath(parts.path)
    # The prefix check is case-sensitive on purpose: S3 bucket paths are.
    if not path.startswith(_CERT_URL_PATH_PREFIX):
        raise VerificationError("certificate URL path not allowed")
    return urlunsplit(("https", _CERT_URL_HOST, path, "", ""))


def _split_pem_certificates(data: bytes) -> list[x509.Certificate]:
    """Parse a CA bundle one certificate at a time so one odd entry does not sink the rest."""
    end = b"-----END CERTIFICATE-----"
    certs: list[x509.Certificate] = []
    with warnings.catch_warnings():
        # Some system bundles carry legacy roots (e.g. non-positive serials) that only warn.
        warnings.simplefilter("ignore")
        for block in data.split(end)[:-1]:
            try:
                certs.append(x509.load_pem_x509_certificate(block + end))
            except ValueError:
                continue
    return certs


@functools.cache
def load_default_trust_roots() -> tuple[x509.Certificate, ...]:
    """certifi's bundle when installed, else the system CA file. Loaded once, on first use."""
    cafile: str | None
    try:
        import certifi

        cafile = certifi.where()
    except ImportError:
        cafile = ssl.get_default_verify_paths().cafile
    if not cafile:
        raise RuntimeError("no CA bundle found for Alexa certificate verification")
    with open(cafile, "rb") as fh:
        roots = tuple(_split_pem_certificates(fh.read()))
    if not roots:
        raise RuntimeError(f"no usable certificates in {cafile}")
    return roots


@functools.cache
def default_store() -> x509v.Store:
    return x509v.Store(list(load_default_trust_roots()))
