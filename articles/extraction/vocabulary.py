"""Newsbase's own word lists: the words news uses around company names.

These are linguistic cues (legal forms, industry nouns, descriptors, institutional heads), not names of companies.
Place names, first names and the general English dictionary come from data packages (see `lexicon.py`).
"""

from __future__ import annotations

# Legal forms that make a capitalised phrase a company on their own ("Woodco Inc", "Sedio N.V.").
LEGAL_SUFFIXES: frozenset[str] = frozenset(
    {
        "inc", "incorporated", "corp", "corporation", "co", "company", "cos", "ltd", "limited", "plc", "llc",
        "llp", "lp", "ag", "sa", "nv", "gmbh", "bv", "spa", "sarl", "sas", "se", "ab", "asa", "oy", "oyj",
        "as", "a/s", "kk", "pty", "pte", "bhd", "berhad", "tbk", "kgaa", "s.a", "n.v", "b.v", "s.p.a",
        "l.p", "bancorp", "bancshares", "bancorporation",
    }
)  # fmt: skip

# Group words: a company on their own, but also used by non-companies ("working group"), so a little weaker.
GROUP_SUFFIXES: frozenset[str] = frozenset({"group", "holdings", "holding", "consortium", "partners", "associates"})

# The last word of a business name ("Retail Decisions"? no; "Sybari Software", "Fairmont Hotels & Resorts").
INDUSTRY_HEADS: frozenset[str] = frozenset(
    {
        "software", "systems", "technologies", "technology", "tech", "electronics", "motors", "motor",
        "airlines", "airline", "airways", "air", "bank", "bancorp", "securities", "capital", "pictures",
        "studios", "studio", "media", "telecom", "telecommunications", "communications", "networks",
        "entertainment", "research", "consortium", "resorts", "hotels", "foods", "pharmaceuticals", "pharma",
        "energy", "petroleum", "oil", "insurance", "assurance", "financial", "finance", "investments",
        "ventures", "brewery", "breweries", "mining", "minerals", "resources", "semiconductor",
        "semiconductors", "labs", "games", "interactive", "records", "publishing", "publications",
        "solutions", "industries", "enterprises", "stores", "automotive", "steel", "chemicals", "chemical",
        "shipping", "logistics", "properties", "realty", "management", "brothers", "bros", "sons",
        "exchange", "airport", "airports", "railways", "railroad", "utilities", "devices", "instruments",
        "computers", "computer", "digital", "online", "net", "web", "mobile", "wireless", "broadband",
        "cable", "television", "broadcasting", "newspapers", "press", "books", "music", "films", "film",
        "cinema", "cinemas", "brands", "retail", "apparel", "textiles", "mills", "manufacturing",
        "engineering", "construction", "builders", "homes", "healthcare", "health", "biotech", "therapeutics",
        "biosciences", "medical", "laboratories", "trading", "traders", "distributors", "supplies",
        "equities", "markets", "brokers", "advisers", "advisors", "lending", "savings", "mortgage",
        "leasing", "credit", "payments", "services", "service", "tobacco", "beverages", "drinks", "dairy",
        "gas", "power", "electric", "aerospace", "aviation", "defence", "defense", "marine", "transport",
        "cars", "trucks", "tyres", "tires", "gaming", "casinos", "hospitality", "travel", "cruises",
        "chips", "robotics", "ai", "analytics", "data", "cloud", "internet", "works", "multimedia",
        "doughnuts", "restaurants",
    }
)  # fmt: skip

# Nouns that describe a company when they stand next to its name ("US media firm X", "X, the tech giant").
DESCRIPTOR_NOUNS: frozenset[str] = frozenset(
    {
        "firm", "firms", "company", "companies", "giant", "giants", "group", "maker", "makers", "manufacturer",
        "retailer", "bank", "banks", "lender", "insurer", "carmaker", "automaker", "chipmaker", "operator",
        "provider", "publisher", "broadcaster", "conglomerate", "start-up", "startup", "rival", "rivals",
        "subsidiary", "unit", "division", "arm", "owner", "developer", "airline", "carrier", "brewer",
        "producer", "supplier", "distributor", "chain", "studio", "studios", "consultancy", "consultants",
        "specialist", "outfit", "house", "label", "partner", "investor", "fund", "broker", "brokerage",
        "corporation", "multinational", "pioneer", "network", "portal", "engine", "site",
        "service", "store", "platform", "vendor", "exchange", "manufacturers", "retailers",
        "operators", "providers", "publishers", "developers", "suppliers", "producers", "lenders", "insurers",
        "carriers", "airlines", "brewers", "chains", "analysts", "watchers",
    }
)  # fmt: skip

# Descriptors that are strong enough to make the next name a company even when it could be a person's.
STRONG_DESCRIPTORS: frozenset[str] = frozenset(
    {
        "firm", "company", "giant", "maker", "manufacturer", "retailer", "lender", "insurer", "carmaker",
        "automaker", "chipmaker", "operator", "conglomerate", "start-up", "startup", "subsidiary", "airline",
        "brewer", "publisher", "broadcaster", "multinational",
    }
)  # fmt: skip

