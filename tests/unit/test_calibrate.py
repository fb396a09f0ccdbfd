"""The calibration script on a small synthetic score set."""

from assistant.eval.calibrate import Outcome, candidate_thresholds, cross_validate, fold_of, recommend, trade_off


def outcomes(answerable: list[tuple[float, bool]], unanswerable: list[float]) -> list[Outcome]:
    return [Outcome(c, True, ok) for c, ok in answerable] + [Outcome(c, False, False) for c in unanswerable]


SETS = {
    "reports": outcomes([(0.9, True), (0.8, True), (0.6, True), (0.5, False)], [0.2, 0.3]),
    "prose": outcomes([(0.7, True), (0.45, True), (0.4, True), (0.35, False)], [0.1, 0.25, 0.32, 0.5]),
}


def test_trade_off_counts_right_answers_and_declines():
    point = trade_off(SETS, 0.31)
    assert point.right == {"reports": 0.75, "prose": 0.75}
    assert point.declined == {"reports": 1.0, "prose": 0.5}


def test_candidates_lie_between_distinct_scores():
    thresholds = candidate_thresholds({"s": outcomes([(0.2, True), (0.4, True)], [0.2])})
    assert [round(t, 3) for t in thresholds] == [0.199, 0.3, 0.401]


def test_recommendation_declines_enough_everywhere_and_keeps_a_margin():
    best = recommend(SETS, min_abstention=0.75)
    # any 0.32 < t <= 0.40 declines 3/4 of prose's unanswerables and keeps every right answer;
    # the recommendation sits in the middle of that range
    assert 0.32 < best.threshold <= 0.40
    assert best.declined["prose"] >= 0.75 and best.declined["reports"] == 1.0
    assert best.right == {"reports": 0.75, "prose": 0.75}
    assert abs(best.threshold - (0.32 + 0.40) / 2) < 0.01


def test_when_no_threshold_declines_enough_it_balances_both():
    best = recommend({"hard": outcomes([(0.5, True)], [0.9])}, min_abstention=0.9)
    assert best.right["hard"] + best.declined["hard"] == 1.0



def test_cross_validation_judges_each_fold_at_a_threshold_fitted_without_it():
    # Questions on two documents, which land in different folds ("a.txt" in fold 1, "c.txt" in 0).
    a = [Outcome(0.8, True, True, group="a.txt"), Outcome(0.3, False, False, group="a.txt")]
    c = [Outcome(0.5, True, True, group="c.txt"), Outcome(0.6, False, False, group="c.txt")]
    assert {fold_of(o, 2) for o in a} == {1} and {fold_of(o, 2) for o in c} == {0}
    held = cross_validate({"s": a + c}, folds=2, min_abstention=0.9)
    # Fitted on "a" alone: 0.3 < t <= 0.8, its middle 0.55 declines c's 0.5 answer and answers its
    # 0.6 unanswerable. Fitted on "c" alone: 0.6 < t, the middle of the best range; a's 0.8 answer
    # is kept and its 0.3 unanswerable declined.
    fold0, fold1 = held.thresholds
    assert 0.3 < fold0 <= 0.8 and fold1 > 0.6
    assert held.right["s"] == 0.5  # a's answer kept, c's lost: what a fitted-in-sample figure hides
    assert held.declined["s"] == 0.5
    in_sample = recommend({"s": a + c}, min_abstention=0.9)
    assert in_sample.right["s"] + in_sample.declined["s"] > held.right["s"] + held.declined["s"]
