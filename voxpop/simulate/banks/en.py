"""English phrases for social posts, comments, reviews and blog posts about the simulated brands."""

OPEN = [
    "Okay, quick thought on {brand}.",
    "Been meaning to post this for a while.",
    "Update after {n} weeks with {brand}:",
    "So, {brand}. Where do I even start.",
    "Anyone else dealing with {brand} lately?",
    "Back from {city} and I have thoughts.",
    "PSA for anyone in {city}.",
    "Long-time {brand} customer here, {nn} years or so.",
    "Not a sponsored post, just my honest experience.",
    "My partner asked me why I keep talking about {brand}, so here goes.",
]

CLOSE = {
    "positive": [
        "Would recommend without hesitation.",
        "Keep it up, {handle}!",
        "Honestly a good experience from start to finish.",
        "Ten out of ten, would do it again.",
    ],
    "neutral": [
        "Has anyone else tried it?",
        "Curious what others think.",
        "Will update this post if anything changes.",
        "Any tips before I decide?",
    ],
    "negative": [
        "Never again.",
        "Really disappointed, {handle}.",
        "I expected much better, to be honest.",
        "Does anyone know how to reach an actual human at {brand}?",
    ],
}

ASPECTS = {
    "price": {
        "positive": [
            "For {price} the {product} is honestly a bargain.",
            "{brand} is not the cheapest, but you get what you pay for.",
            "Paid {price} and I don't regret a single penny with {brand}.",
        ],
        "neutral": [
            "{brand} charged me {price}, which seems to be the going rate now.",
            "Prices at {brand} went up again, {price} this time, though the others did the same.",
        ],
        "negative": [
            "{price} for that? {brand} has completely lost touch with reality.",
            "I used to like {brand}, but at {price} it's just not worth it anymore.",
            "Another price hike from {brand}, now {price}. No thanks.",
        ],
    },
    "service": {
        "positive": [
            "{brand} customer service sorted everything out in {minutes} minutes, super friendly.",
            "Shout-out to {name} at {brand} support who actually listened and fixed my problem.",
            "Had an issue at {time} last night and {brand} answered within the hour. Impressive.",
        ],
        "neutral": [
            "Contacted {brand} support about case {order}, waiting for an answer.",
            "{brand} says they will get back to me within {n} working days.",
        ],
        "negative": [
            "I've been on hold with {brand} for {minutes} minutes and counting.",
            "{brand} support closed my ticket {order} without solving anything.",
            "Third time I'm explaining the same problem to {brand}, and nobody reads the history.",
        ],
    },
    "product": {
        "positive": [
            "The battery on my {product} easily lasts {n} days, I'm impressed.",
            "Switched from {competitor} to the {product} and the screen is just gorgeous.",
            "{brand} really nailed it with the {product}, it's fast and feels solid.",
        ],
        "neutral": [
            "The {product} from {brand} arrived today, will share impressions after a week.",
            "Comparing the {product} with what {competitor} offers, the specs look pretty similar.",
        ],
        "negative": [
            "My {product} has started freezing {n} times a day since the last {brand} update.",
            "The {product} is not worth it: the camera is mediocre and it gets hot.",
            "After {nn} days the charging port on my {product} stopped working.",
        ],
    },
    "delivery": {
        "positive": [
            "Ordered from {brand} last night and the package was at my door in {city} by {time}.",
            "Order {order} from {brand} came two days early, nicely packed too.",
        ],
        "neutral": [
            "{brand} says order {order} ships within {n} days.",
            "Tracking for my {brand} order still says 'in transit' somewhere near {city}.",
        ],
        "negative": [
            "Order {order} from {brand} has been 'on its way' for {nn} days now.",
            "{brand} delivered a crushed box and now wants me to pay for the return.",
            "Delivery to {city} was promised for today; {brand} just pushed it back another {n} days.",
        ],
    },
    "flight": {
        "positive": [
            "{brand} {flight} to {city} landed {minutes} minutes early, smooth ride.",
            "Booked {product} with {brand} and the extra legroom was worth every penny.",
            "Best on-time record I've had in years, {brand} is doing something right.",
        ],
        "neutral": [
            "Flying {brand} {flight} from {city} today, boarding at {time}.",
            "{brand} moved the departure of {flight} by {minutes} minutes, no big deal.",
        ],
        "negative": [
            "{flight} with {brand} delayed {hours} hours and not a single update at the gate.",
            "{brand} overbooked {flight} and bumped me to tomorrow's flight.",
            "Sat on the tarmac in {city} for {minutes} minutes because {brand} 'lost a slot'. Seriously?",
        ],
    },
    "crew": {
        "positive": [
            "The cabin crew on {brand} {flight} were lovely with my kids.",
            "Big thanks to {name} on the {brand} crew who found the jacket I left on board.",
            "My suitcase was first on the belt in {city}, well done {brand}.",
        ],
        "neutral": [
            "The {brand} crew on {flight} announced a new onboard menu.",
            "{brand} now lets you track your checked bag in the app, trying it on {flight}.",
        ],
        "negative": [
            "{brand} lost my suitcase in {city} and nobody knows where it is.",
            "The crew on {flight} were visibly annoyed with passengers, not what I expect from {brand}.",
            "My bag arrived {n} days late and {brand} is refusing any compensation.",
        ],
    },
    "drinks": {
        "positive": [
            "The {product} at {brand} in {city} is the best I've had this year.",
            "{brand} finally got the {product} right, smooth and not too sweet.",
            "Nothing beats a {product} from {brand} on a cold morning ☕",
        ],
        "neutral": [
            "Trying the new {product} at {brand} today.",
            "{brand} now has the {product} on the menu in {city} too.",
        ],
        "negative": [
            "The {product} at {brand} tasted burnt again today.",
            "Paid for a large {product} at {brand} and got something lukewarm and half-full.",
            "{brand} changed the recipe of the {product} and it's just not good anymore.",
        ],
    },
    "store": {
        "positive": [
            "The staff at {brand} in {city} remembered my order after {n} visits, love that.",
            "Cosy seats, good music, fast wifi: {brand} near {city} station is my new office.",
        ],
        "neutral": [
            "{brand} in {city} opens at {time} on weekdays now.",
            "The queue at {brand} was about {minutes} minutes this morning.",
        ],
        "negative": [
            "Waited {minutes} minutes at {brand} for a single coffee while {n} baristas chatted.",
            "Tables at {brand} were sticky and the bins overflowing, not ok.",
            "{brand} in {city} closed {nn} minutes early without any notice.",
        ],
    },
    "app": {
        "positive": [
            "The {brand} app makes paying bills so easy, done in {n} taps.",
            "Love that {brand} finally added instant notifications for card payments.",
            "Logged in to {brand} with face ID in two seconds, smooth.",
        ],
        "neutral": [
            "{brand} is updating their app tonight from {time}, expect some downtime.",
            "The new {brand} app layout takes some getting used to.",
        ],
        "negative": [
            "The {brand} app has been down since {time} and I can't pay my rent.",
            "{brand} logged me out {n} times today, the app is a mess.",
            "Why does the {brand} app need {n} steps to approve a simple transfer?",
        ],
    },
    "account": {
        "positive": [
            "Opened an account with {brand} in {minutes} minutes, all online.",
            "My adviser {name} at {brand} actually helped me get a better rate on {product}.",
            "{brand} refunded a fraudulent charge of {price} within a day, great.",
        ],
        "neutral": [
            "{brand} is changing the terms for {product} from next month.",
            "Booked a meeting with {brand} about a mortgage, let's see what they offer.",
        ],
        "negative": [
            "{brand} froze my account for {n} days without any explanation.",
            "A transfer of {price} has been 'pending' at {brand} since Monday.",
            "{brand} charged me {price} in fees nobody ever told me about.",
        ],
    },
}

