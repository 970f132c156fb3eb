"""Where a dateline was written → the IANA time zone that gives its clock time an offset.

FRUS editors of modern volumes write ``@when`` with the local offset valid on that day
(``1958-06-16T14:00:00+03:00`` for Beirut); the offset itself comes from ``zoneinfo``, which
carries the history (war time, local mean time before 1883). This module knows which zone a
place is in and asks ``zoneinfo`` for the offset (:func:`zone_offset`). It never guesses: a
place with no known city, capital or single-zone country in it has no zone, and the date then
goes without an offset.

Names are matched without case and accents, inside the place words, and the *last* known
name wins, so ``Department of State, Washington`` and ``Legation of the United States,
Nicaragua, Costa Rica, and Salvador, Managua`` find the city. Ship names in quotes
(``Aboard U. S. S. “Oahu,”``) are ignored: a ship is not where its name comes from.

It also knows what place words look like, for :mod:`encoder.dates`: where they stand before
a date (``[Washington,]`` → ``Washington``; ``[place not declassified]`` → none) and whether
words are a place at all (capitalised names and small words, not a sentence).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# One zone a line: "Zone: name, name, …" (historical spellings included); an indented line
# goes on with the names of the line above. Countries appear only where the whole country
# kept one zone through the period FRUS covers.
_TABLE = """
America/New_York: Washington, Department of State, White House, Pentagon, New York, Boston,
    Philadelphia, Baltimore, Atlanta, Miami, Key West, Key Biscayne,
    Palm Beach, Hyde Park, Gettysburg, Camp David, Thurmont, Newport,
    Charlottesville, Richmond, Norfolk, Annapolis, Augusta, Thomasville,
    Williamsburg, Quantico, Pittsburgh, Cleveland, Buffalo, Albany, Hartford,
    Providence, New Haven, Princeton, Trenton, Hobe Sound
America/Detroit: Detroit
America/Chicago: Chicago, New Orleans, Houston, Dallas, Austin, San Antonio, Johnson City,
    LBJ Ranch, Minneapolis, St. Louis, Saint Louis, Kansas City, Milwaukee,
    Memphis, Fort Worth
America/Denver: Denver, New Mexico, Salt Lake City, Santa Fe, Albuquerque, Colorado Springs
America/Phoenix: Phoenix, Tucson
America/Los_Angeles: San Francisco, Los Angeles, San Clemente, Seattle, Sacramento,
    San Diego, Palm Springs, Monterey, Palo Alto, Berkeley
Pacific/Honolulu: Honolulu, Pearl Harbor, Hawaii
America/Anchorage: Anchorage
America/Puerto_Rico: San Juan, Puerto Rico
America/Toronto: Ottawa, Montreal, Toronto, Quebec
America/Halifax: Halifax
America/Vancouver: Vancouver
America/Winnipeg: Winnipeg
America/Mexico_City: Mexico City, Mexico, Veracruz, Vera Cruz, Tampico, Guadalajara
America/Monterrey: Monterrey
America/Guatemala: Guatemala City, Guatemala
America/El_Salvador: San Salvador, El Salvador
America/Tegucigalpa: Tegucigalpa, Honduras
America/Managua: Managua, Nicaragua, Bluefields, Corinto, San Juan del Norte, Greytown
America/Costa_Rica: San Jose, Costa Rica
America/Belize: Belize
America/Panama: Panama City, Panama, Balboa, Colon, Cristobal
America/Havana: Havana, Habana, Cuba, Guantanamo, Santiago de Cuba
America/Port-au-Prince: Port-au-Prince, Haiti, Cap-Haitien
America/Santo_Domingo: Santo Domingo, Ciudad Trujillo, Dominican Republic
America/Jamaica: Kingston, Jamaica
America/Port_of_Spain: Port of Spain, Trinidad
America/Barbados: Bridgetown, Barbados
America/Nassau: Nassau
America/Guyana: Georgetown, Guyana
America/Paramaribo: Paramaribo
America/Bogota: Bogota, Colombia
America/Caracas: Caracas, Venezuela
America/Guayaquil: Quito, Guayaquil, Ecuador
America/Lima: Lima, Callao, Peru
America/La_Paz: La Paz, Bolivia
America/Santiago: Santiago, Valparaiso, Chile
America/Argentina/Buenos_Aires: Buenos Aires, Argentina
America/Montevideo: Montevideo, Uruguay
America/Asuncion: Asuncion, Paraguay
America/Sao_Paulo: Rio de Janeiro, Sao Paulo, Brasilia
Atlantic/Bermuda: Bermuda
Atlantic/Azores: Azores, Ponta Delgada
Atlantic/Reykjavik: Reykjavik, Iceland
Europe/London: London, Edinburgh, Glasgow, Belfast, Liverpool, Southampton, Plymouth,
    Chequers, England, Scotland
