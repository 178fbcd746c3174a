"""Norwegian (bokmål) phrases for social posts, comments, reviews and blog posts about the simulated brands."""

OPEN = [
    "Ok, en kjapp tanke om {brand}.",
    "Har lenge tenkt å skrive om dette.",
    "Oppdatering etter {n} uker med {brand}:",
    "Altså, {brand}. Hvor skal jeg begynne.",
    "Er det flere som sliter med {brand} for tiden?",
    "Akkurat kommet hjem fra {city}, og jeg har noen tanker.",
    "Til alle dere i {city}:",
    "Har vært kunde hos {brand} i omtrent {nn} år.",
    "Ikke sponset, bare min ærlige erfaring.",
    "Samboeren min lurte på hvorfor jeg maser sånn om {brand}, så her kommer det.",
]

CLOSE = {
    "positive": [
        "Anbefales på det varmeste.",
        "Bare fortsett sånn, {handle}!",
        "Ærlig talt en god opplevelse fra start til slutt.",
        "Ti av ti, gjør det gjerne igjen.",
    ],
    "neutral": [
        "Er det noen andre som har prøvd?",
        "Hva mener dere andre?",
        "Jeg oppdaterer innlegget hvis noe skjer.",
        "Noen tips før jeg bestemmer meg?",
    ],
    "negative": [
        "Aldri igjen.",
        "Skikkelig skuffet, {handle}.",
        "Jeg hadde ærlig talt forventet mye mer.",
        "Vet noen hvordan man får tak i et ekte menneske hos {brand}?",
    ],
}

