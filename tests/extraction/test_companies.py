"""Company and mention rules of the engine, each shown on a sentence written for the test."""

from __future__ import annotations

import pickle

import pytest

from articles.extraction.gazetteer import Gazetteer
from articles.extraction.pipeline import extract
from articles.extraction.serialize import PUBLIC_CONFIDENCE, extraction_to_json
from articles.extraction.short_forms import LowercaseWords
from articles.extraction.types import CompanyCandidate, CompanyKind, Extraction
from tests.extraction.companies_fixtures import entry, small_gazetteer

GAZETTEER = small_gazetteer()


def companies(text: str) -> dict[str, CompanyCandidate]:
    return {company.name: company for company in extract(text, GAZETTEER).companies}


def public_names(text: str) -> set[str]:
    return {company.name for company in extract(text, GAZETTEER).companies if company.confidence >= PUBLIC_CONFIDENCE}


def mention_texts(company: CompanyCandidate) -> list[str]:
    return [mention.text for mention in company.mentions]


def assert_offsets_valid(text: str, extraction: Extraction) -> None:
    for _, mention in extraction.mentions:
        assert text[mention.start : mention.end] == mention.text


# -- sentences and paragraphs ----------------------------------------------------------------------------------


def test_splits_sentences_with_offsets_into_the_text() -> None:
    text = "Mr. Smith joined Acme Corp. in May. He left.\n\nA new paragraph starts here."
    extraction = extract(text, GAZETTEER)
    assert [sentence.text for sentence in extraction.sentences] == [
        "Mr. Smith joined Acme Corp. in May.",
        "He left.",
        "A new paragraph starts here.",
    ]
    assert [sentence.paragraph for sentence in extraction.sentences] == [0, 0, 1]
    for sentence in extraction.sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_wrapped_wire_lines_stay_in_one_paragraph() -> None:
    text = "Woodco Inc said it\nagreed to sell a unit.\n    The price was not disclosed."
    extraction = extract(text, GAZETTEER)
    assert len(extraction.paragraphs) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Analysts at J.P. Morgan and Co Inc said Woodco Inc was a bargain.",
        "The shares were bought by E.F. Hutton Group for its clients.",
        "Dr. Marsh said the U.S.A. unit of Woodco Corp would be sold.",
        "The plan was backed by John F. Kennedy and his brother.",
    ],
)
def test_initials_and_abbreviations_do_not_end_a_sentence(text: str) -> None:
    assert [sentence.text for sentence in extract(text, GAZETTEER).sentences] == [text]


@pytest.mark.parametrize(
    ("text", "ending"),
    [
        ("Trelloway agreed to buy a stake in Woodco Corp. The price was not disclosed.", "Woodco Corp."),
        ("Trelloway sold its plants in the U.S. It kept its plants in Canada.", "in the U.S."),
        ("Orvella bought the shares of Drummel Co. Analysts said the price was fair.", "Drummel Co."),
    ],
)
def test_an_abbreviation_ends_a_sentence_before_a_word_that_opens_one(text: str, ending: str) -> None:
    sentences = [sentence.text for sentence in extract(text, GAZETTEER).sentences]
    assert len(sentences) == 2
    assert sentences[0].endswith(ending)


# -- known companies -------------------------------------------------------------------------------------------


def test_links_a_possessive_mention() -> None:
    found = companies("Analysts praised Kuaishou's results on Monday.")
    assert mention_texts(found["Kuaishou"]) == ["Kuaishou"]


def test_prefers_the_longest_name() -> None:
    found = companies("Kuaishou Technology reported strong growth.")
    assert mention_texts(found["Kuaishou"]) == ["Kuaishou Technology"]


def test_does_not_match_inside_a_word() -> None:
    assert "Time Warner" not in companies("The Time Warnerville parade went ahead.")
    assert "IBM" not in companies("An IBMX device was shown.")


def test_keeps_the_case_of_names() -> None:
    assert "IBM" not in companies("The ibm keyboard layout is odd.")
    assert "Time Warner" not in companies("Spend less time warner said nobody.")


