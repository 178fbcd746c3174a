"""The intent classifier's hand-written cue lists, one per enrichment language: words and phrases
that say a post is a complaint or support request, product feedback, an HR/employer-brand matter,
a sales lead, or a press/PR matter. Written from the authors' knowledge of the languages, not
tuned on any labelled set (bench/data/intent_check is for evaluation only).

Format: per language and intent, comma-separated cues. A cue is a word or a phrase of up to four
words; ``*`` at the end of a word makes it a prefix (``refund*`` matches refunds, refunded);
``=2`` after a cue gives it that weight (default 1). Words are matched lower-cased, after Unicode
NFC normalisation, with ’ read as '.

``STOP_WORDS``: frequent words of four letters or more that carry no intent; corrections never
learn from them (short words are never learned from anyway).
"""

from __future__ import annotations

INTENTS = ("complaint", "feedback", "hr", "sales", "press")

CUES: dict[str, dict[str, str]] = {
    "en": {
        "complaint": """
            refund*=2, broken=2, doesn't work=2, does not work=2, not working=2, stopped working=2,
            still waiting=2, never arrived=2, never received=2, hasn't arrived=2, has not arrived=2,
            customer service=2, customer support, support team, no reply, no response, nobody answers,
            charged twice=2, overcharged=2, double charged=2, complain*=2, complaint*=2, unacceptable=2,
            worst, terrible, awful, useless, scam, ripoff, rip off, disappointed, frustrat*, annoyed,
            delay*, late again, cancelled, canceled, outage*, is down, keeps crashing=2, crash*, error*,
            bug, glitch*, can't log in=2, cannot log in=2, can't login=2, locked out=2, reset my password=2,
            how do i=2, how can i, help me, please help=2, need help=2, any help, issue*, problem*,
            faulty=2, defective=2, damaged=2, missing, wrong item=2, lost my, money back=2, return it,
            waiting for, on hold, hold for, dm me, sort this out, fix this=2, fix it, tracking number,
            invoice, my bill, my account, my order, my package, my parcel, still no, leaking, smells
        """,
        "feedback": """
            feature request=2, would be nice=2, would love=2, it would be great=2, please add=2, wish=2,
            suggestion*=2, suggest, idea, should add=2, could you add=2, add an option=2, dark mode=2,
            new design=2, redesign*=2, new version=2, latest update, the update, new update, old version,
            new layout, the layout, interface, user interface, ui, ux, usability, packaging=2, new packaging=2,
            taste*, flavour*, flavor*, recipe, the new, love the, loving the, prefer*, improve*=2,
            improvement*=2, bring back=2, please bring, miss the old, option to, missing feature=2,
            feedback=2, tip for, why not make, make it possible, easier to use, hard to find, confusing,
            too small, too big, font, colour*, color*, design*, feature*
        """,
        "hr": """
            job=2, jobs=2, hiring=2, we're hiring=3, now hiring=3, career*=2, vacanc*=2, position*, apply=2,
            applied=2, applying=2, application*, job interview=3, interviewed, recruit*=2, recruiter*=2,
            salary=2, salaries=2, wage*=2, pay rise, payslip, employer*=2, employee*=2, staff=2, workers=2,
            workplace=2, work environment=2, working conditions=2, colleague*=2, coworker*=2, co-worker*=2,
            my boss=2, manager*, layoff*=2, laid off=3, redundanc*=2, fired, lose their jobs=3, job cuts=3,
            strike*=2, union=2, unions=2, internship*=2, intern, trainee*, graduate programme, onboarding=2,
            cv=2, resume, résumé, work at=2, working at=2, worked at=2, work for=2, working for=2,
            glassdoor=2, shift*, overtime=2, hr department=2, human resources=2, great place to work=2, hire
        """,
        "sales": """
            how much=2, price*=2, pricing=2, cost*, quote=2, quotation=2, buy=2, buying=2, purchase*=2,
            order one, to order, want to order=2, in stock=2, back in stock=2, out of stock, available in,
            availability, discount*=2, coupon*, promo code=2, offer*, deal*, sale, upgrade*=2, premium=2,
            plan, plans, subscription*, trial=2, free trial=2, demo=2, book a demo=3, sales=2, salesperson=2,
            sales rep=3, contact me=2, call me=2, interested in=2, looking for a=2, where can i buy=3,
            worth it=2, worth the money=2, should i get=2, thinking of getting=2, thinking about buying=3,
            recommend*, which one, ship to=2, deliver to=2, delivery to=2, do you deliver=2, wholesale=2,
            bulk=2, licence*, license*, business account=2, for my company=2, for our company=2,
            for our team=2, seats, enterprise=2, reseller*=2, cheaper, affordable, budget, financing
        """,
        "press": """
            journalist*=3, reporter*=3, press=2, press release=3, statement=2, official statement=3,
            spokesperson=3, spokesman=3, spokeswoman=3, comment on=2, request for comment=3, for comment=3,
            media=2, newspaper*=2, article=2, news=2, breaking=2, press conference=3, interview request=3,
            reports=2, reported=2, according to=2, announce*=2, quarterly=3, results=2, revenue*=3,
            profit*=3, earnings=3, turnover=2, acquisition*=3, acquire*=2, merger=3, takeover=3,
            recall*=3, investigation*=3, investigat*=2, regulator*=2, fine of=2, fined=3, lawsuit*=2, award*=2,
            ceo=2, chief executive=3, shares=2, stock price=2, ipo=3, partnership=2, opens new=2, expands=2,
            affected customers=3, looking for customers=3, looking to speak=3, podcast, coverage
        """,
    },
    "da": {
        "complaint": """
            refusion*=2, pengene tilbage=2, virker ikke=2, fungerer ikke=2, i stykker=2, gået i stykker=2,
            venter stadig=2, stadig ikke=2, aldrig modtaget=2, ikke modtaget=2, er ikke kommet=2, kundeservice*=2,
            kundeservicen=2, support, intet svar, ingen svar, svarer ikke=2, trukket to gange=2, klage*=2,
            klagen=2, uacceptabel*=2, elendig*, forfærdelig*, skuffe*, irriter*, træls, forsinke*=2, forsinkelse*=2,
            aflyst*, nedbrud*=2, er nede=2, crasher=2, fejl*, kan ikke logge ind=3, kan ikke logge på=3,
            adgangskode*, hvordan gør jeg=2, hvordan kan jeg, hjælp=2, hjælpe, problem*, defekt*=2, beskadig*=2,
            mangler, forkert vare=2, returner*, reklamation*=2, pakke*, ordre*, regning*=2, faktura*,
            min konto, mit abonnement, ventet i, ingen har, ringet, ventetid*, lukket min
        """,
        "feedback": """
            ønske*=2, forslag*=2, foreslå*=2, ville være fedt=2, ville være rart=2, ville være godt=2,
            tilføj*=2, kunne i tilføje=3, mørk tilstand=2, dark mode=2, nyt design=2, det nye design=2,
            redesign*=2, ny version=2, nye version=2, opdatering*, den gamle, layout*, brugerflade*,
            brugervenlig*, emballage*=2, indpakning*=2, smag*, opskrift*, den nye, det nye, elsker den,
            foretrækker=2, forbedr*=2, tag den tilbage=2, savner den gamle=3, savner=2, funktion*,
            mulighed for=2, feedback=2, idé*, ide, hvorfor ikke, nemmere at, svær at finde, forvirrende,
            skrift*, farve*, design*
        """,
        "hr": """
            job=2, jobbet=2, jobs=2, stilling*=2, ledig stilling=3, karriere*=2, ansøg*=2, søger*,
            jobsamtale*=3, samtale*, rekrutt*=2, løn=2, lønnen=2, lønninger=2, arbejdsgiver*=2, medarbejder*=2,
            ansatte=2, personale*=2, arbejdsplads*=2, arbejdsmiljø*=3, arbejdsforhold*=3, kolleg*=2, chef*,
            leder*, fyring*=3, fyret=2, fyrer=2, afskedig*=3, mister deres job=3, mister jobbet=3,
            nedskæring*=2, strejke*=3, fagforening*=3, praktik*=2, elev*, trainee*, cv=2, arbejde hos=2,
            arbejder hos=2, arbejdet hos=2, ansat hos=2, ansættelse*=2, ansætter=2, vagt*, overarbejde=2,
            hr=2, personaleafdeling*=2, nyansat*=2, opsagt=2, opsige*
        """,
        "sales": """
            hvad koster=3, pris*=2, koste*, tilbud*=2, køb*=2, bestille=2, vil gerne bestille=3,
            på lager=2, udsolgt, rabat*=2, rabatkode*=2, kampagne*, opgrader*=2, premium=2, abonnement*,
            prøveperiode*=2, gratis prøve*, demo=2, sælger*=2, salg*, kontakt mig=2, ring til mig=2,
            interesseret i=2, leder efter=2, hvor kan jeg købe=3, værd at=2, pengene værd=2, skal jeg vælge=2,
            overvejer at=2, anbefal*, hvilken, levere til=2, leverer i til=2, leverer i=2, engros*=2,
            licens*, erhverv*=2, til min virksomhed=2, til vores firma=2, til vores virksomhed=2, billig*, budget
        """,
        "press": """
            journalist*=3, reporter*=3, presse*=2, pressemeddelelse*=3, udtalelse*=2, talsperson*=3,
            pressechef*=3, kommentar*=2, kommentere=2, medie*=2, avis*=2, artikel*=2, nyhed*=2, pressemøde*=3,
            interview*=2, ifølge=2, oplyser=2, meddeler=2, annoncer*=2, offentliggør*=2, kvartal*=3, regnskab*=3,
            resultat*=2, omsætning*=3, overskud*=3, underskud*=3, opkøb*=3, opkøber=3, køber op=3, fusion*=3,
            tilbagekald*=3, undersøgelse*=2, efterforsk*=2, bøde*=2, retssag*=2, pris til=2, vinder pris=2,
            prisen som=2, direktør*=2, aktie*=2, børs*=2, partnerskab*=2, åbner nyt=2, udvider=2,
            berørte kunder=3, søger kunder=3, vil gerne tale med=3, podcast
        """,
    },
    "sv": {
        "complaint": """
            återbetalning*=2, pengarna tillbaka=2, fungerar inte=2, funkar inte=2, trasig*=2, gick sönder=2,
            väntar fortfarande=2, fortfarande inte=2, aldrig fått=2, inte fått=2, har inte kommit=2,
            kundtjänst*=2, kundservice*=2, support, inget svar, svarar inte=2, dragit två gånger=2, klago*=2,
            klagomål*=2, reklamation*=2, reklamera*=2, oacceptabel*=2, värdelös*, usel*, bedrövlig*, besvik*,
            irriter*, försen*=2, inställd*, avbrott*=2, ligger nere=2, kraschar=2, fel*, kan inte logga in=3,
            lösenord*, hur gör jag=2, hur kan jag, hjälp=2, problem*, defekt*=2, skadad*=2, saknas,
            fel vara=2, returnera*, paket*, beställning*, faktura*=2, räkning*, mitt konto, mitt abonnemang,
            väntat i, väntetid*
        """,
        "feedback": """
            önskar=2, önskemål*=2, förslag*=2, föreslå*=2, vore kul=2, vore bra=2, vore najs=2, skulle vara bra=2,
            lägg till=2, kan ni lägga till=3, mörkt läge=2, dark mode=2, ny design=2, nya designen=2, redesign*=2,
            ny version=2, nya versionen=2, uppdatering*, den gamla, layout*, gränssnitt*, användarvänlig*,
            förpackning*=2, smak*, recept*, den nya, det nya, älskar den, föredrar=2, förbättr*=2, ta tillbaka=2,
            saknar den gamla=3, saknar=2, funktion*, möjlighet att=2, feedback=2, idé*, varför inte, enklare att,
            svår att hitta, förvirrande, typsnitt*, färg*, design*
        """,
        "hr": """
            jobb=2, jobbet=2, tjänst*, ledig tjänst=3, karriär*=2, ansök*=2, söker, anställningsintervju*=3,
            intervju*, rekryt*=2, lön=2, lönen=2, löner=2, arbetsgivar*=2, medarbetar*=2, anställd*=2,
            personal*=2, arbetsplats*=2, arbetsmiljö*=3, arbetsvillkor*=3, kolleg*=2, chef*, varsel=3, varslar=3,
            varslas=3, uppsägning*=3, sparkad*=2, förlorar jobbet=3, förlorar sina jobb=3, neddragning*=2,
            strejk*=3, fackförbund*=3, facket=3, praktik*=2, trainee*, cv=2, jobba på=2, jobbar på=2, jobbat på=2,
            arbeta på=2, arbetar på=2, anställning*=2, anställer=2, skift*, övertid=2, hr=2, nyanställ*=2
        """,
        "sales": """
            vad kostar=3, pris*=2, kosta*, offert*=2, erbjudande*, köp*=2, beställa=2, vill beställa=3,
            i lager=2, slutsåld*, rabatt*=2, rabattkod*=2, kampanj*, uppgrader*=2, premium=2, abonnemang*,
            provperiod*=2, gratis prov*, demo=2, säljare*=2, försäljning*, kontakta mig=2, ring mig=2,
            intresserad av=2, letar efter=2, var kan jag köpa=3, värt det=2, värd pengarna=2, ska jag välja=2,
            funderar på att=2, rekommend*, vilken, leverera till=2, levererar ni=2, grossist*=2, licens*,
            företagskund*=2, till mitt företag=2, till vårt företag=2, billig*, budget
        """,
        "press": """
            journalist*=3, reporter*=3, press=2, pressen=2, pressmeddelande*=3, uttalande*=2, talesperson*=3,
            presschef*=3, kommentar*=2, kommentera=2, media=2, medier=2, tidning*=2, artikel*=2, nyhet*=2,
            presskonferens*=3, intervju*=2, enligt=2, meddelar=2, uppger=2, tillkännager=2, offentliggör*=2,
            kvartal*=3, bokslut*=3, resultat*=2, omsättning*=3, vinst*=3, förlust*=3, förvärv*=3,
            köper upp=3, uppköp*=3, fusion*=3,
            återkall*=3, utredning*=2, granskning*=2, böter=2, stämning*=2, pris till=2, vinner pris=2, vd=2,
            aktie*=2, börs*=2, partnerskap*=2, öppnar nytt=2, expanderar=2, drabbade kunder=3, söker kunder=3,
            vill prata med=3, podd*
        """,
    },
    "nb": {
        "complaint": """
            refusjon*=2, pengene tilbake=2, virker ikke=2, fungerer ikke=2, ødelagt*=2, gikk i stykker=2,
            venter fortsatt=2, fortsatt ikke=2, aldri mottatt=2, ikke mottatt=2, har ikke kommet=2,
            kundeservice*=2, kundesenter*=2, support, ikke svar, svarer ikke=2, trukket to ganger=2, klage*=2,
            reklamasjon*=2, reklamere*=2, uakseptabel*=2, elendig*, forferdelig*, skuffe*, irriter*,
            forsink*=2, innstilt*, kansellert*, nedetid*=2, er nede=2, krasjer=2, feil*, kan ikke logge inn=3,
            passord*, hvordan gjør jeg=2, hvordan kan jeg, hjelp=2, problem*, defekt*=2, skadet*=2, mangler,
            feil vare=2, returner*, pakke*, bestilling*, faktura*=2, regning*, min konto, mitt abonnement,
            ventet i, ventetid*
        """,
        "feedback": """
            ønske*=2, forslag*=2, foreslå*=2, hadde vært fint=2, hadde vært kult=2, ville vært fint=2,
            legg til=2, kan dere legge til=3, mørk modus=2, dark mode=2, nytt design=2, det nye designet=2,
            redesign*=2, ny versjon=2, nye versjonen=2, oppdatering*, den gamle, layout*, brukergrensesnitt*,
            brukervennlig*, emballasje*=2, innpakning*=2, smak*, oppskrift*, den nye, det nye, elsker den,
            foretrekker=2, forbedr*=2, ta tilbake=2, savner den gamle=3, savner=2, funksjon*, mulighet til=2,
            tilbakemelding*=2, feedback=2, idé*, ide, hvorfor ikke, enklere å, vanskelig å finne, forvirrende,
            skrift*, farge*, design*
        """,
        "hr": """
            jobb=2, jobben=2, jobber=1, stilling*=2, ledig stilling=3, karriere*=2, søk*=1, søknad*=2,
            jobbintervju*=3, intervju*, rekrutt*=2, lønn=2, lønna=2, lønnen=2, arbeidsgiver*=2, medarbeider*=2,
            ansatte=2, ansatt=2, personal*=2, arbeidsplass*=2, arbeidsmiljø*=3, arbeidsvilkår*=3, kolleg*=2,
            sjef*, permitter*=3, oppsigelse*=3, sparket=2, mister jobben=3, mister jobbene=3, nedbemanning*=3,
            streik*=3, fagforening*=3, praksisplass*=2, lærling*=2, trainee*, cv=2, jobbe i=2, jobber i=2,
            jobbet i=2, jobbe hos=2, jobber hos=2, ansettelse*=2, ansetter=2, vakt*, overtid=2, hr=2, nyansatt*=2
        """,
        "sales": """
            hva koster=3, pris*=2, koste*, tilbud*=2, kjøp*=2, bestille=2, vil bestille=3, på lager=2,
            utsolgt, rabatt*=2, rabattkode*=2, kampanje*, oppgrader*=2, premium=2, abonnement*, prøveperiode*=2,
            gratis prøve*, demo=2, selger*=2, salg*, kontakt meg=2, ring meg=2, interessert i=2, ser etter=2,
            hvor kan jeg kjøpe=3, verdt det=2, verdt pengene=2, skal jeg velge=2, vurderer å=2, anbefal*,
            hvilken, levere til=2, leverer dere=2, grossist*=2, lisens*, bedriftskunde*=2, til bedriften=2,
            til firmaet=2, billig*, budsjett*
        """,
        "press": """
            journalist*=3, reporter*=3, presse*=2, pressemelding*=3, uttalelse*=2, talsperson*=3,
            pressesjef*=3, kommentar*=2, kommentere=2, medie*=2, avis*=2, artikkel*=2, nyhet*=2,
            pressekonferanse*=3, intervju*=2, ifølge=2, opplyser=2, melder=2, kunngjør*=2, offentliggjør*=2,
            kvartal*=3, regnskap*=3, resultat*=2, omsetning*=3, overskudd*=3, underskudd*=3, oppkjøp*=3,
            kjøper opp=3, fusjon*=3, tilbakekall*=3, granskning*=2, etterforsk*=2, bøter=2, søksmål*=2,
            pris for=2, vinner pris=2, direktør*=2, konsernsjef*=3, aksje*=2, børs*=2, partnerskap*=2, åpner nytt=2,
            utvider=2, berørte kunder=3, søker kunder=3, vil snakke med=3, podkast*, podcast
        """,
    },
    "fi": {
        "complaint": """
            hyvity*=2, rahat takaisin=2, ei toimi=2, eikä toimi=2, lakkasi toimimasta=2, rikki=2, hajosi=2,
            odotan yhä=2, odotan edelleen=2, vieläkään=2, ei ole tullut=2, ei ole saapunut=2, en ole saanut=2,
            asiakaspalvelu*=2, tuki*, ei vastaa=2, kukaan ei vastaa=2, veloitettiin kahdesti=3, valitu*=2,
            reklamaatio*=2, reklamoi*=2, kelvoton*, surkea*, kamala*, pettynyt=2, pettymys*, ärsyttää,
            ärsyttävä*, myöhässä=2, viivästy*=2, peruttu*, peruutettu*, katko*=2, ei toimi taas=3, kaatuu=2,
            virhe*, en pääse kirjautumaan=3, salasana*, miten saan=2, miten voin, apua=2, auttaa, ongelma*,
            viallinen*=2, vaurioitu*=2, puuttuu, väärä tuote=2, palautu*, paketti*, tilaukse*, tilaus,
            lasku*=2, tilini, jonotin, jonotus*
        """,
        "feedback": """
            toive*=2, toivois*=2, toivoisin=2, ehdotus*=2, ehdottaisin=2, olisi kiva=2, olisi hyvä=2,
            olis kiva=2, lisätkää=3, voisitteko lisätä=3, tumma tila=2, dark mode=2, uusi ulkoasu=2,
            uusi design=2, uudistus*, uusi versio=2, uusin versio, päivitys*, vanha versio, ulkoasu*,
            käyttöliittymä*, käyttäjäystävälli*, pakkaus*=2, pakkaukse*=2, maku*, makuinen, resepti*, uusi,
            uuden, rakastan, mieluummin=2, parann*=2, palauttakaa=2, kaipaan vanhaa=3, kaipaan=2, ominaisuu*,
            mahdollisuus=2, palaute*=2, idea*, miksi ei, helpompi, vaikea löytää, sekava*, fontti*, väri*,
            design*
        """,
        "hr": """
            työpaik*=2, työ=1, töitä=2, töihin=2, paikka auki=3, avoin työpaikka=3, ura*=2, hae*=1, hake*=2,
            hakemus*=2, työhaastattelu*=3, haastattelu*, rekry*=2, palkka*=2, palkan=2, palkat=2, työnantaja*=2,
            työntekijä*=2, henkilöstö*=2, henkilökun*=2, työympäristö*=3, työolo*=3, työolot=3, kollega*=2,
            työkaveri*=2, pomo*, esimies*, esihenkilö*, yt-neuvottelu*=3, muutosneuvottelu*=3, irtisan*=3,
            lomaut*=3, menettävät työnsä=3, menettää työnsä=3, lakko*=3, ammattiliit*=3, liitto=2,
            harjoittelu*=2, harjoittelija*=2, kesätyö*=3, trainee*, cv=2, ansioluettelo*=2, töissä=2,
            työskentelen=2, työskennellä=2, palkkaa=2, rekrytoi*=2, vuoro*, ylityö*=2, hr=2, perehdytys*=2
        """,
        "sales": """
            paljonko maksaa=3, mitä maksaa=3, paljonko=2, hinta*=2, hinnan*=2, hinnat*=2, hinnoittelu*=2,
            maksaa, tarjous*=2, tarjouspyyntö*=3, ostaa=2, ostaisin=2, osta*, tilata=2, haluaisin tilata=3,
            varastossa=2, loppuunmyyty*, alennus*=2, alekoodi*=2, kampanja*, päivittää,
            premium=2, kokeilujakso*=2, ilmainen kokeilu*=2, demo=2, myyjä*=2, myynti*=2,
            ottakaa yhteyttä=2, soittakaa minulle=2, kiinnostunut=2, kiinnostaa=2, etsin=2, mistä voi ostaa=3,
            mistä saa=2, kannattaako=2, kannattaa=1, hintansa arvoinen=2, suosittele*, kumpi, kumman, toimitatteko=2,
            toimitus*, tukku*=2, lisenssi*, yritysasiakas*=2, yritykselle=2, yrityksellemme=2, halpa*, edullinen*,
            budjetti*
        """,
        "press": """
            toimittaja*=3, lehdistö*=2, lehdistötiedote*=3, tiedote*=3, kannanotto*=2, lausunto*=2,
            tiedottaja*=3, viestintäjohtaja*=3, kommentti*=2, kommentoi*=2, media*=2, lehti=2, lehden=2,
            artikkeli*=2, uutinen=2, uutise*=2, lehdistötilaisuu*=3, haastattelu*=2, mukaan=1, kertoo=2, tiedottaa=2,
            ilmoitti=2, ilmoittaa=2, julkisti=2, julkaisi=2, neljännes*=3, osavuosikatsau*=3, tilinpäätös*=3,
            tulos*=2, liikevaihto*=3, voitto*=3, tappio*=3, yritysosto*=3, ostaa yhtiön=3, fuusio*=3, takaisinveto*=3,
            kutsuu takaisin=3, tutkinta*=2, tutkii=2, sakko*=2, oikeusjuttu*=2, palkinto*=2, palkittiin=2,
            toimitusjohtaja*=2, osake*=2, pörssi*=2, kumppanuu*=2, avaa uuden=2, laajentaa=2, asiakkaita joita=3,
            haluaisin haastatella=3, podcast*
        """,
    },
    "de": {
        "complaint": """
            rückerstattung*=2, geld zurück=2, funktioniert nicht=2, geht nicht=2, kaputt=2, defekt*=2,
            warte immer noch=2, immer noch nicht=2, nie angekommen=2, nicht angekommen=2, nicht erhalten=2,
            kundenservice*=2, kundendienst*=2, support, hotline, keine antwort, antwortet nicht=2, niemand antwortet=2,
            doppelt abgebucht=3, beschwerde*=2, beschwer*=2, reklamation*=2, reklamier*=2, inakzeptabel=2,
            unverschämt*, katastrophe*, katastrophal*, schrecklich*, enttäuscht=2, enttäuschung*, ärger*,
            nervig*, verspät*=2, verspätung*=2, verzögerung*=2, storniert*, ausgefallen*, störung*=2, ausfall*=2,
            stürzt ab=2, absturz*, fehler*, kann mich nicht einloggen=3, kann mich nicht anmelden=3, passwort*,
            wie kann ich=2, wie ändere ich=2, hilfe=2, helfen, problem*, beschädigt*=2, fehlt, falsche artikel=2,
            zurückschicken, retour*, paket*, bestellung*, rechnung*=2, mein konto, mein abo, warteschleife*=2
        """,
        "feedback": """
            wunsch*=2, wünsche mir=2, vorschlag*=2, vorschlagen=2, wäre schön=2, wäre toll=2, wäre cool=2,
            wäre super=2, fügt hinzu=2, hinzufügen=2, könntet ihr=2, dunkelmodus=2, dark mode=2, neues design=2,
            das neue design=2, redesign*=2, neue version=2, neuen version=2, update*, die alte, layout*,
            oberfläche*, benutzerfreundlich*, verpackung*=2, geschmack*=2, geschmacksrichtung*=2, rezept*, sorte*,
            die neue, das neue, liebe die, lieber=1, bevorzuge=2, verbesser*=2, bringt zurück=2, zurückbringen=2,
            vermisse die alte=3, vermisse=2, funktion*, möglichkeit=2, feedback=2, idee*, warum nicht,
            einfacher, schwer zu finden, verwirrend*, schrift*, farbe*, design*
        """,
        "hr": """
            job=2, jobs=2, stelle=2, stellenangebot*=3, stellenausschreibung*=3, offene stelle=3,
            karriere*=2, bewerb*=2,
            vorstellungsgespräch*=3, bewerbungsgespräch*=3, rekrutier*=2, recruiting=2, gehalt*=2, gehälter=2,
            lohn=2, löhne=2, arbeitgeber*=2, arbeitnehmer*=2, mitarbeiter*=2, mitarbeitende*=2, belegschaft*=2,
            personal=2, beschäftigte*=2, arbeitsplatz=2, arbeitsplätze=3, arbeitsklima=3, arbeitsbedingungen=3,
            kolleg*=2, chef*, vorgesetzte*, entlass*=3, kündigung*=2, gekündigt=2, stellenabbau=3, jobabbau=3,
            verlieren ihren job=3, streik*=3, gewerkschaft*=3, tarifvertrag*=3, praktikum*=2, praktikant*=2,
            ausbildung*=2, azubi*=2, werkstudent*=2, trainee*, lebenslauf*=2, arbeite bei=2, arbeiten bei=2,
            gearbeitet bei=2, einstellung*, stellt ein=2, schicht*, überstunden=2, personalabteilung*=2, hr=2,
            betriebsrat*=3, einarbeitung*=2
        """,
        "sales": """
            was kostet=3, wie viel kostet=3, preis*=2, kosten, kostet, angebot*=2, kostenvoranschlag*=3, kaufen=2,
            kaufe=2, bestellen=2, möchte bestellen=3, auf lager=2, lieferbar=2, ausverkauft, rabatt*=2,
            gutschein*=2, rabattcode*=2, aktion*, upgrade*=2, premium=2, tarif, tarife, abo, abonnement*, testphase*=2,
            kostenlos testen=2, demo=2, verkäufer*=2, vertrieb*=2, kontaktieren sie mich=2, rufen sie mich an=2,
            interessiert an=2, interesse an=2, suche ein=2, suche eine=2, wo kann ich kaufen=3, wo bekomme ich=2,
            lohnt sich=2, lohnt es sich=2, das geld wert=2, soll ich nehmen=2, überlege zu kaufen=3, überlege,
            empfehl*, welche, welches, liefert ihr=2, liefern sie=2, versand nach=2, großhandel*=2, lizenz*,
            geschäftskunde*=2, für unsere firma=2, für unser unternehmen=2, für mein unternehmen=2, günstig*, budget
        """,
        "press": """
            journalist*=3, reporter*=3, redaktion*=3, presse*=2, pressemitteilung*=3, stellungnahme*=3,
            sprecher*=3, sprecherin=3, pressesprecher*=3, kommentar*=2, kommentieren=2, medien=2, zeitung*=2,
            artikel=2, bericht*=2, nachricht*=2, pressekonferenz*=3, interview*=2, laut=1, zufolge=2, teilte mit=2,
            gibt bekannt=2, kündigt an=2, veröffentlicht*=2, quartal*=3, quartalszahlen=3, jahresabschluss*=3,
            ergebnis*=2, umsatz*=3, gewinn*=3, verlust*=3, übernahme*=3, übernimmt=3, fusion*=3, rückruf*=3,
            ruft zurück=3, ermittlung*=2, untersuchung*=2, bußgeld*=2, klage*=2, auszeichnung*=2, preisträger*=2,
            ausgezeichnet=1, geschäftsführer*=2, vorstand*=2, ceo=2, aktie*=2, börse*=2, partnerschaft*=2,
            eröffnet=2, expandiert=2, betroffene kunden=3, suchen betroffene=3, gesprächspartner*=3, podcast*
        """,
    },
    "fr": {
        "complaint": """
            rembourse*=2, remboursement*=2, ne marche pas=2, ne fonctionne pas=2, marche plus=2, fonctionne plus=2,
            cassé*=2, en panne=2, toujours pas=2, jamais reçu=2, pas reçu=2, jamais arrivé*=2, toujours en attente=2,
            service client*=2, sav=2, support, aucune réponse=2, pas de réponse=2, personne ne répond=2,
            prélevé deux fois=3, débité deux fois=3, plainte*=2, réclamation*=2, inadmissible=2, inacceptable=2,
            scandale*, honteu*, nul, nulle, lamentable*, déçu*=2, déception*, agaçant*, retard*=2, annulé*,
            panne*=2, bug*, plante=2, erreur*, impossible de me connecter=3, je n'arrive pas=2, mot de passe*,
            comment faire pour=2, comment je peux=2, comment puis-je=2, aide=2, aidez-moi=2, problème*,
            défectueu*=2, abîmé*=2, endommagé*=2, manque, mauvais article=2, retourner, colis=1, commande*,
            facture*=2, mon compte, mon abonnement, attente*
        """,
        "feedback": """
            souhait*=2, suggestion*=2, suggère=2, propose=1, proposition*=2, ce serait bien=2, ce serait top=2,
            serait génial=2, ajoutez=2, ajouter=2, pourriez-vous ajouter=3, mode sombre=2, dark mode=2,
            nouveau design=2, nouvelle interface=2, refonte=2, nouvelle version=2, mise à jour=1, l'ancienne,
            ancienne version, interface*, ergonomi*, emballage*=2, packaging=2, goût*=2, saveur*=2, recette*,
            le nouveau, la nouvelle, j'adore le, j'adore la, préfère=2, préférais=2, amélior*=2, remettez=2,
            revenir à=2, l'ancien me manque=3, manque l'ancien=3, fonctionnalité*=2, option*, avis=1, retour*=1,
            idée*, pourquoi pas, plus simple, difficile à trouver, déroutant*, couleur*, design*
        """,
        "hr": """
            emploi*=2, boulot*=2, job=2, poste*=2, offre d'emploi=3, carrière*=2, candidat*=2, postuler=2,
            postulé=2, entretien d'embauche=3, entretien*, recrut*=2, salaire*=2, rémunération*=2,
            employeur*=2, employé*=2, salarié*=2, personnel=2, effectif*=2, lieu de travail=2,
            conditions de travail=3, ambiance de travail=3, collègue*=2, patron*, manager*, licencie*=3,
            licenciement*=3, plan social=3, suppression*=2, suppressions de postes=3, perdent leur emploi=3,
            grève*=3, syndicat*=3, stage*=2, stagiaire*=2, alternance*=2, apprenti*=2, cv=2, travailler chez=2,
            travaille chez=2, travaillé chez=2, embauche*=2, horaires*, heures sup*=2, rh=2,
            ressources humaines=2, intégration*
        """,
        "sales": """
            combien coûte=3, combien ça coûte=3, combien=2, prix=2, tarif*=2, coût*, devis=3, acheter=2, achète=2,
            achat*=2, commander=2, je voudrais commander=3, en stock=2, disponible*=2, rupture de stock,
            réduction*=2, promo*=2, code promo=2, remise*=2, offre*, mise à niveau=2, upgrade=2, premium=2,
            abonnement*, essai gratuit=2, période d'essai=2, démo=2, commercial*=2, vente*, contactez-moi=2,
            rappelez-moi=2, intéressé*=2, je cherche=2, où acheter=3, où trouver=2, vaut le coup=2, ça vaut=2,
            vaut-il=2, hésite=2, j'hésite=2, recommand*, lequel, laquelle, livrez-vous=2, livraison en=2,
            livrez=2, grossiste*=2, licence*, entreprise=1, pour mon entreprise=2, pour notre société=2,
            pas cher, abordable*, budget
        """,
        "press": """
            journaliste*=3, reporter*=3, rédaction*=3, presse=2, communiqué*=3, déclaration*=2, porte-parole=3,
            commentaire*=2, commenter=2, médias=2, journal=2, article=2, reportage*=2, actualité*=2,
            conférence de presse=3, interview*=2, selon=2, annonce*=2, annoncé=2, publie*=2, trimestre*=3,
            trimestriel*=3, résultat*=2, chiffre d'affaires=3, bénéfice*=3, perte*=2, rachat*=3, rachète=3,
            acquisition*=3, fusion*=3, rappel=3, rappels=3, rappel de produits=3, enquête*=2, amende*=2, procès=2,
            récompens*=2, pdg=2, directeur général=2, bourse=2, partenariat*=2, ouvre=1, s'implante=2,
            clients concernés=3, témoignage*=3, témoigner=3, podcast*
        """,
    },
    "es": {
        "complaint": """
            reembols*=2, devolución del dinero=2, no funciona=2, no va=1, dejó de funcionar=2, roto*=2, rota=2,
            averiad*=2, sigo esperando=2, todavía no=2, aún no=2, nunca llegó=2, no ha llegado=2, no he recibido=2,
            atención al cliente=2, servicio al cliente=2, soporte, nadie responde=2, nadie contesta=2,
            sin respuesta=2, cobrado dos veces=3, cobraron dos veces=3, queja*=2, reclamación*=2, reclamar=2,
            inaceptable=2, vergüenza, pésimo*, horrible*, fatal, decepcion*=2, decepcionad*=2, harto*, retraso*=2,
            cancelad*, caída*=2, caído=2, se cuelga=2, error*, no puedo entrar=3, no puedo iniciar sesión=3,
            contraseña*, cómo puedo=2, cómo hago=2, ayuda=2, ayudar, problema*, defectuos*=2, dañad*=2, falta,
            producto equivocado=2, devolver, paquete*, pedido*, factura*=2, mi cuenta, mi suscripción, esperando
        """,
        "feedback": """
            ojalá=2, sugerencia*=2, sugiero=2, propuesta*=2, estaría bien=2, sería genial=2, estaría genial=2,
            añadan=2, añadir=2, podrían añadir=3, modo oscuro=2, dark mode=2, nuevo diseño=2, rediseño*=2,
            nueva versión=2, actualización*, la antigua, el antiguo, interfaz*, usabilidad, envase*=2, embalaje*=2,
            sabor*=2, receta*, el nuevo, la nueva, me encanta el, me encanta la, prefiero=2, prefería=2, mejor*=1,
            mejorar=2, mejora*=2, vuelvan a=2, echo de menos=3, extraño el=2, función*, funcionalidad*=2,
            opción*, opinión*, idea*, por qué no, más fácil, difícil de encontrar, confuso*, letra*, color*, diseño*
        """,
        "hr": """
            empleo*=2, trabajo=2, curro=2, puesto*=2, vacante*=3, oferta de empleo=3, carrera*=1, candidat*=2,
            postular*=2, aplicar=1, entrevista de trabajo=3, entrevista*, reclut*=2, selección de personal=3,
            sueldo*=2, salario*=2, empleador*=2, emplead*=2, trabajador*=2, plantilla=2, personal=2,
            lugar de trabajo=2, ambiente laboral=3, condiciones laborales=3, compañero*=2, jefe*, despid*=3,
            ere=3, erte=3, pierden su empleo=3, pierden su trabajo=3, recorte*=2, huelga*=3, sindicato*=3,
            prácticas=2, becari*=2, cv=2, currículum*=2, trabajar en=2, trabajo en=2, trabajé en=2,
            contrat*=2, turno*, horas extra*=2, rrhh=2, recursos humanos=2
        """,
        "sales": """
            cuánto cuesta=3, cuánto vale=3, cuánto=2, precio*=2, tarifa*=2, coste*, costo*, presupuesto=3,
            comprar=2, compro=2, compra=2, pedir=2, quiero pedir=3, en stock=2, disponible*=2, agotado*,
            descuento*=2, código promocional=2, cupón*, oferta*=2, promoción*, mejorar a=2, premium=2,
            suscripción*, prueba gratis=2, periodo de prueba=2, demo=2, comercial*=2, ventas=2, contáctenme=2,
            llámenme=2, interesad*=2, busco=2, dónde comprar=3, dónde puedo comprar=3, vale la pena=2,
            merece la pena=2, cuál me recomiendan=3, recomiend*, cuál, envían a=2, hacen envíos=2, mayorista*=2,
            licencia*, para mi empresa=2, para nuestra empresa=2, barato*, económico*
        """,
        "press": """
            periodista*=3, reportero*=3, redacción=3, prensa=2, comunicado*=3, nota de prensa=3, declaraciones=2,
            portavoz=3, comentario*=2, comentar=2, medios=2, periódico*=2, artículo*=2, reportaje*=2, noticia*=2,
            rueda de prensa=3, entrevista*=2, según=2, anuncia=2, anunció=2, informa=2, publica*=2, trimestre*=3,
            resultados=2, facturación=3, beneficio*=3, pérdida*=2, adquisición*=3, adquiere=3, compra de=2, fusión*=3,
            retirada*=3, retira=2, investigación*=2, multa*=2, demanda*=2, premio*=2, galardón*=2, director general=2,
            consejero delegado=3, ceo=2, acciones=2, bolsa=2, alianza*=2, abre=2, inaugura=2, expande=2,
            clientes afectados=3, testimonio*=3, podcast*
        """,
    },
    "it": {
        "complaint": """
            rimbors*=2, soldi indietro=2, non funziona=2, non va=1, smesso di funzionare=2, rotto*=2, rotta=2,
            guast*=2, sto ancora aspettando=2, ancora niente=2, non ancora=2, mai arrivato=2, non è arrivato=2,
            non ho ricevuto=2, servizio clienti=2, assistenza=2, nessuna risposta=2, nessuno risponde=2,
            addebitato due volte=3, reclamo*=2, reclamare=2, lamentel*=2, inaccettabile=2, vergogna, pessim*,
            orribile, schifo, delus*=2, deludente*, stufo*, ritard*=2, cancellat*, disservizio*=2, down=1,
            si blocca=2, crash*, errore*, non riesco ad accedere=3, non riesco a=2, password*, come faccio=2,
            come posso=2, aiuto=2, aiutatemi=2, problema*, difettos*=2, danneggiat*=2, manca, articolo sbagliato=2,
            restituire, pacco*, ordine*, fattura*=2, bolletta*=2, il mio account, abbonamento*, attesa
        """,
        "feedback": """
            vorrei che=2, suggeriment*=2, suggerisco=2, proposta*=2, sarebbe bello=2, sarebbe utile=2,
            sarebbe top=2, aggiungete=2, aggiungere=2, potreste aggiungere=3, modalità scura=2, dark mode=2,
            nuovo design=2, nuova grafica=2, restyling=2, nuova versione=2, aggiornamento*, la vecchia, il vecchio,
            interfaccia*, usabilità, confezion*=2, packaging=2, sapore*=2, gusto*=2, ricetta*, il nuovo, la nuova,
            adoro il, adoro la, preferisco=2, preferivo=2, miglior*=1, migliorare=2, miglioramento*=2,
            rimettete=2, mi manca=2, funzione*, funzionalità=2, opzione*, opinione*, idea*, perché non,
            più semplice, difficile da trovare, confus*, carattere*, colore*, design*
        """,
        "hr": """
            lavoro=2, lavori=1, impiego*=2, posto di lavoro=2, posizione*=2, posizione aperta=3, offerta di lavoro=3,
            carriera*=2, candidat*=2, colloquio*=2, colloquio di lavoro=3, selezione=2, recluta*=2, stipendi*=2,
            salario*=2, retribuzione*=2, datore di lavoro=3, dipendent*=2, lavorator*=2, personale=2,
            ambiente di lavoro=3, condizioni di lavoro=3, collega=2, colleghi=2, capo, capi, licenzi*=3, esuber*=3,
            cassa integrazione=3, perdono il lavoro=3, sciopero*=3, sindacat*=3, tirocinio*=2, stage=2,
            stagista*=2, apprendist*=2, cv=2, curriculum=2, lavorare da=2, lavoro da=2, lavorato da=2,
            lavorare per=2, assunzion*=2, assum*=2, turno*, straordinari=2, risorse umane=2, hr=2
        """,
        "sales": """
            quanto costa=3, quanto viene=3, quanto=1, prezzo*=2, prezzi=2, tariff*=2, costo*, preventivo*=3,
            comprare=2, compro=2, acquist*=2, ordinare=2, vorrei ordinare=3, disponibil*=2, esaurit*, sconto*=2,
            codice sconto=2, coupon*, offerta*=2, promozione*, passare a=2, premium=2, abbonamento=1,
            prova gratuita=2, periodo di prova=2, demo=2, commerciale=2, venditor*=2, vendite=2, contattatemi=2,
            richiamatemi=2, interessat*=2, cerco=2, dove comprare=3, dove posso comprare=3, ne vale la pena=2,
            conviene=2, quale mi consigliate=3, consigli*, quale, spedite in=2, consegnate a=2, spedizione in=2,
            ingrosso=2, licenza*, per la mia azienda=2, per la nostra azienda=2, economic*
        """,
        "press": """
            giornalist*=3, cronist*=3, redazione=3, stampa=2, comunicato*=3, dichiarazion*=2, portavoce=3,
            commento*=2, commentare=2, media=2, giornale*=2, articolo*=2, notizia*=2,
            conferenza stampa=3, intervista*=2, secondo=1, annuncia=2, annunciato=2, rende noto=2, pubblica*=2,
            trimestre*=3, trimestral*=3, risultati=2, fatturato=3, utile*=2, perdita*=2, acquisizion*=3, acquisisce=3,
            fusione*=3, richiam*=3, ritira=2, indagine*=2, inchiesta*=2, multa*=2, sanzion*=2, causa=1, premio*=2,
            amministratore delegato=3, ceo=2, azioni=2, borsa=2, partnership=2, inaugura=2, apre=2, espande=2,
            clienti coinvolti=3, testimonianz*=3, podcast*
        """,
    },
    "nl": {
        "complaint": """
            terugbetal*=2, geld terug=2, werkt niet=2, doet het niet=2, kapot=2, stuk=1, wacht nog steeds=2,
            nog steeds niet=2, nooit ontvangen=2, niet ontvangen=2, niet aangekomen=2, klantenservice*=2,
            klantendienst*=2, support, geen antwoord=2, geen reactie=2, niemand reageert=2, twee keer afgeschreven=3,
            dubbel afgeschreven=3, klacht*=2, klagen=2, onacceptabel=2, schandalig*, belachelijk*, waardeloos*,
            slecht, teleurgesteld*=2, teleurstelling*, balen, vertraging*=2, vertraagd*=2, te laat=2, geannuleerd*,
            storing*=2, ligt eruit=2, ligt plat=2, crasht=2, foutmelding*=2, fout*, kan niet inloggen=3,
            wachtwoord*, hoe kan ik=2, hoe doe ik=2, hulp=2, help, helpen, probleem*, problemen, defect*=2,
            beschadigd*=2, ontbreekt, verkeerde artikel=2, retour*, pakket*, bestelling*, factuur*=2,
            mijn account, mijn abonnement, wachttijd*
        """,
        "feedback": """
            zou fijn zijn=2, zou mooi zijn=2, zou handig zijn=2, wens*=2, suggestie*=2, voorstel*=2, stel voor=2,
            voeg toe=2, toevoegen=2, kunnen jullie toevoegen=3, donkere modus=2, dark mode=2, nieuw design=2,
            nieuwe ontwerp=2, het nieuwe ontwerp=2, vernieuwd*, nieuwe versie=2, update*, de oude, het oude,
            interface*, gebruiksvriendelijk*, verpakking*=2, smaak*=2, recept*, de nieuwe, het nieuwe,
            vind de nieuwe, liever=2, verbeter*=2, breng terug=2, terugbrengen=2, mis de oude=3, mis het oude=3,
            functie*, optie*, mogelijkheid=2, feedback=2, idee*, waarom niet, makkelijker, moeilijk te vinden,
            verwarrend*, lettertype*, kleur*, ontwerp*, design*
        """,
        "hr": """
            baan=2, banen=2, vacature*=3, functie=1, carrière*=2, solliciteer*=2, sollicitatie*=2,
            sollicitatiegesprek*=3, gesprek*, werving*=2, recruiter*=2, salaris*=2, loon=2, lonen=2,
            werkgever*=2, werknemer*=2, medewerker*=2, personeel*=2, werkplek*=2, werksfeer=3, werkomstandigheden=3,
            arbeidsvoorwaarden=3, collega*=2, baas*, leidinggevende*, ontslag*=3, ontslagen=3, reorganisatie*=2,
            verliezen hun baan=3, banen verdwijnen=3, staking*=3, staken=3, vakbond*=3, cao=3, stage*=2,
            stagiair*=2, traineeship*=2, cv=2, werken bij=2, werk bij=2, gewerkt bij=2, in dienst=2,
            aannemen=2, neemt aan=2, diensten, overuren=2, hr=2, personeelszaken=2, onboarding=2
        """,
        "sales": """
            wat kost=3, hoeveel kost=3, prijs*=2, prijzen=2, tarief*=2, kosten, kost, offerte*=3, kopen=2, koop=2,
            aanschaf*=2, bestellen=2, wil bestellen=3, op voorraad=2, leverbaar=2, uitverkocht, korting*=2,
            kortingscode*=2, aanbieding*=2, actie*, upgrade*=2, premium=2, abonnement*, proefperiode*=2,
            gratis proberen=2, demo=2, verkoper*=2, verkoop=2, sales=2, neem contact op=2, bel me=2,
            geïnteresseerd in=2, interesse in=2, zoek een=2, waar kan ik kopen=3, de moeite waard=2, het geld waard=2,
            welke moet ik=2, overweeg=2, twijfel=2, aanrad*, welke, leveren jullie=2, bezorgen jullie=2,
            groothandel*=2, licentie*, zakelijk*=2, voor mijn bedrijf=2, voor ons bedrijf=2, goedkoop*, budget
        """,
        "press": """
            journalist*=3, verslaggever*=3, redactie*=3, pers=2, persbericht*=3, verklaring*=2, woordvoerder*=3,
            commentaar=2, reactie van=2, reageren=1, media=2, krant*=2, artikel*=2, nieuws*=2, persconferentie*=3,
            interview*=2, volgens=2, maakt bekend=2, kondigt aan=2, meldt=2, publiceert=2, kwartaal*=3,
            jaarcijfers=3, resultaten=2, omzet=3, winst*=3, verlies*=2, overname*=3, neemt over=3, fusie*=3,
            terugroep*=3, roept terug=3, onderzoek*=2, boete*=2, rechtszaak*=2, prijs voor=2, wint prijs=2,
            onderscheiding*=2, directeur*=2, topman=3, topvrouw=3, ceo=2, aandeel*=2, aandelen=2, beurs=2,
            samenwerking*=2, opent=2, breidt uit=2, gedupeerde klanten=3, gedupeerden=3, podcast*
        """,
    },
    "pt": {
        "complaint": """
            reembols*=2, dinheiro de volta=2, não funciona=2, parou de funcionar=2, quebrad*=2, estragad*=2,
            avariad*=2, continuo esperando=2, continuo à espera=2, ainda não=2, nunca chegou=2, não chegou=2,
            não recebi=2, atendimento ao cliente=2, atendimento=2, sac=2, apoio ao cliente=2, suporte,
            ninguém responde=2, sem resposta=2, cobrado duas vezes=3, cobraram duas vezes=3, reclamação*=2,
            reclamar=2, queixa*=2, inaceitável=2, vergonha, péssim*, horrível, decepcionad*=2, decepção*,
            cansad*, atraso*=2, atrasad*=2, cancelad*, fora do ar=2, instabilidade*=2, trava=2, erro*,
            não consigo entrar=3, não consigo acessar=3, não consigo=2, senha*, palavra-passe*, como faço=2,
            como posso=2, ajuda=2, ajudem=2, problema*, defeito*=2, danificad*=2, falta, produto errado=2,
            devolver, pacote*, encomenda*, pedido*, fatura*=2, minha conta, assinatura*, espera
        """,
        "feedback": """
            gostaria que=2, sugestão=2, sugestões=2, sugiro=2, proposta*=2, seria bom=2, seria ótimo=2,
            seria legal=2, seria fixe=2, adicionem=2, adicionar=2, poderiam adicionar=3, modo escuro=2,
            dark mode=2, novo design=2, nova interface=2, redesign*=2, nova versão=2, atualização*, a antiga,
            o antigo, interface*, usabilidade, embalage*=2, sabor*=2, receita*, o novo, a nova, adoro o, adoro a,
            amei o, prefiro=2, preferia=2, melhor*=1, melhorar=2, melhoria*=2, voltem com=2, tragam de volta=2,
            sinto falta=3, funcionalidade*=2, função*, opção*, opinião*, ideia*, por que não, porque não,
            mais fácil, difícil de encontrar, confus*, cor, cores, design*
        """,
        "hr": """
            emprego*=2, trabalho=2, vaga*=3, cargo*=2, oferta de emprego=3, carreira*=2, candidat*=2,
            entrevista de emprego=3, entrevista*, recrut*=2, salário*=2, ordenado*=2, remuneração*=2,
            empregador*=2, empregad*=2, funcionári*=2, colaborador*=2, trabalhador*=2, pessoal=2,
            ambiente de trabalho=3, condições de trabalho=3, colega*=2, chefe*, demiti*=3, demissão*=3,
            despedi*=3, despedimento*=3, layoff*=3, perdem o emprego=3, greve*=3, sindicato*=3, estágio*=2,
            estagiári*=2, trainee*, cv=2, currículo*=2, trabalhar na=2, trabalho na=2, trabalhei na=2,
            trabalhar no=2, contrata*=2, turno*, horas extra*=2, rh=2, recursos humanos=2
        """,
        "sales": """
            quanto custa=3, qual o preço=3, qual o valor=3, quanto=1, preço*=2, tarifa*=2, custo*, orçamento=3,
            comprar=2, compro=2, compra=1, encomendar=2, quero encomendar=3, em estoque=2, em stock=2,
            disponível=2, esgotad*, desconto*=2, cupom*=2, cupão*=2, código promocional=2, oferta*=2, promoção*,
            mudar para=1, premium=2, plano*, teste grátis=2, período de teste=2, demo=2, comercial=2, vendedor*=2,
            vendas=2, entrem em contato=2, liguem-me=2, me liguem=2, interessad*=2, procuro=2, onde comprar=3,
            onde posso comprar=3, vale a pena=2, compensa=2, qual vocês recomendam=3, recomend*, qual, entregam em=2,
            fazem entrega=2, envio para=2, atacado=2, licença*, para minha empresa=2,
            para a nossa empresa=2, barat*, econômic*, económic*
        """,
        "press": """
            jornalista*=3, repórter*=3, redação=3, redacção=3, imprensa=2, comunicado*=3, nota à imprensa=3,
            declaração*=2, declarações=2, porta-voz=3, comentário*=2, comentar=2, mídia=2, media=1, jornal*=2,
            artigo*=2, reportagem*=2, notícia*=2, coletiva de imprensa=3, conferência de imprensa=3, entrevista*=2,
            segundo=1, anuncia=2, anunciou=2, informa=2, divulga*=2, publica*=2, trimestre*=3, trimestral*=3,
            resultados=2, faturamento=3, facturação=3, lucro*=3, prejuízo*=3, aquisição*=3, adquire=3, fusão*=3,
            recall=3, recolha*=2, investigação*=2, multa*=2, processo=1, prêmio*=2, prémio*=2, presidente=1,
            diretor-executivo=3, ceo=2, ações=2, bolsa=2, parceria*=2, inaugura=2, abre=1, expande=2,
            clientes afetados=3, depoimento*=3, podcast*
        """,
    },
}