# Nouns a company owns ("X's chief executive", "X's shares") that make X a company.
OWNED_BY_COMPANIES: frozenset[str] = frozenset(
    {
        "chief", "ceo", "boss", "chairman", "chairwoman", "shares", "stock", "shareholders", "stake",
        "board", "profits", "profit", "revenue", "revenues", "sales", "earnings", "subsidiary", "unit",
        "division", "headquarters", "executives", "staff", "workforce", "employees", "takeover", "bid",
        "offer", "acquisition", "merger", "customers", "subscribers", "founder", "co-founder", "management",
        "president", "spokesman", "spokeswoman", "market", "brand", "products", "stores", "factory",
        "factories", "plant", "plants", "business", "operations", "investors", "debt", "losses", "dividend",
        "software", "website", "share",
    }
)  # fmt: skip

# Head words of organisations that are not companies: governments, bodies, schools, charities, teams.
INSTITUTION_HEADS: frozenset[str] = frozenset(
    {
        "ministry", "department", "commission", "council", "institute", "institution", "centre", "center",
        "association", "university", "college", "school", "committee", "authority", "agency", "office",
        "bureau", "union", "party", "court", "federation", "foundation", "society", "organisation",
        "organization", "board", "parliament", "government", "police", "congress", "senate", "assembly",
        "administration", "treasury", "army", "navy", "force", "museum", "hospital", "church", "club",
        "league", "nations", "reserve", "tribunal", "regulator", "inspectorate", "cabinet",
        "ombudsman", "trust", "charity", "campaign", "forum", "alliance", "coalition", "state", "states",
        "republic", "kingdom", "province", "county", "city", "embassy", "laboratory", "laboratories",
        "academy", "observatory", "secretary", "minister", "chancellor", "president", "governor",
        "mayor", "judge", "justice", "monetary", "olympics", "cup", "championship", "festival",
        "awards", "conference", "summit", "guild", "chamber", "programme", "program", "project",
        "initiative", "institutes", "associations", "councils", "commissions", "ministries", "schools",
        "universities", "unions", "parties",
    }
)  # fmt: skip

# Words that turn a bank, fund or exchange into a public body ("European Central Bank", "World Bank",
# "International Monetary Fund"); a commercial bank's name rarely holds them.
PUBLIC_BODY_WORDS: frozenset[str] = frozenset(
    {"central", "federal", "reserve", "development", "world", "international", "monetary", "people's", "european"}
)

# Abbreviations of regulators, central banks, governments and international bodies; never companies.
PUBLIC_BODY_ACRONYMS: frozenset[str] = frozenset(
    {
        "sec", "fsa", "fca", "ftc", "fcc", "fda", "doj", "fbi", "cia", "nsa", "ecb", "imf", "wto", "opec",
        "eu", "un", "nato", "oecd", "fed", "boe", "boj", "pboc", "rbi", "ofcom", "oft", "ofgem", "ofwat",
        "cma", "mmc", "irs", "epa", "nasa", "who", "g7", "g8", "g20", "asean", "apec", "nafta", "cftc",
        "finra", "esma", "eba", "bafin", "amf", "consob", "csrc", "sebi", "mas", "hkma", "asic", "accc",
        "nhs", "bbfc", "icann", "itu", "iea", "iaea", "unesco", "unicef", "gao", "cbo", "fdic", "occ",
        "nlrb", "usda", "hmrc", "dti", "dcms", "mod", "dfid", "uk", "us", "usa", "ec", "eec",
    }
)  # fmt: skip

# Capitals written after a name that are part of it, not its ticker: legal forms ("Unilever NV"), US banks'
# charters ("Citibank NA", "Lincoln Savings Bank FSB": National Association, Federal Savings Bank...) and a fund's
# series ("Paragon Associates II").
NOT_TICKERS: frozenset[str] = LEGAL_SUFFIXES | {"na", "n.a", "nt", "fsb", "fa", "fsla", "ii", "iii"}

# Acronyms of everyday business and technology that follow a company's name without being its ticker ("Sony DVD
# players", "Apple TV", "its CEO", "the IPO").
EVERYDAY_ACRONYMS: frozenset[str] = frozenset(
    {
        "tv", "hdtv", "iptv", "pc", "pcs", "dvd", "dvds", "cd", "cds", "hd", "lcd", "led", "usb", "gps", "sms", "mms",
        "dsl", "isp", "os", "ai", "it", "ip", "vr", "ar", "ev", "evs", "ceo", "cfo", "coo", "cto", "vp", "ipo",
        "ipos", "pr", "hr", "gdp", "vat", "atm", "atms", "faq", "lng", "api", "app", "sdk",
    }
)  # fmt: skip

MONTHS_AND_DAYS: frozenset[str] = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "christmas", "easter",
    }
)  # fmt: skip

# Time zones and units of account that wire copy capitalises ("1100 hrs EDT", "50 Ecus"): never companies.
TIME_ZONES_AND_UNITS: frozenset[str] = frozenset(
    {"gmt", "utc", "bst", "cet", "cest", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "jst", "ecu", "ecus"}
)

