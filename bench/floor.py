"""The floor: the least a Flask + Jinja page can cost. One template with a loop, no
database, no session, no extension, served by gunicorn with the same worker settings as
`samtale serve`. BENCH_FLOOR_BYTES sets the page's size (the question page's, measured
by bench/run.py first).

    python -m gunicorn -w 2 -k gthread --threads 4 -b 127.0.0.1:PORT bench.floor:app
"""

from __future__ import annotations

import os

from flask import Flask, render_template
from jinja2 import DictLoader

TEMPLATE = """<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><title>{{ title }}</title>
<link rel="stylesheet" href="/static/css/app.css"></head>
<body>
<header><p>{{ title }}</p></header>
<main>
<h1>{{ title }}</h1>
<ul>
{% for row in rows %}  <li class="row-{{ loop.index }}"><span>{{ row.name }}</span>
    <span>{{ row.text }}</span></li>
{% endfor %}</ul>
</main>
</body>
</html>
"""
ROW_BYTES = 100  # about what one rendered <li> above takes
TEXT = "Hvad vil du gerne bruge mere tid på?"

app = Flask(__name__)
app.jinja_loader = DictLoader({"page.html": TEMPLATE})  # compiled once, cached


def rows_for(size: int) -> list[dict]:
    count = max(1, (size - 300) // ROW_BYTES)
    return [{"name": f"Punkt {n}", "text": TEXT} for n in range(count)]


ROWS = rows_for(int(os.environ.get("BENCH_FLOOR_BYTES", "8000")))


@app.get("/")
def page():
    return render_template("page.html", title="Gulvet", rows=ROWS)
