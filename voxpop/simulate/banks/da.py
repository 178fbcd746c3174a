"""Danish phrases for social posts, comments, reviews and blog posts about the simulated brands."""

OPEN = [
    "Okay, en hurtig tanke om {brand}.",
    "Jeg har længe tænkt på at skrive det her.",
    "Opdatering efter {n} uger med {brand}:",
    "Nå, {brand}. Hvor skal jeg begynde.",
    "Er der andre, der har bøvl med {brand} for tiden?",
    "Lige kommet hjem fra {city}, og jeg har nogle tanker.",
    "Til alle jer i {city}:",
    "Har været kunde hos {brand} i {nn} år eller deromkring.",
    "Ikke sponsoreret, bare min ærlige oplevelse.",
    "Min kæreste spurgte, hvorfor jeg bliver ved med at snakke om {brand}, så here goes.",
]

CLOSE = {
    "positive": [
        "Kan varmt anbefales.",
        "Bliv ved med det, {handle}!",
        "Ærligt talt en god oplevelse fra start til slut.",
        "Ti ud af ti, det gør jeg gerne igen.",
    ],
    "neutral": [
        "Er der andre, der har prøvet det?",
        "Hvad siger I andre?",
        "Jeg opdaterer opslaget, hvis der sker noget.",
        "Nogen gode råd, før jeg beslutter mig?",
    ],
    "negative": [
        "Aldrig igen.",
        "Virkelig skuffet, {handle}.",
        "Jeg havde ærligt talt forventet meget mere.",
        "Ved nogen, hvordan man får fat i et rigtigt menneske hos {brand}?",
    ],
}

