"""Verify that an HTTP request really comes from Alexa.

Implements Amazon's rules for custom skills hosted as web services: the signing-certificate URL
form, the certificate chain (trusted root, validity dates, ``echo-api.amazon.com`` SAN), the
``Signature-256`` body signature, the request timestamp window and the application id.
Built on pyca/cryptography because flask-ask-sdk's oscrypto dependency fails on this OpenSSL.
"""

from __future__ import annotations

import base64
import binascii
import collections
import concurrent.futures
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509 import verification as x509v

from skill.web.certs import (
    CertFetcher,
    UrlCertFetcher,
    UrlOpen,
    VerificationError,
    canonical_cert_url,
    default_store,
    load_default_trust_roots,
)
from skill.web.rules import RuleError, check_application_id, request_time

__all__ = [
    "ALEXA_CERT_SAN",
    "CertFetcher",
    "RequestVerifier",
    "UrlCertFetcher",
    "UrlOpen",
    "VerificationError",
    "canonical_cert_url",
    "load_default_trust_roots",
]

ALEXA_CERT_SAN = "echo-api.amazon.com"
_SKILL_EVENT_PREFIX = "AlexaSkillEvent."


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)  # case-insensitive for werkzeug Headers
    if value is not None:
        return value
    wanted = name.lower()
    for key, val in headers.items():
        if key.lower() == wanted:
            return val
    return None


