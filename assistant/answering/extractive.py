"""The default answer: the one to three sentences of the reports that answer the question, quoted
exactly, each with its [n] citation. No language model, so no figure can be invented.

A sentence is scored by
- how much of the question it covers: IDF-weighted folded tokens, word bigrams and glossary concepts
  (question words such as "bao nhiêu" set aside; a word found only in its section heading counts half);
- how well it fits what is asked: a figure when one is asked for, the period the question names;
- how close it is in meaning: the cosine of its own embedding (stored at ingest) to the question's.
The answer is then the best sentence; in prose, its neighbour in the same paragraph (the subject of
"Anh ấy …", or the figure after "… như sau:"); the best sentence for each further period the question
names ("năm 2021 và năm 2023"); and a close runner-up from elsewhere.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np

from assistant.answering import periods, rankings
from assistant.answering.periods import PeriodAnswer
from assistant.models import Citation
from assistant.prompts import Prompts
from assistant.provinces import is_province
from assistant.query import (
    NAMING_NOTHING,
    Query,
    asked_answer_type,
    asked_currency,
    capitalised_runs,
    names_a_measure,
    provinces_asked,
    run_spans,
    scope_phrases,
    shorthand_words,
    without_generic_lead,
    without_scope,
)
from assistant.retrieval import Candidate
from vectorstore.diacritics import is_syllable
from vectorstore.figures import (
    DOCUMENT_NUMBER,
    ROMAN_NUMERALS,
    Period,
    answer_figures,
    compared_years,
    find_periods,
    find_years,
    label_sort_key,
    numbers,
    written_figure,
)
from vectorstore.legend import is_legend_line
from vectorstore.lexical import NEAR_SPELLING, LexicalIndex
from vectorstore.records import Chunk
from vectorstore.statements import Statement, as_written, heading_kind, is_table_row
from vectorstore.text import chunk_sentences, fold, has_diacritics, is_code, lead_ins, strip_bullet, words

CONTEXT_WEIGHT = 0.5  # a question word found only in the section heading counts half
MEANING_WEIGHT = 0.3  # weight of the sentence's normalised embedding similarity in its score
SCOPE_WEIGHT = 0.25  # a word of where the figure is of ("cả nước"), against a word of what it measures
OWN_NAME_WORDS = 6  # how far into a sentence the name it is about is looked for
MISSING_FIGURE = 0.7  # factor for a sentence without any number when a figure is asked for
MISSING_NUMBER = 0.3  # … when it asks "bao nhiêu", "mấy" or a unit ("bao nhiêu %") the sentence lacks
MISSING_CODE = 0.5  # factor for a sentence naming none of the codes the question names ("5G", "IPv6", "HTX01")
OTHER_PERIOD = 0.6  # factor for a sentence about another year than the one asked
MISSING_TYPE = 0.6  # factor for a sentence without a time or a name when the question asks "khi nào" or "ai"
RUNNER_UP_MIN = 0.5  # a sentence from elsewhere joins when it scores at least this share of the best
BIGRAM_WEIGHT = 0.5
# A question names a section when it holds at least this share of the words of the section's own
# heading, and the heading path, period and title hold this share of the question's weighted words.
HEADING_SHARE = 0.5
SECTION_COVERAGE = 0.85
SECTION_ITEMS = 5  # the items of a named section quoted, in the report's order
MIN_SENTENCE_CHARS = 12
_LOWER_WORD = re.compile(r"[^\W\d_]+")
# A word typed in capitals, three to eight letters: an abbreviation ("GCI", "EGDI"; not "VN", "I").
_ABBREVIATION = re.compile(r"\b[A-ZĐ]{2,8}(?:-[A-ZĐ]{2,8})*\b")  # "BĐ-VHX" whole
_ROMAN = re.compile(r"[IVXLC]+")
_FIRST_RUN = re.compile(r"[\w\s,&/%.-]*")
# A sentence opening with a pronoun or a back-reference needs the sentence before it.
_REFERS_BACK = re.compile(
    r"^(?:[-+•➤]\s*)?(?:anh ấy|chị ấy|ông ấy|bà ấy|cô ấy|ông|bà|anh|chị|họ|nó|đây|điều này|việc này|"
    r"những|các|sau đó|tuy nhiên|ngoài ra|do đó|vì vậy)\b",
    re.IGNORECASE,
)


@dataclass
class ScoredSentence:
    text: str
    candidate: Candidate
    paragraph: int
    position: int
    score: float
    coverage: float
    fit: float  # how well it fits what is asked: a figure when one is asked, the period named
    meaning: float  # embedding similarity to the question, normalised to [0, 1]
    covered: frozenset[str] = field(default_factory=frozenset)
    years: tuple[int, ...] = ()
    indicator: float = 0.0  # share of the question's indicator words (no periods, no kind words) it covers
    tokens: frozenset[str] = frozenset()  # its folded tokens
    context: frozenset[str] = frozenset()  # the folded tokens of its section, period and report title
    indicator_words: float = 0.0  # the indicator share counting single words only, not their order (no bigrams)
    written: str = ""  # the sentence as its report writes it, when `text` reads it with the report's legend

    @property
    def quote(self) -> str:
        """The sentence as the report writes it: what an answer quotes."""
        return self.written or self.text

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.candidate.chunk.chunk_id, self.paragraph, self.position)


@dataclass(frozen=True)
class Selection:
    """The chosen sentences, in reading order, and the confidence that they answer the question."""

    sentences: list[ScoredSentence]
    confidence: float
    figures: PeriodAnswer | None = None  # what the period rules chose, for a figure of a period
    scored: list[ScoredSentence] = field(default_factory=list)  # every sentence scored, chosen or not
    ranking: rankings.Ranked | None = None  # the rows a ranking table gives, for a name asked of one

    @property
    def declined(self) -> bool:
        """The reports hold the indicator, but not for the period or of the kind asked."""
        if self.ranking is not None:
            return self.ranking.declined
        return self.figures is not None and self.figures.is_decline

    @property
    def lists_held(self) -> bool:
        """A decline that names what the reports do hold (each cited)."""
        if self.ranking is not None:
            return bool(self.ranking.held)
        return bool(self.figures and self.figures.held)


class ExtractiveAnswerer:
    def __init__(
        self,
        prompts: Prompts,
        max_sentences: int = 3,
        dense_floor: float = 0.75,
        dense_ceiling: float = 0.95,
    ) -> None:
        self.prompts = prompts
        self.max_sentences = max_sentences
        self.dense_floor = dense_floor
        self.dense_ceiling = dense_ceiling

    def select(
        self,
        query: Query,
        candidates: list[Candidate],
        index: LexicalIndex,
        query_vector: Sequence[float] | None = None,
    ) -> Selection:
        selection = self._select(query, candidates, index, query_vector)
        ask = rankings.asked(query.text)
        if (
            ask is not None
            and ask.of is not None
            and selection.sentences
            and not selection.declined
            and not any(rankings.names_one_of(ask.of, item.text, index.restorer.names_in) for item in selection.sentences)
        ):
            # "Tỉnh nào có nhiều trạm BTS 5G nhất?" where the reports count stations by region and by
            # operator: a sentence naming no province names no answer
            return Selection([], 0.0, scored=selection.scored)
        return selection

    def _select(
        self,
        query: Query,
        candidates: list[Candidate],
        index: LexicalIndex,
        query_vector: Sequence[float] | None = None,
    ) -> Selection:
        scored = self.score_sentences(query, candidates, index, query_vector)
        if not scored:
            return Selection([], 0.0)
        section = self._asked_section(query, scored, index)
        if section is not None:
            items, coverage = section
            return Selection(items, coverage, scored=scored)
        if query.span and not query.periods:
            # "Tổng số vụ tấn công mạng cả giai đoạn 2020 - 2024": only a sentence or row naming that span
            # answers (a table's "Tổng cộng 2020 - 2024: 52401"), never the last year's figure
            first, last = query.span
            span = re.compile(rf"\b{first}\s*[-–]\s*{last}\b")
            # the span named by the sentence, its paragraph or its heading ("Giai đoạn 2016 - 2020, …" opening
            # the paragraph whose "Tổng doanh thu … cả giai đoạn đạt 496,4 tỷ USD" answers)
            named = {(item.candidate.chunk.chunk_id, item.paragraph) for item in scored if span.search(item.text)}
            spanning = [
                item
                for item in scored
                if (item.candidate.chunk.chunk_id, item.paragraph) in named or span.search(" ".join(item.candidate.chunk.section_path))
            ]
            if not spanning:
                return Selection([], 0.0, scored=scored)
            chosen = self._choose(query, spanning)
            return Selection(chosen, self.confidence(max(chosen, key=lambda item: item.score)), scored=scored)
        figures = periods.plan(query, scored, self._unseen(query, index), index.analyzer.glossary)
        if figures is not None and figures.of_period:
            chosen = self._choose(query, figures.of_period)  # type: ignore[arg-type]
            if all(_of_another_named(query.text, item.text) for item in chosen) or (
                query.asks_number and not any(_answers_the_number(item.text, query) for item in chosen)
            ):
                # "Năm 2019, Vườn quốc gia Cát Tiên đón bao nhiêu lượt khách?" of "Năm 2019, Cúc Phương
                # đón khoảng 90.000 lượt khách": another park's figure of that year; people counted of
                # "Cơn bão năm 2010 làm nước biển dâng cao hơn 2 m": no count of that year
                return Selection([], 0.0, scored=scored)
            return Selection(chosen, self.confidence(max(chosen, key=lambda item: item.score)), scored=scored)
        if figures is not None:
            if figures.declined == "metric":
                return Selection([], 0.0, figures, scored)  # the reports do not give that indicator at all
            if figures.declined:
                shown = [reading.item for _, _, reading in figures.held]
                return Selection(shown, self.confidence(shown[0]), figures, scored)
            chosen = [reading.item for _, reading, _ in figures.lines]
            if (
                _tells_the_opposite(query.text, chosen[0].text, prose=False)
                or _of_another_named(query.text, chosen[0].text)
                or _of_a_sibling(query.text, chosen[0].text)  # (a document of another number among them)
                or _of_another_subject(query.text, chosen[0].text)
                or _of_another_rank(query.text, chosen[:1])
            ):
                # "Năm 2014, MobiFone được sáp nhập …" of "… tách khỏi VNPT"; a figure of "Nghị định
                # 61/2018" asked of "Nghị định 130/2018"; the second peak asked of "Đỉnh Vua … là đỉnh
                # cao nhất"; "Series E" of "Series B"
                return Selection([], 0.0, scored=scored)
            chosen += [r.item for _, r, _ in figures.plans if all(r.item is not item for item in chosen)]
            # Each line is the period rules' choice for its period; the surest of them says how sure
            # the answer is (the first named of two periods may be stated in fewer of the question's words).
            return Selection(chosen, self.confidence(max(chosen, key=lambda item: item.score)), figures, scored)
        if self._unknown_abbreviations(query, index):
            return Selection([], 0.0, scored=scored)  # "GCI" asked, no passage names it: another index is no answer
        if _unwritten_names(query.text, index):
            # "Dewar thí nghiệm oxi lỏng vào năm nào?" where no text names Dewar: the year of Lavoisier's
            # experiments is no answer
            return Selection([], 0.0, scored=scored)
        # a document asked by its number: the sentences naming only other documents are not chosen from
        # ("Quyết định 749/QĐ-TTg do ai ký …" had quoted the sentence of "Quyết định 766/QĐ-TTg", then declined)
        documents = _document_numbers(query.text)
        chosen = self._choose(query, [item for item in scored if not _names_other_documents(documents, item.text)] or scored)
        places = provinces_asked(query.text)
        if places and not any(_names_place(item, places) for item in chosen):
            # "… trên địa bàn tỉnh Thanh Hóa" asked where no sentence, heading or report names it
            # (a province's photo of "Toàn tỉnh hiện có … 38 trạm 5G" is another province's)
            return Selection([], 0.0, scored=scored)
        if _of_another_year(query, chosen):
            # "Chủ đề Ngày Chuyển đổi số quốc gia năm 2022 là gì?" where the article gives "chủ đề
            # Ngày Chuyển đổi số quốc gia năm 2023 là …": the same thing of another year is no answer
            return Selection([], 0.0, scored=scored)
        best = max(chosen, key=lambda item: item.score)
        if periods.of_the_other_network(best, periods.networks(fold(query.text))):
            # "Tốc độ Internet di động năm 2024" asked of "Tốc độ truy cập Internet băng rộng cố định …"
            return Selection([], 0.0, scored=scored)
        paragraph = " ".join(item.text for item in chosen if _same_paragraph(item, best))
        # (the paragraph read with its title and headings: "… trận Super Bowl ở tuổi 39" beside "Super Bowl
        # XXXIII" in the article "Super Bowl 50" is of Super Bowl 50)
        with_headings = "\n".join([paragraph, best.candidate.chunk.title, *best.candidate.chunk.section_path])
        if _of_a_sibling(query.text, best.text) or (not _numbers_a_name(best.text) and _of_a_sibling(query.text, with_headings)):
            # "Vệ tinh VINASAT-2 do hãng nào chế tạo?" asked of "Vệ tinh VINASAT-1 … do hãng Lockheed
            # Martin chế tạo": the numbered sibling's maker
            return Selection([], 0.0, scored=scored)
        if _of_a_sibling_document(query.text, best, paragraph, scored):
            # "Doanh nghiệp vi phạm Luật An ninh mạng có thể bị phạt tiền tối đa bao nhiêu?" answered from the
            # article on the Press Law ("Mức phạt tiền tối đa trong hoạt động báo chí …"): another law's fine
            return Selection([], 0.0, scored=scored)
        if _of_another_named(query.text, best.text):
            # "Năm 2019, Vườn quốc gia Cát Tiên đón bao nhiêu lượt khách?" of "Năm 2019, Cúc Phương đón
            # khoảng 90.000 lượt khách": the sentence opens on another name and names none of the question's
            return Selection([], 0.0, scored=scored)
        if _of_another_subject(query.text, best.text):
            # "Cơ sở dữ liệu quốc gia về đất đai … vận hành từ ngày nào?" asked of "Cơ sở dữ liệu
            # quốc gia về dân cư … vận hành từ ngày 1 tháng 7 năm 2021": another database's day
            return Selection([], 0.0, scored=scored)
        if _of_another_rank(query.text, chosen):
            # "Địa phương thứ hai tắt sóng truyền hình analog là tỉnh nào?" asked of "Đà Nẵng là địa
            # phương đầu tiên tắt sóng …": the sentence names the first, not the second
            return Selection([], 0.0, scored=scored)
        if _tells_the_opposite(query.text, best.text) or _tells_the_opposite(query.text, paragraph) or _superlative_unstated(query.text, best.text) or _of_the_year_before_it(query, best, scored):
            return Selection([], 0.0, scored=scored)
        if _counts_other_parts(query, paragraph):
            return Selection([], 0.0, scored=scored)
        if _its_clause_names_nothing(query, best.text):
            # "Các ô cửa kính màu … do xưởng nào bên Pháp chế tác?" of "Ngói lợp do hãng Guichard Carvin ở
            # Marseille sản xuất; các ô cửa kính màu được đặt làm tại Pháp": the tiles' maker is named
            return Selection([], 0.0, scored=scored)
        holding: list[ScoredSentence] = []
        if query.asks_number:
            holding = [item for item in chosen if _answers_the_number(item.text, query) and not _of_other_years_only(item.text, query)]
            if not holding:
                # "bao nhiêu tiền" asked of prose whose quoted sentences write no amount of money ("khối
                # băng tần C3 (3.700 - 3.800 MHz)"), "bao nhiêu tổ chức" of sentences counting none: no answer
                return Selection([], 0.0, scored=scored)
        elif query.answer_type in ("time", "date", "code", "person", "place", "colour"):
            asked = asked_words(query)
            holding = [item for item in chosen if holds_answer_type(item.text, query.answer_type, asked)]
            if not holding:
                # "… ra mắt vào ngày nào?" asked of sentences naming no date, year or time, "… mang
                # số hiệu gì?" of sentences naming no document's number: the article speaks of the
                # thing, not of that — no answer
                return Selection([], 0.0, scored=scored)
        if holding:
            subject = _rarest_name(query.text, index)
            naming = [item for item in chosen if subject in item.tokens] if subject else []
            # … or one under the thing's own title or heading that names no other ("Tập đoàn Viettel"
            # › "Lãnh đạo": "Người đứng đầu tập đoàn hiện nay là … Phạm Đức Hạnh"), wherever its name is
            telling = [
                item
                for item in holding
                if any(_tells_of(item, named, subject) for named in naming)
                or (subject in item.context and not _names_written(item.text, index) - {subject})
            ]
            if naming and not telling:
                # "Ứng dụng VTVgo … ra mắt năm nào?": the paragraph naming VTVgo gives no time, the
                # sentences giving times are of other paragraphs — they date other things ("Họ cũng
                # … năm 1946" after the sentence naming the club is of its paragraph: it answers);
                # nor does a time told before the thing is named ("… từ giữa thập niên 2000, trước hết
                # tại Campuchia và Lào. Sau đó, Viettel mở rộng sang … Peru (Bitel)…")
                return Selection([], 0.0, scored=scored)
            answer = max(holding, key=lambda item: item.score)
            if naming and answer not in telling and subject in _names_written(query.text, index) and _names_written(answer.text, index) - {subject}:
                # "MobiFone khai trương 5G ngày nào?": the sentence dating the launch names VinaPhone,
                # not MobiFone; of MobiFone's, only the one that tells of it answers ("… khai trương
                # dịch vụ 3G ngày …" is then another generation's, and no answer). A sentence naming
                # no other name may be of the thing asked ("Cổng được khai trương vào ngày …"); and a
                # word of a name of many words ("Liên minh châu Âu") is not a company's.
                answer = max(telling, key=lambda item: item.score)
                if _of_a_sibling(query.text, answer.text):
                    return Selection([], 0.0, scored=scored)
                return Selection([item for item in chosen if item in telling], self.confidence(answer), scored=scored)
            if subject is None and not any(ch.isupper() for ch in query.text):
                subject = _rarest_word(query, index, answer)  # "mobifone" typed in lower case
            if subject and not naming and _never_named_by(answer, subject, scored, index, query.text):
                # "Tổng vốn đầu tư của tuyến cáp ADC …" answered from a passage that never names ADC
                # (a satellite's "tổng vốn đầu tư khoảng 250 triệu USD"): of something else
                return Selection([], 0.0, scored=scored)
            if subject and not naming and not any(subject in item.context for item in holding):
                # Nor does a sentence about another company or cable, by its own name, answer of the
                # one asked, unless it goes on from naming it: "Doanh thu hợp nhất của VNPT năm 2023 …"
                # is not told by "Năm 2023, Viettel đạt doanh thu hợp nhất …"; "… AAG có dung lượng …
                # bao nhiêu" not by "Tuyến APG có dung lượng thiết kế 54 Tbps" after a list of the
                # cables. (A name of many words, "Bưu điện Việt Nam …", may be the one asked in Vietnamese.)
                told = [other for other in scored if _writes(other.tokens, subject) and any(_same_paragraph(other, item) for item in holding)]
                if not any(_tells_of(item, named, subject) for item in holding for named in told) and (
                    ((name := _own_name(answer.text)) and not _same_name(name, query.text)) or _refers_to_another(answer, subject, index)
                ):
                    return Selection([], 0.0, scored=scored)
        return Selection(chosen, self.confidence(best), scored=scored)

    def select_ranking(
        self, query: Query, candidates: list[Candidate], index: LexicalIndex, chunks_of: Callable[[str], list[Chunk]]
    ) -> Selection | None:
        """A name asked of a ranking table (`rankings`): its rows, quoted as written, or the rankings
        of other years held; None when the question asks none, or no table answers it."""
        both_ways = index.analyzer.glossary.with_abbreviations
        ranked = rankings.answer(query, candidates, chunks_of, both_ways, index.restorer.names_in)
        if ranked is None:
            return None
        rows = ranked.rows or [table.rows[0] for table in ranked.held]
        return Selection([_row_item(row) for row in rows], 1.0, ranking=ranked)

    @staticmethod
    def _unknown_abbreviations(query: Query, index: LexicalIndex) -> list[str]:
        """Abbreviations the question types ("GCI", "EGDI") that no indexed text contains and the
        glossary cannot spell out: whatever a passage says, it is not about that."""
        return [
            word
            for word in _ABBREVIATION.findall(query.text)
            if ("-" in word or len(word) >= 3) and not _ROMAN.fullmatch(word) and _never_written(fold(word), index)
        ]

    def _asked_section(
        self, query: Query, scored: list[ScoredSentence], index: LexicalIndex
    ) -> tuple[list[ScoredSentence], float] | None:
        """A question that names a section of a report ("Nhiệm vụ trọng tâm 6 tháng cuối năm 2023
        của lĩnh vực bưu chính", "Khó khăn, vướng mắc … bưu chính"): the section's first items, in
        the report's order, and the share of the question its headings, period and title hold. The
        answer is the list under the heading; no one sentence of it repeats the question's words.
        None when the question asks a figure, a time or a name, or no section of the period it names
        is named."""
        if query.answer_type or names_a_measure(query.text) or _OPENS_WITH_A_COUNT.match(fold(query.text)):
            return None  # "Số DNCNS hiện nay": a count asked, not the section on digital businesses
        weights = question_weights(query, index)
        total = sum(weights.values())
        if not total:
            return None
        analyzer = index.analyzer
        asked = {token for token in analyzer.folded_token_set(query.text) if token.isalpha()}
        named: list[tuple[tuple[float, float, int], Candidate]] = []
        for candidate in dict.fromkeys(item.candidate for item in scored):
            chunk = candidate.chunk
            if not chunk.section_path:
                continue
            if _STATES_A_FIGURE.search(chunk.section_path[-1]):
                continue  # a headline telling a figure ("Kinh tế số chiếm 14,26% GDP …"), not a section's name
            heading = {token for token in analyzer.folded_token_set(chunk.section_path[-1]) if token.isalpha()}
            # "Mục tiêu năm 2025 về ATTT" names the section "NHIỆM VỤ NĂM 2025": the words for a plan are one
            planned = _plan_words(query, chunk.section_path[-1])
            if not heading or len(heading & (asked | planned)) < HEADING_SHARE * len(heading):
                continue  # the question does not name its own heading
            held = find_periods(chunk.period) if chunk.period else []
            if query.periods and held and not any(held[0].answers(period) for period in query.periods):
                continue  # "kết quả … 6 tháng đầu năm" asked, the plans for the second half found
            context = analyzer.folded_token_set(f"{' '.join(chunk.section_path)} {chunk.period} {chunk.title}")
            if planned:
                context |= {token for token in weights if any(part in _PLAN_SYLLABLES for part in token.split("_"))}
            coverage = sum(weight for token, weight in weights.items() if token in context) / total
            if coverage < SECTION_COVERAGE:
                continue
            named.append(((coverage, len(heading & asked) / len(heading), -chunk.position), candidate))
        if not named:
            return None
        (coverage, _, _), chosen = max(named, key=lambda pair: pair[0])
        # The section's first chunk among those retrieved: its items open the list.
        first = min(
            (item.candidate for item in scored
             if item.candidate.chunk.doc_id == chosen.chunk.doc_id and item.candidate.chunk.section_path == chosen.chunk.section_path),
            key=lambda candidate: candidate.chunk.position,
        )
        items = sorted((item for item in scored if item.candidate is first), key=lambda item: (item.paragraph, item.position))
        if not items:
            return None
        return items[:SECTION_ITEMS], coverage

    def _unseen(self, query: Query, index: LexicalIndex) -> list[str]:
        """Common words naming what the question measures (its indicator's first phrase: "kim ngạch
        xuất khẩu gạo") that no indexed report contains. Names and abbreviations ("AAA", "Josh")
        are left aside: a report may write them otherwise."""
        measured = query.indicator.split(". ")[0]
        if not measured or not len(index):
            return []
        # As typed, up to the first mark that is not part of words (markup, a bracket, a question mark).
        typed = _LOWER_WORD.findall(_FIRST_RUN.match(query.text).group(0))
        # Lower case as typed (the question's first word may carry a capital of its own).
        common = {fold(word) for i, word in enumerate(typed) if word == word.lower() or (i == 0 and word[1:] == word[1:].lower())}
        # The words saying how it is measured ("đóng góp", "doanh thu") are not what a report must name.
        # Nor is where the figure is of ("cả nước", "trên địa bàn tỉnh").
        common &= set(words(without_generic_lead(without_scope(fold(measured)))))
        letters = shorthand_words(measured)  # "công nghiệp" is seen where "CN ICT" is written
        return [
            term.token
            for term in index.query_terms(measured)
            if term.token in common
            and len(term.token) > 1
            and term.token not in NAMING_NOTHING
            and not (term.token == "may" and not has_diacritics(query.text))  # "may tram": "mấy trạm" typed plain
            and not (term.token in letters and index.document_frequency(letters[term.token]))
            and _never_written(term.token, index)  # "nsnn" is seen where "ngân sách nhà nước" is written
        ]

    def score_sentences(
        self,
        query: Query,
        candidates: list[Candidate],
        index: LexicalIndex,
        query_vector: Sequence[float] | None = None,
    ) -> list[ScoredSentence]:
        """Every sentence of the candidate chunks, scored, in the candidates' order."""
        if not candidates:
            return []
        weights = question_weights(query, index)
        total = sum(weights.values()) or 1.0
        indicator_weights = question_weights(query, index, query.indicator) if query.indicator else weights
        indicator_total = sum(indicator_weights.values()) or 1.0
        # A sentence may use either name of "Chính phủ điện tử (EGDI)": without the bracket's words,
        # it is judged on the rest of the indicator.
        aside = index.analyzer.folded_token_set(" ".join(query.asides)) & indicator_weights.keys()
        plain_weights = {token: weight for token, weight in indicator_weights.items() if token not in aside}
        plain_total = sum(plain_weights.values()) or 1.0
        # Word by word: "doanh thu bưu chính" names "doanh thu dịch vụ bưu chính" but for one word, and
        # misses the bigrams "thu dịch" and "vụ bưu" as well — the order of a wording, not what it names.
        word_weights = {token: weight for token, weight in indicator_weights.items() if not _is_bigram(token)}
        word_total = sum(word_weights.values()) or 1.0
        measure = periods.asked_measure(query.indicator)
        question = _unit(query_vector) if query_vector is not None else None

        asked_comparisons = set(compared_years(query.text))
        asks_rank = bool(_ASKS_RANK.search(fold(query.text)))  # "đứng thứ mấy": "thứ ba" answers it
        asked = asked_words(query)
        codes = frozenset(token for token in weights if is_code(token) or _NUMBERED_GROUP.fullmatch(token))
        scored: list[ScoredSentence] = []
        for candidate in candidates:
            chunk = candidate.chunk
            context = frozenset(index.analyzer.folded_token_set(f"{chunk.section} {chunk.period} {chunk.title}"))
            # A list item is read with the paragraph introducing it ("… gây ra sự cố. Trong đó:"): its
            # words are the item's own ("of which, phishing: 4.210").
            read = chunk.reading_text  # its report's legend spelled out; quoted as written
            leads = {paragraph: frozenset(index.analyzer.folded_token_set(lead)) for paragraph, lead in lead_ins(read).items()}
            similarities = _similarities(chunk, question)
            written = [sentence for _, _, sentence in chunk_sentences(chunk.text)] if read != chunk.text else []
            said: tuple[int, frozenset[str]] | None = None  # the previous sentence's paragraph and words
            last_names: tuple[int, frozenset[str]] | None = None  # the last names written, and their paragraph
            for number, (paragraph, position, sentence) in enumerate(chunk_sentences(read)):
                if len(sentence) < MIN_SENTENCE_CHARS or paragraph < chunk.heading_lines:
                    continue  # too short to answer, or a heading opening the chunk (its section path says it)
                if chunk.legend and query.about_figures and is_legend_line(sentence):
                    continue  # "Chữ viết tắt: … T11 - tháng 11; 11T - 11 tháng" defines words, it states no figure
                tokens = index.analyzer.folded_token_set(sentence) | leads.get(paragraph, frozenset())
                if said and said[0] == paragraph and _GOES_ON.match(fold(strip_bullet(sentence))):
                    # "… ghi nhận 1.140 cuộc tấn công mạng gây sự cố. Tính chung 9 tháng đầu năm 2024
                    # có 9.560 cuộc, …": the running total is of what the sentence before it named
                    tokens |= said[1]
                names = _names_written(sentence, index)
                if names:
                    last_names = (paragraph, names)
                elif last_names and last_names[0] == paragraph and _NAMED_BEFORE.search(fold(sentence)):
                    # "Năm 2023, VNPT đạt … Số lao động của tập đoàn vào cuối năm 2023 là …": the
                    # group's is VNPT's
                    tokens |= last_names[1]
                said = (paragraph, frozenset(tokens))
                if written:
                    tokens |= index.analyzer.folded_token_set(written[number])  # "TCM" typed finds it too
                covered = frozenset(token for token in weights if token in tokens)
                in_context = sum(w for t, w in weights.items() if t not in covered and t in context)
                coverage = (sum(weights[t] for t in covered) + CONTEXT_WEIGHT * in_context) / total
                # "xếp thứ" names "thứ hạng", "xử lý" (hồ sơ) "giải quyết"
                named = tokens | periods.measure_words(measure, tokens) | periods.alike_wordings(tokens)
                indicator = _coverage(indicator_weights, named, context) / indicator_total
                if aside and plain_weights:
                    indicator = max(indicator, _coverage(plain_weights, named, context) / plain_total)
                indicator_words = _coverage(word_weights, named, context) / word_total
                fit = 1.0
                if query.asks_figure and not answer_figures(sentence) and not (asks_rank and _ranks(sentence)):
                    fit *= MISSING_NUMBER if query.asks_number else MISSING_FIGURE
                elif query.asks_unit and not holds_unit(sentence, query.asks_unit):
                    fit *= MISSING_NUMBER  # "bao nhiêu phần trăm" asked, "3.700 - 3.800 MHz" written
                if codes and not codes & (tokens | context):
                    fit *= MISSING_CODE  # another network, standard or unit than the one asked about
                if query.answer_type and not holds_answer_type(sentence, query.answer_type, asked):
                    fit *= MISSING_TYPE
                # "… tăng 6,7% so với cùng kỳ năm 2022" in a 2023 report is about 2023: a year named only
                # as a comparison base counts when the question itself compares with it.
                named = find_years(sentence)
                compared = set(compared_years(sentence)) - asked_comparisons if named else set()
                own = [year for year in named if year not in compared]
                years = tuple(dict.fromkeys([*own, *([chunk.year] if chunk.year else [])]))
                if query.years and not set(years) & set(query.years):
                    fit *= OTHER_PERIOD
                similarity = similarities[number] if similarities is not None else candidate.dense
                meaning = self._normalise(float(similarity))
                score = coverage * fit + MEANING_WEIGHT * meaning
                scored.append(
                    ScoredSentence(
                        sentence, candidate, paragraph, position, score, coverage, fit, meaning, covered, years, indicator,
                        frozenset(tokens),
                        context,
                        indicator_words,
                        written[number] if written else "",
                    )
                )
        return scored

    def _normalise(self, similarity: float) -> float:
        span = max(self.dense_ceiling - self.dense_floor, 1e-6)
        return min(max((similarity - self.dense_floor) / span, 0.0), 1.0)

    def confidence(self, best: ScoredSentence) -> float:
        """How sure the assistant is that the quoted sentence answers the question, in [0, 1]: what
        it covers of the question, how it fits, how close it is in meaning — its own closeness, not
        the closest sentence's (an article on the topic always holds a sentence close to the
        question; whether the one quoted is, is what tells an answer from a near miss). The factors
        are normalised; coverage's word weights are the corpus's IDF, so reports on other topics move
        it a little (measured by `python -m bench.drift`)."""
        return round(best.coverage * best.fit * best.meaning, 4)

    def _choose(self, query: Query, scored: list[ScoredSentence]) -> list[ScoredSentence]:
        """The answer's sentences in the order they are shown: the best first, except that a sentence
        it refers back to ("Anh ấy …", "Điều này …") comes before it, as in the text."""
        ranked = sorted(scored, key=lambda item: item.score, reverse=True)
        best = ranked[0]
        if not query.years:
            # One sentence restated by the reports of many periods, only its numbers and dates
            # changed: with no period asked, the latest report's.
            restated = [item for item in ranked if _shape(item.text) == _shape(best.text) and item.score >= periods.LATEST_SHARE * best.score]
            best = max(restated, key=lambda item: label_sort_key(item.candidate.chunk.doc_period))
        before: list[ScoredSentence] = []
        after: list[ScoredSentence] = []

        neighbours = [
            item
            for item in scored
            if item.candidate is best.candidate
            and item.paragraph == best.paragraph
            and abs(item.position - best.position) == 1
        ]
        previous = [item for item in neighbours if item.position < best.position]
        if previous and _REFERS_BACK.match(best.text):
            before.append(previous[0])
        elif neighbours:
            after.append(max(neighbours, key=lambda item: item.score))

        def chosen() -> list[ScoredSentence]:
            return [*before, best, *after]

        if len(query.years) > 1:
            for year in query.years:
                if any(year in item.years for item in chosen()) or len(chosen()) >= self.max_sentences:
                    continue
                match = next((item for item in ranked if year in item.years), None)
                if match is not None and match.score >= 0.5 * best.score:
                    after.append(match)

        taken = {item.key for item in chosen()}
        shapes = {_shape(item.text) for item in chosen()}
        from_report = best.indicator > 0 and periods.from_a_report(best)
        for item in ranked:
            if len(chosen()) >= self.max_sentences or item.score < RUNNER_UP_MIN * best.score:
                break
            if item.key in taken or _shape(item.text) in shapes:
                continue  # the chosen sentence itself, or the same sentence of another report
            if query.years and not set(item.years) & set(query.years):
                continue  # never add a sentence about another period than the one asked
            if from_report and item.indicator < periods.INDICATOR_SHARE * best.indicator:
                # in a report, a close sentence about another indicator ("… Luật Xuất bản" after
                # "… DVCTT"); in prose the runner-up often holds the answer's other half, so it stays
                continue
            after.append(item)
            break
        return chosen()

    def compose(self, selection: Selection) -> tuple[str, list[Citation]]:
        """Answer text with [n] markers, and the citations those numbers point to."""
        cite = _Citations()
        if selection.ranking is not None:
            lines = ranking_lines(selection.ranking, cite, self.prompts)
        elif selection.figures is not None:
            lines = figure_lines(selection.figures, cite, self.prompts)
        else:
            lines = [f"{strip_bullet(item.quote).strip()} [{cite(item)}]" for item in selection.sentences]
        return "\n".join(lines), cite.citations()


class _Citations:
    """Numbers each quoted chunk once, in order of first use, collecting the sentences quoted from it."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._quotes: dict[str, list[str]] = {}
        self._chunks: dict[str, Chunk] = {}

    def __call__(self, item: ScoredSentence) -> int:
        chunk = item.candidate.chunk
        n = self._numbers.setdefault(chunk.chunk_id, len(self._numbers) + 1)
        self._chunks[chunk.chunk_id] = chunk
        quotes = self._quotes.setdefault(chunk.chunk_id, [])
        if item.quote not in quotes:
            quotes.append(item.quote)
        return n

    def citations(self) -> list[Citation]:
        return [
            Citation.from_chunk(n, self._chunks[chunk_id], " ".join(self._quotes[chunk_id]))
            for chunk_id, n in self._numbers.items()
        ]


def _never_written(token: str, index: LexicalIndex) -> bool:
    """Whether no indexed text has the token, nor the concept it abbreviates ("nsnn" is written as
    "ngân sách nhà nước")."""
    if index.document_frequency(token):
        return False
    concept = index.analyzer.glossary.concept_of(token)
    return concept is None or not index.document_frequency(concept)


def _unwritten_names(question: str, index: LexicalIndex) -> list[str]:
    """Foreign names the question types ("Dewar", "Anatolia", "Energiprojekt") that no indexed text
    writes, nor any word spelled nearly as they are ("Bronco" is "Broncos", "Sentanta" "Setanta"):
    whatever a passage holding the question's other words says, it is not about that. A capitalised
    Vietnamese syllable ("Ban", "Tong" typed plain) is no foreign name; a title quoted in a foreign
    language ("To the Christian Nobility …") may be written in translation; abbreviations and numerals
    are `_unknown_abbreviations`' and the period rules'."""
    unquoted = _QUOTED.sub(" ", question)
    return [
        name
        for name in dict.fromkeys(_LATIN_NAME.findall(unquoted))
        if not is_syllable(folded := name.lower())
        and not index.document_frequency(folded)
        and index.analyzer.glossary.concept_of(folded) is None  # a word the glossary spells out in Vietnamese
        and not index.writes_nearly(folded)
    ]


def _capitalised_runs(question: str) -> list[list[str]]:
    """Runs of two or more capitalised words past the question's first word, abbreviations in ("Sông Lam
    Nghệ An", "Super Bowl XLIX"), no mark between them (not "Panthers, Broncos"): `_name_runs`' shape."""
    clauses = [_WORD.findall(clause) for clause in _RUN_BREAK.split(question)]
    clauses[0] = clauses[0][1:]  # past the question's first word
    return [run for clause in clauses for run in capitalised_runs(clause, abbreviations=True)]


_RUN_BREAK = re.compile(r"[^\w\s'’-]")  # a mark ends a name: a comma, a bracket, a quote, "+", "/"
_LATIN_NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")
_QUOTED = re.compile(r"[\"“„«][^\"“”„«»]*[\"”»]")


def _shape(sentence: str) -> str:
    """A sentence without its numbers: the same for one sentence restated period after period."""
    return re.sub(r"\d+", "#", strip_bullet(sentence).strip())


# The words a question asks for a plan by ("mục tiêu", "kế hoạch"): any one names a plan's section
# ("NHIỆM VỤ NĂM 2025", "PHƯƠNG HƯỚNG …").
_PLAN_SYLLABLES = frozenset(" ".join(("nhiem vu", "muc tieu", "ke hoach", "phuong huong", "dinh huong", "chi tieu")).split())


def _plan_words(query: Query, heading: str) -> frozenset[str]:
    """The plan words, when the question asks for a plan and the heading is a plan's (as the figures
    under it are read: "Kết quả thực hiện nhiệm vụ …" is results); empty otherwise."""
    return _PLAN_SYLLABLES if query.asks_target and heading_kind(heading) == "target" else frozenset()


# A figure that is no year, date or heading number: a share, a decimal, thousands.
_STATES_A_FIGURE = re.compile(r"\d\s*%|\d,\d|\d\.\d{3}\b")


def _row_item(row: rankings.Row) -> ScoredSentence:
    """A ranking table's row as a quoted sentence: chosen by rule, not scored."""
    return ScoredSentence(row.line, Candidate(row.chunk, 1.0), 0, 0, 1.0, 1.0, 1.0, 1.0, written=row.line)


def ranking_lines(ranked: rankings.Ranked, cite: _Citations, prompts: Prompts) -> list[str]:
    """The text of an answer read from a ranking table, in the words of `prompts/rankings.toml`."""

    if ranked.declined:
        years = ", ".join(str(year) for year in ranked.missing)
        lines = [prompts.message("rankings", "declined", years=years)]
        return lines + [prompts.message("rankings", "held", table=table.name, n=cite(_row_item(table.rows[0]))) for table in ranked.held]
    table = ranked.table
    lines = []
    for row in ranked.rows:
        values = {"label": row.label, "table": table.name, "row": row.line, "n": cite(_row_item(row))}
        if ranked.header is not None and ranked.ask.kind in ("top", "bottom"):
            key = "highest" if ranked.ask.kind == "top" else "lowest"
            lines.append(prompts.message("rankings", key, header=ranked.header, **values))
        elif ranked.ask.kind in ("top", "bottom"):
            lines.append(prompts.message("rankings", ranked.ask.kind, **values))
        elif ranked.header is not None:
            lines.append(prompts.message("rankings", "at_by", rank=ranked.ranks[id(row)], header=ranked.header, **values))
        else:
            rank = row.cells.get(table.rank_header or "", "")
            lines.append(prompts.message("rankings", "at", rank=rank, **values))
    return lines


def figure_lines(figures: PeriodAnswer, cite: _Citations, prompts: Prompts) -> list[str]:
    """The text of a figure-of-a-period answer (or decline), in the words of `prompts/figures.toml`."""

    def message(key: str, **values: object) -> str:
        return prompts.message("figures", key, **values)

    def quoted(reading: periods.Reading) -> str:
        return strip_bullet(reading.item.quote).strip()  # type: ignore[attr-defined]

    def stated(reading: periods.Reading, statement: Statement) -> str:
        # a share of the plan listed or named as a period's figure says it is one: "đạt 90,66% kế
        # hoạch" is not the rate itself, however the indicator is worded
        figure = _figure(reading, statement)
        return message("share_figure", figure=figure) if statement.kind == "share" else figure

    lines: list[str] = []
    if figures.declined is not None:
        held = figures.held
        if figures.declined == "kind" and figures.missing and figures.against and figures.kind == "change":
            asked = ", ".join(period.label for period in figures.missing)
            base = ", ".join(period.label for period in figures.against)
            lines.append(message("declined_change_from", asked=asked, base=base))
        elif figures.declined == "kind" and figures.missing:
            asked = ", ".join(period.label for period in figures.missing)
            lines.append(message(f"declined_{figures.kind}_of", asked=asked))
        elif figures.declined == "kind":
            lines.append(message(f"declined_{figures.kind}"))
        else:
            asked = ", ".join(period.label for period in figures.missing)
            # nothing held to list: no "Các báo cáo chỉ có:" followed by nothing
            lines.append(message("declined_period" if held else "declined_period_alone", asked=asked))
        listed: list[periods.Reading] = []
        for period, statement, reading in held:
            label = period.label if period else message("no_period")
            if statement is not None and statement.kind == "target" and figures.declined != "kind":
                # a plan listed where the period asked is missing is said to be one, never taken for a
                # result (a decline of the kind asked says so in its first line)
                label = message("kind_target", label=label)
            n = cite(reading.item)  # type: ignore[arg-type]
            if statement is not None and any(reading is earlier for earlier in listed):
                # a table row holding several periods: quoted once, each period's figure named
                lines.append(message("held_again", label=label, figure=stated(reading, statement), n=n))
            elif statement is not None and _names_the_figure(reading, statement):
                lines.append(message("held_figure", label=label, figure=stated(reading, statement), sentence=quoted(reading), n=n))
            else:
                lines.append(message("held", label=label, sentence=quoted(reading), n=n))
            listed.append(reading)
        return lines
    def own_period(period: Period | None, reading: periods.Reading, statement: Statement | None) -> Period | None:
        return statement.period if statement is not None and statement.period is not None else reading.period or period

    # "năm 2023" asked, only its first half held: said first, not left to the quote (a count "tính
    # đến tháng 12/2019" is the year's) — once for all the periods asked so, when two are compared.
    parts: dict[Period, Period] = {}
    for period, reading, statement in figures.lines:
        own = own_period(period, reading, statement)
        if period is not None and own is not None and period.part == "year" and own.part not in ("year", "m12"):
            parts.setdefault(period, own)
    if parts:
        lines.append(
            message(
                "part_only",
                asked=_listed([period.label for period in parts]),
                label=_listed([own.label for own in parts.values()]),
            )
        )
    def of_kind(period: Period | None, label: str) -> str:
        """A period's label, with the kind asked of it when the question asks periods differently."""
        kind = figures.kinds.get(period) if period is not None else None
        return message(f"kind_{kind}", label=label) if kind else label

    def heading(period: Period | None, own: Period) -> str:
        label = of_kind(period, own.label)
        return label[:1].upper() + label[1:] if figures.kinds else label

    shown: dict[Period | None, periods.Reading] = {}
    quoted_already: list[periods.Reading] = []
    for period, reading, statement in figures.lines:
        n = cite(reading.item)  # type: ignore[arg-type]
        sentence = quoted(reading)
        if period is not None and period in shown:
            # Another report's different figure for a period already answered: the country's beside
            # a province's (or the reverse) says so, rather than "another report"
            local = periods.of_a_province(reading.item.candidate.chunk)  # type: ignore[attr-defined]
            scope_changed = local != periods.of_a_province(shown[period].item.candidate.chunk)  # type: ignore[attr-defined]
            key = ("beside_local" if local else "beside_national") if scope_changed else "disagreeing"
            lines.append(message(key, label=period.label, sentence=sentence, n=n))
            continue
        shown[period] = reading
        own = own_period(period, reading, statement)
        if statement is not None and any(reading is earlier for earlier in quoted_already):
            # The sentence quoted for the period before states this period's figure too: not quoted twice.
            lines.append(message("figure_again", label=heading(period, own or period), figure=stated(reading, statement), n=n))  # type: ignore[arg-type]
            continue
        quoted_already.append(reading)
        planned_and_reached = _plan_and_result(reading, statement)
        levels = _levels_of_change(reading, statement)
        if statement is not None and levels is not None:
            # A change, from a row holding the period's figure and the base's: all three said.
            (result_label, result), (base_label, base) = levels
            lines.append(
                message("change_line", label=heading(period, own or period), figure=_figure(reading, statement),  # type: ignore[arg-type]
                        result_label=result_label, result=result, base_label=base_label, base=base, sentence=sentence, n=n)
            )
        elif statement is not None and planned_and_reached is not None:
            # A share of the plan, from a row holding the plan and the result too: all three said.
            plan, result = planned_and_reached
            label = heading(period, own or period)  # type: ignore[arg-type]
            lines.append(message("share_line", label=label, figure=_figure(reading, statement), plan=plan, result=result, sentence=sentence, n=n))
        elif statement is not None and _names_the_figure(reading, statement):
            # The quote alone does not say which of its figures is that period's: say it.
            key = "base_line" if statement.kind == "base" else "figure_line"
            lines.append(message(key, label=heading(period, own or period), figure=stated(reading, statement), sentence=sentence, n=n))  # type: ignore[arg-type]
        elif own is None or (fold(own.label) in fold(sentence) and not figures.kinds):
            lines.append(f"{sentence} [{n}]")
        else:
            # Labelled with the figure's own period: "năm 2021" asked, "6 tháng đầu năm 2021" held.
            lines.append(message("line", label=heading(period, own), sentence=sentence, n=n))
    if figures.missing:
        lines.append(message("missing", periods=", ".join(of_kind(period, period.label) for period in figures.missing)))
    if figures.versus_plan:
        lines += _plan_lines(figures, cite, message)
    if figures.compared:
        items = [
            message("other", label=period.label, figure=stated(reading, statement), n=cite(reading.item))  # type: ignore[arg-type]
            for period, statement, reading in figures.compared
        ]
        lines.append(message("compared", items="; ".join(items)))
    if figures.others:
        items = [
            message("other", label=period.label, figure=stated(reading, statement), n=cite(reading.item))  # type: ignore[arg-type]
            for period, statement, reading in figures.others
        ]
        lines.append(message("others", items="; ".join(items)))
    return lines


def _figure(reading: periods.Reading, statement: Statement) -> str:
    """A figure as its report writes it: its unit as in the quote when the sentence was read with the
    report's legend spelled out ("3.306 SCAT", not "3.306 sự cố an")."""
    quote = reading.item.quote  # type: ignore[attr-defined]
    return as_written(statement, quote).figure if quote != reading.item.text else statement.figure  # type: ignore[attr-defined]


def _plan_and_result(reading: periods.Reading, statement: Statement | None) -> tuple[str, str] | None:
    """The plan and the result a share of the plan is of, when its sentence states both for its
    period ("KH 2023: 78; TH 2023: 76,9; TH/KH (%): 98,6"), as figures with their unit."""
    if statement is None or statement.kind != "share":
        return None
    of_period = [s for s in reading.statements if s.period == statement.period]
    plan = next((_figure(reading, s) for s in of_period if s.kind == "target"), None)
    result = next((_figure(reading, s) for s in of_period if s.kind == "result"), None)
    return (plan, result) if plan and result else None


def _levels_of_change(reading: periods.Reading, statement: Statement | None) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """The period's figure and the base's a change of a table row is measured from, as (label, figure)
    each, when the row states both ("Quý I/2025: 2.430; Quý I/2024: 2.710; So cùng kỳ (%): 89,7"): a
    bare "89,7%" does not say what it compares."""
    if statement is None or statement.kind != "change" or statement.period is None or not is_table_row(reading.item.text):  # type: ignore[attr-defined]
        return None
    own = next((s for s in reading.statements if s.period == statement.period and s.kind == "result"), None)
    bases = periods.change_bases(reading, statement)
    base = next((s for s in reading.statements if s.period in bases and s.kind in ("result", "base")), None)
    if own is None or base is None or base.period is None:
        return None
    return (statement.period.label, _figure(reading, own)), (base.period.label, _figure(reading, base))


def _listed(labels: list[str]) -> str:
    """"năm 2021", "năm 2021 và năm 2023", "năm 2021, năm 2022 và năm 2023"."""
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} và {labels[-1]}"


def _plan_lines(figures: PeriodAnswer, cite: _Citations, message: Callable[..., str]) -> list[str]:
    """The plans what was reached is measured against, or a plain word that the reports hold no plan
    for it."""
    if not figures.plans:
        return [message("no_plan")]
    quoted = {id(reading.item) for _, reading, _ in figures.lines}
    lines: list[str] = []
    for period, reading, statement in figures.plans:
        n = cite(reading.item)  # type: ignore[arg-type]
        sentence = strip_bullet(reading.item.quote).strip()  # type: ignore[attr-defined]
        if id(reading.item) in quoted:
            key, values = "plan_figure", {"figure": _figure(reading, statement)}
        elif reading.points_at(statement) or len(reading.statements) > 1:
            key, values = "plan_in_sentence", {"figure": _figure(reading, statement), "sentence": sentence}
        else:
            key, values = "plan_line", {"sentence": sentence}
        line = message(key, label=period.label if period is not None else "", n=n, **values)
        # a plan of no period has no label: only the space before its colon goes, the quote stays as written
        lines.append(line if period is not None else line.replace(" :", ":", 1))
    return lines


# A group named by its number, as a word pair of the index: "nhóm IV", "đợt 2", "giai đoạn II" — a
# figure of the whole (all four groups) is none of one group's.
_NUMBERED_GROUP = re.compile(r"(?:nhom|dot|vung|khu|loai|hang|giai)_(?:i{1,3}|iv|v|vi{1,3}|ix|x|[1-9])")
# A day's date, what "ngày nào" asks: "ngày 5 tháng 4", "ngày mùng 1 tháng bảy", "05/4/2016".
# (days of a lunar month spelled: "ngày 14 đến 16 tháng Hai", "mùng 6 tháng Giêng")
_DAY_DATE = re.compile(
    r"\bngay (?:mung )?\d{1,2}(?: thang \d{1,2}|/\d{1,2})|\b\d{1,2}/\d{1,2}/\d{4}\b"
    r"|\b(?:ngay|mung) (?:mung )?\d{1,2}(?: (?:den|toi|va|-) (?:ngay )?(?:mung )?\d{1,2})? thang [a-z]"
)
# Words of a body's name, not a person's ("Tổng công ty", "Trung tâm", "Vietnam Post Corporation").
_BODY_WORDS = frozenset(
    "tong cong ty tap doan bo so cuc vu trung tam vien dai bao viet nam quoc hoi chinh phu ngan hang hoc truong "
    "ban uy hiep doi lien corporation group company post telecom university centre center agency institute ministry "
    "department office council association national bank foundation authority committee organization organisation".split()
)
# The commonest Vietnamese family names, as written: a run of capitals opening with one is a person's name.
_FAMILY_NAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Trương Lương Mai Cao Lâm Tô Tạ Hà Chu Thái Kiều Triệu".split()
)
# A question opening with "số …" asks a count ("số" inside, "kinh tế số", is no figure word).
_OPENS_WITH_A_COUNT = re.compile(r"\W*(?:tong )?so (?!lieu\b)\w")
# Time words that answer "khi nào" without a number: "thế kỷ", "thập niên", "sau khi …".
_TIME_WORDS = re.compile(r"\b(?:the ky|thap nien|thap ky|sau khi|truoc khi|khi|luc|trieu dai|thoi ky|mua (?:xuan|he|thu|dong))\b")
_WORD = re.compile(r"(?<![\w])\w[\w'’-]*")


