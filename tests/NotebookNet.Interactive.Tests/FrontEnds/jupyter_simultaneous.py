#!/usr/bin/env python3
"""Starts several kernels of one kernelspec at the same moment through jupyter_client, as JupyterLab does when it
reopens several notebooks at once, and asks each to answer (kernel_info, then one cell).

Usage: jupyter_simultaneous.py KERNEL_NAME WORKING_DIR COUNT RESULT_JSON

Writes a JSON report, one entry per kernel: whether it answered kernel_info, the cell's status and output (the
kernel's process id), the loopback ports the kernel process listens on, and whether it still ran at the end. Every
kernel is shut down before the script exits, whatever happened. Exits 0 when it could write the report; the
assertions are the test's.
"""

import json
import subprocess
import sys
import threading
import time

from jupyter_client.manager import KernelManager

READY_TIMEOUT = 240


def listening_ports(pid):
    out = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True, check=True).stdout
    return [line.split()[3] for line in out.splitlines() if f"pid={pid}," in line]


def ask(manager, outcome):
    """Waits for the kernel to answer kernel_info, then runs one cell that prints its process id."""
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=READY_TIMEOUT)
        outcome["kernel_info"] = True
        msg_id = client.execute("System.Console.WriteLine(System.Environment.ProcessId);")
        deadline = time.monotonic() + READY_TIMEOUT
        while outcome["status"] is None:
            if not manager.is_alive():
                raise RuntimeError("the kernel died while it ran the cell")
            if time.monotonic() > deadline:
                raise TimeoutError(f"no reply to the cell within {READY_TIMEOUT} s")
            try:
                message = client.get_iopub_msg(timeout=0.2)
            except Exception:   # queue.Empty: nothing yet
                continue
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            if message["msg_type"] == "stream":
                outcome["pid"] = int(message["content"]["text"].strip())
            elif message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                reply = client.get_shell_msg(timeout=READY_TIMEOUT)
                while reply["parent_header"].get("msg_id") != msg_id:
                    reply = client.get_shell_msg(timeout=READY_TIMEOUT)
                outcome["status"] = reply["content"]["status"]
    except Exception as e:   # a dead kernel: jupyter_client raises RuntimeError
        outcome["error"] = f"{type(e).__name__}: {e}"
    finally:
        client.stop_channels()


def main(name, cwd, count, result_path):
    managers = [KernelManager(kernel_name=name) for _ in range(count)]
    outcomes = [{"kernel_info": False, "status": None, "error": None, "pid": None} for _ in range(count)]
    start = threading.Barrier(count)

    def start_and_ask(i):
        start.wait()   # every kernel's process starts at the same moment
        try:
            managers[i].start_kernel(cwd=cwd)
        except Exception as e:
            outcomes[i]["error"] = f"start failed: {type(e).__name__}: {e}"
            return
        ask(managers[i], outcomes[i])

    threads = [threading.Thread(target=start_and_ask, args=(i,)) for i in range(count)]
    began = time.monotonic()
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for manager, outcome in zip(managers, outcomes):
            outcome["alive"] = manager.has_kernel and manager.is_alive()
            outcome["ports"] = listening_ports(outcome["pid"]) if outcome["pid"] else []
            info = manager.get_connection_info()
            outcome["zmq_ports"] = [info[p] for p in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")]
    finally:
        for manager in managers:
            if manager.has_kernel:
                manager.shutdown_kernel(now=True)
        with open(result_path, "w", encoding="utf-8") as f:
            json.dump({"seconds": time.monotonic() - began, "kernels": outcomes}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4])
