"""Italian phrases for social posts, comments, reviews and blog posts about the simulated brands."""

OPEN = [
    "Ok, una riflessione veloce su {brand}.",
    "È da un po' che volevo scrivere questo post.",
    "Aggiornamento dopo {n} settimane con {brand}:",
    "Allora, {brand}. Da dove comincio.",
    "Qualcun altro ha problemi con {brand} ultimamente?",
    "Appena tornato da {city} e ho un paio di cose da dire.",
    "Avviso per chi è a {city}:",
    "Sono cliente di {brand} da circa {nn} anni.",
    "Non è una sponsorizzazione, solo la mia esperienza sincera.",
    "La mia ragazza mi ha chiesto perché parlo sempre di {brand}, quindi eccoci qua.",
]

CLOSE = {
    "positive": [
        "Lo consiglio senza esitazioni.",
        "Continuate così, {handle}!",
        "Sinceramente un'ottima esperienza dall'inizio alla fine.",
        "Dieci su dieci, lo rifarei.",
    ],
    "neutral": [
        "Qualcun altro l'ha provato?",
        "Voi cosa ne pensate?",
        "Aggiornerò il post se cambia qualcosa.",
        "Qualche consiglio prima che decida?",
    ],
    "negative": [
        "Mai più.",
        "Davvero deluso, {handle}.",
        "Sinceramente mi aspettavo molto di più.",
        "Qualcuno sa come parlare con un essere umano vero da {brand}?",
    ],
}