Europe/Dublin: Dublin, Ireland
Europe/Paris: Paris, Marseille, Marseilles, Lyon, Lyons, Bordeaux, Vichy, Le Havre, Havre,
    Cherbourg, Strasbourg, Versailles, France
Europe/Brussels: Brussels, Antwerp, Belgium
Europe/Amsterdam: The Hague, Amsterdam, Rotterdam, Netherlands
Europe/Luxembourg: Luxembourg
Europe/Zurich: Bern, Berne, Geneva, Zurich, Basel, Lausanne, Switzerland
Europe/Berlin: Berlin, Bonn, Frankfurt, Munich, Hamburg, Bremen, Potsdam, Cologne,
    Heidelberg, Nuremberg, Stuttgart, Leipzig, Dresden, Germany
Europe/Vienna: Vienna, Salzburg, Austria
Europe/Rome: Rome, Milan, Naples, Genoa, Turin, Florence, Venice, Trieste, Italy
Europe/Vatican: Vatican City, Vatican
Europe/Madrid: Madrid, Barcelona, Seville, Burgos, San Sebastian
Europe/Lisbon: Lisbon, Oporto, Porto, Portugal
Europe/Copenhagen: Copenhagen, Denmark
Europe/Oslo: Oslo, Christiania, Norway
Europe/Stockholm: Stockholm, Sweden
Europe/Helsinki: Helsinki, Helsingfors, Finland
Europe/Warsaw: Warsaw, Danzig, Gdansk, Poland
Europe/Prague: Prague, Czechoslovakia
Europe/Budapest: Budapest, Hungary
Europe/Bucharest: Bucharest, Rumania, Romania
Europe/Sofia: Sofia, Bulgaria
Europe/Belgrade: Belgrade, Yugoslavia, Skopje, Sarajevo, Ljubljana, Zagreb
Europe/Tirane: Tirana, Albania
Europe/Athens: Athens, Salonika, Thessaloniki, Greece
Europe/Istanbul: Istanbul, Constantinople, Ankara, Angora, Turkey
Asia/Nicosia: Nicosia, Cyprus
Europe/Malta: Valletta, Malta
Europe/Gibraltar: Gibraltar
Europe/Monaco: Monaco
Europe/Moscow: Moscow, Petrograd, St. Petersburg, Saint Petersburg, Leningrad, Vologda,
    Archangel, Arkhangelsk, Murmansk, Kazan
Europe/Kyiv: Kiev, Kyiv, Odessa
Europe/Minsk: Minsk
Europe/Riga: Riga, Latvia
Europe/Tallinn: Tallinn, Reval, Estonia
Europe/Vilnius: Vilnius, Vilna, Kaunas, Kovno, Lithuania
Europe/Simferopol: Yalta, Sevastopol, Simferopol
Europe/Chisinau: Chisinau, Kishinev
Asia/Tbilisi: Tbilisi, Tiflis
Asia/Baku: Baku
Asia/Yerevan: Yerevan, Erivan
Asia/Yekaterinburg: Yekaterinburg, Ekaterinburg, Sverdlovsk, Perm
Asia/Omsk: Omsk
Asia/Novosibirsk: Novosibirsk
Asia/Irkutsk: Irkutsk
Asia/Chita: Chita
Asia/Vladivostok: Vladivostok, Khabarovsk, Nikolsk
Asia/Tashkent: Tashkent
Asia/Beirut: Beirut, Lebanon
Asia/Damascus: Damascus, Aleppo, Syria
Asia/Baghdad: Baghdad, Basra, Iraq
Asia/Tehran: Tehran, Teheran, Tabriz, Iran
Asia/Amman: Amman, Jordan
Asia/Jerusalem: Jerusalem, Tel Aviv, Haifa, Israel
Africa/Cairo: Cairo, Alexandria, Port Said, Suez, Egypt
Asia/Riyadh: Riyadh, Jidda, Jeddah, Dhahran, Taif, Saudi Arabia
Asia/Kuwait: Kuwait
Asia/Bahrain: Bahrain, Manama
Asia/Qatar: Doha, Qatar
Asia/Dubai: Abu Dhabi, Dubai
Asia/Muscat: Muscat
Asia/Aden: Aden, Sanaa, Taiz, Yemen
Asia/Kabul: Kabul, Afghanistan
Asia/Karachi: Karachi, Lahore, Rawalpindi, Islamabad, Peshawar
Asia/Dhaka: Dacca, Dhaka, Bangladesh
Asia/Kolkata: New Delhi, Delhi, Bombay, Mumbai, Calcutta, Madras, India
Asia/Colombo: Colombo, Ceylon, Sri Lanka
Asia/Kathmandu: Kathmandu, Katmandu, Nepal
Asia/Yangon: Rangoon, Yangon, Burma
Asia/Bangkok: Bangkok, Thailand, Siam
Asia/Vientiane: Vientiane, Vietiane, Laos
Asia/Phnom_Penh: Phnom Penh, Cambodia
Asia/Ho_Chi_Minh: Saigon, Ho Chi Minh City, Hanoi, Hue, Da Nang, Danang
Asia/Kuala_Lumpur: Kuala Lumpur, Malaya, Malaysia
Asia/Singapore: Singapore
Asia/Jakarta: Djakarta, Jakarta, Batavia
Asia/Manila: Manila, Philippines, Baguio
Asia/Hong_Kong: Hong Kong
Asia/Macau: Macao, Macau
Asia/Taipei: Taipei, Taipeh, Taiwan, Formosa
Asia/Shanghai: Peking, Peiping, Beijing, Shanghai, Nanking, Nanjing, Hankow, Canton,
    Tientsin, Chungking, Chongqing, Mukden, Harbin, Tsingtao, Dairen, Amoy,
    Foochow, Chefoo, Kunming, Yenan
