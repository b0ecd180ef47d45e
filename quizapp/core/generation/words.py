"""Word lists the generator reads: abbreviations, titles, roles, verbs, number words.

Data only; the rules that use these lists live in sentences.py and entities.py.
"""

# Words that end in a full stop without ending the sentence. Lower case, without the dot.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt cmdr sgt adm sen rep gov pres supt insp rev fr "
    "st jr sr mt ft no nos vol vs approx dept est inc ltd co corp bros jan feb mar apr jun jul "
    "aug sep sept oct nov dec fig al".split()
)
# Titles never end a sentence, whatever follows them.
TITLE_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt cmdr sgt adm sen rep gov "
    "pres supt insp rev fr st mt".split()
)
# After "U.S." and friends, these words start a new sentence; any other word continues it.
SENTENCE_STARTERS = frozenset(
    "the a an it he she they we i this that these those there but and yet so in on at as "
    "when while after before since although though however meanwhile his her their its our "
    "what who why how if for by".split()
)

# Leading words of a capitalised run that are not part of a name.
FUNCTION_WORDS = frozenset(
    "a an the and or but if as at by for from in into of on onto to with without within "
    "when while after before since until although though however meanwhile moreover "
    "this that these those there here it its he she they we you i his her their our my "
    "what who whom which why how where both each every some any many most more few all "
    "no not only even also so yet then than once such first second third last next "
    "later earlier still just like unlike according despite during under over among "
    "between following read see because unless whether whereas nor".split()
)

# Titles that come before a name; multiword titles are runs of these words.
TITLE_WORDS = frozenset(
    "president prime minister secretary foreign defence defense information interior "
    "finance home supreme leader general gen. lieutenant lt. colonel col. major maj. "
    "captain capt. commander chief field marshal admiral sir lord lady dame king queen "
    "prince princess sheikh mullah maulana maulvi mufti imam ayatollah senator sen. "
    "governor gov. mayor ambassador envoy spokesman spokeswoman spokesperson judge justice "
    "mr mr. mrs mrs. ms ms. dr dr. professor prof. pope deputy acting former army air "
    "for of state chairman chairwoman emir sultan caliph".split()
)
# Title words that may not end a title: "Minister for Defense", "Secretary of State".
TITLE_CONNECTORS = frozenset({"for", "of", "state"})
# Role nouns that make a neighbouring name a person: "the defence minister, Khawaja Asif".
ROLE_NOUNS = frozenset(
    "minister president leader spokesman spokeswoman spokesperson chief commander cleric "
    "ruler secretary envoy ambassador official general governor founder co-founder "
    "counterpart king queen emir amir head scholar journalist analyst professor mayor "
    "senator diplomat negotiator general prince premier chairman director coordinator "
    "adviser advisor manager economist lawmaker candidate captain skipper coach player "
    "batsman batter bowler resident student volunteer witness researcher deputy "
    "representative correspondent governor-general chairperson executive".split()
)
SPEECH_VERBS = frozenset(
    "said says wrote writes told tells added adds announced announces declared declares "
    "warned warns argued argues stated states claimed claims insisted insists asked asks "
    "replied replies explained explains posted posts tweeted tweets noted notes "
    "accused accuses urged urges called calls".split()
)
# Verbs after which a quotation's speaker is named: "…," said Khan.
QUOTE_VERBS = frozenset(
    "said says wrote writes told added declared announced warned argued stated claimed "
    "insisted asked replied explained posted tweeted noted".split()
)

# Heads of organisation names: "Baloch Liberation Army", "Inter-Services Intelligence".
ORG_HEADS = frozenset(
    "army agency organization organisation office ministry department council nations "
    "union party front movement network bank fund court assembly commission committee "
    "mission force forces intelligence service services institute university taliban "
    "group brigade corps police guard jirga parliament senate government administration "
    "league alliance federation authority wing".split()
)
# Heads of named events, agreements and programmes: "Doha Agreement", "Treaty of Rawalpindi".
EVENT_HEADS = {
    "agreement": "agreement",
    "accord": "agreement",
    "accords": "agreement",
    "treaty": "agreement",
    "declaration": "agreement",
    "deal": "agreement",
    "war": "operation",
    "operation": "operation",
    "offensive": "operation",
    "plan": "programme",
    "programme": "programme",
    "program": "programme",
    "curriculum": "programme",
    "corridor": "programme",
    "initiative": "programme",
    "express": "other",
    "school": "other",
    "card": "other",
    "emirate": "other",
    "line": "other",
    "pass": "other",
}