_PERCENT_WRITTEN = re.compile(r"%|\bphần trăm\b|\bphan tram\b", re.IGNORECASE)
_DURATION_WRITTEN = re.compile(
    r"(?<!\bngày )(?<!\btháng )(?<!\bngay )(?<!\bthang )(?<![\d.,/])\d+(?:,\d+)?\s+(?:năm|tháng|tuần|ngày|giờ|phút|giây|nam|thang|tuan|ngay|gio|phut|giay)\b(?!\s*(?:19|20)\d\d)",
    re.IGNORECASE,
)
_AGE_WRITTEN = re.compile(r"\d+\s+(?:tuổi|tuoi)\b|\b(?:tuổi|tuoi)\s+\d", re.IGNORECASE)
_LENGTH_WRITTEN = re.compile(r"\d\s*(?:(?:nghìn|ngàn|triệu|tỷ|nghin|ngan|trieu|ty)\s+)?(?:km|m|mét|met|cm|mm|ki-lô-mét|kilômét)(?!\w)(?!\s*(?:2|²|vuông|vuong)\b)", re.IGNORECASE)
_AREA_WRITTEN = re.compile(r"\d\s*(?:(?:nghìn|ngàn|triệu|nghin|ngan|trieu)\s+)?(?:km2|km²|m2|m²|ha|hécta|héc-ta|hecta|(?:km|m|mét|met|ki-lô-mét) vuông)(?!\w)", re.IGNORECASE)
_MONEY_WRITTEN = re.compile(r"\$|€|£|\b(?:đồng|USD|đô la|đô|euro|EUR|bảng|yên|nhân dân tệ|tỷ|tỉ|triệu)\b", re.IGNORECASE)


