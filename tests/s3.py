"""A real S3-protocol server for the tests: moto's server mode (`moto[server]`, a dev
dependency) on a free loopback port, started once per test session. Storage tests talk to it
through boto3 and django-storages exactly as production talks to its object storage."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass

import boto3

ACCESS_KEY = "mwf-test-key"
SECRET_KEY = "mwf-test-secret"  # noqa: S105 - moto accepts any key
REGION = "us-east-1"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MotoServer:
    def __init__(self):
        self.port = _free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={k: v for k, v in os.environ.items() if not k.startswith("PYTHONTRACEMALLOC")},
        )
        deadline = time.monotonic() + 90  # a busy 2-core machine
        while True:
            try:
                urllib.request.urlopen(self.endpoint + "/moto-api/", timeout=1).close()  # noqa: S310
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("moto_server did not start") from None
                time.sleep(0.1)

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        )

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@dataclass
class Buckets:
    client: object
    media: str
    h5p: str

    def keys(self, bucket):
        listing = self.client.list_objects_v2(Bucket=bucket)
        return [entry["Key"] for entry in listing.get("Contents", ())]


def new_buckets(server):
    """A media and an H5P bucket of their own for one test (distinct names: nothing leaks
    between tests or between the two storages)."""
    suffix = uuid.uuid4().hex[:12]
    client = server.client()
    buckets = Buckets(client, f"mwf-media-{suffix}", f"mwf-h5p-{suffix}")
    for name in (buckets.media, buckets.h5p):
        client.create_bucket(Bucket=name)
    return buckets
