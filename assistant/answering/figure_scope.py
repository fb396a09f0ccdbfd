"""Whose figure each number of a province's report is: the province's own, or the country's quoted
beside it.

A department's report states its province's figure and, often in the same sentence or table row, the
country's for comparison ("Tỷ lệ DVCTT toàn trình đạt 57,3%, … cao hơn mức trung bình cả nước
(55,1%)"; "Thực hiện 2024: 236; Cả nước 2024: –"), or only the country's where its own is not yet
counted ("… của cả nước năm 2022 đạt 77,4%; tỉnh chưa có số liệu thống kê riêng"). Asked of the
province, the country's number is no answer, and asked of the country, the province's is none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from assistant.provinces import is_province
from assistant.query import LOCAL_SCOPE, NATIONAL_SCOPE, named_places
from vectorstore.figures import written_figure
from vectorstore.statements import Statement, row_cells
from vectorstore.text import fold

Scope = Literal["national", "local"]


def asked_scope(question: str) -> Scope | None:
    """Whose figure a question asks: the country's ("… của cả nước"), a province's (named, or "toàn
    tỉnh"), or either — none said, or both ("… của Nghệ An so với cả nước", "xếp thứ mấy cả nước")."""
    folded = fold(question)
    local = bool(named_places(question) or LOCAL_SCOPE.search(folded))
    national = bool(NATIONAL_SCOPE.search(folded))
    if local == national:
        return None
    return "national" if national else "local"


def figure_scopes(sentence: str, statements: Sequence[Statement], default: Scope = "local") -> list[Scope]:
    """Each figure's scope in a sentence, in the statements' order: the report's own (`default`: a
    province's report is of the province) unless the words before it since the figure before it
    name a scope — the country ("cả nước", "toàn quốc") or a province ("của tỉnh", "Quảng Ninh"); the
    last named holds on — or, in a table row, its column or row is the country's ("Cả nước 2024:
    55,1"). "… cao hơn cả nước 7,3 điểm phần trăm" is the province's lead over the country, not the
    country's level; "cao hơn mức trung bình cả nước (55,1%)" is it."""
    cells = row_cells(sentence)
    if cells is not None:
        label, by_header = cells
        national_row = bool(NATIONAL_SCOPE.search(fold(label)))
        return [
            "national" if national_row or _national_column(statement.value, by_header) else default for statement in statements
        ]
    scopes: list[Scope] = []
    scope = default
    cursor = 0
    for statement in statements:
        number = written_figure(statement.value)
        found = number.search(sentence, cursor) or number.search(sentence)
        if found is None:
            scopes.append(scope)
            continue
        scope = _scope_before(sentence[cursor : found.start()] if found.start() >= cursor else sentence[: found.start()], scope)
        scopes.append(scope)
        cursor = max(cursor, found.end())
    return scopes


def _national_column(value: str, by_header: dict[str, str]) -> bool:
    number = written_figure(value)
    return any(NATIONAL_SCOPE.search(fold(header)) for header, written in by_header.items() if number.search(written))


def _scope_before(span: str, scope: Scope) -> Scope:
    """The scope the words between two figures put the second in: the last place they name."""
    places = [(match.start(), "national") for match in _COUNTRY.finditer(span)]
    places += [(match.start(), "local") for match in _PROVINCE.finditer(span)]
    places += [(match.start(), "local") for match in _NAME.finditer(span) if is_province(match.group())]
    if not places:
        return scope
    at, said = max(places)
    if said == "local":
        return "local"
    level = span.rstrip().endswith("(") or bool(_LEVEL.search(span))
    compared = _COMPARED.search(span, 0, at)
    return "national" if not compared or level else scope


# Written as the reports write them (folded, "tính đến" would be "tỉnh").
_COUNTRY = re.compile(r"\b(?:cả nước|toàn quốc)\b", re.IGNORECASE)
# One province, not many ("các địa phương", "63 tỉnh, thành phố", "cấp tỉnh").
_PROVINCE = re.compile(
    r"\b(?<!các )(?<!những )(?<!cấp )(?<!\d )(?<!tỉnh, )(?:tỉnh|toàn tỉnh|thành phố|trên địa bàn)\b(?!,? thành phố)", re.IGNORECASE
)
_NAME = re.compile(r"\b[A-ZÀ-ỸĐ][\w]*(?: [A-ZÀ-ỸĐ][\w]*){1,3}\b")  # "Quảng Ninh", "Bà Rịa Vũng Tàu"
_COMPARED = re.compile(r"\b(?:hơn|so với)\b", re.IGNORECASE)
# The country's level, not a gap to it: "mức trung bình cả nước", "bình quân chung cả nước".
_LEVEL = re.compile(r"\b(?:mức|trung bình|bình quân)(?: chung)?(?: của)? (?:cả nước|toàn quốc)\b", re.IGNORECASE)