def test_matches_hyphen_and_ampersand_variants() -> None:
    found = companies("Hewlett Packard and Procter and Gamble both reported higher sales.")
    assert mention_texts(found["Hewlett-Packard"]) == ["Hewlett Packard"]
    assert mention_texts(found["Procter & Gamble"]) == ["Procter and Gamble"]


def test_links_a_former_name_or_alias_to_the_company() -> None:
    found = companies("Facebook said it would change its name.")
    assert mention_texts(found["Meta Platforms"]) == ["Facebook"]


def test_links_an_ordinary_word_name_only_with_corporate_context() -> None:
    assert "Apple" not in companies("She ate an Apple pie.")
    assert "Shell" in companies("Oil giant Shell said profits rose.")
    assert "Apple" in companies("Shares in Apple fell 3% on Tuesday.")


def test_an_investment_or_an_apposition_calling_it_a_business_is_corporate_context() -> None:
    assert "Apple" in companies("Apple will invest up to $4 billion in Kuaishou.")
    assert "Shell" in companies("Talks with Shell, the Anglo-Dutch oil company, broke down.")
    assert "Shell" in companies("Kuaishou's purchase of Shell was called off.")


def test_an_ordinary_word_name_listed_with_a_company_is_one_whatever_else_the_list_holds() -> None:
    assert "Apple" in companies("Last week Apple, Trelloway and Kuaishou said they would back the format.")
    assert "Apple" in companies("Kuaishou, Orvella, Belquist or Apple may bid.")
    assert "Apple" not in companies("Apple, Pear and Plum trees grow well near Kuaishou.")


def test_a_sentence_opening_the_name_with_the_still_links_a_dictionary_word_name() -> None:
    gazetteer = Gazetteer([entry("granite", "Granite")])
    found = {company.name for company in extract("The Granite Corp is buying the paper.", gazetteer).companies}
    assert found == {"Granite"}


def test_links_an_ordinary_word_name_when_the_fuller_name_is_in_the_article() -> None:
    found = companies("Royal Dutch Shell opened a plant. Later, Shell hired staff.")
    assert mention_texts(found["Shell"]) == ["Royal Dutch Shell", "Shell"]


def test_links_a_ticker_only_where_tickers_are_written() -> None:
    assert "Apple" in companies("The iPhone maker (NASDAQ: AAPL) gained.")
    assert "Apple" not in companies("AAPL is not a word anyone says.")


def test_links_a_wire_ticker_after_the_name() -> None:
    found = companies("Kuaishou KSHU said it bought a stake.")
    assert mention_texts(found["Kuaishou"]) == ["Kuaishou", "KSHU"]


@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("Shares of Kuaishou Technology Co Ltd KSHU.HK rose.", "KSHU.HK"),
        ("Belquist agreed to sell its unit to Kuaishou Group Holdings\nKSHU.T on Monday.", "KSHU.T"),
        ("Kuaishou's KSHU.HK planned purchase of Belquist was approved.", "KSHU.HK"),
    ],
)
def test_links_a_wire_ticker_after_legal_forms_a_possessive_or_a_line_break(text: str, ticker: str) -> None:
    assert mention_texts(companies(text)["Kuaishou"])[-1] == ticker


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("Shoppers queued for Kuaishou DVD players on Saturday.", "Kuaishou"),
        ("The new Kuaishou TV service launches in May.", "Kuaishou"),
        ("Fans preferred the Kuaishou PSP, a handheld console.", "Kuaishou"),
        ("The Meta Platforms VR headset sold well.", "Meta Platforms"),
        ("The Hewlett-Packard PC range was cut.", "Hewlett-Packard"),
    ],
)
def test_an_everyday_acronym_or_a_product_after_the_name_is_not_its_ticker(text: str, company: str) -> None:
    assert len(companies(text)[company].mentions) == 1


def test_an_everyday_acronym_after_a_new_name_is_not_taken_for_its_ticker_without_a_legal_form() -> None:
    found = companies("Viewers tuned in to Harlow Music TV on Friday.")
    assert "TV" not in [text for company in found.values() for text in mention_texts(company)]

    wire = companies("Shares of Harlow Industries Inc TV rose.")
    assert mention_texts(wire["Harlow Industries"]) == ["Harlow Industries Inc", "TV"]