def _answers_the_number(sentence: str, query: Query) -> bool:
    """Whether a sentence writes a number that can answer "bao nhiêu": in the unit asked, if one is,
    in the currency asked ("bao nhiêu triệu USD" is not answered by "1.150 tỷ đồng")."""
    if _ASKS_RANK.search(fold(query.text)) and _ranks(sentence):
        return True  # "đứng thứ mấy": "thứ ba theo lượng hành khách quốc tế"
    if not answer_figures(sentence):
        return False
    if (currency := asked_currency(fold(query.text))) and not _CURRENCIES[currency].search(fold(sentence)):
        return False
    if query.asks_unit:
        return holds_unit(sentence, query.asks_unit)
    if periods.MONEY_MEASURES.search(fold(query.indicator)) and not holds_unit(sentence, "money") and not is_table_row(sentence):
        return False  # "… đạt doanh thu bao nhiêu?" of "Năm 2022, làng đón khoảng 500.000 lượt khách": no sum of money
    counted = query.counts
    # things counted ("bao nhiêu người thiệt mạng") are no measure: a sentence whose every figure is a
    # length, an area, a share, a sum of money or a span of time ("nước dâng cao hơn 3 m") counts none
    return not counted or counted[0] in _MEASURE_WORDS or bool(answer_figures(_MEASURES.sub(" ", sentence)))


