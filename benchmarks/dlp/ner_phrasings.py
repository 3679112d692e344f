"""Hand-written PERSON / LOCATION sentences in phrasings the dev templates do not use.

The dev set's held-out part shares its template families with the tuning part, so it
shows that rules carry over to new names, not to new sentence shapes. These 60 texts
(invented names and places, written once and not edited after scoring) are a second,
small check: prose, mail headers, chat, records, tables, addresses. `[[P:…]]` marks a
person, `[[L:…]]` a place.
"""

from __future__ import annotations

import re

TEXTS = (
    "Yesterday [[P:Oskar Lindqvist]] flew in from [[L:Tromsø]] for the audit.",
    "Please forward the contract to [[P:Amara Okonkwo-Reid]] before Friday.",
    "The invoice was approved by [[P:Dmitri Vasquez]] and paid from the [[L:Rotterdam]] account.",
    "[[P:Ingrid Solberg]] will present the quarterly numbers.",
    "Our new hire, [[P:Tomasz Wierzbicki]], starts in [[L:Kraków]] next month.",
    "Ask [[P:Ruth]] whether the shipment left [[L:Antwerp]].",
    "I spoke with [[P:Matteo Bellandi]] about the lease in [[L:Bologna]].",
    "Kind regards,\n[[P:Harriet Quill]]\nAccounts Payable",
    "Sincerely, [[P:Benedikt Auer]]",
    "cc: [[P:Yusuf Demirtaş]], [[P:Léa Fontaine]]",
    "To: [[P:Priya Raman]] <priya.raman@northwind.test>",
    "Signed by [[P:Colm O'Faolain]] on behalf of the board.",
    "[[P:Aiko Tanabe]]'s passport expires in March.",
    "The package for [[P:Marisol Etxeberria]] is waiting at the [[L:Bilbao]] depot.",
    "Our team in [[L:Windhoek]] reported the outage first.",
    "She grew up in [[L:Valparaíso]] and now lives in [[L:Montreal]].",
    "Ship to: [[L:Port Elizabeth]], [[L:South Africa]]",
    "The conference moves from [[L:Lisbon]] to [[L:Tallinn]] next year.",
    "Customer [[P:Gideon Farrow]] reported a double charge.",
    "Hello [[P:Nkechi]], your appointment is confirmed.",
    "Patient name: [[P:Wilhelmina Brandt]]",
    "Emergency contact: [[P:Rafael Quintero]], phone on file.",
    '{"firstName": "[[P:Sunniva]]", "lastName": "[[P:Haugen]]", "city": "[[L:Bergen]]"}',
    '{"owner": "[[P:Ezekiel Marsh]]", "region": "[[L:Ontario]]"}',
    "full_name,country\n[[P:Irina Volkova]],[[L:Georgia]]\n[[P:Kwame Mensah]],[[L:Ghana]]",
    "employee|office\n[[P:Lars Eklund]]|[[L:Uppsala]]",
    "Assigned to [[P:Bea Castellanos]]; due Tuesday.",
    "The lawsuit names [[P:Horace Penhaligon]] as a defendant.",
    "Reach out to Dr. [[P:Adaeze Nwosu]] at the clinic in [[L:Enugu]].",
    "Mr. [[P:Fitzgerald Oyelaran]] asked for a refund.",
    "Travel plan: [[L:Reykjavík]] → [[L:Nuuk]] → [[L:Iqaluit]].",
    "Weather alert for [[L:Tulsa, OK]] and surrounding counties.",
    "Mail the forms to 12 Harbour Lane, [[L:Galway]].",
    "[[P:Cornelius van der Berg]] joined the call late.",
    "Thanks, [[P:Solveig]]!",
    "Meeting notes — attendees: [[P:Anwar Haddad]], [[P:Greta Thorsen]].",
    "The suspect was last seen near [[L:Leeds]].",
    "Delivery address city: [[L:Cork]]",
    "Can you translate this for [[P:Mehmet]]? He only reads Turkish.",
    "Refund request from [[P:Olamide Bankole]] (order 88123).",
    "Born in [[L:Asunción]], [[P:Paz Benítez]] moved to [[L:Madrid]] in 2010.",
    "The warehouse in [[L:Duisburg]] closes at six.",
    "Hi team, [[P:Rosalind Achterberg]] here — quick question about VPN access.",
    "Please book a taxi for [[P:Eamon Gallagher]] from the [[L:Dublin]] airport.",
    "Driver [[P:Thiago Nascimento]] picked up the order.",
    "My landlord, [[P:Ferenc Halász]], lives in [[L:Szeged]].",
    "Approved: [[P:Ottilie Graves]]",
    "Our supplier in [[L:Chittagong]] raised prices.",
    "Name: [[P:Jovana Petrović]]\nCity: [[L:Novi Sad]]",
    "[[P:Caspar Whitlock]] and [[P:Mina Farahani]] will co-author the report.",
    "Nothing here names a person or a place; it is about invoices and totals.",
    "The API returns JSON with a status field and a list of items.",
    "Use Python 3.11 and run the tests with pytest before merging.",
    "Revenue grew 12 % in the second quarter, driven by subscriptions.",
    "Click Save, then choose Export to download the CSV.",
    "The Kubernetes cluster autoscaler added two nodes overnight.",
    "Monday's standup moved to 10:30 because of the holiday.",
    "Set the Timeout option to 30 seconds in Settings.",
    "Microsoft Teams and Slack both support incoming webhooks.",
    "The README explains how to install the CLI on Windows and Linux.",
)

_MARK = re.compile(r"\[\[([PL]):(.+?)\]\]")


def parse(marked: str) -> tuple[str, list[tuple[str, int, int]]]:
    """Plain text and its (type, start, end) spans."""
    text, spans, pos = "", [], 0
    for m in _MARK.finditer(marked):
        text += marked[pos : m.start()]
        kind = "PERSON" if m.group(1) == "P" else "LOCATION"
        spans.append((kind, len(text), len(text) + len(m.group(2))))
        text += m.group(2)
        pos = m.end()
    return text + marked[pos:], spans


def rows_of(texts: tuple[str, ...], prefix: str, category: str) -> list[dict[str, object]]:
    """Span-labelled rows, in the dev set's shape, from marked-up texts."""
    out: list[dict[str, object]] = []
    for i, marked in enumerate(texts):
        text, spans = parse(marked)
        out.append(
            {
                "id": f"{prefix}:{i}",
                "text": text,
                "spans": [{"type": k, "start": s, "end": e} for k, s, e in spans],
                "category": category,
            }
        )
    return out


def rows() -> list[dict[str, object]]:
    return rows_of(TEXTS, "phrasing", "phrasing")
