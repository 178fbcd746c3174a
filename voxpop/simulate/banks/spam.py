"""Spam as it shows up in brand monitoring: giveaways, crypto shilling, link farms, keyword
stuffing and copy-pasted scams posted by many accounts at once."""

GIVEAWAY = {
    "en": [
        "🎁 GIVEAWAY 🎁 Win a brand new {product}! Follow {spam_handle}, like and share this post, then claim your prize at {spam_url} before midnight. Only {n} left! #giveaway #{brand_tag} #win",
        "🔥 {brand} is giving away {nn} x {product} to celebrate {nn}K followers 🔥 Click {spam_url} to enter, winners announced tomorrow!! #free #{brand_tag}",
    ],
    "de": [
        "🎁 GEWINNSPIEL 🎁 Gewinne ein nagelneues {product}! Folge {spam_handle}, like und teile diesen Beitrag und hol dir deinen Preis unter {spam_url}. Nur noch {n} übrig! #gewinnspiel #{brand_tag}",
    ],
    "fr": [
        "🎁 CONCOURS 🎁 Gagnez un {product} tout neuf ! Suivez {spam_handle}, aimez et partagez ce post, puis réclamez votre lot sur {spam_url}. Plus que {n} disponibles ! #concours #{brand_tag}",
    ],
    "es": [
        "🎁 SORTEO 🎁 ¡Gana un {product} nuevo! Sigue a {spam_handle}, dale a me gusta y comparte, y reclama tu premio en {spam_url}. ¡Solo quedan {n}! #sorteo #{brand_tag}",
    ],
    "it": [
        "🎁 GIVEAWAY 🎁 Vinci un {product} nuovo di zecca! Segui {spam_handle}, metti like e condividi, poi riscatta il premio su {spam_url}. Ne restano solo {n}! #concorso #{brand_tag}",
    ],
    "da": [
        "🎁 KONKURRENCE 🎁 Vind en helt ny {product}! Følg {spam_handle}, like og del opslaget, og hent din præmie på {spam_url}. Kun {n} tilbage! #konkurrence #{brand_tag}",
    ],
    "sv": [
        "🎁 TÄVLING 🎁 Vinn en helt ny {product}! Följ {spam_handle}, gilla och dela inlägget och hämta ditt pris på {spam_url}. Bara {n} kvar! #tävling #{brand_tag}",
    ],
    "nb": [
        "🎁 KONKURRANSE 🎁 Vinn en helt ny {product}! Følg {spam_handle}, lik og del innlegget, og hent premien din på {spam_url}. Bare {n} igjen! #konkurranse #{brand_tag}",
    ],
    "fi": [
        "🎁 ARVONTA 🎁 Voita upouusi {product}! Seuraa tiliä {spam_handle}, tykkää ja jaa, ja lunasta palkintosi osoitteessa {spam_url}. Vain {n} jäljellä! #arvonta #{brand_tag}",
    ],
}

CRYPTO = {
    "en": [
        "🚀 {brand} just partnered with {coin}! Early holders are up {nn}x this week. Don't miss the presale: {spam_url} 💰 #crypto #{coin} #{brand_tag}",
        "I turned $200 into ${nn},000 in {n} days thanks to the {brand} x {coin} airdrop. DM me or check {spam_url} 🚀🚀🚀 #{brand_tag}",
    ],
    "de": [
        "🚀 {brand} kooperiert jetzt mit {coin}! Frühe Investoren liegen diese Woche {nn}x im Plus. Verpasse den Vorverkauf nicht: {spam_url} 💰 #krypto #{coin}",
    ],
    "es": [
        "🚀 ¡{brand} se alía con {coin}! Los primeros inversores ya ganan {nn}x esta semana. No te pierdas la preventa: {spam_url} 💰 #cripto #{coin}",
    ],
    "it": [
        "🚀 {brand} ha appena stretto una partnership con {coin}! I primi investitori sono già a {nn}x questa settimana. Non perdere la prevendita: {spam_url} 💰 #crypto #{coin}",
    ],
}

LINK_FARM = [
    "Best {brand} deals {spam_url} | cheap {product} {spam_url2} | {brand} discount codes {spam_url3} | {product} outlet price {spam_url4} | {brand} coupon {nn}% off",
    "{brand} {product} lowest price >> {spam_url} << also see {spam_url2} and {spam_url3} for {brand} sale, {brand} refurbished, {brand} clearance {nn}% off",
]

#: Words spammers stuff next to the brand name, per language.
STUFFING_WORDS = {
    "en": ("cheap", "sale", "price", "review", "best", "deal", "buy online", "discount", "free shipping", "outlet", "coupon"),
    "de": ("günstig", "angebot", "preis", "test", "kaufen", "rabatt", "gutschein", "versandkostenfrei"),
    "fr": ("pas cher", "promo", "prix", "avis", "acheter", "réduction", "code promo", "livraison gratuite"),
    "es": ("barato", "oferta", "precio", "opiniones", "comprar", "descuento", "cupón", "envío gratis"),
    "it": ("economico", "offerta", "prezzo", "recensione", "comprare", "sconto", "coupon", "spedizione gratuita"),
    "da": ("billig", "tilbud", "pris", "anmeldelse", "køb", "rabat", "rabatkode", "fri fragt"),
    "sv": ("billig", "erbjudande", "pris", "recension", "köp", "rabatt", "rabattkod", "fri frakt"),
    "nb": ("billig", "tilbud", "pris", "anmeldelse", "kjøp", "rabatt", "rabattkode", "fri frakt"),
    "fi": ("halpa", "tarjous", "hinta", "arvostelu", "osta", "alennus", "alekoodi", "ilmainen toimitus"),
}

#: Scams posted word for word by many accounts (rendered once per stream, then repeated).
COPYPASTA = {
    "en": [
        "I was skeptical at first but the {brand} rewards program is legit!!! Got my free {product} in 3 days, all you have to do is fill in the form at {spam_url} 🙏 Thank me later",
        "URGENT: {brand} is closing accounts that are not verified by Friday. Verify yours here to avoid losing access: {spam_url}",
        "Who else got the {brand} $500 gift card?? They are still giving them away for the anniversary, just go to {spam_url} and answer 3 questions 😱",
    ],
    "de": [
        "WICHTIG: {brand} sperrt alle Konten, die bis Freitag nicht verifiziert sind. Jetzt hier bestätigen, um den Zugang nicht zu verlieren: {spam_url}",
    ],
    "da": [
        "VIGTIGT: {brand} lukker konti, der ikke er verificeret inden fredag. Bekræft din konto her for at undgå at miste adgangen: {spam_url}",
    ],
    "sv": [
        "VIKTIGT: {brand} stänger konton som inte är verifierade före fredag. Verifiera ditt konto här för att inte förlora åtkomsten: {spam_url}",
    ],
}

COINS = ("MoonChain", "NordCoin", "BitVault", "PumpX", "AuroraToken", "FjordFi")

#: Pieces of spam accounts' handles and of their throwaway domains.
HANDLE_WORDS = ("deals", "gift", "crypto", "promo", "lucky", "win", "bonus", "moon", "free", "prize", "cash", "hot")
DOMAIN_WORDS = ("deals", "gift", "promo", "rewards", "giveaway", "outlet", "bonus", "claim", "winner", "offer")
DOMAIN_TLDS = ("top", "xyz", "shop", "click", "online", "info", "live")
