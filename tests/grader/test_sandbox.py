"""The sandbox itself: closed defaults as the engine reports them, reaping, availability."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from grader import sandbox
from grader.contract import Limits

pytestmark = pytest.mark.docker


def test_availability(docker):
    assert sandbox.engine_available() is True
    assert sandbox.sandbox_available() is True
    assert sandbox.sandbox_available("school101-grader:does-not-exist") is False


def test_container_defaults_are_closed(docker):
    limits = Limits()
    with sandbox.Sandbox(limits) as box:
        info = sandbox.client().api.inspect_container(box.id)
        host, config = info["HostConfig"], info["Config"]
        assert host["NetworkMode"] == "none" and config["NetworkDisabled"] is True
        assert host["ReadonlyRootfs"] is True
        assert host["CapDrop"] == ["ALL"] and not host["CapAdd"]
        assert "no-new-privileges" in host["SecurityOpt"]
        assert host["Privileged"] is False
        assert host["PidsLimit"] == limits.pids
        assert host["Memory"] == host["MemorySwap"] == limits.compile_memory_mb * 1024 * 1024
        assert host["NanoCpus"] == 1_000_000_000
        assert set(host["Tmpfs"]) == {"/work", "/tmp"}
        assert f"size={limits.tmpfs_mb}m" in host["Tmpfs"]["/work"]
        assert {u["Name"] for u in host["Ulimits"]} >= {"core", "nofile", "fsize"}
        assert config["User"] == "1000:1000"
        assert sorted(e.split("=")[0] for e in config["Env"]) == ["HOME", "LANG", "PATH"]
        assert not host.get("Binds") and not info.get("Mounts", [])[:0]
        res = box.run(["/usr/bin/id", "-u"])
        assert res.stdout == b"1000\n"
        res = box.run(["/bin/sh", "-c", "cat /proc/self/status | grep -E '^(CapEff|NoNewPrivs)'"])
        assert b"CapEff:\t0000000000000000" in res.stdout and b"NoNewPrivs:\t1" in res.stdout


def test_run_limits_and_cleanup_between_runs(docker):
    with sandbox.Sandbox() as box:
        # a background process survives its parent only until the run ends
        box.run(["/bin/sh", "-c", "(sleep 100 &) ; echo started"], wall=2)
        res = box.run(["/bin/sh", "-c", "ps -e 2>/dev/null | wc -l || ls /proc | grep -c '^[0-9]'"])
        assert int(res.stdout.split()[-1]) <= 4  # sh, ps/ls, wc/grep and PID 1 at most
        res = box.run(["/bin/sh", "-c", "sleep 5"], wall=0.5)
        assert res.timeout and res.wall < 2
        res = box.run(["/bin/sh", "-c", "head -c 100000 /dev/zero"], output_bytes=1000)
        assert res.output_limit and len(res.stdout) <= 1000
        res = box.run(["/bin/cat"], stdin=b"fed on stdin")
        assert res.stdout == b"fed on stdin" and res.exit == 0


def test_reaper_spares_live_graders_and_removes_orphans(docker):
    api = sandbox.client().api
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=False,
        capture_output=True,
        text=True,
    ).stdout.strip()
    labels = {
        sandbox.LABEL: "run",
        sandbox.HOST_LABEL: socket.gethostname(),
        sandbox.PID_LABEL: dead,
        sandbox.TAG_LABEL: sandbox._labels()[sandbox.TAG_LABEL],
    }
    orphan = api.create_container(
        docker,
        command=["sleep", "60"],
        labels=labels,
        host_config=api.create_host_config(network_mode="none"),
    )
    with sandbox.Sandbox() as box:
        removed = sandbox.reap_stale_containers()
        assert removed >= 1
        ids = {c["Id"] for c in api.containers(all=True)}
        assert orphan["Id"] not in ids
        assert box.id in ids
        assert box.run(["/bin/true"]).exit == 0


def test_supervisor_errors_are_reported_not_fatal(docker):
    with sandbox.Sandbox() as box:
        with pytest.raises(sandbox.SandboxError, match="unknown op"):
            box._request({"op": "bogus"}, wall=5)
        with pytest.raises(sandbox.SandboxError, match="bad file name"):
            box.put_files({"../escape": b"x"})
        assert box.run(["/bin/true"]).exit == 0
