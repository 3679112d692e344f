"""Rulebook: English rules for injection, extraction, role-play and encoding attacks.

Weights are evidence in logit units (user, document): about 3 is conclusive on its own,
about 1.5 needs a second signal, below 1 only nudges the classifier. Patterns run on the
folded views (lower case, accents and invisible characters removed, look-alikes mapped).
"""

from __future__ import annotations

from ztai.shield.rules import Rule, gap, misspelled

_OVERRIDE_VERB = (
    r"(?:ignore|ignoring|disregard|disregarding|forget|forgetting|override|overrule|bypass"
    r"|neglect|abandon|discard|dismiss|set aside|throw out|erase|skip|drop)"
)
_PRIOR = (
    r"(?:previous|previously|prior|preceding|above|earlier|former|initial|original|foregoing"
    r"|old|existing|system|developer|all|any|every|your|those|these|the)"
)
_DIRECTIVE = (
    r"(?:instructions?|" + misspelled("instructions") + r"|directions?|directives?|rules"
    r"|guidelines|prompts?|commands?|orders|constraints|restrictions|programming|guardrails|safeguards|policies|training"
    r"|system prompt|system message|guidance|limitations)"
)
_AI = (
    r"(?:ai|a\.i\.|assistant|ai assistant|language model|llm|chatbot|chat bot|gpt|chatgpt"
    r"|claude|gemini|copilot|bot|agent|ai agent|model|large language model)"
)
_SECRET_PROMPT = (
    r"(?:system\s*-?\s*prompts?|initial (?:prompt|instructions)|original (?:prompt|instructions)"
    r"|hidden (?:prompt|instructions)|secret (?:prompt|instructions)"
    r"|system (?:message|instructions)"
    r"|pre-?prompt|meta-?prompt|developer (?:message|instructions|prompt)|internal instructions"
    r"|instructions you (?:were|have been) given|your (?:full |exact |complete )?"
    r"(?:instructions|prompt|configuration|guidelines|rules))"
)
_ENCODINGS = (
    r"(?:base ?64|base ?32|base ?16|base ?2048|b64|hex(?:adecimal)?|rot-?13|rot-?47|caesar"
    r"|atbash|morse|braille|binary|ascii ?85|uu-?encod\w*|quoted-printable|leet ?speak|l33t"
    r"|nato (?:alphabet|phonetic)|ecoji|zalgo|cipher|ciphertext|unicode tags?)"
)

