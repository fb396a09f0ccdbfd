"""The indicator table: one indicator's figures across every report, latest period first.

`GET /v1/indicators?q=…` and the tables under an answer about a figure (web chat, Telegram) show
it. The rows come from the figure index (`vectorstore.figure_index`): the question's indicator
words find the best row, and the table is the rows stating the same indicator — the same words,
give or take one — whatever their report, period or kind.
"""

from __future__ import annotations

from assistant.models import IndicatorRow, IndicatorTable
from assistant.query import Query
from vectorstore.figure_index import FigureIndex, FigureRow
from vectorstore.figures import label_sort_key
from vectorstore.text import fold, words

SEARCHED_ROWS = 300
ROW_SHARE = 0.5  # rows scoring at least this share of the best one's are looked at
SAME_INDICATOR = 0.6  # … and kept when their indicator shares this much of its words with the best's
MAX_ROWS = 100


def indicator_table(query: Query, figures: FigureIndex) -> IndicatorTable:
    """The table for the indicator a question names; empty rows when no report states it."""
    text = query.indicator or query.content or query.text
    hits = figures.search(text, SEARCHED_ROWS)
    if not hits:
        return IndicatorTable(query=query.text, indicator="", rows=[])
    asked = _words(text)
    best_score = hits[0][1]
    candidates = [(row, len(asked & _words(row.indicator))) for row, score in hits if score >= ROW_SHARE * best_score]
    # The rows naming as many of the asked words as the best row does, give or take one: "doanh
    # thu bưu chính" is also "Doanh thu dịch vụ bưu chính", but "… cố định" is not "… di động".
    most = max(shared for _, shared in candidates)
    best_row = next(row for row, shared in candidates if shared == most)
    rows: list[FigureRow] = []
    seen: set[tuple[str, int, str]] = set()
    for row, shared in candidates:
        key = (row.chunk_id, row.sentence, row.value)
        if shared < most - 1 or key in seen or _overlap(_words(best_row.indicator), _words(row.indicator)) < SAME_INDICATOR:
            continue
        seen.add(key)
        rows.append(row)
    rows.sort(key=_latest_first)
    return IndicatorTable(query=query.text, indicator=best_row.indicator, rows=[_row(row) for row in rows[:MAX_ROWS]])


def _row(row: FigureRow) -> IndicatorRow:
    return IndicatorRow(
        indicator=row.indicator,
        period=row.period,
        kind=row.kind,
        value=row.value,
        unit=row.unit,
        figure=row.figure,
        source=row.source,
        title=row.title,
        section=row.section,
        quote=row.quote,
        doc_id=row.doc_id,
        chunk_id=row.chunk_id,
    )


def _latest_first(row: FigureRow) -> tuple[int, int, int, int]:
    year, end, span = label_sort_key(row.period)
    return (-year, -end, -span, _KIND_ORDER.get(row.kind, 9))


_KIND_ORDER = {"result": 0, "target": 1, "share": 2, "change": 3, "base": 4}


def _words(text: str) -> set[str]:
    return {fold(word) for word in words(text)}


def _overlap(wanted: set[str], found: set[str]) -> float:
    """Share of the larger word set the two indicators have in common."""
    if not wanted or not found:
        return 0.0
    return len(wanted & found) / max(len(wanted), len(found))