@pytest.mark.parametrize(
    ("text", "company", "ticker"),
    [
        # An exchange code, whatever the letters.
        ("Hewlett-Packard QXZ.N said it would cut jobs.", "Hewlett-Packard", "QXZ.N"),
        # The company's own ticker from the knowledge base.
        ("Shares in Apple Inc AAPL rose 2 pct.", "Apple", "AAPL"),
        # A legal form written before it, as wire copy writes tickers.
        ("Procter & Gamble Co PGX said sales rose.", "Procter & Gamble", "PGX"),
        # A symbol that abbreviates the name.
        ("Time Warner TWR gained 1/2.", "Time Warner", "TWR"),
    ],
)
def test_a_ticker_is_told_by_an_exchange_code_a_known_ticker_a_legal_form_or_the_name_s_letters(
    text: str, company: str, ticker: str
) -> None:
    assert mention_texts(companies(text)[company])[-1] == ticker


@pytest.mark.parametrize(
    "text", ["Talks with Kuaishou Ltd PLC ended.", "Kuaishou Technology NV said it agreed.", "Time Warner NA said."]
)
def test_a_legal_form_after_the_name_is_not_its_ticker(text: str) -> None:
    found = companies(text)

    assert all(mention.text not in ("PLC", "NV", "NA") for c in found.values() for mention in c.mentions)


def test_a_capital_word_opening_the_next_line_is_not_a_ticker() -> None:
    found = companies("Talks with Kuaishou\nA spokesman declined to comment.")
    assert mention_texts(found["Kuaishou"]) == ["Kuaishou"]


def test_knowledge_base_parent_is_kept() -> None:
    found = companies("AOL lost subscribers.")
    assert found["AOL"].kind == CompanyKind.UNIT
    assert found["AOL"].parent_key == "time-warner"


# -- short forms -----------------------------------------------------------------------------------------------


def test_links_a_later_short_form_to_the_company_named_earlier() -> None:
    text = "Kuaishou will spin off its Kling AI video unit. Investors expect Kling to grow."
    found = companies(text)
    assert mention_texts(found["Kling AI"]) == ["Kling AI", "Kling"]


def test_links_a_short_form_of_a_discovered_company() -> None:
    found = companies("Sybari Software Inc makes filters. Later, Sybari hired staff.")
    assert mention_texts(found["Sybari Software"]) == ["Sybari Software Inc", "Sybari"]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("It was the first time.", True),
        ("A long-time rival.", True),
        ("Time Warner times its deals; timely.", False),
        ("The time_line and time2 are not words of their own.", False),
    ],
)
def test_knows_whether_the_article_writes_a_word_in_lower_case(text: str, written: bool) -> None:
    assert ("time" in LowercaseWords(text)) is written


def test_asks_only_about_lower_case_ascii_words() -> None:
    words = LowercaseWords("Time and time again, in the café.")
    assert "time" in words
    assert "Time" not in words
    assert "café" not in words


# -- discovery -------------------------------------------------------------------------------------------------


def test_discovers_a_company_from_its_legal_form() -> None:
    found = companies("Quarrington Ltd said profits rose.")
    assert found["Quarrington"].key is None
    assert found["Quarrington"].confidence >= PUBLIC_CONFIDENCE
    assert found["Quarrington"].evidence


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Orvella, the Chinese tech giant, reported results.", "Orvella"),
        ("US media firm Zantrova jumped 5%.", "Zantrova"),
        ("Shares in Belquist rose sharply.", "Belquist"),
        ("Orvella's chief executive resigned on Friday.", "Orvella"),
        ("The bank agreed to buy Drummel for $2bn.", "Drummel"),
        ("Analysts at Fennick Research expect growth.", "Fennick Research"),
        ("Kuaishou, Apple and Trelloway all reported profits.", "Trelloway"),
    ],
)
def test_discovers_a_company_from_descriptors_and_roles(text: str, name: str) -> None:
    assert name in public_names(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("American Motors Corp said it would close a plant.", "American Motors"),
        ("Shares in British Airways rose after the results.", "British Airways"),
        ("Canadian Home Products Ltd agreed to sell its unit.", "Canadian Home Products"),
    ],
)
def test_a_nationality_before_ordinary_words_is_part_of_the_name(text: str, name: str) -> None:
    assert name in public_names(text)


