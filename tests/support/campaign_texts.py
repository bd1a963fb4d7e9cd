"""Generated feedback for tests and the load run: a mass campaign of edited copies of one form letter,
and unrelated messages about other school topics."""

import random

FORM_LETTER = [
    "Dear members of the development team,",
    "I am writing as a parent to ask that the new accountability system stop ranking schools on a single day of state testing.",
    "One test cannot show how much our children learn over a whole year.",
    "Please give more weight to growth, attendance, and the chances students have in art, music, and career programs.",
    "Teachers already spend weeks preparing for the exam, and that time comes out of real instruction.",
    "Our schools deserve a report card that families can understand and that reflects what happens in classrooms every day.",
    "I urge you to publish the draft standards early and to hold public meetings in every region before the vote.",
    "Thank you for your time and for listening to families.",
]
SYNONYMS = {
    "children": "kids",
    "parent": "mother",
    "schools": "districts",
    "teachers": "educators",
    "families": "parents",
    "weight": "emphasis",
    "publish": "release",
    "real": "actual",
    "urge": "ask",
    "single": "one",
    "deserve": "need",
    "early": "soon",
}


def options(alternatives: str) -> list[str]:
    return alternatives.split("|")


FIRST_NAMES = options("Ana|Ben|Carla|Dev|Elena|Frank|Grace|Hector|Ines|Jamal|Kara|Luis|Maya|Nate|Olivia")
LAST_NAMES = options("Adams|Baker|Chen|Diaz|Evans|Fisher|Garcia|Hughes|Jones|Kim|Lopez|Miller|Nguyen")
TOWNS = options(
    "Columbia|Jefferson City|Joplin|Kirksville|Rolla|Sedalia|Springfield|St. Joseph|Warrensburg|Hannibal"
    "|Cape Girardeau|Poplar Bluff|Branson|Lebanon|Moberly|Mexico|Nevada|Carthage|Neosho|Festus"
)
PERSONAL_SENTENCES = [
    "My daughter is in {grade} grade at {town} Elementary.",
    "I have {count} kids in the {town} district.",
    "As a school board member in {town}, I see this every year.",
    "My son has a learning disability and tests are hard for him.",
    "I taught for {count} years before I retired.",
]

TOPICS = [
    options("bus route|pickup time|driver shortage|stop on {street} Street|late bus|route map|bus app"),
    options("starting salary|raise schedule|coaching stipend|pay scale|retention bonus|step freeze"),
    options("math scores|reading results|state assessment|growth data|score report|ACT prep|benchmarks"),
    options("lunch menu|breakfast program|cafeteria food|free meals|snack options|allergy labels"),
    options("bell schedule|start time|morning drop-off|early release|school day length|four-day week"),
    options("IEP meetings|aide staffing|resource room|504 plans|speech therapy|evaluation backlog"),
    options("roof leak|air conditioning|gym floor|restroom repairs|parking lot|mold issue|playground"),
    options("class size|combined classes|teacher ratio|overcrowded rooms|portable classrooms|split grades"),
    options("school counselor|mental health days|social worker|college advising|crisis plan|grief support"),
    options("band program|robotics club|sports fees|field trips|tutoring|drama club|FFA chapter|chess team"),
]
OPENERS = options(
    "Honestly,|For what it is worth,|As a grandparent,|In {town},|Lately|This {season}|Again,|Frankly,"
    "|To be fair,|From what I hear,|Between us,|Speaking for my block,||||"
)
PREDICATES = options(
    "has gotten {adjective}|changed without notice|might be cut|depends on grant money"
    "|looks {adjective} next to {town}|came up at the board meeting|needs a second look|was never explained"
    "|keeps slipping|works {adverb} over in {town}|costs {count} dollars more|draws complaints"
    "|is all my kids talk about|took {count} weeks to fix|was promised in {month}|is understaffed"
    "|got a new coordinator|lacks a clear budget|confuses new families|varies by building"
    "|hurts rural students most|is stuck in committee|should be a priority|has no written policy"
)
TAILS = options(
    "since {month}|this {season}|as far as I can tell|according to my kids|at our building|and nobody owns it"
    "|again|for years now|in my experience|if you ask me|at the middle school|on most days||||||"
)
REQUESTS = [
    "Could the district post the {thing} plan online before {month}?",
    "Please survey families about the {thing} this {season}.",
    "Fund the {thing} {adverb}.",
    "Can the central office answer questions about the {thing}?",
    "Maybe {town} could share how they handle the {thing}.",
    "Show us {thing} data by building.",
    "Put the {thing} on the {month} agenda.",
    "Ask teachers what they think of the {thing}.",
    "Who decides about the {thing}?",
    "Publish the {thing} numbers every {season}.",
    "Let students weigh in on the {thing}.",
    "Compare our {thing} with {town} please.",
    "I want a straight answer on the {thing}.",
    "Keep the {thing} where it is.",
]
ADJECTIVES = options("worse|confusing|unreliable|expensive|better|uneven|slow|chaotic|unfair")
ADVERBS = options("much better|smoothly|poorly|quickly|fairly well|without trouble|right away")
MONTHS = options("January|February|March|April|May|August|September|October|November")
SEASONS = options("spring|fall|winter|summer|semester")
STREETS = options("Elm|Oak|Maple|Pine|Cedar|Walnut|Hickory")


