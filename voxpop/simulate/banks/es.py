"""Spanish phrases for social posts, comments, reviews and blog posts about the simulated brands."""

OPEN = [
    "Vale, una reflexión rápida sobre {brand}.",
    "Llevo tiempo queriendo escribir esto.",
    "Actualización tras {n} semanas con {brand}:",
    "A ver, {brand}. Por dónde empiezo.",
    "¿A alguien más le está dando problemas {brand} últimamente?",
    "Acabo de volver de {city} y tengo cosas que contar.",
    "Aviso para todos los que estéis en {city}:",
    "Soy cliente de {brand} desde hace unos {nn} años.",
    "No es publicidad, solo mi experiencia sincera.",
    "Mi pareja me preguntó por qué no paro de hablar de {brand}, así que ahí va.",
]

CLOSE = {
    "positive": [
        "Lo recomiendo sin dudarlo.",
        "¡Seguid así, {handle}!",
        "Sinceramente, una buena experiencia de principio a fin.",
        "Un diez, repetiría sin pensarlo.",
    ],
    "neutral": [
        "¿Alguien más lo ha probado?",
        "¿Qué opináis vosotros?",
        "Actualizaré el post si hay novedades.",
        "¿Algún consejo antes de decidirme?",
    ],
    "negative": [
        "Nunca más.",
        "Muy decepcionado, {handle}.",
        "Sinceramente, esperaba mucho más.",
        "¿Alguien sabe cómo hablar con una persona de verdad en {brand}?",
    ],
}