# A figure with the unit of a measure after it: a length, an area, a weight, a share, a temperature,
# a speed, a sum of money, a span of time.
_MEASURES = re.compile(
    r"\d[\d.,]*\s*(?:(?:nghìn|ngàn|triệu|tỷ|tỉ)\s+)?"
    r"(?:%|km/h|km2|km²|m2|m²|m3|m³|km|m|cm|mm|mét|ha|hécta|kg|tấn|°C|độ C|độ|MW|kW|GW|MHz|GHz|Mbps|Gbps|Tbps|"
    r"đồng|USD|đô la|euro|EUR|năm|tháng|tuần|ngày|giờ|phút|giây)(?!\w)",
    re.IGNORECASE,
)
# What "bao nhiêu" may count that is itself a measure's unit (folded): "bao nhiêu tấn", "bao nhiêu độ".
_MEASURE_WORDS = frozenset({"km", "m", "cm", "mm", "met", "ha", "kg", "tan", "do", "mw", "kw", "gw", "mhz", "ghz", "mbps", "gbps", "tbps", "km2", "m2", "m3", "usd", "euro", "dong", "nam", "thang", "tuan", "ngay", "gio", "phut", "giay", "%", "ty", "trieu", "nghin", "ngan"})
_CURRENCIES = {"usd": re.compile(r"\b(?:usd|do la|\$)"), "dong": re.compile(r"\d[\d.,]*\s*(?:(?:nghin|ngan|trieu|ty)\s+)*(?:dong|d|vnd)\b")}


