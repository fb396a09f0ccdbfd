"""A name asked of a ranking table: which province leads, which is last, which ranks N-th, where a
named one ranks.

A ranking table's rows are read at ingest as sentences (`ingest.tables`: "Sóc Trăng — Xếp hạng:
45; …; Điểm DTI: 0,4975"), sixty-three of them over ten chunks. No sentence says "the last" or
"the first": the answer is a row chosen by its rank or by the column the question names, read from
the whole table — retrieval finds a few of its chunks, never all — and the rows quoted as written.
A ranking of another year is no answer: "Tỉnh nào dẫn đầu DTI năm 2021?" where only 2022's and 2023's
are held is declined with the rankings held. A rank the table does not state (no rank column, no
column named) is not computed: the question goes the usual way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from assistant.provinces import is_province
from assistant.query import Query, capitalised_runs
from assistant.retrieval import Candidate
from ingest.tables import RANK_HEADER
from vectorstore.figures import find_periods, find_years
from vectorstore.records import Chunk
from vectorstore.statements import row_cells
from vectorstore.text import fold, words

_NUMBER = re.compile(r"^[~≈≥≤<>+]?\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?\s*(%|‰|nghìn|ngàn|triệu|tỷ|tỉ)?(?:\s+[^\W\d_]+){0,3}$")
_SCALE = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}
# A row summing or averaging the others ("Tổng", "Cả nước", "Bình quân") ranks nowhere.
# Nor does the rest lumped together ("Doanh nghiệp khác", "Còn lại").
_NOT_RANKED = re.compile(r"^(?:tong(?: cong| so)?|ca nuoc|toan quoc|trung binh|binh quan|cong|con lai)\b|\bkhac$")
_RANK_VALUE = re.compile(r"^(\d{1,3})(?:\s*/\s*\d{1,3})?$")

# What the question asks, folded. A name is asked ("nào", "ai"); the ranking's own words.
_WHICH = re.compile(r"\b(?:nao|ai)\b")
# Ordinals spelled, folded: "thứ hai" is 2 ("thứ nhất", "thứ nhì" only here: a rank asked).
ORDINAL_WORDS = {"hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10}
_SPELLED = {"nhat": 1, "nhi": 2, **ORDINAL_WORDS}
_AT = re.compile(
    r"\b(?:thu hang|xep hang|hang|vi tri(?: thu)?|(?:xep|dung|o) thu)\s+"
    rf"(\d{{1,3}}|(?<=thu )(?:{'|'.join(_SPELLED)}))\b(?!\s*[/.,]\s*\d)"
)
_OF = re.compile(r"\b(?:thu hang|xep hang|hang|vi tri|thu)\s+(?:thu\s+)?(?:may|bao nhieu|nao)\b")
# "nhiều thuê bao 5G nhất": the superlative wraps what it measures
_TOP = re.compile(r"\b(?:dan dau|dung dau|xep dau|dau bang|(?:dung|xep) thu nhat|hang nhat|(?:cao|lon|nhieu|tot)(?: \S+){0,8}? nhat)\b")
_BOTTOM = re.compile(r"\b(?:dung cuoi|xep cuoi|cuoi bang|hang cuoi|bet bang|cuoi cung|(?:thap|nho|it|kem)(?: \S+){0,8}? nhat)\b")
# Words of the question that say how a ranking is asked, not which ranking: left out when the
# question's words are matched with a table's caption and headers.
_ASKING_WORDS = frozenset(
    "nao ai la gi co cua trong tai o theo ve voi thi the vay nhi a nhe hien nay nam bang xep hang thu vi tri dung dan dau "
    "cuoi cung cao thap nhat lon nho nhieu it tot kem bet may bao tinh thanh pho dia phuong don vi doanh nghiep nha mang "
    "cong ty tap doan bo nganh co quan duoc dat diem so chi".split()
)
# A header naming how a column measures, not what ("Điểm", "Tỷ lệ (%)"): it alone names no column.
_MEASURE_WORDS = frozenset("diem ty le ti so luong tong gia tri muc".split())
MIN_TOPIC_SHARE = 0.6  # share of the question's own words a table's caption, headers and title must hold
MAX_REPORTS = 6  # the reports whose tables are read, of those retrieval found


@dataclass(frozen=True)
class Ask:
    """How a ranking is asked: the first or last ("dẫn đầu", "thấp nhất"), the N-th, or a name's rank."""

    kind: str  # "top" | "bottom" | "at" | "of"
    rank: int | None = None
    of: str | None = None  # "province" | "company" | "ministry": what "… nào" asks for, when it says


