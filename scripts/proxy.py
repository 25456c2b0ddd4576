#!/usr/bin/env python3
"""The production layout on one machine: nginx (deploy/nginx/mwf.conf.template) in front of
gunicorn, with the page cache, the H5P origin and the purge listener; `make proxy` runs it.

    .venv/bin/python scripts/proxy.py [--port 8443] [--nodes 1] [--workers 1]

Serves https://127.0.0.1:PORT/ (the site), https://127.0.0.1:PORT+1/ (the H5P origin) with a
self-signed certificate made for the run, and the purge listener at http://127.0.0.1:PORT+2/.
gunicorn runs `config.settings.production` (override with PROXY_SETTINGS) on the database of
DATABASE_URL (default: the SQLite file of `make run`); Ctrl-C stops everything. nginx needs no
root: its pid, temporary files, cache and logs are in var/proxy/ (PROXY_RUN_DIR).

The tests start the same stack through `Stack` (tests/proxy/).
"""

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx" / "mwf.conf.template"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")


def nginx_binary():
    return shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )


def missing_requirements():
    """Why the stack cannot start here (None when it can)."""
    if not nginx_binary():
        return "nginx is not installed (apt-get install -y nginx libnginx-mod-http-cache-purge)"
    if not PURGE_MODULE.exists():
        return (
            "the cache purge module is missing (apt-get install -y libnginx-mod-http-cache-purge)"
        )
    if not shutil.which("openssl"):
        return "openssl is not installed"
    return None


def render(values):
    """The template with every {{name}} replaced; an unknown or unused name is an error."""
    text = TEMPLATE.read_text()
    for name, value in values.items():
        placeholder = "{{" + name + "}}"
        if placeholder not in text:
            raise KeyError(f"the template has no {placeholder}")
        text = text.replace(placeholder, str(value))
    if "{{" in text:
        start = text.index("{{")
        raise KeyError(f"not filled: {text[start : text.index('}}', start) + 2]}")
    return text


def self_signed_certificate(run_dir):
    cert, key = run_dir / "cert.pem", run_dir / "key.pem"
    if not cert.exists():
        subprocess.run(
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", str(key), "-out", str(cert),
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip
    return cert, key


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, seconds=60, log=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            detail = log.read_text()[-3000:] if log and log.exists() else ""
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}\n{detail}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s")


