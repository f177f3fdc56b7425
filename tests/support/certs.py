"""Offline PKI for tests: build Alexa-like certificate chains and sign request bodies.

Typical use::

    pki = make_pki(now=NOW)                      # root -> intermediate -> leaf for echo-api.amazon.com
    verifier = RequestVerifier(skill_id=..., trust_roots=[pki.root_cert], fetcher=lambda url: pki.chain_pem)
    headers = pki.headers(body)                  # SignatureCertChainUrl + Signature-256

Variants for negative tests: ``pki.expired(now)``, ``pki.not_yet_valid(now)``, ``pki.wrong_san()``,
``pki.untrusted()`` and ``pki.with_leaf(...)``; ``sign_body(new_key(), body)`` forges a signature.
RSA keys are 2048-bit because the verifier's web-PKI policy rejects smaller ones.
"""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

__all__ = [
    "ALEXA_SAN",
    "DEFAULT_CHAIN_URL",
    "Pki",
    "issue_ca",
    "issue_leaf",
    "make_pki",
    "new_key",
    "sign_body",
]

ALEXA_SAN = "echo-api.amazon.com"
DEFAULT_CHAIN_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def sign_body(key: rsa.RSAPrivateKey, body: bytes) -> str:
    """Base64 RSA PKCS#1 v1.5 SHA-256 signature, as sent in the ``Signature-256`` header."""
    return base64.b64encode(key.sign(body, padding.PKCS1v15(), hashes.SHA256())).decode("ascii")


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _ski(key: rsa.RSAPrivateKey) -> x509.SubjectKeyIdentifier:
    return x509.SubjectKeyIdentifier.from_public_key(key.public_key())


def issue_ca(
    common_name: str,
    *,
    key: rsa.RSAPrivateKey,
    issuer_cert: x509.Certificate | None = None,
    issuer_key: rsa.RSAPrivateKey | None = None,
    not_before: datetime,
    not_after: datetime,
    path_length: int | None = None,
) -> x509.Certificate:
    """A CA certificate; self-signed (a root) when ``issuer_cert``/``issuer_key`` are omitted."""
    if (issuer_cert is None) != (issuer_key is None):
        raise ValueError("issuer_cert and issuer_key go together")
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(issuer_cert.subject if issuer_cert is not None else _name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        # Extensions the web-PKI profile (cryptography.x509.verification) requires of CAs.
        .add_extension(x509.BasicConstraints(ca=True, path_length=path_length), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(_ski(key), critical=False)
    )
    signer = key
    if issuer_cert is not None and issuer_key is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False
        )
        signer = issuer_key
    return builder.sign(signer, hashes.SHA256())


def issue_leaf(
    *,
    key: rsa.RSAPrivateKey,
    issuer_cert: x509.Certificate,
    issuer_key: rsa.RSAPrivateKey,
    san: Sequence[str],
    not_before: datetime,
    not_after: datetime,
) -> x509.Certificate:
    """A TLS-server-style end-entity certificate for the DNS names in ``san``."""
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(san[0] if san else "no-san"))
        .issuer_name(issuer_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=True,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(_ski(key), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
    )
    if san:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in san]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def _common_name(cert: x509.Certificate) -> str:
    value = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    return value if isinstance(value, str) else value.decode()


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


