"""`flask --app quizapp serve`: the classroom server (`make serve`).

gunicorn on every address of this machine, so students on the school network can reach it; it
prints the addresses to type (and a QR code of the first). With `--lan-http` the sign-in cookie
works over plain http from those devices (web/lan.py); HTTPS behind a reverse proxy stays the
recommended set-up (README, *A classroom server*).
"""

import os
import sys

import click

LAN_HTTP_WARNING = (
    "LAN mode: plain http on the local network. Others on this network could read what is "
    "sent, and only devices on private network addresses are served. For anything beyond a "
    "classroom, put the app behind HTTPS (see the README)."
)
NO_LAN_HTTP = (
    "Over plain http, browsers on other devices will not keep the sign-in cookie: students "
    "will see a page saying so. Put the app behind HTTPS, or run `make serve LAN_HTTP=1` "
    "(plain http on the school network)."
)


@click.command("serve")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 16), default=2, show_default=True)
@click.option("--threads", type=click.IntRange(1, 16), default=4, show_default=True)
@click.option("--lan-http", is_flag=True, help="Let sign-in work over plain http (school network).")
def serve_command(port: int, workers: int, threads: int, lan_http: bool) -> None:
    """Serve the class on this machine's network addresses with gunicorn."""
    from quizapp.config import child_environment
    from quizapp.web.lan import lan_addresses

    addresses = lan_addresses(port)
    click.echo("Students open:" if addresses else "No network address found; on this machine:")
    for address in addresses or [f"http://127.0.0.1:{port}/"]:
        click.echo(f"  {address}")
    if addresses:
        _print_qr(addresses[0])
    click.secho(LAN_HTTP_WARNING if lan_http else NO_LAN_HTTP, fg="yellow", err=True)
    env = child_environment(QUIZAPP_LAN_HTTP="1" if lan_http else "0", QUIZAPP_SERVE_PORT=str(port))
    args = [
        sys.executable, "-m", "gunicorn",
        "-k", "gthread", "-w", str(workers), "--threads", str(threads),
        "--worker-connections", "32", "--forwarder-headers", "",
        "-b", f"0.0.0.0:{port}",  # the local network: that is the point
        "quizapp:create_app()",
    ]  # fmt: skip
    sys.stdout.flush()
    # Replaces this process: Ctrl-C stops gunicorn directly.
    os.execve(sys.executable, args, env)


def _print_qr(address: str) -> None:
    import segno

    segno.make(address, error="m").terminal(compact=True)
