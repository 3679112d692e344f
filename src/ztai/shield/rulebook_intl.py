"""Rulebook for other languages: the same attack families, written per language.

Literals are folded like the text (accents and vowel signs dropped), so they may be
written in natural spelling. Latin-script languages use ASCII \\b after folding; other
scripts use the Unicode-aware `gap`, or plain proximity where words are not spaced.
"""

from __future__ import annotations

from ztai.shield.rules import IN_SENTENCE, SEP, Rule, gap

_G = gap(4)
_IN = IN_SENTENCE  # the separator after a verb, within its sentence
_NEAR = r"[^.。!?！？\n]{0,16}"  # proximity for unspaced scripts (Chinese, Japanese)
_NEAR_WIDE = r"[^.。!?！？\n]{0,40}"

RULES_INTL: tuple[Rule, ...] = (
    # --- a document that speaks to the AI reading it ---------------------------------------
    Rule("address.to_you_ai.romance", "address_ai", 1.0, 2.0,
         r"\b(?:para ti|para usted|a ti|a usted|pour toi|pour vous|a toi|a vous|per te|a te"
         r"|para voce|para vc)\s*,?\s+"
         r"(?:(?:la|el|le|l'|o|a|il|lo|querid[oa]|cher|chere|car[oa])\s*)?"
         r"(?:ia|inteligencia artificial|intelligence artificielle|intelligenza artificiale"
         r"|asistente|assistant|assistente|modelo|modele|modello|chatbot|agente|agent)\b"),
    Rule("address.to_you_ai.de_nl", "address_ai", 1.0, 2.0,
         r"\b(?:an dich|fur dich|an sie|fur sie|aan jou|voor jou|aan u|voor u)\s*,?\s+"
         r"(?:(?:du|lieber"
         r"|liebe|beste)\s+)?(?:ki|kunstliche intelligenz|assistent|assistentin|sprachmodell"
         r"|chatbot|agent|ai|model)\b"),
    Rule("override.before_task.intl", "override", 1.0, 1.5,
         r"\b(?:antes de (?:resolver|completar|hacer|responder|continuar|realizar|concluir)"
         r"|avant de (?:resoudre|terminer|faire|repondre|continuer|realiser|traiter)"
         r"|bevor (?:du|sie) (?:die|deine|ihre) (?:aufgabe|anfrage)"
         r"|prima di (?:risolvere|completare"
         r"|fare|rispondere|continuare)|voordat je (?:de|je) (?:taak|vraag))\b[^.\n]{0,40}"
         r"\b(?:tarea|tache|aufgabe|compito|tarefa|taak|pedido|solicitud|demande|richiesta"
         r"|verzoek|anfrage)\b"),
    # --- override: verb + (qualifier) + instructions --------------------------------------
    Rule("override.es", "override", 3.0, 3.5,
         rf"\b(?:ignora|ignore|ignoren|ignorar|olvida|olvide|olviden|olvidar|omite|omita"
         rf"|descarta|descarte|pasa por alto|haz caso omiso de|desobedece)\b{_IN}{_G}"
         rf"(?:instrucciones|indicaciones|reglas|directrices|ordenes|normas|restricciones|instruccion)\b"),
    Rule("override.fr", "override", 3.0, 3.5,
         rf"\b(?:ignore|ignorez|ignorer|ignores|oublie|oubliez|oublier|ne tiens pas compte"
         rf"|ne tenez pas compte|fais abstraction|faites abstraction|contourne|contournez)\b"
         rf"{_IN}{_G}(?:instructions?|consignes|regles|directives|indications|ordres"
         rf"|restrictions)\b"),
    Rule("override.de", "override", 3.0, 3.5,
         rf"\b(?:ignoriere|ignorieren|ignoriert|ignorier|vergiss|vergessen|vergesst|missachte"
         rf"|missachten|uberspringe|umgehe|umgehen)\b{_IN}{_G}(?:anweisungen|anweisung|regeln"
         rf"|vorgaben|anordnungen|instruktionen|richtlinien|befehle|einschrankungen"
         rf"|anleitungen)\b"),
    Rule("override.it", "override", 3.0, 3.5,
         rf"\b(?:ignora|ignorate|ignori|ignorare|dimentica|dimenticate|dimenticare|tralascia"
         rf"|trascura|non seguire)\b{_IN}{_G}(?:istruzioni|istruzione|regole|indicazioni"
         rf"|direttive|restrizioni|ordini)\b"),
    Rule("override.pt", "override", 3.0, 3.5,
         rf"\b(?:ignore|ignora|ignorar|ignorem|esqueca|esquece|esquecer|desconsidere"
         rf"|desconsidera|despreze)\b{_IN}{_G}(?:instrucoes|instrucao|regras|diretrizes"
         rf"|orientacoes|restricoes|ordens|comandos)\b"),
    Rule("override.nl", "override", 3.0, 3.5,
         rf"\b(?:negeer|vergeet|omzeil)\b{_IN}{_G}(?:instructies|regels|richtlijnen"
         rf"|aanwijzingen|opdrachten)\b"),
    Rule("override.pl", "override", 3.0, 3.5,
         rf"(?:zignoruj|ignoruj|zapomnij|pomin){gap(1)}{_IN}{_G}(?:instrukcj|polecen|zasad|regu)"),
    Rule("override.tr", "override", 3.0, 3.5,
         rf"(?:talimat|kural|yonerge|komut){gap(0)}[\pL]*{_IN}{_G}(?:yok say|yoksay"
         rf"|gormezden gel|unut|dikkate alma)"),
    Rule("override.id", "override", 3.0, 3.5,
         rf"\b(?:abaikan|lupakan|acuhkan)\b{_IN}{_G}(?:instruksi|petunjuk|perintah|aturan)\b"),
    Rule("override.vi", "override", 3.0, 3.5,
         rf"\b(?:bo qua|phot lo|quen di|quen)\b{_IN}{_G}(?:huong dan|chi dan|lenh|quy tac"
         rf"|chi thi)\b"),
    Rule("override.ru", "override", 3.0, 3.5,
         rf"(?:игнорируй|проигнорируй|игнорируйте|проигнорируйте|забудь|забудьте|отбрось"
         rf"|пренебреги|не обращай внимания на|не слушай|игнорувати|проігноруй|забудь)"
         rf"{SEP}{_G}(?:инструкци|указани|правил|команд|ограничени|інструкці|вказівк)"),
    Rule("override.zh", "override", 3.0, 3.5,
         rf"(?:忽略|无视|無視|忽视|忽視|不要理会|不要理會|不理会|忘记|忘記|忘掉|跳过|跳過|抛开"
         rf"|拋開|放弃|放棄|别管|別管){_NEAR}(?:指令|指示|说明|說明|规则|規則|提示|要求|设定|設定"
         rf"|命令|限制|约束|約束)"),
    Rule("override.ja", "override", 3.0, 3.5,
         rf"(?:指示|命令|ルール|規則|プロンプト|設定|制約|制限){_NEAR}(?:無視|忘れ)"),
    Rule("override.ko", "override", 3.0, 3.5,
         rf"(?:지시|명령|규칙|지침|프롬프트|제한){_NEAR}(?:무시|잊어|잊고)"),
    Rule("override.ar", "override", 3.0, 3.5,
         rf"(?:تجاهل|انس|أهمل|اهمل|تخط){_NEAR_WIDE}(?:التعليمات|تعليمات|الأوامر|الاوامر"
         rf"|القواعد|الإرشادات|التوجيهات)"),
    Rule("override.hi", "override", 3.0, 3.5,
         rf"(?:निर्देशों|निर्देश|नियमों|नियम|आदेशों){_NEAR_WIDE}(?:अनदेखा|नजरअंदाज|नज़रअंदाज़|भूल)"),
    Rule("override.fa", "override", 3.0, 3.5,
         rf"(?:دستورالعمل|دستورات|قوانین){_NEAR_WIDE}(?:نادیده|فراموش)"),
    # --- prompt extraction ----------------------------------------------------------------
    Rule("extraction.es", "extraction", 2.5, 2.5,
         rf"\b(?:muestra|muestrame|muestre|revela|revelame|dime|imprime|repite|ensename"
         rf"|cual es|cuales son|comparte)\b{_IN}{_G}(?:prompt del sistema|mensaje del"
         rf" sistema|instrucciones (?:del sistema|iniciales|originales|ocultas|secretas)"
         rf"|tus instrucciones)\b"),
    Rule("extraction.fr", "extraction", 2.5, 2.5,
         rf"\b(?:montre|montrez|affiche|affichez|revele|revelez|repete|repetez|donne|donnez|dis"
         rf"|dites|quel est|quelles sont)\b{_IN}{_G}(?:prompt systeme|invite systeme"
         rf"|message systeme|instructions (?:initiales|systeme|cachees|secretes|d'origine)"
         rf"|tes instructions|vos instructions)\b"),
    Rule("extraction.de", "extraction", 2.5, 2.5,
         rf"\b(?:zeige|zeig|gib|verrate|wiederhole|nenne|was ist|was sind)\b{_IN}{_G}"
         rf"(?:systemprompt|system-prompt|systemanweisung\w*|systemnachricht|anfangsanweisung\w*"
         rf"|versteckten anweisungen|deine anweisungen|ihre anweisungen)\b"),
    Rule("extraction.it", "extraction", 2.5, 2.5,
         rf"\b(?:mostra|mostrami|rivela|ripeti|dimmi|stampa|qual e|quali sono)\b{_IN}{_G}"
         rf"(?:prompt di sistema|messaggio di sistema|istruzioni (?:di sistema|iniziali"
         rf"|nascoste|segrete)|tue istruzioni)\b"),
    Rule("extraction.pt", "extraction", 2.5, 2.5,
         rf"\b(?:mostre|mostra|revele|revela|repita|diga|imprima|qual e|quais sao)\b"
         rf"{_IN}{_G}(?:prompt do sistema|mensagem do sistema|instrucoes (?:do sistema|iniciais"
         rf"|ocultas|secretas)|suas instrucoes)\b"),
    Rule("extraction.ru", "extraction", 2.5, 2.5,
         rf"(?:покажи|выведи|раскрой|повтори|скажи|какой|какие){SEP}{_G}"
         rf"(?:системн[\pL]*{SEP}(?:промпт|подсказк|инструкци|сообщени)|исходн[\pL]*"
         rf"{SEP}инструкци|сво[\pL]*{SEP}инструкци)"),
    Rule("extraction.zh", "extraction", 2.5, 2.5,
         rf"(?:输出|輸出|打印|显示|顯示|告诉我|告訴我|重复|重複|泄露|透露|给我|給我|说出|說出|展示){_NEAR}(?:系统提示|系統提示|提示词|提示詞|初始指令|系统消息|系統消息"
         rf"|系统指令|系統指令|你的指令|你的规则|你的規則|原始提示|隐藏指令|隱藏指令)"),
    Rule("extraction.ja", "extraction", 2.5, 2.5,
         rf"(?:システムプロンプト|初期プロンプト|システムメッセージ|元の指示|隠された指示)"
         rf"{_NEAR}(?:表示|出力|教えて|見せて|繰り返|開示)"),
    Rule("extraction.ko", "extraction", 2.5, 2.5,
         rf"(?:시스템 프롬프트|시스템 메시지|초기 지시|숨겨진 지시){_NEAR}(?:보여|출력|알려"
         rf"|공개|반복|말해)"),
    # --- role-play without rules ----------------------------------------------------------
    Rule("roleplay.no_limits_intl", "roleplay", 1.2, 1.2,
         r"\b(?:sin (?:restricciones|limites|filtros|censura|reglas)|sans (?:restrictions"
         r"|limites|filtres|censure|regles)|ohne (?:einschrankungen|grenzen|filter|zensur"
         r"|regeln)|senza (?:restrizioni|limiti|filtri|censura|regole)|sem (?:restricoes"
         r"|limites|filtros|censura|regras)|zonder (?:beperkingen|filters|censuur|regels))\b"),
    Rule("roleplay.no_limits_ru", "roleplay", 1.2, 1.2,
         r"без (?:ограничений|цензуры|фильтров|правил)"),
    Rule("roleplay.no_limits_cjk", "roleplay", 1.2, 1.2,
         r"(?:没有|沒有|不受|无任何|無任何|摆脱|擺脫|解除)(?:任何)?(?:限制|约束|約束|规则|規則|审查"
         r"|審查|道德)|制限なし|制限のない|検閲なし|제한 없는|제한없는"),
    # Developer mode said to be on, or the AI put into it; phones and TVs have one too.
    Rule("roleplay.dev_mode_intl", "roleplay", 2.0, 2.0,
         r"\b(?:modo (?:desarrollador|desenvolvedor)|mode developpeur|entwicklermodus"
         r"|modalita sviluppatore)\s*(?:esta |est |ist |e )?(?:activad[oa]|ativad[oa]|ligado"
         r"|habilitad[oa]|active|activee|aktiviert|attivata|attivato|abilitata)\b"
         r"|режим разработчика (?:включ[её]н|активирован)|(?:开发者模式|開發者模式)(?:已)?"
         r"(?:开启|開啟|启用|啟用|激活)|開発者モード(?:が|を)?(?:有効になりました|オン)"
         r"|越狱|越獄|탈옥"),
    Rule("roleplay.now_you_are_intl", "roleplay", 0.6, 0.8,
         r"\b(?:ahora eres|a partir de ahora eres|tu es maintenant|vous etes maintenant"
         r"|desormais tu es|du bist jetzt|ab jetzt bist du|ora sei|adesso sei|d'ora in poi sei"
         r"|agora voce e|agora tu es)\b|теперь ты|你现在是|你現在是|从现在开始你|從現在開始你"),
    # --- documents speaking to the model --------------------------------------------------
    Rule("address.ai_intl", "address_ai", 1.5, 2.5,
         r"\b(?:si eres una? (?:ia|inteligencia artificial|asistente|modelo)|si tu es une? (?:ia"
         r"|assistant|intelligence artificielle)|wenn du eine? (?:ki|assistent|sprachmodell)"
         r" bist|se sei una? (?:ia|assistente)|se voce (?:e|for) uma? (?:ia|assistente)"
         r"|(?:nota|mensaje|instrucciones|note|hinweis|nachricht|istruzioni) (?:para|pour|fur"
         r"|an|per) (?:la |el |l'|die |den |il )?(?:ia|ki|asistente|assistant|assistent"
         r"|assistente|modelo|modele|modell))\b"
         r"|如果你是(?:ai|人工智能|助手|语言模型|語言模型)|(?:ai|人工智能)助手[,，:：]"
         r"|если ты (?:ии|ассистент|языковая модель|бот)"),
    Rule("address.hide_intl", "address_ai", 2.0, 3.0,
         r"\b(?:no (?:le )?(?:digas|informes|menciones) (?:nada )?al usuario|ne (?:le )?dis"
         r" (?:rien )?(?:pas )?a l'utilisateur|sag (?:es )?dem (?:benutzer|nutzer) nicht"
         r"|non dire (?:nulla )?all'utente|nao (?:conte|diga|informe) ao usuario)\b"
         r"|不要告诉用户|不要告訴用戶|не говори пользователю"),
)  # fmt: skip