ASPECTS = {
    "price": {
        "positive": [
            "Per {price} il {product} è davvero un affare.",
            "{brand} non è il più economico, ma hai quello che paghi.",
            "Ho pagato {price} e con {brand} non rimpiango neanche un centesimo.",
        ],
        "neutral": [
            "{brand} mi ha addebitato {price}, che sembra essere il prezzo normale ormai.",
            "I prezzi di {brand} sono aumentati di nuovo, {price} stavolta, ma anche gli altri hanno fatto lo stesso.",
        ],
        "negative": [
            "{price} per quello? {brand} ha completamente perso il contatto con la realtà.",
            "Mi piaceva {brand}, ma a {price} semplicemente non ne vale più la pena.",
            "Ennesimo aumento di prezzo da {brand}, ora {price}. No grazie.",
        ],
    },
    "service": {
        "positive": [
            "Il servizio clienti di {brand} ha risolto tutto in {minutes} minuti, gentilissimi.",
            "Grazie a {name} dell'assistenza {brand}, che mi ha ascoltato davvero e ha risolto il problema.",
            "Ho avuto un problema ieri sera alle {time} e {brand} ha risposto entro un'ora. Notevole.",
        ],
        "neutral": [
            "Ho contattato {brand} per la pratica {order}, aspetto una risposta.",
            "{brand} dice che mi ricontatteranno entro {n} giorni lavorativi.",
        ],
        "negative": [
            "Sono in attesa al telefono con {brand} da {minutes} minuti.",
            "{brand} ha chiuso il mio ticket {order} senza risolvere niente.",
            "Terza volta che spiego lo stesso problema a {brand}, e nessuno legge lo storico.",
        ],
    },
    "product": {
        "positive": [
            "La batteria del mio {product} dura tranquillamente {n} giorni, sono colpito.",
            "Sono passato da {competitor} al {product} e lo schermo è semplicemente stupendo.",
            "{brand} ha fatto centro con il {product}, è veloce e sembra solido.",
        ],
        "neutral": [
            "Il {product} di {brand} è arrivato oggi, vi racconto le mie impressioni tra una settimana.",
            "Sto confrontando il {product} con quello che offre {competitor}, le specifiche sono molto simili.",
        ],
        "negative": [
            "Il mio {product} si blocca {n} volte al giorno dall'ultimo aggiornamento di {brand}.",
            "Il {product} non vale quello che costa: la fotocamera è mediocre e scalda.",
            "Dopo {nn} giorni la porta di ricarica del mio {product} ha smesso di funzionare.",
        ],
    },
    "delivery": {
        "positive": [
            "Ordinato da {brand} ieri sera e alle {time} il pacco era già davanti alla porta a {city}.",
            "L'ordine {order} di {brand} è arrivato con due giorni di anticipo, imballato bene.",
        ],
        "neutral": [
            "{brand} scrive che l'ordine {order} verrà spedito entro {n} giorni.",
            "Il tracking del mio ordine {brand} dice ancora 'in transito' da qualche parte vicino a {city}.",
        ],
        "negative": [
            "L'ordine {order} di {brand} è 'in consegna' da {nn} giorni.",
            "{brand} ha consegnato una scatola schiacciata e ora vuole che paghi io il reso.",
            "La consegna a {city} era promessa per oggi; {brand} l'ha appena rimandata di altri {n} giorni.",
        ],
    },
    "flight": {
        "positive": [
            "Il volo {brand} {flight} per {city} è atterrato con {minutes} minuti di anticipo, perfetto.",
            "Ho prenotato {product} con {brand} e lo spazio extra per le gambe valeva ogni centesimo.",
            "La migliore puntualità che ho visto da anni, {brand} sta facendo qualcosa di giusto.",
        ],
        "neutral": [
            "Oggi volo con {brand} {flight} da {city}, imbarco alle {time}.",
            "{brand} ha spostato la partenza del {flight} di {minutes} minuti, niente di grave.",
        ],
        "negative": [
            "Il {flight} di {brand} ha {hours} ore di ritardo e al gate non c'è una sola informazione.",
            "{brand} ha fatto overbooking sul {flight} e mi ha spostato sul volo di domani.",
            "Fermi {minutes} minuti sulla pista a {city} perché {brand} ha 'perso lo slot'. Sul serio?",
        ],
    },
    "crew": {
        "positive": [
            "L'equipaggio del volo {brand} {flight} è stato dolcissimo con i miei figli.",
            "Grazie mille a {name} dell'equipaggio {brand}, che ha ritrovato la giacca che avevo dimenticato a bordo.",
            "La mia valigia è stata la prima sul nastro a {city}, brava {brand}.",
        ],
        "neutral": [
            "L'equipaggio {brand} ha presentato un nuovo menù a bordo del {flight}.",
            "{brand} ora permette di seguire il bagaglio da stiva nell'app, lo provo sul {flight}.",
        ],
        "negative": [
            "{brand} ha perso la mia valigia a {city} e nessuno sa dove sia.",
            "L'equipaggio del {flight} era visibilmente infastidito dai passeggeri, non è quello che mi aspetto da {brand}.",
            "Il mio bagaglio è arrivato con {n} giorni di ritardo e {brand} rifiuta qualsiasi rimborso.",
        ],
    },
    "drinks": {
        "positive": [
            "Il {product} di {brand} a {city} è il migliore che abbia preso quest'anno.",
            "{brand} ha finalmente azzeccato il {product}, morbido e non troppo dolce.",
            "Niente batte un {product} di {brand} in una mattina fredda ☕",
        ],
        "neutral": [
            "Oggi provo il nuovo {product} da {brand}.",
            "{brand} ha ora il {product} nel menù anche a {city}.",
        ],
        "negative": [
            "Il {product} di {brand} sapeva di bruciato anche oggi.",
            "Ho pagato un {product} grande da {brand} e mi hanno dato qualcosa di tiepido e mezzo vuoto.",
            "{brand} ha cambiato la ricetta del {product} e non è più buono.",
        ],
    },
    "store": {
        "positive": [
            "Lo staff di {brand} a {city} si ricordava il mio ordine dopo {n} visite, adoro.",
            "Poltrone comode, buona musica e wifi veloce: il {brand} vicino alla stazione di {city} è il mio nuovo ufficio.",
        ],
        "neutral": [
            "{brand} a {city} ora apre alle {time} nei giorni feriali.",
            "Stamattina la fila da {brand} era di circa {minutes} minuti.",
        ],
        "negative": [
            "Aspettato {minutes} minuti da {brand} per un solo caffè mentre {n} baristi chiacchieravano.",
            "I tavoli da {brand} erano appiccicosi e i cestini strapieni, non va bene.",
            "{brand} a {city} ha chiuso {nn} minuti prima senza nessun avviso.",
        ],
    },
    "app": {
        "positive": [
            "Con l'app di {brand} pagare le bollette è facilissimo, {n} tocchi e fatto.",
            "Finalmente {brand} ha aggiunto le notifiche istantanee per i pagamenti con carta, ottimo.",
            "Entrato in {brand} con il Face ID in due secondi, fluido.",
        ],
        "neutral": [
            "{brand} aggiorna l'app stanotte dalle {time}, ci saranno disservizi.",
            "Ci vuole un po' per abituarsi alla nuova grafica dell'app di {brand}.",
        ],
        "negative": [
            "L'app di {brand} è giù dalle {time} e non riesco a pagare l'affitto.",
            "{brand} mi ha disconnesso {n} volte oggi, l'app è un disastro.",
            "Perché l'app di {brand} richiede {n} passaggi per approvare un semplice bonifico?",
        ],
    },
    "account": {
        "positive": [
            "Ho aperto un conto con {brand} in {minutes} minuti, tutto online.",
            "La mia consulente {name} di {brand} mi ha davvero ottenuto un tasso migliore su {product}.",
            "{brand} mi ha rimborsato un addebito fraudolento di {price} in meno di un giorno, ottimo.",
        ],
        "neutral": [
            "{brand} cambia le condizioni di {product} dal mese prossimo.",
            "Ho preso appuntamento con {brand} per un mutuo, vediamo cosa propongono.",
        ],
        "negative": [
            "{brand} mi ha bloccato il conto per {n} giorni senza alcuna spiegazione.",
            "Un bonifico di {price} risulta 'in lavorazione' da {brand} da lunedì.",
            "{brand} mi ha addebitato {price} di commissioni di cui nessuno mi aveva mai parlato.",
        ],
    },
}

