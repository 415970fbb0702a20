from sitegen.loaders.bylines import parse_credit
from sitegen.loaders.places import is_place


def test_places_of_two_words_in_any_spelling_and_the_zone_cities():
    assert is_place("مكة المكرمة") and is_place("مكه  المكرمه") and is_place("رام الله")
    assert is_place("بغداد") and is_place("لندن")  # the dates' zone names
    assert not is_place("أحمد علي") and not is_place("المكرمة")


def test_a_two_word_place_before_an_agency_is_the_dateline_not_a_reporter():
    """tune30 sa_hajj_stats_hijri: «مكة المكرمة - واس» gave the reporter «مكة المكرمة»."""
    credit = parse_credit("مكة المكرمة - واس")
    assert (credit.place, credit.source, credit.person) == ("مكة المكرمة", "واس", None)
    reporter = parse_credit("أحمد علي - البيان")
    assert (reporter.place, reporter.person) == (None, "أحمد علي")
