"""Follow-up questions, rewritten into standalone ones before anything is retrieved.

"Còn năm 2021 thì sao?" after "Số doanh nghiệp công nghệ số năm 2023 là bao nhiêu?" means "Số
doanh nghiệp công nghệ số năm 2021 là bao nhiêu?". Retrieval and answering only ever see the
standalone question, so every answering mode handles follow-ups the same way.

- With an LLM configured, it rewrites the question from the last turns (`prompts/followup_*.txt`).
  Its rewrite is checked like an answer: one line, not too long, no figure (year, number) that is
  in neither the question nor the conversation, none of the question's own figures and few of its
  words lost, and not still opening with "Còn …". A rewrite that fails the check, the question given
  back unchanged, or an LLM that fails, leaves the job to the rules.
- The rules carry over the subject and the period of the previous (standalone) question:
  * only a period is asked ("Còn năm 2021 thì sao?", "Năm 2022?"): the previous question with its
    period replaced (a year alone keeps the part of the year: "6 tháng đầu năm 2023" → "… 2021");
  * a comparison is asked ("so với cùng kỳ?", "tăng bao nhiêu?"): the previous question, then it;
  * a new subject after a follow-up cue ("Còn doanh thu bưu chính thì sao?"): that subject, with
    the previous period when it names none;
  * anything else is a question of its own and is left as it is.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from assistant.conversations import Turn
from assistant.llm import ChatModel, LLMError, complete
from assistant.prompts import Prompts
from assistant.query import content_words
from vectorstore.figures import YEAR, figure_keys, lone_year, period_spans
from vectorstore.text import fold, normalize, remove_spans, words

logger = logging.getLogger(__name__)

# On folded text: "Còn …", "Thế còn …", "Vậy còn …", "Còn về …", "Và …".
_LEADING_CUE = re.compile(r"^(?:(?:the|vay)\s+)?(?:con|va)\b(?:\s+(?:ve|doi voi))?\s*,?\s*")
# "… thì sao?", "… thì thế nào?", "… thì như thế nào?", "… thì ra sao?"
_TRAILING_CUE = re.compile(r"\s*,?\s*thi\s+(?:sao|the nao|nhu the nao|ra sao)\s*[?.!…]*\s*$")
_RELATION = re.compile(r"^(?:so voi|so sanh|tang|giam|cung ky|ke hoach|chiem)\b")
_LABEL = re.compile(r"^\s*(?:câu hỏi(?: độc lập)?|(?:standalone )?question)\s*:\s*", re.IGNORECASE)
_END = " ?.!…,;:"
_CUE_WORDS = frozenset({"con", "thi", "sao", "the", "nao", "ra", "vay", "va", "nhu"})  # "còn … thì sao/thế nào/ra sao"

RewrittenBy = Literal["none", "rules", "llm"]


@dataclass(frozen=True)
class Rewrite:
    question: str  # the standalone question that is answered
    by: RewrittenBy


class FollowUpRewriter:
    def __init__(
        self, prompts: Prompts, llm: ChatModel | None = None, history_turns: int = 3, max_chars: int = 1000
    ) -> None:
        self.prompts = prompts
        self.llm = llm
        self.history_turns = history_turns
        self.max_chars = max_chars

    def rewrite(self, question: str, history: Sequence[Turn]) -> Rewrite:
        if not history:
            return Rewrite(question, "none")
        if self.llm is not None:
            rewritten = self._by_llm(question, history[-self.history_turns :])
            if rewritten is not None and rewritten != question:
                return Rewrite(rewritten, "llm")
            # Given back unchanged: a question of its own, or a follow-up the model missed — the rules tell.
        by_rules = rewrite_by_rules(question, history[-1].standalone)
        return Rewrite(by_rules, "rules") if by_rules else Rewrite(question, "none")

    def _by_llm(self, question: str, history: Sequence[Turn]) -> str | None:
        turns = "\n".join(
            self.prompts.render("followup_turn", question=turn.standalone, answer=_brief(turn.answer)) for turn in history
        )
        try:
            reply = complete(
                self.llm,  # type: ignore[arg-type]
                self.prompts.get("followup_system"),
                self.prompts.render("followup_user", history=turns, question=question),
            )
        except LLMError as error:
            logger.warning("follow-up rewrite by the LLM failed (%s); using the rules", error.reason)
            return None
        candidate = _first_line(reply)
        known = figure_keys(" ".join([question, *(t.question for t in history), *(t.standalone for t in history)]))
        invented = figure_keys(candidate) - known
        lost = _lost_words(question, candidate)
        still_cued = bool(_LEADING_CUE.match(fold(normalize(candidate)))) and bool(_LEADING_CUE.match(fold(normalize(question))))
        if not candidate or len(candidate) > self.max_chars or invented or lost or still_cued:
            logger.warning(
                "LLM rewrite %r refused (invented figures: %s; lost: %s; still a follow-up: %s); using the rules",
                candidate[:200],
                sorted(invented),
                lost,
                still_cued,
            )
            return None
        return candidate


def _lost_words(question: str, rewrite: str) -> list[str]:
    """What of the question a rewrite dropped: any of its figures ("2021"), or more than a quarter of
    its content words. A rewrite adds the conversation's subject and period; it keeps the question's
    own (a small model may give back the previous question, or keep its year instead of the new one)."""
    rewritten = {fold(word) for word in words(rewrite)}
    lost_figures = sorted({str(key) for key in figure_keys(question) - figure_keys(rewrite)})
    cue = _LEADING_CUE.match(fold(normalize(question)).strip())
    own = [fold(word) for word in words(content_words(question))]
    own = [word for word in own if word not in _CUE_WORDS and not (cue and word in cue.group(0).split())]
    missing = [word for word in own if word not in rewritten]
    return lost_figures + (missing if len(missing) * 4 > len(own) else [])


def rewrite_by_rules(question: str, previous: str) -> str | None:
    """The standalone form of a follow-up to `previous`, or None when `question` stands alone."""
    text = normalize(question).strip()
    folded = fold(text)
    lead = _LEADING_CUE.match(folded)
    trail = _TRAILING_CUE.search(folded)
    start = lead.end() if lead else 0
    end = trail.start() if trail and trail.start() >= start else len(text)
    core = text[start:end].strip(_END)
    cued = bool(lead or trail)

    spans = period_spans(core)
    periods = [core[a:b] for a, b in spans]
    rest = remove_spans(core, spans).strip(_END)
    subject = words(content_words(rest)) if rest else []
    base = normalize(previous).strip().rstrip(_END)

    if not subject:
        if not periods and not cued:
            return None
        return _sentence(_with_periods(base, periods))
    if _RELATION.match(fold(rest)) and (cued or len(subject) <= 5):
        return _sentence(f"{_with_periods(base, periods)}, {rest}")
    if cued:
        carried = [base[a:b] for a, b in period_spans(base)]
        return _sentence(core if periods or not carried else f"{core} {' '.join(carried)}")
    return None


def _with_periods(question: str, periods: list[str]) -> str:
    """`question` about `periods` instead of the periods it names."""
    if not periods:
        return question
    spans = period_spans(question)
    if not spans:
        return f"{question} {' và '.join(periods)}"
    first_start, first_end = spans[0]
    old = question[first_start:first_end]
    year = lone_year(periods[0])
    if len(periods) == 1 and year and YEAR.search(old):
        replacement = YEAR.sub(str(year), old, count=1)  # keep "6 tháng đầu năm", change the year
    else:
        replacement = " và ".join(f"năm {p}" if YEAR.fullmatch(p) else p for p in periods)
    pieces = [question[:first_start], replacement]
    cursor = first_end
    for start, end in spans[1:]:
        between = question[cursor:start]
        if fold(between).strip(" ,") in {"va", "hoac", ""}:
            between = ""  # "năm 2021 và năm 2023" -> the new period(s) once
        pieces += [between]
        cursor = end
    pieces.append(question[cursor:])
    return re.sub(r"\s{2,}", " ", "".join(pieces)).strip()


def _sentence(text: str) -> str:
    text = text.strip(_END)
    return (text[:1].upper() + text[1:] + "?") if text else text


def _first_line(reply: str) -> str:
    for line in reply.splitlines():
        line = _LABEL.sub("", line).strip().strip("\"'“”«»").strip()
        if line:
            return line
    return ""


def _brief(answer: str, limit: int = 300) -> str:
    flat = " ".join(answer.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
