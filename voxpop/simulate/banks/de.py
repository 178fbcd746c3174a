"""German phrases for social posts, comments, reviews and blog posts about the simulated brands."""

OPEN = [
    "Okay, kurzer Gedanke zu {brand}.",
    "Wollte das hier schon länger mal loswerden.",
    "Update nach {n} Wochen mit {brand}:",
    "Also, {brand}. Wo fange ich überhaupt an.",
    "Hat sonst noch jemand gerade Ärger mit {brand}?",
    "Gerade aus {city} zurück und ich muss was loswerden.",
    "Kleiner Hinweis für alle in {city}:",
    "Bin seit ungefähr {nn} Jahren Kunde bei {brand}.",
    "Keine Werbung, nur meine ehrliche Erfahrung.",
    "Meine Freundin hat gefragt, warum ich ständig von {brand} rede, also bitte schön.",
]

CLOSE = {
    "positive": [
        "Klare Empfehlung.",
        "Weiter so, {handle}!",
        "Ehrlich gesagt eine gute Erfahrung von Anfang bis Ende.",
        "Zehn von zehn, jederzeit wieder.",
    ],
    "neutral": [
        "Hat das schon jemand ausprobiert?",
        "Was meint ihr dazu?",
        "Ich aktualisiere den Beitrag, falls sich etwas ändert.",
        "Irgendwelche Tipps, bevor ich mich entscheide?",
    ],
    "negative": [
        "Nie wieder.",
        "Echt enttäuscht, {handle}.",
        "Ich hatte ehrlich gesagt viel mehr erwartet.",
        "Weiß jemand, wie man bei {brand} einen echten Menschen erreicht?",
    ],
}

