"""A real SMTP server on 127.0.0.1 (aiosmtpd) for the mail delivery tests, plain or with
STARTTLS and AUTH (a self-signed certificate made with openssl for 127.0.0.1)."""
from __future__ import annotations

import shutil
import socket
import ssl
import subprocess

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.conftest import require_service

SMTP_USER, SMTP_PASSWORD = "mailer", "s3cret-pa55word"


def free_port() -> int:
    """A TCP port nothing listens on (for the server, or to be refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Recorder:
    """aiosmtpd handler: keeps what it receives; `rcpt_replies` are answered to RCPT first."""

    def __init__(self):
        self.messages: list[dict] = []
        self.rcpt_replies: list[str] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_replies:
            return self.rcpt_replies.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append({"to": list(envelope.rcpt_tos), "from": envelope.mail_from,
                              "content": envelope.content.decode("utf-8", "replace"),
                              "tls": session.ssl is not None  # STARTTLS, or implicit TLS:
                              or server.transport.get_extra_info("ssl_object") is not None,
                              "login": getattr(session, "auth_data", None)})
        return "250 Message accepted for delivery"


def _authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == SMTP_USER.encode() \
        and auth_data.password == SMTP_PASSWORD.encode()
    return AuthResult(success=ok, handled=False, auth_data=SMTP_USER if ok else None)


@pytest.fixture
def smtp():
    """A plain SMTP server; `.port`, `.handler.messages`."""
    handler = Recorder()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    controller.handler = handler
    yield controller
    controller.stop()


@pytest.fixture
def certificate(tmp_path):
    """(cert.pem, key.pem) of a self-signed certificate for 127.0.0.1 and localhost."""
    require_service("openssl", shutil.which("openssl") is not None)
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=60)
    return cert, key


@pytest.fixture
def tls_smtp(certificate):
    """An SMTP server that requires STARTTLS before anything and AUTH (LOGIN/PLAIN) over TLS."""
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Recorder()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), tls_context=context,
                            require_starttls=True, authenticator=_authenticate, auth_required=True,
                            auth_require_tls=True)
    controller.start()
    controller.handler = handler
    controller.cafile = str(cert)
    yield controller
    controller.stop()


def smtp_settings(server, **extra) -> dict:
    """App settings that send through `server`, retrying at once (intervals 0) twice."""
    settings = {"MAIL_SMTP_HOST": "127.0.0.1", "MAIL_SMTP_PORT": server.port, "MAIL_SMTP_USER": "",
                "MAIL_SMTP_PASSWORD": "", "MAIL_SMTP_STARTTLS": False, "MAIL_SMTP_SSL": False,
                "MAIL_SMTP_CA_FILE": "", "MAIL_RETRY_INTERVALS": "0,0", "MAIL_SMTP_TIMEOUT": 5,
                "MAIL_SMTP_SYNC_TIMEOUT": 5}
    return {**settings, **extra}
