"""The report's last pages: assumptions, sources, the runs and the commands that reproduce them,
in two columns that flow onto a next page when they are full. Every line is wrapped to the
column as it is measured (sim/report/layout.py), so a long command never runs off the page."""

from __future__ import annotations

from dataclasses import dataclass

from sim.report.charts import page
from sim.report.data import ReportData
from sim.report.layout import PAGE_POINTS, line_height, wrap
from sim.report.notes import footnotes
from sim.report.text import Language

COLUMNS = (0.05, 0.53)  # left edges, as shares of the page's width
COLUMN_POINTS = 0.43 * PAGE_POINTS[0]
TOP, BOTTOM = 0.85, 0.06  # of the page: below the title, above the page number
HEADING, BODY, CODE = 12, 9, 8  # font sizes
SPACING = 1.22
BULLET, INDENT = "\u2022 ", "    "


@dataclass
class Block:
    """Lines drawn together: a heading, or a paragraph (or the part of one a column holds)."""
    lines: list[str]
    size: float
    bold: bool = False
    mono: bool = False
    gap: float = 0.009  # below it, of the page's height
    keep_with_next: bool = False  # a heading stays with the first lines under it

    def height(self, lines: int | None = None) -> float:
        return line_height(self.size, SPACING) * (lines or len(self.lines)) / PAGE_POINTS[1]


def footnote_pages(data: ReportData, lang: Language) -> list:
    """The sections of sim/report/notes.py, flowing down two columns a page, over as many pages
    as they need."""
    blocks = []
    for title, paragraphs, code in footnotes(data, lang):
        blocks.append(Block([title], HEADING, bold=True, gap=0.012, keep_with_next=True))
        for paragraph in paragraphs:
            blocks.append(_paragraph(paragraph, code))
        blocks[-1].gap = 0.02
    return _flow(blocks, lang)


def _paragraph(text: str, code: bool) -> Block:
    """A bullet with its lines indented under it; a command with its further lines indented."""
    size = CODE if code else BODY
    lines = wrap(text, COLUMN_POINTS - 3 * size, size, mono=code)
    first, indent = ("", INDENT) if code else (BULLET, "  ")
    return Block([first + lines[0]] + [indent + line for line in lines[1:]], size, mono=code)


def _flow(blocks: list[Block], lang: Language) -> list:
    pages = [page(lang("notes_title"), "")]
    column, y = 0, TOP
    queue = list(blocks)
    while queue:
        block = queue.pop(0)
        need = block.height()
        if block.keep_with_next and queue:  # and the first two lines under it
            need += queue[0].height(min(2, len(queue[0].lines)))
        room = int((y - BOTTOM) / block.height(1))
        if need > y - BOTTOM and not (room >= 2 and not block.keep_with_next):
            column, y = _next_column(pages, column, lang)
            queue.insert(0, block)
            continue
        if block.height() > y - BOTTOM:  # a paragraph longer than what is left: split it
            head, tail = block.lines[:room], block.lines[room:]
            queue.insert(0, Block(tail, block.size, block.bold, block.mono, block.gap))
            block = Block(head, block.size, block.bold, block.mono, 0.0)
        _draw(pages[-1], COLUMNS[column], y, block)
        y -= block.height() + block.gap
    return pages


def _next_column(pages: list, column: int, lang: Language) -> tuple[int, float]:
    if column + 1 < len(COLUMNS):
        return column + 1, TOP
    pages.append(page(lang("notes_title"), lang("notes_continued")))
    return 0, TOP


def _draw(fig, x: float, y: float, block: Block) -> None:
    fig.text(x, y, "\n".join(block.lines), va="top", fontsize=block.size, linespacing=SPACING,
             fontweight="bold" if block.bold else "normal",
             family="DejaVu Sans Mono" if block.mono else "DejaVu Sans")
