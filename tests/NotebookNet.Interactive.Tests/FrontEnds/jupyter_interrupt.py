#!/usr/bin/env python3
"""Drives the installed NotebookNet kernelspec through jupyter_client as JupyterLab/Notebook/VS Code do, and
interrupts running cells with KernelManager.interrupt_kernel (SIGINT to the launcher's process group).

Usage: jupyter_interrupt.py KERNEL_NAME WORKING_DIR REPEATS RESULT_JSON

Writes a JSON report (every cell's outcome, every interrupt's latency, the kernel's listening sockets, whether the
kernel survived a cell that never returns to the library, whether its processes were gone after shutdown) that the
xunit test asserts on. Exits 0 when it could drive the kernel at all; the assertions are the test's.
"""

import json
import os
import random
import subprocess
import sys
import time

from jupyter_client.manager import KernelManager

CELL_TIMEOUT = 300


class Kernel:
    def __init__(self, name, cwd):
        self.manager = KernelManager(kernel_name=name)
        self.manager.start_kernel(cwd=cwd)
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=CELL_TIMEOUT)

    def run(self, code, interrupt_after=None):
        """Runs one cell. With interrupt_after=(predicate, delay): once an iopub message satisfies the predicate,
        waits delay seconds, then interrupts. Returns the cell's outcome."""
        msg_id = self.client.execute(code)
        outcome = {"status": None, "texts": [], "error": None, "latency": None, "displays": {}}
        interrupt_at = None
        interrupted_at = None
        deadline = time.monotonic() + CELL_TIMEOUT
        while time.monotonic() < deadline:
            if interrupt_at is not None and interrupted_at is None and time.monotonic() >= interrupt_at:
                interrupted_at = time.monotonic()
                self.manager.interrupt_kernel()
            try:
                msg = self.client.get_iopub_msg(timeout=0.05)
            except Exception:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind in ("display_data", "update_display_data", "execute_result"):
                html = content["data"].get("text/html") or ""
                plain = content["data"].get("text/plain") or ""
                display_id = content.get("transient", {}).get("display_id")
                if display_id:
                    outcome["displays"][display_id] = html or plain
                if kind == "execute_result":
                    outcome["texts"].append(plain)
                if interrupt_after and interrupt_at is None and interrupt_after[0](kind, html):
                    interrupt_at = time.monotonic() + interrupt_after[1]
            elif kind == "stream":
                outcome["texts"].append(content["text"])
            elif kind == "error":
                outcome["error"] = f'{content["ename"]}: {content["evalue"]}'
            elif kind == "status" and content["execution_state"] == "idle":
                if interrupted_at is not None:
                    outcome["latency"] = time.monotonic() - interrupted_at
                break
        reply = self.client.get_shell_msg(timeout=CELL_TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.client.get_shell_msg(timeout=CELL_TIMEOUT)
        outcome["status"] = reply["content"]["status"]
        if interrupt_after and interrupted_at is None:
            outcome["error"] = (outcome["error"] or "") + " (the interrupt was never sent: the cell ended first)"
        return outcome

    def value(self, code):
        outcome = self.run(code)
        if outcome["status"] != "ok" or not outcome["texts"]:
            raise RuntimeError(f"cell {code!r} failed: {outcome}")
        return outcome["texts"][-1].strip()


def training_updates(kind, html):
    return kind == "update_display_data" and "nn-training-progress" in html


def started(kind, html):
    return kind == "display_data" and "started" in html


def listening_sockets(pid):
    """Local addresses the kernel process listens on, from `ss -ltnp`."""
    out = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True, check=True).stdout
    return [line.split()[3] for line in out.splitlines() if f"pid={pid}," in line]


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


