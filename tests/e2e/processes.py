"""Starting and stopping the emulator (Node) and the bot as shipped (``python -m bot``) for the e2e tests."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

E2E_DIR = Path(__file__).resolve().parent
ROOT = E2E_DIR.parent.parent
READY = re.compile(r"emulator ready on (http://\S+)")
START_DEADLINE = 30.0
STOP_GRACE = 10.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(condition: Callable[[], object], deadline: float, what: str,
               explain: Callable[[], str] = lambda: "") -> None:
    """Poll ``condition`` every 50 ms until it is true; fail naming ``what`` after ``deadline`` seconds."""
    give_up = time.monotonic() + deadline
    while not condition():
        if time.monotonic() >= give_up:
            raise AssertionError(f"timed out after {deadline} s waiting for {what}\n{explain()}")
        time.sleep(0.05)


def ensure_emulator_installed() -> None:
    """Install the pinned emulator from the lock file when node_modules is missing."""
    if (E2E_DIR / "node_modules" / "telegram-test-api" / "package.json").exists():
        return
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise RuntimeError("the e2e tests need Node.js 20+ and npm on PATH (they run telegram-test-api)")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=E2E_DIR, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300)


def _stop(process: subprocess.Popen[bytes] | subprocess.Popen[str]) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(STOP_GRACE)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(STOP_GRACE)


class Emulator:
    """telegram-test-api on 127.0.0.1 at a free port; its output is kept for failure reports."""

    def __init__(self) -> None:
        self.url = ""
        self.output: list[str] = []
        self._process: subprocess.Popen[str] | None = None

    def start(self) -> Emulator:
        ensure_emulator_installed()
        self._process = subprocess.Popen(["node", "emulator.js", "0"], cwd=E2E_DIR, text=True,
                                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        threading.Thread(target=self._read, args=(self._process,), daemon=True).start()
        wait_until(lambda: self.url or self._process.poll() is not None, START_DEADLINE, "the emulator",
                   lambda: "".join(self.output))
        if not self.url:
            raise RuntimeError(f"the emulator did not start:\n{''.join(self.output)}")
        return self

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self.output.append(line)
            if not self.url and (ready := READY.search(line)):
                self.url = ready.group(1)

    def stop(self) -> None:
        if self._process is not None:
            _stop(self._process)


class BotProcess:
    """``python -m bot`` run from the repository root with the given environment, logging to a file."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.env = env
        self.log_path = log_path
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> BotProcess:
        env = {**os.environ, **self.env, "PYTHONUNBUFFERED": "1"}
        with self.log_path.open("wb") as log:
            self._process = subprocess.Popen([sys.executable, "-m", "bot"], cwd=ROOT, env=env,
                                             stdout=log, stderr=subprocess.STDOUT)
        return self

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def describe(self) -> str:
        code = self._process.returncode if self._process else None
        state = "running" if self.running else f"exited with {code}"
        return f"--- bot ({state}), last log lines ---\n" + "\n".join(self.log().splitlines()[-40:])

    @property
    def pid(self) -> int:
        assert self._process is not None
        return self._process.pid

    def send_signal(self, signum: int) -> None:
        assert self._process is not None
        self._process.send_signal(signum)

    def wait(self, timeout: float) -> int:
        """The exit code, once the process has exited by itself (fails after ``timeout`` seconds)."""
        assert self._process is not None
        return self._process.wait(timeout)

    def stop(self) -> int | None:
        """Stop with SIGTERM (graceful), killing it if it hangs; returns the exit code."""
        if self._process is None:
            return None
        _stop(self._process)
        return self._process.returncode
