"""The day a deal was announced, from the sentence and the article's date."""

from datetime import date

from articles.extraction.deals.dates import announced_on

THURSDAY = date(2024, 3, 7)


def test_a_weekday_is_the_most_recent_such_day_before_publication():
    assert announced_on("Northwind said on Monday it would buy Contoso.", THURSDAY) == date(2024, 3, 4)


def test_the_same_weekday_as_publication_is_that_day():
    assert announced_on("It said on Thursday it agreed.", THURSDAY) == THURSDAY


def test_yesterday_is_the_day_before_publication():
    assert announced_on("The deal was announced yesterday.", THURSDAY) == date(2024, 3, 6)


def test_an_explicit_date_needs_no_publication_date():
    assert announced_on("It was announced on March 3, 2023.", None) == date(2023, 3, 3)
    assert announced_on("It was announced on 3 March 2023.", None) == date(2023, 3, 3)


def test_a_date_without_a_year_takes_the_publication_year_unless_that_is_in_the_future():
    assert announced_on("It agreed on 3 March.", THURSDAY) == date(2024, 3, 3)
    assert announced_on("It agreed on 3 December.", THURSDAY) == date(2023, 12, 3)


def test_a_month_alone_is_not_a_day():
    assert announced_on("It agreed in March 2023.", THURSDAY) is None


def test_relative_words_without_a_publication_date_give_nothing():
    assert announced_on("It said on Monday it agreed.", None) is None


def test_an_impossible_date_gives_nothing():
    assert announced_on("It agreed on February 31, 2023.", None) is None
