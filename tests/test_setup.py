"""The README's two commands on a fresh machine: `make test` installs or names the Debian
packages the tests need before it runs anything, and `make run` takes the port from PORT."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / ".ci" / "system-packages"


def dry_run(*args: str) -> list[str]:
    """The commands make would run, without running them."""
    result = subprocess.run(
        ["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout.splitlines()


def test_make_test_checks_system_packages_before_lint_and_pytest():
    commands = dry_run("test")
    packages = next(i for i, c in enumerate(commands) if ".ci/system-packages" in c)
    lint = next(i for i, c in enumerate(commands) if "ruff check" in c)
    tests = next(i for i, c in enumerate(commands) if "bin/pytest" in c)
    assert packages < lint < tests


def test_make_test_runs_pytest_in_the_workers_asked_for():
    """Two processes by default (the CI machine's two cores), TEST_WORKERS=1 for one."""
    assert any(c.strip().endswith("pytest -n 2") for c in dry_run("test"))
    assert any(c.strip().endswith("pytest -n 1") for c in dry_run("test", "TEST_WORKERS=1"))


def test_ci_runs_the_readmes_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "make test" in (ROOT / "README.md").read_text().split("\n## ")[0]


def test_make_run_serves_on_the_port_given():
    assert any("--server.port 8642" in c for c in dry_run("run", "PORT=8642"))
    assert "PORT=" in (ROOT / "README.md").read_text().split("\n## ")[0]


def run_env(tmp_path: Path, *args: str, **env: str) -> str:
    """``TRACKER_PUBLIC_URL`` as `make run ARGS` hands it to the app, with ``env`` set in (or,
    when empty, taken out of) the caller's environment: `tracker` and `streamlit` are stand-ins
    that print it, so nothing is installed or served."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for tool in ("tracker", "streamlit"):
        script = bin_dir / tool
        script.write_text(f'#!/bin/sh\nprintf "{tool}: %s\\n" "$TRACKER_PUBLIC_URL"\n')
        script.chmod(0o755)
    stamp = tmp_path / "installed-stamp"  # newer than pyproject.toml: nothing to install
    stamp.touch()
    environ = {k: v for k, v in os.environ.items() if k not in env}
    environ.update({k: v for k, v in env.items() if v})
    result = subprocess.run(
        ["make", "-s", "run", f"BIN={bin_dir}", f"STAMP={stamp}", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**environ, "TRACKER_DB": str(tmp_path / "tracker.db")},
    )
    return result.stdout


def test_make_run_links_snapshots_at_the_port_given(tmp_path):
    """`make run PORT=8600` serves at 8600, so the links it gives donors point there."""
    shown = run_env(tmp_path, "PORT=8600", TRACKER_PUBLIC_URL="")
    assert "streamlit: http://localhost:8600\n" in shown
    assert "tracker: http://localhost:8600\n" in shown
    assert "streamlit: http://localhost:8501\n" in run_env(tmp_path, TRACKER_PUBLIC_URL="")


def test_make_run_keeps_the_public_address_set(tmp_path):
    address = "https://progress.example.org/tracker"
    shown = run_env(tmp_path, "PORT=8600", TRACKER_PUBLIC_URL=address)
    assert f"streamlit: {address}\n" in shown


def test_a_machine_without_chromium_is_told_the_one_command_to_run():
    """Without root the script installs nothing: it exits 1 naming the apt-get command."""
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        here.chmod(0o755)  # readable by the ordinary user the script runs as below
        script = here / "system-packages"
        shutil.copy(SCRIPT, script)
        bin_dir = here / "bin"  # a PATH that has no chromium
        bin_dir.mkdir()
        for tool in ("bash", "id"):
            (bin_dir / tool).symlink_to(os.path.realpath(shutil.which(tool)))
        command = [str(bin_dir / "bash"), str(script)]
        if os.geteuid() == 0:  # root would install it: run as an ordinary user instead
            command = [shutil.which("runuser"), "-u", "nobody", "--", *command]
        result = subprocess.run(
            command, capture_output=True, text=True, env={"PATH": str(bin_dir)}, cwd=here
        )
    assert result.returncode == 1
    assert "apt-get install" in result.stderr and "chromium" in result.stderr
    assert "Installing" not in result.stdout


def test_a_machine_with_everything_is_left_alone():
    assert shutil.which("chromium") or shutil.which("chromium-browser")
    result = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout == result.stderr == ""
