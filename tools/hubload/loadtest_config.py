# JupyterHub config for `make loadtest` and tests/test_hub.py: the class hub's own settings (deploy/jupyterhub/
# sourcelab_hub.py), on 127.0.0.1 only, with everything a run writes in its temporary folder.
# Login: SharedPasswordAuthenticator (JupyterHub's test login with one password; a school uses its own, see
# docs/deploy.md). Spawner: SimpleLocalProcessSpawner, one home per student under the run's folder, no system users.
# The run's values come from the JSON file named by SOURCELAB_LOADTEST (written by tools/hubload/hub.py).
import json
import os
import sys
from pathlib import Path

settings = json.loads(Path(os.environ["SOURCELAB_LOADTEST"]).read_text(encoding="utf-8"))
sys.path.insert(0, settings["deploy_dir"])
import sourcelab_hub  # noqa: E402  (found through the line above)

c = globals()["get_config"]()  # JupyterHub defines get_config when it reads this file (looked up: linters lack it)
sourcelab_hub.apply(c)

work = Path(settings["work"])
c.JupyterHub.bind_url = f"http://127.0.0.1:{settings['port']}/"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{settings['hub_port']}/"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings['proxy_api_port']}"
c.ConfigurableHTTPProxy.auth_token = settings["proxy_token"]
c.ConfigurableHTTPProxy.command = [settings["proxy"]]
c.JupyterHub.db_url = f"sqlite:///{work / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret = bytes.fromhex(settings["cookie_secret"])
c.JupyterHub.pid_file = str(work / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every student's server
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.concurrent_spawn_limit = max(100, settings["students"])  # the run counts spawns, it does not queue them
c.JupyterHub.active_server_limit = 0

c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = settings["password"]
c.Authenticator.allow_existing_users = True  # the students the load tester creates through the API

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(work / "homes" / "{username}")
# Every process of the run carries its id, so the run finds (and ends) all it started, and measures each student.
c.Spawner.environment.update({"SOURCELAB_LOADTEST_RUN": settings["run_id"]})
if os.geteuid() == 0:
    c.Spawner.args.append("--allow-root")  # dev machines and CI run as root

c.JupyterHub.services = [{"name": "loadtest", "api_token": settings["api_token"]}]
c.JupyterHub.load_roles = [{"name": "loadtest", "services": ["loadtest"],
                            "scopes": ["admin:users", "admin:servers", "list:users", "read:users"]}]