ASPECTS = {
    "price": {
        "positive": [
            "Por {price}, el {product} es sinceramente una ganga.",
            "{brand} no es el más barato, pero tienes lo que pagas.",
            "Pagué {price} y no me arrepiento de ni un céntimo con {brand}.",
        ],
        "neutral": [
            "{brand} me cobró {price}, que parece ser el precio normal ahora.",
            "Los precios de {brand} han vuelto a subir, {price} esta vez, aunque los demás han hecho lo mismo.",
        ],
        "negative": [
            "¿{price} por eso? {brand} ha perdido por completo el contacto con la realidad.",
            "Antes me gustaba {brand}, pero a {price} simplemente ya no merece la pena.",
            "Otra subida de precio de {brand}, ahora {price}. No, gracias.",
        ],
    },
    "service": {
        "positive": [
            "El servicio de atención al cliente de {brand} lo solucionó todo en {minutes} minutos, súper amables.",
            "Gracias a {name}, del soporte de {brand}, que me escuchó de verdad y arregló mi problema.",
            "Tuve un problema anoche a las {time} y {brand} respondió en menos de una hora. Impresionante.",
        ],
        "neutral": [
            "He contactado con {brand} por la incidencia {order}, espero respuesta.",
            "{brand} dice que me contestarán en un plazo de {n} días laborables.",
        ],
        "negative": [
            "Llevo {minutes} minutos en espera al teléfono con {brand}.",
            "{brand} cerró mi incidencia {order} sin resolver nada.",
            "Tercera vez que le explico el mismo problema a {brand}, y nadie lee el historial.",
        ],
    },
    "product": {
        "positive": [
            "La batería de mi {product} aguanta {n} días sin problema, estoy impresionado.",
            "Me pasé de {competitor} al {product} y la pantalla es preciosa.",
            "{brand} ha acertado de lleno con el {product}, es rápido y se siente sólido.",
        ],
        "neutral": [
            "Hoy ha llegado el {product} de {brand}, os cuento mis impresiones en una semana.",
            "Comparando el {product} con lo que ofrece {competitor}, las especificaciones son muy parecidas.",
        ],
        "negative": [
            "Mi {product} se queda colgado {n} veces al día desde la última actualización de {brand}.",
            "El {product} no vale lo que cuesta: la cámara es mediocre y se calienta.",
            "A los {nn} días, el puerto de carga de mi {product} dejó de funcionar.",
        ],
    },
    "delivery": {
        "positive": [
            "Pedí a {brand} anoche y a las {time} el paquete ya estaba en mi puerta en {city}.",
            "El pedido {order} de {brand} llegó dos días antes de lo previsto y bien embalado.",
        ],
        "neutral": [
            "{brand} dice que el pedido {order} se enviará en {n} días.",
            "El seguimiento de mi pedido de {brand} sigue diciendo 'en tránsito' en algún sitio cerca de {city}.",
        ],
        "negative": [
            "El pedido {order} de {brand} lleva {nn} días 'en camino'.",
            "{brand} entregó una caja aplastada y ahora quiere que pague yo la devolución.",
            "La entrega en {city} estaba prometida para hoy; {brand} acaba de retrasarla otros {n} días.",
        ],
    },
    "flight": {
        "positive": [
            "El {flight} de {brand} a {city} aterrizó {minutes} minutos antes de hora, genial.",
            "Reservé {product} con {brand} y el espacio extra para las piernas valió cada céntimo.",
            "La mejor puntualidad que he visto en años, {brand} está haciendo algo bien.",
        ],
        "neutral": [
            "Hoy vuelo con {brand} en el {flight} desde {city}, embarque a las {time}.",
            "{brand} ha movido la salida del {flight} {minutes} minutos, nada grave.",
        ],
        "negative": [
            "El {flight} de {brand} lleva {hours} horas de retraso y ni una sola información en la puerta.",
            "{brand} vendió más plazas de la cuenta en el {flight} y me pasó al vuelo de mañana.",
            "{minutes} minutos parados en la pista en {city} porque {brand} 'perdió el slot'. ¿En serio?",
        ],
    },
    "crew": {
        "positive": [
            "La tripulación del {flight} de {brand} fue un encanto con mis hijos.",
            "Mil gracias a {name}, de la tripulación de {brand}, que encontró la chaqueta que me dejé a bordo.",
            "Mi maleta fue la primera en salir por la cinta en {city}, bien hecho {brand}.",
        ],
        "neutral": [
            "La tripulación de {brand} presentó un nuevo menú a bordo del {flight}.",
            "{brand} ya deja seguir la maleta facturada desde la app, lo pruebo en el {flight}.",
        ],
        "negative": [
            "{brand} ha perdido mi maleta en {city} y nadie sabe dónde está.",
            "La tripulación del {flight} estaba claramente molesta con los pasajeros, no es lo que espero de {brand}.",
            "Mi equipaje llegó con {n} días de retraso y {brand} se niega a darme ninguna compensación.",
        ],
    },
    "drinks": {
        "positive": [
            "El {product} de {brand} en {city} es el mejor que he tomado este año.",
            "{brand} por fin ha clavado el {product}, suave y nada empalagoso.",
            "Nada como un {product} de {brand} en una mañana fría ☕",
        ],
        "neutral": [
            "Hoy pruebo el nuevo {product} de {brand}.",
            "{brand} ya tiene el {product} en la carta también en {city}.",
        ],
        "negative": [
            "El {product} de {brand} sabía a quemado otra vez hoy.",
            "Pagué un {product} grande en {brand} y me dieron algo tibio y a medio llenar.",
            "{brand} ha cambiado la receta del {product} y ya no está nada bueno.",
        ],
    },
    "store": {
        "positive": [
            "En {brand} de {city} se acordaban de mi pedido después de {n} visitas, me encanta.",
            "Sillones cómodos, buena música y wifi rápido: el {brand} junto a la estación de {city} es mi nueva oficina.",
        ],
        "neutral": [
            "{brand} en {city} abre ahora a las {time} entre semana.",
            "La cola en {brand} esta mañana era de unos {minutes} minutos.",
        ],
        "negative": [
            "Esperé {minutes} minutos en {brand} por un solo café mientras {n} baristas charlaban.",
            "Las mesas de {brand} estaban pegajosas y las papeleras desbordadas, así no.",
            "{brand} en {city} cerró {nn} minutos antes sin avisar.",
        ],
    },
    "app": {
        "positive": [
            "Con la app de {brand} pagar recibos es facilísimo, {n} toques y listo.",
            "Me encanta que {brand} por fin haya añadido avisos al instante de los pagos con tarjeta.",
            "Entré en {brand} con Face ID en dos segundos, fluido.",
        ],
        "neutral": [
            "{brand} actualiza su app esta noche a partir de las {time}, habrá cortes.",
            "Cuesta acostumbrarse al nuevo diseño de la app de {brand}.",
        ],
        "negative": [
            "La app de {brand} está caída desde las {time} y no puedo pagar el alquiler.",
            "{brand} me ha cerrado la sesión {n} veces hoy, la app es un desastre.",
            "¿Por qué la app de {brand} necesita {n} pasos para aprobar una simple transferencia?",
        ],
    },
    "account": {
        "positive": [
            "Abrí una cuenta en {brand} en {minutes} minutos, todo online.",
            "Mi gestora {name} en {brand} me consiguió de verdad un tipo mejor en {product}.",
            "{brand} me devolvió un cargo fraudulento de {price} en menos de un día, genial.",
        ],
        "neutral": [
            "{brand} cambia las condiciones de {product} a partir del mes que viene.",
            "He pedido cita en {brand} para una hipoteca, a ver qué me ofrecen.",
        ],
        "negative": [
            "{brand} me bloqueó la cuenta {n} días sin ninguna explicación.",
            "Una transferencia de {price} lleva 'pendiente' en {brand} desde el lunes.",
            "{brand} me ha cobrado {price} en comisiones de las que nadie me había dicho nada.",
        ],
    },
}

