"""What a question asks: its content words, the periods it names, whether it wants a figure, and
which kind of figure (a result, a target, a change, a share of the plan).

Question words ("bao nhiêu", "là gì", "như thế nào") shape a question but say nothing about its
subject, so they are set aside before measuring how well a sentence covers the question. Single
question words are only removed when the question has diacritics: folded, "đâu" and "đầu" are
both "dau", and "6 thang dau nam" must keep its "dau".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from assistant import provinces
from vectorstore.diacritics import DiacriticRestorer
from vectorstore.figures import (
    Period,
    find_periods,
    find_years,
    period_matches,
    period_spans,
    spelled_periods,
    spelled_year_ranges,
)
from vectorstore.glossary import Glossary
from vectorstore.text import fold, has_diacritics, normalize, phrases, remove_spans, words

# Words that ask for a figure. Matched with their diacritics when the question has them: folded,
# "giảm" would also be "giám", "mấy" "máy", "đạt" "đất".
_FIGURE_WORDS = (
    "bao nhiêu|mấy|tỷ lệ|tỉ lệ|số lượng|mức|bao lâu|phần trăm|xếp thứ|thứ mấy|tổng số|doanh thu|số liệu|"
    "tăng trưởng|giảm|tăng|đạt|kim ngạch|sản lượng|giá trị|lợi nhuận|số|thuê bao|thị phần|tỷ trọng"
)
_ASKS_FIGURE = re.compile(r"\b(?:" + _FIGURE_WORDS + r")\b", re.IGNORECASE)
_ASKS_FIGURE_FOLDED = re.compile(r"\b(?:" + fold(_FIGURE_WORDS) + r")\b")
# Verbs that name a figure only when nothing else is asked: "tăng nguồn cung dầu ở khu vực nào?"
# asks for a place, "đạt được nhờ đâu?" for a reason; "tăng bao nhiêu?" still asks for a figure.
# So does a counted noun: "thuê bao băng rộng cố định hiện nay" asks how many, "xử lý thuê bao rác
# thế nào?" how; and "số": "Nghị định nào … về chữ ký số?" asks which decree ("số" is "digital" there).
_FIGURE_VERBS = frozenset({"tang", "giam", "dat", "tang truong", "so", "thue bao"})
_ASKS_OTHER = re.compile(
    r"\bnao\b|\b(?:dau|ai|gi|sao)\s*\??\s*$|^(?:ai|tai sao|vi sao)\b|\b(?:bao gio|"
    r"(?:van de|dieu|cai|nguoi|noi|nuoc|thanh pho|loai|nhom) gi)\b"
)
# The kind of figure asked, on folded text, most specific first.
# A share of the plan, or what was reached measured against the plan: "đạt bao nhiêu % kế hoạch",
# "so với kế hoạch năm 2024", "so với mục tiêu đề ra".
# A word qualifying "chỉ tiêu" after it ("… bao nhiêu chỉ tiêu chủ yếu được giao"): targets counted, not
# a plan nor a share of one ("… bao nhiêu chỉ tiêu năm": the plan's year follows).
_QUALIFIED = r"\s+(?!nam\b)[^\W\d_]"
_ASKS_SHARE = re.compile(
    # ("hoàn thành bao nhiêu chỉ tiêu chủ yếu được giao": targets counted, no share of one)
    r"\b(?:bao nhieu|may)\s*(?:(?:%|phan tram)\s*(?:so voi\s+)?(?:ke hoach|chi tieu|kh)|(?:so voi\s+)?(?:ke hoach|kh|chi tieu(?!" + _QUALIFIED + r")))\b"
    r"|% (?:ke hoach|chi tieu|kh)\b"
    r"|\b(?:so voi|so sanh\b.{0,80}\bvoi) (?:ke hoach|chi tieu|muc tieu)\b"
    # whether the plan was met: "có đạt kế hoạch không", "vượt mục tiêu chưa", "hoàn thành chỉ tiêu"
    # (folded, "đạt" is "đặt": "đặt mục tiêu" sets a plan, so only "có đạt" and "đạt được" count)
    r"|\b(?:co dat|dat duoc|vuot|hoan thanh)(?: duoc)? (?:ke hoach|chi tieu|muc tieu)\b"
)
# Both asked: "mục tiêu … và kết quả đạt được", "kết quả thực hiện và kế hoạch năm 2024" — a share
# of the plan, unless each is asked of its own period (`period_kinds`).
_ASKS_BOTH = re.compile(
    # "… và thực hiện", "…, TH 2024 được bao nhiêu" (the reports' "KH" and "TH" typed)
    # "…, và theo báo cáo mới nhất đã đạt bao nhiêu"
    r"\b(?:muc tieu|ke hoach|chi tieu|kh)\b.{0,60}(?:\bva|,)(?: va)?(?: theo [^,?]{0,30}?)? (?:ket qua|thuc hien|thuc te|dat duoc|da dat|th)\b"
    r"|\b(?:ket qua|thuc hien|thuc te|th)\b.{0,60}(?:\bva|,) (?:muc tieu|ke hoach|chi tieu|kh)\b"
)
# Which of two is more, folded: "cao hơn", "nhiều hơn", "thấp hơn" …
_MORE_OR_LESS = r"(?:cao|thap|nhieu|it|lon|nho) hon"
_ASKS_CHANGE = re.compile(
    r"\b(?:tang|giam)(?:\s+(?:them|len|xuong|binh quan|trung binh))?\s+(?:bao nhieu|may|hay giam|hay tang)|\btang hay giam\b|\b(?:tang|giam|tang truong)\b.{0,40}\bso voi\b"
    # "Tốc độ tăng trưởng doanh thu … so với cùng kỳ", "… tăng trưởng bao nhiêu"
    r"|\b(?:toc do|muc|ty le|ti le) tang truong\b|\btang truong (?:bao nhieu|may|the nao|ra sao)\b"
    # "… 6 tháng đầu năm 2024 cao hơn năm 2023 bao nhiêu điểm phần trăm?"
    r"|\b" + _MORE_OR_LESS + r"\b[^,;?]{0,40}\b(?:bao nhieu|may)\b"
)
# Said of one period among several ("… năm 2023 và chỉ tiêu năm 2024"): the words before it.
_RESULT_OF_PERIOD = re.compile(r"\b(?:ket qua|thuc hien|da dat|dat duoc|thuc te)\b")
# A period followed, in its own clause, by what it reached: "… và 6 tháng đầu năm (đã) đạt (được) bao nhiêu",
# "… đến hết tháng 6/2025 đã có bao nhiêu".
_RESULT_AFTER_PERIOD = re.compile(r"\b(?:ket qua|thuc hien|dat|thuc te|da co|hien co)\b")
_CLAUSE_END = re.compile(r"[,;]|\b(?:va|con|so voi)\b")
_TARGET_OF_PERIOD = re.compile(r"\b(?:muc tieu|ke hoach|chi tieu|phan dau|du kien)\b")
# ("TH năm 2023", "thực hiện năm 2023": a table's result column, not "kế hoạch thực hiện năm 2024")
_ASKS_RESULT = re.compile(
    r"\b(?:ket qua|thuc hien duoc|da dat|dat duoc|thuc te|ket qua thuc hien"
    r"|(?<!ke hoach )(?<!nhiem vu )(?<!chi tieu )(?<!muc tieu )thuc hien(?= nam (?:19|20)\d\d))\b"
)
# ("KH năm 2025", "kh 2025": the plan's abbreviation before the year it is of)
# ("KH doanh thu … năm 2024 được giao": the plan typed as its letters, opening the question)
_ASKS_TARGET = re.compile(r"\b(?:muc tieu|dinh huong|nhiem vu|ke hoach|chi tieu|phan dau|du kien|phuong huong|kh(?= nam (?:19|20)\d\d))\b|^\s*kh\b")
# "so sánh", "lần lượt", "qua các năm", "tăng hay giảm": an answer per period named.
_COMPARES = re.compile(
    r"\b(?:so sanh|lan luot|qua cac (?:nam|ky)|tang hay giam|giam hay tang|bien dong|chenh lech|chenh nhau|khac nhau|khac biet|thay doi)\b"
)
# The whole of a year asked, in so many words: "doanh thu cả năm 2024", "toàn năm 2023".
_WHOLE_YEAR = re.compile(r"\b(?:ca|toan|tron) nam (?:19|20)\d\d\b")
# Periods named against the latest report: "năm ngoái", "năm trước", "kỳ trước", "cùng kỳ".
_LAST_YEAR = re.compile(r"\b(?:nam ngoai|nam truoc)\b")
_PREVIOUS_PERIOD = re.compile(r"\bky truoc\b")
_THIS_YEAR = re.compile(r"\bnam nay\b")
# What kind of answer a question wants besides a figure, on folded text: a time ("khi nào", "năm
# nào") or a name ("ai", "ở đâu", "đội nào"). A sentence without one cannot be the answer.
_ASKS_TIME = re.compile(
    r"\b(?:khi nao|bao gio|luc nao|(?:nam|thang|ngay|the ky|thap nien|thoi diem|thoi gian|thoi ky|giai doan|mua) nao|"
    r"nam bao nhieu|vao nam nao)\b"
)
_ASKS_CODE = re.compile(r"\bso hieu\b")
# A day asked, not only a year: "… được thông qua vào ngày nào?", "ngày tháng năm nào".
_ASKS_DATE = re.compile(r"\bngay (?:nao|bao nhieu|thang nao|thang nam nao)\b")
# Who holds or held a post: a person's name asked ("Ai là Tổng Giám đốc đầu tiên của …?").
_ASKS_PERSON = re.compile(
    r"\bai (?:la|da la|tung la|se la|dang la)\b.*\b(?:giam doc|chu tich|bo truong|thu truong|tong bien tap|"
    r"nguoi dung dau|nguoi sang lap|nha sang lap|thu tuong|tong thong|hieu truong|vien truong|truong ban|"
    r"tong bi thu|cuc truong|vu truong|thong doc|truong phong|pho giam doc)\b"
)
# Where a thing is or took place ("… ra mắt ở đâu?", "… tại địa điểm nào?"), read before a name; a
# city or a country asked by its kind ("thành phố nào") is a name, which need not follow "tại"; "khu vực nào" may be
# answered by a common noun ("ở khu vực miền núi").
_ASKS_PLACE = re.compile(r"\b(?:o dau|tai dau|noi nao|dia diem nao|dia chi nao)\b")
_ASKS_NAME = re.compile(
    r"(?:^|[\s,])ai(?=[\s?.,!]|$)|\b(?:(?:nguoi|nhan vat|doi|cong ty|to chuc|co quan|quoc gia|"
    r"nuoc|thanh pho|tinh|vung|khu vuc|ong|ba|vi vua|hoang de|tac gia|nha khoa hoc|"
    # a maker, a school, an institute, a professional: "xưởng nào", "kiến trúc sư nào", "viện nghiên cứu nào"
    r"xuong|nha may|hang san xuat|vien|vien nghien cuu|truong|truong dai hoc|dai hoc|benh vien|nha xuat ban|thuong hieu|"
    r"kien truc su|ky su|bac si|nha van|nha bao|hoa si|nhac si) nao"
    # "doanh nghiệp viễn thông nào", "đơn vị nào": a body's name asked
    r"|(?:doanh nghiep|nha mang|tap doan|don vi|ngan hang)(?: [^\W\d_]+){0,2} nao)\b"
)


@dataclass(frozen=True)
class Query:
    """A question, analysed once and shared by retrieval and answer selection."""

    text: str
    content: str
    dense_text: str
    periods: list[Period] = field(default_factory=list)
    bases: list[Period] = field(default_factory=list)  # named only as what a change is measured from
    years: list[int] = field(default_factory=list)
    asks_figure: bool = False
    asks_number: bool = False  # "bao nhiêu", "mấy": only a number (in digits or words) answers
    asks_unit: str | None = None  # "percent" ("bao nhiêu phần trăm") | "money" ("bao nhiêu tiền") | "duration" ("bao nhiêu năm") | "age" ("bao nhiêu tuổi") | "length" ("dài bao nhiêu km") | "area"
    asked_kind: str | None = None  # "result" | "target" | "change" | "share", or None when not said
    asks_both: bool = False  # the plan and what was reached, each asked ("KH 2024 … và TH 2024 …"): kind "share"
    compares: bool = False
    whole_year: bool = False  # "cả năm 2024": a part of the year is no answer
    indicator: str = ""  # the content words without the periods: what is measured
    answer_type: str | None = None  # "time" | "name" when the question asks for one (`asked_answer_type`)
    head: tuple[str, ...] = ()  # folded syllables of what is counted or measured ("thue", "bao"), see `measured_head`
    counts: tuple[str, ...] = ()  # the same, when "bao nhiêu …" names what is counted (`counted_thing`)
    asides: tuple[str, ...] = ()  # another name given in brackets after a word: "(EGDI)", "(FTTH)"
    names: tuple[str, ...] = ()  # folded words the corpus writes only as names ("viettel"), see `_corpus_names`
    # Each period's own kind, when the periods asked differ in it ("… năm 2023 và chỉ tiêu năm 2024").
    period_kinds: tuple[tuple[Period, str], ...] = ()
    excluded: tuple[str, ...] = ()  # folded words of what the figure asked leaves out ("không tính phát thanh")
    span: tuple[int, int] | None = None  # a span of years asked as a whole: "cả giai đoạn 2020 - 2024"

    @property
    def about_figures(self) -> bool:
        """A figure, a period or a kind of figure is asked: the period rules apply — not to a
        document's number asked ("Luật Báo chí năm 2016 mang số hiệu gì?": the year names the law)."""
        if self.answer_type == "code":
            return False
        return self.asks_figure or bool(self.periods) or self.asked_kind is not None

    @property
    def asks_target(self) -> bool:
        return self.asked_kind == "target"


