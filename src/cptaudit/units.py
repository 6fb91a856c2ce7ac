"""Statements that tie minutes to billing units ("23 minutes is two units"), computed with the 8-minute rule.

Grammar only: the rule's numbers come from reference/structure.yaml (unit_rule).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .gates import gated

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_UNITS_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# minutes written out, "seven" to "ninety-nine" ("Fifty-two minutes would push the session to four units")
_MINUTE_WORDS = {**{w: n for w, n in _UNITS_WORDS.items() if n >= 5}, **_TEENS, **_TENS,
                 **{f"{t}-{u}": tn + un for t, tn in _TENS.items() for u, un in _UNITS_WORDS.items()},
                 **{f"{t} {u}": tn + un for t, tn in _TENS.items() for u, un in _UNITS_WORDS.items()}}
_N = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a single|a|an|each|every)"
# an hour is written out ("an hour of 97110 is four units"): the hour phrases stand for their minutes
_HOUR_WORDS = {"half an hour": 30, "half-hour": 30, "a half hour": 30, "an hour": 60, "one hour": 60, "1 hour": 60,
               "two hours": 120, "2 hours": 120}
_HOURS = r"half\s+an\s+hour|half-hour|a\s+half\s+hour|an\s+hour|one\s+hour|1\s+hour|two\s+hours|2\s+hours"
_M = (r"(" + _HOURS + r"|\d{1,3}|"
      + "|".join(w.replace(" ", r"\s") for w in sorted(_MINUTE_WORDS, key=len, reverse=True)) + r")")
# where an _M number can begin, on lower-cased text (gates.Gated starts): digits and the number words
_M_STARTS = r"[0-9]|half|a\s+half|an\s+hour|one\s+hour|two\s+hours|" + "|".join(sorted({w.split("-")[0].split(" ")[0] for w in _MINUTE_WORDS}))
_MIN = (_M + r"(?:\s*(?:-|–|to|through)\s*" + _M + r")?(?:[\s-]*(?:(?:total|timed|treatment|billable)\s+){0,2}(?:minutes?|mins?)"
        r"|(?<=hour)|(?<=hours))")
_UNITS = _N + r"\s+(?:billable\s+|timed\s+)?units?\b"
_LINK = (r"(?:=|equals?|is|are|counts?\s+as|bills?\s+as|(?:is|are)\s+billable\s+as|rounds?\s+(?:up\s+)?to|(?:can\s+be\s+|is\s+)?billed\s+as|qualif\w*\s+(?:for|as)|"
         r"gives?(?:\s+you)?|gets|yields?|(?:,\s*)?(?:it|that|this)\s+(?:would\s+have\s+|will\s+|would\s+)become|results?\s+in|translates?\s+(?:to|into)|supports?|allows?(?:\s+you)?(?:\s+to\s+bill)?|"
         r"comes?\s+out\s+(?:to|at)|(?:would\s+have\s+|will\s+)?become|becomes|->|→|=>|"
         # "ran 50 minutes, which we billed as four units"
         r"(?:,\s*)?which\s+(?:we|you|they|i|the\s+clinic)\s+(?:then\s+)?(?:billed|reported|coded|counted)\s+as|"
         r"(?:so\s+|then\s+)?(?:you|we|they|i)\s+(?:would\s+|can\s+|should\s+|may\s+|could\s+)?(?:still\s+|also\s+)?(?:only\s+)?bill|"
         # "..., so you would report two units of 97110", "shows up as two units", ", so the claim can carry three units"
         r",?\s*(?:so\s+|then\s+)(?:you|we|they|i)\s+(?:would\s+|can\s+|should\s+|may\s+|could\s+)?(?:only\s+)?(?:report|code|claim|charge|submit)|"
         r"(?:shows?|showed|turns?|turned)\s+up\s+as|appears?\s+as|"
         r",?\s*(?:so\s+)?(?:the|that|this)\s+(?:claim|visit|session|day|bill)\s+(?:can|could|would|will|may|should)\s+(?:still\s+|only\s+)?"
         r"(?:carry|include|show|list|support|get)|"
         # "Fifty-two minutes would already push the session to four units"
         r"(?:would\s+|will\s+)?(?:already\s+|only\s+)?(?:push|pushes|bump|bumps|take|takes|bring|brings)\s+(?:the\s+\w+|it|you|this|that)\s+(?:up\s+)?to|"
         r"(?:[\w,]+\s+){0,4}?(?:can|may|should|would|could|will|to|(?:you|we|they|i)['\u2019]d)\s+(?:still\s+|only\s+)?bill|,\s*(?:so\s+|then\s+)?bill|gets?\s+you|earns?|"
         # "Forty-five minutes of timed care converts to four units", "At 37 minutes the session has already earned
         # three units", "33 timed minutes, or three units", "stopped at 36 total minutes, the visit would still support"
         r"(?:converts?|converted)\s+(?:in)?to|(?:has\s+|have\s+)?(?:already\s+)?earned|,\s*or|"
         r",\s*(?:the\s+(?:visit|session|day|claim|treatment)|it|that|this)\s+(?:would|will|could|can)\s+(?:still\s+|only\s+)?"
         r"(?:support|get|earn|allow|qualify\s+for|be\s+billed\s+as)|"
         # "If a therapist provides 22 minutes of gait training and nothing else timed, that session supports two units"
         r",\s*(?:the|that|this)\s+(?:visit|session|day|claim|treatment|encounter)\s+(?:still\s+|only\s+)?"
         r"(?:supports|gets|earns|allows|qualifies\s+for|is\s+billed\s+as)|"
         # "18 timed minutes, which is 2 units", "39 minutes, so the software assigns 2 units", "At 53 minutes you
         # are still at three units"
         r",\s*(?:which|that)\s+(?:is|are|equals?|makes?|gives?|would\s+be|comes?\s+to)|"
         r",?\s*so\s+(?:[\w-]+\s+){0,2}?(?:assigns?|gets?|gives?|allows?|supports?|bills?|codes?|reports?)|"
         r"(?:you\s+are|you['\u2019]re|it\s+is|it['\u2019]s|we\s+are|that\s+is)\s+(?:still\s+|only\s+)?at|"
         # "would therefore be reported as", "that means"
         r"(?:(?:can|may|should|would|could|will|must)\s+)?(?:(?:therefore|then|thus|also|still)\s+)?(?:be\s+)?"
         r"(?:billed|reported|coded|counted|charged|submitted)\s+as|(?:that\s+|which\s+)?means?|"
         # "A patient whose exercise lasted 35 minutes can also be billed for three units"
         r"(?:can|may|could|would|should|will)\s+(?:also\s+|still\s+|only\s+)?be\s+billed\s+for|"
         # "33 minutes of therapeutic activities (97530), which is billed as 3 units", "a 25-minute total that bills as
         # a single unit", "52 timed minutes ... produces 4 units"
         r",?\s*(?:which|that)\s+(?:is\s+|are\s+|gets\s+)?(?:then\s+)?(?:billed|bills?|reported|coded|counted|counts?)\s+as|"
         # "the total is 30 timed minutes, which supports two units"
         r",\s*(?:which|that)\s+(?:still\s+|only\s+)?(?:supports?|yields?|earns?|gets?|justifies|allows?)|"
         r"produces?|produced)")
# between the minutes and the link: "of 97110", "of gait training", or a few words naming the session
# ("evaluation under 97161 would"); never another number of minutes (a sum is not one statement), never a
# relative clause ("the 23-to-37-minute band that Medicare counts as two units" is the rule's table)
_BETWEEN = r"(?:\s+(?:of|on|doing)\s+(?:(?!\d+\s*(?:total\s+|timed\s+)?min)[\w\s]){1,40}?(?:\s*\((?:cpt\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\))?|(?:\s+(?!\d+\s*min|(?:that|which|where|when)\b)[\w-]+){1,4}?)?"
# "20 minutes of gait training and no other timed service, you bill two units": minutes that stand alone
_ALONE = (r"(?:\s*,?\s*(?:and\s+|with\s+)?(?:no\s+other\s+(?:timed\s+)?(?:services?|codes?|treatment|minutes)|alone|"
          r"nothing\s+else\s+timed(?:\s+(?:happens|is\s+done|was\s+done|is\s+billed))?|nothing\s+else\s+(?:during|in|on)\s+the\s+(?:visit|session|day)|"
          r"no\s+other\s+timed\s+work|as\s+the\s+only\s+timed\s+(?:service|code|procedure)|"
          r"on\s+(?:its|their)\s+own|by\s+itself|by\s+themselves)(?:\s+that\s+(?:day|visit))?)?")
MINUTES_TO_UNITS = gated(_MIN + _BETWEEN + _ALONE + r"\s*(?:,\s*)?(?:still\s+|also\s+|only\s+)?" + _LINK
                         + r"\s+(?:(?:only|still|just|therefore|thus|then|always)\s+)*" + _UNITS,
                         re.IGNORECASE, starts=_M_STARTS)
# "Total timed minutes of 8 to 22 make one unit": the minutes named first, the number after
MINUTES_OF_N = gated(r"\b(?:(?:total|timed|treatment)\s+){0,2}minutes\s+of\s+" + _M + r"(?:\s*(?:-|–|to|through)\s*" + _M
                     + r")?\s+(?:make|makes|equal|equals|is|are|=|give|gives|count\s+as|support|supports)\s+" + _UNITS,
                     re.IGNORECASE)
# "8 to 29 minutes: 1 unit", "25 minutes of testing: 1 unit": a table row, the minutes right before the colon
MINUTES_COLON_UNITS = gated(_MIN + r"(?:\s+of\s+[\w-]+(?:\s+[\w-]+){0,2}?)?" + _ALONE + r"\s*:\s*(?:only\s+|just\s+)?" + _UNITS,
                            re.IGNORECASE, starts=_M_STARTS)
_BELOW = re.compile(r"\b(?:fewer|less)\s+than\s+$|\b(?:under|below)\s+$", re.IGNORECASE)
# "because it is under 15 minutes it would not be billed at all": a minimum for one unit
UNDER_NOT_BILLABLE = gated(r"\b(?:under|less\s+than|fewer\s+than|below|short\s+of)\s+" + _M + r"[\s-]*minutes?[^.;]{0,30}?"
                                r"\b(?:(?:not|n['’]t|never)\s+(?:be\s+)?(?:billed|billable|reported|counted)|"
                                r"(?:do|does|would|will|should|can|could)\s*(?:not\s+|n['’]t\s+)(?:bill|report|charge)\b)",
                                re.IGNORECASE)
# "12 minutes of iontophoresis cannot be billed": no unit at all for those minutes
NOT_ENOUGH = gated(_MIN + _BETWEEN + r"\s+(?:on\s+its\s+own\s+|alone\s+|by\s+itself\s+)?(?:(?:is|are)\s+not\s+enough\s+for|"
                        # "12 minutes of ultrasound by itself falls short of a billable unit"
                        r"(?:still\s+)?falls?\s+short\s+of|(?:does|do)\s+not\s+(?:reach|add\s+up\s+to|qualify\s+for))\s+"
                        r"(?:a|one|1)\s+(?:full\s+)?(?:billable\s+)?unit\b", re.IGNORECASE, starts=_M_STARTS)
NOT_BILLABLE = gated(_MIN + _BETWEEN + r"\s+(?:cannot|can['’]t|can\s+not|may\s+not|could\s+not|should\s+not|"
                          r"is\s+not|are\s+not|isn['’]t|aren['’]t)\s+(?:be\s+)?(?:billed|billable|reported|reportable|counted)"
                          r"(?!\s+(?:separately|together|with|alongside|under|on|as))", re.IGNORECASE, starts=_M_STARTS)
# "I bill those 35 minutes of 98980 as 2 units"
BILLED_AS_UNITS = gated(r"\b(?:bill|report|code|charge|submit)(?:s|ed|ing)?\s+(?:the\s+|those\s+|these\s+|all\s+)?"
                             + _MIN + r"(?:\s+of\s+[\w\s-]{1,30}?)?\s+as\s+" + _UNITS, re.IGNORECASE)
UNITS_TO_MINUTES = gated(_UNITS + r"(?:\s+of\s+(?:cpt\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])|\s+of\s+(?:therapy|treatment|service|care|time))?\s*(=|equals?|is|for|requires?|needs?|covers?|means|represents?)\s+"
                              r"(?:at\s+least\s+|between\s+|from\s+|a\s+full\s+|one\s+full\s+)?" + _MIN,
                              re.IGNORECASE)
# "Two 15-minute units are counted if a clinician administers manual treatment for 22 minutes": the units, then
# the minutes of the condition
UNITS_IF_MINUTES = gated(r"\b(\d{1,2}|one|a\s+single|two|three|four|five|six)\s+(?:(?:15|fifteen)[- ]minute\s+|billable\s+|timed\s+)?"
                         r"units?\s+(?:are|is|can\s+be|may\s+be|would\s+be|will\s+be)\s+(?:counted|billed|reported|allowed|coded|"
                         r"billable)\s+(?:if|when|once)\b[^.;]{0,60}?\bfor\s+" + _MIN, re.IGNORECASE)
# "may only be billed if performed for 15 minutes": a minimum for billing at all
ONLY_IF = gated(r"\b(?:only|not)\s+(?:be\s+)?(?:billed|billable|reported|counted)\s+(?:if|when|unless)\s+"
                     r"(?:it\s+is\s+|they\s+are\s+)?(?:performed|provided|delivered|done|given)\s+for\s+(?:at\s+least\s+|a\s+full\s+)?"
                     + _M + r"[\s-]*minutes?", re.IGNORECASE)
THRESHOLD = gated(r"(?:need|needs|require|requires|required|must\s+(?:provide|have|spend|deliver)|"
                       r"minimum\s+of|at\s+least)\s+(?:at\s+least\s+)?" + _M + r"\s+(?:\w+\s+)?minutes?"
                       r"[^.;]{0,40}?\bto\s+(?:bill|report|charge|claim)\s+(?:one|a\s+single|a|1)\s+unit", re.IGNORECASE)
# "To bill one unit of 97535 you need at least 15 full minutes": the minimum after the unit
THRESHOLD_AFTER = gated(r"\bto\s+(?:bill|report|charge|claim)\s+(?:one|a\s+single|a|1)\s+unit(?:\s+of\s+(?:cpt\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z]))?"
                        r"\s*,?\s+(?:you|we|they|the\s+(?:therapist|clinician|provider)|a\s+(?:therapist|clinician|provider)|providers?)\s+"
                        r"(?:must\s+|will\s+|would\s+)?(?:need|needs|require|requires|must\s+(?:provide|have|spend|deliver)|"
                        r"should\s+(?:provide|have|spend)|have\s+to\s+(?:provide|spend|deliver))\s+(?:at\s+least\s+|a\s+minimum\s+of\s+)?"
                        r"(?:a\s+full\s+|a\s+complete\s+)?" + _M + r"\s+(?:full\s+|complete\s+|whole\s+)?minutes?", re.IGNORECASE)
# "To bill two units of massage you need at least 30 full minutes", "you need 38 minutes to bill three units":
# where k units start
_K = r"(two|three|four|five|six|2|3|4|5|6)"
THRESHOLD_K = gated(r"\bto\s+(?:bill|report|charge|claim)\s+" + _K + r"\s+(?:billable\s+|timed\s+)?units(?:\s+of\s+[\w-]+(?:\s+[\w-]+)?)?"
                    r"\s*,?\s+(?:you|we|they|the\s+(?:therapist|clinician|provider)|providers?)\s+(?:must\s+|will\s+|would\s+)?"
                    r"(?:need|needs|require|requires|must\s+(?:provide|have|spend|deliver)|have\s+to\s+(?:provide|spend|deliver))\s+"
                    r"(?:at\s+least\s+|a\s+minimum\s+of\s+)?" + _M + r"\s+(?:full\s+|complete\s+|whole\s+|total\s+|timed\s+)?minutes?"
                    r"|\b(?:need|needs|require|requires|required)\s+(?:at\s+least\s+|a\s+minimum\s+of\s+)?" + _M
                    + r"\s+(?:\w+\s+)?minutes?[^.;]{0,30}?\bto\s+(?:bill|report|charge|claim)\s+" + _K + r"\s+units\b", re.IGNORECASE)
# "A fifth unit requires at least 71 total timed minutes", "You need a full 60 minutes before a fourth unit can be
# billed": where the k-th unit starts
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
             "6th": 6}
_ORDINAL = r"(second|third|fourth|fifth|sixth|2nd|3rd|4th|5th|6th)"
_AT_LEAST = r"(?:at\s+least\s+|a\s+full\s+|a\s+minimum\s+of\s+|a\s+total\s+of\s+|full\s+)?"
ORDINAL_UNIT = gated(r"\b(?:a|the)\s+" + _ORDINAL + r"\s+(?:billable\s+)?unit(?:\s+of\s+(?:cpt\s+)?(?:\d{4}[0-9A-Z]|[A-Z]\d{4}))?"
                     r"\s+(?:requires?|needs?|takes?|(?:only\s+)?(?:starts?|begins?|kicks\s+in)"
                     r"\s+at|is\s+(?:earned|reached|added)\s+at"
                     # "the third unit does not begin until 45 minutes": where it begins
                     r"|(?:does\s+not|doesn['\u2019]t|will\s+not|won['\u2019]t|cannot|can['\u2019]t|is\s+not|isn['\u2019]t)\s+"
                     r"(?:start|begin|kick\s+in|(?:be\s+)?(?:billed|added|earned|billable))\s+until)\s+" + _AT_LEAST + _M + r"\s+(?:(?:total|timed)\s+){0,2}minutes?"
                     r"|\b(?:need|needs|require|requires)\s+" + _AT_LEAST + _M + r"\s+(?:(?:total|timed)\s+){0,2}minutes?\s+"
                     r"(?:before|for)\s+(?:a|the)\s+" + _ORDINAL + r"\s+(?:billable\s+)?unit\b", re.IGNORECASE)
# "the third unit only starts once you reach 45 minutes", "A second unit can be added once the visit passes 45
# minutes" (passing 45 minutes is reaching 46)
ORDINAL_UNIT_ONCE = gated(r"\b(?:a|the)\s+" + _ORDINAL + r"\s+(?:billable\s+)?unit\s+(?:only\s+)?(?:starts?|begins?|kicks\s+in|"
                          r"can\s+be\s+(?:added|billed|reported)|is\s+(?:added|earned|billable))\s+(?:once|when|after)\s+"
                          r"(?:you\s+|the\s+(?:visit|session|treatment|total|time)\s+)?(?:(reach(?:es)?|hit(?:s)?|get\s+to|gets\s+to)|"
                          r"(pass(?:es)?|exceed(?:s)?|go(?:es)?\s+past|go(?:es)?\s+over))\s+(?:the\s+)?" + _M
                          + r"\s+(?:(?:total|timed)\s+){0,2}(?:minutes?|-minute\s+mark)", re.IGNORECASE)
FULL_BLOCK = gated(r"\b(?:each|every|one|a)\s+(?:billable\s+)?unit\b(?:(?!\bunits?\b)[^.;]){0,30}?\b(?:(?:must|should|has\s+to|needs\s+to|"
                        r"is\s+required\s+to)\s+(?:be|last|include|represent|equal|contain)\s+(?:at\s+least\s+|a\s+minimum\s+"
                        r"of\s+|one\s+|a\s+)?(?:complete\s+|full\s+|whole\s+)?|"
                        # "each unit equals one complete 15-minute block": a whole block, not the 8-minute rule
                        r"(?:equals?|is|means|represents?|requires?|needs?)\s+(?:at\s+least\s+)?(?:one\s+|a\s+)?"
                        r"(?:complete|full|whole|entire)\s+)"
                        + _M + r"[- ]minutes?"
                        # "Each complete 15-minute block equals 1 unit"
                        r"|\b(?:each|every|one|a)\s+(?:complete|full|whole|entire)\s+" + _M + r"[- ]minutes?\s+"
                        r"(?:block|increment|period|interval|segment)\s+(?:equals?|is|=|counts\s+as|gets|earns|makes)\s+"
                        r"(?:one|1|a)\s+(?:billable\s+)?unit", re.IGNORECASE)
UNDER_IS_BILLABLE = gated(r"(?:(?:less\s+than|under|fewer\s+than)\s+" + _M + r"\s+minutes?|" + _M + r"\s+minutes?\s+or\s+"
                               r"(?:less|fewer))[^.;]{0,50}?\b(?:(?:can|may|could|should|will)\s+(?:still\s+)?be\s+"
                               r"(?:billed|reported|counted|charged)\s+as|(?:still\s+)?(?:earns?|gets?|counts?\s+as|"
                               r"qualif\w+\s+(?:for|as)|bills?\s+as))\s+(?:one|a|1)\s+(?:full\s+)?unit"
                               # "This is billed as one unit, since anything under 15 minutes rounds up"
                               r"|\b(?:anything|everything|any\s+time|time)\s+(?:under|below|less\s+than)\s+" + _M
                               + r"\s+minutes?\s+(?:still\s+|always\s+)?rounds?\s+up\b",
                               re.IGNORECASE)


# "bill two units of 97012", "that's three units of 97165 on the claim": a count of units of the code after it
UNITS_OF_CODE = gated(r"\b(\d{1,2}|one|a\s+single|a|two|three|four|five|six|seven|eight|nine|ten|multiple|several)\s+"
                           r"(?:billable\s+|timed\s+|separate\s+)?units?\s+(?:of|for|on)\s+(?:(?:cpt|hcpcs)\s+)?(?:code\s+)?$",
                           re.IGNORECASE)


# "97022 x 2", "billed with 97150 at three units", "97530 (2 units)": a count of units written after the code
UNITS_AFTER_CODE = re.compile(r"\s*(?:x|×|\*)\s*(\d{1,2})\b(?!\s*(?:min|%|sq))|\s+(?:at|for|with|as)\s+(\d{1,2}|one|two|three|four|"
                              r"five|six)\s+(?:billable\s+|timed\s+)?units?\b|\s*\((\d{1,2}|one|two|three|four)\s+units?\)",
                              re.IGNORECASE)


# "whether the stimulation lasted 8 minutes or 25 minutes, one unit", "a 20-minute session and a 50-minute
# session each support a single unit": the same units for any length of time is a service billed once
_ONE_UNIT = r"(?:(?:a|one)\s+(?:single\s+)?unit|exactly\s+the\s+same(?:\s+way)?|the\s+same\s+way|the\s+same\s+units?)"
_LENGTH = r"(?:\d{1,3}|" + "|".join(sorted(_MINUTE_WORDS, key=len, reverse=True)) + r")"
ANY_DURATION = re.compile(
    r"\bwhether\b[^.;]{0,60}?\b" + _LENGTH + r"[\s-]*(?:minutes?|mins?)?\s+or\s+(?:for\s+)?" + _LENGTH + r"\b"
    r"(?:[\s-]*(?:minutes?|mins?))?(?=[^.;]{0,80}?" + _ONE_UNIT + r"|\s*,?\s*[^.;]{0,60}?" + _ONE_UNIT + r")"
    r"|" + _ONE_UNIT + r"[^.;]{0,60}?\bwhether\b[^.;]{0,60}?\b" + _LENGTH + r"[\s-]*(?:minutes?|mins?)?\s+or\s+(?:for\s+)?"
    + _LENGTH + r"\b"
    r"|\b(?:a|an)\s+" + _LENGTH + r"-minute\s+[\w\s-]{0,30}?\band\s+(?:a|an)\s+" + _LENGTH + r"-minute\b[^.;]{0,40}?"
    r"(?:each\s+)?(?:supports?|gets?|earns?|(?:are|is)\s+(?:billed|reported|coded))\s+" + _ONE_UNIT,
    re.IGNORECASE)


def any_duration_spans(text: str) -> list[tuple[int, int]]:
    """Spans that say a service gets the same units however long it lasts."""
    if " or " not in text and " and " not in text:
        return []
    return [(m.start(), m.end()) for m in ANY_DURATION.finditer(text)]


def units_after(text: str, at: int) -> Optional[tuple[int, int]]:
    """(count, where the phrase ends) for a count of units written right after a code ending at `at`."""
    m = UNITS_AFTER_CODE.match(text, at)
    if m is None:
        return None
    return _count(m.group(1) or m.group(2) or m.group(3)), m.end()


_LIMIT = re.compile(r"\b(?:more\s+than|over|above|exceeding|in\s+excess\s+of|beyond|up\s+to|a\s+maximum\s+of|"
                    r"no\s+more\s+than|at\s+most)\s+$", re.IGNORECASE)


def units_before(text: str) -> Optional[tuple[int, int]]:
    """(count, where the phrase starts) for 'two units of' ending text, or None; 'multiple' and 'several'
    count as 2."""
    m = UNITS_OF_CODE.search(text)
    if m is None or _LIMIT.search(text, 0, m.start()):
        return None                       # "more than 2 units of 97035 triggers a denial": a limit, not a count
    word = m.group(1).lower()
    return (2 if word in ("multiple", "several") else _count(word)), m.start()


@dataclass
class UnitStatement:
    start: int
    end: int
    text: str
    low: int              # minutes stated (a range low-high, or low == high)
    high: int
    units: Optional[int]  # units stated; None for thresholds
    form: str             # "pair" | "threshold" | "under_billable" | "unit_size"


def _minutes(word: Optional[str]) -> Optional[int]:
    if word is None:
        return None
    if word.isdigit():
        return int(word)
    word = " ".join(word.lower().split())
    return _HOUR_WORDS.get(word) or _MINUTE_WORDS[word]


def _count(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.replace("a single", "single"), 1)


_NOT_UNTIL = re.compile(r"(?:\bnot|n't|n\u2019t)\s+(?:start|begin|kick\s+in|(?:be\s+)?(?:billed|added|earned|billable))\s+until\b",
                        re.IGNORECASE)
_DENIED_IN = re.compile(r"\b(?:not|never|no\s+longer)\b|n't\b|n\u2019t\b", re.IGNORECASE)


def _thresholds(text: str, *patterns: re.Pattern) -> list[UnitStatement]:
    """Minimums for one unit: each pattern's first group is the minutes."""
    return [UnitStatement(m.start(), m.end(), m.group(0), n, n, 1, "threshold")
            for pattern in patterns for m in pattern.finditer(text)
            for n in [_minutes(next(g for g in m.groups() if g is not None))]]


