"""Serving a class on the school network over plain http (`make serve LAN_HTTP=1`).

The session cookie is `__Host-` and Secure, which browsers refuse over http from any address
but the machine's own. With LAN_HTTP on, the cookie loses those two (config.py) and the app
answers only clients on private, loopback or link-local addresses. Without it, a page opened
over http from another machine says why signing in cannot work there instead of failing
silently.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, request
from markupsafe import Markup

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
PLAIN_HTTP_REFUSED = (
    "This page was opened over plain http from another computer, so your browser will not "
    "keep the sign-in cookie and no form can be sent. Use the https address of this site; or, "
    "on a classroom server, ask your teacher to start it with LAN mode on (make serve LAN_HTTP=1)."
)
LAN_WARNING = (
    "This classroom server uses plain http on the school network: others on the network could "
    "read what is sent. Use it for class quizzes, with a password you use nowhere else."
)
LAN_REFUSAL = (
    "This classroom server answers only computers on the school's own network. Open it from "
    "a device connected to the same network as the teacher's computer."
)


def init_lan(app: Flask) -> None:
    if app.config.get("LAN_HTTP"):  # first of all, before the CSRF check reads the form
        app.before_request_funcs.setdefault(None, []).insert(0, _refuse_public_clients)
    app.context_processor(_plain_http_notice)
    app.add_template_global(classroom_server, "classroom_server")


def classroom_server() -> dict | None:
    """For the teaching home under `flask serve`: the addresses students type, the first as a
    QR code, and whether sign-in works over them (LAN mode)."""
    port = current_app.config.get("SERVE_PORT")
    if not port:
        return None
    addresses = lan_addresses(port)
    return {
        "addresses": addresses,
        # Markup is safe here: segno writes the SVG from the encoded modules, no input text.
        "qr": Markup(qr_svg(addresses[0])) if addresses else None,  # nosec B704
        "lan_http": bool(current_app.config.get("LAN_HTTP")),
    }


def _plain_http_notice() -> dict:
    state = plain_http_state()
    notice = {"lan": LAN_WARNING, "refused": PLAIN_HTTP_REFUSED}.get(state or "")
    return {"plain_http": state, "plain_http_notice": notice}


def is_private(address: str | None) -> bool:
    """True for an address on a private network, the machine itself, or a link-local one."""
    try:
        ip = ipaddress.ip_address((address or "").split("%")[0])
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_private or ip.is_loopback or ip.is_link_local


def _refuse_public_clients():
    if not is_private(request.remote_addr):
        abort(403, LAN_REFUSAL)


def plain_http_state() -> str | None:
    """ "lan" when the LAN mode serves this http request, "refused" when the browser will not
    keep the sign-in cookie (plain http from another machine, LAN mode off), else None."""
    if request.is_secure:
        return None
    if current_app.config.get("LAN_HTTP"):
        return "lan"
    host = (urlsplit(f"//{request.host}").hostname or "").lower()
    return None if host in LOCAL_HOSTS else "refused"


def lan_addresses(port: int) -> list[str]:
    """The http addresses students on the local network can type: one per private IPv4
    address of this machine (the default route's first)."""
    found: list[str] = []
    for address in [_default_route_address(), *_host_addresses()]:
        if address and address not in found and is_private(address):
            if not ipaddress.ip_address(address).is_loopback:
                found.append(address)
    return [f"http://{address}:{port}/" for address in found]


def _default_route_address() -> str | None:
    # Connecting a UDP socket sends nothing; it only asks the kernel which local address
    # would be used to reach that (documentation-range) destination.
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("198.51.100.1", 9))
            return probe.getsockname()[0]
    except OSError:
        return None


def _host_addresses() -> list[str]:
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    return [info[4][0] for info in infos]


def qr_svg(url: str) -> str:
    """The address as a QR code, an inline <svg> element (no script, no external file)."""
    import segno

    return segno.make(url, error="m").svg_inline(
        border=2, dark="#000", light="#fff", omitsize=True, svgclass="qr-code"
    )
