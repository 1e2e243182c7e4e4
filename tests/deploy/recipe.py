"""The deployment recipe's own files (deploy/), read and rendered as an IT team applies them.

Nothing here starts a process: `units` expands a systemd unit's command lines the way systemd
does, `render_env` fills an environment template, `render_site` runs the nginx render script.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
INSTALL_DIR = "/opt/school101"  # where the recipe installs the code; here, this checkout
SHARED_ENV = "/etc/school101/school101.env"
HOST_ENV = "/etc/school101/host.env"


def check_host_module():
    """deploy/check_host.py, imported by path (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("check_host", DEPLOY / "check_host.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def at_checkout(value: str) -> str:
    """`value` with the install directory of the recipe replaced by this checkout."""
    return value.replace(INSTALL_DIR, str(ROOT))


def render_env(template: Path, values: dict[str, str], target: Path, mode: int = 0o640) -> Path:
    """Copy an env template, setting `values` (a commented `#KEY=` line is uncommented); every
    key must already be in the template, so the test fails when the recipe drops a setting."""
    lines, seen = [], set()
    for raw in template.read_text().splitlines():
        match = re.match(r"^#?([A-Z][A-Z0-9_]*)=", raw)
        if match and match.group(1) in values:
            key = match.group(1)
            lines.append(f"{key}={values[key]}")
            seen.add(key)
        else:
            lines.append(raw)
    missing = set(values) - seen
    assert not missing, f"{template.name} has no line for {sorted(missing)}"
    target.write_text("\n".join(lines) + "\n")
    target.chmod(mode)
    return target


class Unit:
    """A systemd service unit of deploy/systemd/: its [Service] settings, command lines expanded
    as systemd would (%i, ${VAR} as one word, $VAR split on blanks), for this checkout."""

    def __init__(self, name: str) -> None:
        self.path = DEPLOY / "systemd" / name
        self.settings: dict[str, list[str]] = {}
        section = ""
        for raw in self.path.read_text().splitlines():
            line = raw.strip()
            if not line or line.startswith(("#", ";")):
                continue
            if line.startswith("["):
                section = line.strip("[]")
                continue
            key, _, value = line.partition("=")
            self.settings.setdefault(f"{section}.{key.strip()}", []).append(value.strip())

    def get(self, key: str) -> list[str]:
        """Every value of `Section.Key`, in order."""
        return self.settings.get(key, [])

    def environment(
        self,
        files: dict[str, Path],
        base: dict[str, str],
        instance: str = "",
        run: Path | None = None,
    ) -> dict[str, str]:
        """`base` plus the unit's EnvironmentFile= files (recipe path -> rendered file here; a
        file prefixed with `-` may be absent) and Environment= pairs; its RuntimeDirectory= is
        made fresh under `run`, which stands for /run."""
        env = dict(base)
        for entry in self.get("Service.RuntimeDirectory"):
            assert run is not None, f"{self.path.name} needs a runtime directory"
            folder = run / self._specifiers(entry, instance)
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
        read = check_host_module().read_env_file
        for entry in self.get("Service.EnvironmentFile"):
            optional = entry.startswith("-")
            path = files.get(entry.lstrip("-"))
            if path is None or not path.exists():
                assert optional, f"{self.path.name} needs {entry}"
                continue
            env.update({k: at_checkout(v) for k, v in read(path).items()})
        for entry in self.get("Service.Environment"):
            for pair in shlex.split(self._specifiers(entry, instance)):
                key, _, value = pair.partition("=")
                env[key] = str(run / value[len("/run/") :]) if value.startswith("/run/") else value
        return env

    @staticmethod
    def _specifiers(text: str, instance: str) -> str:
        return text.replace("%i", instance).replace("%I", instance)

    def command(self, key: str, env: dict[str, str], instance: str = "") -> list[str]:
        """The argv of `key` (e.g. Service.ExecStart) after systemd's expansions."""
        (line,) = self.get(key)
        argv = []
        for word in shlex.split(self._specifiers(line, instance)):
            whole = re.fullmatch(r"\$([A-Za-z_][A-Za-z0-9_]*)", word)
            if whole:
                argv += env.get(whole.group(1), "").split()
                continue
            argv.append(
                re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda m: env.get(m.group(1), ""), word)
            )
        return [at_checkout(arg) for arg in argv]

    def working_directory(self) -> str:
        (directory,) = self.get("Service.WorkingDirectory")
        return at_checkout(directory)


def render_site(variables: dict[str, str]) -> str:
    """The nginx site rendered by deploy/nginx/render-site.sh with `variables`."""
    result = subprocess.run(
        ["bash", str(DEPLOY / "nginx" / "render-site.sh")],
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **variables},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout
