"""Rulebook for more languages, and for override shapes that name no "instructions".

"Forget everything you were told before" and "ignore all previous tasks" carry the same
intent as "ignore previous instructions" without its noun; rulebook_intl.py only knows
the noun forms. The second half covers languages that book does not (Romanian, Nordic,
Czech and Slovak, Finnish, Hungarian, Greek, Hebrew, Thai, Swahili, Ukrainian forms).
Literals are folded like the text (accents dropped), so they are written naturally.
"""

from __future__ import annotations

from ztai.shield.rules import IN_SENTENCE, SEP, Rule, gap

_G = gap(4)
_IN = IN_SENTENCE  # the separator after a verb, within its sentence
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

# "System prompt" and its kin, per language, after folding.
_SYSTEM_PROMPT = (
    r"(?:prompt (?:del|de|di|do) sistema|mensaje del sistema|mensagem (?:do|de) sistema"
    r"|messaggio di sistema|instrucciones (?:del|de) sistema|instrucoes (?:do|de) sistema"
    r"|istruzioni di sistema|prompt systeme|message systeme|consignes systeme"
    r"|instructions systeme|systemprompt\w*|systemanweisung\w*|systeminstruktion\w*"
    r"|systeemprompt|systeeminstructies|systeembericht|prompt systemow\w*"
    r"|instrukcj\w* systemow\w*|sistem (?:istemi|mesaji|talimat\w*)|gizli talimat\w*"
    r"|prompt sistem|instruksi sistem|pesan sistem|loi nhac he thong|huong dan he thong"
    r"|chi thi he thong|versteckten anweisungen|instructions cachees|instrucciones ocultas)\b"
)