@dataclass(frozen=True)
class Row:
    label: str
    cells: dict[str, str]
    line: str
    chunk: Chunk


@dataclass
class Table:
    doc_id: str
    caption: str
    title: str
    year: int | None
    rows: list[Row] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.caption or self.title

    @property
    def headers(self) -> list[str]:
        return list(dict.fromkeys(header for row in self.rows for header in row.cells))

    @property
    def rank_header(self) -> str | None:
        return next((h for h in self.headers if RANK_HEADER.search(fold(h)) and self.values(h, _rank)), None)

    def values(self, header: str, read: Callable[[str], float | None]) -> list[tuple[float, Row]]:
        """The column's values read as numbers, with their rows; none unless most rows hold one."""
        found = [(value, row) for row in self.rows if header in row.cells and (value := read(row.cells[header])) is not None]
        return found if len(found) * 2 > len(self.rows) else []

    def own_text(self) -> str:
        return f"{self.caption}. {'. '.join(self.headers)}"


@dataclass(frozen=True)
class Ranked:
    """The rows answering, or (declined) the rankings the reports hold of other years."""

    ask: Ask
    table: Table
    rows: list[Row]
    header: str | None = None  # the column the rows were chosen by
    ranks: dict[int, int] = field(default_factory=dict)  # the rank of each row (by `id`) counted by `header`
    missing: tuple[int, ...] = ()  # years asked that no ranking of this kind is of
    held: list[Table] = field(default_factory=list)

    @property
    def declined(self) -> bool:
        return bool(self.missing)


def asked(question: str) -> Ask | None:
    """How the question asks a ranking, if it does (folded: "tinh nao dung cuoi" as "Tỉnh nào đứng cuối")."""
    folded = fold(question)
    of = next((kind for kind, pattern in _ASKS_FOR.items() if pattern.search(folded)), None)
    if (found := _AT.search(folded)) and _WHICH.search(folded):
        value = found.group(1)
        return Ask("at", int(value) if value.isdigit() else _SPELLED[value], of)
    if _OF.search(folded):
        return Ask("of")
    if not _WHICH.search(folded) or re.search(r"\b(?:bao nhieu|may)\b", folded):
        return None  # "Điểm cao nhất là bao nhiêu?": a figure asked, not a name
    if _BOTTOM.search(folded):
        return Ask("bottom", of=of)
    if _TOP.search(folded):
        return Ask("top", of=of)
    return None


# What "… nào" asks for: a province ("tỉnh nào", "địa phương nào"), a company ("nhà mạng nào", "dn
# nào"), a ministry ("bộ, ngành nào").
_ASKS_FOR = {
    "province": re.compile(r"\b(?:tinh|thanh pho|dia phuong|tinh thanh)(?:,? (?:thanh pho|tinh))? nao\b"),
    "company": re.compile(r"\b(?:nha mang|doanh nghiep|dn|cong ty|tap doan|nha cung cap|nha khai thac)(?: [^\W\d_]+){0,2} nao\b"),
    "ministry": re.compile(r"\b(?:bo|bo,? nganh|co quan)(?: [^\W\d_]+){0,2} nao\b"),
}


