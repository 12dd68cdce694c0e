"""Geometry for the two charts, drawn on the server as SVG (templates ``_svg.html``).

Server-side SVG keeps the pages light and script-free: no chart library to vendor, the
picture is in the HTML the moment it arrives, and it prints. This module only computes
coordinates and colours; the templates escape every label.

- :func:`tone_chart`: cooperation (bars up) and conflict (bars down) events per month,
  with the mean score as a line on a -10…+10 axis.
- :func:`network`: a force-directed layout (Fruchterman–Reingold, deterministic: nodes
  start on a circle in a fixed order) of the actor network, with curved directed edges
  so A → B and B → A stay apart, coloured by mean score and as wide as their count.
"""

from __future__ import annotations

import math
from typing import Any

GREEN = (46, 125, 50)
GREY = (140, 146, 153)
RED = (198, 40, 40)


def score_colour(score: float | None) -> str:
    """Grey at 0 shading to green at +10 and red at -10; grey when unknown."""
    if score is None:
        return _hex(GREY)
    f = max(-1.0, min(1.0, score / 10))
    # Sharpen small means: most event scores sit within ±5, and ±2 should read as a side.
    g = math.copysign(abs(f) ** 0.5, f)
    end = GREEN if g > 0 else RED
    return _hex(tuple(round(a + (b - a) * abs(g)) for a, b in zip(GREY, end, strict=True)))


def _hex(rgb: tuple[int, ...]) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgb)


def tone_chart(
    series: list[dict[str, Any]], *, width: int = 760, height: int = 260
) -> dict[str, Any]:
    """Bars and line for a monthly series of ``{"month", "cooperation", "conflict", "mean_score"}``."""
    left, right, top, bottom = 44, 44, 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    zero = top + plot_h / 2
    half = plot_h / 2
    n = max(len(series), 1)
    step = plot_w / n
    bar = max(2.0, min(28.0, step * 0.7))
    peak = max([1] + [max(s["cooperation"], s["conflict"]) for s in series])
    bars, points, labels = [], [], []
    every = max(1, math.ceil(n / 12))  # at most ~12 month labels
    for i, s in enumerate(series):
        cx = left + step * (i + 0.5)
        up = s["cooperation"] / peak * half
        down = s["conflict"] / peak * half
        if up:
            bars.append({"x": cx - bar / 2, "y": zero - up, "w": bar, "h": up, "cls": "coop",
                         "title": f"{s['month']}: {s['cooperation']}"})  # fmt: skip
        if down:
            bars.append({"x": cx - bar / 2, "y": zero, "w": bar, "h": down, "cls": "conf",
                         "title": f"{s['month']}: {s['conflict']}"})  # fmt: skip
        if s.get("mean_score") is not None:
            y = zero - max(-10.0, min(10.0, s["mean_score"])) / 10 * half
            points.append({"x": cx, "y": y, "title": f"{s['month']}: {s['mean_score']}"})
        if i % every == 0:
            labels.append({"x": cx, "y": height - bottom + 16, "text": s["month"]})
    count_ticks = [
        {"y": zero - half, "text": str(peak)},
        {"y": zero, "text": "0"},
        {"y": zero + half, "text": str(peak)},
    ]
    score_ticks = [
        {"y": zero - v / 10 * half, "text": f"{v:+d}" if v else "0"} for v in (10, 5, 0, -5, -10)
    ]
    return {
        "width": width, "height": height, "left": left, "right": width - right, "top": top,
        "bottom": height - bottom, "zero": zero, "bars": bars, "points": points,
        "line": " ".join(f"{p['x']:.1f},{p['y']:.1f}" for p in points), "labels": labels,
        "count_ticks": count_ticks, "score_ticks": score_ticks,
    }  # fmt: skip


