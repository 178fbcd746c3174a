"""Swedish phrases for social posts, comments, reviews and blog posts about the simulated brands."""

OPEN = [
    "Okej, en snabb tanke om {brand}.",
    "Har tänkt skriva det här länge.",
    "Uppdatering efter {n} veckor med {brand}:",
    "Jaha, {brand}. Var ska jag ens börja.",
    "Är det fler som har strul med {brand} just nu?",
    "Precis hemkommen från {city} och jag har en del tankar.",
    "Tips till alla i {city}:",
    "Har varit kund hos {brand} i ungefär {nn} år.",
    "Inte sponsrat, bara min ärliga upplevelse.",
    "Min sambo undrade varför jag tjatar om {brand} hela tiden, så här kommer det.",
]

CLOSE = {
    "positive": [
        "Rekommenderas varmt.",
        "Fortsätt så, {handle}!",
        "Ärligt talat en bra upplevelse från början till slut.",
        "Tio av tio, gör gärna om det.",
    ],
    "neutral": [
        "Är det någon annan som har testat?",
        "Vad tycker ni andra?",
        "Jag uppdaterar inlägget om något händer.",
        "Några tips innan jag bestämmer mig?",
    ],
    "negative": [
        "Aldrig mer.",
        "Riktigt besviken, {handle}.",
        "Jag hade ärligt talat förväntat mig mycket mer.",
        "Vet någon hur man når en riktig människa på {brand}?",
    ],
}