ASPECTS = {
    "price": {
        "positive": [
            "Til {price} er {product} ærlig talt et kupp.",
            "{brand} er ikke billigst, men man får det man betaler for.",
            "Betalte {price} og angrer ikke på en eneste krone hos {brand}.",
        ],
        "neutral": [
            "{brand} tok {price}, som visst er vanlig pris nå.",
            "Prisene hos {brand} har gått opp igjen, {price} denne gangen, men det har de jo overalt.",
        ],
        "negative": [
            "{price} for det der? {brand} har fullstendig mistet bakkekontakten.",
            "Jeg likte {brand} en gang, men til {price} er det rett og slett ikke verdt det.",
            "Enda en prisøkning fra {brand}, nå {price}. Nei takk.",
        ],
    },
    "service": {
        "positive": [
            "Kundeservice hos {brand} ordnet alt på {minutes} minutter, supertrivelige.",
            "Stor takk til {name} hos {brand} som faktisk lyttet og løste problemet mitt.",
            "Hadde et problem klokka {time} i går kveld, og {brand} svarte innen en time. Imponerende.",
        ],
        "neutral": [
            "Har kontaktet {brand} om sak {order}, venter på svar.",
            "{brand} sier de kommer tilbake til meg innen {n} virkedager.",
        ],
        "negative": [
            "Har sittet i telefonkø hos {brand} i {minutes} minutter nå.",
            "{brand} lukket saken min {order} uten å løse noe som helst.",
            "Tredje gang jeg forklarer det samme problemet til {brand}, og ingen leser historikken.",
        ],
    },
    "product": {
        "positive": [
            "Batteriet på {product} holder fint i {n} dager, jeg er imponert.",
            "Byttet fra {competitor} til {product}, og skjermen er helt nydelig.",
            "{brand} har virkelig truffet med {product}, den er rask og føles solid.",
        ],
        "neutral": [
            "{product} fra {brand} kom i dag, jeg deler inntrykkene om en ukes tid.",
            "Sammenligner {product} med det {competitor} har, og spesifikasjonene er ganske like.",
        ],
        "negative": [
            "{product} har begynt å fryse {n} ganger om dagen etter den siste oppdateringen fra {brand}.",
            "{product} er ikke verdt pengene: kameraet er middels og den blir varm.",
            "Etter {nn} dager sluttet ladeporten på {product} å virke.",
        ],
    },
    "delivery": {
        "positive": [
            "Bestilte fra {brand} i går kveld, og pakken sto på døra i {city} klokka {time}.",
            "Ordre {order} fra {brand} kom to dager før tiden og var pent pakket.",
        ],
        "neutral": [
            "{brand} skriver at ordre {order} sendes innen {n} dager.",
            "Sporingen på ordren min fra {brand} sier fortsatt 'underveis' et sted i nærheten av {city}.",
        ],
        "negative": [
            "Ordre {order} fra {brand} har vært 'på vei' i {nn} dager nå.",
            "{brand} leverte en knust eske og vil nå at jeg skal betale for returen.",
            "Levering til {city} var lovet i dag; {brand} har nettopp utsatt den {n} dager til.",
        ],
    },
    "flight": {
        "positive": [
            "{brand} {flight} til {city} landet {minutes} minutter før tiden, helt knirkefritt.",
            "Bestilte {product} hos {brand}, og den ekstra beinplassen var verdt hver krone.",
            "Beste punktligheten jeg har opplevd på mange år, {brand} gjør noe riktig.",
        ],
        "neutral": [
            "Flyr med {brand} {flight} fra {city} i dag, boarding klokka {time}.",
            "{brand} har flyttet avgangen til {flight} med {minutes} minutter, ikke noe stort problem.",
        ],
        "negative": [
            "{flight} med {brand} er {hours} timer forsinket, og ikke en eneste oppdatering ved gaten.",
            "{brand} overbooket {flight} og flyttet meg til flyet i morgen.",
            "Satt på rullebanen i {city} i {minutes} minutter fordi {brand} hadde 'mistet sloten'. Seriøst?",
        ],
    },
    "crew": {
        "positive": [
            "Kabinpersonalet på {brand} {flight} var så søte med barna mine.",
            "Stor takk til {name} i besetningen hos {brand} som fant jakka jeg glemte om bord.",
            "Kofferten min var først ut på båndet i {city}, godt jobbet {brand}.",
        ],
        "neutral": [
            "Besetningen hos {brand} presenterte en ny meny om bord på {flight}.",
            "{brand} lar deg nå følge den innsjekkede bagasjen i appen, prøver det på {flight}.",
        ],
        "negative": [
            "{brand} har mistet kofferten min i {city}, og ingen vet hvor den er.",
            "Besetningen på {flight} var tydelig irritert på passasjerene, ikke det jeg forventer av {brand}.",
            "Bagasjen min kom {n} dager for sent, og {brand} nekter å gi noen kompensasjon.",
        ],
    },
    "drinks": {
        "positive": [
            "{product} hos {brand} i {city} er den beste jeg har smakt i år.",
            "{brand} har endelig fått til {product}, myk og ikke for søt.",
            "Ingenting slår en {product} fra {brand} en kald morgen ☕",
        ],
        "neutral": [
            "Prøver den nye {product} hos {brand} i dag.",
            "{brand} har nå {product} på menyen i {city} også.",
        ],
        "negative": [
            "{product} fra {brand} smakte brent igjen i dag.",
            "Betalte for en stor {product} hos {brand} og fikk noe lunkent og halvfullt.",
            "{brand} har endret oppskriften på {product}, og den er rett og slett ikke god lenger.",
        ],
    },
    "store": {
        "positive": [
            "De ansatte hos {brand} i {city} husket bestillingen min etter {n} besøk, elsker det.",
            "Gode stoler, god musikk og raskt wifi: {brand} ved stasjonen i {city} er mitt nye kontor.",
        ],
        "neutral": [
            "{brand} i {city} åpner nå klokka {time} på hverdager.",
            "Køen hos {brand} var rundt {minutes} minutter i morges.",
        ],
        "negative": [
            "Ventet {minutes} minutter hos {brand} på én kopp kaffe mens {n} baristaer sto og pratet.",
            "Bordene hos {brand} var klissete og søppelbøttene rant over, ikke greit.",
            "{brand} i {city} stengte {nn} minutter for tidlig uten beskjed.",
        ],
    },
    "app": {
        "positive": [
            "Appen til {brand} gjør det så lett å betale regninger, ferdig på {n} trykk.",
            "Deilig at {brand} endelig har fått varsler med en gang ved kortbetaling.",
            "Logget inn hos {brand} med ansiktsgjenkjenning på to sekunder, knirkefritt.",
        ],
        "neutral": [
            "{brand} oppdaterer appen sin i natt fra klokka {time}, så regn med litt nedetid.",
            "Det nye designet i appen til {brand} krever litt tilvenning.",
        ],
        "negative": [
            "Appen til {brand} har vært nede siden {time}, og jeg får ikke betalt husleia.",
            "{brand} har logget meg ut {n} ganger i dag, appen er et eneste rot.",
            "Hvorfor trenger appen til {brand} {n} steg for å godkjenne en enkel overføring?",
        ],
    },
    "account": {
        "positive": [
            "Åpnet konto hos {brand} på {minutes} minutter, helt digitalt.",
            "Rådgiveren min {name} hos {brand} hjalp meg faktisk å få bedre rente på {product}.",
            "{brand} refunderte et svindeltrekk på {price} innen et døgn, topp.",
        ],
        "neutral": [
            "{brand} endrer vilkårene for {product} fra neste måned.",
            "Har booket et møte med {brand} om boliglån, får se hva de kan tilby.",
        ],
        "negative": [
            "{brand} sperret kontoen min i {n} dager uten noen forklaring.",
            "En overføring på {price} har stått som 'venter' hos {brand} siden mandag.",
            "{brand} har trukket {price} i gebyrer som ingen noen gang har fortalt meg om.",
        ],
    },
}

