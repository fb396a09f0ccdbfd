"""Vietnam's provinces and centrally-run cities, as the reports name them: the 63 of the years the
reports cover, and the names of the 34 after the 2025 merger (all but "Huế" among the 63).

A ranking table's rows are provinces, regions, operators or ministries alike to a rule reading
"Tỉnh nào …": only the first answer it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from vectorstore.figures import period_spans
from vectorstore.text import fold, has_diacritics, words

_NAMES = """
An Giang; Bà Rịa - Vũng Tàu; Bạc Liêu; Bắc Giang; Bắc Kạn; Bắc Ninh; Bến Tre; Bình Dương; Bình Định;
Bình Phước; Bình Thuận; Cà Mau; Cao Bằng; Cần Thơ; Đà Nẵng; Đắk Lắk; Đắk Nông; Điện Biên; Đồng Nai;
Đồng Tháp; Gia Lai; Hà Giang; Hà Nam; Hà Nội; Hà Tĩnh; Hải Dương; Hải Phòng; Hậu Giang; Hòa Bình;
Hưng Yên; Khánh Hòa; Kiên Giang; Kon Tum; Lai Châu; Lạng Sơn; Lào Cai; Lâm Đồng; Long An; Nam Định;
Nghệ An; Ninh Bình; Ninh Thuận; Phú Thọ; Phú Yên; Quảng Bình; Quảng Nam; Quảng Ngãi; Quảng Ninh;
Quảng Trị; Sóc Trăng; Sơn La; Tây Ninh; Thái Bình; Thái Nguyên; Thanh Hóa; Thừa Thiên Huế; Huế;
Tiền Giang; Hồ Chí Minh; Trà Vinh; Tuyên Quang; Vĩnh Long; Vĩnh Phúc; Yên Bái
"""
_FOLDED = frozenset(" ".join(words(fold(name))) for name in _NAMES.split(";"))
# A name's own spelling in lower case ("hà tĩnh"), and the names that, typed without marks, are
# also everyday phrases ("diễn biến", "hòa bình", "đa năng", "cao bằng").
_LOWER = {" ".join(words(fold(name))): " ".join(name.split()).lower() for name in _NAMES.split(";") if "-" not in name}
_ALSO_A_PHRASE = frozenset({"dien bien", "hoa binh", "da nang", "cao bang"})
# What follows a place's name typed in a chat, folded: its verb, its period, a comparison.
_AFTER_A_PLACE = re.compile(r"(?:la|bao nhieu|bn|dat|co|xep|dung|nam|quy|thang|so voi|va|trong|gan day|moi nhat|hien nay|hien tai)\b")
# "TP. Hồ Chí Minh", "Thành phố Cần Thơ", "Tỉnh Nghệ An": the kind before the name.
_KIND = re.compile(r"^(?:tp|thanh pho|tinh)\b[\s.,]*")


def is_province(name: str) -> bool:
    """Whether a name is a province's or a centrally-run city's ("TP, Hồ Chí Minh", "Thanh Hoá")."""
    return " ".join(words(_KIND.sub("", fold(name).strip()))) in _FOLDED


@lru_cache(maxsize=4096)
def typed_in_lower_case(question: str) -> tuple[str, ...]:
    """Provinces a question names in lower case, as typed in a chat ("ty le DVCTT cua nghe an", "tai
    da nang", "thi phan viettel ha tinh q1 2025"): after a word that puts a place ("của", "tại", "ở",
    "tỉnh", "TP", "trên địa bàn"); spelt with the name's own marks ("hà tĩnh"); or, typed without
    marks, a name of two words or more where a place's name ends the question or comes before its
    period or verb. Read otherwise, "dien bien" may be "diễn biến", "hoa binh" "hòa bình" and "cap
    quang nam 2023" is "cáp quang năm 2023". Cached: the place rules ask it of the same question often."""
    typed = list(re.finditer(r"[^\W_]+", question))
    folded = [fold(match.group()) for match in typed]
    periods = period_spans(question)
    found: list[str] = []
    start = 0
    while start < len(typed):
        length = 0
        if not typed[start].group()[:1].isupper():
            for size in (4, 3, 2, 1):
                name = " ".join(folded[start : start + size])
                if start + size > len(typed) or name not in _FOLDED:
                    continue
                spelt = question[typed[start].start() : typed[start + size - 1].end()]
                if (
                    (start > 0 and folded[start - 1] in _PUTS_A_PLACE)
                    or (size > 1 and _LOWER.get(name) == " ".join(spelt.split()))
                    or (size > 1 and _ends_a_place(question, typed[start + size - 1].end(), periods, strict=name in _ALSO_A_PHRASE))
                ):
                    length = size
                break
        if length:
            found.append(question[typed[start].start() : typed[start + length - 1].end()])
            start += length
        else:
            start += 1
    return tuple(found)