@dataclasses.dataclass(frozen=True)
class Pki:
    """A root, an optional intermediate and a leaf; the leaf key signs request bodies."""

    root_key: rsa.RSAPrivateKey
    root_cert: x509.Certificate
    intermediate_key: rsa.RSAPrivateKey | None
    intermediate_cert: x509.Certificate | None
    leaf_key: rsa.RSAPrivateKey
    leaf_cert: x509.Certificate

    @property
    def chain_pem(self) -> bytes:
        """What Amazon serves at SignatureCertChainUrl: leaf first, then intermediates (no root)."""
        certs = [self.leaf_cert]
        if self.intermediate_cert is not None:
            certs.append(self.intermediate_cert)
        return b"".join(_pem(c) for c in certs)

    @property
    def full_chain_pem(self) -> bytes:
        """``chain_pem`` followed by the root (some servers include it; verifiers must cope)."""
        return self.chain_pem + _pem(self.root_cert)

    def sign(self, body: bytes) -> str:
        return sign_body(self.leaf_key, body)

    def headers(self, body: bytes, url: str = DEFAULT_CHAIN_URL) -> dict[str, str]:
        """Request headers Alexa would send for ``body``."""
        return {"SignatureCertChainUrl": url, "Signature-256": self.sign(body)}

    @property
    def _issuer(self) -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
        if self.intermediate_cert is not None and self.intermediate_key is not None:
            return self.intermediate_cert, self.intermediate_key
        return self.root_cert, self.root_key

    def with_leaf(
        self,
        *,
        san: Sequence[str] | None = None,
        not_before: datetime | None = None,
        not_after: datetime | None = None,
        key: rsa.RSAPrivateKey | None = None,
    ) -> Pki:
        """Same CA(s), new leaf; unspecified fields are copied from the current leaf."""
        issuer_cert, issuer_key = self._issuer
        leaf_key = key if key is not None else self.leaf_key
        leaf = issue_leaf(
            key=leaf_key,
            issuer_cert=issuer_cert,
            issuer_key=issuer_key,
            san=san if san is not None else self.san,
            not_before=not_before if not_before is not None else self.leaf_cert.not_valid_before_utc,
            not_after=not_after if not_after is not None else self.leaf_cert.not_valid_after_utc,
        )
        return dataclasses.replace(self, leaf_key=leaf_key, leaf_cert=leaf)

    def expired(self, now: datetime | None = None) -> Pki:
        """Leaf that expired one hour before ``now``."""
        now = now or _utcnow()
        return self.with_leaf(not_before=now - timedelta(days=30), not_after=now - timedelta(hours=1))

    def not_yet_valid(self, now: datetime | None = None) -> Pki:
        """Leaf that becomes valid one hour after ``now``."""
        now = now or _utcnow()
        return self.with_leaf(not_before=now + timedelta(hours=1), not_after=now + timedelta(days=30))

    def wrong_san(self, names: Sequence[str] = ("echo-api.example.com",)) -> Pki:
        return self.with_leaf(san=names)

    def untrusted(self) -> Pki:
        """Same shape and subject names but fresh keys, so it does not chain to ``self.root_cert``
        (the issuer names still match, only the signatures give it away)."""
        return make_pki(
            not_before=self.leaf_cert.not_valid_before_utc,
            not_after=self.leaf_cert.not_valid_after_utc,
            san=self.san,
            with_intermediate=self.intermediate_cert is not None,
            root_name=_common_name(self.root_cert),
        )

    @property
    def san(self) -> list[str]:
        """DNS names in the leaf's subjectAltName."""
        try:
            ext = self.leaf_cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
        except x509.ExtensionNotFound:
            return []
        return ext.value.get_values_for_type(x509.DNSName)


def make_pki(
    *,
    now: datetime | None = None,
    san: Sequence[str] = (ALEXA_SAN,),
    not_before: datetime | None = None,
    not_after: datetime | None = None,
    with_intermediate: bool = True,
    root_name: str = "Test Root CA",
) -> Pki:
    """Fresh keys and certificates. Leaf validity defaults to ``now`` - 1 day .. ``now`` + 90 days;
    the CAs are valid ten years either side of ``now`` so only the leaf dates matter in tests."""
    now = now or _utcnow()
    leaf_not_before = not_before if not_before is not None else now - timedelta(days=1)
    leaf_not_after = not_after if not_after is not None else now + timedelta(days=90)
    ca_not_before = min(now, leaf_not_before) - timedelta(days=3650)
    ca_not_after = max(now, leaf_not_after) + timedelta(days=3650)

    root_key = new_key()
    root_cert = issue_ca(
        root_name,
        key=root_key,
        not_before=ca_not_before,
        not_after=ca_not_after,
    )
    issuer_cert, issuer_key = root_cert, root_key
    intermediate_key: rsa.RSAPrivateKey | None = None
    intermediate_cert: x509.Certificate | None = None
    if with_intermediate:
        intermediate_key = new_key()
        intermediate_cert = issue_ca(
            "Test Intermediate CA",
            key=intermediate_key,
            issuer_cert=root_cert,
            issuer_key=root_key,
            not_before=ca_not_before,
            not_after=ca_not_after,
            path_length=0,
        )
        issuer_cert, issuer_key = intermediate_cert, intermediate_key
    leaf_key = new_key()
    leaf_cert = issue_leaf(
        key=leaf_key,
        issuer_cert=issuer_cert,
        issuer_key=issuer_key,
        san=san,
        not_before=leaf_not_before,
        not_after=leaf_not_after,
    )
    return Pki(root_key, root_cert, intermediate_key, intermediate_cert, leaf_key, leaf_cert)