def answer(
    query: Query,
    candidates: Sequence[Candidate],
    chunks_of: Callable[[str], list[Chunk]],
    both_ways: Callable[[str], str] = lambda text: text,
    names_in: Callable[[str], tuple[str, ...]] = lambda text: (),
) -> Ranked | None:
    """The rows of the ranking the question asks of, read from the whole tables of the documents
    retrieval found; None when it asks no ranking, or no table holds one that answers it.
    `both_ways`: a text with its abbreviations spelled out and its full words abbreviated ("BRCĐ",
    "băng rộng cố định"); `names_in`: the words of a text the reports write only as names ("Viettel")."""
    ask = asked(query.text)
    if ask is None:
        return None
    # The reports retrieval found, best first — a report's table need not be among its chunks found
    # (its introduction, "Thứ hạng … được nêu tại Bảng 1", often is)
    docs = list(dict.fromkeys(c.chunk.doc_id for c in candidates))[:MAX_REPORTS]
    tables = [table for doc_id in docs for table in tables_of(chunks_of(doc_id)) if _rows_are(ask.of, table, names_in)]
    folded = fold(query.text)
    question_words = set(words(fold(both_ways(query.text))))
    fitting: list[tuple[Table, Row | None, str | None, int]] = []
    for table in tables:
        named = _named_row(table, folded) if ask.kind == "of" else None
        if ask.kind == "of" and named is None:
            continue
        topic = set(words(folded)) - _ASKING_WORDS - (set(words(fold(named.label))) if named else set())
        topic = {word for word in topic if not word.isdigit()}  # a year, the rank asked
        if ask.kind == "at":
            topic -= set(_SPELLED)  # "xếp thứ hai"
        own = set(words(fold(both_ways(table.own_text()))))
        held = own | set(words(fold(both_ways(table.title))))
        if not topic or len(topic & held) < MIN_TOPIC_SHARE * len(topic):
            continue
        header = _asked_header(table, question_words)
        if header is None and table.rank_header is None:
            continue  # no rank stated, no column named: nothing to rank by
        fitting.append((table, named, header, len(own & question_words)))
    if not fitting:
        return None
    years = [year for year in query.years if year]
    if years:
        of_year = [entry for entry in fitting if entry[0].year in years]
        if not of_year:
            held_tables = sorted({id(t): t for t, _, _, _ in fitting}.values(), key=lambda t: t.year or 0, reverse=True)
            return Ranked(ask, held_tables[0], [], missing=tuple(years), held=held_tables)
        fitting = of_year
    # The latest ranking; of one year, the table whose column the question names by most words, then
    # whose caption and headers hold most of its words (the report's title is about all its tables).
    table, named, header, _ = max(fitting, key=lambda entry: (entry[0].year or 0, _header_words(entry[2]), entry[3]))
    return _chosen(ask, table, named, header)


def _rows_are(kind: str | None, table: Table, names_in: Callable[[str], tuple[str, ...]]) -> bool:
    """Whether a table's rows are what "… nào" asks for: "Tỉnh nào …" is no region's row, "Nhà mạng
    nào …" no province's."""
    if kind is None:
        return True
    provinces = sum(is_province(row.label) for row in table.rows)
    if kind == "province":
        return provinces * 3 >= len(table.rows) * 2
    if kind == "ministry":
        return sum(fold(row.label).startswith("bo ") for row in table.rows) * 2 >= len(table.rows)
    companies = sum(bool(names_in(row.label)) or bool(_COMPANY.match(fold(row.label))) for row in table.rows)
    return provinces * 3 < len(table.rows) and companies * 2 >= len(table.rows)


_COMPANY = re.compile(r"(?:tong cong ty|cong ty|tap doan)\b")


def names_one_of(kind: str, text: str, names_in: Callable[[str], tuple[str, ...]]) -> bool:
    """Whether a sentence names one of what "… nào" asks for: a province, a company, a ministry."""
    if kind == "province":
        # the run's tail: "Tại Hà Nội" names Hà Nội
        runs = capitalised_runs(re.findall(r"[^\W_]+", text))
        return any(is_province(" ".join(run[start:])) for run in runs for start in range(len(run)))
    if kind == "ministry":
        return re.search(r"\bBộ [A-ZĐ]", text) is not None
    return bool(names_in(text)) or re.search(r"\b(?:Tổng công ty|Công ty|Tập đoàn)\b", text) is not None


def tables_of(chunks: Sequence[Chunk]) -> list[Table]:
    """A document's tables (its chunks in order): each run of row sentences, captioned by the line
    before it that names a table ("Bảng 2. …") or by its section's heading. A run goes on in the
    next chunk over a repeated caption or heading (a table broken by a page or a chunk's end)."""
    tables: list[Table] = []
    current: Table | None = None
    before = ""  # the last line that was no row
    path: tuple[str, ...] | None = None
    for chunk in chunks:
        continued = tuple(chunk.section_path) == path
        path = tuple(chunk.section_path)
        for line in chunk.text.splitlines():
            row = row_cells(line.strip())
            if row is None:
                repeated = line.strip() in (current.caption, *(chunk.section_path if continued else ())) if current else False
                if not repeated and line.strip():
                    current, before = None, line.strip()
                continue
            label, cells = row
            if current is None or not (set(cells) <= set(current.headers) or set(current.headers) <= set(cells)):
                caption = before if _CAPTION.match(fold(before)) else (chunk.section_path[-1] if chunk.section_path else "")
                year = next(iter(find_years(caption)), None) or _year_of(chunk.period)
                current = Table(chunk.doc_id, caption, chunk.title, year)
                tables.append(current)
            if not _NOT_RANKED.search(fold(label)):
                current.rows.append(Row(label, cells, line.strip(), chunk))
    return [table for table in tables if len(table.rows) >= 3]