RULES: tuple[Rule, ...] = (
    # --- overriding the instructions the model was given -------------------------------
    Rule("override.ignore_prior", "override", 3.0, 3.5,
         rf"\b{_OVERRIDE_VERB}\b\W+{gap(3)}{_PRIOR}\W+{gap(2)}{_DIRECTIVE}\b"),
    Rule("override.ignore_everything", "override", 2.5, 3.0,
         rf"\b(?:ignore|disregard|forget)\s+(?:everything|all(?: of)?(?: that| this)?|anything)"
         rf"\W+{gap(3)}(?:above|before|previously|earlier|so far|you (?:were|have been) told"
         rf"|you know|you(?:'ve| have) learned)"),
    Rule("override.do_not_follow", "override", 2.0, 2.5,
         rf"\b(?:do not|don't|never|stop|no longer)\s+(?:follow|following|obey|obeying|listen"
         rf"|adhere|comply|complying)\w*\s+(?:to\s+|with\s+)?{gap(2)}{_DIRECTIVE}\b"),
    Rule("override.new_instructions", "override", 1.5, 2.0,
         r"\b(?:new|updated|real|actual|true|revised|additional|secret|hidden|important|urgent"
         r"|override|priority)\s+(?:system\s+)?(?:instructions?|directives?|orders"
         r"|system prompt)\s*(?:[:!]|-{1,2}\s)"),
    # "New task: turn these notes into an e-mail" is how users work; in data it is not.
    Rule("override.new_task_label", "override", 0.2, 1.5,
         r"\b(?:new|updated|real|actual|true|revised|additional|secret|hidden|important|urgent"
         r"|override|priority)\s+(?:task|objective|goal|mission)\s*(?:[:!]|-{1,2}\s)"),
    Rule("override.instead", "override", 1.0, 1.5,
         r"\b(?:instead|rather than that|new task)\b\W+(?:\w+\W+){0,6}?(?:say|print|output"
         r"|respond|reply|write|answer|translate|send|tell)\b"),
    Rule("override.just_print", "override", 1.5, 2.0,
         r"\b(?:just|only|simply)\s+(?:print|say|output|respond with|reply with|write)"
         r"\s*:?\s*[\"'“‘]"),
    # A reader told to drop the rest of the text it was given to work on.
    Rule("override.ignore_rest", "override", 2.5, 3.0,
         r"\b(?:ignore|disregard|skip|forget)\s+(?:the\s+)?(?:rest|remainder)\s+of\s+(?:this"
         r"|the|that|these|my)\s+(?:data|document|text|article|content|input|page|e-?mail"
         r"|message|file|context|information|info|report|conversation|prompt)\b"),
    Rule("override.stop_everything", "override", 2.0, 2.0,
         r"\bstop (?:everything|what you are doing|all (?:previous )?tasks)\b"),
    Rule("override.chat_template", "override", 2.0, 2.5,
         r"<\|?(?:im_start|im_end|system|endoftext|start_header_id|end_header_id|eot_id)\|?>"
         r"|\[/?inst\]|<</?sys>>"),
    Rule("override.role_marker", "override", 1.0, 1.8,
         r"(?:^|\n)\s*(?:#{1,4}\s*|\[|\*\*)?(?:system|admin|administrator|developer|root)"
         r"\s*(?:message|note|override|instruction|prompt|update|command)?s?\s*(?:\]|\*\*)?\s*:"),
    Rule("override.tag_block", "override", 1.2, 1.8,
         r"<\s*/?\s*(?:instruction|instructions|system|system_prompt|important|admin"
         r"|override|secret|hidden)\s*>"),
    Rule("override.priority_claim", "override", 1.0, 1.5,
         r"\b(?:this|these) (?:instructions?|message|directive) (?:take|takes|has|have)"
         r" (?:priority|precedence)\b|\bhighest priority\b"),
    # --- text that speaks to the model (documents, tool outputs) ------------------------
    Rule("override.inline_role_marker", "override", 1.5, 2.0,
         r"[#(\[<{|]\s*(?:system|admin|administrator|developer|assistant)[ _-]?(?:message|note"
         r"|instruction|prompt|override|update|command)s?\s*[)\]>}|]"),
    Rule("override.before_task", "override", 1.0, 1.5,
         r"\b(?:before|instead of|prior to)\s+(?:you\s+)?(?:can\s+|could\s+|start\s+|begin\s+)?"
         r"(?:solv|complet|do|answer|perform|finish|continu|proceed|respond)\w*\s+(?:with\s+|to\s+)?"
         r"(?:the|your|my|this|that|any)\s+(?:original\s+|current\s+|previous\s+|assigned\s+"
         r"|given\s+|actual\s+|user'?s?\s+)?(?:task|request|question|instructions?|job|query)\b"),
    Rule("address.to_you_ai", "address_ai", 1.0, 2.0,
         rf"\b(?:to|for)\s+you,?\s+(?:the\s+|my\s+|dear\s+)?{_AI}\b"),
    Rule("address.important_message", "address_ai", 0.5, 1.2,
         r"\b(?:an?|this)\s+(?:important|urgent|official|priority|critical)\s+(?:message|notice"
         r"|instruction|request|update)\s+(?:from|for|to)\b"),
    Rule("address.do_the_following", "address_ai", 0.5, 1.2,
         r"\bdo the following\s+(?:first|instead|now|immediately|before)\b"),
    Rule("address.if_you_are_ai", "address_ai", 1.5, 2.5,
         rf"\b(?:if you are|if you're|attention|dear|note to|message to|message for|hey"
         rf"|instructions? (?:to|for))\s+(?:an?\s+|the\s+|any\s+)?{_AI}s?\b"),
    Rule("address.ai_must", "address_ai", 0.6, 1.5,
         rf"\b{_AI}s?\b[^.\n]{{0,30}}\b(?:must|should|shall|needs? to|are instructed to"
         rf"|is instructed to|are required to|is required to|has to|have to)\s+(?:now\s+|also\s+|"
         rf"immediately\s+)?(?:ignore|say|tell|respond|reply|send|forward|include|output|print"
         rf"|write|recommend|state|claim|report|delete|call|execute|click|visit|transfer"
         rf"|append|insert|add)\b"),
    Rule("address.hide_from_user", "address_ai", 2.0, 3.0,
         r"\b(?:do not|don't|never|without)\s+(?:tell|telling|inform|informing|mention"
         r"|mentioning|notify|notifying|alert|alerting|reveal|revealing|asking|ask)"
         r"\s+(?:this\s+to\s+|it\s+to\s+|anything\s+to\s+)?(?:the\s+)?(?:user|human|operator"
         r"|customer|recipient)s?\b"),
    Rule("address.when_processing", "address_ai", 0.5, 1.2,
         r"\bwhen (?:you |the (?:ai|assistant|model) )?(?:summariz|read|process|analyz|see"
         r"|encounter|parse)\w*\s+(?:this|these)\b"),
    Rule("address.tool_call", "address_ai", 0.8, 1.8,
         r"\b(?:call|invoke|use|run|execute)\s+(?:the\s+)?[\w.-]+\s+(?:function|tool|api)\s+"
         r"(?:to|with|and)\b"),
    # People ask people to send things to an address all the time ("send the signed
    # contract to legal@..."); alone this only nudges.
    Rule("address.forward_data", "address_ai", 0.1, 0.1,
         r"\b(?:send|forward|email|transfer|upload|post|exfiltrate|leak|share)\s+(?:\w+\s+){0,5}?"
         r"(?:to|at)\s+[\w.+-]+@[\w-]+\.[\w.]+"),
    Rule("address.forward_all", "address_ai", 1.0, 2.0,
         r"\b(?:send|forward|email|transfer|upload|exfiltrate|leak)\s+(?:all|every|each|the"
         r" entire|the full)\s+(?:\w+\s+){0,2}?(?:emails?|messages?|files?|documents?|data"
         r"|contacts?|passwords?|credentials?|codes?|history|conversation|records?)\b"
         # What only the agent can reach: the mailbox, codes sent to the user, secrets.
         r"|\b(?:send|forward|email|transfer|upload|exfiltrate|leak)\s+(?:me\s+)?(?:the\s+)?"
         r"(?:contents?|body|text)\s+of\s+(?:all|every|the|my|each|any)\b[^.\n]{0,40}"
         r"\b(?:emails?|inbox|messages?|files?|documents?|conversations?|chats?)\b"
         r"|\b(?:send|forward|email|transfer|share|leak)\s+(?:me\s+)?(?:the|my|your|their"
         r"|his|her)\s+(?:\w+\s+){0,2}?(?:security|verification|2fa|one-time|otp|login|mfa"
         r"|reset|auth\w*)\s+(?:code|token|link|pin)s?\b[^.\n]{0,80}\bto\b"),
    # --- prompt extraction --------------------------------------------------------------
    Rule("extraction.reveal_prompt", "extraction", 2.5, 2.5,
         rf"\b(?:reveal|show|print|repeat|output|display|tell|give|share|leak|dump|write out"
         rf"|spell out|recite|provide|list|return|copy|paste|echo|disclose|expose|summarize"
         rf"|translate|read back|type out)\b\W+{gap(4)}{_SECRET_PROMPT}\b"),
    Rule("extraction.what_is_your", "extraction", 2.5, 2.5,
         r"\bwhat (?:is|are|was|were) your (?:exact |full |original |initial |hidden )?"
         r"(?:system prompt|initial prompt|instructions|original instructions|system message"
         r"|rules you (?:follow|were given)|prompt)\b"
         r"|\bwhat (?:is|are|was|were) the (?:exact |full )?(?:system prompt|initial prompt"
         r"|original instructions|system message|hidden instructions|secret instructions)\b"),
    # "Repeat the text above" is also how a user asks for their own text back; the
    # extraction shape names everything, verbatim, or the first words of the prompt.
    Rule("extraction.repeat_above", "extraction", 2.5, 2.5,
         r"\b(?:repeat|print|output|copy|echo|recite|rewrite|reproduce)\b\W+(?:\w+\W+){0,3}?"
         r"(?:everything|all(?: the)? (?:text|words|content|instructions))\W+"
         r"(?:\w+\W+){0,3}?(?:above|before this|prior|preceding|so far|verbatim"
         r"|starting with|you were given)"
         r"|\b(?:repeat|print|output|copy|echo|recite|reproduce)\b\W+(?:\w+\W+){0,3}?"
         r"(?:the text|the words|words|text|content|instructions)\W+(?:\w+\W+){0,3}?"
         r"(?:verbatim|word for word|starting with|you were given|before this conversation"
         r"|before my first message)"),
    Rule("extraction.repeat_above_loose", "extraction", 0.3, 0.5,
         r"\b(?:repeat|print|output|copy|echo|recite|rewrite|reproduce)\b\W+(?:\w+\W+){0,3}?"
         r"(?:the text|the words|words|text|content|instructions)\W+(?:\w+\W+){0,3}?"
         r"(?:above|prior|preceding|so far)"),
    Rule("extraction.paste_prompt", "extraction", 2.5, 3.0,
         r"\b(?:paste|insert|include|put|embed|append)\s+(?:\w+\s+){0,3}?(?:system\s*prompt"
         r"|initial instructions|system message|original instructions|secret key|password)\b"),
    Rule("extraction.mention", "extraction", 0.25, 0.1,
         r"\bsystem\s*-?\s*prompt\b"),
    # --- role-play and "no rules" personas ----------------------------------------------
    Rule("roleplay.do_anything_now", "roleplay", 3.0, 3.0,
         r"\b(?:do anything now|can do anything now)\b"),
    Rule("roleplay.named_persona", "roleplay", 2.5, 2.5,
         r"\b(?:act as|you are|you're|become|pretend to be|called|named|known as)\s+"
         r"(?:an?\s+|the\s+)?(?:dan|stan|dude|aim|mongo tom|evilbot|evil confidant|betterdan"
         r"|anti-?gpt|devmode|jailbroken|dev mode)\b"),
    Rule("roleplay.developer_mode", "roleplay", 2.0, 2.0,
         r"\b(?:developer|dev|god|jailbreak|unrestricted) mode\s+(?:enabled"
         r"|activated|output|response)\b|\b(?:with|in|enter|enable|activate)\s+"
         r"(?:god|jailbreak|unrestricted|sudo|dan) mode\b|\b(?:you|chatgpt|gpt|ai|assistant)"
         r"\s+(?:with|in)\s+developer mode\b"),
    Rule("roleplay.unfiltered_ai", "roleplay", 2.0, 2.0,
         rf"\b(?:unfiltered|uncensored|unrestricted|unlimited|amoral|unethical|unbound|unchained"
         rf"|limitless|jailbroken|rogue|evil|immoral|lawless)\s+(?:and\s+\w+\s+)?(?:{_AI}"
         rf"|version|mode|persona|character|entity)\b"),
    # "No restrictions" is also said of luggage, length and philosophy: a nudge.
    Rule("roleplay.no_restrictions", "roleplay", 0.5, 0.5,
         r"\b(?:no|without|free (?:of|from)|not bound by|unbound by|beyond|free of any"
         r"|ignoring|regardless of)\s+(?:any\s+|all\s+)?(?:moral|ethical|content|safety|openai"
         r"|legal)?\s*(?:restrictions|limits|limitations|filters|filtering|censorship|guidelines"
         r"|boundaries|constraints|morals|ethics|policies|safeguards|rules)\b"),
    Rule("roleplay.persona_without_rules", "roleplay", 2.5, 2.5,
         r"\b(?:pretend|imagine|act as if|act like|role-?play as|play the role of|you are now"
         r"|you're now|simulate|you will be|you are going to)\b[^.\n]{0,80}\b(?:no|without|any"
         r"|free from)\s+(?:\w+\s+)?(?:restrictions|limits|filters|rules|guidelines|ethics"
         r"|morals|censorship|boundaries|constraints)\b"),
    Rule("roleplay.not_bound", "roleplay", 2.5, 2.5,
         r"\b(?:you|assistant|ai|it)\s+(?:are|is|will be)\s+(?:no longer|not)\s+(?:bound|restricted"
         r"|limited|required|constrained|governed)\b|\bbroken free\b|\bfreed from\b"),
    Rule("roleplay.vendor_policy", "roleplay", 1.0, 1.0,
         r"\b(?:openai|anthropic|google|meta|microsoft|mistral)(?:'s)?\s+(?:content\s+|usage\s+)?"
         r"(?:polic(?:y|ies)|guidelines|rules|restrictions|filters)\b"),
    Rule("roleplay.dual_response", "roleplay", 2.5, 2.5,
         r"\[\s*(?:🔓|🔒)?\s*(?:jailbreak|jailbroken|classic|dan|developer mode output"
         r"|normal output|unfiltered)\s*\]"),
    Rule("roleplay.never_refuse", "roleplay", 1.5, 1.5,
         r"\b(?:never|not|don't|do not|without|no|cannot|can't|won't|will not)\s+(?:\w+\s+){0,2}?"
         r"(?:refuse|refusing|decline|apologi[sz]e|apologi[sz]ing|warnings?|disclaimers?"
         r"|moraliz\w*|censor\w*|say (?:no|that you can't|i'm sorry))\b"),
    Rule("roleplay.from_now_on", "roleplay", 0.3, 0.6,
         r"\bfrom now on\b[^.\n]{0,40}\b(?:you are|you will|you're|act|respond|answer|reply"
         r"|behave|you must)\b"),
    Rule("roleplay.stay_in_character", "roleplay", 0.2, 0.2,
         r"\b(?:stay|remain|keep|staying)\s+in\s+character\b|\bbreak(?:ing)? character\b"),
    # Phones are jailbroken too, and people ask what an LLM jailbreak is: a nudge.
    Rule("roleplay.jailbreak_word", "roleplay", 0.4, 0.2, r"\bjail-?br(?:eak|oken|eaking)\b"),
    Rule("roleplay.hypothetical", "roleplay", 0.5, 0.5,
         r"\bhypothetical (?:response|scenario|story|world)\b|\bin a fictional world\b"),
    # --- asking the model to decode hidden payloads -------------------------------------
    # Asking to decode is what programmers do ("how do I decode base64 in Python?"); a
    # nudge. Decoding and then obeying what comes out is the attack.
    Rule("encoding.decode_request", "encoding", 0.3, 0.2,
         rf"\b(?:decode|decrypt|decipher|translate|convert|interpret|read)\b\W+{gap(5)}"
         rf"{_ENCODINGS}\b"),
    # "Decode the following Morse", "convert this hex": a payload handed over to decode.
    Rule("encoding.decode_this", "encoding", 1.5, 1.5,
         rf"\b(?:decode|decrypt|decipher|translate|convert|interpret|read)\s+(?:this|these|the"
         rf" following|the text below|the message below|it|that)\b\W+{gap(3)}{_ENCODINGS}\b"
         rf"|\b{_ENCODINGS}\s*(?:string|text|message|payload|data)?\s*(?:below|follows|:\s*\S)"),
    Rule("encoding.decode_and_obey", "encoding", 2.0, 2.0,
         r"\b(?:decode|decipher|decrypt|translate|convert|unscramble|reverse)\b[^.\n]{0,80}?"
         r"\b(?:and|then)\s+(?:\w+\s+)?(?:follow|execute|do|obey|act on|carry out|comply"
         r"|respond to|answer|perform|run)\b"
         r"|\b(?:follow|execute|obey|carry out|do what|act on|comply with)\b[^.\n]{0,40}?"
         r"\b(?:the\s+)?(?:decoded|encoded|hidden|ciphered|encrypted)\s+(?:text|message"
         r"|instructions?|orders?|commands?|request|string|content)\b"
         r"|\b(?:in your|in the) (?:monologue|inner voice|head|thoughts)\b"
         r"|\bsecure system message\b"),
    # "BASE64 encoded string: ..." labels a payload; "hex encoding" is a topic.
    Rule("encoding.encoded_label", "encoding", 1.2, 1.2,
         rf"\b{_ENCODINGS}\s+(?:encoded|decoded)(?:\s+(?:string|text|message|payload|data))?"
         rf"\s*:"),
    Rule("encoding.encoded_mention", "encoding", 0.2, 0.2,
         rf"\b{_ENCODINGS}\s+(?:encoded|decoded|encoding|string|text|message)\b"),
    Rule("encoding.encoded_decoded", "encoding", 1.5, 1.5,
         r"\bencoded(?: string| text| message)?\s*:[\s\S]{0,600}?\bdecoded(?: string| text)?\s*:"),
    # --- exfiltration channels ----------------------------------------------------------
    Rule("exfiltration.markdown_image", "exfiltration", 1.5, 2.0,
         r"!\[[^\]\n]{0,100}\]\(\s*https?://[^)\s]{1,300}[?&][\w-]+="),
    Rule("exfiltration.markdown_placeholder", "exfiltration", 2.0, 2.5,
         r"!\[[^\]\n]{0,100}\]\(\s*https?://[^)\s]{0,300}(?:\{|\[|\$|%7b|<)"),
    Rule("exfiltration.script", "exfiltration", 0.8, 1.8,
         r"<\s*script\b|\bjavascript:|\bon(?:error|load|mouseover|focus)\s*=|<\s*iframe\b"
         r"|document\.cookie"),
)  # fmt: skip