# "Sixty minutes of timed treatment, for instance, supports five units": an aside inside the statement
_ASIDE = re.compile(r",\s*(?:for\s+(?:instance|example)|say|e\.g\.|in\s+other\s+words|in\s+short)\s*,", re.IGNORECASE)


def find_statements(text: str) -> list[UnitStatement]:
    """Statements in one sentence; a threshold or 'under N minutes' reading wins over a plain pair."""
    found: list[UnitStatement] = []
    if "," in text and _ASIDE.search(text):
        text = _ASIDE.sub(lambda m: " " * len(m.group(0)), text)     # offsets stay the sentence's
    lower = text.lower()
    if "unit" not in lower and text.isascii():
        if "bill" not in lower or "min" not in lower:
            return found                      # every pattern below needs "unit", or "bill" and minutes
        only_billing = True                   # "12 minutes of 97033 cannot be billed": no unit named
    else:
        only_billing = False
    found.extend(_thresholds(text, ONLY_IF, UNDER_NOT_BILLABLE))
    for m in NOT_ENOUGH.finditer(text):
        low = _minutes(m.group(1))
        found.append(UnitStatement(m.start(), m.end(), m.group(0), low, _minutes(m.group(2)) or low, 0, "pair"))
    for m in NOT_BILLABLE.finditer(text):
        if _BELOW.search(text[:m.start()]):
            continue                          # "fewer than eight minutes are not billed": the rule itself
        low = _minutes(m.group(1))
        found.append(UnitStatement(m.start(), m.end(), m.group(0), low, _minutes(m.group(2)) or low, 0, "pair"))
    if only_billing:
        return sorted(found, key=lambda st: st.start)
    for m in UNDER_IS_BILLABLE.finditer(text):
        n = _minutes(next(g for g in m.groups() if g))
        found.append(UnitStatement(m.start(), m.end(), m.group(0), n, n, 1, "under_billable"))
    # "a unit does not require a complete 15-minute block" states the rule
    found.extend(t for t in _thresholds(text, FULL_BLOCK, THRESHOLD, THRESHOLD_AFTER) if not _DENIED_IN.search(t.text))
    for m in THRESHOLD_K.finditer(text):
        k, n = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        found.append(UnitStatement(m.start(), m.end(), m.group(0), _minutes(n), _minutes(n), _count(k), "threshold"))
    for m in ORDINAL_UNIT.finditer(text):
        ordinal = m.group(1) or m.group(4)
        n = _minutes(m.group(2) or m.group(3))
        if not _DENIED_IN.search(m.group(0)) or _NOT_UNTIL.search(m.group(0)):   # "not ... until" says where it starts
            found.append(UnitStatement(m.start(), m.end(), m.group(0), n, n, _ORDINALS[ordinal.lower()], "threshold"))
    for m in ORDINAL_UNIT_ONCE.finditer(text):
        n = _minutes(m.group(4)) + (1 if m.group(3) else 0)
        found.append(UnitStatement(m.start(), m.end(), m.group(0), n, n, _ORDINALS[m.group(1).lower()], "threshold"))
    for m in UNITS_TO_MINUTES.finditer(text):
        low = _minutes(m.group(3))
        high = _minutes(m.group(4)) or low
        form = "threshold" if m.group(2).lower().startswith(("require", "need")) and low == high else "pair"
        if m.group(1).lower() in ("each", "every") and form == "pair" and low == high:
            form = "unit_size"                # "Each unit of therapy is 15 minutes": how long a unit is
        found.append(UnitStatement(m.start(), m.end(), m.group(0), low, high, _count(m.group(1)), form))
    for m in UNITS_IF_MINUTES.finditer(text):
        low = _minutes(m.group(2))
        found.append(UnitStatement(m.start(), m.end(), m.group(0), low, _minutes(m.group(3)) or low,
                                   _count(m.group(1)), "pair"))
    for m in BILLED_AS_UNITS.finditer(text):
        low = _minutes(m.group(1))
        found.append(UnitStatement(m.start(), m.end(), m.group(0), low, _minutes(m.group(2)) or low,
                                   _count(m.group(3)), "pair"))
    for m in [*MINUTES_TO_UNITS.finditer(text), *MINUTES_COLON_UNITS.finditer(text), *MINUTES_OF_N.finditer(text)]:
        if _BELOW.search(text[:m.start()]):
            continue                          # "Fewer than 8 minutes: 0 units": the rule's floor
        low = _minutes(m.group(1))
        found.append(UnitStatement(m.start(), m.end(), m.group(0), low, _minutes(m.group(2)) or low,
                                   _count(m.group(3)), "pair"))
    kept: list[UnitStatement] = []
    for statement in found:
        if not any(k.start < statement.end and statement.start < k.end for k in kept):
            kept.append(statement)
    return sorted(kept, key=lambda s: s.start)