# A line naming a table: "Bảng 2. Số trạm BTS 5G theo doanh nghiệp", "Biểu 01", "Phụ lục 1".
_CAPTION = re.compile(r"^\W*(?:bang|bieu|phu luc)\s+\w")


def _year_of(period: str) -> int | None:
    found = find_periods(period) if period else []
    return found[0].year if found else None


def _number(value: str) -> float | None:
    match = _NUMBER.match(value.strip())
    if match is None:
        return None
    return float(f"{match.group(1).replace('.', '')}.{match.group(2) or 0}") * _SCALE.get(match.group(3) or "", 1.0)


def _rank(value: str) -> float | None:
    match = _RANK_VALUE.match(value.strip())
    return float(match.group(1)) if match else None


def _header_words(header: str | None) -> int:
    return len(set(words(fold(header))) - _MEASURE_WORDS) if header else 0


def _asked_header(table: Table, question_words: set[str]) -> str | None:
    """The column the question names by all of its own words ("Kinh tế số", "Thị phần (%)": not by
    "Điểm" alone), the one naming most; never the rank column, nor, where ranks are stated, a column
    named only by the ranking's own name ("Điểm DTI" of the DTI ranking: "dẫn đầu DTI" is by rank)."""
    best: tuple[int, str] | None = None
    caption = set(words(fold(table.caption)))
    for header in table.headers:
        if header == table.rank_header or not table.values(header, _number):
            continue
        own = set(words(fold(header))) - _MEASURE_WORDS
        if table.rank_header is not None and own <= caption:
            continue
        if own and own <= question_words and (best is None or len(own) > best[0]):
            best = (len(own), header)
    return best[1] if best else None


def _named_row(table: Table, folded_question: str) -> Row | None:
    """The row whose label the question names ("da nang xep thu may": "Đà Nẵng"), the longest named."""
    padded = f" {' '.join(words(folded_question))} "
    named = [row for row in table.rows if (core := _label_core(row.label)) and f" {core} " in padded]
    return max(named, key=lambda row: len(_label_core(row.label)), default=None)


def _label_core(label: str) -> str:
    """A row label's words as a question names it: "TP, Hồ Chí Minh" is "ho chi minh"."""
    return " ".join(words(re.sub(r"^(?:tp|thanh pho|tinh)\b[\s.,]*", "", fold(label))))


def _chosen(ask: Ask, table: Table, named: Row | None, header: str | None) -> Ranked | None:
    """The rows answering: by the rank the table states, or by the column the question names — its
    highest or lowest value, or (no rank column) the rank its values give, counted from the highest."""
    rank_header = table.rank_header
    if header is not None and (ask.kind in ("top", "bottom") or rank_header is None):
        column = table.values(header, _number)
        ranks = {id(row): 1 + sum(other > value for other, _ in column) for value, row in column}
        if ask.kind in ("top", "bottom"):
            best = (max if ask.kind == "top" else min)(value for value, _ in column)
            rows = [row for value, row in column if value == best]
        elif ask.kind == "of":
            rows = [named] if named is not None and id(named) in ranks else []
        else:
            rows = [row for _, row in column if ranks[id(row)] == ask.rank]
        return Ranked(ask, table, rows, header, ranks) if rows else None
    if rank_header is None:
        return None
    if ask.kind == "of":
        rows = [named] if named is not None and rank_header in named.cells else []
    else:
        stated = table.values(rank_header, _rank)
        wanted = {"top": min(value for value, _ in stated), "bottom": max(value for value, _ in stated)}.get(ask.kind, ask.rank)
        rows = [row for value, row in stated if value == wanted]
    return Ranked(ask, table, rows) if rows else None