class Stack:
    """nginx in front of `nodes` gunicorn processes and `workers` django-q2 clusters, all on the
    environment `env` (DATABASE_URL, REDIS_URL, ...). `start()`, then `stop()`; a context manager."""

    def __init__(
        self,
        run_dir,
        env,
        *,
        port=None,
        nodes=1,
        workers=0,
        gunicorn_workers=2,
        static_root=None,
        media_root=None,
    ):
        self.run_dir = Path(run_dir)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.h5p_port = self.port + 1 if port else free_port()
        self.purge_port = self.port + 2 if port else free_port()
        self.node_ports = [free_port() for _ in range(nodes)]
        self.workers = workers
        self.gunicorn_workers = gunicorn_workers
        self.env = {
            **env,
            "BASE_URL": f"https://127.0.0.1:{self.port}",
            "H5P_ORIGIN": f"https://127.0.0.1:{self.h5p_port}",
            "ALLOWED_HOSTS": "127.0.0.1",
            "PAGE_CACHE_PURGE_URLS": f"http://127.0.0.1:{self.purge_port}",
            "TRUSTED_PROXIES": "127.0.0.1",
            "DOCUMENTS_X_ACCEL_REDIRECT": "1",
        }
        self.env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
        self.env.setdefault("SECRET_KEY", secrets.token_urlsafe(40))
        self.env.setdefault("PYTHONWARNINGS", "ignore")
        if static_root:
            self.env["STATIC_ROOT"] = str(static_root)
        if media_root:
            self.env["MEDIA_ROOT"] = str(media_root)
        self.static_root = Path(self.env.get("STATIC_ROOT") or ROOT / "var" / "static")
        self.media_root = Path(self.env.get("MEDIA_ROOT") or ROOT / "var" / "media")
        self.processes = {}

    @property
    def site_url(self):
        return self.env["BASE_URL"]

    @property
    def h5p_url(self):
        return self.env["H5P_ORIGIN"]

    @property
    def purge_url(self):
        return self.env["PAGE_CACHE_PURGE_URLS"]

    def node_url(self, number):
        return f"http://127.0.0.1:{self.node_ports[number]}"

    def max_body_bytes(self):
        code = "from django.conf import settings; print(settings.PROXY_MAX_BODY_BYTES)"
        out = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT, env=self.env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return int(out.stdout.strip().splitlines()[-1])

    def config(self):
        cert, key = self_signed_certificate(self.run_dir)
        upstream = "\n".join(
            f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;"
            for port in self.node_ports
        )
        return render(
            {
                "load_modules": f"load_module {PURGE_MODULE};",
                # Started as root (CI, containers), the workers would switch to `nobody` and lose
                # access to the run folder; as any other user nginx keeps its own.
                "user": "user root;" if os.geteuid() == 0 else "",
                "worker_processes": 1,
                "run_dir": self.run_dir,
                "error_log": self.run_dir / "nginx-error.log",
                "access_log": self.run_dir / "nginx-access.log",
                "mime_types": MIME_TYPES,
                "upstream_servers": upstream,
                "site_listen": f"127.0.0.1:{self.port}",
                "site_server_name": "127.0.0.1",
                "h5p_listen": f"127.0.0.1:{self.h5p_port}",
                "h5p_server_name": "127.0.0.1",
                "purge_listen": f"127.0.0.1:{self.purge_port}",
                "purge_allow": "        allow 127.0.0.1;",
                "ssl_certificate": cert,
                "ssl_certificate_key": key,
                "client_max_body_size": self.max_body_bytes(),
                "static_root": self.static_root,
                "media_root": self.media_root,
            }
        )

    def collectstatic(self):
        self._manage("collectstatic", "--noinput", "-v0")

    def _manage(self, *args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True)

    def _spawn(self, name, command):
        log = self.run_dir / f"{name}.log"
        out = open(log, "ab")  # noqa: SIM115 - kept open for the process's lifetime
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=out, stderr=out, start_new_session=True
        )
        self.processes[name] = (process, out, log)
        return process, log

    def start_node(self, number):
        port = self.node_ports[number]
        process, log = self._spawn(
            f"node{number + 1}",
            [
                sys.executable, "-m", "gunicorn", "config.wsgi",
                "--bind", f"127.0.0.1:{port}",
                "--workers", str(self.gunicorn_workers),
                "--forwarded-allow-ips", "127.0.0.1",
                "--access-logfile", "-",
                "--no-control-socket",
            ],
        )  # fmt: skip
        wait_for_port(port, process, log=log)

    def start_worker(self, number):
        self._spawn(f"worker{number + 1}", [sys.executable, "manage.py", "qcluster"])

    def start_nginx(self):
        conf = self.run_dir / "nginx.conf"
        conf.write_text(self.config())
        command = [nginx_binary(), "-p", str(self.run_dir), "-c", str(conf), "-g", "daemon off;"]
        test = subprocess.run([*command[:-2], "-t"], capture_output=True, text=True)
        if test.returncode != 0:
            raise RuntimeError(test.stderr)
        process, log = self._spawn("nginx", command)
        wait_for_port(self.port, process, log=log)

    def start(self):
        try:
            for number in range(len(self.node_ports)):
                self.start_node(number)
            for number in range(self.workers):
                self.start_worker(number)
            self.start_nginx()
        except BaseException:
            self.stop()
            raise
        return self

    def stop_process(self, name, sig=signal.SIGTERM):
        process, out, _log = self.processes.pop(name)
        if process.poll() is None:
            os.killpg(process.pid, sig)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        out.close()

    def stop(self):
        for name in list(self.processes):
            self.stop_process(name)

    def logs(self):
        return {name: log.read_text()[-4000:] for name, (_p, _o, log) in self.processes.items()}

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PROXY_PORT", "8443")))
    parser.add_argument("--nodes", type=int, default=1, help="gunicorn processes (upstream)")
    parser.add_argument("--workers", type=int, default=1, help="django-q2 clusters")
    args = parser.parse_args()
    if problem := missing_requirements():
        sys.exit(problem)
    run_dir = Path(os.environ.get("PROXY_RUN_DIR", ROOT / "var" / "proxy"))
    run_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = os.environ.get("PROXY_SETTINGS", "config.settings.production")
    key_file = run_dir / "secret_key"
    if "SECRET_KEY" not in env:
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(50))
            key_file.chmod(0o600)
        env["SECRET_KEY"] = key_file.read_text().strip()
    stack = Stack(run_dir, env, port=args.port, nodes=args.nodes, workers=args.workers)
    stack.collectstatic()
    stack.start()
    print(f"\n  MWF behind nginx: {stack.site_url}/ (self-signed certificate)")
    print(f"  H5P origin:       {stack.h5p_url}/")
    print(f"  Page cache purge: {stack.purge_url}/ (PURGE, loopback only)")
    print(f"  Logs:             {run_dir}/")
    print("  Stop with Ctrl-C.\n")
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
    try:
        while not stopping:
            for name, (process, _out, _log) in stack.processes.items():
                if process.poll() is not None:
                    print(f"{name} exited with {process.returncode}; see {run_dir}/{name}.log")
                    stopping.append(1)
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