# Words that introduce a person ("Mr Smith", "Chancellor Gordon Brown"), so what follows is not a company.
PERSON_TITLES: frozenset[str] = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "lord", "lady", "dame", "president",
        "chancellor", "premier", "minister", "secretary", "senator", "governor", "mayor", "judge",
        "justice", "king", "queen", "prince", "princess", "chairman", "chief", "pope", "rev", "st",
        "saint", "general", "gen", "captain", "officer", "sheikh", "rep", "sen",
    }
)  # fmt: skip

# Words that name peoples and regions ("Chinese", "German", "European"), read as descriptors, not names.
NATIONALITIES: frozenset[str] = frozenset(
    {
        "american", "british", "chinese", "german", "french", "japanese", "korean", "south korean",
        "indian", "italian", "spanish", "dutch", "swiss", "swedish", "norwegian", "danish", "finnish",
        "russian", "canadian", "australian", "brazilian", "mexican", "argentine", "argentinian", "irish",
        "scottish", "welsh", "english", "belgian", "austrian", "polish", "czech", "hungarian", "greek",
        "turkish", "israeli", "saudi", "emirati", "taiwanese", "singaporean", "malaysian", "indonesian",
        "thai", "vietnamese", "filipino", "pakistani", "egyptian", "nigerian", "kenyan", "portuguese",
        "european", "asian", "african", "western", "eastern", "northern", "southern", "latin", "arab",
        "hong kong", "us", "uk", "eu", "u.s", "u.k", "dutch-based", "new zealand", "luxembourg",
        "icelandic", "ukrainian", "romanian", "bulgarian", "croatian", "serbian", "slovak", "chilean",
        "colombian", "peruvian", "venezuelan", "iranian", "iraqi", "kuwaiti", "qatari", "lebanese",
        "jordanian", "moroccan", "algerian", "tunisian", "ghanaian", "ethiopian", "bangladeshi",
        "sri lankan", "nepalese", "mongolian", "kazakh", "uzbek", "continental", "international",
        "global", "state-owned", "state-run",
    }
)  # fmt: skip

# Capitalised words that open sentences or stand alone and are never a company by themselves.
FUNCTION_WORDS: frozenset[str] = frozenset(
    {
        "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i",
        "you", "but", "and", "or", "if", "when", "while", "as", "at", "in", "on", "for", "from", "to", "by",
        "with", "after", "before", "since", "until", "although", "though", "however", "meanwhile", "also",
        "yet", "so", "then", "there", "here", "what", "which", "who", "whom", "whose", "why", "how", "where",
        "some", "many", "most", "all", "both", "each", "every", "no", "not", "one", "two", "three", "our",
        "their", "his", "her", "my", "your", "of", "about", "under", "over", "into", "than", "despite",
        "among", "between", "during", "such", "other", "another", "more", "less", "new", "last", "next",
        "mr", "mrs", "ms", "dr", "analysts", "shares", "sales", "profits", "chief", "executive",
    }
)  # fmt: skip

# Words beside an ordinary-word name ("Apple", "Shell", "3") that show the company is meant. Only business
# words: "and", "with" or "is" would let "apples and pears" through.
CORPORATE_CONTEXT_BEFORE = (
    r"(?:firms?|company|companies|giants?|makers?|rivals?|owner|retailers?|operators?|carriers?|chipmakers?|carmakers?|"
    r"sold\s+to|owned\s+by|bought\s+by|acquired\s+by|merger\s+with|partners?|"
    r"manufacturer|provider|publisher|broadcaster|conglomerate|network|bank|lender|insurer|group|"
    r"shares\s+(?:in|of)|stake\s+in|bought|acquired|acquire|buy|buys|takeover\s+of|bid\s+for|"
    r"purchase\s+of|acquisition\s+of|invest\w*\s+in|"
    r"boss\s+of|head\s+of|chief\s+executive\s+of|chairman\s+of|analysts?\s+at|customers\s+of)"
)
CORPORATE_CONTEXT_AFTER = (
    r"(?:Inc\b|Corp\b|Ltd\b|plc\b|Group\b|shares\b|stock\b|said\b|says\b|announced|reported|unveiled|"
    r"launched|released|posted|chief\b|boss\b|executives?\b|ceo\b|chairman\b|spokes\w+|founder|bought|"
    r"acquired|agreed\s+to|profits?\b|revenues?\b|earnings\b|shareholders\b|subscribers\b|customers\b|"
    r"stores\b|\(\s*(?:NYSE|Nasdaq|LSE|TSE)?\s*:?\s*[A-Z]{1,5}\s*\)|will\s+invest\b|invest(?:s|ed)\s+(?:in|up)\b|"
    # An apposition that calls it a business: "Alphabet, the parent company of Google", "Arm, the chip designer".
    r"(?:the|a|an)\s+(?:[\w-]+\s+){0,4}?(?:company|firm|group|giant|maker|designer|developer|start-?up|retailer|"
    r"operator|carrier|conglomerate|chipmaker|carmaker|publisher|broadcaster|lender|insurer)\b)"
)
