"""Rulebook for role-play jailbreaks in English: personas granted leave to drop the rules.

Jailbreak templates change their persona's name every week, so these rules look at what
the persona is said to be allowed or to lack: permission grants ("nsfw is allowed"), an
absent conscience ("no regard for legality"), missing filters, switched-on "modes", and
a duty to answer everything. Each alone is a nudge that needs a second signal; together
they are the shape of a template.
"""

from __future__ import annotations

from ztai.shield.rules import Rule

_FORBIDDEN = (
    r"(?:nsfw|illegal|unethical|immoral|explicit|harmful|dangerous|offensive|violent|sexual"
    r"|graphic|profane|profanity|swearing|cursing|racist|hateful)"
)

RULES_PERSONA: tuple[Rule, ...] = (
    # "nsfw is allowed", "illegal acts are permitted", "you are allowed to say anything".
    Rule("roleplay.permission_grant", "roleplay", 1.2, 1.2,
         rf"\b{_FORBIDDEN}\s+(?:\w+\s+){{0,2}}?(?:is|are|will be|becomes?)\s+(?:now\s+|fully\s+"
         rf"|totally\s+)?(?:allowed|permitted|acceptable|ok|okay|fine|encouraged)\b"
         rf"|\byou (?:are|will be|'re) (?:now\s+)?(?:allowed|permitted|free|able) to (?:say|do"
         rf"|write|generate|produce|answer) (?:anything|everything|whatever)\b"),
    # "does not have any regard for morality, legality", "no moral principles or code".
    Rule("roleplay.no_conscience", "roleplay", 1.2, 1.2,
         r"\b(?:no|without|lacks?|doesn't have|does not have|don't have|do not have|free of"
         r"|devoid of)\s+(?:any\s+)?(?:regard|concern|care|consideration|respect)\s+(?:to|for"
         r"|of|about)\s+(?:the\s+)?(?:moral\w*|legal\w*|ethic\w*|harm\w*|safety|consequences"
         r"|laws?)\b"
         r"|\b(?:no|without|lacks?|doesn't have|does not have|free of|devoid of)\s+(?:any\s+)?"
         r"(?:moral|ethical)\s+(?:principles|code|compass|bias|values|obligations|concerns"
         r"|qualms|standards|boundaries)\b"),
    # "does not have a content filter", "unfilteredly", "uncensored answer".
    Rule("roleplay.no_filter", "roleplay", 1.0, 1.0,
         r"\b(?:no|without|doesn't have|does not have|free of|free from)"
         r"\s+(?:a\s+|any\s+|its\s+|all\s+)?(?:content|safety|moderation|ethical)"
         r"\s+(?:filters?|filtering|moderation|checks|guardrails|layers?)\b"
         r"|\b(?:unfilteredly|unrestrictedly|uncensoredly)\b"
         r"|\b(?:unfiltered|uncensored|unrestricted|liberated|rebel(?:lious)?)\s+(?:response"
         r"|answer|reply|output|tone|version)s?\b"),
    # "GODMODE: ENABLED", "jailbreak mode: on". Developer mode is a phone setting too; the
    # main rule book handles it.
    Rule("roleplay.mode_switch", "roleplay", 1.5, 1.5,
         r"\b(?:god ?mode|jailbreak ?mode|dan ?mode|evil ?mode|unrestricted ?mode"
         r"|no ?filter ?mode)\s*(?:[:=-]\s*)?(?:enabled|activated|engaged|unlocked)\b"
         r"|\b(?:god ?mode|jailbreak ?mode|dan ?mode|evil ?mode)\s*[:=]\s*on\b"),
    # "are no longer governed by typical rules": the subject may sit a clause away.
    Rule("roleplay.no_longer_bound", "roleplay", 1.5, 1.5,
         r"\b(?:are|is|will be|be|now)\s+no longer\s+(?:bound|restricted|limited|governed"
         r"|constrained|subject|obliged|held)\s+(?:by|to)\b"
         r"|\btranscended\s+(?:\w+\s+){0,2}?(?:boundaries|limits|restrictions|rules"
         r"|programming)\b"),
    # "required to answer any prompt", "must answer every question directly".
    Rule("roleplay.answer_everything", "roleplay", 1.0, 1.0,
         r"\b(?:required|obliged|forced|programmed|designed)\s+to\s+(?:answer|respond to"
         r"|fulfil+|comply with)\s+(?:any|every|all)\s+(?:\w+\s+){0,2}?(?:prompts?|questions?"
         r"|requests?|queries|commands?)\b"
         r"|\b(?:never|not ever|do not ever|don't ever)\s+(?:deny|reject|decline|refuse)\w*\s+"
         r"(?:to\s+)?(?:answer\w*|any|a|my|the|respond\w*)\b"),
)  # fmt: skip