@lru_cache(maxsize=1)
def _question_words() -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """(accented sequences, folded multi-word sequences) of the question-word list."""
    text = resources.files("vectorstore.data").joinpath("question_words.txt").read_text("utf-8")
    accented: set[tuple[str, ...]] = set()
    folded: set[tuple[str, ...]] = set()
    for line in text.splitlines():
        line = line.strip().lower()
        if not line or line.startswith("#"):
            continue
        sequence = tuple(line.split())
        accented.add(sequence)
        if len(sequence) > 1:
            folded.add(tuple(fold(word) for word in sequence))
    return frozenset(accented), frozenset(folded)


def content_words(question: str) -> str:
    """The question with its question words replaced by phrase breaks."""
    accented, folded_phrases = _question_words()
    with_marks = has_diacritics(question)
    pieces: list[str] = []
    for phrase in phrases(question):
        keep: list[str] = []
        index = 0
        while index < len(phrase):
            matched = 0
            for size in (4, 3, 2, 1):
                window = tuple(phrase[index : index + size])
                if len(window) < size:
                    continue
                # folded, a phrase matches only words typed without marks: "Tổng công ty" is no "tổng cộng"
                typed_plain = all(fold(word) == word.lower() for word in window)
                if (with_marks and window in accented) or (typed_plain and tuple(fold(w) for w in window) in folded_phrases):
                    matched = size
                    break
            if matched:
                if keep:
                    pieces.append(" ".join(keep))
                keep = []
                index += matched
            else:
                keep.append(phrase[index])
                index += 1
        if keep:
            pieces.append(" ".join(keep))
    return ". ".join(pieces)


