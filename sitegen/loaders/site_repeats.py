"""The lines a site repeats across its dumps (:mod:`sitegen.loaders.sitechrome`), as they
bear on one page: never allowed to empty an article, and giving back the short subheadings
every article of the site prints.
"""

from __future__ import annotations

from sitegen.loaders.bodyrun import Run, candidate_runs, score_lines
from sitegen.loaders.lines import Line
from sitegen.loaders.neighbours import next_line, previous_line


def _best_score(lines: list[Line]) -> float:
    runs = candidate_runs(lines)
    return runs[0].score if runs else 0.0


def runs_without_site_chrome(lines: list[Line]) -> tuple[list[Line], list[Run]]:
    """``(repeated, runs)``: the lines the site repeats across dumps, and the page's candidate
    bodies read as if the site repeated nothing (the lines' scores are left as they were)."""
    repeated = [line for line in lines if line.site_repeat]
    for line in repeated:
        line.site_repeat = False
    score_lines(lines)
    runs = candidate_runs(lines)
    for line in repeated:
        line.site_repeat = True
    score_lines(lines)
    return repeated, runs


def chrome_ate_the_body(lines: list[Line], plain: list[Run]) -> bool:
    """True when what the site repeats across dumps took most of this page's prose (copies
    of one article built together): the site's chrome must never empty an article.
    ``plain``: the candidate bodies read without the site's chrome."""
    return _best_score(lines) < (plain[0].score if plain else 0.0) / 2


#: A subheading the site prints in many of its articles (``المكونات``) is at most this many words.
RECURRING_HEADING_MAX_WORDS = 3


def own_recurring_headings(lines: list[Line], repeated: list[Line], plain: list[Run]) -> None:
    """Give back to the article the short lines its site prints in other dumps too that stand
    alone inside this article's text: a subheading every recipe (or every match report) of
    the site carries, such as ``المكونات``. Such a line is site chrome by repetition, but read
    without the site's chrome (``plain``) the article's best run holds it, and no neighbour of
    it is repeated (a repeated widget or menu comes as a block). Lines with web vocabulary stay chrome."""
    if not repeated or not plain:
        return
    best = plain[0]
    own = [line for line in repeated
           if best.start < line.index < best.end and line.words <= RECURRING_HEADING_MAX_WORDS
           and line.vocabulary is None and not line.prose_like
           and not any(n is not None and n.site_repeat for n in (previous_line(lines, line.index),
                                                                 next_line(lines, line.index)))]
    for line in own:
        line.site_repeat = False
    if own:
        score_lines(lines)