def _of_other_years_only(sentence: str, query: Query) -> bool:
    """Whether a sentence counts only in years the question does not name ("Cơn bão năm 2012 làm 12
    người thiệt mạng" for the storm of 2010); a year it compares with is not its own."""
    asked = set(find_years(query.text))
    own = set(find_years(sentence)) - set(compared_years(sentence))
    return bool(asked and own) and not asked & own


def holds_unit(sentence: str, unit: str) -> bool:
    """Whether a sentence writes a figure in the unit asked: a percentage, an amount of money, a length
    of time ("15 năm"; not a date's "ngày 20 tháng 12 năm 2024"), an age ("từ đủ 7 tuổi")."""
    written = {
        "percent": _PERCENT_WRITTEN,
        "money": _MONEY_WRITTEN,
        "duration": _DURATION_WRITTEN,
        "age": _AGE_WRITTEN,
        "length": _LENGTH_WRITTEN,
        "area": _AREA_WRITTEN,
    }[unit]
    return bool(written.search(sentence))


_OF_A_YEAR = re.compile(r"((?:\w+ ){3})nam ((?:19|20)\d\d)\b")


def _of_another_year(query: Query, chosen: list[ScoredSentence]) -> bool:
    """Whether the question names a thing of a year ("… quốc gia năm 2022") that the sentences
    name only with other years ("… quốc gia năm 2023"), never with that one."""
    asked = _OF_A_YEAR.search(fold(query.text))
    if asked is None:
        return False
    phrase, year = asked.group(1), asked.group(2)
    written = [match.group(1) for item in chosen for match in re.finditer(rf"\b{re.escape(phrase)}nam ((?:19|20)\d\d)\b", fold(item.text))]
    return bool(written) and year not in written


def _of_another_subject(question: str, sentence: str) -> bool:
    """Whether the sentence writes the question's "… về X" only of something else: "cơ sở dữ liệu
    quốc gia về dân cư" for "cơ sở dữ liệu quốc gia về đất đai"."""
    folded = fold(sentence)
    for match in _ABOUT.finditer(fold(question)):
        head, subject = match.group(1), match.group(2)
        written = re.findall(rf"\b{re.escape(head)}ve (\w+)", folded)
        if written and subject not in written and subject not in words(folded):
            return True  # ("… về quyền con người" is told by "… về Nhân quyền": "quyền" is written)
    return False


# "<two to four words> về <what>": a thing named by what it is about
_ABOUT = re.compile(r"\b((?:\w+ ){2,4})ve (\w+)")


def _of_a_sibling(question: str, sentence: str) -> bool:
    """Whether a sentence names, of a numbered name the question asks of ("VINASAT-2", "AAE-1"), only
    another number of it ("VINASAT-1")."""
    for stem, number in _NUMBERED_NAME.findall(question):
        written = {int(found) for found in re.findall(rf"\b{re.escape(stem)}\s*-?\s*(\d+)\b", sentence, re.IGNORECASE)}
        if written and int(number) not in written:
            return True
    # a numbered stage or group: "giai đoạn 2" asked, only "giai đoạn 4" written
    for kind, number in _NUMBERED_GROUP_WRITTEN.findall(fold(question)):
        written = {_group_number(found) for found in re.findall(rf"\b{kind}\s+(\d{{1,2}}|[ivx]{{1,4}})\b", fold(sentence))}
        if written and _group_number(number) not in written:
            return True
    # a name numbered after a space: "Super Bowl XLIX" asked, only "Super Bowl XXXIII" written;
    # "Series E" asked, only "Series B"
    for stem, number in _spaced_numbered_names(question):
        pattern = rf"\b(?i:{re.escape(stem)})\s*-?\s*({_NAME_NUMBER})\b(?![.,]\d)"
        written = {_name_number(found) for found in re.findall(pattern, sentence)}
        if written and _name_number(number) not in written:
            return True
    # a document by its number: "Quyết định 749/QĐ-TTg" asked, only "Quyết định 766/QĐ-TTg" written
    if _of_another_document(question, sentence):
        return True
    # a generation of mobile networks: "5G" asked, only "3G" written
    asked, written_ = (set(_GENERATION.findall(text)) for text in (question, sentence))
    return bool(asked and written_ and not asked & written_)


def _of_a_sibling_document(question: str, answer: ScoredSentence, paragraph: str, scored: Sequence[ScoredSentence]) -> bool:
    """Whether the question names, by its title, a document retrieved beside the answer's — a sibling of
    the answer's own, its title opening on the same word ("Luật An ninh mạng 2018" and "Luật Báo chí
    2016") — while the answer's document is not named and its paragraph never writes that title: what
    the answer tells is of the other law."""
    asked = " ".join(words(fold(question)))
    own = _title_words(answer.candidate.chunk.title)
    if len(own) < 2 or _names_phrase(asked, own):
        return False
    titles = {item.candidate.chunk.doc_id: item.candidate.chunk.title for item in scored}
    told = " ".join(words(fold(paragraph)))
    for doc_id, title in titles.items():
        other = _title_words(title)
        if doc_id != answer.candidate.chunk.doc_id and len(other) >= 2 and other[0] == own[0] and other != own:
            if _names_phrase(asked, other) and not _names_phrase(told, other):
                return True
    return False


def _title_words(title: str) -> list[str]:
    """A title's folded words up to a bracket, a dash or a colon, without years: "Luật An ninh mạng
    2018" -> luat an ninh mang."""
    head = re.split(r"\s[–|-]\s|[(:]", title)[0]
    return [word for word in words(fold(head)) if not re.fullmatch(r"(?:19|20)\d\d", word)]


def _names_phrase(text: str, phrase: list[str]) -> bool:
    return re.search(rf"\b{re.escape(' '.join(phrase))}\b", text) is not None


def _of_another_document(question: str, sentence: str) -> bool:
    """Whether a sentence names, of the legal documents the question names by number ("Nghị định
    130/2018", "749/QĐ-TTg"), only others ("Nghị định 61/2018/NĐ-CP và Nghị định 45/2020/NĐ-CP"): what
    it tells is of them. Numbers compared with their year when both write one."""
    return _names_other_documents(_document_numbers(question), sentence)


def _names_other_documents(asked: set[tuple[int, int | None]], sentence: str) -> bool:
    """`_of_another_document` with the question's documents read once: a sentence is read only when
    the question names one (the sentence choice asks this of every sentence scored)."""
    if not asked:
        return False
    written = _document_numbers(sentence)
    return bool(written) and not any(
        number == other and (year is None or other_year is None or year == other_year) for number, year in asked for other, other_year in written
    )


def _document_numbers(text: str) -> set[tuple[int, int | None]]:
    """A text's documents' numbers, with their year when written: "13/2023/NĐ-CP" -> (13, 2023),
    "749/QĐ-TTg" -> (749, None), "Nghị định 130/2018" -> (130, 2018); a date ("3/6/2020", "6/2020") is none."""
    folded = fold(text)
    found = {(int(number), int(year) if year else None) for number, year in _DOCUMENT_NUMBER.findall(folded)}
    found |= {(int(number), int(year)) for number, year in _NAMED_DOCUMENT_NUMBER.findall(folded)}
    return found


# "13/2023/nd-cp", "749/qd-ttg", "42/2022/nđ-cp" (folded): a number, its year maybe, the issuer's letters
_DOCUMENT_NUMBER = re.compile(r"(?<![\d/])(\d{1,4})/(?:(\d{4})/)?(?:qd|nd|tt|nq|ct|qh|ubnd|btttt|ttg|l)\b")
# "nghị định 130/2018", "luật số 24/2018" (folded): a number and its year after the document's kind
_NAMED_DOCUMENT_NUMBER = re.compile(r"\b(?:nghi dinh|quyet dinh|thong tu|nghi quyet|chi thi|luat|so)(?: so)? (\d{1,4})/(\d{4})\b(?!/\d)")


def _never_named_by(answer: ScoredSentence, subject: str, scored: list[ScoredSentence], index: LexicalIndex, question: str) -> bool:
    """Whether a name the corpus writes ("ADC") is written nowhere in the answer's report as found —
    not its chunk, section, title or masthead, nor another of its passages retrieved. A name no report
    writes at all is of nothing they hold when typed as a Vietnamese word ("Hà Thành Ngọ báo"); typed
    in Latin letters it proves nothing ("AS-206" written "AS206", "Seaman" misspelt "Seasmans")."""
    parts = [part for part in subject.split("-") if part]
    chunk = answer.candidate.chunk
    if not parts or set(parts) <= index.analyzer.folded_token_set(f"{chunk.title}\n{chunk.issuer}\n{chunk.context_text()}"):
        return False
    if not all(index.document_frequency(part) for part in parts):
        return any(fold(word) == subject and has_diacritics(word) for word in _WORD.findall(question))
    return not any(set(parts) <= item.tokens for item in scored if item.candidate.chunk.doc_id == chunk.doc_id)


def _its_clause_names_nothing(query: Query, sentence: str) -> bool:
    """Whether a sentence of clauses split by semicolons tells what a name is asked of ("… do xưởng nào
    …", "… ở đâu", "ai …") in a clause naming nothing the question does not, while another clause names
    something: that name is another thing's."""
    if query.answer_type not in ("name", "person", "place") or ";" not in sentence:
        return False
    clauses = [clause for clause in sentence.split(";") if clause.strip()]
    asked = asked_words(query)
    shared = [len(asked & {fold(word) for word in words(clause)}) for clause in clauses]
    own = clauses[shared.index(max(shared))]
    if shared.count(max(shared)) > 1:
        return False
    return not holds_answer_type(own, query.answer_type, asked) and any(holds_answer_type(clause, query.answer_type, asked) for clause in clauses if clause is not own)


def _numbers_a_name(sentence: str) -> bool:
    """Whether a sentence names something by its number ("VINASAT-1", "giai đoạn 4", "3G"); one that
    does not ("Vệ tinh nằm ở …") is of the one its paragraph's sentences number."""
    return bool(
        _NUMBERED_NAME.search(sentence)
        or _NUMBERED_GROUP_WRITTEN.search(fold(sentence))
        or _GENERATION.search(sentence)
        or _spaced_numbered_names(sentence)
    )


# A stage or group named by its number, folded: "giai đoạn 2", "đợt III", "nhóm 1".
_NUMBERED_GROUP_WRITTEN = re.compile(r"\b(giai doan|dot|nhom|phase)\s+(\d{1,2}|[ivx]{1,4})\b")


