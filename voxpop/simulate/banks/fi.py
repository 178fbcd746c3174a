"""Finnish phrases for social posts, comments, reviews and blog posts about the simulated brands.

Finnish inflects names where other languages use prepositions, so these phrases use the
case forms of the brand ({brand_gen} genitive, {brand_ela} "about/from inside",
{brand_ade} "at", {brand_abl} "from", {brand_all} "to"), compound prefixes such as
{product_c}laite ("Lumora Pulse 7 -laite"), and the city forms {city_in}, {city_to},
{city_from}.
"""

OPEN = [
    "Okei, nopea ajatus {brand_ela}.",
    "Olen aikonut kirjoittaa tästä jo pitkään.",
    "Päivitys {n} viikon jälkeen, aiheena {brand}:",
    "No niin, {brand}. Mistä edes aloittaisin.",
    "Onko muilla ollut viime aikoina ongelmia {brand_gen} kanssa?",
    "Tulin juuri kotiin {city_from}, ja minulla on ajatuksia.",
    "Vinkki kaikille {city_in} asuville:",
    "Olen ollut {brand_gen} asiakas noin {nn} vuotta.",
    "Ei sponsoroitu, vain rehellinen kokemukseni.",
    "Puoliso kysyi, miksi puhun koko ajan {brand_ela}, joten tässä tulee.",
]

CLOSE = {
    "positive": [
        "Suosittelen lämpimästi.",
        "Jatkakaa samaan malliin, {handle}!",
        "Rehellisesti sanottuna hyvä kokemus alusta loppuun.",
        "Kymmenen pistettä kymmenestä, tekisin saman uudestaan.",
    ],
    "neutral": [
        "Onko joku muu kokeillut?",
        "Mitä mieltä muut ovat?",
        "Päivitän tätä, jos jotain tapahtuu.",
        "Vinkkejä ennen kuin päätän?",
    ],
    "negative": [
        "Ei enää koskaan.",
        "Todella pettynyt, {handle}.",
        "Odotin rehellisesti sanottuna paljon parempaa.",
        "Tietääkö kukaan, miten {brand_gen} asiakaspalvelussa pääsee puhumaan oikean ihmisen kanssa?",
    ],
}