ASPECTS = {
    "price": {
        "positive": [
            "För {price} är {product} ärligt talat ett fynd.",
            "{brand} är inte billigast, men man får vad man betalar för.",
            "Betalade {price} och ångrar inte en krona hos {brand}.",
        ],
        "neutral": [
            "{brand} tog {price}, vilket verkar vara normalpriset nu.",
            "Priserna hos {brand} har gått upp igen, {price} den här gången, fast det har de ju överallt.",
        ],
        "negative": [
            "{price} för det där? {brand} har helt tappat kontakten med verkligheten.",
            "Jag gillade {brand} en gång i tiden, men för {price} är det helt enkelt inte värt det.",
            "Ännu en prishöjning från {brand}, nu {price}. Nej tack.",
        ],
    },
    "service": {
        "positive": [
            "{brand}s kundtjänst löste allt på {minutes} minuter, supertrevliga.",
            "Stort tack till {name} på {brand}s support som faktiskt lyssnade och fixade mitt problem.",
            "Hade ett problem klockan {time} igår kväll och {brand} svarade inom en timme. Imponerande.",
        ],
        "neutral": [
            "Har kontaktat {brand} om ärende {order}, väntar på svar.",
            "{brand} säger att de återkommer inom {n} arbetsdagar.",
        ],
        "negative": [
            "Har suttit i telefonkö hos {brand} i {minutes} minuter nu.",
            "{brand} stängde mitt ärende {order} utan att lösa någonting.",
            "Tredje gången jag förklarar samma problem för {brand}, och ingen läser historiken.",
        ],
    },
    "product": {
        "positive": [
            "Batteriet i min {product} håller lätt {n} dagar, jag är imponerad.",
            "Bytte från {competitor} till {product} och skärmen är helt fantastisk.",
            "{brand} har verkligen lyckats med {product}, den är snabb och känns gedigen.",
        ],
        "neutral": [
            "{product} från {brand} kom idag, jag delar mina intryck om en vecka.",
            "Jämför {product} med det {competitor} har, och specarna är väldigt lika.",
        ],
        "negative": [
            "Min {product} har börjat frysa {n} gånger om dagen sedan den senaste uppdateringen från {brand}.",
            "{product} är inte värd pengarna: kameran är medioker och den blir varm.",
            "Efter {nn} dagar slutade laddporten på min {product} att fungera.",
        ],
    },
    "delivery": {
        "positive": [
            "Beställde från {brand} igår kväll och paketet stod utanför dörren i {city} klockan {time}.",
            "Order {order} från {brand} kom två dagar tidigare än utlovat och var snyggt packad.",
        ],
        "neutral": [
            "{brand} skriver att order {order} skickas inom {n} dagar.",
            "Spårningen för min order från {brand} säger fortfarande 'på väg' någonstans nära {city}.",
        ],
        "negative": [
            "Order {order} från {brand} har varit 'på väg' i {nn} dagar nu.",
            "{brand} levererade en mosad kartong och vill nu att jag ska betala returen.",
            "Leverans till {city} var utlovad idag; {brand} har precis skjutit upp den {n} dagar till.",
        ],
    },
    "flight": {
        "positive": [
            "{brand} {flight} till {city} landade {minutes} minuter före tidtabell, helt smidigt.",
            "Bokade {product} med {brand} och det extra benutrymmet var värt varenda krona.",
            "Bästa punktligheten jag varit med om på flera år, {brand} gör något rätt.",
        ],
        "neutral": [
            "Flyger med {brand} {flight} från {city} idag, boarding klockan {time}.",
            "{brand} har flyttat avgången för {flight} med {minutes} minuter, ingen stor grej.",
        ],
        "negative": [
            "{flight} med {brand} är {hours} timmar försenat och inte en enda uppdatering vid gaten.",
            "{brand} överbokade {flight} och flyttade mig till morgondagens flyg.",
            "Satt på plattan i {city} i {minutes} minuter för att {brand} hade 'tappat sin slot'. Allvarligt?",
        ],
    },
    "crew": {
        "positive": [
            "Kabinpersonalen på {brand} {flight} var jättegulliga mot mina barn.",
            "Stort tack till {name} i {brand}s besättning som hittade jackan jag glömde ombord.",
            "Min resväska var först ut på bandet i {city}, bra jobbat {brand}.",
        ],
        "neutral": [
            "Besättningen hos {brand} presenterade en ny meny ombord på {flight}.",
            "{brand} låter en nu följa sitt incheckade bagage i appen, testar det på {flight}.",
        ],
        "negative": [
            "{brand} har tappat bort min resväska i {city} och ingen vet var den är.",
            "Besättningen på {flight} var märkbart irriterade på passagerarna, inte vad jag väntar mig av {brand}.",
            "Mitt bagage kom {n} dagar försent och {brand} vägrar ge någon ersättning.",
        ],
    },
    "drinks": {
        "positive": [
            "Den {product} de gör på {brand} i {city} är den bästa jag druckit i år.",
            "{brand} har äntligen fått till sin {product}, len och inte för söt.",
            "Inget slår en {product} från {brand} en kall morgon ☕",
        ],
        "neutral": [
            "Testar nya {product} på {brand} idag.",
            "{brand} har nu {product} på menyn i {city} också.",
        ],
        "negative": [
            "Min {product} från {brand} smakade bränt igen idag.",
            "Betalade för en stor {product} på {brand} och fick något ljummet och halvfullt.",
            "{brand} har ändrat receptet på {product} och den är helt enkelt inte god längre.",
        ],
    },
    "store": {
        "positive": [
            "Personalen på {brand} i {city} kom ihåg min beställning efter {n} besök, älskar det.",
            "Sköna stolar, bra musik och snabbt wifi: {brand} vid stationen i {city} är mitt nya kontor.",
        ],
        "neutral": [
            "{brand} i {city} öppnar numera klockan {time} på vardagar.",
            "Kön på {brand} var ungefär {minutes} minuter i morse.",
        ],
        "negative": [
            "Väntade {minutes} minuter på {brand} på en enda kaffe medan {n} baristor stod och pratade.",
            "Borden på {brand} var kladdiga och soporna svämmade över, inte okej.",
            "{brand} i {city} stängde {nn} minuter tidigare utan förvarning.",
        ],
    },
    "app": {
        "positive": [
            "{brand}s app gör det så enkelt att betala räkningar, klart på {n} tryck.",
            "Så skönt att {brand} äntligen har fått direkta notiser vid kortköp.",
            "Loggade in hos {brand} med Face ID på två sekunder, smidigt.",
        ],
        "neutral": [
            "{brand} uppdaterar sin app i natt från klockan {time}, räkna med lite driftstopp.",
            "Nya designen i {brand}s app kräver en del tillvänjning.",
        ],
        "negative": [
            "{brand}s app har legat nere sedan {time} och jag kan inte betala hyran.",
            "{brand} har loggat ut mig {n} gånger idag, appen är ett enda kaos.",
            "Varför behöver {brand}s app {n} steg för att godkänna en enkel överföring?",
        ],
    },
    "account": {
        "positive": [
            "Öppnade ett konto hos {brand} på {minutes} minuter, helt digitalt.",
            "Min rådgivare {name} på {brand} hjälpte mig faktiskt att få bättre ränta på {product}.",
            "{brand} betalade tillbaka en bedräglig dragning på {price} inom ett dygn, toppen.",
        ],
        "neutral": [
            "{brand} ändrar villkoren för {product} från och med nästa månad.",
            "Har bokat ett möte med {brand} om bolån, vi får se vad de erbjuder.",
        ],
        "negative": [
            "{brand} spärrade mitt konto i {n} dagar utan någon förklaring.",
            "En överföring på {price} har stått som 'väntande' hos {brand} sedan i måndags.",
            "{brand} har dragit {price} i avgifter som ingen någonsin berättat om.",
        ],
    },
}