ASPECTS = {
    "price": {
        "positive": [
            "Für {price} ist das {product} ehrlich gesagt ein Schnäppchen.",
            "{brand} ist nicht der Günstigste, aber man bekommt, wofür man bezahlt.",
            "Habe {price} bezahlt und bereue bei {brand} keinen einzigen Cent.",
        ],
        "neutral": [
            "{brand} hat mir {price} berechnet, das scheint inzwischen der übliche Preis zu sein.",
            "Die Preise bei {brand} sind schon wieder gestiegen, diesmal {price}, aber das machen die anderen auch.",
        ],
        "negative": [
            "{price} dafür? {brand} hat völlig den Bezug zur Realität verloren.",
            "Ich mochte {brand} mal, aber für {price} lohnt es sich einfach nicht mehr.",
            "Schon wieder eine Preiserhöhung bei {brand}, jetzt {price}. Nein danke.",
        ],
    },
    "service": {
        "positive": [
            "Der Kundenservice von {brand} hat alles in {minutes} Minuten geklärt, super freundlich.",
            "Großes Lob an {name} vom {brand}-Support, der wirklich zugehört und mein Problem gelöst hat.",
            "Hatte gestern um {time} ein Problem und {brand} hat innerhalb einer Stunde geantwortet. Stark.",
        ],
        "neutral": [
            "Habe {brand} wegen Vorgang {order} kontaktiert und warte auf eine Antwort.",
            "{brand} sagt, sie melden sich innerhalb von {n} Werktagen.",
        ],
        "negative": [
            "Hänge jetzt seit {minutes} Minuten in der Warteschleife von {brand}.",
            "{brand} hat mein Ticket {order} geschlossen, ohne irgendetwas zu lösen.",
            "Zum dritten Mal erkläre ich {brand} dasselbe Problem, und niemand liest den Verlauf.",
        ],
    },
    "product": {
        "positive": [
            "Der Akku meines {product} hält locker {n} Tage, bin beeindruckt.",
            "Bin von {competitor} auf das {product} umgestiegen und das Display ist einfach wunderschön.",
            "Mit dem {product} hat {brand} echt ins Schwarze getroffen, schnell und fühlt sich solide an.",
        ],
        "neutral": [
            "Das {product} von {brand} ist heute angekommen, ich berichte in einer Woche.",
            "Vergleiche gerade das {product} mit dem, was {competitor} anbietet, die Daten sind ziemlich ähnlich.",
        ],
        "negative": [
            "Mein {product} friert seit dem letzten Update von {brand} {n} Mal am Tag ein.",
            "Das {product} ist sein Geld nicht wert: Die Kamera ist mittelmäßig und es wird heiß.",
            "Nach {nn} Tagen hat der Ladeanschluss an meinem {product} den Geist aufgegeben.",
        ],
    },
    "delivery": {
        "positive": [
            "Gestern Abend bei {brand} bestellt und um {time} stand das Paket in {city} vor der Tür.",
            "Bestellung {order} von {brand} kam zwei Tage früher als angekündigt, ordentlich verpackt.",
        ],
        "neutral": [
            "{brand} schreibt, dass Bestellung {order} innerhalb von {n} Tagen verschickt wird.",
            "Die Sendungsverfolgung meiner {brand}-Bestellung zeigt immer noch 'unterwegs' irgendwo bei {city}.",
        ],
        "negative": [
            "Bestellung {order} von {brand} ist jetzt seit {nn} Tagen 'unterwegs'.",
            "{brand} hat einen zerdrückten Karton geliefert und will jetzt, dass ich die Rücksendung bezahle.",
            "Lieferung nach {city} war für heute versprochen; {brand} hat sie gerade um weitere {n} Tage verschoben.",
        ],
    },
    "flight": {
        "positive": [
            "{brand} {flight} nach {city} ist {minutes} Minuten zu früh gelandet, ganz entspannt.",
            "Habe {product} bei {brand} gebucht und die extra Beinfreiheit war jeden Cent wert.",
            "Die beste Pünktlichkeit seit Jahren, {brand} macht irgendwas richtig.",
        ],
        "neutral": [
            "Fliege heute mit {brand} {flight} ab {city}, Boarding um {time}.",
            "{brand} hat den Abflug von {flight} um {minutes} Minuten verschoben, keine große Sache.",
        ],
        "negative": [
            "{flight} von {brand} hat {hours} Stunden Verspätung und am Gate gibt es keine einzige Info.",
            "{brand} hat {flight} überbucht und mich auf den Flug morgen umgebucht.",
            "Saßen {minutes} Minuten in {city} auf dem Vorfeld, weil {brand} 'den Slot verloren' hat. Im Ernst?",
        ],
    },
    "crew": {
        "positive": [
            "Die Crew auf {brand} {flight} war total lieb zu meinen Kindern.",
            "Danke an {name} von der {brand}-Crew, die meine im Flieger vergessene Jacke gefunden hat.",
            "Mein Koffer war in {city} als erster auf dem Band, gut gemacht {brand}.",
        ],
        "neutral": [
            "Die Crew von {brand} hat auf {flight} ein neues Bordmenü vorgestellt.",
            "Bei {brand} kann man jetzt das aufgegebene Gepäck in der App verfolgen, teste es auf {flight}.",
        ],
        "negative": [
            "{brand} hat meinen Koffer in {city} verloren und niemand weiß, wo er ist.",
            "Die Crew auf {flight} war sichtlich genervt von den Passagieren, so etwas erwarte ich von {brand} nicht.",
            "Mein Gepäck kam {n} Tage zu spät und {brand} verweigert jede Entschädigung.",
        ],
    },
    "drinks": {
        "positive": [
            "Der {product} bei {brand} in {city} ist der beste, den ich dieses Jahr hatte.",
            "{brand} hat den {product} endlich hinbekommen, mild und nicht zu süß.",
            "Nichts geht über einen {product} von {brand} an einem kalten Morgen ☕",
        ],
        "neutral": [
            "Probiere heute den neuen {product} bei {brand}.",
            "{brand} hat den {product} jetzt auch in {city} auf der Karte.",
        ],
        "negative": [
            "Der {product} bei {brand} schmeckte heute wieder verbrannt.",
            "Einen großen {product} bei {brand} bezahlt und etwas Lauwarmes, halb Volles bekommen.",
            "{brand} hat das Rezept vom {product} geändert und er schmeckt einfach nicht mehr.",
        ],
    },
    "store": {
        "positive": [
            "Das Team von {brand} in {city} kannte meine Bestellung schon nach {n} Besuchen, herrlich.",
            "Bequeme Sessel, gute Musik, schnelles WLAN: {brand} am Bahnhof in {city} ist mein neues Büro.",
        ],
        "neutral": [
            "{brand} in {city} öffnet werktags jetzt um {time}.",
            "Die Schlange bei {brand} war heute Morgen etwa {minutes} Minuten lang.",
        ],
        "negative": [
            "{minutes} Minuten bei {brand} auf einen einzigen Kaffee gewartet, während {n} Baristas geplaudert haben.",
            "Die Tische bei {brand} waren klebrig und die Mülleimer quollen über, geht gar nicht.",
            "{brand} in {city} hat {nn} Minuten früher zugemacht, ohne jede Ankündigung.",
        ],
    },
    "app": {
        "positive": [
            "Mit der App von {brand} sind Rechnungen so schnell bezahlt, {n} Klicks und fertig.",
            "Endlich hat {brand} Sofortbenachrichtigungen für Kartenzahlungen eingeführt, super.",
            "Mit Face ID in zwei Sekunden bei {brand} eingeloggt, läuft.",
        ],
        "neutral": [
            "{brand} aktualisiert heute Nacht ab {time} die App, mit Ausfällen ist zu rechnen.",
            "An das neue Layout der {brand}-App muss man sich erst gewöhnen.",
        ],
        "negative": [
            "Die App von {brand} ist seit {time} down und ich kann meine Miete nicht überweisen.",
            "{brand} hat mich heute {n} Mal ausgeloggt, die App ist eine Katastrophe.",
            "Warum braucht die {brand}-App {n} Schritte, um eine einfache Überweisung freizugeben?",
        ],
    },
    "account": {
        "positive": [
            "Konto bei {brand} in {minutes} Minuten eröffnet, komplett online.",
            "Meine Beraterin {name} bei {brand} hat mir wirklich einen besseren Zins für {product} besorgt.",
            "{brand} hat eine betrügerische Abbuchung über {price} innerhalb eines Tages erstattet, top.",
        ],
        "neutral": [
            "{brand} ändert ab nächstem Monat die Bedingungen für {product}.",
            "Habe einen Termin bei {brand} wegen einer Baufinanzierung, mal sehen, was sie anbieten.",
        ],
        "negative": [
            "{brand} hat mein Konto {n} Tage lang ohne jede Erklärung gesperrt.",
            "Eine Überweisung über {price} hängt bei {brand} seit Montag auf 'in Bearbeitung'.",
            "{brand} hat mir {price} an Gebühren berechnet, von denen mir nie jemand etwas gesagt hat.",
        ],
    },
}