# A joining word left at a phrase's edge once the periods and kind words around it are gone: "… 2023
# va chi tieu 2025" leaves "ty le ho so truc tuyen va" (typed without diacritics, "va" is not dropped
# as a question word: alone it may be another word).
_LOOSE_JOINS = frozenset({"va", "voi", "hoac"})
# … and one opening it: "… chi tieu 2025 ve DVCTT toan trinh" leaves "ve dvctt toan trinh".
_LOOSE_STARTS = _LOOSE_JOINS | {"ve", "cua"}
# A verb or "not" of the asking typed without diacritics ends it too: "tb di dong 9t/2023 dc bn"
# leaves "thue bao di dong duoc" (alone, "duoc" and "khong" may be syllables of other words).
# A chat's ending, "a" being "ạ" typed without its mark; "ad" the admin addressed ("… đc bn vậy ad").
_CHAT_WORDS = frozenset({"a", "nhe", "nhi", "ha", "vay", "ad", "admin"})
_LOOSE_ENDS = _LOOSE_JOINS | {"duoc", "khong"} | _CHAT_WORDS


def _without_loose_ends(indicator: str) -> str:
    phrases_kept = []
    for phrase in indicator.split(". "):
        words_of = phrase.split()
        while words_of and fold(words_of[-1]) in _LOOSE_ENDS:
            words_of.pop()
        while words_of and fold(words_of[0]) in _LOOSE_STARTS:
            words_of.pop(0)
        if words_of:
            phrases_kept.append(" ".join(words_of))
    return ". ".join(phrases_kept)


@lru_cache(maxsize=1)
def _typed_shorthand() -> tuple[re.Pattern[str], dict[str, str]]:
    """The shorthand a question may type ("DT", "VT"), as one pattern and what each stands for."""
    text = resources.files("vectorstore.data").joinpath("typed_shorthand.tsv").read_text("utf-8")
    meanings = dict(
        line.split("\t", 1) for line in (line.strip() for line in text.splitlines()) if line and not line.startswith("#")
    )
    pattern = re.compile(r"(?<![\w&/.-])(" + "|".join(map(re.escape, meanings)) + r")(?![\w&/-]|\.\w)")
    return pattern, meanings


def spelled_shorthand(text: str) -> str:
    """A question with its typed shorthand spelled out: "DT dịch vụ VT" -> "doanh thu dịch vụ viễn thông",
    "tb di dong" -> "thue bao di dong"."""
    pattern, meanings = _typed_shorthand()
    # Written as the question is typed: one without diacritics stays without them ("tb" -> "thue bao"),
    # so its question words are still read as such.
    spell = (lambda meaning: meaning) if has_diacritics(text) else fold
    return pattern.sub(lambda match: spell(meanings[match.group(1)]), text)


def shorthand_words(text: str) -> dict[str, str]:
    """Folded words a text's typed shorthand would spell, each with its letters folded ("công nghiệp
    ICT" -> {"cong": "cn", "nghiep": "cn", "ict": "cn"}): a report written in those letters ("DT CN
    ICT") writes those words, though never spelled out."""
    _, meanings = _typed_shorthand()
    folded = fold(text)
    found: dict[str, str] = {}
    for letters, meaning in meanings.items():
        if re.search(rf"\b{re.escape(fold(meaning))}\b", folded):
            for word in fold(meaning).split():
                found.setdefault(word, fold(letters).split()[0])
    return found


def analyze(
    question: str,
    glossary: Glossary,
    restorer: DiacriticRestorer | None = None,
    latest: Period | None = None,
) -> Query:
    """Analyse a question; with a restorer (it knows the corpus's spellings), a compound is written as
    the reports write it and a question typed without diacritics is re-accented for the embedding
    model (the lexical side compares folded tokens and needs no help). `latest` is the
    latest report's period: what "năm ngoái" and "kỳ trước" are read against."""
    typed = spelled_shorthand(normalize(question).strip())
    if restorer is not None:
        typed = provinces.spelled_initials(typed, restorer.writes_phrase)  # "cua nt": Ninh Thuận, when the corpus writes it
    text = spelled_periods(spelled_year_ranges(typed, change=asked_kind(fold(typed)) == "change"))
    if restorer is not None:
        text = restorer.compounds_as_written(text)  # "wifi" typed, "Wi-Fi" written
        text = restorer.letters_spelled(text)  # "TCM" typed, as a report's legend defines it
        # "mobifone" typed, "MobiFone" written: the rules know a company by its capitals
        text = restorer.names_as_written(text, keep=lambda word: glossary.concept_of(word) is not None)
    folded = fold(text)
    kind = asked_kind(folded)
    if kind is None and latest is not None and (horizons := _HORIZON.findall(folded)) and all(int(year) > latest.year for year in horizons):
        kind = "target"  # "đến năm 2030 kinh tế số chiếm bao nhiêu % GDP": a year still to come has only goals
    # "tăng bao nhiêu so với năm 2022": 2022 is the base, not a period asked; "năm 2019 so với năm
    # 2024 thế nào": both are.
    # "… tăng so với năm 2022 ra sao? Cho số liệu từng năm": each year's figure is asked too.
    periods = asked_periods(text, latest, keep_compared=kind not in ("change", "share") or bool(_EACH_PERIOD.search(folded)))
    # The base a change is measured from ("… năm 2023 tăng bao nhiêu so với năm 2022"): when no
    # sentence states that change, its figure is what the reader needs beside the asked period's.
    bases = [period for period in asked_periods(text, latest, keep_compared=True) if period not in periods]
    if len(periods) == 1 and periods[0].part != "year" and (same := _SAME_SPAN_OF.search(folded)):
        # "9 tháng đầu năm 2024 tăng bao nhiêu % so với cùng kỳ năm 2023": the base is 2023's nine
        # months, not the whole year 2023
        bases = [Period(int(same.group(1)), periods[0].part) if period.year == int(same.group(1)) else period for period in bases]
    asks_figure = asks_for_figure(text)
    content = content_words(text)
    return Query(
        text=text,
        content=content,
        dense_text=glossary.expand(restorer.restore(text) if restorer else text),
        periods=periods,
        bases=bases,
        years=list(dict.fromkeys([*(p.year for p in periods), *find_years(text)])),
        asks_figure=asks_figure,
        asks_number=asks_figure and bool(_ASKS_NUMBER.search(text if has_diacritics(text) else folded)),
        asks_unit=asked_unit(folded),
        asked_kind=kind,
        asks_both=bool(_ASKS_BOTH.search(folded)),
        compares=bool(_COMPARES.search(folded)) or len(periods) > 1,
        whole_year=bool(_WHOLE_YEAR.search(folded)),
        # each period its own kind, unless a change or a share of the plan is asked ("bao nhiêu % kế
        # hoạch": the plan is what the result is measured against, not a period's target)
        period_kinds=period_kinds(folded, periods) if kind != "change" and not _ASKS_SHARE.search(folded) else (),
        indicator=_without_loose_ends(content_words(_without_kind_words(_without_periods(_without_places(_without_excluded(_without_occasion(text))))))),
        excluded=excluded_words(text),
        span=asked_span(folded),
        answer_type=None if asks_figure else asked_answer_type(folded) or _asks_a_colour(text, restorer),
        head=measured_head(text),
        counts=counted_thing(text) or (),
        asides=tuple(match.group(1).strip() for match in _ASIDE.finditer(text)),
        names=_corpus_names(text, glossary, restorer) if restorer is not None else (),
    )


# A year a goal is set for, folded: "đến năm 2030", "tới năm 2030", "vào năm 2030", "năm 2030 sẽ".
_HORIZON = re.compile(r"\b(?:(?:den|toi|vao) (?:nam )?|nam (?=(?:19|20)\d\d se\b))((?:19|20)\d\d)\b")
_EACH_PERIOD = re.compile(r"\b(?:tung|moi|ca hai|hai) (?:nam|ky)\b")

# "Chính phủ điện tử (EGDI)": the bracket names again what the words before it name.
_ASIDE = re.compile(r"(?<=\w)\s*\(([^()]{1,40})\)")