class RequestVerifier:
    """Checks one Alexa request. Thread-safe; one instance is meant to be shared by the app."""

    def __init__(
        self,
        *,
        skill_id: str | None,
        trust_roots: Sequence[x509.Certificate] | None = None,
        fetcher: CertFetcher | None = None,
        clock: Callable[[], datetime] | None = None,
        fetch_timeout: float = 1.5,
        max_chain_bytes: int = 64 * 1024,
        cache_size: int = 16,
        max_skew_seconds: int = 150,
        skill_event_skew_seconds: int = 3600,
        max_fetches: int = 4,
        failure_memory_seconds: float = 15.0,
    ) -> None:
        self._skill_id = skill_id
        # Default roots are loaded lazily (first verify) so importing/constructing stays cheap.
        self._store: x509v.Store | None = x509v.Store(list(trust_roots)) if trust_roots is not None else None
        self._fetcher: CertFetcher = fetcher or UrlCertFetcher(timeout=fetch_timeout, max_bytes=max_chain_bytes)
        self._clock = clock or _utcnow
        self._max_chain_bytes = max_chain_bytes
        self._cache_size = cache_size
        self._max_skew = timedelta(seconds=max_skew_seconds)
        self._skill_event_skew = timedelta(seconds=skill_event_skew_seconds)
        self._cache: collections.OrderedDict[str, tuple[x509.Certificate, ...]] = collections.OrderedDict()
        self._lock = threading.Lock()
        # Fetching is bounded as a whole (docs/security.md, "Certificate fetching"): one budget per
        # request however the fetch spends it (name resolution included), one fetch per URL in
        # flight, a few fetches at once, failures remembered for a short while.
        self._fetch_budget = fetch_timeout
        self._slots = threading.BoundedSemaphore(max_fetches)
        self._max_fetches = max_fetches
        self._in_flight: dict[str, concurrent.futures.Future[tuple[x509.Certificate, ...]]] = {}
        self._failures: collections.OrderedDict[str, tuple[float, str]] = collections.OrderedDict()
        self._failure_memory = failure_memory_seconds

    def policy(self) -> dict[str, object]:
        """The checks this verifier enforces, for start-up logs and the production-settings test."""
        fetcher = self._fetcher
        return {
            "skill_id": self._skill_id,
            "trust_roots": "default CA bundle" if self._store is None else "custom",
            "fetcher": type(fetcher).__name__,
            "fetch_timeout": getattr(fetcher, "_timeout", None),
            "max_chain_bytes": self._max_chain_bytes,
            "cache_size": self._cache_size,
            "max_fetches": self._max_fetches,
            "failure_memory_seconds": self._failure_memory,
            "max_skew_seconds": self._max_skew.total_seconds(),
            "skill_event_skew_seconds": self._skill_event_skew.total_seconds(),
            "clock": "system" if self._clock is _utcnow else "custom",
        }

    def verify(self, headers: Mapping[str, str], body: bytes, envelope: Mapping[str, Any]) -> None:
        """Raise VerificationError unless every check passes. `envelope` is the already-parsed JSON body."""
        # Cheap structural checks first so a malformed or replayed request never triggers a fetch.
        raw_url = _header(headers, "SignatureCertChainUrl")
        if not raw_url:
            raise VerificationError("missing SignatureCertChainUrl header")
        url = canonical_cert_url(raw_url)
        signature = self._signature(headers)
        now = self._now()
        self._check_timestamp(envelope, now)
        self._check_application_id(envelope)

        chain = self._chain(url)
        self._check_chain(chain, now)
        self._check_signature(chain[0], signature, body)

    def _now(self) -> datetime:
        now = self._clock()
        return now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)

    @staticmethod
    def _signature(headers: Mapping[str, str]) -> bytes:
        value = _header(headers, "Signature-256")
        if value is None or not value.strip():
            # The SHA-1 "Signature" header is legacy; accepting it alone would allow downgrades.
            if _header(headers, "Signature"):
                raise VerificationError("legacy SHA-1 signature not accepted")
            raise VerificationError("missing Signature-256 header")
        try:
            signature = base64.b64decode(value.strip(), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise VerificationError("invalid signature encoding") from exc
        if not signature:
            raise VerificationError("invalid signature encoding")
        return signature

    def _check_timestamp(self, envelope: Mapping[str, Any], now: datetime) -> None:
        request = envelope.get("request")
        request = request if isinstance(request, Mapping) else {}
        try:
            timestamp = request_time(request.get("timestamp"))
        except RuleError as err:
            raise VerificationError(f"request timestamp {err}") from err
        request_type = request.get("type")
        # Skill events may be delivered up to an hour late, so Amazon allows them a wider window.
        is_skill_event = isinstance(request_type, str) and request_type.startswith(_SKILL_EVENT_PREFIX)
        tolerance = self._skill_event_skew if is_skill_event else self._max_skew
        try:
            off = abs(now - timestamp)
        except OverflowError as exc:  # e.g. year 1 or 9999 with an offset that crosses the range
            raise VerificationError("request timestamp out of range") from exc
        if off > tolerance:
            raise VerificationError("request timestamp out of range")

    def _check_application_id(self, envelope: Mapping[str, Any]) -> None:
        try:
            check_application_id(envelope, self._skill_id)
        except RuleError as err:
            raise VerificationError(str(err)) from err

    def _chain(self, url: str) -> tuple[x509.Certificate, ...]:
        """The verified chain at ``url``: from the cache, else from one fetch shared by every request
        that wants it meanwhile. Waits at most the fetch budget, whatever the fetch is doing."""
        with self._lock:
            cached = self._cache.get(url)
            if cached is not None:
                self._cache.move_to_end(url)
                return cached
            failed = self._failures.get(url)
            if failed is not None:
                if failed[0] > time.monotonic():
                    raise VerificationError(failed[1])
                del self._failures[url]
            future = self._in_flight.get(url)
            if future is None:
                # Refuse rather than queue: a request waiting for a slot would hold a server thread.
                if not self._slots.acquire(blocking=False):
                    raise VerificationError("certificate fetch busy")
                future = self._in_flight[url] = concurrent.futures.Future()
                threading.Thread(target=self._fetch, args=(url, future), name="cert-fetch", daemon=True).start()
        try:
            return future.result(timeout=self._fetch_budget)
        except concurrent.futures.TimeoutError as exc:
            raise VerificationError("certificate fetch timed out") from exc

    def _fetch(self, url: str, future: concurrent.futures.Future[tuple[x509.Certificate, ...]]) -> None:
        """On its own thread, so that no part of a fetch (a stalled name lookup included) can hold a
        request past the budget; the slot stays taken until the fetch really ends."""
        try:
            chain = self._fetch_chain(url)
            self._check_chain(chain, self._now())
        except VerificationError as exc:
            # Waiters get a fresh error: the original's traceback would keep the fetch's socket alive.
            reason = str(exc)
            with self._lock:
                self._failures[url] = (time.monotonic() + self._failure_memory, reason)
                self._failures.move_to_end(url)
                while len(self._failures) > 1024:
                    self._failures.popitem(last=False)
                del self._in_flight[url]
            self._slots.release()
            future.set_exception(VerificationError(reason))
            return
        # Cache a chain that verified, never a failure's stand-in; validity dates are still
        # re-checked on every request, so an entry that expires stops passing.
        with self._lock:
            if self._cache_size > 0:
                self._cache[url] = chain
                self._cache.move_to_end(url)
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
            del self._in_flight[url]
        self._slots.release()
        future.set_result(chain)

    def _fetch_chain(self, url: str) -> tuple[x509.Certificate, ...]:
        try:
            pem = self._fetcher(url)
        except VerificationError:
            raise
        except TimeoutError as exc:
            raise VerificationError("certificate fetch timed out") from exc
        except Exception as exc:  # an injected fetcher may raise anything; all mean "no chain"
            raise VerificationError("certificate fetch failed") from exc
        if len(pem) > self._max_chain_bytes:
            raise VerificationError("certificate chain too large")
        try:
            chain = tuple(x509.load_pem_x509_certificates(pem))
        except ValueError as exc:
            raise VerificationError("invalid certificate chain") from exc
        return chain

    def _check_chain(self, chain: Sequence[x509.Certificate], now: datetime) -> None:
        store = self._store if self._store is not None else default_store()
        leaf, intermediates = chain[0], list(chain[1:])
        verifier = x509v.PolicyBuilder().store(store).time(now).build_server_verifier(x509.DNSName(ALEXA_CERT_SAN))
        try:
            verifier.verify(leaf, intermediates)
        except x509v.VerificationError as exc:
            raise VerificationError(_chain_failure_reason(leaf, now)) from exc
        # The policy above also accepts a wildcard such as *.amazon.com; Amazon (and its SDK) require
        # the exact name.
        if ALEXA_CERT_SAN not in _san_names(leaf):
            raise VerificationError("certificate not issued for " + ALEXA_CERT_SAN)

    @staticmethod
    def _check_signature(leaf: x509.Certificate, signature: bytes, body: bytes) -> None:
        public_key = leaf.public_key()
        if not isinstance(public_key, rsa.RSAPublicKey):
            raise VerificationError("unsupported certificate key type")
        try:
            public_key.verify(signature, body, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature as exc:
            raise VerificationError("signature mismatch") from exc


def _chain_failure_reason(leaf: x509.Certificate, now: datetime) -> str:
    """Name the likely cause for logs/clients; the policy verifier above is what enforces it."""
    if now > leaf.not_valid_after_utc:
        return "certificate expired"
    if now < leaf.not_valid_before_utc:
        return "certificate not yet valid"
    if ALEXA_CERT_SAN not in _san_names(leaf):
        return "certificate not issued for " + ALEXA_CERT_SAN
    return "certificate chain not trusted"


def _san_names(leaf: x509.Certificate) -> list[str]:
    try:
        san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return []
    return [name.lower() for name in san.get_values_for_type(x509.DNSName)]