def _ends_a_place(question: str, end: int, periods: list[tuple[int, int]], strict: bool = False) -> bool:
    """Whether a name typed without marks, ending at `end`, stands where a place's name does: last, or
    before the period or the verb ("… ha tinh q1 2025", "… nghe an la bao nhieu"), not inside one.
    `strict`, for a name that is also an everyday phrase: only before the period ("cao bang 6T 2025",
    not "… cao bang muc trung binh" nor "giu vung hoa binh")."""
    if any(start < end <= stop for start, stop in periods):
        return False  # "cap quang nam 2023": "năm 2023"
    rest = question[end:]
    gap = len(rest) - len(rest.lstrip())
    # a word opening the period's phrase: "phu tho cuoi nam 2023", "… ca nam 2024"
    lead = _PERIOD_LEAD.match(fold(rest.lstrip()))
    if any(start in (end + gap, end + gap + (lead.end() if lead else 0)) for start, _ in periods):
        return True
    return not strict and (not rest.strip(" ?.!,;") or bool(_AFTER_A_PLACE.match(fold(rest.lstrip()))))


_PERIOD_LEAD = re.compile(r"(?:cuoi|dau|het|giua|ca|trong)\s+")
# The word before a province's name typed in lower case: "cua", "tai", "o", "tinh", "tp", "ban" (of
# "trên địa bàn"), folded.
_PUTS_A_PLACE = frozenset({"cua", "tai", "o", "tinh", "tp", "pho", "ban"})


def spelled_initials(question: str, written: Callable[[str], bool]) -> str:
    """A question with a province typed by its initials after a word that puts a place ("cua nt",
    "tinh NT", "tp hcm") spelled out — when exactly one province of those initials is one the corpus
    writes (`written`): "nt" is Ninh Thuận in a corpus of Ninh Thuận's reports, nothing in one naming
    neither it nor Nam… or Nha Trang. Written as the question is typed (with or without marks)."""

    def spelled(match: re.Match[str]) -> str:
        letters = fold(match.group(2).lower())
        named = [name for name in _BY_INITIALS.get(letters, ()) if written(name)]
        if len(named) != 1:
            return match.group(0)
        name = named[0] if has_diacritics(question) else fold(named[0])
        return f"{match.group(1)}{name}"

    return _INITIALS_TYPED.sub(spelled, question)


# Each province's initials, folded ("nt": Ninh Thuận, "hcm": Hồ Chí Minh, "brvt": Bà Rịa - Vũng Tàu).
_BY_INITIALS: dict[str, tuple[str, ...]] = {}
for _name in (" ".join(name.split()) for name in _NAMES.split(";") if name.strip()):
    _letters = "".join(word[0] for word in words(fold(_name)))
    _BY_INITIALS[_letters] = (*_BY_INITIALS.get(_letters, ()), _name)
# Two to four letters with no vowel, after a word that puts a place: "của nt", "tinh NT", "tp hcm".
_INITIALS_TYPED = re.compile(
    r"(?i)(\b(?:của|cua|tại|tai|ở|o|tỉnh|tinh|tp\.?|thành phố|thanh pho|địa bàn|dia ban)\s+)([b-df-hj-np-tv-zđ]{2,4})\b(?![\w-])"
)