TITLES = {
    "positive": [
        "{brand} gjorde rätt den här gången",
        "Positivt överraskad av {brand}",
        "{product}: bättre än jag trodde",
    ],
    "neutral": [
        "Fråga om {brand}",
        "Erfarenheter av {brand}?",
        "Vad tycker ni om {product}?",
    ],
    "negative": [
        "{brand} blir bara sämre",
        "Undvik {brand} tills de har fixat det här",
        "Usel upplevelse med {brand}",
    ],
}

CAMPAIGN = {
    "positive": [
        "Här är mitt {campaign_tag}: en solig morgon i {city} och min favorit från {brand} 😍",
        "Älskar vad {brand} gör med {campaign_tag}, mitt flöde är fullt av glada historier.",
        "Har precis gått med i {campaign_tag}, håller tummarna för priset från {brand}! 🤞",
        "{campaign_tag} dag {n}: ler fortfarande tack vare {brand}.",
    ],
    "neutral": [
        "{brand} har dragit igång {campaign_tag} den här veckan, man delar en bild för att vara med.",
        "Har sett {brand}s {campaign_tag}-affischer överallt i {city}.",
    ],
    "negative": [
        "{campaign_tag} är väl gulligt, men {brand} kanske borde fixa grunderna först.",
    ],
}

CRISIS = {
    "battery_fire": [
        "Batteriet i min {product} blev så varmt under laddning att jag fick ställa ut telefonen på balkongen. {brand}, återkalla den nu!",
        "Ännu en batteribrand med en {product} i {city}. Hur många till innan {brand} återkallar den?",
        "Obehagligt: batteriet i min {product} svällde upp i natt och luktade rök. {brand}s support skickade bara ett formulär.",
        "{brand} kände till problemet med överhettning och fortsatte ändå att sälja {product}.",
        "Sluta ladda era {product} på natten tills {brand} förklarar de här batteribränderna.",
        "Drog ur sladden till min {product} efter att den blev överhettad på nattduksbordet. Rör den inte förrän {brand} återkallar den.",
    ],
    "flight_cancellations": [
        "{brand} ställde in {flight} till {city} med {hours} timmars varsel och kundtjänst lägger bara på.",
        "Strandsatt i {city} efter att {brand} ställt in alla avgångar ikväll. Inget hotell, ingen information.",
        "{brand} har ställt in mitt flyg två gånger på två dagar. Finns det någon där?",
        "Hundratals passagerare är strandsatta i {city} på grund av {brand}s inställda flyg.",
        "Väntar fortfarande på återbetalning från {brand} efter att {flight} ställdes in.",
        "{brand}s app säger att mitt flyg går enligt tidtabell, tavlan säger inställt. Kaos på flygplatsen i {city}.",
    ],
}

CRISIS_TERMS = {
    "battery_fire": ["batteri", "överhett", "återkalla"],
    "flight_cancellations": ["ställ", "inställ", "strandsatt", "återbetalning"],
}