ASPECTS = {
    "price": {
        "positive": [
            "Hintaan {price} {product} on rehellisesti sanottuna löytö.",
            "{brand} ei ole halvin, mutta rahalle saa vastinetta.",
            "Maksoin {brand_all} {price}, enkä kadu senttiäkään.",
        ],
        "neutral": [
            "{brand} veloitti {price}, mikä taitaa olla nykyään ihan normaali hinta.",
            "{brand_gen} hinnat nousivat taas, nyt {price}, mutta niin ne ovat nousseet muuallakin.",
        ],
        "negative": [
            "{price} tuosta? {brand} on täysin vieraantunut todellisuudesta.",
            "Pidin ennen {brand_ela}, mutta hintaan {price} se ei yksinkertaisesti ole sen arvoinen.",
            "Taas hinnankorotus {brand_abl}, nyt {price}. Ei kiitos.",
        ],
    },
    "service": {
        "positive": [
            "{brand_gen} asiakaspalvelu hoiti kaiken {minutes} minuutissa, todella ystävällisiä.",
            "Kiitos, {name} {brand_gen} tuesta, kun oikeasti kuuntelit ja korjasit ongelmani.",
            "Minulla oli ongelma eilen illalla kello {time}, ja {brand} vastasi tunnin sisällä. Vaikuttavaa.",
        ],
        "neutral": [
            "Otin yhteyttä {brand_all} tapauksesta {order}, odotan vastausta.",
            "{brand} lupaa palata asiaan {n} arkipäivän kuluessa.",
        ],
        "negative": [
            "Olen jonottanut {brand_gen} puhelinpalvelussa jo {minutes} minuuttia.",
            "{brand} sulki tukipyyntöni {order} ratkaisematta mitään.",
            "Kolmas kerta, kun selitän saman ongelman {brand_all}, eikä kukaan lue aiempia viestejä.",
        ],
    },
    "product": {
        "positive": [
            "{product_c}laitteeni akku kestää helposti {n} päivää, olen vaikuttunut.",
            "Vaihdoin {competitor_c}laitteesta {product_c}laitteeseen, ja näyttö on upea.",
            "{product} on nopea ja tuntuu tukevalta, {brand} onnistui tässä todella.",
        ],
        "neutral": [
            "{product} saapui tänään, kerron kokemuksia viikon päästä.",
            "{product} vai {competitor}? Tekniset tiedot näyttävät melko samanlaisilta.",
        ],
        "negative": [
            "{product_c}laitteeni on alkanut jumittaa {n} kertaa päivässä {brand_gen} viimeisimmän päivityksen jälkeen.",
            "{product} ei ole hintansa arvoinen: kamera on keskinkertainen ja laite kuumenee.",
            "{nn} päivän jälkeen {product_c}laitteeni latausportti lakkasi toimimasta.",
        ],
    },
    "delivery": {
        "positive": [
            "Tilasin {brand_abl} eilen illalla, ja paketti oli ovellani {city_in} kello {time} mennessä.",
            "Tilaus {order} {brand_abl} tuli kaksi päivää etuajassa ja oli hyvin pakattu.",
        ],
        "neutral": [
            "{brand} kertoo, että tilaus {order} lähtee {n} päivän sisällä.",
            "Seuranta näyttää {brand_gen} tilaukselle yhä 'kuljetuksessa', viimeksi nähty {city_in}.",
        ],
        "negative": [
            "Tilaus {order} {brand_abl} on ollut 'matkalla' jo {nn} päivää.",
            "{brand} toimitti litistyneen laatikon ja haluaa nyt, että maksan palautuksen itse.",
            "Toimitus {city_to} luvattiin tälle päivälle; {brand} siirsi sitä juuri {n} päivällä.",
        ],
    },
    "flight": {
        "positive": [
            "{brand_gen} lento {flight} {city_to} laskeutui {minutes} minuuttia etuajassa, sujuvaa.",
            "Varasin {brand_abl} {product} -lipun, ja lisäjalkatila oli joka sentin arvoinen.",
            "Paras täsmällisyys vuosiin, {brand} tekee jotain oikein.",
        ],
        "neutral": [
            "Lennän tänään {brand_gen} lennolla {flight} {city_from}, boarding kello {time}.",
            "{brand} siirsi lennon {flight} lähtöä {minutes} minuutilla, ei iso juttu.",
        ],
        "negative": [
            "{brand_gen} lento {flight} on {hours} tuntia myöhässä, eikä portilla ole kerrottu mitään.",
            "{brand} ylibuukkasi lennon {flight} ja siirsi minut huomiseen.",
            "Istuimme kentällä {city_in} {minutes} minuuttia, koska {brand} oli 'menettänyt lähtövuoronsa'. Oikeasti?",
        ],
    },
    "crew": {
        "positive": [
            "{brand_gen} lennon {flight} matkustamohenkilökunta oli ihana lapsilleni.",
            "Iso kiitos, {name} {brand_gen} miehistöstä, kun löysit koneeseen unohtamani takin.",
            "Matkalaukkuni tuli ensimmäisenä hihnalle {city_in}, hyvä {brand}!",
        ],
        "neutral": [
            "{brand_gen} miehistö esitteli lennolla {flight} uuden ruokalistan.",
            "{brand} antaa nyt seurata ruumaan jätettyä laukkua sovelluksessa, kokeilen sitä lennolla {flight}.",
        ],
        "negative": [
            "{brand} hukkasi matkalaukkuni {city_in}, eikä kukaan tiedä, missä se on.",
            "Lennon {flight} miehistö oli selvästi ärtynyt matkustajiin, en odota tällaista {brand_abl}.",
            "Laukkuni tuli {n} päivää myöhässä, ja {brand} kieltäytyy kaikista korvauksista.",
        ],
    },
    "drinks": {
        "positive": [
            "{brand_gen} {product} {city_in} on paras, jonka olen tänä vuonna saanut.",
            "{product} on {brand_ade} vihdoin kohdallaan: pehmeä eikä liian makea.",
            "Mikään ei voita {brand_gen} {product} -annosta kylmänä aamuna ☕",
        ],
        "neutral": [
            "Tänään testissä {brand_gen} uusi {product}.",
            "{brand_ade} on nyt {product} listalla myös {city_in}.",
        ],
        "negative": [
            "{brand_gen} {product} maistui tänään taas palaneelta.",
            "Maksoin {brand_ade} ison {product} -annoksen ja sain jotain haaleaa ja puolityhjää.",
            "{brand} muutti {product} -reseptiä, eikä se ole enää hyvää.",
        ],
    },
    "store": {
        "positive": [
            "{brand_gen} henkilökunta {city_in} muisti tilaukseni jo {n} käynnin jälkeen, ihanaa.",
            "Mukavat tuolit, hyvä musiikki ja nopea wifi: {brand} asemalla {city_in} on uusi toimistoni.",
        ],
        "neutral": [
            "{brand} {city_in} aukeaa nykyään arkisin kello {time}.",
            "Jono {brand_ade} oli tänä aamuna noin {minutes} minuuttia.",
        ],
        "negative": [
            "Odotin {brand_ade} {minutes} minuuttia yhtä kahvia, kun {n} baristaa jutteli keskenään.",
            "{brand_gen} pöydät olivat tahmeita ja roskikset täynnä, ei hyvä.",
            "{brand} {city_in} sulki {nn} minuuttia etuajassa ilman ilmoitusta.",
        ],
    },
    "app": {
        "positive": [
            "{brand_gen} sovelluksella laskujen maksaminen on tosi helppoa, {n} napautusta ja valmis.",
            "Hienoa, että {brand} lisäsi vihdoin välittömät ilmoitukset korttiostoista.",
            "Kirjauduin {brand_gen} sovellukseen kasvotunnistuksella kahdessa sekunnissa, sujuvaa.",
        ],
        "neutral": [
            "{brand} päivittää sovellustaan tänä yönä kello {time} alkaen, katkoja on luvassa.",
            "{brand_gen} sovelluksen uuteen ulkoasuun tottuminen vie aikaa.",
        ],
        "negative": [
            "{brand_gen} sovellus on ollut nurin kello {time} lähtien, enkä pysty maksamaan vuokraa.",
            "{brand} kirjasi minut ulos {n} kertaa tänään, sovellus on yhtä sotkua.",
            "Miksi {brand_gen} sovellus vaatii {n} vaihetta yksinkertaisen tilisiirron hyväksymiseen?",
        ],
    },
    "account": {
        "positive": [
            "Avasin tilin {brand_ade} {minutes} minuutissa, kaikki verkossa.",
            "Neuvojani {name} {brand_ade} auttoi minua oikeasti saamaan paremman koron.",
            "{brand} palautti {price} suuruisen petollisen veloituksen vuorokaudessa, mahtavaa.",
        ],
        "neutral": [
            "{brand} muuttaa {product} -tuotteen ehtoja ensi kuusta alkaen.",
            "Varasin {brand_abl} ajan asuntolainaneuvotteluun, katsotaan mitä tarjoavat.",
        ],
        "negative": [
            "{brand} jäädytti tilini {n} päiväksi ilman mitään selitystä.",
            "{price} tilisiirto on ollut {brand_ade} 'käsittelyssä' maanantaista asti.",
            "{brand} veloitti minulta {price} maksuja, joista kukaan ei koskaan kertonut.",
        ],
    },
}