SETUP = """
using NotebookNet;
using NotebookNet.Layers;
var random = new Random(7);
var x = new Tensor(4000, 28, 28, 1);
for (int i = 0; i < x.Length; i++) x.Data[i] = (float)random.NextDouble();
var y = new Tensor(4000, 10);
for (int i = 0; i < 4000; i++) y[i, i % 10] = 1f;
var model = new Sequential(new Shape(28, 28, 1), "interrupted", seed: 1);
model.Add(new Conv2D(16, 3, activation: "relu"));
model.Add(new MaxPooling2D(2));
model.Add(new Flatten());
model.Add(new Dense(10, activation: "softmax"));
model.Compile(new NotebookNet.Optimizers.Adam(), NotebookNet.Losses.Loss.CategoricalCrossEntropy,
    NotebookNet.Metrics.Metric.Accuracy);
var big = new Tensor(100_000, 28, 28, 1);
var bigY = new Tensor(100_000, 10);
void Started() => NotebookNet.Interactive.LiveDisplay.Start("<b>started</b>");
"""

# Long library calls other than Fit, each interrupted once: (name, cell).
OTHER_CALLS = [
    ("Evaluate", "Started(); model.Evaluate(big, bigY)"),
    ("Predict", "Started(); model.Predict(big).Length"),
    ("GradientDescent", "Started(); NotebookNet.Neurons.GradientDescent.Minimize("
                        "(a, b) => a * a + b * b, (1.0, 1.0), 1e-9, steps: 2_000_000_000).Count"),
    ("InputGradient", "Started(); var dream = x.Slice(0, 1).Clone();\n"
                      "for (int s = 0; s < 1_000_000; s++) model.InputGradient(dream, 0, 3);"),
]


def main(name, cwd, repeats, result_path):
    report = {"load": None, "fits": [], "checks": [], "others": [], "sockets": None,
              "survived_own_loop": None, "processes_left": None}
    kernel = Kernel(name, cwd)
    kernel_pid = None
    try:
        load = kernel.run('#r "nuget: NotebookNet.Interactive, *-*"')
        report["load"] = " ".join(load["texts"]) + " " + " ".join(load["displays"].values()) + f" [{load['status']}]"
        setup = kernel.run(SETUP)
        if setup["status"] != "ok":
            raise RuntimeError(f"set-up cell failed: {setup}")
        kernel_pid = int(kernel.value("System.Environment.ProcessId.ToString()"))
        report["sockets"] = listening_sockets(kernel_pid)
        report["cwd"] = kernel.value("System.IO.Directory.GetCurrentDirectory()")
        for i in range(repeats):
            fit = kernel.run(f"var h{i} = model.Fit(x, y, batchSize: 64, epochs: 1000);",
                             (training_updates, random.uniform(0.2, 1.0)))
            fit["final"] = [v for v in fit.pop("displays").values() if "nn-training-progress" in v][-1:]
            report["fits"].append(fit)
            report["checks"].append(kernel.run(
                f'$"{{h{i}.Interrupted}} {{h{i}.BatchLosses.Count > 0}} {{model.Predict(x.Slice(0, 10)).Length}}"'))
        for label, code in OTHER_CALLS:
            other = kernel.run(code, (started, 0.5))
            other.pop("displays")
            other["call"] = label
            report["others"].append(other)
        report["after_others"] = kernel.value("model.Evaluate(x, y).ToString()")

        # A cell that never returns to the library: the interrupt must not kill the kernel.
        kernel.client.execute("Started(); while (true) { }")
        time.sleep(3)
        kernel.manager.interrupt_kernel()
        time.sleep(3)
        report["survived_own_loop"] = kernel.manager.is_alive() and alive(kernel_pid)
    finally:
        kernel.client.stop_channels()
        kernel.manager.shutdown_kernel(now=True)
        if kernel_pid is not None:
            deadline = time.monotonic() + 15
            while alive(kernel_pid) and time.monotonic() < deadline:
                time.sleep(0.2)
            report["processes_left"] = alive(kernel_pid)
        with open(result_path, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4])
