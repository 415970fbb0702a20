"""sitegen.loaders.bodyrun: line scores and the candidate prose runs of a page."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sitegen.loaders.bodyrun import BARRIER_LINES, GAP_COST, candidate_runs, line_score, score_lines
from sitegen.loaders.lines import split_lines

CAIRO = ZoneInfo("Africa/Cairo")
PROSE = "وقال المتحدث باسم الوزارة إن العمل في المشروع سيبدأ خلال الشهر المقبل في ثلاث محافظات."


def scored(text: str):
    lines = split_lines(text, CAIRO)
    score_lines(lines)
    return lines


def test_prose_scores_its_words_boilerplate_scores_negative_short_lines_cost_a_gap():
    lines = scored("\n".join([PROSE, "شارك", "صورة أرشيفية للمشروع", "الأحد 3 مارس 2024"]))
    assert lines[0].score == lines[0].words == 15
    assert line_score(lines[1]) < -GAP_COST        # web vocabulary
    assert lines[2].score < 0                     # a caption
    assert lines[3].score < -GAP_COST             # a date line


def test_hard_wrapped_first_half_scores_as_prose():
    first = "افتتح محافظ الوادي الجديد مهرجان التمور السنوي بمشاركة مئة وعشرين مزارعاً من مختلف"
    lines = scored(first + "\nالمراكز والقرى التابعة للمحافظة، وسط إقبال كبير من الزوار والتجار القادمين من المحافظات.")
    assert lines[0].score > 0


def test_a_caption_inside_the_body_does_not_split_it():
    lines = scored("\n\n".join([PROSE, "وزير النقل خلال الافتتاح", PROSE.replace("الشهر", "العام")]))
    runs = candidate_runs(lines)
    assert (runs[0].start, runs[0].end) == (0, 4)


def test_a_barrier_of_boilerplate_separates_two_runs():
    chrome_block = ["شارك", "فيسبوك", "تويتر", "واتساب", "طباعة"][:BARRIER_LINES]
    rules = "يرجى الالتزام بآداب الحوار وعدم الإساءة إلى الآخرين في التعليقات المنشورة على الموقع."
    lines = scored("\n".join([PROSE, *chrome_block, rules, rules.replace("الموقع", "الصفحة")]))
    spans = sorted((r.start, r.end) for r in candidate_runs(lines))
    assert spans == [(0, 0), (BARRIER_LINES + 1, BARRIER_LINES + 2)]


def test_a_page_of_menus_has_no_run():
    assert candidate_runs(scored("\n".join(["الرئيسية", "سياسة", "اقتصاد", "رياضة", "شارك"]))) == []


def test_a_tiny_body_is_still_a_run():
    runs = candidate_runs(scored("خبر\n\nنص الخبر الخام هنا في فقرة كاملة."))
    assert len(runs) == 1 and runs[0].start == 2


def test_a_copied_table_inside_the_article_is_no_barrier():
    rows = ["القطاع\t2025\t2026", "السياحة\t6.1%\t9.7%", "العقارات\t5.4%\t8.2%", "التجارة\t4.3%\t5.1%",
            "النقل\t5.9%\t4.6%", "الصناعة\t3.2%\t3.9%"]
    lines = scored("\n".join([PROSE, "", *rows, "", PROSE.replace("ثلاث", "أربع")]))
    best = candidate_runs(lines)[0]
    assert (best.start, best.end) == (0, len(rows) + 3)  # one body across the table
