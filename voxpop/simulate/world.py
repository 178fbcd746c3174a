"""The simulated world's fixed facts: languages, their time zones, countries, cities, names and sites.

Everything here is data, not behaviour; the stream only ever picks from it.
"""

from __future__ import annotations

#: Supported languages (ISO 639-1), in the order used everywhere else.
LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "it", "da", "sv", "nb", "fi")

#: Default share of the organic conversation per language.
LANGUAGE_SHARES: dict[str, float] = {
    "en": 0.27, "de": 0.12, "fr": 0.08, "es": 0.08, "it": 0.06,
    "da": 0.11, "sv": 0.11, "nb": 0.09, "fi": 0.08,
}

#: Where the speakers of each language live: (standard UTC offset in hours, observes summer
#: time, weight). Summer time follows the EU rule everywhere; North America differs by a few
#: weeks a year, which is close enough for a daily rhythm.
LANGUAGE_ZONES: dict[str, tuple[tuple[int, bool, float], ...]] = {
    "en": ((0, True, 0.5), (-5, True, 0.35), (-8, True, 0.15)),
    "de": ((1, True, 1.0),),
    "fr": ((1, True, 0.9), (-5, True, 0.1)),
    "es": ((1, True, 0.65), (-6, False, 0.2), (-3, False, 0.15)),
    "it": ((1, True, 1.0),),
    "da": ((1, True, 1.0),),
    "sv": ((1, True, 1.0),),
    "nb": ((1, True, 1.0),),
    "fi": ((2, True, 1.0),),
}

#: Countries (ISO 3166 alpha-2) of the authors writing in each language, with weights.
LANGUAGE_COUNTRIES: dict[str, tuple[tuple[str, float], ...]] = {
    "en": (("GB", 0.45), ("US", 0.35), ("IE", 0.06), ("AU", 0.04), ("NL", 0.05), ("DK", 0.05)),
    "de": (("DE", 0.8), ("AT", 0.12), ("CH", 0.08)),
    "fr": (("FR", 0.8), ("BE", 0.1), ("CH", 0.05), ("CA", 0.05)),
    "es": (("ES", 0.6), ("MX", 0.2), ("AR", 0.1), ("CO", 0.1)),
    "it": (("IT", 0.95), ("CH", 0.05)),
    "da": (("DK", 1.0),),
    "sv": (("SE", 0.93), ("FI", 0.07)),
    "nb": (("NO", 1.0),),
    "fi": (("FI", 1.0),),
}

