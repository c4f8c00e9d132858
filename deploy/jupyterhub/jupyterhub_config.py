# JupyterHub for a class on one machine (docs/deploy.md, step by step). Copy this folder to /etc/jupyterhub/ and
# run the hub from the kit's environment:
#     /opt/source-lab/.venv/bin/jupyterhub -f /etc/jupyterhub/jupyterhub_config.py     (jupyterhub.service does)
#
# Students log in with their own system account (PAM) and each gets a server running as that account
# (LocalProcessSpawner), so the operating system keeps one student's home, answers and figures from another's.
# The kit's own settings (answers in ~/my-answers, the lessons copied to ~/source-lab/, the start notebook,
# timeouts) are in sourcelab_hub.py beside this file: `make loadtest` runs the same settings with 30 students.
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sourcelab_hub  # noqa: E402  (beside this file)

c = globals()["get_config"]()  # JupyterHub defines get_config when it reads this file
sourcelab_hub.apply(c)

# Where the hub keeps its state (users, cookie secret): a folder only root can read.
STATE = Path(os.environ.get("SOURCELAB_HUB_STATE", "/var/lib/jupyterhub"))
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")

# The address students open. Put HTTPS in front (a reverse proxy such as nginx or Caddy with the school's
# certificate, forwarding to this port), or give JupyterHub the certificate itself:
#     c.JupyterHub.ssl_cert = "/etc/ssl/..."; c.JupyterHub.ssl_key = "/etc/ssl/private/..."
c.JupyterHub.bind_url = os.environ.get("SOURCELAB_HUB_URL", "http://127.0.0.1:8000/")

# Login: the machine's accounts (PAM). Students in the Unix group "students" may log in; teachers in "teachers"
# are admins (they see the admin page: start and stop students' servers, "Start All" before a big class).
# A school with a directory or single sign-on uses its authenticator instead (docs/deploy.md, "Logins").
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {"students"}
c.PAMAuthenticator.admin_groups = {"teachers"}

# One server per student, as the student's own Unix user.
c.JupyterHub.spawner_class = "localprocess"
# Per-student memory and CPU caps need the systemd spawner (pip install jupyterhub-systemdspawner), not used by
# the load test; the measured need is about 170 MiB per student with lesson 1 open (docs/deploy.md, "Figures"):
#     c.JupyterHub.spawner_class = "systemdspawner"
#     c.SystemdSpawner.mem_limit = "1G"
#     c.SystemdSpawner.cpu_limit = 1.0

# A class logs in at the bell: the hub starts servers side by side (the limit only guards against runaway).
c.JupyterHub.concurrent_spawn_limit = 100
