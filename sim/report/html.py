"""The board report as one self-contained HTML page: styles inline, charts embedded as SVG data.

Nothing is fetched from elsewhere: the file can be mailed or opened offline as it is.
"""

from __future__ import annotations

import base64
from html import escape

from sim.report.charts import BASELINE_COLOUR, colours, shown_order
from sim.report.data import ReportData
from sim.report.notes import footnotes, incomplete_message, table_note
from sim.report.pages import headline_cells, headline_takes, key_message, subtitle
from sim.report.text import Language

CSS = """
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #222; margin: 2em auto;
       max-width: 1180px; padding: 0 1.5em; line-height: 1.45; }
h1 { font-size: 2em; margin-bottom: .2em; } h2 { font-size: 1.45em; margin-top: 2em; }
.sub { color: #555; font-size: 1.05em; } .key { font-size: 1.25em; margin: 1.2em 0; }
table { border-collapse: collapse; width: 100%; font-size: 1.05em; }
th { text-align: center; vertical-align: bottom; padding: .35em .5em; border-bottom: 2px solid #444; }
th.group { border-bottom: 1px solid #444; } th:first-child, td:first-child { text-align: left; }
td { text-align: center; padding: .45em .5em; border-bottom: 1px solid #ddd; }
td small { display: block; color: #555; font-size: .8em; }
tr.baseline td { font-weight: bold; } .swatch { display: inline-block; width: .7em; height: 1.2em;
       vertical-align: middle; margin-right: .5em; }
.note { color: #555; font-size: .95em; } figure { margin: 2em 0; } img { width: 100%; height: auto; }
.warning { color: #b00020; font-weight: bold; }
pre { background: #f4f4f4; padding: .8em; white-space: pre-wrap; word-break: break-all; }
"""


def page(data: ReportData, lang: Language, charts: list[tuple[str, bytes]]) -> str:
    """The whole report; `charts` are (title, SVG bytes) in page order."""
    parts = [f'<!DOCTYPE html>\n<html lang="{lang.code}">\n<head>\n<meta charset="utf-8">',
             f"<title>{escape(lang('title'))}</title>\n<style>{CSS}</style>\n</head>\n<body>",
             f"<h1>{escape(lang('title'))}</h1>", f'<p class="sub">{escape(subtitle(data, lang))}</p>',
             f'<p class="key">{escape(key_message(data, lang))}</p>']
    if data.incomplete:
        parts.append(f'<p class="warning">{escape(incomplete_message(data, lang))}</p>')
    parts.append(table(data, lang))
    parts.append(f'<p class="note">{escape(table_note(data, lang))}</p>')
    for title, svg in charts:
        data_uri = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
        parts.append(f'<figure><img src="{data_uri}" alt="{escape(title)}"></figure>')
    parts.append(f"<h2>{escape(lang('notes_title'))}</h2>")
    for title, paragraphs, code in footnotes(data, lang):
        parts.append(f"<h3>{escape(title)}</h3>")
        if code:
            parts.append("<pre>" + escape("\n".join(paragraphs)) + "</pre>")
        else:
            parts.append("<ul>" + "".join(f"<li>{escape(p)}</li>" for p in paragraphs) + "</ul>")
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)


def table(data: ReportData, lang: Language) -> str:
    columns, rows = headline_cells(data, lang)
    groups, top = [], []
    for c in columns:  # first header row: a group over its columns, or the column's own head
        if not c.group:
            top.append(f'<th rowspan="2">{_lines(c.head)}{"<br>" + escape(c.sub) if c.sub else ""}</th>')
        elif c.group not in groups:
            groups.append(c.group)
            span = sum(1 for d in columns if d.group == c.group)
            top.append(f'<th class="group" colspan="{span}">{_lines(c.group)}</th>')
    second = "".join(f"<th>{escape(c.head)}</th>" for c in columns if c.group)
    body = []
    colour = colours(data)
    by_scenario = dict(zip(data.scenarios, zip(rows, headline_takes(data, lang))))
    for scenario in shown_order(data):  # the references first, as in the PDF
        cells, takes = by_scenario[scenario]
        css = ' class="baseline"' if data.marked_as_reference(scenario) else ""
        swatch = f'<span class="swatch" style="background:{colour.get(scenario, BASELINE_COLOUR)}"></span>'
        mark = f" {escape(cells[0][1])}" if cells[0][1] else ""
        under = f"<small>{escape(takes)}</small>" if takes else ""  # what the policy takes a year
        tds = [f"<td>{swatch}{escape(cells[0][0])}{mark}{under}</td>"]
        tds += [f"<td>{escape(figure)}{f'<small>{escape(ci)}</small>' if ci else ''}</td>" for figure, ci in cells[1:]]
        body.append(f"<tr{css}>{''.join(tds)}</tr>")
    return (f"<table>\n<thead><tr>{''.join(top)}</tr><tr>{second}</tr></thead>\n"
            f"<tbody>{''.join(body)}</tbody>\n</table>")


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n"))