# Sentence openings that need an earlier sentence to make sense.
DANGLING_OPENERS = frozenset(
    "he she it they this that these those his her its their him them such both "
    "here there then thus hence so the-former the-latter".split()
)
# Phrases that point outside the sentence or talk about the text itself.
META_PHRASES = (
    "this section",
    "the section on",
    "this explainer",
    "this app",
    "this article",
    "see ",
    "described in the section",
    "as the section",
    "the sections on",
    "above",
    "below",
    "why we wrote this",
)

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "dozen": 12,
    "a dozen": 12,
}
SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Qualifiers before a number and whether they make the figure approximate.
QUALIFIERS = {
    "more than": False,
    "fewer than": False,
    "less than": False,
    "at least": False,
    "at most": False,
    "over": False,
    "up to": False,
    "just over": True,
    "just under": True,
    "about": True,
    "around": True,
    "roughly": True,
    "nearly": True,
    "almost": True,
    "approximately": True,
    "some": True,
    "an estimated": True,
    "all": False,
}
UNITS = frozenset(
    "km kilometres kilometers miles metres meters % percent per-cent dollars rupees "
    "afghanis euros pounds tonnes tons hours days weeks months years minutes".split()
)
# Plural nouns that do not end in "s".
IRREGULAR_PLURALS = frozenset(
    "people children men women police personnel staff troops cattle militia clergy".split()
)
# Words ending in "s" that are not plural nouns.
NOT_PLURAL = frozenset(
    "its his this was is has does as us thus across plus bus gas news "
    "whereas perhaps afterwards towards status series corps' campus".split()
)
# What kind of office a title or role names, most telling first: "Prime Minister" is a head
# of government, not a minister. Distractors for a person keep to the same kind of office.
ROLE_CLASSES = (
    (
        "head",
        frozenset("president prime premier supreme king queen emir sultan ruler caliph".split()),
    ),
    ("minister", frozenset("minister secretary".split())),
    (
        "military",
        frozenset("general gen. marshal commander admiral colonel col. captain chief".split()),
    ),
    ("spokesperson", frozenset("spokesman spokeswoman spokesperson".split())),
    ("cleric", frozenset("mullah cleric maulana maulvi mufti imam ayatollah scholar".split())),
    ("diplomat", frozenset("envoy ambassador diplomat negotiator counterpart".split())),
)
# Words in an organisation's name that say what kind it is, most telling first.
ORG_CUES = (
    ("kashmir", ("lashkar", "jaish")),
    ("militant", ("taliban", "liberation", "qaeda", "tehr", "militant", "islamic state")),
    ("sport", ("cricket", "football", "olympic", " fifa", "sports", " club ")),
    ("media", (" tv ", " news", " times ", " tribune", " post ", "press", "radio", "broadcast")),
    ("party", (" party ", " congress ", " league ", " bloc ", " alliance ", " dal ", " janata")),
    ("finance", ("monetary", " bank ", "fund ", "exchange", "reserve")),
    ("international", ("united nations", "international", " world ", "nato", " unicef")),
    (
        "agency",
        (
            "ministry",
            "department",
            "commission",
            "authority",
            "intelligence",
            "inter-services",
            "police",
            "army",
            "agency",
            "office",
            "bureau",
            "council",
        ),
    ),
)

# What a demonym in front of a name says about the side the person is on.
DEMONYM_COUNTRY = {
    "afghan": "Afghanistan",
    "pakistani": "Pakistan",
    "indian": "India",
    "iranian": "Iran",
    "american": "United States",
    "u.s.": "United States",
    "us": "United States",
    "british": "United Kingdom",
    "chinese": "China",
    "taliban": "Taliban",
    "saudi": "Saudi Arabia",
    "qatari": "Qatar",
    "turkish": "Turkey",
}