TITLES = {
    "positive": [
        "{brand} traff godt denne gangen",
        "Positivt overrasket over {brand}",
        "{product}: bedre enn forventet",
    ],
    "neutral": [
        "Spørsmål om {brand}",
        "Erfaringer med {brand}?",
        "Hva synes dere om {product}?",
    ],
    "negative": [
        "{brand} blir bare verre og verre",
        "Unngå {brand} til de har fikset dette",
        "Elendig opplevelse med {brand}",
    ],
}

CAMPAIGN = {
    "positive": [
        "Her er mitt {campaign_tag}: en solfylt morgen i {city} og favoritten min fra {brand} 😍",
        "Elsker det {brand} gjør med {campaign_tag}, feeden min er full av glade historier.",
        "Har akkurat blitt med på {campaign_tag}, krysser fingrene for premien fra {brand}! 🤞",
        "{campaign_tag} dag {n}: smiler fortsatt takket være {brand}.",
    ],
    "neutral": [
        "{brand} har lansert {campaign_tag} denne uka, man deler et bilde for å være med.",
        "Har sett {campaign_tag}-plakatene til {brand} overalt i {city}.",
    ],
    "negative": [
        "{campaign_tag} er sikkert koselig, men kanskje {brand} burde fikse det grunnleggende først.",
    ],
}

CRISIS = {
    "battery_fire": [
        "Batteriet i {product} ble så varmt under lading at jeg måtte sette telefonen ut på balkongen. {brand}, tilbakekall den nå!",
        "Nok en batteribrann med en {product} i {city}. Hvor mange flere før {brand} tilbakekaller den?",
        "Skummelt: batteriet i {product} svulmet opp i natt og luktet røyk. Kundeservice hos {brand} sendte meg bare et skjema.",
        "{brand} visste om problemet med overoppheting og fortsatte likevel å selge {product}.",
        "Slutt å lade {product} om natta til {brand} forklarer disse batteribrannene.",
        "Dro ut laderen fra {product} etter at den ble overopphetet på nattbordet. Rører den ikke før {brand} tilbakekaller den.",
    ],
    "flight_cancellations": [
        "{brand} kansellerte {flight} til {city} med {hours} timers varsel, og kundeservice legger bare på.",
        "Strandet i {city} etter at {brand} har kansellert alle avganger i kveld. Ikke hotell, ingen informasjon.",
        "{brand} har kansellert flyet mitt to ganger på to dager. Er det noen der?",
        "Hundrevis av passasjerer er strandet i {city} på grunn av kanselleringene hos {brand}.",
        "Venter fortsatt på refusjon fra {brand} etter at {flight} ble kansellert.",
        "Appen til {brand} sier at flyet mitt går som planlagt, tavla sier kansellert. Kaos på flyplassen i {city}.",
    ],
}

CRISIS_TERMS = {
    "battery_fire": ["batteri", "overopphet", "tilbakekall"],
    "flight_cancellations": ["kanseller", "strande", "refusjon"],
}