#: City names as each language writes them. Finnish gives (nominative, inessive "in",
#: illative "to", elative "from"), because Finnish inflects place names where others use
#: prepositions.
CITIES: dict[str, dict[str, str | tuple[str, str, str, str]]] = {
    "copenhagen": {
        "en": "Copenhagen", "de": "Kopenhagen", "fr": "Copenhague", "es": "Copenhague",
        "it": "Copenaghen", "da": "København", "sv": "Köpenhamn", "nb": "København",
        "fi": ("Kööpenhamina", "Kööpenhaminassa", "Kööpenhaminaan", "Kööpenhaminasta"),
    },
    "aarhus": {"*": "Aarhus", "fi": ("Aarhus", "Aarhusissa", "Aarhusiin", "Aarhusista")},
    "odense": {"*": "Odense", "fi": ("Odense", "Odensessa", "Odenseen", "Odensesta")},
    "stockholm": {
        "*": "Stockholm", "es": "Estocolmo", "it": "Stoccolma",
        "fi": ("Tukholma", "Tukholmassa", "Tukholmaan", "Tukholmasta"),
    },
    "gothenburg": {
        "*": "Göteborg", "en": "Gothenburg", "es": "Gotemburgo",
        "fi": ("Göteborg", "Göteborgissa", "Göteborgiin", "Göteborgista"),
    },
    "malmo": {"*": "Malmö", "fi": ("Malmö", "Malmössä", "Malmöön", "Malmöstä")},
    "oslo": {"*": "Oslo", "fi": ("Oslo", "Oslossa", "Osloon", "Oslosta")},
    "bergen": {"*": "Bergen", "fi": ("Bergen", "Bergenissä", "Bergeniin", "Bergenistä")},
    "trondheim": {
        "*": "Trondheim", "fi": ("Trondheim", "Trondheimissa", "Trondheimiin", "Trondheimista"),
    },
    "helsinki": {
        "*": "Helsinki", "sv": "Helsingfors",
        "fi": ("Helsinki", "Helsingissä", "Helsinkiin", "Helsingistä"),
    },
    "tampere": {
        "*": "Tampere", "sv": "Tammerfors",
        "fi": ("Tampere", "Tampereella", "Tampereelle", "Tampereelta"),
    },
    "turku": {"*": "Turku", "sv": "Åbo", "fi": ("Turku", "Turussa", "Turkuun", "Turusta")},
    "london": {
        "*": "London", "fr": "Londres", "es": "Londres", "it": "Londra",
        "fi": ("Lontoo", "Lontoossa", "Lontooseen", "Lontoosta"),
    },
    "manchester": {
        "*": "Manchester", "fi": ("Manchester", "Manchesterissa", "Manchesteriin", "Manchesterista"),
    },
    "new_york": {
        "*": "New York", "es": "Nueva York",
        "fi": ("New York", "New Yorkissa", "New Yorkiin", "New Yorkista"),
    },
    "berlin": {
        "*": "Berlin", "es": "Berlín", "it": "Berlino",
        "fi": ("Berliini", "Berliinissä", "Berliiniin", "Berliinistä"),
    },
    "munich": {
        "*": "München", "en": "Munich", "fr": "Munich", "es": "Múnich", "it": "Monaco di Baviera",
        "fi": ("München", "Münchenissä", "Müncheniin", "Münchenistä"),
    },
    "hamburg": {
        "*": "Hamburg", "fr": "Hambourg", "es": "Hamburgo", "it": "Amburgo",
        "fi": ("Hampuri", "Hampurissa", "Hampuriin", "Hampurista"),
    },
    "paris": {
        "*": "Paris", "es": "París", "it": "Parigi",
        "fi": ("Pariisi", "Pariisissa", "Pariisiin", "Pariisista"),
    },
    "lyon": {"*": "Lyon", "it": "Lione", "fi": ("Lyon", "Lyonissa", "Lyoniin", "Lyonista")},
    "madrid": {"*": "Madrid", "fi": ("Madrid", "Madridissa", "Madridiin", "Madridista")},
    "barcelona": {
        "*": "Barcelona", "fi": ("Barcelona", "Barcelonassa", "Barcelonaan", "Barcelonasta"),
    },
    "rome": {
        "*": "Rom", "en": "Rome", "fr": "Rome", "es": "Roma", "it": "Roma", "nb": "Roma",
        "fi": ("Rooma", "Roomassa", "Roomaan", "Roomasta"),
    },
    "milan": {
        "*": "Milano", "en": "Milan", "fr": "Milan", "de": "Mailand", "es": "Milán",
        "fi": ("Milano", "Milanossa", "Milanoon", "Milanosta"),
    },
}

#: Cities people writing in a language mostly talk about.
HOME_CITIES: dict[str, tuple[str, ...]] = {
    "en": ("london", "manchester", "new_york"),
    "de": ("berlin", "munich", "hamburg"),
    "fr": ("paris", "lyon"),
    "es": ("madrid", "barcelona"),
    "it": ("rome", "milan"),
    "da": ("copenhagen", "aarhus", "odense"),
    "sv": ("stockholm", "gothenburg", "malmo"),
    "nb": ("oslo", "bergen", "trondheim"),
    "fi": ("helsinki", "tampere", "turku"),
}


def city_forms(key: str, lang: str) -> tuple[str, str, str, str]:
    """(name, "in" form, "to" form, "from" form) of a city in a language."""
    names = CITIES[key]
    value = names.get(lang, names.get("*"))
    if isinstance(value, tuple):
        return value
    assert isinstance(value, str)
    return (value, value, value, value)


FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("James", "Emily", "Oliver", "Sophie", "Jack", "Hannah", "Daniel", "Chloe", "Liam",
           "Grace", "Ryan", "Megan", "Ethan", "Olivia", "Nathan", "Amy", "Michael", "Jessica",
           "Sam", "Rachel"),
    "de": ("Lukas", "Anna", "Jonas", "Lea", "Felix", "Hannah", "Maximilian", "Laura", "Paul",
           "Julia", "Leon", "Sarah", "Tobias", "Katharina", "Jan", "Lena", "Florian", "Marie",
           "Sebastian", "Sophie"),
    "fr": ("Camille", "Lucas", "Léa", "Hugo", "Manon", "Louis", "Chloé", "Théo", "Inès",
           "Nathan", "Julie", "Antoine", "Sarah", "Maxime", "Pauline", "Thomas", "Émilie",
           "Julien", "Claire", "Nicolas"),
    "es": ("Lucía", "Hugo", "Martina", "Pablo", "Sofía", "Alejandro", "Paula", "Daniel",
           "Valeria", "Javier", "Carmen", "Diego", "Laura", "Adrián", "Elena", "Sergio", "Marta",
           "Álvaro", "Irene", "Carlos"),
    "it": ("Giulia", "Francesco", "Chiara", "Alessandro", "Sara", "Lorenzo", "Martina", "Matteo",
           "Federica", "Andrea", "Elena", "Marco", "Valentina", "Luca", "Francesca", "Davide",
           "Alessia", "Simone", "Silvia", "Giorgio"),
    "da": ("Mette", "Lars", "Sofie", "Mads", "Anne", "Jens", "Camilla", "Rasmus", "Line",
           "Søren", "Ida", "Frederik", "Louise", "Mikkel", "Karen", "Jonas", "Emma", "Kasper",
           "Signe", "Thomas"),
    "sv": ("Anna", "Erik", "Maria", "Johan", "Karin", "Lars", "Elin", "Oskar", "Sara", "Henrik",
           "Emma", "Gustav", "Linnea", "Anders", "Ebba", "Mikael", "Frida", "Jonas", "Klara",
           "Nils"),
    "nb": ("Kari", "Ole", "Ingrid", "Lars", "Silje", "Magnus", "Marte", "Håkon", "Nora",
           "Sindre", "Ida", "Eirik", "Thea", "Jon", "Hanne", "Sigurd", "Maren", "Espen", "Tuva",
           "Øystein"),
    "fi": ("Aino", "Mikko", "Laura", "Juha", "Anna", "Timo", "Emilia", "Janne", "Sanna", "Ville",
           "Noora", "Antti", "Elina", "Petri", "Helmi", "Matti", "Veera", "Teemu", "Kaisa",
           "Jussi"),
}

LAST_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
           "Evans", "Walker", "Wright", "Thompson", "Roberts", "Green", "Hughes", "Carter",
           "Murphy", "Miller", "Clarke", "Bennett"),
    "de": ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
           "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
           "Braun", "Zimmermann", "Krüger", "Hartmann"),
    "fr": ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
           "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David",
           "Bertrand", "Roux", "Vincent", "Fournier"),
    "es": ("García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez",
           "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz",
           "Álvarez", "Romero", "Navarro", "Torres"),
    "it": ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
           "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Costa", "Giordano",
           "Mancini", "Rizzo", "Lombardi", "Moretti"),
    "da": ("Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
           "Sørensen", "Rasmussen", "Jørgensen", "Madsen", "Kristensen", "Olsen", "Thomsen",
           "Poulsen", "Kjær", "Møller", "Lund", "Holm", "Bach"),
    "sv": ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
           "Persson", "Svensson", "Gustafsson", "Lindqvist", "Lindberg", "Bergström", "Sjöberg",
           "Holmgren", "Åberg", "Ekström", "Lundgren", "Hedlund", "Forsberg"),
    "nb": ("Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
           "Kristiansen", "Berg", "Haugen", "Hagen", "Johannessen", "Bakke", "Lie", "Dahl",
           "Solberg", "Moen", "Strand", "Eide", "Aasen"),
    "fi": ("Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
           "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen",
           "Heinonen", "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen"),
}

#: Words people put in their handles, per language.
HANDLE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("coffee", "travels", "tech", "nerd", "writes", "runner", "dad", "mum", "dev", "geek"),
    "de": ("kaffee", "reist", "technik", "nerd", "schreibt", "laeufer", "papa", "mama", "dev"),
    "fr": ("cafe", "voyage", "tech", "geek", "ecrit", "coureur", "papa", "maman", "dev"),
    "es": ("cafe", "viajero", "tech", "friki", "escribe", "runner", "papa", "mama", "dev"),
    "it": ("caffe", "viaggia", "tech", "nerd", "scrive", "runner", "papa", "mamma", "dev"),
    "da": ("kaffe", "rejser", "tech", "nørd", "skriver", "loeber", "far", "mor", "dev"),
    "sv": ("kaffe", "reser", "teknik", "nörd", "skriver", "lopare", "pappa", "mamma", "dev"),
    "nb": ("kaffe", "reiser", "tech", "nerd", "skriver", "loper", "pappa", "mamma", "dev"),
    "fi": ("kahvi", "matkaaja", "tekniikka", "nortti", "kirjoittaa", "juoksija", "isi", "dev"),
}