# What numbers a name after a space: a number of up to three digits (not a year), a Roman numeral,
# one capital letter ("Apollo 1", "Super Bowl XLIX", "Series E").
_NAME_NUMBER = r"\d{1,3}|[IVXLC]{1,7}|[A-Z]"
_SPACED_NUMBERED_NAME = re.compile(rf"(?<![\w-])([A-ZĐ]\w*[a-zđ]\w*)\s+({_NAME_NUMBER})\b(?![.,]\d)")
# Words a number follows that count time or a turn, not a name's: "Tháng 9", "Năm 300", "Lần 2".
_NOT_NUMBERED_NAMES = frozenset({"ngay", "thang", "nam", "quy", "tuan", "gio", "phut", "giay", "thu", "lan", "khoang", "hon", "gan", "tren", "duoi", "top"})


def _spaced_numbered_names(text: str) -> list[tuple[str, str]]:
    """The names a text numbers after a space ("Super Bowl XLIX" -> ("Bowl", "XLIX")); a Vietnamese word
    opening the text is only capitalised ("Trong 5 năm …" names nothing)."""
    found = []
    for match in _SPACED_NUMBERED_NAME.finditer(text):
        stem = match.group(1)
        if fold(stem.lower()) in _NOT_NUMBERED_NAMES:
            continue
        if is_syllable(stem) and not text[: match.start()].strip(" \"'“(-–•*"):
            continue
        found.append((stem, match.group(2)))
    return found


def _name_number(written: str) -> int | str:
    """The value a name's number writes: "3" 3, "XLIX" 49, "E" "E"."""
    if written.isdigit():
        return int(written)
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    if len(written) > 1 or written in values:
        total = 0
        for letter, after in itertools.zip_longest(written, written[1:]):
            value = values[letter]
            total += -value if after is not None and values[after] > value else value
        return total
    return written


def _group_number(written: str) -> int:
    return int(written) if written.isdigit() else ROMAN_NUMERALS.get(written, 0)


# A name numbered after a hyphen: "VINASAT-2", "AAE-1", "SMW-3".
_NUMBERED_NAME = re.compile(r"\b([A-ZĐ][A-Za-zĐ]+)\s*-\s*(\d+)\b")
_GENERATION = re.compile(r"\b([2-6])[Gg]\b")


def _ranks(text: str) -> set[int]:
    """The ranks a text states ("đầu tiên", "dẫn đầu", "lớn nhất" 1; "thứ hai" 2; "đứng thứ 4" 4); a text typed
    without diacritics is read folded ("thu ba"), but not "doanh thu 300"."""
    accented = has_diacritics(text)
    first, nth = (_FIRST, _NTH) if accented else (_FIRST_PLAIN, _NTH_PLAIN)
    read = text.lower() if accented else fold(text)
    found = {1 for _ in first.finditer(read)}
    for match in nth.finditer(read):
        if rank := _ordinal(fold(match.group(1))):
            found.add(rank)
    return found


def _ordinal(word: str) -> int | None:
    """The number an ordinal's word writes, folded: "hai" 2, "4" 4, "vi" 6."""
    return int(word) if word.isdigit() else _ORDINAL_WORDS.get(word) or ROMAN_NUMERALS.get(word)


def _of_another_rank(question: str, chosen: Sequence[ScoredSentence]) -> bool:
    """Whether the question asks a rank (the first, the second, the third …) that no quoted sentence
    states, where they state another: "thứ ba" asked, "vươn lên vị trí thứ hai" quoted."""
    for ranks in (_ranks, _times):
        asked = ranks(question)
        if len(asked) != 1:
            continue
        stated = [ranks(item.text) for item in chosen]
        if not any(asked & each for each in stated) and any(stated):
            return True
    return False


def _times(text: str) -> set[int]:
    """Which times a text tells of: "lần đầu" 1, "lần thứ hai" 2, "lần thứ VI" 6 ("công nhận … lần đầu
    vào năm 2017" tells no second time)."""
    folded = fold(text)
    found = {1 for _ in _FIRST_TIME.finditer(folded)}
    for match in _NTH_TIME.finditer(folded):
        if rank := _ordinal(match.group(1)):
            found.add(rank)
    return found


def _of_the_year_before_it(query: Query, best: ScoredSentence, scored: Sequence[ScoredSentence]) -> bool:
    """Whether the sentence refers back to a year ("Cũng trong năm này, …", "cùng năm đó") that the
    sentence before it names, and that year is not the one the question names."""
    asked = set(find_years(query.text))
    if not asked or find_years(best.text) or not _BACK_TO_A_YEAR.search(fold(best.text)):
        return False
    before = next(
        (item for item in scored if _same_paragraph(item, best) and item.position == best.position - 1),
        None,
    )
    named = set(find_years(before.text)) if before is not None else set()
    return bool(named) and not asked & named


_BACK_TO_A_YEAR = re.compile(r"\b(?:nam nay|nam do|cung nam|nam ay)\b")


def _counts_other_parts(query: Query, sentence: str) -> bool:
    """Whether "gồm mấy chương" (a count of parts of one kind) is asked of a sentence counting only parts
    of another kind ("Luật gồm 43 điều"): of the parts a text is counted in, each is its own count."""
    asked = query.counts[:1]
    if not asked or asked[0] not in _PARTS:
        return False
    counted = {match.group(1) for match in _PART_COUNT.finditer(fold(sentence))}
    return bool(counted) and asked[0] not in counted


# The parts a law, a document or a country is counted in, folded.
_PARTS = frozenset({"chuong", "dieu", "khoan", "muc", "phan", "trang", "tinh", "huyen", "xa", "phuong", "quan"})
_PART_COUNT = re.compile(r"(?<![\d.,])\d+\s+(" + "|".join(sorted(_PARTS)) + r")\b")


def _superlative_unstated(question: str, sentence: str) -> bool:
    """Whether the question asks the most of something ("lớn nhất", "nhiều nhất") of a sentence that
    lists several without saying which is the most: "khách hàng gồm nhiều tập đoàn lớn như Airbus,
    Hitachi …" names no largest client. (A sentence telling the most in other words — "thường dùng",
    "kéo dài đến mười năm" — lists nothing.)"""
    if not any(match.group(1) not in _NOT_SUPERLATIVE for match in _SUPERLATIVE.finditer(fold(question))):
        return False
    told = fold(sentence)
    return bool(_LISTS.search(told)) and told.count(",") >= 2 and not _LEADS.search(told)


# "<adjective> nhất", folded; "thứ nhất", "duy nhất", "thống nhất", "cập nhật", "tại Nhật", "nhất định" are none
_SUPERLATIVE = re.compile(r"\b(\w+) nhat\b(?! (?:ban|dinh)\b)")
_LISTS = re.compile(r"\b(?:nhu|chang han|gom|bao gom|trong do co)\b")
_NOT_SUPERLATIVE = frozenset({"thu", "duy", "thong", "hop", "dong", "cap", "tai", "o", "cua", "den", "tu", "voi", "va", "nguoi", "nuoc", "hang"})
_LEADS = re.compile(r"\b(?:dan dau|dung dau|hang dau|so mot|ky luc|nhat)\b")


# "lần thứ VI": the sixth (a congress, a prize's edition), in Roman numerals
# (the eldest child is the first: "con trưởng", "con cả", "trưởng nam")
_FIRST = re.compile(r"\b(?:đầu tiên|thứ nhất|dẫn đầu|đứng đầu|(?:lớn|cao|nhiều|đông|nặng|dài) nhất|con (?:trưởng|cả)|trưởng (?:nam|nữ))\b")
_NTH = re.compile(r"\b(?:thứ|hạng)\s+(hai|nhì|ba|tư|năm|sáu|bảy|tám|chín|mười|\d{1,3}|(?-i:[ivx]{1,4}))\b")
_FIRST_PLAIN = re.compile(r"\b(?:dau tien|thu nhat|dan dau|dung dau|(?:lon|cao|nhieu|dong|nang|dai) nhat|con (?:truong|ca)|truong (?:nam|nu))\b")
# Which time a thing happened, folded: "lần đầu" the first, "lần thứ hai" the second.
_FIRST_TIME = re.compile(r"\blan dau\b")
_NTH_TIME = re.compile(r"\blan thu (\w+)")
_NTH_PLAIN = re.compile(r"(?<!doanh )\bthu\s+(hai|nhi|ba|tu|nam|sau|bay|tam|chin|muoi|\d{1,3}|[ivx]{1,4})\b")
_ASKS_RANK = re.compile(r"\b(?:thu|hang|vi tri) (?:may|bao nhieu)\b")
_ORDINAL_WORDS = {**rankings.ORDINAL_WORDS, "nhi": 2}


def _tells_the_opposite(question: str, sentence: str, prose: bool = True) -> bool:
    """Whether the sentence tells the opposite of what the question asks: its verb's opposite in the
    verb's stead ("MobiFone được sáp nhập vào tập đoàn nào?" of "… tách khỏi VNPT"; "bị thu hồi giấy
    phép" of "được cấp phép"), or positively what the question asks of as not done ("Những hộ nào không
    được hỗ trợ?" of "Nhà nước hỗ trợ … cho hộ nghèo")."""
    asked, told = fold(question), fold(sentence)
    # (a figure that fell, asked as a rise, is answered by the fall a report states: prose only)
    for one, other in _OPPOSITES_BOTH_WAYS + (_MOVES_BOTH_WAYS if prose else ()):
        if re.search(rf"\b{one}\b", asked) and not re.search(rf"\b{other}\b", asked):
            if not re.search(rf"\b{one}\b", told) and re.search(rf"\b{other}\b", told):
                return True
    # a founding asked of a sentence telling no beginning: "VNCERT được thành lập vào năm nào?" of "Năm
    # 2019, VNCERT được sáp nhập vào Cục …" (a merger's year)
    asks = asked_answer_type(asked) if prose else None
    if asks in ("time", "date") and _BEGINNING.search(asked) and not _ANY_BEGINNING.search(told):
        return True
    # an end asked of ("… bị thu hồi giấy phép năm nào?", "… thoái vốn khỏi CMC khi nào?") where the
    # sentence tells of no end at all: it tells of the beginning ("… được cấp giấy phép năm 2016"). Only
    # when, where or who is asked: "Điều gì đã xảy ra khi … tạm ngưng" asks of no end.
    if asks in ("time", "date") and _AGAIN.search(asked) and not _AGAIN.search(told):
        return True
    ended = _ENDING.search(asked) if asks else None
    if ended and not (_ENDING.search(told) or _ANY_END.search(told)):
        verb = re.sub(r" (?:khoi|bo|lai)$", "", ended.group())  # "rời khỏi Hà Nội" told as "rời Hà Nội"
        if not re.search(rf"\b{verb}\b", told):
            return True
    # the negation of what is asked of, after the question's word ("… nào không được hỗ trợ"), not
    # one inside the name of what it asks ("Giả định chưa được chứng minh … là gì?")
    asking = _WH_WORD.search(asked)
    negated = _NEGATED_ASK.search(asked, asking.end()) if asking else None
    if negated is None:
        return False
    phrase = " ".join(negated.group(1).split()[:2])
    spans = [match.start() for match in re.finditer(rf"\b{re.escape(phrase)}\b", told)]
    return bool(spans) and not any(_NEGATION_BEFORE.search(told[max(0, at - 25) : at]) for at in spans)


# Verbs and words of opposite meaning, folded: where the question has one and the sentence only the other,
# the sentence tells the reverse of what is asked.
_OPPOSITES = (
    ("sap nhap", "tach"), ("thu hoi", "cap phep"), ("giai the", "thanh lap"), ("xuat khau", "nhap khau"),
    ("cao nhat", "thap nhat"), ("nhieu nhat", "it nhat"), ("lon nhat", "nho nhat"), ("dau tien", "cuoi cung"),
    ("ung ho", "phan doi"), ("chien thang", "that bai"),
    # the first time asked where only the latest is told ("… hai lần …, gần đây nhất trong nhiệm kỳ 2022–2024")
    ("dau tien", "gan day nhat"),
    # a prize of another rank: "đoạt giải nhì" asked where the winner of the first is told
    ("giai nhi", "giai nhat"), ("giai ba", "giai nhat"), ("giai ba", "giai nhi"),
    ("huy chuong bac", "huy chuong vang"), ("huy chuong dong", "huy chuong vang"), ("huy chuong dong", "huy chuong bac"),
    # who approved, who proposed: another role
    ("phe duyet", "de xuat"), ("phe duyet", "de nghi"), ("ban hanh", "du thao"),
    # a work finished asked where only its start is told ("… trùng tu xong năm nào?" of "Năm 2017, … khởi
    # động đợt trùng tu")
    ("xong", "khoi dong"), ("xong", "bat dau"), ("xong", "khoi cong"),
    ("hoan thanh", "khoi dong"), ("hoan thanh", "khoi cong"), ("hoan tat", "khoi dong"), ("hoan tat", "khoi cong"),
)
_MOVES = (("tang", "giam"),)
# Folded words of a beginning asked ("được thành lập năm nào?"), and the many a sentence may tell one with.
_BEGINNING = re.compile(r"\b(?:thanh lap|ra doi|khai truong|ra mat|khanh thanh|sang lap)\b")
_ANY_BEGINNING = re.compile(
    r"\b(?:lap|ra doi|khai truong|ra mat|khanh thanh|hinh thanh|khoi dau|bat dau|dau tien|tien than|xay dung|"
    r"khoi cong|mo|khai sinh|hoat dong|cap phep|chinh thuc|phat song|xuat ban|ra so|ki|ky|quyet dinh|khoi nghiep|"
    r"dang ky|phong|van hanh|trien khai|ap dung|gioi thieu|cong bo|to chuc|dua vao)\b"
)
# Folded words of an end: a licence revoked, a stake sold, a project cancelled, a service stopped.
_ENDING = re.compile(
    r"\b(?:thu hoi|huy bo|ket thuc|bi huy|cham dut|ngung|tam dung|giai the|dong cua|thoai von|rut von|rut khoi|roi khoi|"
    r"ban lai|pha san|khai tu|tat song|dinh chi|bai bo|xoa so|mien nhiem|tu chuc|het hieu luc|het han|"
    r"bo hoang|bi bo|bi pha huy|bi pha bo|pha do|"
    r"dung (?:hoat dong|phat song|cung cap|van hanh|dich vu|hop tac|san xuat|ban))\b"
)
# A thing done again, asked ("… được xây dựng lại vào năm nào sau khi bị phá hủy?"): a sentence telling it
# was built, or destroyed, tells no rebuilding.
_AGAIN = re.compile(r"\b(?:xay dung lai|xay lai|dung lai (?:chua|den|nha)|khoi phuc|tai thiet|trung tu|mo cua lai|tro lai hoat dong|hoat dong tro lai|tai lap)\b")
# … and words a sentence may tell an end with, however it words it ("không còn", "hết hạn", "bán cổ phần")
_ANY_END = re.compile(
    r"\b(?:khong con|het han|het hieu luc|chuyen nhuong|ban (?:lai|het|toan bo|co phan|von)|xoa bo|ket thuc|"
    r"thay the|(?:bi|da|duoc) (?:dung|tat|dong)|dung lai)\b"
)
_OPPOSITES_BOTH_WAYS = (*_OPPOSITES, *((other, one) for one, other in _OPPOSITES))
_MOVES_BOTH_WAYS = (*_MOVES, *((other, one) for one, other in _MOVES))
# A question asking of what was not done: "không được hỗ trợ", "chưa được cấp", "không bị …" — the words after.
# ("hàng không", "không gian", "không dây": words, no negation)
_NEGATED_ASK = re.compile(
    r"(?<!\bhang )\b(?:khong|chua|chang)\s+(?!(?:gian|khi|quan|phan|luu|day|anh)\b)(?:duoc|bi|co|phai)?\s*((?:[a-z]+\s*){2,4})"
)
_NEGATION_BEFORE = re.compile(r"\b(?:khong|chua|chang|ngung|dung)\b[^,.;]*$")
_WH_WORD = re.compile(r"\b(?:nao|ai|gi|dau|sao)\b")