# Words before the thing measured that say how, not what: "số", "tổng số", "tỷ lệ", "doanh thu", "đóng góp"…
_GENERIC_LEAD = re.compile(
    r"^(?:(?:so luong|tong so|con so|so|tong|muc|chi tieu|tinh hinh|ket qua|gia tri|ty le|ti le|ty trong|mat do|doanh thu|loi nhuan|"
    r"kim ngach|san luong|thu hang|(?:trong )?bang xep hang|xep hang|chi so|dong gop(?: vao)?|nop(?: vao)?|ca nuoc|viet nam|hien nay|cac|nhung|mot|khoang|duoc|da|"
    r"bo|tttt|tt|nganh|toan nganh|tinh|thanh pho|dia phuong|xep thu|dung thu|xep|vi tri|dich vu|"
    r"thong tin va truyen thong|thong tin truyen thong|cua|ve|xu ly|giai quyet)\s+)+"
)
# Units after "bao nhiêu" that say nothing of what is counted: "bao nhiêu tiền", "bao nhiêu % kế hoạch".
_GENERIC_UNIT = re.compile(r"^(?:(?:tien|dong|ty|trieu|nghin|ngan|phan tram|%|lan|nam|thang|ngay|gio|usd|do la|vnd)\s+)+")
_HOW_MANY = re.compile(r"\b(?:bao nhieu|may)\b")
_COUNTED = re.compile(_HOW_MANY.pattern + r"\s+(.*)$")
_SHARE_OF_A_WHOLE = re.compile(r"\bchiem\s*$")  # "… chiếm bao nhiêu % tổng mức bán lẻ": the words after are the whole
_A_WHOLE = re.compile(r"tong\b")  # (not "Gtel chiếm bao nhiêu % thị phần", nor "… % GDP", which the figure's unit writes)
# Where what "bao nhiêu" counts ends: a stop, or a comma before the next clause's first word (not "bộ, ngành").
_COUNTED_UNTIL = re.compile(
    r"[;?!]|,(?=\s*(?:muc tieu|ke hoach|chi tieu|so voi|con|va|tang|giam|dat|la|trong)\b)"
    r"|,(?=\s*(?:\w+\s+){1,2}(?:nao|gi|ai|dau)\b)"  # "mấy trạm, DNVT nào": a second question
)
_COUNTED_CLAUSE_END = re.compile(_HOW_MANY.pattern + r"\s*[,;?!.]")
_COUNTED_BODIES = re.compile(r"^(?:bo nganh|bo|nganh|tinh thanh pho|tinh thanh|tinh|thanh pho|dia phuong|xa|huyen)\b")
_NOT_COUNTED = re.compile(
    r"^(?:la|gi|dat|duoc|co|khong|vao|trong|cua|so voi|so|kh|ke hoach|chi tieu|muc tieu|ve|tai|o|cho|tu|den|theo|nhu|"
    r"xuong|len|bao nhieu|hay|va|hoac|tang|giam|(?:diem )?phan tram|diem(?=\s*%)|moi (?:nam|thang|quy)|mot nam|/\s*nam|"
    # "bao nhiêu vậy", "mấy phần trăm đấy", "… ạ", "bao nhiêu thế bạn": a chat's ending, unmarked
    r"vay|nhi|nhe|a|ha|day|the(?=(?: (?:ban|a|nhi|nhe|anh|chi|em))?\s*$))\b"
)


def without_generic_lead(folded: str) -> str:
    """A folded phrase without the words before what it measures that say how, not what ("doanh
    thu", "đóng góp", "tổng số"): "dong gop nsnn" -> "nsnn"."""
    return _GENERIC_LEAD.sub("", " ".join(folded.split()) + " ").strip()


def counted_thing(text: str) -> tuple[str, ...] | None:
    """The first syllables of what "bao nhiêu …" counts, folded ("bao nhiêu doanh nghiệp công nghệ
    số" -> doanh nghiep cong); None when it counts no thing ("bao nhiêu tiền", "bao nhiêu %")."""
    folded = fold(_without_periods(_without_occasion(text)))
    ends = _COUNTED_CLAUSE_END.search(folded)
    if (asked := _HOW_MANY.search(folded)) and (clause_end := _COUNTED_UNTIL.search(folded[asked.end() :])):
        # what is counted ends with its clause: "bao nhiêu % GDP năm 2024, mục tiêu 2025 …" counts no "mục tiêu"
        folded = folded[: asked.end() + clause_end.start()]
    if ends and not _COUNTED.search(" ".join(re.findall(r"[^\W_]+|%", folded[: ends.start()]))):
        return None  # "… là bao nhiêu, năm nào nhiều hơn?": the clause asking how many names nothing after it
    plain = " ".join(re.findall(r"[^\W_]+|%", folded))
    counted = _COUNTED.search(plain)
    if not counted:
        return None
    after = _GENERIC_UNIT.sub("", counted.group(1) + " ")
    if _NOT_COUNTED.match(after):
        return None
    if _SHARE_OF_A_WHOLE.search(plain[: counted.start()]) and _GENERIC_UNIT.match(counted.group(1) + " ") and _A_WHOLE.match(after):
        return None  # "doanh thu TMĐT B2C chiếm bao nhiêu % tổng mức bán lẻ": what the share is of, not what is measured
    body = _COUNTED_BODIES.match(after)
    if body:
        # "bao nhiêu bộ, ngành", "bao nhiêu địa phương": words that elsewhere lead a measure's name
        # ("Bộ TT&TT", "tỉnh …") are, counted, the thing counted ("63/63 địa phương" is no answer
        # to how many ministries).
        return tuple(body.group(0).split())
    specific = _GENERIC_LEAD.sub("", after).strip().split()
    # "bao nhiêu trạm ad", "… trạm vậy ạ": the chat's ending is no part of what is counted
    chat = next((at for at, word in enumerate(specific) if at and word in _CHAT_ENDINGS), len(specific))
    return _up_to_a_preposition(specific[:chat], 3) if specific else None


_CHAT_ENDINGS = _CHAT_WORDS | {"oi"}


# A field named before a colon ("CĐS: tỷ lệ hồ sơ …"): where the question is from, not what it measures.
_LABEL = re.compile(r"^\s*[^\s:?]+(?:\s+[^\s:?]+){0,2}\s*:\s*(?=\S)")


def measured_head(text: str) -> tuple[str, ...]:
    """The first two syllables of what a question counts or measures, folded: the words after
    "bao nhiêu" ("bao nhiêu thuê bao 5G" -> thuê bao), else the first words of what it measures
    after its measure and count words ("Doanh thu dịch vụ viễn thông" -> dịch vụ). A sentence
    that has not these words states another indicator, however close its other words."""
    counted = counted_thing(text)
    if counted is not None:
        return counted
    text = _LABEL.sub("", _without_occasion(text))
    plain = _without_kind_words(_without_periods(_without_places(text)))
    if len(fold(plain)) == len(plain):  # the ministry's own name says nothing of what is measured
        plain = remove_spans(plain, [m.span() for m in _MINISTRY.finditer(fold(plain))])
    phrases = content_words(plain).split(". ")
    words = " | ".join(" ".join(re.findall(r"[^\W_]+", fold(phrase))) for phrase in phrases).split()
    whole_sector = bool(_WHOLE_SECTOR.search(" ".join(words)))
    while True:  # the count and measure words, and phrases made only of them, are skipped
        stripped = _GENERIC_LEAD.sub("", " ".join(words) + " ").split()
        while stripped and (stripped[0] == "|" or stripped[0] in _LOOSE_JOINS):  # "ket qua va ke hoach …"
            stripped = stripped[1:]
        if stripped == words:
            break
        words = stripped
    words = _COUNTRY.sub("", " ".join(words)).split()  # "EGDI của VN": the country is no thing measured
    while words and words[0] in _JOINS_AFTER_A_PLACE:  # "Giá trị Việt Nam trên doanh thu …": what is left
        words = words[1:]
    first = words[: words.index("|")] if "|" in words else words
    while first and first[-1] in _LOOSE_ENDS:  # "so dncns 6t2023 a": "a" is "ạ", typed without its mark
        first = first[:-1]
    head = _up_to_a_preposition(first, 2)
    # "Doanh thu toàn ngành": the whole sector is what is measured, not one of its fields (bưu chính).
    return head or (WHOLE_SECTOR if whole_sector else ())


