"""French phrases for social posts, comments, reviews and blog posts about the simulated brands."""

OPEN = [
    "Bon, petite réflexion sur {brand}.",
    "Ça fait un moment que je voulais écrire ce post.",
    "Mise à jour après {n} semaines avec {brand} :",
    "Alors, {brand}. Par où commencer.",
    "Quelqu'un d'autre a des soucis avec {brand} en ce moment ?",
    "Je rentre de {city} et j'ai deux ou trois choses à dire.",
    "Info pour tous ceux qui sont à {city} :",
    "Client de {brand} depuis environ {nn} ans.",
    "Pas sponsorisé, juste mon avis honnête.",
    "Ma copine m'a demandé pourquoi je parle tout le temps de {brand}, alors voilà.",
]

CLOSE = {
    "positive": [
        "Je recommande sans hésiter.",
        "Continuez comme ça, {handle} !",
        "Franchement une bonne expérience du début à la fin.",
        "Dix sur dix, je recommencerais.",
    ],
    "neutral": [
        "Quelqu'un a déjà essayé ?",
        "Vous en pensez quoi ?",
        "Je mettrai ce post à jour si ça bouge.",
        "Des conseils avant que je me décide ?",
    ],
    "negative": [
        "Plus jamais.",
        "Vraiment déçu, {handle}.",
        "Honnêtement, je m'attendais à beaucoup mieux.",
        "Quelqu'un sait comment joindre un vrai humain chez {brand} ?",
    ],
}

