"""Restart the local PostgreSQL server that a database URL points at (Debian's pg_ctlcluster;
needs root, as CI and the development machines run). Used by the load test's database fault."""

import subprocess  # noqa: S404 - fixed programs, argument lists
import time

from sqlalchemy.engine import make_url


def cluster_for(url: str) -> tuple[str, str]:
    """(version, name) of the local cluster listening on the URL's port."""
    port = str(make_url(url).port or 5432)
    listing = subprocess.run(  # noqa: S603, S607
        ["pg_lsclusters", "-h"], capture_output=True, text=True, check=True
    ).stdout
    for line in listing.splitlines():
        version, name, cluster_port, *_ = line.split()
        if cluster_port == port:
            return version, name
    raise RuntimeError(f"no local PostgreSQL cluster listens on port {port}")


def restart(url: str) -> float:
    """Restart the server (fast mode: open sessions are cut off); seconds until it answers."""
    version, name = cluster_for(url)
    began = time.monotonic()
    subprocess.run(  # noqa: S603, S607
        ["pg_ctlcluster", version, name, "restart", "-m", "fast"], check=True, capture_output=True
    )
    port = str(make_url(url).port or 5432)
    for _ in range(100):
        ready = subprocess.run(  # noqa: S603, S607
            ["pg_isready", "-q", "-h", "127.0.0.1", "-p", port], check=False
        )
        if ready.returncode == 0:
            break
        time.sleep(0.1)
    return round(time.monotonic() - began, 2)
