from datetime import UTC, datetime

from articles.readers import read_bytes

SEED_LIKE = (
    "Acme Robotics is spinning off its drone unit into a separate company, valued at about $3 billion, "
    "according to people familiar with the plan. The unit would list in Hong Kong next year.\n"
    "Analysts said the move lets the parent focus on warehouse machines.\n"
)


def read_text(text: str, name: str = "story.txt"):
    [document] = read_bytes(text.encode(), name=name, origin=name)
    return document


def test_plain_text_with_a_title_line_uses_it_as_the_title_and_keeps_it_out_of_the_body():
    document = read_text("Acme buys Widget\n\nAcme said it would buy Widget.\n\nThe deal closes in May.\n")

    assert document.title == "Acme buys Widget"
    assert document.body == "Acme said it would buy Widget.\n\nThe deal closes in May."
    assert document.format == "text"
    assert document.origin == "story.txt"


def test_plain_text_without_a_title_line_keeps_the_whole_text_as_the_body():
    document = read_text(SEED_LIKE)

    assert document.body == SEED_LIKE.strip()


def test_plain_text_without_a_title_line_derives_a_short_title():
    document = read_text(SEED_LIKE)

    assert document.title.startswith("Acme Robotics is spinning off its drone unit")
    assert len(document.title) <= 91
    assert len(document.title.split()) < 20


def test_a_derived_title_that_fits_is_the_whole_first_sentence_without_an_ellipsis():
    document = read_text("Acme buys Widget for $2 billion. The deal was announced on Monday.\n")

    assert document.title == "Acme buys Widget for $2 billion"


def test_a_derived_title_cut_at_a_word_ends_with_an_ellipsis_and_no_dangling_word():
    long_sentence = (
        "Shareholders of the Northern Lights Shipping Company voted overwhelmingly in favour of the proposed "
        "merger with Southern Cross Freight Lines at the annual meeting held in Oslo on Thursday evening.\n"
    )

    title = read_text(long_sentence).title

    assert title.endswith("…")
    assert len(title) <= 91
    assert title.rstrip("…").split()[-1].lower() not in {"the", "of", "with", "in", "at"}
    assert long_sentence.startswith(title.rstrip("…"))


def test_a_first_line_that_is_a_sentence_is_not_mistaken_for_a_title():
    text = "Acme said on Monday it had agreed to buy Widget.\n\nThe price was not disclosed.\n"

    document = read_text(text)

    assert document.body == text.strip()
    assert document.title == "Acme said on Monday it had agreed to buy Widget"


def test_a_question_headline_is_a_title_line():
    document = read_text("Can Acme survive the chip shortage?\n\nAcme has cut its forecast twice.\n")

    assert document.title == "Can Acme survive the chip shortage?"
    assert document.body == "Acme has cut its forecast twice."


def test_hard_wrapped_text_gives_a_title_from_the_whole_first_sentence():
    document = read_text("Widget Inc said it\nwould sell its chip unit\nto Acme. More follows.\n")

    assert document.title == "Widget Inc said it would sell its chip unit to Acme"


def test_a_file_with_an_unknown_extension_is_read_as_plain_text():
    document = read_text("Acme buys Widget\n\nAcme said it would buy Widget.\n", name="story.news")

    assert document.format == "text"
    assert document.title == "Acme buys Widget"


def test_a_wire_story_is_dated_by_its_dateline():
    document = read_text("Acme buys Widget\n\nSANTA CLARA, 8 February 2022 - Acme said it would buy Widget.\n")

    assert document.published_at == datetime(2022, 2, 8, tzinfo=UTC)
    assert document.body.startswith("SANTA CLARA, 8 February 2022 - Acme")


def test_a_dateline_without_a_city_or_in_american_order_dates_the_story_too():
    assert read_text("14 July 2024 - Acme is in talks to buy Widget.\n").published_at == datetime(
        2024, 7, 14, tzinfo=UTC
    )
    assert read_text("LONDON, March 3, 2024 - Acme bought Widget.\n").published_at == datetime(2024, 3, 3, tzinfo=UTC)


def test_a_story_without_a_dated_dateline_has_no_date():
    assert read_text("LONDON - Acme and Widget agreed to merge.\n").published_at is None
    assert read_text("Acme said on 8 February 2022 - a Tuesday - it would buy Widget.\n").published_at is None