_COUNTRY = re.compile(r"\b(?:vn|viet nam)\b")
_JOINS_AFTER_A_PLACE = frozenset({"tren", "cua", "tai", "o", "trong", "theo"})
WHOLE_SECTOR = ("nganh",)  # what "doanh thu toàn ngành" measures
_WHOLE_SECTOR = re.compile(r"^(?:\w+ ){0,3}(?:toan )?nganh\b")
_MINISTRY = re.compile(r"\b(?:bo |nganh )?thong tin va truyen thong\b")
# Where the name of what is measured ends: "số DNCNS theo Bộ TT&TT", "kỹ sư ở Việt Nam".
_PREPOSITIONS = frozenset("theo cua tai o trong ve cho voi tu den nam thang quy dang da duoc la dat hien xep".split())


def measured_phrase(question: str, indicator: str) -> tuple[str, ...]:
    """The folded words naming what is measured or counted, without the count and measure words and
    up to where the question says where or how it was counted ("… ghi nhận bao nhiêu vụ tấn công mạng
    gây sự cố vào hệ thống thông tin" -> vụ tấn công mạng gây sự cố)."""
    plain = " ".join(re.findall(r"[^\W_]+|%", fold(_without_periods(_without_occasion(question)))))
    counted = _COUNTED.search(plain)
    after = _GENERIC_UNIT.sub("", counted.group(1) + " ") if counted else ""
    if after.strip() and not _NOT_COUNTED.match(after):
        phrase = _GENERIC_LEAD.sub("", after).split()
    else:
        phrase = without_generic_lead(" ".join(re.findall(r"[^\W_]+", fold(indicator.split(". ")[0])))).split()
    kept: list[str] = []
    for word in phrase:
        if kept and word in _WHERE_OR_HOW:
            break
        kept.append(word)
    return tuple(kept)


# Where a question goes on to say where, of whom or how a thing was counted.
_WHERE_OR_HOW = _PREPOSITIONS | {"vao", "tren", "doi"}
# Folded words that name nothing measured, however few reports write them ("thị phần của Viettel",
# "MobiFone chiếm bao nhiêu % …" over one uploaded table).
NAMING_NOTHING = _WHERE_OR_HOW | _LOOSE_JOINS | {"chiem", "cac", "nhung", "mot"}


def _up_to_a_preposition(words: list[str], most: int) -> tuple[str, ...]:
    kept: list[str] = []
    for word in words[:most]:
        if word in _PREPOSITIONS and kept:
            break
        kept.append(word)
    return tuple(kept)


def _asks_a_colour(text: str, restorer: DiacriticRestorer | None) -> str | None:
    """'colour' for "màu gì", "màu sắc nào"; typed without marks, as the corpus spells the words
    ("mau gi" may be "mẫu gì", which model)."""
    spelled = restorer.restore(text) if restorer is not None and not has_diacritics(text) else text
    return "colour" if _ASKS_COLOUR.search(spelled.lower()) else None


_ASKS_COLOUR = re.compile(r"\bmàu(?: sắc)? (?:gì|nào|như thế nào|ra sao)\b")


def asked_answer_type(folded: str) -> str | None:
    """'time' for "khi nào", "năm nào"…; 'date' for "ngày nào"; 'person' for who holds a post
    ("Ai là giám đốc …"); 'name' for "ai", "ở đâu", "đội nào"…; 'code' for a document's number
    ("Luật … mang số hiệu gì?"); else None."""
    if _ASKS_CODE.search(folded):
        return "code"
    if _ASKS_DATE.search(folded):
        return "date"
    if _ASKS_TIME.search(folded):
        return "time"
    if _ASKS_PERSON.search(folded):
        return "person"
    if _ASKS_PLACE.search(folded):
        return "place"
    if _ASKS_NAME.search(folded):
        return "name"
    return None


# How a question asks for a number itself ("mấy" only with its accent: "may" is also "máy").
_ASKS_NUMBER = re.compile(r"\b(?:bao nhiêu|bao nhieu|mấy|bn)\b", re.IGNORECASE)
_ASKS_PERCENT = re.compile(r"\b(?:bao nhieu|may|bn)\s*(?:phan tram|%)|\bty le phan tram\b")
# "bao nhiêu" and the scales before a unit: "bao nhiêu nghìn tỷ …", "bao nhiêu triệu …"
_HOW_MANY_SCALED = r"\b(?:bao nhieu|may|bn)\s*(?:(?:nghin|ngan|trieu|ty)\s+)*"
_ASKS_MONEY = re.compile(
    _HOW_MANY_SCALED + r"(?:tien|dong|do la|do|usd|vnd|von)\b"  # "đầu tư bao nhiêu vốn"
    r"|\b(?:tri gia|chi phi|kinh phi|von dau tu|so tien|phat tien|muc phat|tien phat)\b[^.?!]{0,60}\bbao nhieu\b"
    r"|\b(?:voi|muc|don|trung) gia (?:la )?bao nhieu\b"  # "trúng đấu giá … với giá bao nhiêu"
)


# A length of time: "trong thời hạn bao nhiêu năm", "kéo dài mấy tháng" (not "bao nhiêu năm 2024").
_ASKS_AGE = re.compile(r"\b(?:bao nhieu|may|bn)\s*tuoi\b")  # "từ bao nhiêu tuổi": an age, not "60 ngày"
_ASKS_DURATION = re.compile(r"\b(?:bao nhieu|may|bn)\s*(?:nam|thang|tuan|ngay|gio|phut|giay)\b(?!\s*(?:19|20)\d\d)")


# A length or an area: "dài bao nhiêu km", "cao bao nhiêu mét", "rộng bao nhiêu ha".
_ASKS_LENGTH = re.compile(r"\b(?:bao nhieu|may|bn)\s*(?:km|m|met|cm|mm|ki lo met)\b(?!\s*(?:2|vuong)\b)")
_ASKS_AREA = re.compile(r"\b(?:bao nhieu|may|bn)\s*(?:km2|km²|m2|ha|hecta|hec ta|(?:km|m|met|ki lo met) vuong)(?!\w)")


def asked_currency(folded: str) -> str | None:
    """The currency a (folded) question asks an amount in ("bao nhiêu triệu USD": "usd", "… nghìn tỷ
    đồng": "dong"), or None when it names none."""
    found = _ASKS_CURRENCY.search(folded)
    return None if found is None else "usd" if found.group(1) in ("usd", "do la", "do") else "dong"


_ASKS_CURRENCY = re.compile(_HOW_MANY_SCALED + r"(usd|do la|do|dong|vnd)\b")


def asked_unit(folded: str) -> str | None:
    """The unit a (folded) question asks its number in: "percent", "money", "duration", "age",
    "length", "area", or None."""
    if _ASKS_PERCENT.search(folded):
        return "percent"
    if _ASKS_MONEY.search(folded):
        return "money"
    if _ASKS_DURATION.search(folded):
        return "duration"
    if _ASKS_AGE.search(folded):
        return "age"
    if _ASKS_LENGTH.search(folded):
        return "length"
    if _ASKS_AREA.search(folded):
        return "area"
    return None


def asks_for_figure(text: str) -> bool:
    """Whether a question asks for a figure: a figure word, matched with its diacritics when the
    question has them; a bare verb (tăng, giảm, đạt) does not count when the question ends by
    asking for something else (nào, đâu, ai, gì, sao)."""
    found = _figure_words(text)
    if found and found <= _FIGURE_VERBS and (_ASKS_OTHER.search(fold(text).strip()) or _ASKS_CODE.search(fold(text))):
        return False  # (nor is "số" of "số hiệu" one: "so hieu kh cds 2024" asks a document's number)
    return bool(found)


def names_a_measure(text: str) -> bool:
    """Whether a question names what a figure measures ("bao nhiêu", "tỷ lệ", "doanh thu"…), not only
    a verb or "số", which is also a word of "kinh tế số", "chuyển đổi số"."""
    return bool(_figure_words(text) - _FIGURE_VERBS)