def test_a_nationality_before_a_coined_name_describes_it() -> None:
    assert "Zantrova" in public_names("Shares in German Zantrova Ltd rose.")


@pytest.mark.parametrize(
    "text",
    [
        "Russian stock rose on Monday, and shares in Belquist fell.",
        "The company signed a deal with German buyers, Belquist Ltd said.",
    ],
)
def test_a_nationality_alone_is_never_a_company(text: str) -> None:
    assert public_names(text) == {"Belquist"}


def test_a_legal_form_after_a_business_word_is_not_a_ticker() -> None:
    assert "European Asian Bank" in public_names("The stake was held by the former European Asian Bank AG.")


def test_an_ordinary_word_the_article_also_writes_in_lower_case_needs_a_strong_cue() -> None:
    text = (
        "Tube workers walked out on Monday. The tube lines were shut, said Belquist, the firm that runs them. "
        "She is head of Distribution at Belquist, and distribution was hit."
    )
    assert public_names(text) == {"Belquist"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A group led by Marlowe Group of Houston agreed to buy the plant.", "Marlowe Group of Houston"),
        ("Orvella agreed to buy Fennick County Telephone Co of Lafayette.", "Fennick County Telephone Co of Lafayette"),
        ("Lenders include the First Trelloway Bank of Chicago.", "First Trelloway Bank of Chicago"),
    ],
)
def test_a_business_name_keeps_its_evidence_before_the_place_it_is_in(text: str, name: str) -> None:
    assert name in public_names(text)


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Marsh of Belquist Inc said the price was fair.",
        '"The price is fair," said Walid Haddad of Belquist Inc.',
        "Technician Leslie Keefe of Belquist Inc expects a rally.",
    ],
)
def test_a_person_of_a_company_is_not_part_of_its_name(text: str) -> None:
    assert public_names(text) == {"Belquist"}


def test_a_discovered_name_drops_the_joiner_of_its_legal_form() -> None:
    assert {"Drummel", "Fennick"} <= public_names("Drummel and Co said Fennick & Co Inc would advise it.")


def test_a_known_company_and_co_is_the_same_company() -> None:
    found = companies("Shares were sold through Kuaishou and Co, a spokesman said.")
    assert set(found) == {"Kuaishou"}


def test_new_before_a_capitalised_word_opens_the_name() -> None:
    found = public_names("New Trelloway Pictures said it sold its stake in New Belquist Electric System.")
    assert found == {"New Trelloway Pictures", "New Belquist Electric System"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Fennick Bancorp Inc said it agreed to buy a bank.", "Fennick Bancorp"),
        ("Texas Bancshares Inc said it agreed to merge.", "Texas Bancshares"),
        ("Western Co said profits rose.", "Western Co"),
        ("Drummel Corp said profits rose.", "Drummel"),
    ],
)
def test_a_legal_form_stays_in_the_name_when_one_word_alone_could_not_name_the_company(text: str, name: str) -> None:
    assert name in public_names(text)


def test_a_verb_opening_a_sentence_is_no_name() -> None:
    assert public_names("Offering shares to the public is an option, Belquist Inc said.") == {"Belquist"}


def test_a_unit_of_a_named_parent() -> None:
    found = companies("Drellix, a unit of Marrowby Holdings, cut jobs.")
    assert found["Drellix"].kind == CompanyKind.UNIT
    assert found["Drellix"].parent_name == "Marrowby Holdings"


def test_its_unit_belongs_to_the_company_named_before() -> None:
    found = companies("China's Kuaishou plans to spin off its Kling AI video unit.")
    assert found["Kling AI"].kind == CompanyKind.UNIT
    assert found["Kling AI"].parent_name == "Kuaishou"
    assert found["Kling AI"].parent_key == "kuaishou"