ASPECTS = {
    "price": {
        "positive": [
            "Til {price} er {product} ærligt talt et godt køb.",
            "{brand} er ikke den billigste, men man får noget for pengene.",
            "Betalte {price} og fortryder ikke en krone hos {brand}.",
        ],
        "neutral": [
            "{brand} tog {price}, hvilket vist er normalprisen nu.",
            "Priserne hos {brand} er steget igen, {price} denne gang, men det er de også alle andre steder.",
        ],
        "negative": [
            "{price} for det? {brand} har fuldstændig mistet jordforbindelsen.",
            "Jeg kunne godt lide {brand} engang, men til {price} er det simpelthen ikke pengene værd.",
            "Endnu en prisstigning fra {brand}, nu {price}. Nej tak.",
        ],
    },
    "service": {
        "positive": [
            "{brand}s kundeservice klarede det hele på {minutes} minutter, super venlige.",
            "Stor tak til {name} hos {brand}s support, som faktisk lyttede og løste mit problem.",
            "Havde et problem klokken {time} i går aftes, og {brand} svarede inden for en time. Imponerende.",
        ],
        "neutral": [
            "Har kontaktet {brand} om sag {order} og venter på svar.",
            "{brand} siger, at de vender tilbage inden for {n} hverdage.",
        ],
        "negative": [
            "Har nu ventet i telefonkø hos {brand} i {minutes} minutter.",
            "{brand} lukkede min sag {order} uden at løse noget som helst.",
            "Tredje gang jeg forklarer det samme problem til {brand}, og ingen læser historikken.",
        ],
    },
    "product": {
        "positive": [
            "Batteriet på min {product} holder sagtens {n} dage, jeg er imponeret.",
            "Skiftede fra {competitor} til {product}, og skærmen er bare smuk.",
            "{brand} har virkelig ramt plet med {product}, den er hurtig og føles solid.",
        ],
        "neutral": [
            "{product} fra {brand} kom i dag, jeg deler mine indtryk om en uges tid.",
            "Sammenligner {product} med det, {competitor} har, og specifikationerne ligner hinanden meget.",
        ],
        "negative": [
            "Min {product} fryser {n} gange om dagen efter den seneste opdatering fra {brand}.",
            "{product} er ikke pengene værd: kameraet er middelmådigt, og den bliver varm.",
            "Efter {nn} dage holdt opladerstikket på min {product} op med at virke.",
        ],
    },
    "delivery": {
        "positive": [
            "Bestilte hos {brand} i går aftes, og pakken stod ved døren i {city} klokken {time}.",
            "Ordre {order} fra {brand} kom to dage før tid og var pænt pakket.",
        ],
        "neutral": [
            "{brand} skriver, at ordre {order} bliver sendt inden for {n} dage.",
            "Sporingen på min ordre fra {brand} siger stadig 'undervejs' et sted i nærheden af {city}.",
        ],
        "negative": [
            "Ordre {order} fra {brand} har været 'på vej' i {nn} dage nu.",
            "{brand} leverede en mast kasse og vil nu have mig til at betale for returneringen.",
            "Levering til {city} var lovet i dag; {brand} har lige udskudt den {n} dage mere.",
        ],
    },
    "flight": {
        "positive": [
            "{brand} {flight} til {city} landede {minutes} minutter før tid, helt problemfrit.",
            "Bookede {product} hos {brand}, og den ekstra benplads var hver en krone værd.",
            "Den bedste punktlighed, jeg har oplevet i årevis, {brand} gør noget rigtigt.",
        ],
        "neutral": [
            "Flyver med {brand} {flight} fra {city} i dag, boarding klokken {time}.",
            "{brand} har rykket afgangen på {flight} {minutes} minutter, ikke noget problem.",
        ],
        "negative": [
            "{flight} med {brand} er {hours} timer forsinket, og der er ikke én eneste opdatering ved gaten.",
            "{brand} overbookede {flight} og flyttede mig til flyet i morgen.",
            "Sad på landingsbanen i {city} i {minutes} minutter, fordi {brand} havde 'mistet et slot'. Seriøst?",
        ],
    },
    "crew": {
        "positive": [
            "Kabinepersonalet på {brand} {flight} var så søde ved mine børn.",
            "Stor tak til {name} fra {brand}s besætning, som fandt den jakke, jeg glemte om bord.",
            "Min kuffert var den første på båndet i {city}, godt gået {brand}.",
        ],
        "neutral": [
            "Besætningen hos {brand} på {flight} præsenterede en ny menu om bord.",
            "{brand} har gjort det muligt at følge sin indtjekkede kuffert i appen, jeg prøver det på {flight}.",
        ],
        "negative": [
            "{brand} har mistet min kuffert i {city}, og ingen ved, hvor den er.",
            "Besætningen på {flight} var synligt irriterede på passagererne, det forventer jeg ikke af {brand}.",
            "Min bagage kom {n} dage for sent, og {brand} nægter at give nogen kompensation.",
        ],
    },
    "drinks": {
        "positive": [
            "Den {product}, de laver hos {brand} i {city}, er den bedste, jeg har fået i år.",
            "{brand} har endelig fået styr på deres {product}, blød og ikke for sød.",
            "Intet slår en {product} fra {brand} en kold morgen ☕",
        ],
        "neutral": [
            "Prøver den nye {product} hos {brand} i dag.",
            "{brand} har nu også {product} på menuen i {city}.",
        ],
        "negative": [
            "Min {product} fra {brand} smagte brændt igen i dag.",
            "Betalte for en stor {product} hos {brand} og fik noget lunkent og halvfyldt.",
            "{brand} har ændret opskriften på {product}, og den er bare ikke god længere.",
        ],
    },
    "store": {
        "positive": [
            "Personalet hos {brand} i {city} kunne huske min bestilling efter {n} besøg, elsker det.",
            "Gode stole, god musik og hurtigt wifi: {brand} ved stationen i {city} er mit nye kontor.",
        ],
        "neutral": [
            "{brand} i {city} åbner nu klokken {time} på hverdage.",
            "Køen hos {brand} var omkring {minutes} minutter i morges.",
        ],
        "negative": [
            "Ventede {minutes} minutter hos {brand} på én kop kaffe, mens {n} baristaer stod og snakkede.",
            "Bordene hos {brand} var klistrede, og skraldespandene flød over. Ikke i orden.",
            "{brand} i {city} lukkede {nn} minutter før tid uden varsel.",
        ],
    },
    "app": {
        "positive": [
            "{brand}s app gør det så nemt at betale regninger, klaret med {n} tryk.",
            "Dejligt, at {brand} endelig har fået notifikationer med det samme ved kortbetalinger.",
            "Loggede ind hos {brand} med ansigtsgenkendelse på to sekunder, smooth.",
        ],
        "neutral": [
            "{brand} opdaterer deres app i nat fra klokken {time}, så forvent lidt nedetid.",
            "Det nye design i {brand}s app kræver lidt tilvænning.",
        ],
        "negative": [
            "{brand}s app har været nede siden {time}, og jeg kan ikke betale min husleje.",
            "{brand} har logget mig ud {n} gange i dag, appen er noget rod.",
            "Hvorfor skal {brand}s app bruge {n} trin på at godkende en simpel overførsel?",
        ],
    },
    "account": {
        "positive": [
            "Oprettede en konto hos {brand} på {minutes} minutter, alt sammen online.",
            "Min rådgiver {name} hos {brand} hjalp mig faktisk med at få en bedre rente på {product}.",
            "{brand} refunderede en svindeltransaktion på {price} inden for et døgn, super.",
        ],
        "neutral": [
            "{brand} ændrer vilkårene for {product} fra næste måned.",
            "Har booket et møde med {brand} om et boliglån, lad os se, hvad de kan tilbyde.",
        ],
        "negative": [
            "{brand} spærrede min konto i {n} dage uden nogen forklaring.",
            "En overførsel på {price} har stået som 'afventer' hos {brand} siden mandag.",
            "{brand} har trukket {price} i gebyrer, som ingen nogensinde har fortalt mig om.",
        ],
    },
}