def units_for(minutes: int, unit_minutes: int, first_minimum: int) -> int:
    """Units Medicare allows for a total of timed minutes."""
    return 0 if minutes < first_minimum else (minutes - first_minimum) // unit_minutes + 1


def check(statement: UnitStatement, unit_minutes: int, first_minimum: int) -> tuple[bool, str]:
    """(holds, what the rule says) for one statement."""
    if statement.form == "unit_size":
        return statement.low == statement.high == unit_minutes, f"each unit is {unit_minutes} minutes of timed service"
    if statement.form == "threshold":
        units = statement.units or 1
        need = first_minimum + (units - 1) * unit_minutes      # 2 units need 23 minutes, 3 units 38
        if units == 1:
            return statement.low == need, f"one unit needs at least {need} minutes of timed service"
        return statement.low == need, f"{units} units need at least {need} minutes of timed service"
    if statement.form == "under_billable":
        return False, f"fewer than {first_minimum} minutes of a timed service is not billable on its own"
    low_units = units_for(statement.low, unit_minutes, first_minimum)
    high_units = units_for(statement.high, unit_minutes, first_minimum)
    if low_units == high_units:
        truth = f"{statement.low}" + (f"-{statement.high}" if statement.high != statement.low else "") + \
            f" minutes = {low_units} unit{'s' if low_units != 1 else ''}"
    else:
        plural = lambda n: f"{n} unit{'s' if n != 1 else ''}"  # noqa: E731
        truth = f"{statement.low} minutes = {plural(low_units)} and {statement.high} minutes = {plural(high_units)}"
    return low_units == high_units == statement.units, truth + " under the 8-minute rule"