def test_owner_possessive_unit() -> None:
    found = companies("Time Warner's Lorimar film unit grew.")
    assert found["Lorimar"].parent_name == "Time Warner"


@pytest.mark.parametrize(
    "text",
    [
        "Doubts grow over Quillmere, the much-loved Scottish shortbread maker owned by Marrowby Holdings.",
        "Quillmere, a bakery chain majority-owned by Marrowby Holdings, cut prices.",
    ],
)
def test_an_apposition_saying_who_owns_a_company_makes_it_a_unit_of_the_owner(text: str) -> None:
    found = companies(text)
    assert found["Quillmere"].kind == CompanyKind.UNIT
    assert found["Quillmere"].parent_name == "Marrowby Holdings"
    assert found["Quillmere"].confidence >= PUBLIC_CONFIDENCE


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("It grew through acquisitions such as that of Veltrano and Quorbit.", {"Veltrano", "Quorbit"}),
        ("Its takeovers like Veltrano paid off.", {"Veltrano"}),
        ("Drummel Inc agreed to acquire Veltrano and Quorbit for $2bn.", {"Drummel", "Veltrano", "Quorbit"}),
    ],
)
def test_companies_named_as_what_is_bought_are_companies_both_of_a_pair(text: str, names: set[str]) -> None:
    assert public_names(text) == names


def test_a_name_after_such_as_is_no_company_when_the_examples_are_not_deals() -> None:
    assert public_names("Growth came from markets such as that of Veltrano.") == set()


def test_the_second_of_a_pair_in_talks_needs_evidence_of_its_own() -> None:
    assert "Quorbit" not in public_names("Drummel Inc held talks with Veltrano and Quorbit.")


def test_a_business_word_after_and_continues_the_name_of_the_company_bought() -> None:
    names = public_names("Drummel Inc agreed to the purchase of Kootenay Power and Light of Ontario.")
    assert "Light of Ontario" not in names


@pytest.mark.parametrize(
    "text",
    [
        "Personally, I think this is a bold move.",
        "From my perspective, the deal is good.",
        "The European Central Bank raised rates, and the Federal Reserve followed.",
        "The Bank of England kept rates on hold.",
        "The Securities and Exchange Commission opened an inquiry.",
        "The SEC and the FBI declined to comment.",
        "Sales in Germany and London rose in March.",
        "Shares in France fell.",
        "Chancellor Gordon Brown spoke on Monday.",
        "Mr Parsons said Richard Parsons would stay.",
        "The Pensions Policy Institute published a report.",
    ],
)
def test_never_discovers_places_people_months_public_bodies_or_openers(text: str) -> None:
    assert public_names(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Shares in June/July rose. June/July said profits rose, Trelloway Ltd said.",
        "Demand rose 0.6 pct in October/December. Shares in October/December fell, Trelloway Ltd said.",
        "Shares in EDT rose. Offers are due by 1100 hrs EDT, Trelloway Ltd said.",
        "Shares in Ecus rose. The coins cost 50 Ecus, Trelloway Ltd said.",
    ],
)
def test_never_takes_a_range_of_months_a_time_zone_or_a_currency_unit_for_a_company(text: str) -> None:
    # Each phrase is given the cues ("shares in X", "X said") that would make a coined name a company.
    assert set(companies(text)) == {"Trelloway"}


def test_never_discovers_a_central_bank() -> None:
    assert public_names("The People's Bank of China and the Reserve Bank of India met.") == set()


def test_never_discovers_a_blocked_name() -> None:
    gazetteer = small_gazetteer(blocked_names=("Quarrington Ltd",))
    assert extract("Quarrington Ltd said profits rose.", gazetteer).companies == []


def test_a_name_repeated_without_cues_is_only_for_review() -> None:
    found = companies("We met Zorbex in the hall. Later Zorbex left, and Zorbex came back.")
    assert found["Zorbex"].confidence < PUBLIC_CONFIDENCE


def test_seed_like_article_names_only_the_parent_and_its_unit() -> None:
    text = (
        "China's Kuaishou is making waves with its plans to spin off its Kling AI video unit, valued at $20 billion. "
        "From my perspective, the spin-off underscores Kuaishou's commitment to innovation.\n"
        "Personally, I think Kling AI could become a major player."
    )
    assert public_names(text) == {"Kuaishou", "Kling AI"}