TITLES = {
    "positive": [
        "{brand} ramte rigtigt denne gang",
        "Positivt overrasket over {brand}",
        "{product}: bedre end forventet",
    ],
    "neutral": [
        "Spørgsmål om {brand}",
        "Erfaringer med {brand}?",
        "Hvad synes I om {product}?",
    ],
    "negative": [
        "{brand} bliver bare værre og værre",
        "Undgå {brand}, indtil de får styr på det her",
        "Elendig oplevelse med {brand}",
    ],
}

CAMPAIGN = {
    "positive": [
        "Her er mit {campaign_tag}: en solrig morgen i {city} og min favorit fra {brand} 😍",
        "Elsker det, {brand} gør med {campaign_tag}, mit feed er fuldt af glade historier.",
        "Har lige været med i {campaign_tag}, krydser fingre for præmien fra {brand}! 🤞",
        "{campaign_tag} dag {n}: smiler stadig takket være {brand}.",
    ],
    "neutral": [
        "{brand} har lanceret {campaign_tag} i denne uge, man deler et billede for at være med.",
        "Har set {brand}s {campaign_tag}-plakater overalt i {city}.",
    ],
    "negative": [
        "{campaign_tag} er da sødt nok, men måske skulle {brand} få styr på det basale først.",
    ],
}

CRISIS = {
    "battery_fire": [
        "Batteriet i min {product} blev så varmt under opladning, at jeg måtte sætte telefonen ud på altanen. {brand}, kald den tilbage nu!",
        "Endnu en batteribrand med en {product} i {city}. Hvor mange skal der til, før {brand} tilbagekalder den?",
        "Uhyggeligt: batteriet i min {product} svulmede op i nat og lugtede af røg. {brand}s support sendte mig bare en formular.",
        "{brand} kendte til problemet med overophedning og blev alligevel ved med at sælge {product}.",
        "Stop med at lade jeres {product} op om natten, indtil {brand} forklarer de her batteribrande.",
        "Har taget stikket ud af min {product}, efter at den blev overophedet på natbordet. Rører den ikke, før {brand} tilbagekalder den.",
    ],
    "flight_cancellations": [
        "{brand} aflyste {flight} til {city} med {hours} timers varsel, og kundeservice lægger bare på.",
        "Strandet i {city}, efter at {brand} har aflyst alle afgange i aften. Intet hotel, ingen information.",
        "{brand} har aflyst mit fly to gange på to dage. Er der nogen?",
        "Hundredvis af passagerer er strandet i {city} på grund af aflysningerne hos {brand}.",
        "Venter stadig på at få pengene refunderet fra {brand} efter aflysningen af {flight}.",
        "{brand}s app siger, at mit fly går til tiden, tavlen siger aflyst. Kaos i lufthavnen i {city}.",
    ],
}

CRISIS_TERMS = {
    "battery_fire": ["batteri", "overophed", "tilbagekald"],
    "flight_cancellations": ["aflys", "strande", "refunder"],
}