ASPECTS = {
    "price": {
        "positive": [
            "Pour {price}, le {product} est franchement une affaire.",
            "{brand} n'est pas le moins cher, mais on en a pour son argent.",
            "J'ai payé {price} et je ne regrette pas un centime chez {brand}.",
        ],
        "neutral": [
            "{brand} m'a facturé {price}, ce qui semble être le prix normal maintenant.",
            "Les prix ont encore augmenté chez {brand}, {price} cette fois, mais les autres ont fait pareil.",
        ],
        "negative": [
            "{price} pour ça ? {brand} a complètement perdu le sens des réalités.",
            "J'aimais bien {brand}, mais à {price} ça ne vaut tout simplement plus le coup.",
            "Encore une hausse de prix chez {brand}, maintenant {price}. Non merci.",
        ],
    },
    "service": {
        "positive": [
            "Le service client de {brand} a tout réglé en {minutes} minutes, hyper sympa.",
            "Merci à {name} du support {brand}, qui a vraiment écouté et résolu mon problème.",
            "J'ai eu un souci hier soir à {time} et {brand} a répondu en moins d'une heure. Impressionnant.",
        ],
        "neutral": [
            "J'ai contacté {brand} pour le dossier {order}, j'attends une réponse.",
            "{brand} dit qu'ils reviendront vers moi sous {n} jours ouvrés.",
        ],
        "negative": [
            "Ça fait {minutes} minutes que je suis en attente au téléphone avec {brand}.",
            "{brand} a clôturé mon ticket {order} sans rien résoudre.",
            "Troisième fois que j'explique le même problème à {brand}, et personne ne lit l'historique.",
        ],
    },
    "product": {
        "positive": [
            "La batterie de mon {product} tient facilement {n} jours, je suis bluffé.",
            "Passé de {competitor} au {product}, et l'écran est juste magnifique.",
            "{brand} a vraiment réussi son coup avec le {product}, il est rapide et solide.",
        ],
        "neutral": [
            "Le {product} de {brand} est arrivé aujourd'hui, je donne mes impressions dans une semaine.",
            "Je compare le {product} avec ce que propose {competitor}, les fiches techniques sont très proches.",
        ],
        "negative": [
            "Mon {product} plante {n} fois par jour depuis la dernière mise à jour de {brand}.",
            "Le {product} ne vaut pas son prix : l'appareil photo est moyen et il chauffe.",
            "Au bout de {nn} jours, le port de charge de mon {product} a lâché.",
        ],
    },
    "delivery": {
        "positive": [
            "Commandé chez {brand} hier soir, et le colis était devant ma porte à {city} à {time}.",
            "La commande {order} de {brand} est arrivée avec deux jours d'avance, bien emballée en plus.",
        ],
        "neutral": [
            "{brand} indique que la commande {order} sera expédiée sous {n} jours.",
            "Le suivi de ma commande {brand} affiche toujours « en transit » quelque part près de {city}.",
        ],
        "negative": [
            "La commande {order} de {brand} est « en cours d'acheminement » depuis {nn} jours.",
            "{brand} a livré un carton écrasé et veut maintenant que je paie le retour.",
            "La livraison à {city} était promise pour aujourd'hui ; {brand} vient de la repousser de {n} jours.",
        ],
    },
    "flight": {
        "positive": [
            "Le vol {brand} {flight} pour {city} a atterri avec {minutes} minutes d'avance, nickel.",
            "J'ai pris {product} chez {brand} et la place supplémentaire pour les jambes valait chaque centime.",
            "Meilleure ponctualité que j'aie vue depuis des années, {brand} fait quelque chose de bien.",
        ],
        "neutral": [
            "Je vole aujourd'hui avec {brand} {flight} au départ de {city}, embarquement à {time}.",
            "{brand} a décalé le départ du {flight} de {minutes} minutes, pas bien grave.",
        ],
        "negative": [
            "{flight} de {brand} a {hours} heures de retard et pas une seule info à la porte d'embarquement.",
            "{brand} a surbooké le {flight} et m'a basculé sur le vol de demain.",
            "Coincés {minutes} minutes sur le tarmac à {city} parce que {brand} a « perdu son créneau ». Sérieusement ?",
        ],
    },
    "crew": {
        "positive": [
            "L'équipage du vol {brand} {flight} a été adorable avec mes enfants.",
            "Un grand merci à {name} de l'équipage {brand}, qui a retrouvé la veste que j'avais oubliée à bord.",
            "Ma valise était la première sur le tapis à {city}, bravo {brand}.",
        ],
        "neutral": [
            "L'équipage {brand} a présenté un nouveau menu à bord du {flight}.",
            "{brand} permet maintenant de suivre son bagage en soute dans l'appli, je teste sur le {flight}.",
        ],
        "negative": [
            "{brand} a perdu ma valise à {city} et personne ne sait où elle est.",
            "L'équipage du {flight} était visiblement agacé par les passagers, ce n'est pas ce que j'attends de {brand}.",
            "Mon bagage est arrivé avec {n} jours de retard et {brand} refuse toute indemnisation.",
        ],
    },
    "drinks": {
        "positive": [
            "Le {product} de chez {brand} à {city} est le meilleur que j'aie eu cette année.",
            "{brand} a enfin réussi son {product}, doux et pas trop sucré.",
            "Rien ne vaut un {product} de chez {brand} par un matin froid ☕",
        ],
        "neutral": [
            "Je goûte le nouveau {product} chez {brand} aujourd'hui.",
            "{brand} a maintenant le {product} à la carte à {city} aussi.",
        ],
        "negative": [
            "Le {product} de chez {brand} avait encore un goût de brûlé aujourd'hui.",
            "J'ai payé un grand {product} chez {brand} et j'ai eu un truc tiède à moitié vide.",
            "{brand} a changé la recette du {product} et il n'est plus bon du tout.",
        ],
    },
    "store": {
        "positive": [
            "L'équipe de {brand} à {city} connaissait ma commande au bout de {n} visites, j'adore.",
            "Fauteuils confortables, bonne musique, wifi rapide : le {brand} près de la gare de {city} est mon nouveau bureau.",
        ],
        "neutral": [
            "{brand} à {city} ouvre désormais à {time} en semaine.",
            "Il y avait environ {minutes} minutes de queue chez {brand} ce matin.",
        ],
        "negative": [
            "Attendu {minutes} minutes chez {brand} pour un seul café pendant que {n} baristas discutaient.",
            "Les tables chez {brand} étaient collantes et les poubelles débordaient, pas acceptable.",
            "{brand} à {city} a fermé {nn} minutes plus tôt sans prévenir.",
        ],
    },
    "app": {
        "positive": [
            "Avec l'appli {brand}, payer ses factures est tellement simple, {n} clics et c'est fait.",
            "Trop bien que {brand} ait enfin ajouté les notifications instantanées pour les paiements par carte.",
            "Connecté à {brand} avec Face ID en deux secondes, fluide.",
        ],
        "neutral": [
            "{brand} met à jour son appli cette nuit à partir de {time}, prévoyez des coupures.",
            "Il faut un peu de temps pour s'habituer à la nouvelle interface de l'appli {brand}.",
        ],
        "negative": [
            "L'appli {brand} est en panne depuis {time} et je ne peux pas payer mon loyer.",
            "{brand} m'a déconnecté {n} fois aujourd'hui, l'appli est un vrai bazar.",
            "Pourquoi l'appli {brand} demande {n} étapes pour valider un simple virement ?",
        ],
    },
    "account": {
        "positive": [
            "Compte ouvert chez {brand} en {minutes} minutes, tout en ligne.",
            "Ma conseillère {name} chez {brand} m'a vraiment obtenu un meilleur taux sur {product}.",
            "{brand} m'a remboursé un prélèvement frauduleux de {price} en moins d'une journée, top.",
        ],
        "neutral": [
            "{brand} modifie les conditions de {product} à partir du mois prochain.",
            "J'ai pris rendez-vous chez {brand} pour un prêt immobilier, on verra ce qu'ils proposent.",
        ],
        "negative": [
            "{brand} a bloqué mon compte pendant {n} jours sans la moindre explication.",
            "Un virement de {price} est « en attente » chez {brand} depuis lundi.",
            "{brand} m'a prélevé {price} de frais dont personne ne m'avait jamais parlé.",
        ],
    },
}

