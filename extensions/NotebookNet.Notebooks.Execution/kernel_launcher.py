#!/usr/bin/env python3
"""Starts the pinned .NET Interactive kernel for Jupyter so that Jupyter's Interrupt stops training.

The kernelspec's argv runs this file (standard library only: python3 is there wherever Jupyter is):

    launcher.py --tool-dir <repository> -- dotnet tool run dotnet-interactive -- jupyter ... {connection_file}

Why: Jupyter interrupts a kernel by sending SIGINT to the kernel's process group, and the pinned kernel's host
shuts down on SIGINT. So the kernel runs in its own session, where Jupyter's SIGINT never reaches it, and this
launcher (which Jupyter does signal) turns SIGINT into SIGUSR1 for the kernel process. The NotebookNet extension
handles SIGUSR1 by interrupting the running cell's library calls (Fit stops at the next batch). An unhandled
SIGUSR1 would kill a .NET process, so the launcher signals only a process that has said it listens: the extension
writes its process id into the file named by NOTEBOOKNET_INTERRUPT_FILE once its handler is registered.

Processes: Jupyter -> this launcher (Jupyter's process group) -> supervisor (this file with --supervise, session
leader of a new session) -> dotnet tool run -> the kernel. The supervisor holds the read end of a pipe whose write
end only the launcher has; when the launcher goes away for any reason (SIGKILL from Jupyter included) the pipe
closes and the supervisor kills the kernel's whole group: no orphan keeps running.

`dotnet tool run` finds the pinned tool through the repository's tool manifest, so it starts in --tool-dir; the
folder Jupyter started the launcher in (the notebook's folder) is passed on as NOTEBOOKNET_NOTEBOOK_FOLDER, and the
extension makes it the kernel's current directory.
"""

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

GRACE_SECONDS = 5.0


def log(message):
    sys.stderr.write(f"[notebooknet-launcher] {message}\n")
    sys.stderr.flush()


def group_alive(pgid):
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def stop_group(pgid):
    """SIGTERM to the kernel's group, then SIGKILL to whatever is left after the grace period."""
    try:
        os.killpg(pgid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + GRACE_SECONDS
    while time.monotonic() < deadline and group_alive(pgid):
        time.sleep(0.05)
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def remove_handshake(ready_file):
    for remove, path in ((os.remove, ready_file), (os.rmdir, os.path.dirname(ready_file))):
        try:
            remove(path)
        except OSError:
            pass


def supervise(command):
    """Runs the kernel in this (new) session; kills the session's group when stdin (the launcher's pipe) closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    kernel = subprocess.Popen(command, stdin=subprocess.DEVNULL)

    def watch_launcher():
        try:
            while sys.stdin.buffer.read(1):
                pass
        except OSError:
            pass
        if kernel.poll() is None:
            log("the launcher went away; stopping the kernel")
            stop_group(os.getpgrp())

    threading.Thread(target=watch_launcher, daemon=True).start()
    code = kernel.wait()
    remove_handshake(os.environ.get("NOTEBOOKNET_INTERRUPT_FILE", ""))   # also when the launcher was killed
    return code


class Launcher:
    def __init__(self, tool_dir, command):
        self.handshake_dir = tempfile.mkdtemp(prefix="notebooknet-kernel-")
        self.ready_file = os.path.join(self.handshake_dir, "listening")
        self.parent = os.getppid()
        env = dict(os.environ)
        env["NOTEBOOKNET_INTERRUPT_FILE"] = self.ready_file
        env["NOTEBOOKNET_NOTEBOOK_FOLDER"] = os.getcwd()
        self.supervisor = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "--supervise", "--", *command],
            stdin=subprocess.PIPE, cwd=tool_dir, env=env, start_new_session=True)
        self.stopping = False

    def kernel_pid(self):
        try:
            with open(self.ready_file, encoding="ascii") as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return None

    def interrupt(self, signum, frame):
        pid = self.kernel_pid()
        if pid is None:
            log("Interrupt ignored: the NotebookNet extension is not loaded yet (run the first cell, "
                "#r \"nuget: NotebookNet.Interactive, *-*\")")
            return
        try:
            os.kill(pid, signal.SIGUSR1)
            log(f"Interrupt sent to the kernel (process {pid})")
        except ProcessLookupError:
            log(f"Interrupt ignored: the kernel process {pid} has exited")

    def terminate(self, signum, frame):
        self.stopping = True

    def run(self):
        signal.signal(signal.SIGINT, self.interrupt)
        signal.signal(signal.SIGTERM, self.terminate)
        signal.signal(signal.SIGHUP, self.terminate)
        try:
            while self.supervisor.poll() is None:
                if self.stopping or os.getppid() != self.parent:
                    if not self.stopping:
                        log("Jupyter went away; stopping the kernel")
                    stop_group(self.supervisor.pid)
                    break
                time.sleep(0.2)
            return self.supervisor.wait()
        finally:
            remove_handshake(self.ready_file)


def main(argv):
    if "--" not in argv:
        log("usage: launcher.py --tool-dir DIR -- KERNEL COMMAND ...  (or --supervise -- KERNEL COMMAND ...)")
        return 2
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1:]
    if options == ["--supervise"]:
        return supervise(command)
    if len(options) == 2 and options[0] == "--tool-dir" and os.path.isdir(options[1]):
        return Launcher(options[1], command).run()
    log(f"bad options {options!r}: expected --tool-dir <an existing folder holding the tool manifest>")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
