"""A second set of hand-written PERSON / LOCATION texts, kept untouched by rule tuning.

`ner_phrasings.py`'s misses were read while the name and place dictionaries were built,
so its figure is no longer independent. These 44 texts were written before that (names
and places invented or picked from memory across several locales, in the short template
shapes synthetic PII sets use, plus prose and look-alike negatives) and were not edited
after scoring. Same markup as `ner_phrasings.py`: `[[P:…]]` a person, `[[L:…]]` a place.
"""

from __future__ import annotations

from ner_phrasings import rows_of

TEXTS = (
    "My name is [[P:Henrike Brauer]] and I live in [[L:Dortmund]].",
    "Please send the package to [[P:Lucien Marchand]] in [[L:Toulouse]].",
    "[[P:Giulia Ferraretti]] was born in [[L:Perugia]] in 1987.",
    "What is the weather like in [[L:Zaragoza]] this week?",
    "Can [[P:Esteban Llorente]] call me back tomorrow morning?",
    "I met [[P:Sanne de Wit]] at the station in [[L:Utrecht]].",
    "[[P:Kenji Morimoto]] moved from [[L:Osaka]] to [[L:Vancouver]] last spring.",
    "The booking is under [[P:Agnieszka Zielińska]].",
    "Our office in [[L:Brno]] handles the invoices for [[L:Slovakia]].",
    "[[P:Pedro Albuquerque]] and his sister [[P:Inês]] run a bakery in [[L:Porto]].",
    "The delivery for [[P:Harold Pennington]] goes to [[L:Des Moines]], [[L:Iowa]].",
    "Contact [[P:Mette Kristiansen]] if the server in [[L:Aarhus]] goes down.",
    "[[P:Rohan Deshpande]] is our new account manager.",
    "Write a short poem for [[P:Clara]] about [[L:Salzburg]].",
    "Is [[P:Baptiste Lefèvre]] still working from [[L:Nantes]]?",
    "[[P:Ana María Restrepo]] flew to [[L:Bogotá]] on Sunday.",
    "The claim was filed by [[P:Douglas Whitaker]] of [[L:Savannah]].",
    "Give [[P:Hannelore]] a call when you land in [[L:Graz]].",
    "According to [[P:Fatima Zahra Bennani]], the shipment left [[L:Casablanca]] late.",
    "[[P:Sergei Kuznetsov]] wrote the report; [[P:Olga Petrova]] reviewed it.",
    "We are hiring in [[L:Nairobi]], [[L:Lagos]] and [[L:Accra]].",
    "Forward the minutes to [[P:Tobias Engström]] and [[P:Linnea Berg]].",
    "Visitors from [[L:Portugal]] and [[L:Brazil]] need no visa for this event.",
    "[[P:Margaret O'Donnell]] lives on a farm outside [[L:Kilkenny]].",
    "The tenant, [[P:Wojciech Nowak]], paid the rent late again.",
    "Thank you, [[P:Chiara Lombardi]], for the quick reply.",
    "[[P:Ahmed El-Sayed]] will host the workshop in [[L:Alexandria]].",
    "Reservation for two under the name [[P:Juliette Moreau]].",
    "I need a hotel in [[L:Seville]] near the cathedral.",
    "[[P:Vikram Malhotra]] from the [[L:Pune]] team fixed the bug.",
    "street,city,country\n4 Elm Road,[[L:Norwich]],[[L:United Kingdom]]",
    '{"name": "[[P:Bruno Carvalho]]", "city": "[[L:Curitiba]]"}',
    "Please let [[P:May Lin]] know that the invoice is overdue.",
    "We will review the budget in May and again in August.",
    "Mark the ticket as done and Bill the client on Monday.",
    "Hope you are well; I will send the draft on Friday.",
    "Open the Settings page and click Advanced.",
    "The Python package index hosts over half a million projects.",
    "Paris Agreement targets are discussed in chapter four.",
    "[[P:Jordan]] shipped the fix before lunch, so the build is green.",
    "[[P:Virginia Woolf]] wrote the novel in 1925.",
    "Send the April report to the [[L:Chicago]] office by Tuesday.",
    "Apple and Amazon both reported earnings on Thursday.",
    "The Washington Post ran the story on page two.",
)


def rows() -> list[dict[str, object]]:
    return rows_of(TEXTS, "fresh", "phrasing-fresh")