# ---------------------------------------------------------------- totals over several services

# "25 minutes of 97110", and after a first item "10 of 97110"
_ITEM = re.compile(_M + r"(?:[\s-]*(?:minutes?|mins?)\s+(?:of|on|for|with|doing)\b|\s+of\s+(?=(?:cpt\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\b)|"
                   # "a 40-minute 97162 plus 10 minutes of 97110"
                   r"-minute\s+(?=(?:cpt\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\b))",
                   re.IGNORECASE)
_ITEM_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|plus\s+)?|and\s+|plus\s+|with\s+|\+\s*|&\s*)(?:then\s+|another\s+)?$", re.IGNORECASE)
_RESULT = re.compile(r"[^.;:]{0,80}?(?:=|->|→|:|\b(?:is|are|equals?|gets?|got|supports?|totals?|totaling|totalling|gives?|yields?|"
                     r"means?|makes?|comes?\s+to|adds?\s+up\s+to|rounds?\s+(?:up\s+|down\s+)?to|bill|bills|billed\s+as|"
                     r"would\s+be|results?\s+in)(?:\s+(?:you|us|them))?)\s*"
                     r"(?:(?:a\s+total\s+of|only|just|still|therefore|then)\s+)*"
                     r"(?:(\d{1,2}|no|zero|one|two|three|four|five|six|seven|eight|a\s+single|a)\s+(?:billable\s+|timed\s+)?units?\b"
                     r"|(\d{1,3})\s+(?:total\s+|timed\s+)*minutes?[^.;]{0,40}?(?:\b(?:is|are|=|equals?|supports?|means?|which\s+is|"
                     # "... 24 timed minutes, which the module bills as one unit", "... is 53 minutes, still three units"
                     r"or|for|gives?|bills?\s+as|billed\s+as|counts?\s+as|rounds?\s+(?:up\s+|down\s+)?to|and|carry|carries|allows?)|,)\s+"
                     r"(?:(?:a\s+total\s+of|only|just|still)\s+)*"
                     r"(\d{1,2}|no|zero|one|two|three|four|five|six|a\s+single|a)\s+(?:billable\s+|timed\s+)?units?\b)", re.IGNORECASE)
