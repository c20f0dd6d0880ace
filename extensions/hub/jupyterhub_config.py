# JupyterHub for a class on one server, with the NotebookNet kernel. Installed by `notebooknet-hub install`
# into <prefix>/etc beside hub.json (the class: teacher, students, limits) and notebooknet_spawner.py.
# Debian's jupyterhub 3 reads it: `jupyterhub -f <prefix>/etc/jupyterhub_config.py` (what `notebooknet-hub start` runs).
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from notebooknet_spawner import CgroupSpawner  # noqa: E402

with open(os.path.join(here, "hub.json")) as f:
    settings = json.load(f)
prefix = settings["prefix"]
state = os.path.join(prefix, "var")

c = get_config()  # noqa: F821 (defined by JupyterHub when it loads this file)

# Loopback only: put a TLS reverse proxy (nginx, Caddy) in front to open it to the class.
c.JupyterHub.bind_url = f"http://127.0.0.1:{settings['port']}"
# The proxy's REST API and the hub itself listen on the next two ports, also on loopback.
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings['port'] + 1}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = settings["port"] + 2
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
# Debian's configurable-http-proxy keeps its Node.js modules in /usr/share/nodejs, where a Node.js that is not
# Debian's own (NodeSource's) does not look; NODE_PATH makes both find them.
c.ConfigurableHTTPProxy.command = ["env", "NODE_PATH=/usr/share/nodejs", "configurable-http-proxy"]
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "jupyterhub-proxy.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every student's server

# Students log in with their system account (PAM, Debian's default); the teacher gets the admin page.
c.Authenticator.admin_users = {settings["teacher"]}
c.Authenticator.allowed_users = set(settings["students"]) | {settings["teacher"]}

# Each server runs as its student, in the student's cgroups (memory and CPU limits).
c.JupyterHub.spawner_class = CgroupSpawner
c.Spawner.mem_limit = settings["memory"]
c.Spawner.cpu_limit = float(settings["cpus"])
c.Spawner.cmd = [os.path.join(prefix, "bin", "notebooknet-singleuser")]
c.Spawner.default_url = "/tree/notebooknet"
c.Spawner.environment = {
    "JUPYTER_PATH": os.path.join(prefix, "share", "jupyter"),  # the NotebookNet kernelspec
    "NOTEBOOKNET_LECTURE": os.path.join(prefix, "notebooks"),  # copied into ~/notebooknet when missing
    "PATH": "/usr/local/bin:/usr/bin:/bin",
}
# A kernel nobody used for an hour gives its memory back (the notebook keeps its saved outputs).
c.Spawner.args = [
    "--MappingKernelManager.cull_idle_timeout=3600",
    "--MappingKernelManager.cull_interval=300",
]
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 120