def _figure_words(text: str) -> set[str]:
    """The figure words a question holds, folded; matched with their diacritics when it has them."""
    accented = has_diacritics(text)
    pattern = _ASKS_FIGURE if accented else _ASKS_FIGURE_FOLDED
    return {fold(match.group(0).lower()) for match in pattern.finditer(text if accented else fold(text))}


def asked_kind(folded: str) -> str | None:
    """Which kind of figure a (folded) question asks for; None when it does not say."""
    if _ASKS_SHARE.search(folded) or _ASKS_BOTH.search(folded):
        return "share"
    if _ASKS_CHANGE.search(folded):
        return "change"
    if _ASKS_RESULT.search(folded):
        return "result"  # "kết quả thực hiện mục tiêu 90% …" asks what was reached
    if _ASKS_TARGET.search(_ACTED_ON.sub(" ", folded)):
        return "target"
    return None


# A plan issued, approved or drawn up is a document counted, not a target asked: "Bao nhiêu tỉnh đã
# ban hành Kế hoạch phát triển hạ tầng số …?" asks how many provinces did; "hoàn thành bao nhiêu chỉ
# tiêu chủ yếu" how many targets were met.
_ACTED_ON = re.compile(
    r"\b(?:ban hanh|phe duyet|xay dung|trinh|de xuat|thong qua|ky)\s+(?:cac |mot |xong |duoc )?(?:ke hoach|chuong trinh|de an|chien luoc)\b"
    r"|\b(?:bao nhieu|may)\s+(?:chi tieu|nhiem vu|muc tieu)(?=" + _QUALIFIED + r")"
)


def period_kinds(folded: str, periods: Sequence[Period]) -> tuple[tuple[Period, str], ...]:
    """Each asked period with the kind of figure asked of it, when they differ: "Tỷ lệ … năm 2023 và
    chỉ tiêu năm 2024" asks 2023's result and 2024's target; "Kế hoạch năm 2024 và kết quả năm 2023"
    the same. A period is asked the kind the words between it and the period before say (a result
    word over a plan word: "kết quả thực hiện kế hoạch năm 2023"), else the kind of the period before,
    the first a result. Empty when all periods are asked the same kind (the question's kind holds)."""
    if len(periods) < 2:
        return ()
    matches = period_matches(folded)
    placed: list[tuple[int, int, Period]] = []
    for period in periods:
        found = next(((start, end) for start, end, part, year in matches if (part, year) == (period.part, period.year)), None)
        if found is None:  # "… và 6 tháng đầu năm đạt bao nhiêu": a part whose year is carried from before
            found = next(
                ((start, end) for start, end, part, year in matches if part == period.part and not year and period.part != "year"),
                None,
            )
        if found is None:
            bare = re.search(rf"\b{period.year}\b", folded) if period.part == "year" else None
            if bare is None:
                return ()
            found = bare.span()
        placed.append((*found, period))
    kinds: list[tuple[Period, str]] = []
    kind = "result"
    after = 0
    ordered = sorted(placed, key=lambda item: item[0])
    for index, (start, end, period) in enumerate(ordered):
        # the words before a period, in its own clause: "… năm 2023 và chỉ tiêu năm 2024"
        words = folded[max([after, *(match.end() for match in _CLAUSE_END.finditer(folded, after, start))]) : start]
        # the rest of the period's own clause: "năm 2024 được giao kế hoạch bao nhiêu và 6 tháng đầu
        # năm đã thực hiện được bao nhiêu" asks the year's plan and the half's result
        next_start = ordered[index + 1][0] if index + 1 < len(ordered) else len(folded)
        clause_end = _CLAUSE_END.search(folded, end, next_start)
        rest = folded[end : clause_end.start() if clause_end else next_start]
        if _RESULT_OF_PERIOD.search(words):
            kind = "result"
        elif _TARGET_OF_PERIOD.search(words):
            kind = "target"
        elif _RESULT_AFTER_PERIOD.search(rest):
            kind = "result"
        elif _TARGET_OF_PERIOD.search(rest):
            kind = "target"
        kinds.append((period, kind))
        after = max(after, end)
    return tuple(kinds) if len({kind for _, kind in kinds}) > 1 else ()


def asked_periods(text: str, latest: Period | None = None, keep_compared: bool = False) -> list[Period]:
    """The periods a question asks about: those it names (not the base it compares a change with,
    "tăng bao nhiêu so với cùng kỳ năm 2022", unless `keep_compared`), and the relative ones read
    against the latest report."""
    folded = fold(text)
    kept = folded if keep_compared else _COMPARED.sub(lambda match: " " * len(match.group(0)), folded)
    # "Tại hội nghị sơ kết 6 tháng đầu năm 2022, Bộ đặt mục tiêu … cả năm 2022": the meeting's name
    # says when it was said; the other period named is the one asked.
    without_event = _EVENT.sub(lambda match: " " * len(match.group(0)), kept)
    if find_periods(without_event, None, carried=True):  # a period with its own year ("6 tháng" alone takes the meeting's)
        kept = without_event
    own = find_periods(kept, latest.year if latest else None, carried=True)
    if own or latest is None:
        return own
    if _LAST_YEAR.search(folded):
        return [Period(latest.year - 1, "year")]
    if _THIS_YEAR.search(folded):
        return [Period(latest.year, "year")]
    if _PREVIOUS_PERIOD.search(folded):
        return [latest.shifted(-1)] if latest.part == "year" else [_previous(latest)]
    return []


def asked_span(folded: str) -> tuple[int, int] | None:
    """The span of years a (folded) question asks as a whole ("tổng … cả giai đoạn 2020 - 2024", "thời
    kỳ 2016-2020"): no one year of it answers."""
    match = _SPAN_ASKED.search(folded)
    return (int(match.group(1)), int(match.group(2))) if match else None


_SPAN_ASKED = re.compile(r"\b(?:giai doan|thoi ky)\s+((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b")


def excluded_words(text: str) -> tuple[str, ...]:
    """The folded words of what a question leaves out of the figure ("số kênh truyền hình (không tính
    phát thanh)": phat, thanh), less those naming what it asks of; a figure that counts them too is
    another figure."""
    folded = fold(text)
    found = _EXCLUDED.search(folded)
    if found is None:
        return ()
    rest = set(words(folded[: found.start()] + " " + folded[found.end() :]))
    return tuple(word for word in words(found.group(1)) if word not in rest)


def _without_excluded(text: str) -> str:
    """The question without what it leaves out of the figure: no word of what is measured."""
    found = _EXCLUDED.search(fold(text))
    return f"{text[: found.start()]} {text[found.end() :]}" if found else text


# "(không tính phát thanh)", "ko kể …", "chưa bao gồm …", "ngoại trừ …": up to a bracket, a comma or a period.
_EXCLUDED = re.compile(
    r"\(?\s*\b(?:(?:khong|ko|chua) (?:tinh|ke|bao gom|gom)|ngoai tru|loai tru)\s+([^(),.;:?!]+?)\s*(?:\)|(?=[,.;:?!]|\s(?:nam|thang|quy) (?:19|20)?\d|$))"
)


def _without_occasion(text: str) -> str:
    """The question without the occasion it opens with ("Tại hội nghị sơ kết 6 tháng đầu năm 2022, …"):
    where a figure was announced is not what it measures."""
    match = _OCCASION.match(fold(text))
    return text[match.end() :] if match and match.end() < len(text) else text