TITLES = {
    "positive": [
        "{brand} ha acertado esta vez",
        "Gratamente sorprendido con {brand}",
        "{product}: mejor de lo que esperaba",
    ],
    "neutral": [
        "Pregunta sobre {brand}",
        "¿Experiencias con {brand}?",
        "¿Qué opináis del {product}?",
    ],
    "negative": [
        "{brand} va de mal en peor",
        "Evitad {brand} hasta que arreglen esto",
        "Experiencia horrible con {brand}",
    ],
}

CAMPAIGN = {
    "positive": [
        "Aquí va mi {campaign_tag}: una mañana soleada en {city} y mi favorito de {brand} 😍",
        "Me encanta lo que está haciendo {brand} con {campaign_tag}, mi timeline está lleno de historias bonitas.",
        "Acabo de participar en {campaign_tag}, ¡crucemos los dedos por el premio de {brand}! 🤞",
        "{campaign_tag} día {n}: sigo sonriendo gracias a {brand}.",
    ],
    "neutral": [
        "{brand} ha lanzado {campaign_tag} esta semana, para participar hay que compartir una foto.",
        "He visto los carteles de {campaign_tag} de {brand} por todo {city}.",
    ],
    "negative": [
        "{campaign_tag} está muy bien, pero quizá {brand} debería arreglar lo básico primero.",
    ],
}

CRISIS = {
    "battery_fire": [
        "La batería de mi {product} se calentó tanto al cargarlo que tuve que sacarlo al balcón. {brand}, ¡retiradlo ya!",
        "Otro incendio de batería de un {product} en {city}. ¿Cuántos más antes de que {brand} lo retire del mercado?",
        "Da miedo: la batería de mi {product} se hinchó por la noche y olía a humo. El soporte de {brand} solo me mandó un formulario.",
        "{brand} sabía lo del sobrecalentamiento y aun así siguió vendiendo el {product}.",
        "Dejad de cargar el {product} por la noche hasta que {brand} explique estos incendios de batería.",
        "Desenchufé mi {product} después de que empezara a sobrecalentarse en la mesilla. No lo toco hasta que {brand} lo retire.",
    ],
    "flight_cancellations": [
        "{brand} canceló el {flight} a {city} con {hours} horas de antelación y en el teléfono te cuelgan.",
        "Tirado en {city} después de que {brand} cancelara todos los vuelos de esta noche. Ni hotel ni información.",
        "{brand} me ha cancelado el vuelo dos veces en dos días. ¿Hay alguien ahí?",
        "Cientos de pasajeros atrapados en {city} por las cancelaciones de {brand}.",
        "Sigo esperando el reembolso de {brand} tras la cancelación del {flight}.",
        "La app de {brand} dice que mi vuelo sale a su hora, el panel dice cancelado. Caos en el aeropuerto de {city}.",
    ],
}

CRISIS_TERMS = {
    "battery_fire": ["batería", "sobrecalent", "retir", "incendio"],
    "flight_cancellations": ["cancel", "atrapados", "tirado", "reembolso"],
}