# -- output ----------------------------------------------------------------------------------------------------


def test_serializes_the_contract_shape() -> None:
    text = "Quarrington Ltd said Kuaishou's unit grew."
    data = extraction_to_json(extract(text, GAZETTEER))
    company = data["companies"][0]
    assert set(company) == {"name", "slug", "status", "confidence", "parent", "kind", "mentions"}
    assert {c["status"] for c in data["companies"]} == {"known", "discovered"}
    assert data["deals"] == []


def test_public_threshold_drops_review_only_candidates() -> None:
    text = "We met Zorbex in the hall. Later Zorbex left, and Zorbex came back."
    assert extraction_to_json(extract(text, GAZETTEER), min_confidence=PUBLIC_CONFIDENCE)["companies"] == []


def test_gazetteer_pickles() -> None:
    copy = pickle.loads(pickle.dumps(GAZETTEER))  # noqa: S301 (our own object, just pickled)
    assert [c.name for c in extract("Kuaishou grew.", copy).companies] == ["Kuaishou"]


def test_offsets_slice_the_text_exactly() -> None:
    text = "Kuaishou\u2019s  unit\nKling AI and Hewlett-Packard (NASDAQ: AAPL) met Quarrington Ltd."
    assert_offsets_valid(text, extract(text, GAZETTEER))


def test_a_name_whose_legal_form_leaves_only_initials_does_not_link_the_initials() -> None:
    from articles.extraction.gazetteer import Gazetteer
    from articles.extraction.pipeline import extract
    from articles.extraction.types import GazetteerEntry, GazetteerName

    gazetteer = Gazetteer(
        [GazetteerEntry(key="us-bancorp", name="U.S. Bancorp", names=(GazetteerName("U.S. Bancorp"),))]
    )
    found = extract("The U.S. economy grew. U.S. Bancorp said profits rose.", gazetteer)
    assert [(m.text, c.key) for c, m in found.mentions] == [("U.S. Bancorp", "us-bancorp")]


def test_a_mention_limit_keeps_the_first_mentions_in_the_text_and_counts_the_rest() -> None:
    text = "Kuaishou and IBM said. " + "IBM rose. " * 5 + "Kuaishou fell."

    extraction = extract(text, GAZETTEER, max_mentions=4)

    assert [(company.name, mention.start) for company, mention in extraction.mentions] == [
        ("Kuaishou", 0),
        ("IBM", 13),
        ("IBM", 23),
        ("IBM", 33),
    ]
    assert extraction.mentions_dropped == 4
    assert_offsets_valid(text, extraction)


def test_a_mention_limit_leaves_out_a_company_named_only_after_it() -> None:
    extraction = extract("IBM rose. IBM fell. Kuaishou said.", GAZETTEER, max_mentions=2)

    assert [company.name for company in extraction.companies] == ["IBM"]
    assert extraction.mentions_dropped == 1


def test_a_mention_limit_changes_nothing_in_an_article_below_it() -> None:
    text = "Kuaishou plans to spin off its Kling AI video unit, valued at $20 billion. Kling AI makes video."

    limited, unlimited = extract(text, GAZETTEER, max_mentions=1000), extract(text, GAZETTEER)

    assert limited == unlimited
    assert limited.mentions_dropped == 0


def test_a_mention_limit_below_one_is_a_mistake_of_the_caller() -> None:
    with pytest.raises(ValueError, match="max_mentions"):
        extract("IBM rose.", GAZETTEER, max_mentions=0)


def test_a_unit_named_after_its_parent_takes_over_the_parents_mentions_inside_its_name() -> None:
    text = "Kuaishou Research, a unit of Kuaishou, grew. Kuaishou Research hired. Kuaishou said."

    extraction = extract(text, GAZETTEER)

    assert [(c.name, c.parent_name, [m.start for m in c.mentions]) for c in extraction.companies] == [
        ("Kuaishou Research", "Kuaishou", [0, 45]),
        ("Kuaishou", None, [29, 70]),
    ]