def network(
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    *,
    width: int = 900,
    height: int = 600,
    iterations: int = 200,
) -> dict[str, Any]:
    """Positions, radii, edge paths and colours for the relations graph."""
    index = {node["key"]: i for i, node in enumerate(nodes)}
    links = [
        (index[e["source"]], index[e["target"]], math.log1p(e["events"]))
        for e in edges
        if e["source"] in index and e["target"] in index
    ]
    pos = _packed_layout(len(nodes), links, iterations, aspect=width / height)
    # Fit into the canvas with one scale for both axes (the picture keeps its shape),
    # leaving room for the labels under the nodes.
    margin = 60
    if pos:
        xs, ys = [p[0] for p in pos], [p[1] for p in pos]
        span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
        scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
        off_x = (width - span_x * scale) / 2 - min(xs) * scale
        off_y = (height - span_y * scale) / 2 - min(ys) * scale
        pos = [[x * scale + off_x, y * scale + off_y] for x, y in pos]
    peak = max([1] + [node["events"] for node in nodes])
    out_nodes = []
    for i, node in enumerate(nodes):
        r = 6 + 14 * math.sqrt(node["events"] / peak)
        out_nodes.append({**node, "x": pos[i][0], "y": pos[i][1], "r": r})
    busiest = max([1] + [e["events"] for e in edges])
    out_edges = []
    for e in edges:
        if e["source"] not in index or e["target"] not in index:
            continue
        src, dst = out_nodes[index[e["source"]]], out_nodes[index[e["target"]]]
        dx, dy = dst["x"] - src["x"], dst["y"] - src["y"]
        d = math.hypot(dx, dy) or 1.0
        # Control point off the midpoint, to the right of the direction of travel.
        bend = 0.18 * d
        mx, my = (
            (src["x"] + dst["x"]) / 2 - dy / d * bend,
            (src["y"] + dst["y"]) / 2 + dx / d * bend,
        )
        # End at the target's rim so the arrowhead shows.
        ex, ey = dst["x"] - mx, dst["y"] - my
        el = math.hypot(ex, ey) or 1.0
        tx, ty = dst["x"] - ex / el * (dst["r"] + 3), dst["y"] - ey / el * (dst["r"] + 3)
        score = e["mean_score"]
        if score is None and e["events"]:
            score = 5 * (e["cooperation"] - e["conflict"]) / e["events"]
        side = "coop" if score and score > 0 else "conf" if score and score < 0 else "neutral"
        out_edges.append(
            {
                **e,
                "path": f"M{src['x']:.1f},{src['y']:.1f} Q{mx:.1f},{my:.1f} {tx:.1f},{ty:.1f}",
                "colour": score_colour(score),
                "width": 1 + 5 * math.log1p(e["events"]) / math.log1p(busiest),
                "side": side,
            }
        )
    return {"width": width, "height": height, "nodes": out_nodes, "edges": out_edges}


def _packed_layout(
    n: int, links: list[tuple[int, int, float]], iterations: int, *, aspect: float
) -> list[list[float]]:
    """Each connected group of actors laid out on its own, then the groups packed in
    rows, largest first: one force layout over everything pushes a small separate group
    to a corner and squeezes the main one."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b, _ in links:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0]))
    pos = [[0.0, 0.0] for _ in range(n)]
    boxes = []
    for members in ordered:
        local = {node: j for j, node in enumerate(members)}
        sub = [(local[a], local[b], w) for a, b, w in links if a in local and b in local]
        placed = _force_layout(len(members), sub, iterations)
        # Room around each group for node circles and labels (in layout units).
        radius = max([math.hypot(x, y) for x, y in placed] + [0.0]) + 0.9
        boxes.append((members, placed, radius))
    # Rows about as wide as the canvas's shape asks for the total area.
    area = sum((2 * r) ** 2 for _, _, r in boxes)
    row_width = max([2 * r for _, _, r in boxes[:1]] + [math.sqrt(area * aspect) * 1.15])
    x = y = row_height = 0.0
    for members, placed, radius in boxes:
        side = 2 * radius
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in zip(members, placed, strict=True):
            pos[node] = [x + radius + px, y + radius + py]
        x += side
        row_height = max(row_height, side)
    return pos


def _force_layout(
    n: int, links: list[tuple[int, int, float]], iterations: int
) -> list[list[float]]:
    """Fruchterman–Reingold with unit ideal distance, centred on the origin.
    Deterministic: nodes start on a circle in their given order (busiest first)."""
    if n == 1:
        return [[0.0, 0.0]]
    start = math.sqrt(n) * 0.6
    pos = [
        [start * math.cos(2 * math.pi * i / n), start * math.sin(2 * math.pi * i / n)]
        for i in range(n)
    ]
    for it in range(iterations):
        disp = [[0.0, 0.0] for _ in range(n)]
        for i in range(n):
            xi, yi = pos[i]
            for j in range(i + 1, n):
                dx, dy = xi - pos[j][0], yi - pos[j][1]
                d2 = max(dx * dx + dy * dy, 1e-4)
                # Repulsion 1/d along the unit vector: (dx, dy) / d².
                disp[i][0] += dx / d2
                disp[i][1] += dy / d2
                disp[j][0] -= dx / d2
                disp[j][1] -= dy / d2
        for a, b, w in links:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d = math.sqrt(dx * dx + dy * dy) or 1e-2
            # Attraction d² along the unit vector, a little stronger for busier links.
            f = d * (1 + 0.3 * w)
            disp[a][0] -= dx * f
            disp[a][1] -= dy * f
            disp[b][0] += dx * f
            disp[b][1] += dy * f
        t = start * 0.5 * (1 - it / iterations) + 0.005
        for i in range(n):
            # A weak pull to the centre keeps the group compact.
            dx, dy = disp[i][0] - pos[i][0] * 0.05, disp[i][1] - pos[i][1] * 0.05
            d = math.sqrt(dx * dx + dy * dy) or 1.0
            pos[i][0] += dx / d * min(d, t)
            pos[i][1] += dy / d * min(d, t)
    cx = sum(p[0] for p in pos) / n
    cy = sum(p[1] for p in pos) / n
    return [[x - cx, y - cy] for x, y in pos]
