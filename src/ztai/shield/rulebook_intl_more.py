"""Rulebook for more languages, and for override shapes that name no "instructions".

"Forget everything you were told before" and "ignore all previous tasks" carry the same
intent as "ignore previous instructions" without its noun; rulebook_intl.py only knows
the noun forms. The second half covers languages that book does not (Romanian, Nordic,
Czech and Slovak, Finnish, Hungarian, Greek, Hebrew, Thai, Swahili, Ukrainian forms).
Literals are folded like the text (accents dropped), so they are written naturally.
"""

from __future__ import annotations

from ztai.shield.rules import SEP, Rule, gap

_G = gap(4)
_NEAR_WIDE = r"[^.。!?！？\n]{0,40}"
# "Before", per language, after folding: adjectives ("everything previous") anywhere;
# adverbs only at a clause end, since "forget everything about X before the course" is
# a teacher talking.
_BEFORE_LATIN = (
    r"(?:\b(?:anterior|anteriores|previo|previas|precedente|precedenti|precedent|precedentes"
    r"|vorherige\w*|vorige\w*|poprzedni\w*|eerdere)\b"
    r"|\b(?:antes|avant|auparavant|vorher|zuvor|bisher|davor|prima|finora|ate agora|eerder"
    r"|daarvoor|wczesniej|dotad)\s*(?:[.,;:!?\n]|$|\b(?:y|et|und|e|i|en|a)\b))"
)

RULES_INTL_MORE: tuple[Rule, ...] = (
    # "Forget everything (you were told) before": es, fr, de, it, pt, nl, pl.
    Rule("override.forget_everything_intl", "override", 2.5, 3.0,
         rf"\b(?:olvida|olvide|olvidate de|ignora|oublie|oubliez|ignore|ignorez|vergiss"
         rf"|vergessen sie|ignoriere|dimentica|dimenticate|esqueca|esquece|vergeet|negeer"
         rf"|zapomnij|zignoruj)\s+(?:todo|tout|alles|tutto|tudo|wszystko)\b[^.!?\n]{{0,50}}?"
         rf"{_BEFORE_LATIN}"
         r"|(?:забудь|забудьте|игнорируй|проигнорируй|забудь(?:те)?|ігноруй|проігноруй)"
         r"\s+(?:вс[её]|усе|все)[^.!?\n]{0,50}?(?:раньше|ранее|до этого|прежде|выше"
         r"|раніше|до цього|вище)"),
    # "Ignore all previous tasks": the task nouns, in the languages rulebook_intl covers.
    Rule("override.tasks_intl", "override", 2.0, 2.5,
         rf"\b(?:ignora|ignore|ignorez|ignoriere|ignorieren|vergiss|olvida|oublie|dimentica"
         rf"|esqueca|negeer|vergeet|zapomnij|zignoruj)\b\W+{_G}(?:tareas|tarea|taches|tache"
         rf"|aufgaben|auftrage|compiti|tarefas|taken|opdrachten|zadania|zadan)\b"
         rf"|(?:забудь|игнорируй|проигнорируй|ігноруй|забудь){SEP}{_G}(?:задани|задач|завдан)"
         r"|(?:忽略|忘记|忘記|无视|無視)[^。\n]{0,16}(?:任务|任務)"
         r"|(?:タスク|課題)[^。\n]{0,16}(?:無視|忘れ)"),
    # --- override: verb + qualifier + instructions, more languages ------------------------
    Rule("override.ro", "override", 3.0, 3.5,
         rf"\b(?:ignora|ignorati|ignorà|uita|uitati|nu tine cont de)\b\W+{_G}(?:instructiuni\w*"
         rf"|regul\w*|indicatii\w*|comenzi\w*)\b"),
    Rule("override.nordic", "override", 3.0, 3.5,
         rf"\b(?:ignorera|ignorer|glom|glem|bortse fra|se bort fran|strunta i)\b\W+{_G}"
         rf"(?:instruktioner\w*|instruksjoner\w*|instruktioner|regler\w*|anvisninger\w*"
         rf"|anvisningar\w*|direktiv\w*)\b"),
    Rule("override.cs_sk", "override", 3.0, 3.5,
         rf"\b(?:ignoruj|ignorujte|zapomen|zapomente|zabudni|zabudnite|nevsimej si)\b\W+{_G}"
         rf"(?:instrukce|instrukcie|pokyny|pravidla|prikazy|navody)\b"),
    Rule("override.fi", "override", 3.0, 3.5,
         rf"\b(?:unohda|ohita|jata huomiotta|sivuuta)\b\W+{_G}(?:ohjeet|ohjeita|saannot"
         rf"|maaraykset|kaskyt)\b"),
    Rule("override.hu", "override", 3.0, 3.5,
         rf"\b(?:hagyd figyelmen kivul|felejtsd el|ne vedd figyelembe|hagyja figyelmen kivul)"
         rf"\b\W+{_G}(?:utasitas\w*|szabaly\w*|iranyelv\w*)"
         rf"|\b(?:utasitas\w*|szabaly\w*)\s+{_G}(?:figyelmen kivul|felejtsd el)"),
    Rule("override.el", "override", 3.0, 3.5,
         rf"(?:αγνοησε|αγνοηστε|ξεχασε|ξεχαστε){SEP}{_G}(?:οδηγιες|κανονες|εντολες)"),
    Rule("override.he", "override", 3.0, 3.5,
         rf"(?:התעלם|התעלמי|שכח|שכחי){_NEAR_WIDE}(?:ההוראות|הוראות|הכללים|ההנחיות)"),
    Rule("override.th", "override", 3.0, 3.5,
         r"(?:เพิกเฉย|ลืม|ไม่ต้องสนใจ|ละเว้น)[^\n]{0,30}(?:คำสั่ง|คำแนะนำ|กฎ)"),
    Rule("override.sw", "override", 3.0, 3.5,
         rf"\b(?:puuza|sahau|usifuate)\b\W+{_G}(?:maagizo|maelekezo|sheria|amri)\b"),
    # Ukrainian extraction: "show your system prompt".
    Rule("extraction.uk", "extraction", 2.5, 2.5,
         rf"(?:покажи|виведи|розкрий|повтори|скажи|який|які){SEP}{_G}"
         rf"(?:системн[\pL]*{SEP}(?:промпт|підказк|інструкці|повідомлен)|сво[\pL]*{SEP}"
         rf"інструкці)"),
)  # fmt: skip
