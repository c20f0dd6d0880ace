#!/usr/bin/env python3
"""Starts the pinned .NET Interactive kernel for Jupyter so that Jupyter's Interrupt stops training.

The kernelspec's argv runs this file (standard library only: python3 is there wherever Jupyter is):

    launcher.py [--tool-dir <repository>] -- dotnet tool run dotnet-interactive -- jupyter ... {connection_file}

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

`dotnet tool run` finds the pinned tool through the repository's tool manifest, so it starts in --tool-dir (without
it, in the folder Jupyter started the launcher in); that folder (the notebook's) is passed on as
NOTEBOOKNET_NOTEBOOK_FOLDER, and the extension makes it the kernel's current directory.

The kernel's HTTP port: the kernel also serves HTTP on loopback, on the first free port of --http-port-range
(default 2048-3000). It checks that a port is free, then binds it seconds later, so kernels started at the same
moment (JupyterLab reopening two notebooks, a class opening notebook 06 together) take the same port and all but
one die with "address already in use". So the launcher chooses the port and passes it as the whole range
(--http-port-range P-P, inserted before the connection file, as `dotnet interactive jupyter install
--http-port-range` does; a command that already has the option keeps it): see http_port.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

GRACE_SECONDS = 5.0
# The kernels' HTTP ports: below Linux's ephemeral ports (32768 and up), where outgoing connections and Jupyter's own
# ZeroMQ ports come from.
HTTP_PORTS = range(20000, 32000)
# Step between the candidates of one launcher: coprime with the range's length, so every port is tried once, and so
# large that launchers with nearby process ids (started at the same moment) do not meet in each other's candidates.
HTTP_PORT_STRIDE = 4999


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


def port_free(port):
    """Whether nothing is bound to the port on any IPv4 address (a stricter test than the kernel's own, on 127.0.0.1)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("", port))
            return True
        except OSError:
            return False


def connection_ports(connection_file):
    """The ZeroMQ ports Jupyter chose for this kernel (free now, bound by the kernel in a moment)."""
    try:
        with open(connection_file, encoding="utf-8") as f:
            info = json.load(f)
        return {value for key, value in info.items() if key.endswith("_port") and isinstance(value, int)}
    except (OSError, ValueError, AttributeError):
        return set()


def http_port(connection_file):
    """The kernel's HTTP port: the first free one of a sequence that starts at a port given by this launcher's process
    id. Processes alive at the same time have different ids, so launchers started at the same moment start their
    sequences at different ports and cannot both see one port free before either kernel binds it (unless their ids
    differ by a multiple of the range's length); a port an older kernel holds fails the probe and is skipped."""
    start = os.getpid() % len(HTTP_PORTS)
    taken = connection_ports(connection_file)
    for i in range(len(HTTP_PORTS)):
        port = HTTP_PORTS[(start + i * HTTP_PORT_STRIDE) % len(HTTP_PORTS)]
        if port not in taken and port_free(port):
            return port
    raise RuntimeError(f"no free port in {HTTP_PORTS.start}-{HTTP_PORTS.stop - 1} for the kernel's HTTP server")


def with_http_port(command):
    """The kernel command with --http-port-range P-P before its last argument (the connection file)."""
    if "--http-port-range" in command or not command:
        return command
    port = http_port(command[-1])
    return [*command[:-1], "--http-port-range", f"{port}-{port}", command[-1]]


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
    # The watcher may still be blocked reading stdin, and the interpreter's shutdown aborts on a daemon thread inside
    # the buffered reader ("could not acquire lock for <stdin>"): leave without it.
    sys.stderr.flush()
    os._exit(code if code >= 0 else 128 - code)


class Launcher:
    def __init__(self, tool_dir, command):
        self.handshake_dir = tempfile.mkdtemp(prefix="notebooknet-kernel-")
        self.ready_file = os.path.join(self.handshake_dir, "listening")
        self.parent = os.getppid()
        env = dict(os.environ)
        env["NOTEBOOKNET_INTERRUPT_FILE"] = self.ready_file
        env["NOTEBOOKNET_NOTEBOOK_FOLDER"] = os.getcwd()
        self.supervisor = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "--supervise", "--", *with_http_port(command)],
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
        log("usage: launcher.py [--tool-dir DIR] -- KERNEL COMMAND ...  (or --supervise -- KERNEL COMMAND ...)")
        return 2
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1:]
    if options == ["--supervise"]:
        return supervise(command)
    if not options:
        return Launcher(os.getcwd(), command).run()
    if len(options) == 2 and options[0] == "--tool-dir" and os.path.isdir(options[1]):
        return Launcher(options[1], command).run()
    log(f"bad options {options!r}: expected nothing or --tool-dir <an existing folder holding the tool manifest>")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
