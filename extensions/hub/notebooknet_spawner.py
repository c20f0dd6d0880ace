"""LocalProcessSpawner with a memory and CPU limit per student, in cgroup v1.

Each student's single-user server starts in /sys/fs/cgroup/{memory,cpu}/<parent>/<student>, so the server, its
kernels and everything they start count against the student's limits (Spawner.mem_limit, Spawner.cpu_limit),
whatever they fork. Stopping the server kills what is left in the group (a kernel, a restore's build server)
and removes the group, so nothing a student started outlives the server.
"""
import asyncio
import os
import signal
import time

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Unicode

CGROUP_ROOT = "/sys/fs/cgroup"
CPU_PERIOD_US = 100_000


class CgroupSpawner(LocalProcessSpawner):
    """Starts each server as its user (LocalProcessSpawner) inside that user's memory and cpu cgroups."""

    cgroup_parent = Unicode(
        "notebooknet", config=True, help="The cgroup under which every user gets a group named after them."
    )

    def cgroup(self, controller):
        return os.path.join(CGROUP_ROOT, controller, self.cgroup_parent, self.user.name)

    async def start(self):
        self.kill_cgroup()  # what a crashed hub may have left
        memory, cpu = self.cgroup("memory"), self.cgroup("cpu")
        for group in (memory, cpu):
            os.makedirs(group, exist_ok=True)
        if self.mem_limit:
            write(memory, "memory.limit_in_bytes", self.mem_limit)
            if os.path.exists(os.path.join(memory, "memory.memsw.limit_in_bytes")):
                write(memory, "memory.memsw.limit_in_bytes", self.mem_limit)  # no swapping past the limit either
        if self.cpu_limit:
            write(cpu, "cpu.cfs_period_us", CPU_PERIOD_US)
            write(cpu, "cpu.cfs_quota_us", int(self.cpu_limit * CPU_PERIOD_US))
        return await super().start()

    def make_preexec_fn(self, name):
        become_user = super().make_preexec_fn(name)
        procs = [os.path.join(self.cgroup(c), "cgroup.procs") for c in ("memory", "cpu")]

        def preexec():
            # Still root here (after fork, before exec): join the groups, then drop to the user.
            for path in procs:
                with open(path, "w") as f:
                    f.write(str(os.getpid()))
            become_user()

        return preexec

    async def stop(self, now=False):
        await super().stop(now=now)
        await asyncio.get_running_loop().run_in_executor(None, self.kill_cgroup)

    async def poll(self):
        status = await super().poll()
        if status is not None and os.path.isdir(self.cgroup("memory")):
            # The server is gone (crashed, or killed by the memory limit): so must be its kernels.
            await asyncio.get_running_loop().run_in_executor(None, self.kill_cgroup)
        return status

    def log_peak(self):
        try:
            with open(os.path.join(self.cgroup("memory"), "memory.max_usage_in_bytes")) as f:
                peak = int(f.read())
            self.log.info("%s's server used at most %.2f GB of memory (limit %s)",
                          self.user.name, peak / 1e9, self.mem_limit or "none")
        except OSError:
            pass

    def kill_cgroup(self, timeout=15):
        """SIGKILLs every process left in the user's groups, then removes the groups."""
        groups = [g for g in (self.cgroup("memory"), self.cgroup("cpu")) if os.path.isdir(g)]
        if groups:
            self.log_peak()
        deadline = time.monotonic() + timeout
        for group in groups:
            while True:
                pids = read_pids(group)
                if not pids:
                    break
                if time.monotonic() > deadline:
                    self.log.error("Processes %s of %s do not die; leaving %s", pids, self.user.name, group)
                    return
                for pid in pids:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                time.sleep(0.1)
        for group in groups:
            try:
                os.rmdir(group)
            except OSError as e:  # still busy a moment after the last process died
                time.sleep(0.2)
                try:
                    os.rmdir(group)
                except OSError:
                    self.log.error("Could not remove %s: %s", group, e)


def write(group, name, value):
    with open(os.path.join(group, name), "w") as f:
        f.write(str(value))


def read_pids(group):
    with open(os.path.join(group, "cgroup.procs")) as f:
        return [int(line) for line in f if line.strip()]
