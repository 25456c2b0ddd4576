"""A server-rendered, accessible SVG line chart of cumulative progress (no JavaScript).

Each series is told apart by colour AND by line pattern and marker shape, and the legend names
it in words; the figures themselves are in the data table next to the chart.
"""

from dataclasses import dataclass

from django.utils.formats import date_format

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 72, 24, 16, 40
STYLES = [
    {"colour": "#1d4f91", "dash": "", "marker": "circle"},
    {"colour": "#a3320b", "dash": "8 4", "marker": "square"},
    {"colour": "#2f6b2f", "dash": "2 3", "marker": "diamond"},
    {"colour": "#5b2a86", "dash": "12 3 3 3", "marker": "circle"},
]


@dataclass
class Series:
    label: str
    values: list
    target: int | None = None


def _nice_max(value):
    for step in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 5:
            return max(step, ((value + step - 1) // step) * step)
    return value


def build(months, series_list, *, percent=False):
    """Geometry for `dashboard/includes/chart.html`. With `percent`, each series is drawn as a
    share of its own target so series with different targets fit one scale."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def scaled(series, value):
        if percent and series.target:
            return 100 * value / series.target
        return value

    peak = max([scaled(s, v) for s in series_list for v in s.values] + [1])
    top = 100 if percent and peak <= 100 else _nice_max(int(peak) + 1)
    n = len(months)

    def x(i):
        return LEFT + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(value):
        return TOP + plot_h - plot_h * value / top

    ticks = [
        {"y": round(y(top * k / 4), 1), "label": f"{round(top * k / 4)}{'%' if percent else ''}"}
        for k in range(5)
    ]
    every = max(1, -(-n // 7))  # at most 7 month labels, so they never overlap
    labels = [
        {"x": round(x(i), 1), "label": date_format(m, "m.Y")}
        for i, m in enumerate(months)
        if i % every == 0 or i == n - 1
    ]
    drawn = []
    for index, series in enumerate(series_list):
        style = STYLES[index % len(STYLES)]
        points = [
            (round(x(i), 1), round(y(scaled(series, v)), 1)) for i, v in enumerate(series.values)
        ]
        drawn.append(
            {
                "label": series.label,
                "points": " ".join(f"{px},{py}" for px, py in points),
                "markers": points,
                "last": series.values[-1] if series.values else 0,
                **style,
            }
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "ticks": ticks,
        "labels": labels,
        "series": drawn,
        "percent": percent,
        # The 100% line: where every target is met (drawn only on the percentage scale).
        "target_y": round(y(100), 1) if percent and top >= 100 else None,
    }