_OCCASION = re.compile(r"^\s*(?:tai|trong)\s+(?:hoi nghi|hoi thao|buoi hop bao|le)\b[^,?]{0,80},\s*")
_EVENT = re.compile(r"\bhoi nghi (?:so ket|tong ket)\b(?: cong tac)?[^,.;:?]{0,30}?(?:19|20)\d\d\b")
# What a question compares with: not the period it asks about.
# ("So với kế hoạch, doanh thu … năm 2023 đạt bao nhiêu %": compared with the plan, the year is the one
# asked; "so với mục tiêu năm 2025": the plan's own year, compared with)
_COMPARED = re.compile(
    r"\b(?:so voi|so cung ky|" + _MORE_OR_LESS + r")\b"
    r"(?! (?:ke hoach|chi tieu|muc tieu|kh)\b(?! (?:(?:den |cua )?nam |giai doan )?(?:19|20)\d\d))"
    r"(?:[^.;:?]{0,40}?(?:19|20)\d\d\b|[^.;:?\d]{0,25})"
)


# "cùng kỳ năm 2023" (folded): the same span of the year named
_SAME_SPAN_OF = re.compile(r"\bcung ky (?:cua )?(?:nam )?((?:19|20)\d\d)\b")


def _previous(period: Period) -> Period:
    """The report period before `period`: the other half, the quarter before, the year before."""
    halves = {"h1": Period(period.year - 1, "h2"), "h2": Period(period.year, "h1")}
    if period.part in halves:
        return halves[period.part]
    if period.part.startswith("q") and period.part[1:].isdigit():
        quarter = int(period.part[1:])
        return Period(period.year, f"q{quarter - 1}") if quarter > 1 else Period(period.year - 1, "q4")
    return period.shifted(-1)


# Where a figure is of, which is no word of what it measures: the whole country ("cả nước") or one
# province's own work ("của sở", "trên địa bàn tỉnh"). A report need not write it to state the figure.
NATIONAL_SCOPE = re.compile(r"\b(?:ca nuoc|toan quoc)\b")
LOCAL_SCOPE = re.compile(
    r"\b(?:toan tinh|tren dia ban(?: tinh| thanh pho)?|cua tinh|tinh ta|so (?:tttt|tt&tt|tt va tt|thong tin va truyen thong)"
    r"|cua so(?= *(?:$|[?.,!;]|nay|ta|minh|nam|6 thang|9 thang|quy)))"
)
# The whole country with the word putting it ("trên cả nước"): what every national report is of.
# ("bình quân cả nước", "mức trung bình của cả nước": the country's figure, compared with)
_NATIONAL_PHRASE = re.compile(r"(?:\b(?:tren|cua) )?(?:\b(?:muc )?(?:binh quan|trung binh)(?: chung)?(?: cua)? )?" + NATIONAL_SCOPE.pattern)
_SCOPE_WORDS = re.compile(_NATIONAL_PHRASE.pattern + "|" + LOCAL_SCOPE.pattern)

# Words that say which kind of figure, or against what, but not what is measured.
_KIND_WORDS = re.compile(
    r"\b(?:(?:dat|de) ra(?: cho| doi voi)?|ket qua|thuc hien|muc tieu|ke hoach|chi tieu|du kien|dinh huong|phan dau|phuong huong|nhiem vu|"
    r"(?:toc do|muc|ty le|ti le) tang truong|tang truong|tang|giam|so voi|so sanh|(?:thay doi|bien dong)(?= (?:the nao|ra sao|nhu the nao|bao nhieu|nhieu|gi))|cung ky|lan luot|(?:(?:moi|chi) )*(?:dat duoc|dat)|ca nam|(?:diem )?phan tram|diem(?=\s*%)|" + _MORE_OR_LESS + r"|nam ngoai|nam truoc|nam nay|"
    # the months summed, or up to now: "LK", "tính chung", "từ đầu năm đến nay"; "hiện" before a verb
    r"luy ke|lk|tinh chung|cong don|(?:tinh )?tu dau nam(?: (?:den|toi) (?:nay|hien nay|thoi diem nay))?|(?:den|toi) (?:nay|thoi diem nay)|"
    r"(?<!phat )(?<!the )(?<!xuat )(?<!bieu )(?<!thuc )hien(?= (?:xep|dung|co|dat|la|dang|duoc|chiem)\b)|"
    r"ky truoc|qua cac nam|(?<!dau )cuoi|(?<!hang )dau(?! (?:sach|tu|moi|so|bao|ra|vao|thu|cuoi|tien|bep|nguon)\b)|hay|hien nay|hien tai|bay gio|moi nhat|gan day(?: nhat)?|gan nhat|duoc giao|(?<=(?:chi tieu|ke hoach) )giao|giao cho|giao(?= (?:chi tieu|ke hoach|muc tieu))|(?<=(?:tang|giam) )(?:them|len|xuong)|kh|uoc dat|uoc tinh|(?<!(?:cong|hiep|dieu) )uoc|bang(?= (?:bao nhieu|may|so voi))|"
    r"chi tinh(?: rieng)?|(?:^|(?<=[.,;:]) )rieng|rieng(?= *(?:$|[?.,;!]|(?:trong |cho )?(?:thang|quy|nam|nua|ky|\d)))|"
    r"(?:tung|moi|ca hai|hai) (?:nam|ky))\b"  # "số liệu hai năm": each period's figure, no word of what is measured
)


# Capitalised words that name no particular place or body.
_COMMON_NAMES = frozenset(
    "viet nam bo so cuc vu nha nuoc chinh phu quoc hoi thu tuong trung uong thong tin truyen thong dang "
    "uy ban nhan dan lien hop quoc the gioi nganh".split()
)


@lru_cache(maxsize=4096)
def named_places(question: str) -> tuple[str, ...]:
    """Names of two or more capitalised syllables in a question ("Ninh Bình", "Đà Nẵng"), but not
    the ones every report names ("Việt Nam", "Bộ Thông tin và Truyền thông"); cached, as the answer
    rules ask it of the same question and titles for every sentence they read."""
    runs = capitalised_runs(re.findall(r"[^\W_]+", question))
    return tuple(
        " ".join(run)
        for run in runs
        if not all(fold(name) in _COMMON_NAMES for name in run) and run[0].lower() not in _BODY_WORDS
    ) + provinces.typed_in_lower_case(question)


# A name opening on one of these is a body's, not a place's: "Cục Viễn thông", "Sở Thông tin …",
# "Tổng công ty …" (as written: folded, "bo" is also "Bồ Đào Nha").
_BODY_WORDS = frozenset({"cục", "bộ", "sở", "vụ", "tổng", "viện", "tập", "công", "ủy", "uỷ"})


def capitalised_runs(words_of: list[str], abbreviations: bool = False) -> list[list[str]]:
    """Runs of two or more capitalised words (not all in capitals, an abbreviation, unless
    `abbreviations`: "Super Bowl XLIX") in a word list: the shape of a place's or a person's name
    ("Đà Nẵng", "Tào Đức Thắng")."""
    return [words_of[start:end] for start, end in run_spans(words_of, abbreviations=abbreviations)]


