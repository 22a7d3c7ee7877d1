"""Deals: acquisitions, mergers, stakes, funding rounds, IPOs, spin-offs, sales and joint ventures, read from the
sentences that state them.

    from articles.extraction.deals import find_deals

Where things are: `document` reads a whole document and `merging` makes one deal of its reports; `rules` lists
the rules in the order they are tried, and each family of rules has its own module (`acquisitions` with mergers,
`investments` with funding rounds, `listings`, `divestments` with spin-offs, `partnerships`). They share
`parties` (a deal as one sentence states it, and who plays which role), `objects` (what a verb's object is) and
`sentence` (the shallow grammar: subject, object, "by", "to"); `status`, `dates` and `candidate` turn a
statement into a `DealCandidate`.
"""

from articles.extraction.deals.document import find_deals

__all__ = ["find_deals"]