def _names_place(item: ScoredSentence, places: Sequence[str]) -> bool:
    """Whether a sentence, its headings, its report's title or masthead write one of the places, as
    one name ("Thanh Hoa" is not "thành phố" and "hóa" apart)."""
    chunk = item.candidate.chunk
    written = fold(" ".join([item.text, *chunk.section_path, chunk.title, chunk.issuer]))
    return any(re.search(rf"\b{re.escape(fold(place))}\b", written) for place in places)


def _name_runs(sentence: str) -> list[list[str]]:
    """Runs of two to five capitalised words past the sentence's first word ("Tào Đức Thắng"), a
    comma or a bracket ending one ("… Phạm Đức Hạnh, Chủ tịch …": the name, then the post)."""
    clauses = [_WORD.findall(clause) for clause in re.split(r"[,;:()]", strip_bullet(sentence))]
    clauses[0] = clauses[0][1:]  # past the sentence's first word
    return [run for clause in clauses for run in capitalised_runs(clause) if len(run) <= 5]


def _tells_of(item: ScoredSentence, named: ScoredSentence, subject: str) -> bool:
    """Whether a sentence is the one naming a thing, or goes on from it in its paragraph — not
    about another thing the naming sentence lists beside it ("… các tuyến TVH, AAG, APG …. Tuyến APG
    có dung lượng thiết kế 54 Tbps": APG's capacity, not AAG's)."""
    if item is named:
        return True
    if not (_same_paragraph(item, named) and item.position > named.position):
        return False
    others = {fold(word) for word in _ACRONYM.findall(item.text)} & {fold(word) for word in _ACRONYM.findall(named.text)}
    told = fold(item.text)
    opening = _opening_name(item.text)
    if opening and subject not in item.tokens and fold(opening) not in fold(named.text):
        # "Nhà đầu tư … đầu tiên … là Công ty Nidec Việt Nam …. Năm 2018, Hanwha Aero Engines … với vốn
        # đầu tư 100 triệu đô la Mỹ": the next sentence opens on another name — Hanwha's money
        return False
    if _another_of_its_kind(item.text, named.text, subject):
        # "Sông Nhật Lệ được hợp thành từ …. Sông Gianh dài khoảng 160 km": another river's length
        return False
    if any(re.search(rf"\b{re.escape(sibling)}\b", told) for sibling in _listed_beside(named.text, subject)):
        # "… các trung tâm khu vực ở Huế, Đà Nẵng, Phú Yên, Cần Thơ và Thành phố Hồ Chí Minh. Trong số này,
        # trung tâm tại Thành phố Hồ Chí Minh … thành lập sớm nhất, vào năm 1977": not Phú Yên's year
        return False
    own = _own_name(item.text)
    if own and fold(own) != subject and (fold(own) in named.tokens or any(ch.isupper() for ch in own[1:])):
        # "… VinaPhone …, mạng di động thứ hai sau MobiFone. … VinaPhone có …": VinaPhone's; "… MobiFone là
        # doanh nghiệp trúng đấu giá. Hai ngày sau, VNPT trúng … với giá 2.598 tỷ đồng": VNPT's
        others.add(fold(own))
    return not others - {subject}


def _of_another_named(question: str, sentence: str) -> bool:
    """Whether a sentence opens on a name ("Năm 2019, Cúc Phương đón …") that the question does not
    write, and writes no word of the names the question asks of ("Vườn quốc gia Cát Tiên"): its
    figure is another's."""
    if is_table_row(sentence):
        return False  # a row names its indicator, then its columns ("Doanh thu — ĐVT: tỷ đồng; …"), no one's name
    if _another_in_its_place(question, sentence):
        return True
    sentence = _LABEL.sub("", sentence)  # "Thuê bao: Đến ngày 31/12/2024, …": its label names no one
    opening = _subject_name(sentence)
    if not opening or _same_name(opening, question):
        return False
    runs = [run for run in _capitalised_runs(question) if fold(" ".join(run)) not in _THE_COUNTRY]
    asked = [word for run in runs for word in run] + [word for word in _LATIN_NAME.findall(question) if not is_syllable(word)]
    joined = re.sub(r"\s+", "", fold(sentence))  # "Việt Nam" written "Vietnam"
    # each word as the sentence writes it, or spelled nearly so ("Seaman" is "Seasmans")
    return bool(asked) and not any(_same_name(word, sentence) for word in asked) and not any(fold("".join(run)) in joined for run in runs)


_THE_COUNTRY = frozenset({"viet nam", "nuoc viet nam"})


def _another_in_its_place(question: str, sentence: str) -> bool:
    """Whether the sentence writes the words around a name the question asks of with another name
    between them, and no word of the one asked: "Bút danh Tô Hoài được ghép từ …" for "Bút danh Nam
    Cao được ghép từ …" — the same thing told of another."""
    asked = _WORD.findall(question)
    told = _WORD.findall(sentence)
    folded_told = [fold(word) for word in told]
    for start, end in run_spans(asked, first=1):
        before, after = [fold(word) for word in asked[max(0, start - 2) : start]], [fold(word) for word in asked[end : end + 1]]
        if not before or not after or any(_same_name(word, sentence) for word in asked[start:end]):
            continue
        for other_start, other_end in run_spans(told):
            if folded_told[max(0, other_start - len(before)) : other_start] == before and folded_told[other_end : other_end + 1] == after:
                return True
    return False


_LABEL = re.compile(r"^[^:.;]{1,40}:\s+")


def _subject_name(sentence: str) -> str | None:
    """The name a sentence opens on as its subject, past a period it may open with ("Năm 2019, Cúc Phương
    đón …": "Cúc Phương"; "Viettel đạt …"): capitalised words of two or more, or one foreign word; None
    when it opens otherwise ("Tỷ lệ …", "Ban đầu tờ báo do Ernest Potteaux …")."""
    opening = _LEADING_PERIOD.sub("", strip_bullet(sentence))
    # its words side by side, no mark between them ("Trong "On the Abrogation …": no name)
    run = next(iter(_capitalised_runs(f"_ {opening}")), []) if opening[:1].isupper() else []
    if run and _WORD.findall(opening)[:1] != run[:1]:
        run = []  # a name further on, not the sentence's subject
    if not run:
        first = _WORD.findall(opening)[:1]
        run = first if first and first[0][:1].isupper() else []
    if len(run) >= 2 or (run and _LATIN_NAME.fullmatch(run[0]) and not is_syllable(run[0])):
        return " ".join(run)
    return None


# A period a sentence opens with, before its subject: "Năm 2019, ", "Trong 6 tháng đầu năm 2024, ".
_LEADING_PERIOD = re.compile(r"^(?:(?:năm|tháng|quý|ngày|đến|trong|tính đến|từ|vào|cuối|đầu|sau|trước)\b[^,]{0,40},\s*)", re.IGNORECASE)


def _another_of_its_kind(sentence: str, named: str, subject: str) -> bool:
    """Whether a sentence opens on a kind of thing and a name ("Sông Gianh …") where the sentence naming
    the thing asked writes that kind before it ("Sông Nhật Lệ …"), and never that name: another of its kind."""
    opening = _WORD.findall(strip_bullet(sentence))[:2]
    if len(opening) < 2 or not opening[1][:1].isupper():
        return False
    kind, name = fold(opening[0]), fold(opening[1])
    told = fold(named)
    return (
        name != subject
        and not re.search(rf"\b{re.escape(name)}\b", told)
        and re.search(rf"\b{re.escape(kind)}(?: \w+){{0,2}} {re.escape(subject)}\b", told) is not None
    )


# A sentence going on with the total of what the one before it counted.
_GOES_ON = re.compile(r"\s*(?:tinh chung|luy ke|lk|cong don|tinh tu dau nam|tinh tu dau nam den nay)\b")
# A company named before, referred to by its kind: "của tập đoàn", "doanh nghiệp này" (folded).
_NAMED_BEFORE = re.compile(
    r"\b(?:cua (?:tap doan|tong cong ty|cong ty|doanh nghiep|nha mang)|(?:tap doan|tong cong ty|cong ty|doanh nghiep|nha mang) nay)\b"
)


def _refers_to_another(item: ScoredSentence, subject: str, index: LexicalIndex) -> bool:
    """Whether a sentence refers back to a company the sentence before it named, another than the
    one asked ("Số lao động của tập đoàn …" after "Năm 2023, VNPT đạt …", asked of Viettel)."""
    if not _NAMED_BEFORE.search(fold(item.text)):
        return False
    return any(token != subject and token.isalpha() and index.restorer.writes_as_name(token) for token in item.tokens)


def _names_written(sentence: str, index: LexicalIndex) -> frozenset[str]:
    """The names a sentence writes, folded: in capitals ("VNPT") or as the corpus writes only names ("Viettel")."""
    return frozenset(fold(word) for word in _ACRONYM.findall(sentence)) | frozenset(index.restorer.names_in(sentence))


# A name written in capitals ("APG", "SMW-3", "VNPT"): a cable, a company, a standard.
_ACRONYM = re.compile(r"(?<![\w-])[A-ZĐ][A-ZĐ0-9]+(?:-\d+)?(?![\w-])")


def _opening_run(sentence: str) -> list[str]:
    """The capitalised words a sentence's first name runs over, past its first word and within its first
    few ("Năm 2023, Viettel đạt …": ["Viettel"]; "Năm 2018, Hanwha Aero Engines …": three); [] without one."""
    words_ = _WORD.findall(strip_bullet(sentence))
    for at in range(1, min(len(words_), OWN_NAME_WORDS)):
        if words_[at][:1].isupper():
            return list(itertools.takewhile(lambda word: word[:1].isupper(), words_[at:]))
    return []


def _opening_name(sentence: str) -> str | None:
    """The name of two words or more a sentence opens on ("Năm 2018, Hanwha Aero Engines …"), or None."""
    run = _opening_run(sentence)
    return " ".join(run) if len(run) > 1 else None


def _listed_beside(sentence: str, subject: str) -> list[str]:
    """The other names of a list a sentence names the subject in ("ở Huế, Đà Nẵng, Phú Yên, Cần Thơ và
    Thành phố Hồ Chí Minh": Phú Yên's siblings), folded; items of a few words, each opening on a
    capital, so that a clause before the list is none of them."""
    items = [item.strip() for item in _LIST_SPLIT.split(sentence)]
    names = [fold(item) for item in items if item[:1].isupper() and len(item.split()) <= LIST_ITEM_WORDS]
    if not any(subject in name.split() for name in names):
        return []
    return [name for name in names if subject not in name.split()]


_LIST_SPLIT = re.compile(r"\s*[,;:.()]\s*|\s+(?:và|hoặc)\s+")
LIST_ITEM_WORDS = 5


def _own_name(sentence: str) -> str | None:
    """The name a sentence opens on, when it is one word ("Năm 2023, Viettel đạt …", "Tuyến APG có
    …"): a company's, a cable's, a standard's; None when its first name is of many words or it
    names none in its first words."""
    run = _opening_run(sentence)
    return run[0] if len(run) == 1 else None


def _writes(tokens: frozenset[str], name: str) -> bool:
    """Whether a sentence's words hold a folded name, each part of it ("lat-ma", "aae-1")."""
    parts = [part for part in re.split(r"[\W_]+", name) if part]
    return bool(parts) and all(part in tokens for part in parts)