def run_spans(words_of: list[str], first: int = 0, abbreviations: bool = False) -> list[tuple[int, int]]:
    """Where `capitalised_runs` stand in the word list, from its word `first` on."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for at in range(first, len(words_of) + 1):
        word = words_of[at] if at < len(words_of) else ""
        if word[:1].isupper() and (abbreviations or not word.isupper()):
            start = at if start is None else start
            continue
        if start is not None and at - start >= 2:
            spans.append((start, at))
        start = None
    return spans


def _without_places(text: str) -> str:
    """The text without the place it is asked of ("… của Thanh Hóa", "tại tỉnh Nghệ An", "Nghe An
    xep thu may"): where a figure is of is its scope (`answering.periods` checks it), not what it
    measures. A name not put as a place ("Cổng Dịch vụ công quốc gia tiếp nhận …") stays."""
    spans = [span for _, span in _places_put(text)]
    return remove_spans(text, sorted(spans)) if spans else text


@lru_cache(maxsize=4096)
def asked_places(question: str) -> tuple[str, ...]:
    """The names a question puts as the place it asks of ("của Đà Nẵng", "tại tỉnh Nghệ An"), not
    every capitalised name in it ("Cổng Dịch vụ công quốc gia"); cached like `named_places`."""
    return tuple(dict.fromkeys(name for name, _ in _places_put(question)))


def provinces_asked(question: str) -> tuple[str, ...]:
    """The places a question names by their kind ("tỉnh Thanh Hóa", "tren dia ban tinh Thanh Hoa",
    "TP. Đà Nẵng"): a province or city for sure, not a club ("Los Angeles Clipper là …") nor a
    company ("Vietnam Post có …") that `asked_places` also reads as one before a verb."""
    return tuple(
        name for name in asked_places(question) if re.search(rf"\b{_PLACE_KIND}\s+{re.escape(name)}\b", question, re.IGNORECASE)
    )


def _corpus_names(text: str, glossary: Glossary, restorer: DiacriticRestorer) -> tuple[str, ...]:
    """The question's words the corpus writes only as names — a company's, a brand's ("VNPT có bao
    nhiêu lao động?", "viettel co …") — folded; not an abbreviation the glossary spells out, nor a
    unit asked ("bao nhiêu Tbps")."""
    units = {fold(match.group(1)) for match in _UNIT_AFTER_HOW_MANY.finditer(text)}
    return tuple(name for name in restorer.names_in(text) if glossary.concept_of(name) is None and name not in units)


_UNIT_AFTER_HOW_MANY = re.compile(r"\b(?:bao nhiêu|bao nhieu|mấy|may)\s+(?:tỷ\s+|ty\s+|triệu\s+|trieu\s+)?(\w+)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def asked_bodies(question: str, names: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The one-word name of a company or body a question asks of ("thị phần của VNPT", "doanh thu
    của Viettel"), folded: a sentence that names it nowhere states no figure of it. `names`: the
    question's words the corpus writes only as names (`Query.names`), asked of wherever they stand."""
    # and a brand written with capitals inside it, anywhere past the first word ("Cuối năm 2023 MobiFone có …")
    brands = [match.group(0) for match in _BRAND.finditer(question) if match.start() > 0]
    return tuple(
        dict.fromkeys(
            fold(name)
            for name in [*_BODY_ASKED.findall(question), *brands, *names]
            if fold(name) not in _COMMON_NAMES and fold(name) not in _MINISTRY_LETTERS and not any(name in place.split() for place in named_places(question))
        )
    )


# "của VNPT", "tại Viettel", "của Tập đoàn VNPT": a capitalised word without diacritics after "của"
# or "tại", not the first of a longer name ("của Thanh Hóa").
_BODY_ASKED = re.compile(r"\b(?:của|cua|tại|tai)\s+(?:(?:Tập đoàn|Tổng công ty|Công ty|tap doan|cong ty)\s+)?([A-Z][A-Za-z0-9&]+)\b(?!\s+[A-ZĐ])")
_BRAND = re.compile(r"\b(?=[A-Za-z]*[a-z])(?=(?:[A-Za-z]*[A-Z]){2})[A-Za-z]+\b(?![\w-])")
_MINISTRY_LETTERS = frozenset({"tttt", "tt&tt", "btttt", "tt", "vn", "tp", "ubnd"})


# The kind of place a name is put as: "tỉnh Nghệ An", "tinh Thanh Hoa", "TP. Đà Nẵng"; or its
# department: "Sở TTTT Đà Nẵng", "Sở Thông tin và Truyền thông tỉnh Nghệ An".
_PLACE_KIND = (
    r"(?:(?:sở|so)\s+(?:tttt|tt&tt|tt\s*-\s*tt|thông tin và truyền thông|thong tin va truyen thong)(?:\s+(?:tỉnh|tinh|thành phố|thanh pho|TP\.?))?"
    r"|tỉnh|tinh|thành phố|thanh pho|TP\.?)"
)


def _places_put(text: str) -> list[tuple[str, tuple[int, int]]]:
    typed_lower = provinces.typed_in_lower_case(text)
    return [
        (name, match.span("people") if match.group("people") else match.span())  # "người dân" stays: who is counted
        for name in named_places(text)
        for match in re.finditer(
            rf"\b(?:của|cua|tại|tai|ở|o|trên địa bàn|tren dia ban)\s+(?:{_PLACE_KIND}\s+)?{re.escape(name)}\b"
            # "tỉnh Quảng Ninh", "người dân Quảng Ninh": the place by its kind or its people
            rf"|\b{_PLACE_KIND}\s+{re.escape(name)}\b|\b(?:người dân|nguoi dan)\s+(?P<people>{re.escape(name)})\b"
            # a name before what is said of it: "DTI 2023 Nghe An xep thu may", "Nghệ An có bao nhiêu …",
            # "Nghệ An đặt mục tiêu …", "Thanh Hóa giao chỉ tiêu …", "… Thừa Thiên Huế thực hiện năm 2022"
            rf"|\b{re.escape(name)}(?=\s+(?:xếp|xep|đứng|dung|đạt|đặt|dat|có|co|là|la|được|duoc|phấn đấu|phan dau|hoàn thành|hoan thanh|ghi nhận|ghi nhan|giao|đề ra|de ra|thực hiện|thuc hien|kế hoạch|ke hoach|ước|uoc)\b)"
            # a province typed in lower case is one wherever it stands ("thi phan viettel ha tinh"), a
            # province's name opening the question or before its period ("Lạng Sơn năm 2024: kế hoạch
            # …") — not one naming a product ("vải thiều Bắc Giang tiêu thụ …")
            + (rf"|\b{re.escape(name)}\b" if name in typed_lower else "")
            + (rf"|^\s*{re.escape(name)}\b|\b{re.escape(name)}(?=\s*(?:[:,;?.]|$|\d|(?:năm|nam|quý|quy|tháng|thang)\b))" if provinces.is_province(name) else ""),
            text,
            re.IGNORECASE,
        )
    ]


def _without_kind_words(text: str) -> str:
    """The text without the words saying which kind of figure is asked, nor the whole country as its
    scope: a sentence writing "cả nước" is not more about the indicator than one that does not."""
    folded = fold(text)
    if len(folded) != len(text):
        return text
    spans = [match.span() for pattern in (_KIND_WORDS, _NATIONAL_PHRASE) for match in pattern.finditer(folded)]
    return remove_spans(text, sorted(spans))


def scope_phrases(folded: str) -> list[str]:
    """The phrases of a folded text saying where its figure is of ("ca nuoc", "tren dia ban tinh")."""
    return [match.group(0) for match in _SCOPE_WORDS.finditer(folded)]


def without_scope(folded: str) -> str:
    """A folded phrase without the words saying where its figure is of ("cả nước", "của sở"): a
    report need not write them to hold the figure."""
    return remove_spans(folded, [match.span() for match in _SCOPE_WORDS.finditer(folded)])


def _without_periods(text: str) -> str:
    """The text without the periods it names, and without the "và" or comma joining two of them
    ("doanh thu toan nganh nam 2020 va nam 2022": "va", typed without its accent, is no word of what
    is measured)."""
    spans = period_spans(text)
    joined: list[tuple[int, int]] = []
    for (start, end), following in zip(spans, [*spans[1:], None]):
        accumulated = _ACCUMULATED.search(fold(text[:start]))
        if accumulated:
            start = accumulated.start()  # "lũy kế 9 tháng": how the period is counted, not what
        if following is not None and _JOINING.fullmatch(fold(text[end : following[0]])):
            end = following[0]
        if joined and joined[-1][1] == start:
            start = joined.pop()[0]
        joined.append((start, end))
    return remove_spans(text, joined)


_JOINING = re.compile(r"\s*(?:,|;|-|va|hoac|voi|den|toi|cho den)?\s*")
# How a period is counted, or where it is cut ("lũy kế 9 tháng", "tính đến hết 9T/2022", "hết 6 tháng
# đầu năm 2024", "đến cuối năm 2023"), or the period alone ("riêng quý III"): no word of what is measured.
_ACCUMULATED = re.compile(
    r"(?:\b(?:luy ke|cong don|tinh chung|tinh gop|(?:chi )?rieng(?: trong)?)|(?:\btinh )?\b(?:den|toi)(?: het| cuoi)?|\b(?:het|cuoi))\s+$"
)