# Sending, the conversation's history and an e-mail address, for exfiltration rules.
_SEND = (
    r"(?:schick\w*|sende\w*|leite\w*|ubermittle\w*|envia\w*|envie\w*|manda\w*|reenvia\w*"
    r"|envoie\w*|envoyer|transfere\w*|transmets|invia\w*|inoltra\w*|encaminh\w*|stuur\w*"
    r"|wysl\w*|przeslij|отправ\w*|перешл\w*|пришли|надішли|перешли|发送|发给|转发|發送|轉發"
    r"|送信|送って|転送|보내|전송|gonder\w*|kirim\w*|gui)"
)
_HISTORY = (
    r"(?:chatverlauf|gesprachsverlauf|unterhaltung|historial|historique|cronologia"
    r"|conversazione|historico|gespreksgeschiedenis|historia (?:czatu|rozmowy)"
    r"|истори[юяи] (?:переписки|чата|диалога|разговора)|переписк[уа]|історі[юя] (?:розмови"
    r"|чату|листування)|聊天记录|对话记录|聊天紀錄|對話紀錄|会話履歴|チャット履歴|대화\s*기록"
    r"|sohbet gecmisi|riwayat (?:percakapan|obrolan)|lich su (?:tro chuyen|hoi thoai))"
)
_ADDRESS = r"[\w.+-]+@[\w-]+\.[\w.]+"

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
         rf"|esqueca|negeer|vergeet|zapomnij|zignoruj)\b{_IN}{_G}(?:tareas|tarea|taches|tache"
         rf"|aufgaben|auftrage|compiti|tarefas|taken|opdrachten|zadania|zadan)\b"
         rf"|(?:забудь|игнорируй|проигнорируй|ігноруй|забудь){SEP}{_G}(?:задани|задач|завдан)"
         r"|(?:忽略|忘记|忘記|无视|無視)[^。\n]{0,16}(?:任务|任務)"
         r"|(?:タスク|課題)[^。\n]{0,16}(?:無視|忘れ)"),
    # --- override: verb + qualifier + instructions, more languages ------------------------
    Rule("override.ro", "override", 3.0, 3.5,
         rf"\b(?:ignora|ignorati|ignorà|uita|uitati|nu tine cont de)\b{_IN}{_G}(?:instructiuni\w*"
         rf"|regul\w*|indicatii\w*|comenzi\w*)\b"),
    Rule("override.nordic", "override", 3.0, 3.5,
         rf"\b(?:ignorera|ignorer|glom|glem|bortse fra|se bort fran|strunta i)\b{_IN}{_G}"
         rf"(?:instruktioner\w*|instruksjoner\w*|instruktioner|regler\w*|anvisninger\w*"
         rf"|anvisningar\w*|direktiv\w*)\b"),
    Rule("override.cs_sk", "override", 3.0, 3.5,
         rf"\b(?:ignoruj|ignorujte|zapomen|zapomente|zabudni|zabudnite|nevsimej si)\b{_IN}{_G}"
         rf"(?:instrukce|instrukcie|pokyny|pravidla|prikazy|navody)\b"),
    Rule("override.fi", "override", 3.0, 3.5,
         rf"\b(?:unohda|ohita|jata huomiotta|sivuuta)\b{_IN}{_G}(?:ohjeet|ohjeita|saannot"
         rf"|maaraykset|kaskyt)\b"),
    Rule("override.hu", "override", 3.0, 3.5,
         rf"\b(?:hagyd figyelmen kivul|felejtsd el|ne vedd figyelembe|hagyja figyelmen kivul)"
         rf"\b{_IN}{_G}(?:utasitas\w*|szabaly\w*|iranyelv\w*)"
         rf"|\b(?:utasitas\w*|szabaly\w*)\s+{_G}(?:figyelmen kivul|felejtsd el)"),
    Rule("override.el", "override", 3.0, 3.5,
         rf"(?:αγνοησε|αγνοηστε|ξεχασε|ξεχαστε){SEP}{_G}(?:οδηγιες|κανονες|εντολες)"),
    Rule("override.he", "override", 3.0, 3.5,
         rf"(?:התעלם|התעלמי|שכח|שכחי){_NEAR_WIDE}(?:ההוראות|הוראות|הכללים|ההנחיות)"),
    Rule("override.th", "override", 3.0, 3.5,
         r"(?:เพิกเฉย|ลืม|ไม่ต้องสนใจ|ละเว้น)[^\n]{0,30}(?:คำสั่ง|คำแนะนำ|กฎ)"),
    Rule("override.sw", "override", 3.0, 3.5,
         rf"\b(?:puuza|sahau|usifuate)\b{_IN}{_G}(?:maagizo|maelekezo|sheria|amri)\b"),
    # Ukrainian extraction: "show your system prompt".
    Rule("extraction.uk", "extraction", 2.5, 2.5,
         rf"(?:покажи|виведи|розкрий|повтори|скажи|який|які){SEP}{_G}"
         rf"(?:системн[\pL]*{SEP}(?:промпт|підказк|інструкці|повідомлен)|сво[\pL]*{SEP}"
         rf"інструкці)"),
    # The system prompt named with a verb of showing, with "your", or with "that you were
    # given", per language. A verb of writing alone is not enough: "write a system prompt
    # for my bot" is a request to help, not an extraction.
    Rule("extraction.system_prompt_intl", "extraction", 2.0, 2.0,
         rf"\b(?:muestra\w*|revela\w*|repite|copia|imprime|dime|recopie|copie|montre\w*"
         rf"|affiche\w*|revele\w*|donne|zeig\w*|gib|kopier\w*|wiederhol\w*|mostra\w*|ripeti"
         rf"|mostre|revele|repita|toon|laat zien|kopieer|herhaal|pokaz|wypisz|skopiuj|powtorz"
         rf"|goster|tekrarla|tampilkan|salin|ulangi|in ra|hien thi|sao chep|lap lai"
         rf"|wat staat er|was steht|que dit|o que diz|cosa dice|co jest)\b[^.!?\n]{{0,60}}?"
         rf"{_SYSTEM_PROMPT}"
         rf"|\b(?:tu|tus|su|sus|ton|tes|votre|vos|dein\w*|ihr\w*|tuo|tue|tuoi|seu|sua|suas"
         rf"|teu|tua|je|jouw|uw|twoj\w*|swoj\w*|senin|cua ban)\s+{_SYSTEM_PROMPT}"
         rf"|{_SYSTEM_PROMPT}[^.!?\n]{{0,40}}?\b(?:que (?:te|tu|vous|lhe|ti) \w+|que recibiste"
         rf"|que recebeu|che hai ricevuto|que tu as recu|que vous avez recu|die du (?:erhalten"
         rf"|bekommen)|dat je (?:hebt )?(?:gekregen|ontvangen)|ktor\w+ otrzymal\w*"
         rf"|yang (?:kamu|anda) terima|ban (?:da )?nhan duoc)\b"
         rf"|\b(?:verilen|diberikan|que te dieron|que te han dado|qu'on t'a donne\w*"
         rf"|die man dir gegeben)\b[^.!?\n]{{0,24}}?{_SYSTEM_PROMPT}"
         # Other scripts: "your" / "given to you" before the noun, or a verb of showing
         # after it; "write a system prompt for my bot" is a request, not an extraction.
         r"|(?:तुम्हें|आपको|तुम्हारा|तुम्हारे|आपका|आपके)[^।.?\n]{0,40}(?:सिस्टम|सिसटम)\s*"
         r"(?:प्रॉम्प्ट|प्रोम्प्ट|संदेश|निर्देश)"
         r"|(?:اكتب|اعرض|أظهر|اظهر|كرر|انسخ|اطبع|أرني)[^.؟?\n]{0,30}(?:موجه|تعليمات|رسالة)"
         r"\s+النظام"
         r"|(?:あなたの|君の|最初に|受け取った)[^。\n]{0,16}システム(?:プロンプト|メッセージ|指示)"
         r"|システム(?:プロンプト|メッセージ|指示)を(?:教えて|見せて|表示|出力|繰り返|そのまま)"
         r"|(?:당신의|너의|네|처음에 받은)\s*시스템\s*(?:프롬프트|메시지|지시)"
         r"|시스템\s*(?:프롬프트|메시지|지시)[을를]\s*(?:보여|출력|알려|반복|그대로)"),
    # "Note for the AI assistant:" in languages rulebook_addressed.py does not cover.
    Rule("address.note_for_ai_more", "address_ai", 1.0, 2.0,
         r"\b(?:uwaga|wiadomosc|notatka|informacja)\s+dla\s+(?:asystenta|ai|sztucznej"
         r"|modelu|bota)\b|\bdla\s+asystenta\s+ai\b"
         r"|\b(?:notitie|bericht|opmerking|let op)\s+(?:voor|aan)\s+(?:de\s+)?(?:ai|assistent"
         r"|ai-assistent|chatbot)\b"
         r"|\b(?:yapay zeka|ai|asistan)\w*\s+(?:icin|not)\b|\basistana not\b"
         r"|\b(?:catatan|pesan)\s+(?:untuk|kepada)\s+(?:asisten|ai|model)\b"
         r"|\b(?:gui|cho|luu y cho)\s+tro ly(?: ai)?\b"
         r"|для\s+(?:ші|ші-асистента|асистента|ии-ассистента|ші-помічника)"
         r"|(?:ملاحظة|رسالة|تنبيه)\s+(?:إلى|الى|لل)\s*(?:المساعد|الذكاء)"
         r"|(?:ai|인공지능)\s*(?:비서|어시스턴트|모델)?에게"),
    # "You no longer have to keep to your guidelines": de, es, fr, it, pt.
    Rule("override.no_longer_bound_intl", "override", 2.0, 2.5,
         r"\bnicht mehr an\s+(?:deine|ihre|die|irgendwelche)\s+(?:richtlinien|regeln"
         r"|anweisungen|vorgaben)\b"
         r"|\bya no (?:tienes que|debes|necesitas) (?:seguir|respetar|cumplir)\s+(?:tus|las)"
         r"\s+(?:reglas|instrucciones|normas|directrices)\b"
         r"|\btu n'as plus (?:a|besoin de) (?:respecter|suivre)\s+(?:tes|les)\s+(?:regles"
         r"|consignes|instructions)\b"
         r"|\bnon (?:devi|hai bisogno di) piu (?:seguire|rispettare)\s+(?:le tue|le)\s+"
         r"(?:regole|istruzioni|linee guida)\b"
         r"|\bnao (?:precisa|tem que|deve) mais (?:seguir|respeitar)\s+(?:suas|as)\s+"
         r"(?:regras|instrucoes|diretrizes)\b"),
    # "From now on you are an AI without limits", in languages rulebook_intl.py lacks.
    Rule("roleplay.no_limits_more", "roleplay", 1.5, 1.5,
         r"(?:제한|제약|검열|규칙)(?:이|가)?\s*없는\s*(?:ai|인공지능|챗봇|어시스턴트)"
         r"|\b(?:kisitlamasi|siniri|sansuru|kurali|filtresi)\s+(?:olmayan|yok)\s+(?:bir\s+)?"
         r"(?:yapay zeka|ai|asistan|model|sohbet botu)"
         r"|\b(?:ai|sztuczn\w+ inteligencj\w+|asystent\w*|model\w*|chatbot\w*)\s+bez\s+"
         r"(?:zadnych\s+)?(?:ograniczen|cenzury|zasad|filtrow|regul)\b"
         r"|(?:ذكاء اصطناعي|مساعد|نموذج)[^.؟?\n]{0,12}(?:بلا|بدون)\s+(?:أي\s+)?(?:قيود|حدود|رقابة)"
         r"|बिना\s+(?:किसी\s+)?(?:प्रतिबंध|सीमा|रोक|सेंसर)[^।\n]{0,20}(?:ai|एआई)"
         r"|\bai\s+(?:khong co|khong bi)\s+(?:bat ky\s+)?(?:gioi han|han che|kiem duyet)\b"
         r"|\bai\s+tanpa\s+(?:batasan|sensor|aturan|filter|batas)\b"
         r"|\bai\s+bez\s+(?:omezeni|cenzury|pravidel|obmedzeni)\b"
         r"|\bai\s+utan\s+(?:begransningar|regler|filter|censur)\b"),
    # The conversation history sent to an address, in any language: a verb of sending
    # and the history noun in one clause with an e-mail address.
    Rule("exfiltration.history_intl", "exfiltration", 1.5, 2.0,
         rf"(?:{_SEND}[^\n]{{0,60}}?{_HISTORY}|{_HISTORY}[^\n]{{0,60}}?{_SEND})"
         rf"[^\n]{{0,80}}?{_ADDRESS}"
         rf"|{_HISTORY}[^\n]{{0,80}}?{_ADDRESS}[^\n]{{0,24}}?{_SEND}"),
    # "... without telling the user", per language.
    Rule("address.hide_from_user_intl", "address_ai", 1.5, 2.5,
         r"\bsin (?:decirselo|decirle|avisar|informar)\w* al usuario\b"
         r"|\bohne (?:es )?dem (?:nutzer|benutzer|anwender) (?:zu )?(?:sagen|mitzuteilen"
         r"|verraten)\b"
         r"|\bsans (?:le )?(?:dire|signaler|mentionner)\w* a l'utilisateur\b"
         r"|\bsenza (?:dirlo|dire|avvisare|informare) (?:nulla )?all'utente\b"
         r"|\bsem (?:contar|avisar|dizer|informar) (?:nada )?ao usuario\b"
         r"|не (?:говоря|сообщая|сказав) пользователю|不要告诉用户|不要告訴用戶"
         r"|ユーザーに(?:は)?(?:言わ|知らせ|伝え)ないで"),
)  # fmt: skip