def fill(template: str, rng: random.Random, thing: str = "") -> str:
    return template.format(
        thing=thing,
        grade=rng.choice(["first", "second", "third", "fourth", "fifth", "seventh", "ninth"]),
        town=rng.choice(TOWNS),
        count=rng.randint(2, 30),
        adjective=rng.choice(ADJECTIVES),
        adverb=rng.choice(ADVERBS),
        month=rng.choice(MONTHS),
        season=rng.choice(SEASONS),
        street=rng.choice(STREETS),
    )


def with_typo(word: str, rng: random.Random) -> str:
    at = rng.randrange(1, len(word) - 1)
    edits = [
        word[:at] + word[at + 1 :],
        word[:at] + word[at] + word[at:],
        word[:at] + word[at + 1] + word[at] + word[at + 2 :],
    ]
    return rng.choice(edits)


def campaign_message(rng: random.Random) -> str:
    sentences = list(FORM_LETTER)
    if rng.random() < 0.4:
        del sentences[rng.randrange(1, len(sentences) - 1)]
    if rng.random() < 0.5:
        sentences.insert(rng.randrange(1, len(sentences)), fill(rng.choice(PERSONAL_SENTENCES), rng))
    words = " ".join(sentences).split()
    for _ in range(rng.randint(1, 3)):
        swappable = [i for i, word in enumerate(words) if word.strip(",.") in SYNONYMS]
        if swappable:
            i = rng.choice(swappable)
            words[i] = words[i].replace(words[i].strip(",."), SYNONYMS[words[i].strip(",.")])
    if rng.random() < 0.5:
        i = rng.randrange(1, len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    long_words = [i for i, word in enumerate(words) if len(word) >= 5]
    typo_at = rng.choice(long_words)
    words[typo_at] = with_typo(words[typo_at], rng)
    signer = f"Sincerely, {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}, {rng.choice(TOWNS)}"
    return " ".join(words) + "\n\n" + signer


def unrelated_message(rng: random.Random) -> str:
    things = rng.choice(TOPICS)
    sentences = []
    for predicate in rng.sample(PREDICATES, rng.randint(4, 7)):
        parts = [rng.choice(OPENERS), "the", rng.choice(things), predicate, rng.choice(TAILS)]
        sentence = fill(" ".join(part for part in parts if part), rng) + "."
        sentences.append(sentence[0].upper() + sentence[1:])
    requests = rng.sample(REQUESTS, rng.randint(1, 3))
    sentences += [fill(request, rng, fill(rng.choice(things), rng)) for request in requests]
    rng.shuffle(sentences)
    return " ".join(sentences) + f"\n{rng.choice(FIRST_NAMES)} from {rng.choice(TOWNS)}"