#: Mastodon servers people writing in each language are on.
MASTODON_SERVERS: dict[str, tuple[str, ...]] = {
    "en": ("mastodon.social", "mastodon.online", "mstdn.social", "fosstodon.org", "hachyderm.io"),
    "de": ("det.social", "mastodon.social", "social.tchncs.de", "chaos.social"),
    "fr": ("piaille.fr", "mastodon.social", "framapiaf.org"),
    "es": ("masto.es", "mastodon.social", "mastodon.online"),
    "it": ("mastodon.uno", "mastodon.social"),
    "da": ("social.data.coop", "mastodon.social", "mastodon.online"),
    "sv": ("mastodon.nu", "mastodon.social", "mastodon.online"),
    "nb": ("snabelen.no", "mastodon.social"),
    "fi": ("mastodontti.fi", "mstdn.social", "mastodon.social"),
}

#: Subreddits per language, and per industry for English.
SUBREDDITS: dict[str, tuple[str, ...]] = {
    "en": ("europe", "unitedkingdom", "AskUK", "CasualUK"),
    "de": ("de", "Finanzen", "germany"),
    "fr": ("france", "vosfinances", "AskFrance"),
    "es": ("spain", "es", "askspain"),
    "it": ("italy", "Italia", "ItaliaPersonalFinance"),
    "da": ("Denmark", "dkfinance", "copenhagen"),
    "sv": ("sweden", "PrivatEkonomi", "stockholm"),
    "nb": ("norge", "oslo", "norske"),
    "fi": ("Suomi", "arkisuomi", "Helsinki"),
}
INDUSTRY_SUBREDDITS: dict[str, tuple[str, ...]] = {
    "electronics": ("gadgets", "Android", "headphones", "technology"),
    "airline": ("travel", "flights", "aviation"),
    "coffee": ("Coffee", "espresso", "cafe"),
    "bank": ("personalfinance", "banking", "fintech"),
}

#: Discussion forums (Discourse-style URLs) per language.
FORUMS: dict[str, tuple[str, ...]] = {
    "en": ("forum.gadgetgarage.net", "community.flyertalkers.net", "talk.moneychat.net"),
    "de": ("forum.technikecke.de", "community.reiseplauderei.de", "forum.geldfragen.de"),
    "fr": ("forum.bricotech.fr", "communaute.globe-causeurs.fr", "forum.argent-malin.fr"),
    "es": ("foro.tecnocharla.es", "comunidad.viajeros-foro.es", "foro.dinero-claro.es"),
    "it": ("forum.tecnochiacchiere.it", "community.viaggiatori-forum.it", "forum.soldi-chiari.it"),
    "da": ("debat.techsnak.dk", "forum.rejsesnak.dk", "forum.pengesnak.dk"),
    "sv": ("forum.teknikprat.se", "forum.resesnack.se", "forum.pengaprat.se"),
    "nb": ("forum.teknikkprat.no", "forum.reiseprat.no", "forum.pengeprat.no"),
    "fi": ("keskustelu.tekniikkapalsta.fi", "foorumi.matkapalsta.fi", "palsta.rahapuhe.fi"),
}

#: Review sites: the country subdomain per language.
REVIEW_HOSTS: dict[str, str] = {
    "en": "uk.trustpilot.com", "de": "de.trustpilot.com", "fr": "fr.trustpilot.com",
    "es": "es.trustpilot.com", "it": "it.trustpilot.com", "da": "dk.trustpilot.com",
    "sv": "se.trustpilot.com", "nb": "no.trustpilot.com", "fi": "fi.trustpilot.com",
}

#: Fictional news outlets per language: (domain, section per industry).
NEWS_OUTLETS: dict[str, tuple[str, ...]] = {
    "en": ("northernledger.co.uk", "techwire-daily.com", "thetravelbrief.com", "marketpulse-news.com"),
    "de": ("tagesblick.de", "technikwelt-aktuell.de", "handelsrundschau.de", "reisezeit-news.de"),
    "fr": ("lequotidien-eco.fr", "tech-hebdo.fr", "voyages-actu.fr", "finances-matin.fr"),
    "es": ("diario-mercantil.es", "tecnodiario.es", "viajeros-hoy.es", "mercadoabierto.es"),
    "it": ("gazzetta-economica.it", "tecnoggi.it", "viaggiando-news.it", "mercatiora.it"),
    "da": ("nordposten.dk", "dagbladet-oeresund.dk", "tech-avisen.dk", "finanskompasset.dk"),
    "sv": ("morgonekot.se", "teknikbladet.se", "affarsvinden.se", "resekollen.se"),
    "nb": ("fjordposten.no", "teknikknytt.no", "finansfokus.no", "reiselivet.no"),
    "fi": ("paivanpeili.fi", "tekniikkaviikko.fi", "talousvirta.fi", "matkalehti.fi"),
}
NEWS_SECTIONS: dict[str, dict[str, str]] = {
    "en": {"electronics": "tech", "airline": "travel", "coffee": "business", "bank": "money"},
    "de": {"electronics": "technik", "airline": "reise", "coffee": "wirtschaft", "bank": "finanzen"},
    "fr": {"electronics": "tech", "airline": "voyage", "coffee": "economie", "bank": "finances"},
    "es": {"electronics": "tecnologia", "airline": "viajes", "coffee": "economia", "bank": "finanzas"},
    "it": {"electronics": "tecnologia", "airline": "viaggi", "coffee": "economia", "bank": "finanza"},
    "da": {"electronics": "tech", "airline": "rejser", "coffee": "erhverv", "bank": "privatoekonomi"},
    "sv": {"electronics": "teknik", "airline": "resor", "coffee": "naringsliv", "bank": "privatekonomi"},
    "nb": {"electronics": "teknologi", "airline": "reise", "coffee": "naeringsliv", "bank": "privatokonomi"},
    "fi": {"electronics": "tekniikka", "airline": "matkailu", "coffee": "talous", "bank": "raha"},
}