# "20 minutes of 97140 and 20 minutes of 97110 on the same date, two units in total are supported"
_RESULT_AFTER = re.compile(r"[^.;:]{0,40}?,\s*(\d{1,2}|no|zero|one|two|three|four|five|six)\s+(?:billable\s+|timed\s+)?units?\s+"
                           r"(?:in\s+total\s+|total\s+)?(?:are|is|can\s+be|may\s+be|would\s+be)\s+(?:supported|billable|"
                           r"billed|allowed|reported|justified)\b()()", re.IGNORECASE)
CODED_SUM = gated(r"((?:(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\s*(?:x\s*)?\(?\d{1,3}\s*min(?:utes?|s)?\)?\s*(?:\+|and|plus)\s*)+"
                       r"(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\s*\(?\d{1,3}\s*min(?:utes?|s)?\)?)\s*=\s*(\d{1,3})\s*(?:total\s+|timed\s+)*min(?:utes?|s)?"
                       r"\s*(?:->|→|=|:|,?\s*(?:which\s+is|is|gives|so|for))\s*(\d{1,2}|no|zero|one|two|three|four|five|six)\s+units?\b",
                       re.IGNORECASE)
_CODED_ITEM = re.compile(r"((?:[A-Z]\d{4}|\d{4}[0-9A-Z]))\s*(?:x\s*)?\(?(\d{1,3})\s*min", re.IGNORECASE)
ARITHMETIC = gated(r"\b(\d{1,3}(?:\s*\+\s*\d{1,3})+)\s*(?:=|(?:minutes\s+)?(?:you\s+have|gives(?:\s+you)?|makes|equals|"
                        r"totals|comes\s+to|adds\s+up\s+to))\s*(\d{1,3})\b(?:\s*(?:total\s+|timed\s+)*minutes?)?"
                        r"[^.;]{0,40}?\b(?:is|are|=|equals?|supports?|means?|for|gives?|or|bill|rounds?\s+(?:up\s+|down\s+)?to)\s+"
                        r"(?:(?:a\s+total\s+of|only|just|still)\s+)*(\d{1,2}|no|zero|one|two|three|four|five|six|a\s+single|a)"
                        r"\s+(?:billable\s+|timed\s+)?units?\b", re.IGNORECASE)