TITLES = {
    "positive": [
        "{brand} a bien fait les choses cette fois",
        "Agréablement surpris par {brand}",
        "{product} : mieux que prévu",
    ],
    "neutral": [
        "Question sur {brand}",
        "Des retours sur {brand} ?",
        "Votre avis sur le {product} ?",
    ],
    "negative": [
        "{brand} est de pire en pire",
        "Évitez {brand} tant qu'ils n'ont pas réglé ça",
        "Expérience catastrophique avec {brand}",
    ],
}

CAMPAIGN = {
    "positive": [
        "Voici mon {campaign_tag} : un matin ensoleillé à {city} et mon préféré de chez {brand} 😍",
        "J'adore ce que fait {brand} avec {campaign_tag}, mon fil est plein de belles histoires.",
        "Je viens de participer à {campaign_tag}, je croise les doigts pour le cadeau de {brand} ! 🤞",
        "{campaign_tag} jour {n} : toujours le sourire grâce à {brand}.",
    ],
    "neutral": [
        "{brand} a lancé {campaign_tag} cette semaine, il suffit de partager une photo pour participer.",
        "Vu les affiches {campaign_tag} de {brand} partout à {city}.",
    ],
    "negative": [
        "{campaign_tag}, c'est mignon, mais {brand} ferait peut-être mieux de régler les bases d'abord.",
    ],
}

CRISIS = {
    "battery_fire": [
        "La batterie de mon {product} a tellement chauffé pendant la charge que j'ai dû le mettre sur le balcon. {brand}, rappelez-le maintenant !",
        "Encore un incendie de batterie avec un {product} à {city}. Combien d'autres avant que {brand} lance un rappel ?",
        "Flippant : la batterie de mon {product} a gonflé pendant la nuit et sentait la fumée. Le support {brand} m'a juste envoyé un formulaire.",
        "{brand} était au courant de la surchauffe et a quand même continué à vendre le {product}.",
        "Arrêtez de charger votre {product} la nuit tant que {brand} n'a pas expliqué ces incendies de batterie.",
        "J'ai débranché mon {product} après qu'il a commencé à surchauffer sur la table de nuit. Je n'y touche plus avant le rappel de {brand}.",
    ],
    "flight_cancellations": [
        "{brand} a annulé le {flight} pour {city} avec {hours} heures de préavis et la hotline raccroche.",
        "Bloqué à {city} après que {brand} a annulé tous les vols de ce soir. Pas d'hôtel, aucune info.",
        "{brand} a annulé mon vol deux fois en deux jours. Il y a quelqu'un ?",
        "Des centaines de passagers bloqués à {city} à cause des annulations de {brand}.",
        "J'attends toujours le remboursement de {brand} après l'annulation du {flight}.",
        "L'appli {brand} dit que mon vol est à l'heure, le panneau dit annulé. Le chaos à l'aéroport de {city}.",
    ],
}

CRISIS_TERMS = {
    "battery_fire": ["batterie", "surchauff", "rappel", "incendie"],
    "flight_cancellations": ["annul", "bloqué", "remboursement"],
}
