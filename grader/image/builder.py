"""Builds (or reuses) the sandbox image.

The tag is `school101-grader:<hash>` where the hash covers the image
definition (Dockerfile, packages.txt, setup.sh), so an unchanged definition is
never rebuilt. When `debian:bookworm-slim` is present locally the Dockerfile
is used; otherwise (no registry reachable) the same base is bootstrapped
offline from Debian packages with debootstrap, set up in a chroot with
setup.sh and imported with `docker import` (USER/WORKDIR/ENV as changes).
Docker calls go through grader.engine; progress goes to stderr.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from grader.engine import SandboxError, build_dockerfile, image_exists, import_rootfs

HERE = os.path.dirname(os.path.abspath(__file__))
DEFINITION = ("Dockerfile", "packages.txt", "setup.sh")
BASE_IMAGE = "debian:bookworm-slim"
SUITE = "bookworm"
DEFAULT_MIRROR = "http://deb.debian.org/debian"
CHANGES = [
    "USER 1000:1000",
    "WORKDIR /work",
    "ENV LANG=C.UTF-8",
    "ENV PATH=/usr/local/bin:/usr/bin:/bin",
    'CMD ["sleep", "infinity"]',
    "LABEL school101.grader=image",
]


def _progress(msg: str) -> None:
    print(f"[grader image] {msg}", file=sys.stderr, flush=True)


def image_tag() -> str:
    """`school101-grader:<12 hex>` from the content of the image definition."""
    digest = hashlib.sha256()
    for name in DEFINITION:
        with open(os.path.join(HERE, name), "rb") as fh:
            digest.update(name.encode() + b"\0" + fh.read() + b"\0")
    return f"school101-grader:{digest.hexdigest()[:12]}"


def packages() -> list[str]:
    """The Debian packages of the image (packages.txt, comments and blank lines left out)."""
    with open(os.path.join(HERE, "packages.txt")) as fh:
        return [ln.split("#")[0].strip() for ln in fh if ln.split("#")[0].strip()]


def debian_mirror() -> str:
    """The Debian mirror of this host's apt sources (deb822 or one-line format)."""
    if os.environ.get("SCHOOL101_DEBIAN_MIRROR"):
        return os.environ["SCHOOL101_DEBIAN_MIRROR"]
    sources = "/etc/apt/sources.list.d/debian.sources"
    if os.path.exists(sources):
        with open(sources) as fh:
            for stanza in fh.read().split("\n\n"):
                uris = re.search(r"^URIs:\s*(\S+)", stanza, re.MULTILINE)
                suites = re.search(r"^Suites:\s*(.+)$", stanza, re.MULTILINE)
                if uris and suites and SUITE in suites.group(1).split():
                    return uris.group(1)
    if os.path.exists("/etc/apt/sources.list"):
        with open("/etc/apt/sources.list") as fh:
            for line in fh:
                m = re.match(r"^deb\s+(?:\[[^]]*\]\s+)?(\S+)\s+" + SUITE + r"\s", line)
                if m:
                    return m.group(1)
    return DEFAULT_MIRROR


def _run(cmd: list[str], **kw) -> None:
    _progress("$ " + " ".join(cmd)[:200])
    proc = subprocess.run(cmd, check=False, stdout=sys.stderr, stderr=sys.stderr, **kw)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed with exit code {proc.returncode}")


def _bootstrap(tag: str) -> None:
    if os.geteuid() != 0:
        raise RuntimeError("building the sandbox image offline needs root (debootstrap)")
    if not shutil.which("debootstrap"):
        raise RuntimeError(
            "debootstrap is missing: run scripts/ensure-docker.sh (apt-get install debootstrap)"
        )
    work = tempfile.mkdtemp(prefix="school101-image-", dir="/var/tmp")
    root = os.path.join(work, "rootfs")
    try:
        mirror = debian_mirror()
        _progress(f"bootstrapping debian {SUITE} from {mirror} (a few minutes, once)")
        _run(
            [
                "debootstrap",
                "--variant=minbase",
                "--include=" + ",".join(packages()),
                SUITE,
                root,
                mirror,
            ]
        )
        shutil.copy(os.path.join(HERE, "setup.sh"), os.path.join(root, "tmp", "setup.sh"))
        _run(["chroot", root, "/bin/sh", "/tmp/setup.sh"])
        os.remove(os.path.join(root, "tmp", "setup.sh"))
        tarball = os.path.join(work, "rootfs.tar")
        _progress("packing the root file system")
        _run(
            [
                "tar",
                "-C",
                root,
                "--numeric-owner",
                "--exclude=./dev/*",
                "--exclude=./proc/*",
                "--exclude=./sys/*",
                "-cf",
                tarball,
                ".",
            ]
        )
        _progress(f"importing as {tag}")
        import_rootfs(tarball, tag, CHANGES)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def build(force: bool = False) -> str:
    """Build the image unless present; returns its tag. Serialised by a file lock."""
    tag = image_tag()
    if not force and image_exists(tag):
        return tag
    lock_path = os.path.join(tempfile.gettempdir(), "school101-grader-image.lock")
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not force and image_exists(tag):
            return tag
        started = time.monotonic()
        built = False
        if image_exists(BASE_IMAGE):
            _progress(f"building {tag} from the Dockerfile ({BASE_IMAGE} is present)")
            try:
                build_dockerfile(HERE, tag, _progress)
                built = True
            except SandboxError as exc:
                _progress(f"Dockerfile build failed ({exc}); bootstrapping offline instead")
        if not built:
            _progress(f"{BASE_IMAGE} is not present locally; building the base offline")
            _bootstrap(tag)
        _progress(f"{tag} ready in {time.monotonic() - started:.0f} s")
    return tag


def ensure_image() -> str:
    """The image tag, building the image on first use."""
    return build(force=False)