TITLES = {
    "positive": [
        "{brand} hat es diesmal richtig gemacht",
        "Positiv überrascht von {brand}",
        "{product}: besser als erwartet",
    ],
    "neutral": [
        "Frage zu {brand}",
        "Erfahrungen mit {brand}?",
        "Was haltet ihr vom {product}?",
    ],
    "negative": [
        "{brand} wird immer schlechter",
        "Finger weg von {brand}, bis das behoben ist",
        "Furchtbare Erfahrung mit {brand}",
    ],
}

CAMPAIGN = {
    "positive": [
        "Hier mein {campaign_tag}: ein sonniger Morgen in {city} und mein Favorit von {brand} 😍",
        "Ich liebe, was {brand} mit {campaign_tag} macht, meine Timeline ist voller schöner Geschichten.",
        "Habe gerade bei {campaign_tag} mitgemacht, Daumen drücken für den Preis von {brand}! 🤞",
        "{campaign_tag} Tag {n}: lächle immer noch, danke {brand}.",
    ],
    "neutral": [
        "{brand} hat diese Woche {campaign_tag} gestartet, man teilt ein Foto, um mitzumachen.",
        "Die {campaign_tag}-Plakate von {brand} hängen überall in {city}.",
    ],
    "negative": [
        "{campaign_tag} ist ja ganz nett, aber vielleicht sollte {brand} erst mal die Basics hinkriegen.",
    ],
}

CRISIS = {
    "battery_fire": [
        "Der Akku meines {product} wurde beim Laden so heiß, dass ich es auf den Balkon stellen musste. {brand}, ruft das Ding sofort zurück!",
        "Schon wieder ein Akkubrand bei einem {product} in {city}. Wie viele noch, bevor {brand} einen Rückruf startet?",
        "Gruselig: Der Akku in meinem {product} hat sich über Nacht aufgebläht und roch nach Rauch. Der {brand}-Support hat mir nur ein Formular geschickt.",
        "{brand} wusste von der Überhitzung und hat das {product} trotzdem weiter verkauft.",
        "Ladet euer {product} nachts nicht mehr, bis {brand} diese Akkubrände erklärt.",
        "Habe mein {product} vom Strom genommen, nachdem es auf dem Nachttisch überhitzt ist. Fasse es nicht mehr an, bis {brand} es zurückruft.",
    ],
    "flight_cancellations": [
        "{brand} hat {flight} nach {city} mit {hours} Stunden Vorlauf gestrichen und die Hotline legt einfach auf.",
        "Gestrandet in {city}, nachdem {brand} heute Abend alle Flüge gestrichen hat. Kein Hotel, keine Info.",
        "{brand} hat meinen Flug zweimal in zwei Tagen annulliert. Ist da irgendwer?",
        "Hunderte Passagiere sitzen wegen der Flugausfälle bei {brand} in {city} fest.",
        "Warte immer noch auf die Erstattung von {brand}, nachdem {flight} gestrichen wurde.",
        "Die {brand}-App sagt, mein Flug ist pünktlich, die Anzeigetafel sagt annulliert. Chaos am Flughafen in {city}.",
    ],
}

CRISIS_TERMS = {
    "battery_fire": ["akku", "überhitz", "rückruf", "zurückruf"],
    "flight_cancellations": ["gestrichen", "annulliert", "gestrandet", "flugausfälle", "erstattung"],
}