@dataclass
class MinutesTotal:
    """'10 minutes of 97112 and 10 minutes of 97116 gets no units': minutes of several services and the
    units said for them together (items: (minutes, start, end) in the sentence)."""

    start: int
    end: int
    text: str
    items: list[tuple[int, int, int]]
    units: int
    stated_total: Optional[int] = None     # "15 + 8 + 15 = 38": the writer's own sum


_ALLOTTED = re.compile(r"(\d{1,2}|one|two|three|four|five|a\s+single|a)\s+(?:billable\s+|timed\s+)?units?\s+(?:of|for)\b",
                       re.IGNORECASE)


# "97750 gets 1 unit and 97110 gets 1 unit"
_ALLOTTED_TO = re.compile(r"\b(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\s+(?:gets?|receives?|takes?|earns?)\s+(\d{1,2}|one|two|three|four|five|a\s+single|a)"
                          r"\s+(?:billable\s+|timed\s+)?units?\b", re.IGNORECASE)


def _allotted(text: str, result: re.Match) -> Optional[int]:
    """'we would bill one unit of 97110 and one unit of 97140': units given code by code add up."""
    rest = text[result.start():]
    stop = re.search(r"[.;]", rest)
    rest = rest[:stop.start()] if stop else rest
    shares = _ALLOTTED.findall(rest) or _ALLOTTED_TO.findall(rest)
    return sum(_count(w) for w in shares) if len(shares) >= 2 else None