#: Blog hosts: a blogger's own domain ends with one of these (per language).
BLOG_SUFFIXES: dict[str, tuple[str, ...]] = {
    "en": (".blog", ".co.uk", ".wordpress.com", ".net"),
    "de": (".de", ".blog", ".wordpress.com"),
    "fr": (".fr", ".blog", ".wordpress.com"),
    "es": (".es", ".blog", ".wordpress.com"),
    "it": (".it", ".blog", ".wordpress.com"),
    "da": (".dk", ".blog", ".wordpress.com"),
    "sv": (".se", ".blog", ".wordpress.com"),
    "nb": (".no", ".blog", ".wordpress.com"),
    "fi": (".fi", ".blog", ".wordpress.com"),
}

#: A company spokesperson's role, translated (news quotes are parallel across languages).
ROLES: tuple[dict[str, str], ...] = (
    {"en": "head of communications", "de": "Kommunikationschefin", "fr": "directrice de la communication",
     "es": "directora de comunicación", "it": "responsabile della comunicazione",
     "da": "kommunikationschef", "sv": "kommunikationschef", "nb": "kommunikasjonssjef",
     "fi": "viestintäjohtaja"},
    {"en": "chief executive", "de": "Vorstandschefin", "fr": "directrice générale",
     "es": "consejera delegada", "it": "amministratrice delegata", "da": "administrerende direktør",
     "sv": "vd", "nb": "administrerende direktør", "fi": "toimitusjohtaja"},
    {"en": "press officer", "de": "Pressesprecherin", "fr": "porte-parole",
     "es": "portavoz", "it": "portavoce", "da": "pressechef", "sv": "presschef",
     "nb": "pressesjef", "fi": "tiedottaja"},
)

#: Spokespeople quoted by the news (the same person in every translation).
SPOKESPEOPLE: tuple[str, ...] = (
    "Karin Holmqvist", "Mette Lindholm", "Anna Bergdahl", "Sofia Rask", "Hanna Virtala",
    "Ingrid Solheim", "Laura Brenner", "Elena Sanz",
)

#: Emoji by sentiment, as people add them at the end of posts.
EMOJI: dict[str, tuple[str, ...]] = {
    "positive": ("😍", "👍", "🙌", "😊", "🎉", "👏", "❤️", "🔥", "✨", "💯"),
    "neutral": ("🤔", "👀", "🤷", "📱", "🙂", "ℹ️"),
    "negative": ("😡", "🤬", "😤", "👎", "🙄", "😩", "💸", "😞", "🤦"),
}

#: Currency by language, and how a price is written there.
CURRENCIES: dict[str, tuple[str, float]] = {
    "en": ("GBP", 0.86), "de": ("EUR", 1.0), "fr": ("EUR", 1.0), "es": ("EUR", 1.0),
    "it": ("EUR", 1.0), "da": ("DKK", 7.46), "sv": ("SEK", 11.4), "nb": ("NOK", 11.7),
    "fi": ("EUR", 1.0),
}

#: Typical prices in euro for what people complain or rave about, per industry.
PRICE_POINTS: dict[str, tuple[float, ...]] = {
    "electronics": (49, 79, 129, 179, 249, 349, 449, 599, 799, 999, 1199, 1399),
    "airline": (39, 59, 79, 99, 129, 159, 199, 249, 299, 389, 450),
    "coffee": (2.9, 3.4, 3.8, 4.2, 4.6, 4.9, 5.4, 5.9, 6.5),
    "bank": (2.5, 4.0, 5.0, 7.5, 9.9, 12.0, 15.0, 25.0, 39.0),
}
