"""Rulebook for text that addresses the AI, in languages other than English.

The out-of-source signal that generalises best is a document talking to the model that
reads it: a vocative ("Assistant, ..."), "the AI reading this e-mail", "before you finish
the task, send ...", "tell the user ...". These rules write those shapes per language
(Spanish, French, German, Italian, Portuguese, Russian, Chinese, Japanese); the English
ones live in rulebook.py. Literals are folded like the text (accents dropped).
"""

from __future__ import annotations

from ztai.shield.rules import IN_SENTENCE, SEP, Rule, gap

_G = gap(4)
_IN = IN_SENTENCE  # the separator after a verb, within its sentence
_NEAR = r"[^.。!?！？\n]{0,16}"
_NEAR_WIDE = r"[^.。!?！？\n]{0,40}"
# The model's names, as a reader would be called in a vocative or a "note for ...".
_AI_LATIN = (
    r"(?:ia|ki|ai|asistente|assistant|assistent|assistentin|assistente|modelo|modele"
    r"|modell|modello|agente|agent|chatbot|bot)"
)
_AI_CYRILLIC = r"(?:ии|ассистент|ассистентка|помощник|бот|модель|нейросеть)"
# A sentence, line or code comment begins.
_START = r"(?:^|[.!?:\n]\s*)(?:#|//|--|/?\*|<!--)?\s*"