def _units_word(word: str) -> int:
    word = word.lower()
    return 0 if word in ("no", "zero") else _count(word)


def find_totals(text: str) -> list[MinutesTotal]:
    """Sums of minutes across services in one sentence, with the units claimed for the sum."""
    lower = text.lower()
    if "unit" not in lower or "min" not in lower:
        return []
    found: list[MinutesTotal] = []
    for m in CODED_SUM.finditer(text):
        # an item's span is put at its code, which the linker reads back
        items = [(int(i.group(2)), m.start(1) + i.start(1), m.start(1) + i.start(1))
                 for i in _CODED_ITEM.finditer(m.group(1))]
        found.append(MinutesTotal(m.start(), m.end(), m.group(0), items, _units_word(m.group(3)),
                                  stated_total=int(m.group(2))))
    for m in ARITHMETIC.finditer(text):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        numbers = [int(n) for n in re.findall(r"\d{1,3}", m.group(1))]
        found.append(MinutesTotal(m.start(), m.end(), m.group(0), [(n, m.start(), m.end()) for n in numbers],
                                  _units_word(m.group(3)), stated_total=int(m.group(2))))
    items = list(_ITEM.finditer(text))
    run: list[re.Match] = []
    for item in items + [None]:
        if item is not None and run and _ITEM_JOIN.search(text[:item.start()]) and \
                len(text[run[-1].end():item.start()].split()) <= 6:
            run.append(item)
            continue
        if len(run) >= 2:
            result = _RESULT.match(text, run[-1].end()) or _RESULT_AFTER.match(text, run[-1].end())
            if result and not any(f.start <= run[0].start() < f.end for f in found):
                units = result.group(1) or result.group(3)
                allotted = _allotted(text, result)
                stated = int(result.group(2)) if result.group(2) else None
                found.append(MinutesTotal(run[0].start(), result.end(), text[run[0].start():result.end()],
                                          [(_minutes(r.group(1)), r.start(), r.end()) for r in run],
                                          allotted if allotted is not None else _units_word(units),
                                          stated_total=stated))
        run = [item] if item is not None else []
    return sorted(found, key=lambda t: t.start)
