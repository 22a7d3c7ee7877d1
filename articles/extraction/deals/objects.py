"""What a deal verb's object is: a company, a business, a stake, or goods and products, which change hands every
day without being deals ("bought 95,000 tonnes", "buy Apple computers").
"""

from __future__ import annotations

from articles.extraction.deals.sentence import CORPORATE_NOUN, DealSentence, Named, rx

# "an HP printer", "Apple computers": the company names a product being bought, not a company being bought.
_PRODUCT_AFTER = rx(
    r"(?:'s)? (?:(?!for|at|in|with|from|to|by|on|and|or)\w+ )?"
    r"(?:printers?|computers?|pcs?|laptops?|phones?|handsets?|smartphones?|software|products?|"
    r"chips?|cars?|vehicles?|machines?|devices?|tablets?|consoles?|games?|tickets?|music|songs?|ads?|"
    r"advertising|equipment|models?|gadgets?|players?|stock|shares|bonds|goods|drinks?|beers?|food|fuel|oil|"
    r"production|output)\b"
    # "X's industrial products group" is a business, not a product.
    r"(?! (?:group|unit|division|business|operations?|subsidiary|arm|company|maker)\b)"
)


# Goods and currencies change hands every day; buying or selling them is trade, not a deal.
GOODS = rx(
    r"\b(?:tonnes?|tons?|barrels?|bpd|ounces|bushels|kilos|cargo(?:es)?|dollars|dlrs|yen|marks|currenc(?:y|ies)|crude|"
    r"wheat|grain|sugar|coffee|cocoa|corn|soybeans?|licen[cs]es|cars|vehicles|tickets|bonds|debt|notes|paper|"
    r"securities|futures|options|supercomputers|computers|chips|commodit(?:y|ies)|farmland|land)\b"
)


MODIFIED_GOODS = rx(
    r" (?:[\w-]+ )?(?:tonnes|barrels|wheat|grain|corn|soybeans?|beans|sugar|coffee|cocoa|crude|bonds?|treasur(?:y|ies)|"
    r"dollars?|dlrs|currency|chips|markets?|economy|government|exports|imports|crops?|trade|real estate|property)\b"
)
_OBJECT_END = rx(r"(?<!\d\s)\b(?:for|at|from|to|in|into|on|with)\b|,(?!\d)")
_A_BEFORE = rx(r"\b(?:an?|some|new|used|cheap|more) $")
STAKE_WORDS = rx(r"\b(?:stake|pct|percent|per cent|minority|holding|shareholding|interest in)\b|%")
SHARES = rx(r"\bshares\b")
ALL_SHARES = rx(r"\ball (?:of )?(?:the |its )?(?:[\w-]+ ){0,3}(?:shares|stock)\b")


# Goods are priced by the unit, companies are not: "sell for 1.20 dlrs a pound", "sold at 126 dlrs per tonne".
UNIT_PRICE = rx(r"\b(?:dlrs?|dollars?|cts|cents|yen|stg|pence|marks|francs|ecus|euros?) (?:a|per) (?!share\b)[a-z]+\b")
# "sold extremely well", "a sell recommendation": selling as a market or an analyst's word, not a deal.
NOT_A_SALE_AFTER = rx(
    r"(?: \w+ly)? (?:well|badly|poorly|strongly|briskly)\b|"
    r"[ -](?:recommendations?|ratings?|signals?|orders?|side|programs?|programmes?|prices?)\b"
)


def trades_goods(text: str, end: int, stop: int) -> bool:
    """True when the verb's object (the words before any "for", "to", "from") is goods or money."""
    head = text[end : min(stop, end + 40)]
    cut = _OBJECT_END.search(head)
    head = head[: cut.start()] if cut else head
    return bool(GOODS.search(head)) and not CORPORATE_NOUN.search(head)


def names_a_product(sentence: DealSentence, named: Named) -> bool:
    """ "bought an HP printer", "buy Apple computers", "sell U.S. wheat": the name only qualifies what is traded."""
    text = sentence.text
    return bool(_PRODUCT_AFTER.match(text, named.end) or MODIFIED_GOODS.match(text, named.end)) or bool(
        _A_BEFORE.search(text, max(0, named.start - 12), named.start)
    )