TITLES = {
    "positive": [
        "{brand} onnistui tällä kertaa",
        "Positiivinen yllätys: {brand}",
        "{product}: parempi kuin odotin",
    ],
    "neutral": [
        "Kysymys {brand_ela}",
        "Kokemuksia {brand_ela}?",
        "Mitä mieltä olette: {product}?",
    ],
    "negative": [
        "{brand} menee vain huonompaan suuntaan",
        "Välttäkää {brand_gen} palveluja, kunnes tämä korjataan",
        "Kamala kokemus: {brand}",
    ],
}

CAMPAIGN = {
    "positive": [
        "Tässä minun {campaign_tag}: aurinkoinen aamu {city_in} ja suosikkini {brand_abl} 😍",
        "Ihana, mitä {brand} tekee {campaign_tag} -kampanjallaan, syöte on täynnä iloisia tarinoita.",
        "Osallistuin juuri {campaign_tag} -kampanjaan, peukut pystyyn {brand_gen} palkinnon puolesta! 🤞",
        "{campaign_tag} päivä {n}: hymyilen yhä {brand_gen} ansiosta.",
    ],
    "neutral": [
        "{brand} aloitti tällä viikolla {campaign_tag} -kampanjan, osallistua voi jakamalla kuvan.",
        "{brand_gen} {campaign_tag} -julisteita näkyy kaikkialla {city_in}.",
    ],
    "negative": [
        "{campaign_tag} on ihan söpö, mutta ehkä {brand_gen} pitäisi ensin korjata perusasiat.",
    ],
}

CRISIS = {
    "battery_fire": [
        "{product_c}puhelimeni akku kuumeni latauksessa niin pahasti, että jouduin viemään sen parvekkeelle. {brand}, vetäkää se takaisin heti!",
        "Taas yksi {product_c}puhelimen akkupalo {city_in}. Montako vielä, ennen kuin {brand} vetää sen takaisin?",
        "Pelottavaa: {product_c}puhelimeni akku turposi yöllä ja haisi savulta. {brand_gen} tuki lähetti vain lomakkeen.",
        "{brand} tiesi ylikuumenemisongelmasta ja jatkoi silti {product_c}puhelimen myyntiä.",
        "Älkää ladatko {product_c}puhelimia yöllä, ennen kuin {brand} selittää nämä akkupalot.",
        "Irrotin {product_c}puhelimeni laturista, kun se alkoi ylikuumentua yöpöydällä. En koske siihen ennen kuin {brand} aloittaa takaisinvedon.",
    ],
    "flight_cancellations": [
        "{brand} perui lennon {flight} {city_to} {hours} tunnin varoitusajalla, ja asiakaspalvelu vain katkaisee puhelun.",
        "Jumissa {city_in}, kun {brand} perui kaikki illan lennot. Ei hotellia, ei tietoa.",
        "{brand} on perunut lentoni kahdesti kahden päivän aikana. Onko siellä ketään?",
        "Sadat matkustajat ovat jumissa {city_in} {brand_gen} peruttujen lentojen vuoksi.",
        "Odotan yhä {brand_abl} hyvitystä lennon {flight} peruuntumisen jälkeen.",
        "{brand_gen} sovellus väittää lentoni lähtevän ajallaan, taulu sanoo peruttu. Kaaos lentoasemalla {city_in}.",
    ],
}

CRISIS_TERMS = {
    "battery_fire": ["akku", "ylikuumen", "takaisin", "palo"],
    "flight_cancellations": ["peru", "jumi", "hyvity"],
}
