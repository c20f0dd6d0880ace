#!/usr/bin/env python3
"""Runs notebooks cell by cell through the pinned kernel started as VS Code's Polyglot Notebooks starts it:
`dotnet tool run dotnet-interactive -- [vscode] stdio --working-dir <notebook folder>`, in the notebook's folder,
with a clean environment (PATH and HOME only), speaking the stdio JSON protocol: one SubmitCode envelope per line
on stdin, events one per line on stdout until CommandSucceeded or CommandFailed carries the same token.

Usage: stdio_notebooks.py RESULT_JSON NOTEBOOK...

Each notebook gets a kernel of its own in its own process group (killed as a whole afterwards, also on failure).
Writes [{"notebook", "cells", "failed": [{"cell", "message"}], "seconds"}] for the xunit test to assert on.
"""

import json
import os
import selectors
import signal
import subprocess
import sys
import time

CELL_TIMEOUT = 600


def clean_environment():
    env = {name: os.environ[name] for name in ("PATH", "HOME", "NUGET_PACKAGES", "DOTNET_ROOT") if name in os.environ}
    env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1"   # the editor's own setting; nothing of the runner's environment
    return env


class StdioKernel:
    def __init__(self, folder):
        self.process = subprocess.Popen(
            ["dotnet", "tool", "run", "dotnet-interactive", "--", "[vscode]", "stdio", "--working-dir", folder],
            cwd=folder, env=clean_environment(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, start_new_session=True)
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.process.stdout, selectors.EVENT_READ)
        self.buffer = b""
        self.token = 0

    def lines(self, deadline):
        while time.monotonic() < deadline:
            while b"\n" in self.buffer:
                line, self.buffer = self.buffer.split(b"\n", 1)
                yield line
            if not self.selector.select(timeout=1):
                continue
            chunk = os.read(self.process.stdout.fileno(), 1 << 16)
            if not chunk:
                raise RuntimeError("the kernel closed its output")
            self.buffer += chunk
        raise TimeoutError(f"no answer within {CELL_TIMEOUT} s")

    def submit(self, code):
        """Returns None when the cell succeeded, else the failure message."""
        self.token += 1
        token = f"cell-{self.token}"
        envelope = {"commandType": "SubmitCode", "command": {"code": code, "targetKernelName": "csharp"}, "token": token}
        self.process.stdin.write((json.dumps(envelope) + "\n").encode())
        self.process.stdin.flush()
        for line in self.lines(time.monotonic() + CELL_TIMEOUT):
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if not isinstance(event, dict) or (event.get("command") or {}).get("token") != token:
                continue
            if event.get("eventType") == "CommandSucceeded":
                return None
            if event.get("eventType") == "CommandFailed":
                return event["event"].get("message", "CommandFailed")
        return "no answer"

    def kill(self):
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()


def code_cells(path):
    with open(path, encoding="utf-8") as f:
        notebook = json.load(f)
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            source = cell["source"]
            yield "".join(source) if isinstance(source, list) else source


def main(result_path, notebooks):
    results = []
    for notebook in notebooks:
        start = time.monotonic()
        kernel = StdioKernel(os.path.dirname(os.path.abspath(notebook)))
        failed, count = [], 0
        try:
            for count, code in enumerate(code_cells(notebook), start=1):
                message = kernel.submit(code)
                if message is not None:
                    failed.append({"cell": count, "message": message[:2000]})
                    break   # later cells depend on this one
        except (RuntimeError, TimeoutError) as e:
            failed.append({"cell": count, "message": str(e)})
        finally:
            kernel.kill()
        results.append({"notebook": os.path.basename(notebook), "cells": count, "failed": failed,
                        "seconds": round(time.monotonic() - start, 1)})
        with open(result_path, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