Asia/Ulaanbaatar: Ulan Bator, Ulaanbaatar, Urga
Asia/Seoul: Seoul, Pusan, Busan
Asia/Pyongyang: Pyongyang
Asia/Tokyo: Tokyo, Yokohama, Kobe, Osaka, Kyoto, Nagasaki, Japan
Africa/Addis_Ababa: Addis Ababa, Ethiopia
Africa/Asmara: Asmara
Africa/Khartoum: Khartoum
Africa/Tripoli: Tripoli, Benghazi, Libya
Africa/Tunis: Tunis, Tunisia
Africa/Algiers: Algiers, Algeria
Africa/Casablanca: Rabat, Casablanca, Tangier, Morocco
Africa/Dakar: Dakar, Senegal
Africa/Monrovia: Monrovia, Liberia
Africa/Freetown: Freetown
Africa/Conakry: Conakry
Africa/Bamako: Bamako
Africa/Abidjan: Abidjan
Africa/Accra: Accra, Ghana
Africa/Lome: Lome
Africa/Porto-Novo: Cotonou
Africa/Lagos: Lagos, Nigeria
Africa/Niamey: Niamey
Africa/Ouagadougou: Ouagadougou
Africa/Douala: Yaounde, Douala
Africa/Libreville: Libreville
Africa/Brazzaville: Brazzaville
Africa/Kinshasa: Leopoldville, Kinshasa
Africa/Lubumbashi: Elisabethville, Lubumbashi, Stanleyville
Africa/Luanda: Luanda
Africa/Nairobi: Nairobi, Mombasa, Kenya
Africa/Kampala: Kampala
Africa/Dar_es_Salaam: Dar es Salaam, Zanzibar
Africa/Mogadishu: Mogadiscio, Mogadishu
Africa/Djibouti: Djibouti
Africa/Lusaka: Lusaka
Africa/Harare: Salisbury
Africa/Blantyre: Blantyre, Zomba
Africa/Maputo: Lourenco Marques, Maputo
Africa/Johannesburg: Pretoria, Johannesburg, Cape Town
Indian/Antananarivo: Tananarive, Antananarivo
Africa/Ndjamena: Fort Lamy, N'Djamena
Africa/Bangui: Bangui
Africa/Nouakchott: Nouakchott
Africa/Bujumbura: Bujumbura, Usumbura
Africa/Kigali: Kigali
Indian/Mauritius: Port Louis
Australia/Sydney: Canberra, Sydney
Australia/Melbourne: Melbourne
Pacific/Auckland: Wellington, Auckland
Pacific/Guam: Guam, Agana, Saipan
Pacific/Fiji: Suva
Pacific/Kwajalein: Kwajalein
"""


def _zones(table: str) -> dict[str, tuple[str, ...]]:
    """The table above as zone → names (a text table keeps 540 names readable and short)."""
    rows: dict[str, str] = {}
    zone = ""
    for line in table.strip().splitlines():
        if line.startswith(" "):
            rows[zone] += " " + line.strip()
        else:
            zone, names = line.split(": ", 1)
            rows[zone] = names
    return {z: tuple(n.strip() for n in names.split(",")) for z, names in rows.items()}


_ZONES = _zones(_TABLE)


def _fold(text: str) -> str:
    """Lowercase without accents, so ``Bogotá``, ``BOGOTA`` and ``Bogota`` meet."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


GAZETTEER: dict[str, str] = {_fold(n): zone for zone, names in _ZONES.items() for n in names}
"""Folded place name → IANA zone (every name of :data:`_ZONES`)."""

# Longest names first, so "San Juan del Norte" beats "San Juan" and "New York" a bare "York".
_NAME_RE = re.compile(
    r"(?<![\w'])("
    + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(GAZETTEER, key=len, reverse=True))
    + r")(?![\w'])"
)
# A ship's name in quotes says nothing about where the ship is.
_QUOTED_RE = re.compile(r"[“\"][^”\"]*[”\"]?")