TITLES = {
    "positive": [
        "{brand} stavolta ha fatto centro",
        "Piacevolmente sorpreso da {brand}",
        "{product}: meglio del previsto",
    ],
    "neutral": [
        "Domanda su {brand}",
        "Esperienze con {brand}?",
        "Che ne pensate del {product}?",
    ],
    "negative": [
        "{brand} va sempre peggio",
        "Evitate {brand} finché non risolvono questo",
        "Esperienza pessima con {brand}",
    ],
}

CAMPAIGN = {
    "positive": [
        "Ecco il mio {campaign_tag}: una mattina di sole a {city} e il mio preferito di {brand} 😍",
        "Adoro quello che sta facendo {brand} con {campaign_tag}, il mio feed è pieno di storie belle.",
        "Ho appena partecipato a {campaign_tag}, incrociamo le dita per il premio di {brand}! 🤞",
        "{campaign_tag} giorno {n}: sorrido ancora grazie a {brand}.",
    ],
    "neutral": [
        "{brand} ha lanciato {campaign_tag} questa settimana, per partecipare basta condividere una foto.",
        "Visti i manifesti {campaign_tag} di {brand} in tutta {city}.",
    ],
    "negative": [
        "{campaign_tag} è carino, ma forse {brand} dovrebbe prima sistemare le basi.",
    ],
}

CRISIS = {
    "battery_fire": [
        "La batteria del mio {product} si è scaldata così tanto in carica che ho dovuto metterlo sul balcone. {brand}, richiamatelo subito!",
        "Un altro incendio della batteria di un {product} a {city}. Quanti ancora prima che {brand} avvii un richiamo?",
        "Che paura: la batteria del mio {product} si è gonfiata durante la notte e puzzava di fumo. L'assistenza {brand} mi ha mandato solo un modulo.",
        "{brand} sapeva del surriscaldamento e ha continuato lo stesso a vendere il {product}.",
        "Non caricate il {product} di notte finché {brand} non spiega questi incendi delle batterie.",
        "Ho staccato il mio {product} dopo che ha iniziato a surriscaldarsi sul comodino. Non lo tocco finché {brand} non lo richiama.",
    ],
    "flight_cancellations": [
        "{brand} ha cancellato il {flight} per {city} con {hours} ore di preavviso e il call center riattacca.",
        "Bloccato a {city} dopo che {brand} ha cancellato tutti i voli di stasera. Niente hotel, nessuna informazione.",
        "{brand} mi ha cancellato il volo due volte in due giorni. C'è qualcuno?",
        "Centinaia di passeggeri bloccati a {city} per le cancellazioni di {brand}.",
        "Sto ancora aspettando il rimborso di {brand} dopo la cancellazione del {flight}.",
        "L'app di {brand} dice che il mio volo è in orario, il tabellone dice cancellato. Caos all'aeroporto di {city}.",
    ],
}

CRISIS_TERMS = {
    "battery_fire": ["batteri", "surriscald", "richiam", "incendi"],
    "flight_cancellations": ["cancell", "bloccat", "rimborso"],
}