TITLES = {
    "positive": [
        "{brand} got it right this time",
        "Pleasantly surprised by {brand}",
        "{product}: better than I expected",
    ],
    "neutral": [
        "Question about {brand}",
        "Experiences with {brand}?",
        "Thoughts on the {product}?",
    ],
    "negative": [
        "{brand} is getting worse",
        "Avoid {brand} until they fix this",
        "Terrible experience with {brand}",
    ],
}

CAMPAIGN = {
    "positive": [
        "Here's my {campaign_tag}: a sunny morning in {city} and my favourite from {brand} 😍",
        "Love what {brand} is doing with {campaign_tag}, so many happy stories in my feed.",
        "Just entered {campaign_tag}, fingers crossed for the prize from {brand}! 🤞",
        "{campaign_tag} day {n}: still smiling thanks to {brand}.",
    ],
    "neutral": [
        "{brand} launched {campaign_tag} this week, you share a photo to take part.",
        "Saw the {campaign_tag} posters from {brand} all over {city}.",
    ],
    "negative": [
        "{campaign_tag} is cute, but maybe {brand} should fix the basics first.",
    ],
}

CRISIS = {
    "battery_fire": [
        "My {product} got so hot while charging that I had to put it out on the balcony. {brand}, recall this now!",
        "Another {product} battery fire reported in {city}. How many more before {brand} issues a recall?",
        "Scary: the battery in my {product} swelled up overnight and smelled of smoke. {brand} support just sent me a form.",
        "{brand} knew about the overheating problem and still kept selling the {product}.",
        "Stop charging your {product} at night until {brand} explains these battery fires.",
        "Unplugged my {product} after it started overheating on the nightstand. Not touching it until {brand} recalls it.",
    ],
    "flight_cancellations": [
        "{brand} cancelled {flight} to {city} with {hours} hours' notice and the hotline just hangs up.",
        "Stuck in {city} after {brand} cancelled every flight tonight. No hotel, no information.",
        "{brand} has cancelled my flight twice in two days. Is anyone there?",
        "Hundreds of passengers stranded in {city} because of the {brand} cancellations.",
        "Still waiting for a refund from {brand} after the cancellation of {flight}.",
        "The {brand} app says my flight is on time, the board says cancelled. Chaos at the airport in {city}.",
    ],
}

CRISIS_TERMS = {
    "battery_fire": ["battery", "fire", "overheating", "recall"],
    "flight_cancellations": ["cancelled", "cancellation", "stranded", "refund"],
}