@lru_cache(maxsize=4096)
def zone_for(place: str | None) -> str | None:
    """The IANA zone of the last known name in ``place``, or None when none is known."""
    if not place:
        return None
    hits = _NAME_RE.findall(_QUOTED_RE.sub(" ", _fold(place)))
    if not hits:
        return None
    return GAZETTEER[re.sub(r"\s+", " ", hits[-1])]


def zone_offset(place: str | None, local: datetime) -> str | None:
    """``+03:00`` for the place's zone at that local wall time; None for an unknown place."""
    zone = zone_for(place)
    return None if zone is None else _offset_at(zone, local.replace(tzinfo=None))


@lru_cache(maxsize=8192)
def _offset_at(zone: str, local: datetime) -> str | None:
    try:
        delta = local.replace(tzinfo=ZoneInfo(zone)).utcoffset()
    except ZoneInfoNotFoundError:  # no tz database on this machine: say nothing
        return None
    return None if delta is None else format_offset(delta)


def format_offset(delta: timedelta) -> str:
    """±hh:mm, seconds of local mean time cut off toward zero (what the editors wrote)."""
    secs = int(delta.total_seconds())
    mins = abs(secs) // 60
    return f"{'-' if secs < 0 else '+'}{mins // 60:02d}:{mins % 60:02d}"


# ------------------------------------------------------------------------------ place words

WITHHELD = re.compile(
    r"\[?\s*(?:place|location)(?:[\w\s]*not declassified|\s+(?:not\s+(?:given|indicated|specified|known)"
    r"|unknown))\s*\]?",
    re.IGNORECASE,
)
"""``[place not declassified]``, ``[Place not given]``: the editors' words where the place
is withheld or unknown; they stay in the text, with no ``placeName`` (no place is read)."""
_PLACE_WORD = re.compile(r"\S+")
_PUNCT = "[]“”\"‘’'(),.;:"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CONNECTORS = _words(
    "of the de del della di du da das dos des la le les el al am an der den van von y e and & "
    "at on in near off aboard en route to via sur upon bei im"
)
_STOP = _words(
    "i we he she they it you in on at by for from to as if since your my our his her their its "
    "this that these those re see sent received dated signed note ref reference subject date "
    "until after before during between when following telegram letter despatch dispatch "
    "memorandum message cable tel no nos mr mrs sir dear but also today yesterday tomorrow is "
    "was will has have had approved drafted cleared source enclosure attachment annex tab "
    "appendix copy"
)


_RELAY_RE = re.compile(r"(?:Forwarded|Sent|Relayed|Transmitted|Telegraphed|Repeated)\s+(?:from|via|at)\s+")
"""``Forwarded from Washington, …``: how the telegram travelled, not part of the place."""


def place_span(text: str, date_start: int) -> tuple[int, int] | None:
    """Offsets of the place words before the date: separators and editorial brackets that
    stand around them (``[Washington,]``) are left out, a withheld place gives None."""
    s, e = 0, date_start
    lead = _RELAY_RE.match(text, 0, date_start)
    if lead:
        s = lead.end()
    while True:
        while e > s and text[e - 1] in " \t\r\n,;:—–-":
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        if s >= e:
            return None
        if text[s] == "[" and text[e - 1] == "]" and "[" not in text[s + 1 : e - 1]:
            if WITHHELD.fullmatch(text[s:e]):
                return None
            s, e = s + 1, e - 1
        elif text[e - 1] == "[":
            e -= 1
        elif text[s] == "[" and "]" not in text[s:e]:
            s += 1
        else:
            return None if WITHHELD.fullmatch(text[s:e]) else (s, e)


def _name_part(word: str, after: list[str]) -> bool:
    """``Tel`` of ``Tel Aviv``: a stop word that opens a compound place name (no stop
    after it, a capitalised word next) is part of the name, not a telegram reference."""
    return word in _COMPOUND_HEADS and bool(after) and after[0][:1].isupper()


_COMPOUND_HEADS = _words("Tel")
"""The stop words that also begin place names (``Tel Aviv``, ``Tel Hai``)."""


def place_words_ok(place: str) -> bool:
    """Place words are capitalised names and a few small words (of, the, de, aboard …)."""
    words = _PLACE_WORD.findall(place)
    if len(words) > 20:
        return False
    for k, word in enumerate(words):
        bare = word.strip(_PUNCT)
        if not bare:
            continue
        if any(c.isdigit() for c in bare):
            return False
        if bare[0].isupper() or bare == "&":
            if bare.lower().strip(".") in _STOP and not _name_part(word, words[k + 1 : k + 2]):
                return False
        elif bare not in _CONNECTORS:
            return False
    return True
