"""SMTP with STARTTLS and AUTH for the mail delivery tests (a self-signed certificate made with
openssl for 127.0.0.1). The plain SMTP server `smtp` is in tests/fixtures/smtp.py."""

from __future__ import annotations

import shutil
import ssl
import subprocess

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.conftest import require_service
from tests.fixtures.smtp import Recorder, free_port

SMTP_USER, SMTP_PASSWORD = "mailer", "s3cret-pa55word"


def _authenticate(server, session, envelope, mechanism, auth_data):
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == SMTP_USER.encode()
        and auth_data.password == SMTP_PASSWORD.encode()
    )
    return AuthResult(success=ok, handled=False, auth_data=SMTP_USER if ok else None)


@pytest.fixture
def certificate(tmp_path):
    """(cert.pem, key.pem) of a self-signed certificate for 127.0.0.1 and localhost."""
    require_service("openssl", shutil.which("openssl") is not None)
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


@pytest.fixture
def tls_smtp(certificate):
    """An SMTP server that requires STARTTLS before anything and AUTH (LOGIN/PLAIN) over TLS."""
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Recorder()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=context,
        require_starttls=True,
        authenticator=_authenticate,
        auth_required=True,
        auth_require_tls=True,
    )
    controller.start()
    controller.handler = handler
    controller.cafile = str(cert)
    yield controller
    controller.stop()