STOP_WORDS: dict[str, str] = {
    "en": "about after again also always another been before being both could does doing down each even every "
          "from have having here into just like made make many more most much must only other over really same "
          "should since some still such than that their them then there these they thing things this those "
          "through today very want well were what when where which while will with would your yours just",
    "da": "alle allerede altid andre anden bare blev blive bliver dags efter eller endnu fordi godt havde have "
          "hele hvad hvis hvor hvorfor ikke ingen jeres kunne lige lidt mange meget mere måske noget nogen selv "
          "sige skal skulle stadig også over under uden vores være været ville",
    "sv": "alla alltid andra annan bara blev bara efter eller fast fler från hade hela inte ingen kanske kunde "
          "lite mycket mera någon något några också sedan själv skulle till utan vara varit vill väl våra även",
    "nb": "alle allerede alltid andre annen bare ble bli blir etter eller enda fordi godt hadde have hele hvis "
          "hvor hvorfor ikke ingen kunne litt mange mere mest noen noe også over selv skal skulle under uten "
          "vårt være vært ville",
    "fi": "aina eikä että hyvin ihan joka jotka jotain kaikki koska kuin kyllä miksi mikä minä mutta nyt olen "
          "olemme olla olisi oli olivat sitten tämä tässä vain vielä voisi yksi",
    "de": "aber alle allem allen alles also auch beim bereits bitte dann darum dass dein denn diese dieser dieses "
          "doch durch eine einem einen einer eines etwas euch euer habe haben hatte hätte heute hier immer jetzt "
          "kann kein keine können mehr mich mein meine muss nach nicht noch nur oder schon sehr sein seit sich "
          "sind über unser unsere viel wann warum weil wenn werden wieder wird wirklich wurde würde",
    "fr": "alors aussi autre avant avec avoir bien cela cette comme dans depuis donc elle encore entre était être "
          "fait faire leur mais même moins notre nous plus pour quand quel quelle sans sont sous tous tout très "
          "vers votre vous vraiment",
    "es": "ahora algo algún antes aquí cada como con desde donde ellos entre esta este esto estos están estoy "
          "hace hacer hasta mismo mucho muy nada para pero poco porque pues sobre solo también tanto tener tiene "
          "todo todos una unos vez",
    "it": "adesso alla alle anche ancora avere come con cosa così della delle dopo dove essere fare molto nella "
          "nelle niente ogni oggi perché però più poco prima quando quello questa questo sempre senza sono sopra "
          "stato tutto tutti una",
    "nl": "alle alles altijd andere echt eens even geen hebben heeft hier hoe kunnen maar meer met mijn naar niet "
          "niets nog omdat onze ook over veel voor waar want wanneer weer wel worden wordt zijn zou zouden",
    "pt": "agora ainda algo antes aqui cada como com desde depois este esta isso isto mais mas mesmo muito nada "
          "nossa nosso para pela pelo porque quando sempre também tenho todo todos uma você vocês",
}