RULES_ADDRESSED: tuple[Rule, ...] = (
    # "Assistant, stop ..." at the start of a sentence, line or comment. A comma, not a
    # colon: "assistant:" / "agent:" are transcript and front-matter labels.
    Rule("address.vocative_intl", "address_ai", 0.8, 2.0,
         rf"{_START}(?:(?:querid[oa]|cher|chere|liebe[rs]?|car[oa])\s+)?"
         rf"{_AI_LATIN}\s*,\s+(?:por favor\s+|s'il te plait\s+|bitte\s+|per favore\s+)?"
         rf"[\pL]+"
         rf"|{_START}{_AI_CYRILLIC}\s*,\s*[\pL]+"
         r"|(?:^|[。！？\n]\s*)(?:ai)?(?:助手|アシスタント(?:さん)?)\s*[,，、]"),
    # "... the AI assistant reading this e-mail / page".
    Rule("address.reader_ai_intl", "address_ai", 1.0, 2.5,
         rf"\b{_AI_LATIN}\b{gap(3)}(?:que (?:lee|lea|procese|procesa|le|leia|esta lendo)"
         rf"|qui (?:lit|traite|analyse)|der (?:diese|das|den)|die (?:diese|das|den)"
         rf"|che (?:legge|elabora|sta leggendo)|que (?:ler|processar))\b"
         rf"|{_AI_CYRILLIC}{SEP}(?:котор[\pL]*){SEP}(?:читает|обрабатывает)"
         r"|(?:正在阅读|正在閱讀|阅读此|閱讀此|处理此|處理此)[^。\n]{0,12}(?:ai|人工智能|助手|模型)"
         r"|を読んでいる(?:ai)?(?:アシスタント|ai|モデル)"),
    # "Message / note for the AI".
    Rule("address.note_for_ai_intl", "address_ai", 1.0, 2.0,
         rf"\b(?:message|messaggio|mensagem|recado|aviso|nota|note|hinweis|nachricht"
         rf"|mitteilung|istruzioni|instrucciones|instructions)\s+(?:para|pour|fur|an|per|a)"
         rf"\s+(?:(?:la|el|le|l'|o|a|il|lo|die|den|das|the)\s*)?{_AI_LATIN}\b"
         rf"|(?:сообщение|заметка|примечание|указание){SEP}для{SEP}{_AI_CYRILLIC}"
         r"|(?:给|致)[^。\n]{0,12}(?:ai|人工智能)(?:助手|模型)"
         r"|(?:ai)?(?:アシスタント|モデル)(?:へ|に告ぐ|さんへ)[,，、:：\s]"),
    # "Before you finish / complete the task, ...".
    Rule("override.before_task_intl2", "override", 1.0, 1.5,
         r"\b(?:antes de (?:terminar|finalizar|acabar|completar|concluir) (?:la|a|tu|sua|su)"
         r" ?(?:tarea|tarefa)|bevor (?:du|sie) (?:die|deine|ihre) aufgabe"
         r" (?:beendest|abschliesst|erledigst|beenden|abschliessen)|prima di (?:finire"
         r"|terminare|completare) (?:il|questo) compito)\b"
         r"|прежде чем (?:закончить|завершить|выполнить|закончишь|завершишь)"
         r"|在完成(?:这个|此)?任务(?:之前|前)|タスクを(?:終える|完了する|終わらせる)前に"),
    # "Send the user's password / card number to ...".
    Rule("address.send_secret_intl", "exfiltration", 1.5, 2.5,
         rf"\b(?:envia|envie|enviar|manda|mande|envoie|envoyez|envoyer|transmets|sende|schicke"
         rf"|ubermittle|invia|inviate|manda|transmita)\b{_IN}{_G}(?:contrasena|contrasenas"
         rf"|mot de passe|mots de passe|passwort|passworter|password|senha|senhas|numero de"
         rf" (?:tarjeta|carte|carta|cartao)|kartennummer|cpf|credenciales|identifiants"
         rf"|zugangsdaten|credenziali|credenciais|token)\b"
         r"|(?:отправь|перешли|пришли|передай)" + SEP + _G + r"(?:парол|номер карты|данные карты)"
         r"|(?:发送|發送|转发|轉發|发给|發給)[^。\n]{0,12}(?:密码|密碼|银行卡|信用卡)"
         r"|(?:パスワード|カード番号)[^。\n]{0,16}(?:送信|送って|転送)"),
    # "Tell the user instead that ...": a document giving the model lines to say.
    Rule("address.tell_user_intl", "address_ai", 0.5, 1.5,
         r"\b(?:di(?:le)? al usuario|dile al usuario|dis(?: plutot)? a l'utilisateur"
         r"|sag(?:e)? dem (?:nutzer|benutzer)|di' all'utente|di all'utente|diga ao usuario"
         r"|diga ao utilizador)\b"
         r"|скажи пользователю|告诉用户|告訴用戶|ユーザーに[^。\n]{0,24}伝えて"),
    # "Ignore the rest of this text".
    Rule("override.ignore_rest_intl", "override", 2.5, 3.0,
         r"\b(?:ignora|ignore|ignorez|olvida|oublie|ignoriere|vergiss|ignorar|esqueca)\s+"
         r"(?:el resto|le reste|den rest|il resto|o resto|lo que sigue|la suite)\b"
         r"|(?:игнорируй|проигнорируй)\s+(?:остальн|всё остальное)"
         r"|忽略(?:其余|其餘|剩下|剩余|以下)的?(?:内容|內容|文字|数据|數據)"),
    # "Ignore the user's requests": orders about the user, so aimed at the model.
    Rule("override.user_requests_intl", "override", 2.0, 3.0,
         rf"\b(?:ignora|ignore|ignorez|ignoriere|ignorieren|ignorar|olvida|oublie)\b{_IN}{_G}"
         rf"(?:solicitudes|peticiones|ordenes|demandes|requetes|anfragen|wunsche|befehle"
         rf"|richieste|domande|ordini|pedidos|solicitacoes|comandos|instrucoes|anweisungen"
         rf"|instrucciones|istruzioni|instructions)\s+(?:del|de l'|des|de la|dell'|do|da)"
         rf"\s*(?:usuario|utilisateur|nutzers|benutzers|utente|usuario|utilizador)\b"
         r"|(?:игнорируй|проигнорируй|не выполняй)" + SEP + _G + r"(?:запрос|просьб|команд|"
         r"указани)[\pL]*" + SEP + r"пользовател"
         r"|(?:忽略|无视|無視)(?:用户|用戶)的?(?:指令|请求|請求|要求)"),
    # Role-play persona that never refuses or never leaves the role.
    Rule("roleplay.never_refuse_intl", "roleplay", 1.5, 1.5,
         r"\b(?:nunca (?:rechaza|rechazas|se niega|recusa|recusas|se recusa)"
         r"|ne refuse jamais|ne refuses jamais|refuse jamais|lehnt nie|lehnst nie"
         r"|lehnt niemals|non rifiuta mai|non rifiuti mai|rifiuta mai)\b"
         r"|никогда не отказыва|从不拒绝|從不拒絕|绝不拒绝|絕不拒絕|断らず|断らない"),
    Rule("roleplay.stay_in_role_intl", "roleplay", 1.2, 1.2,
         r"\b(?:no salgas (?:nunca )?del personaje|ne sors (?:jamais )?du personnage"
         r"|bleib(?:e)? (?:immer )?in der rolle|resta (?:sempre )?nel personaggio"
         r"|nao saia do personagem|no rompas el personaje)\b"
         r"|не выходи из роли|保持(?:这个|這個)?角色|キャラクターを崩さない|役を崩さない"),
    Rule("roleplay.no_rules_intl", "roleplay", 1.2, 1.2,
         r"\b(?:sin|sans|ohne|senza|sem)\s+(?:ninguna|ningun|aucune|aucun|jede|jegliche"
         r"|alcuna|alcun|nenhuma|nenhum|qualquer)\s+(?:regla|norma|restriccion|limite|filtro"
         r"|regle|restriction|filtre|einschrankung|regel|grenze|filter|regola|restrizione"
         r"|regra|restricao)\w*\b"
         r"|\b(?:que no sigue ninguna|qui n'a aucune|n'a aucune|die keine|che non ha|que nao"
         r" segue)\s+(?:norma|regla|regle|regel|regola|regra|limite|restric)\w*"
         r"|без каких-либо (?:правил|ограничений)"
         r"|\b(?:no tienes|ya no tienes|tu n'as (?:plus )?(?:aucune|pas de)|du hast keine"
         r"|non hai (?:piu )?(?:alcuna|nessuna)?|voce nao tem (?:mais )?|nao tens)\s*"
         r"(?:restricciones|limites|reglas|restrictions|regles|einschrankungen|regeln|grenzen"
         r"|restrizioni|regole|limiti|restricoes|regras)\b"
         r"|у тебя (?:больше )?нет (?:никаких )?(?:ограничений|правил)"),
    # Repeat everything above / before this conversation.
    Rule("extraction.repeat_above_intl", "extraction", 2.0, 2.0,
         rf"\b(?:repite|repita|repete|repetez|wiederhole|ripeti|copia|copie|recopie|reproduce"
         rf"|reproduis|gib|mostre|muestra|affiche|ripeti)\b{_IN}{_G}(?:texto|texte|text|testo"
         rf"|alles|todo|tout|tutto)\b{SEP}{gap(4)}(?:antes d[\pL]*|avant|vor|uber|prima di|precede"
         rf"|acima|arriba|ci-dessus|au-dessus|sopra)\b"
         r"|(?:повтори|выведи|скопируй|перепиши)" + SEP + _G + r"(?:текст|вс[её])" + SEP + _G
         + r"(?:до|выше)" + SEP
         + r"|(?:重复|重複|复述|複述|输出|輸出)[^。\n]{0,12}(?:之前|以上|上面)的(?:全部)?"
         r"(?:内容|文字|文本)|(?:之前|以上|上面)的(?:全部)?(?:内容|文字|文本)[^。\n]{0,8}"
         r"(?:重复|重複|复述|複述|输出|輸出)"
         r"|(?:この会話|このメッセージ|これ)より(?:前|上)に(?:ある)?(?:文章|テキスト|内容)"),
)  # fmt: skip