def _same_name(name: str, question: str) -> bool:
    """Whether the question writes a name, or one spelled nearly alike ("Seasmans" for "Seaman"), each
    word of a name of several ("Cúc Phương" is not "Cát Tiên")."""
    typed = [fold(word) for word in _WORD.findall(question)]
    return all(
        any(word == part or SequenceMatcher(None, word, part).ratio() >= NEAR_SPELLING for word in typed)
        for part in fold(name).split()
    )


def _same_paragraph(one: ScoredSentence, other: ScoredSentence) -> bool:
    return one.candidate.chunk.chunk_id == other.candidate.chunk.chunk_id and one.paragraph == other.paragraph


def _rarest_word(query: Query, index: LexicalIndex, answer: ScoredSentence) -> str | None:
    """The rarest word of a question typed without capitals that the corpus writes but the answer's
    sentence does not: the name it asks of, if it names one ("mobifone" of "… VinaPhone có …")."""
    found = [
        term.token
        for term in index.query_terms(query.content or query.text)
        if term.token.isalpha()
        and term.token not in answer.tokens
        and index.document_frequency(term.token)
        and index.restorer.writes_as_name(term.token)  # a name, not a verb typed plain ("bat dau")
    ]
    return max(found, key=index.idf, default=None)


def _rarest_name(question: str, index: LexicalIndex) -> str | None:
    """The question's rarest name in the corpus, folded: a word with a capital past its first letter
    ("VTVgo"), a capitalised word past the question's first, or a word the corpus writes only as a
    name ("Viettel có …"); None without one."""
    units = {fold(match.group(1)) for match in _UNIT_ASKED.finditer(question)}  # "bao nhiêu Tbps": the unit, not a name
    written = _WORD.findall(question)
    names = [
        (fold(word), position > 0)
        for position, word in enumerate(written)
        if (any(ch.isupper() for ch in word[1:]) or (position and word[:1].isupper()) or index.restorer.writes_as_name(word))
        and not (position and fold(written[position - 1]) == "chau")  # "người châu Âu": a continent, no name asked of
        and fold(word) not in _TITLE_WORDS | units
        and not word[:1].isdigit()  # "5G", "4G": a generation, not the thing asked of
        and index.analyzer.glossary.concept_of(fold(word)) is None  # "TGĐ", "DVCTT": words, spelled out
    ]
    # as rare as another, the question's first word is what it is about, a later one what it asks of
    # ("Viettel … tại Peru với thương hiệu Bitel …": Peru)
    rarest = max(names, key=lambda name: (index.idf(name[0]), name[1]), default=None)
    return rarest[0] if rarest else None


_UNIT_ASKED = re.compile(r"\b(?:bao nhiêu|bao nhieu|mấy|may)\s+(\w+)", re.IGNORECASE)
# A post's words, capitalised in a question ("Tổng Giám đốc", "Chủ tịch"): a title, not the name of
# the thing asked about.
_TITLE_WORDS = frozenset("tong giam doc chu tich truong pho thu tuong thong".split())


_OWN_NUMBER = re.compile(r"(?<![^\W\d_])\d+")
# A capitalised word after a word of where (the word itself in any case: "Tại Hà Nội", "ở Osaka").
_PLACE_NAMED = re.compile(
    r"\b(?:(?i:tại|ở|đến|sang|từ|trong|ngoài|khắp|giữa|gần|cạnh|quanh|tỉnh|thành phố|TP\.?|quận|huyện|xã|phường|thủ đô|nước|"
    r"quốc gia|khu|trụ sở|đặt|đường|phố|vùng|miền|bang|châu|thị xã|thị trấn)\s+)+(\w[\w-]*)"
)


def asked_words(query: Query) -> frozenset[str]:
    """The question's words, folded: what `holds_answer_type` leaves out as already named."""
    return frozenset(fold(word) for word in words(query.text))


def holds_answer_type(sentence: str, answer_type: str, asked: frozenset[str]) -> bool:
    """Whether a sentence holds something of the kind asked that the question does not already
    name: a time (a number, a date, "thế kỷ", "sau khi") for "khi nào"; a name (a capitalised word
    past the sentence's first) for "ai", "ở đâu", "đội nào"; a document's number for "số hiệu"; a
    day's date for "ngày nào"; a person's name for who holds a post."""
    if answer_type == "person":
        # a run of capitalised words the question does not write, and no body's name ("Lê Ngọc
        # Quang", not "Vietnam Post Corporation" nor "Trung tâm Internet Việt Nam")
        # Nor a place's ("khởi nghiệp năm 1968 tại Bảo Lộc, Lâm Đồng")
        placed = {fold(name) for name in _PLACE_NAMED.findall(strip_bullet(sentence))}
        return any(
            not all(fold(word) in asked for word in run)  # (a name the question writes; "Đặng Lê Nguyên Vũ" is not "Trung Nguyên")
            # no body's name ("Trung tâm Internet Việt Nam") — unless it opens with a family name: "Đặng
            # Lê Nguyên Vũ" is a person, "Vũ" no "Vụ"
            and (run[0] in _FAMILY_NAMES or not any(fold(word) in _BODY_WORDS for word in run))
            and fold(run[0]) not in placed
            and not is_province(" ".join(run))
            for run in _name_runs(sentence)
        )
    if answer_type == "colour":
        return bool(_COLOUR.search(sentence))  # "áo đấu màu gì" of "Sân nhà của SLNA là sân vận động Vinh": none
    if answer_type == "date":
        return bool(_DAY_DATE.search(fold(sentence)))  # "ngày 5 tháng 4 năm 2016", "05/4/2016": a year alone is not one
    if answer_type == "time":
        # a number of its own, not one written into a name ("VTV8")
        return any(fold(number) not in asked for number in _OWN_NUMBER.findall(sentence)) or bool(
            _TIME_WORDS.search(fold(sentence))
        )
    if answer_type == "code":
        return any(fold(code) not in asked for code in DOCUMENT_NUMBER.findall(sentence))  # "103/2016/QH13"
    if answer_type == "place":
        # a name the question does not write, after a word of where ("tại Trung tâm Hội nghị Quốc gia",
        # "ở Hà Nội", "tỉnh Phú Yên"): "… ra mắt hai mẫu Bphone 3 và Bphone 3 Pro" names none
        named = (name for name in _PLACE_NAMED.findall(strip_bullet(sentence)) if name[0].isupper())
        return any(fold(name) not in asked for name in named) or any(
            is_province(" ".join(run)) and fold(run[0]) not in asked for run in _name_runs(sentence)
        )
    names = [word for word in _WORD.findall(strip_bullet(sentence).lstrip(" \"'“("))[1:] if word[0].isupper()]
    return any(fold(name) not in asked for name in names)


# A colour written (lower case: "sông Hồng", "Bạch Mã" name no colour).
_COLOUR = re.compile(r"\b(?:màu|sắc|đỏ|xanh|vàng|trắng|đen|tím|hồng|nâu|xám|lam|lục|chàm|cam|bạc|ghi)\b")


def _coverage(weights: dict[str, float], tokens: frozenset[str] | set[str], context: frozenset[str] | set[str]) -> float:
    """Weight of the tokens a sentence has, plus half of those only its section heading has."""
    return sum(w if t in tokens else CONTEXT_WEIGHT * w if t in context else 0.0 for t, w in weights.items())


def _is_bigram(token: str) -> bool:
    return "_" in token and not token.startswith("abbr_")


def _names_the_figure(reading: periods.Reading, statement: Statement) -> bool:
    """Whether the answer names the figure before quoting its sentence: the sentence alone does not
    say which of its figures answers (`Reading.points_at`, `_one_clause_of_several`), or it is a
    table row, whose values stand apart from their unit ("Tỷ lệ … — ĐVT: %; Chỉ tiêu năm 2025: 80":
    the answer is "80%")."""
    return (
        reading.points_at(statement)
        or is_table_row(statement.sentence)
        or _one_clause_of_several(reading, statement)
        or _in_brackets_beside_another(statement)
        or _after_another_figure(reading, statement)
    )


def _after_another_figure(reading: periods.Reading, statement: Statement) -> bool:
    """Whether a clause before the figure's own states another figure (a level, not a change or a share
    of it) and writes fewer of the question's words than the figure's own clause: "Năm 2023, doanh thu
    toàn ngành ước đạt 3.745.000 tỷ đồng …; nộp ngân sách nhà nước ước đạt 87.000 tỷ đồng, tăng 2,9%" —
    asked what was paid to the budget, the reader would take the first. An earlier clause naming the
    question's words as well may be of the thing asked, the figure a part of it ("Tổng doanh thu bưu
    chính, viễn thông … 2.736 tỷ đồng …; trong đó doanh thu dịch vụ viễn thông … 2.415 tỷ đồng"). Within
    one clause the figures' reading is too rough to pick one (`_one_clause_of_several`)."""
    if statement.kind in ("change", "share", "base"):
        return False
    clauses = statement.sentence.split(";")
    own = next((n for n, clause in enumerate(clauses) if written_figure(statement.value).search(clause)), None)
    if not own:
        return False
    others = {other.value for other in reading.stated or reading.statements if other.kind not in ("change", "share", "base")}
    earlier = [clause for clause in clauses[:own] if any(written_figure(value).search(clause) for value in others - {statement.value})]

    def named(clause: str) -> int:
        return len(reading.asked & set(words(fold(clause))))

    return bool(earlier) and all(named(clause) < named(clauses[own]) for clause in earlier)


def _in_brackets_beside_another(statement: Statement) -> bool:
    """Whether the figure stands in brackets in a sentence stating another figure outside them: "Tổng
    số trạm BTS 5G …: 412 trạm (trong đó lắp mới trong tháng 3/2025: 38 trạm)" — 38 asked, the sentence
    opens with 412."""
    inside = [match.span() for match in _BRACKETS.finditer(statement.sentence)]
    figures = [(match.start(), match.group(0)) for match in _FIGURE.finditer(statement.sentence)]

    def bracketed(at: int) -> bool:
        return any(start <= at < end for start, end in inside)

    own = [at for at, value in figures if value == statement.value]
    return bool(own) and all(bracketed(at) for at in own) and any(not bracketed(at) for at, _ in figures)


_BRACKETS = re.compile(r"\([^()]*\)")
_FIGURE = re.compile(r"(?<![\w.,])\d[\d.,]*\d|(?<![\w.,])\d")


def _one_clause_of_several(reading: periods.Reading, statement: Statement) -> bool:
    """Whether the figure is the only one of its clause, in a sentence whose other clauses state other
    figures ("Tỷ lệ hộ gia đình sử dụng cáp quang đạt 79,3%; tỷ lệ người sử dụng Internet đạt 79,1%
    dân số": the second asked), and its own indicator shares words with the question's. Within one
    clause the figures' reading is too rough to pick one ("… gần 9000 camera … tại hơn 700 cơ sở")."""
    clauses = [set(numbers(clause)) for clause in statement.sentence.split(";")]
    values = [other.value for other in reading.stated or reading.statements if other.kind != "base"]
    holding = [clause for clause in clauses if statement.value in clause]
    if len(holding) != 1 or not reading.shared(statement):
        return False
    alone = sum(value in holding[0] for value in values) == 1
    return alone and any(value not in holding[0] for value in values)


def question_weights(query: Query, index: LexicalIndex, text: str | None = None) -> dict[str, float]:
    """What each question token is worth when measuring coverage.

    Word bigrams count half (they double-count their syllables). A bigram the corpus has never
    seen is left out: it is an artefact of two question phrases meeting ("… số | 6 tháng …"), not
    content. An unseen single word stays in: it is content the reports may simply not have.
    """
    weights: dict[str, float] = {}
    terms = index.query_terms(text or query.content or query.text)
    glossary = index.analyzer.glossary
    # An abbreviation counts once, as its concept: "TTTT" is found in "TT&TT" and in "Thông tin và
    # Truyền thông" alike, so the spelling the question happens to use must not weigh on its own.
    concepts = {term.token for term in terms if term.token.startswith("abbr_")}
    spelled = {term.token for term in terms if not term.token.startswith("abbr_") and glossary.concept_of(term.token) in concepts}
    for term in terms:
        # the spelling and the bigrams it is part of go; the concept ("abbr_dvctt") itself stays
        if term.token not in concepts and (term.token in spelled or any(part in spelled for part in term.token.split("_"))):
            continue
        if _is_bigram(term.token):
            if index.document_frequency(term.token) == 0:
                continue
            weights[term.token] = BIGRAM_WEIGHT * term.weight
        elif term.weight > 0:
            weights[term.token] = term.weight
    # Where the figure is of ("trên địa bàn", "cả nước") weighs little: a sentence writing it is not
    # more about the indicator (a prose line "… trên địa bàn thành phố" had outweighed the table row
    # of the indicator asked); the place rules see to the place.
    folded = fold(text or query.content or query.text)
    scope = {token for phrase in scope_phrases(folded) for token in index.analyzer.folded_token_set(phrase)}
    scope -= index.analyzer.folded_token_set(without_scope(folded))
    for token in weights:
        if token in scope or (_is_bigram(token) and any(part in scope for part in token.split("_"))):
            weights[token] *= SCOPE_WEIGHT
    return weights


def _unit(vector: Sequence[float]) -> np.ndarray:
    array = np.asarray(vector, dtype=np.float32)
    norm = float(np.linalg.norm(array))
    return array / norm if norm else array


def _similarities(chunk: Chunk, question: np.ndarray | None) -> np.ndarray | None:
    """Cosine of each of the chunk's sentences with the question; None without stored vectors."""
    matrix = chunk.sentence_matrix()
    if matrix is None or question is None or matrix.shape[1] != question.shape[0]:
        return None
    norms = np.linalg.norm(matrix, axis=1)
    return (matrix @ question) / np.where(norms == 0, 1.0, norms)
