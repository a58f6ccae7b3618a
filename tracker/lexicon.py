"""The words the drafting rules look for, in English and Spanish: ask cues (a directive
addressed to someone: the urge / call on / ask / request / recommend families, "please",
modals, "es urgente que", wishes, impersonal and third-person requests...), who the writers are
and which bodies only get quoted, what makes a modal no ask, organisation words, countries, theme
keywords and the bridges between languages and names. Kept apart from the rules so a person can
read (and extend) what the draft reacts to. Context, concern and praise need no list: a
sentence without a directive is not an ask, and what comes before the directive is cut."""

from __future__ import annotations


def words_of(text: str) -> list[str]:
    """A word list written as one string (easier to read and extend than a list literal)."""
    return text.split()


# --- asks ---------------------------------------------------------------------------------------
# A cue: a regular expression, matched case-insensitively; the words it matches are shown to
# the officer as the reason the sentence was taken.
ASK_CUES_EN = [
    # ("we, the undersigned organisations, are writing to ask", "we, the undersigned, are calling
    # on": an apposition may come between)
    r"\b(?:we|i)(?:\s*,[^,.;]{1,80},)?\s+(?:\w+\s+){0,3}?(?:urg(?:e|ing)|call(?:ing)?\s+(?:on|upon)|"
    r"ask(?:ing)?|request(?:ing)?|recommend|encourage|implore|appeal\s+to|press|invite|exhort|"
    r"demand|petition(?:ing)?)\b(?!\s+(?:\w+\s+){0,2}?questions?\b)",
    # the letter's purpose: "the point of this letter is to ask you to"
    r"\b(?:is|was)\s+to\s+(?:ask|urge|request|call\s+(?:on|upon))\s+(?:you|your|the|all|(?-i:[A-Z]))",
    # a third person's call is the letter's own only when its subject is the letter or its
    # signers (drafting.REPORTED leaves out a resolution's or a court's "calls on")
    r"\b(?:urges?|calls?\s+(?:on|upon)|asks|requests)\s+(?:you|your|the|that|all|both|congress|"
    r"president|secretary|(?-i:[A-Z]))",
    r"\b(?:we|i)\s+(?:\w+\s+){0,2}(?:call|calling)\s+for\b",
    r"\bcalls\s+for\s+the\b",  # ("a call for the release" is a noun: no ask)
    # the writers take up another's call: "we reiterate the recent call by Parliament for"
    r"\bwe\s+(?:\w+\s+)?(?:reiterate|echo|join|support|endorse|renew|amplify)\s+(?:\w+\s+){0,3}?"
    r"calls?\b",
    # (or subscribe to it, or add their voice to those who make it: "we subscribe to the call of
    # the Council asking for", "we add our voices to those of the doctors calling for")
    r"\bwe\s+(?:\w+\s+)?(?:subscribe|adhere)\s+to\s+(?:\w+\s+){0,3}?(?:calls?|demands?|appeals?)\b",
    r"\bwe\s+(?:\w+\s+)?add\s+our\s+(?:\w+\s+)?voices?\s+to\b[^.;:]{0,120}?\b(?:call(?:s|ing)?|"
    r"demand(?:s|ing)?|urg(?:e|es|ing)|ask(?:s|ing)?|appeal(?:s|ing)?)\b",
    r"\b(?:we\s+)?(?:respectfully\s+|strongly\s+|also\s+|further\s+)*(?:recommend|request|urge|seek)\s+"
    r"that\b",
    # (insisting that a thing is so is no request: "we insist that the dam was built badly")
    r"\bwe\s+(?:\w+\s+)?insist\s+that\b(?![^.;:]{0,60}\b(?:was|were|is|are|has|had|did|will)\b)",
    # "we seek your commitment to", "we seek an urgent meeting"
    r"\b(?:we|i)\s+(?:\w+\s+)?seek\s+(?:your|the|a|an|urgent|immediate)\b",
    # an actor's duty: "the government has an obligation to publish" (not the writers' own)
    r"(?<!\bwe\s)(?<!\bi\s)(?<!\bwho\s)(?<!\bthat\s)(?<!\bwhich\s)\b(?:has|have)\s+(?:an?\s+|the\s+)?"
    r"(?:legal\s+|moral\s+|clear\s+|urgent\s+|special\s+)?(?:obligation|responsibility|duty)\s+"
    r"to\s+(?!the\b|a\b|an\b|its\b|their\b|our\b)(?=[a-z])",
    r"\b(?:we|i)\s+(?:\w+\s+)?(?:hope|trust|expect)\s+(?:that\s+)?(?:you|your\s+(?:\w+\s+){0,2}?\w+)\s+"
    r"will\b",
    # a hope that a thing be done: "(we welcome the offer,) and hope that this dialogue will be
    # initiated shortly" (not a hope about the writers' own doing)
    r"\b(?:(?:we|i)\s+(?:\w+\s+)?|(?<=\band\s))hope\s+that\s+(?!we\b|i\b)(?=(?:[\w'’-]+\s+){1,6}?will\s+be\s+"
    r"\w+(?:ed|en|wn)\b)",
    # a step proposed: "one such step would be to release...", "a first step is to publish"
    r"\b(?:one|a|the|an)\s+(?:such\s+|first\s+|concrete\s+|good\s+|important\s+|immediate\s+|"
    r"necessary\s+|next\s+)*(?:step|measure)\s+(?:would\s+be|is|will\s+be|should\s+be)\s+to\s+(?=[a-z])",
    r"\bwe\s+(?:\w+\s+)?(?:propose|suggest)\s+that\b",
    # the writers' purpose in writing, however far: "we are writing to you to express our
    # dismay at ... and to call for their release"
    # (an apposition may come between: "We, over 100 organizations, write to you ... to call on")
    r"\b(?:we|i)(?:\s*,\s*[^,.;:]{1,80}?,?)?\s+(?:are\s+|am\s+)?writ(?:e|ing)\b[^.;:]{0,200}?\bto\s+(?:\w+ly\s+)?(?:urge|call\s+(?:on|upon|"
    r"for)|ask|request|demand|recommend|encourage|press)\b",
    r"\bwe\s+(?:\w+\s+)?(?:look\s+to|count\s+on|rely\s+on)\s+you\s+to\b",
    # "with this letter we want to bring our concerns to your attention and to request that"
    r"\b(?:we|i)\s+(?:want|wish|would\s+like|write|are\s+writing)\b[^.;:]{0,200}?\band\s+to\s+(?:request|ask|"
    r"urge|call\s+(?:on|upon))\b",
    # a suggestion put impersonally: "it would also be useful for the ministry to publish"
    r"\bit\s+would\s+(?:also\s+)?be\s+(?:useful|helpful|advisable|desirable|important|valuable)\s+"
    r"(?:for\s+(?:[\w.'’-]+\s+){1,6}?)?to\s+(?!(?:note|recall|mention|remember|stress|highlight)\b)"
    r"(?=[a-z])",
    # "please" and an action, but not the closing formulas ("please do not hesitate to...")
    r"\b(?:please|kindly)\s+(?!(?:do\s+not|don't)\s+hesitate|find|note|see|let\s+us|contact|"
    r"feel|accept|be\s+assured|refer|reach|call\s+(?:me|us))(?:do\s+not\s+|don't\s+|never\s+)?"
    r"[a-z]{3,}",
    r"\bour\s+(?:main\s+|key\s+|first\s+|second\s+|final\s+)?(?:request|recommendation|ask)s?\s+"
    r"(?:is|are)\b",
    # a demand numbered in words: "The first demand is to open...", "the second request is"
    r"\bthe\s+(?:first|second|third|fourth|fifth|sixth|final|last|next|main)\s+(?:demand|request|"
    r"ask|recommendation|call)\s+(?:is|would\s+be)\b",
    # necessity said of an action: "it is essential that...", "... to ...", "for the ministry to",
    # and with "that" left out before a passive: "it is imperative this report be published"
    # (not what matters, "critical to the protection", "vital to restoring", nor the writers'
    # own resolve, "it is crucial that we stand together")
    r"(?<!\bthat\s)(?<!\bwhich\s)\b(?:it\s+is|is)\s+(?:(?:also|therefore|thus|now|equally|"
    r"absolutely)\s+)?(?:essential|imperative|critical|vital|crucial|"
    r"urgent|necessary|important(?=\s+that))\s+"
    r"(?:that(?!\s+we\b)|for\s+(?:[\w.'’-]+\s+){1,6}?to(?=\s)|(?=(?:[\w.'’-]+\s+){1,6}(?:not\s+)?be\s+"
    r"\w+(?:ed|en|wn)\b))",
    # (and "to" an action only after a dummy "it": "it is vital to act"; a noun's "is essential to
    # bring about change" says what the noun is good for, an argument)
    r"\bit\s+is\s+(?:(?:also|therefore|thus|now|equally|absolutely)\s+)?(?:essential|imperative|"
    r"critical|vital|crucial|urgent|necessary)\s+to(?!\s+(?:the|a|an|its|their|our|this|these|those|"
    r"his|her|any|every)\b|\s+\w{3,}ing\b)",
    # the addressee's duty: "it is now your responsibility to act on the findings"
    r"\byour\s+(?:\w+\s+)?(?:responsibility|duty|obligation)\s+to\b(?=\s+(?!the\b|a\b|an\b|your\b|"
    r"our\b)[a-z])",
    # an impersonal request: "it is suggested that", "it is strongly recommended that"
    r"\bit\s+is\s+(?:(?:therefore|also|further|strongly|respectfully|hereby)\s+)*(?:suggested|"
    r"recommended|requested|proposed|urged|advised)\s+that\b",
    # "it is time (for X) to", "the time has come for X to"
    r"\b(?:it\s+is\s+(?:high\s+|now\s+|long\s+past\s+|past\s+)?time|the\s+time\s+(?:is\s+"
    r"(?:now|past\s+due|ripe|right)|has\s+come))\s+(?:for\b(?=\s+(?:[\w.'’-]+\s+){1,8}?to[\s:])|"
    r"to\b)",
    r"\bwe\s+(?:would\s+)?(?:also\s+|greatly\s+|very\s+much\s+)?(?:appreciate|welcome|be\s+"
    r"grateful)\s+(?:it\s+)?if\b",
    # a wish put to the reader ("we would like to see the ministry publish...", "we would like
    # guarantees that..."), but not the courtesies ("we would like to thank you", "to express")
    # an expectation or a need put to a named actor: "we expect the ministry to publish", "we need
    # you to", "we look forward to learning how you will" (not "expected": a past expectation)
    r"\b(?:we|i)\s+(?:\w+\s+)?(?:expect|want|need)\s+(?!the\s+(?:support|help|world|public|people)\b)(?:you|your|the|all|(?-i:[A-Z]))[^.;:]{0,80}?\bto"
    r"(?:\s+(?=[a-z])|(?=\s*:))",
    r"\b(?:we|i)\s+(?:\w+\s+)?need\s+you\s+to\s+(?=[a-z])",
    r"\b(?:we|i)\s+look\s+forward\s+to\s+(?:learning|hearing|seeing|knowing)\s+(?:how|what|when|"
    r"that)\s+(?:you|your)\b",
    # a thing said to be urgently required: "an independent inquiry is urgently required"
    r"\b(?:is|are)\s+(?:now\s+|therefore\s+)?urgently\s+(?:required|needed)\b",
    # a short demand that a practice end: "This must stop."
    r"\b(?:this|that|it)\s+(?:must|has\s+to|needs\s+to)\s+(?:stop|end|cease)\b",
    # (a wish is an ask when what is wished is a thing or a request, "we would like guarantees",
    # "...to see the ministry publish", "...to ask you to"; what the writers would like to do
    # themselves, "to thank", "to contribute", "to extend our congratulations", is not one)
    r"\b(?:we|i)\s+would\s+(?:also\s+|very\s+much\s+|strongly\s+)?like\s+(?:(?!to\b)(?=[a-z])|to\s+"
    r"(?:see|have|ask|request|urge|appeal|call|invite|encourage|recommend|suggest|propose|"
    r"receive|know|hear|get|obtain)\b)",
]
# The writers reported in the third person (a press release: "the coalition urged the ministry
# to...", "las organizaciones hacen un llamado a..."): an ask only when the subject before the
# cue is the writers (drafting.WRITERS), not another body (drafting.PUBLIC_BODY).
# a bare noun as a request's object ("exigieron respeto", "solicitaron viviendas dignas")
BARE_NOUN = (
    r"(?!(?:que|a|al|en|por|se|le|les|de|del|con|para|y|ante|sobre|también|además|ahora)\b)"
    r"(?![a-záéíóúñ]+mente\b)[a-záéíóúñ]{4,}\b"
)
THIRD_PERSON_CUES = [
    # every English form of a request verb, of the writers or of their letter ("ten groups called
    # for a dialogue", "CIHRS have appealed to the President", "the coalition urged the ministry",
    # "urging him to appoint", "urging immediate action", "asking the Council to"): whose request
    # it is, the subject before it says (drafting.WRITERS)
    r"\b(?:(?:have|has|had)\s+)?(?:urg(?:e[sd]?|ing)|call(?:s|ed)?\s+(?:on|upon|for)|"
    r"calling\s+(?:on|upon|for)|"
    r"ask(?:s|ed|ing)?|request(?:s|ed)?|encourage[sd]?|recommend(?:s|ed)?|demand(?:s|ed)?|"
    r"press(?:es|ed)?|task(?:s|ed)?|challenge[sd]?|implore[sd]?|appeal(?:s|ed)?\s+(?:to|for))\s+"
    r"(?:that\b|(?=(?:the|all|both|your|you|him|her|them|congress|president|secretary|for|"
    r"immediate|urgent|swift|prompt|decisive|concrete|full|unconditional)\b|(?-i:[A-Z]))|"
    r"(?:(?<=for\s)|(?<=to\s)|(?<=demands\s)|(?<=urges\s))(?=an?\s))",
    r"\b(?:hacen?|hicieron|hizo|formulan?|formularon|formuló|lanzan?|lanzaron|lanzó|realizó|"
    r"realizaron|emiti(?:ó|eron))\s+un\s+(?:\w+\s+)?"
    r"(?:llamado|llamamiento|exhorto)\b",
    # any third-person form, of an action ("urgieron a", "le propusieron abrir", "exigirán que") or
    # of a thing ("en la misiva, solicitan una audiencia", "la asamblea exigió la derogación")
    r"\b(?:(?:inst|exhort|solicit|emplaz|demand|reclam)(?:an|aron|ó|arán|aban?)|solicita|reclama|"
    r"recomiendan|recomend(?:aron|ó|arán)|llam(?:an|aron)|(?:exig|urg)(?:en|ieron|ió|irán|ían?)|exige|"
    r"pid(?:e|en|ió|ieron)|pedirán|pedían?|propon(?:en|drán)|propus(?:o|ieron))\s+"
    # (a sentence adverb may come between the verb and its object: "exigen también la")
    r"(?:(?:también|además|asimismo|nuevamente|ahora|hoy)\s+)?(?:(?:a|al|a\s+la|"
    # (an infinitive may carry its pronoun: "le pidieron comprometerse a...")
    r"a\s+los|a\s+las|que|se)\b|(?=[a-záéíóúñ]+(?:ar|er|ir)(?:se|le|les|lo|la|los|las)?\b)|"
    r"(?=[“\"«]?(?:una?|el|la|los|las)\s(?!atención))|(?=" + BARE_NOUN + r"))",
    # "coincidieron en llamar a los legisladores a que", "decidieron exigir al gobierno que",
    # "acordaron solicitar al gobierno la derogación"
    # a report's purpose, of a clause or of a thing: "marcharon para exigir que se investigue",
    # "se movilizarán para demandar la renuncia", "enviaron una carta con el fin de solicitar
    # audiencia"
    r"\b(?:para|con\s+(?:el\s+)?(?:fin|objeto|objetivo|propósito)\s+de)\s+(?:exigir|pedir|solicitar|"
    r"demandar|reclamar)(?:le|les)?\s+(?:que\b|(?=(?:el|la|los|las|una?)\s)|(?="
    + BARE_NOUN
    + r"))",
    r"\b(?:llamar|exigir|pedir|solicitar|exhortar|instar|emplazar)(?:le|les)?\s+(?:a|al)\s+"
    r"(?=[^,.;]{1,80}?\b(?:a|que)\s|(?:\w+\s+){1,4}?(?:una?|el|la|los|las)\s)",
    # the writers' gerund, of an action or of a thing: "solicitándoles que", "exigiendo al
    # gobierno", "una carta al presidente, solicitando el veto", "pidiendo respeto"
    r"\b(?:(?:solicit|inst|exhort|demand|reclam)(?:ando|ándo(?:le|les))|(?:pid|exig|urg)(?:iendo|"
    r"iéndo(?:le|les)))\s+(?:(?:a|al|a\s+la|a\s+los|a\s+las|que)\b|(?=(?:el|la|los|las|una?)\s|"
    + BARE_NOUN
    + r"))",
    # the writers wrote to the addressee to ask an action: "have written to the Minister to
    # reverse the closures" (not "to express their concern"; "to urge him" has its own cue)
    r"\b(?:wrote|written|writes|write|writing)\s+to\s+(?=(?:the|all|both|president|(?-i:[A-Z]))\b)"
    r"(?:(?!\w+ing\b)[^.;:,]){2,120}?\sto\s+(?!(?:express|voice|"
    r"raise|share|thank|congratulate|highlight|inform|convey|urge|ask|call|request|demand|press|"
    r"encourage|recommend|bring|draw|say|welcome|support|offer|introduce|follow|present|"
    r"outline|explain|seek|discuss|let|make\s+sure\s+you)\b)(?=[a-z]+\b)",
]
# Who the writers are when a press release names them: the letter itself, its signers, or
# civil-society groups; and the public bodies whose calls a letter only reports.
WRITERS = (
    r"\b(?:letter|statement|declaration|organi[sz]ations?|organización|groups?|ngos?|csos?|signatories|"
    r"undersigned|"
    r"signers|coalition|network|alliance|platform|campaign|families|defenders|activists|"
    # (and their spokespeople: "the network's spokesperson", "la vocera del colectivo")
    r"spokes(?:person|man|woman)|portavoz|vocer[oa]s?|"
    r"civil\s+society|associations?|foundations?|carta|misiva|escrito|comunicado|pronunciamiento|"
    r"declaración|posicionamiento|organismos|asociaci(?:ón|ones)|fundaci(?:ón|ones)|"
    r"organizaciones|firmantes|suscritas|grupos|red|redes|colectivos?|colectivas?|coalición|"
    r"alianza|plataforma|campaña|familias|familiares|defensor[ae]s|activistas|sociedad\s+civil|"
    r"movimientos?|"
    # people who gather and ask for themselves: victims, communities, residents, unions
    r"victims|survivors|communities|residents|citizens|unions|mothers|víctimas|sobrevivientes|"
    r"comunidad(?:es|(?!\s+internacional))|pueblos|vecin[oa]s|ciudadan[oa]s|sindicatos|madres|asistentes|participantes|"
    r"journalists|periodistas|senators|lawmakers|legislators|meps|senador[ae]s|legislador[ae]s|"
    r"congresistas|"
    r"dirigentes|líderes|lideresas|"
    # (one writer or the writers in the first person: "estoy ejerciendo mi derecho y pidiéndole")
    r"estoy|estamos)\b"
)
# an organisation's acronym as the subject ("PHR also called on"): the writers only when it is
# all the subject is, not one name among others ("the private sector that CACIF represents")
WRITER_ACRONYM = r"^\s*(?-i:[A-Z]{2,6})(?:\s+(?:also|too|then|today|también|además))?\s*$"
PUBLIC_BODY = (
    # (a non-governmental body is none: "Non-government Organizations urged...")
    r"(?<!non-)(?<!non\s)\b(?:council|security\s+council|general\s+assembly|united\s+nations|commission|committee|"
    r"rapporteur|commissioner|court|tribunal|government|ministry|minister|secretary|president|parliament|"
    r"congress|senate|state|states|resolution|report|gobierno|ministerio|ministr[oa]|"
    r"presidente|presidenta|congreso|senado|estado|estados|consejo|comisión|comité|relator[ae]?|"
    r"corte|comisionad[oa]|alt[oa]\s+comisionad[oa]|naciones\s+unidas|resolución|informe|"
    r"defensoría|ombudsman|procuradur[ií]a|fiscal[ií]a|ministerio\s+público|(?-i:UN|EU|OAS|ONU|OEA|UE|IACHR|CIDH|ICC|CPI|US|USA|UK))\b"
)

# ("shall" is left out: in letters it is nearly always quoted law or a resolution's text)
MODAL_EN = (
    r"\b(?:should|must|needs?\s+to|ought\s+to)\s+(?:(?:also|immediately|urgently|now|"
    r"promptly|publicly|swiftly|not|never|be|at\s+minimum|continue\s+to)\s+)*(?:\w+)"
)
# a demand put as a noun, opening its sentence: "Alto a los desalojos", "Justicia para..."
# (its title is the passage itself)
NOUN_DEMAND = r"^\s*[¡\"“]?(?:alto\s+al?|basta\s+(?:de|ya)|justicia\s+para|libertad\s+(?:para|a))\s"
ASK_CUES_ES = [
    r"\b(?:le\s+|les\s+|lo\s+|la\s+|los\s+|las\s+)?(?:instamos|exhortamos|solicitamos|pedimos|"
    r"urgimos|exigimos|demandamos|recomendamos|rogamos|llamamos|convocamos|invitamos|"
    r"requerimos|emplazamos|sugerimos|proponemos|"
    # (and a single writer's: "le invito a", "le ruego"; the forms that are no nouns need no
    # pronoun: "le insto a que", "solicito a las Naciones Unidas que")
    r"(?:(?<=le\s)|(?<=les\s))(?:exhorto|ruego|invito|emplazo)|"
    r"(?<!\bel\s)(?<!\bun\s)(?<!\bmi\s)(?<!\bsu\s)(?:solicito|pido|exijo|insto|urjo)|"
    r"reiteramos\s+(?:nuestr[oa]s?\s+)?(?:llamados?|solicitud(?:es)?|"
    r"petici[oó]n(?:es)?|exigencias?|demandas?))\b",
    # "venimos a exigir", "queremos pedirle", "nos permitimos solicitar"
    r"\b\w+mos\s+(?:a\s+|en\s+)?(?:exigir|pedir|solicitar|instar|exhortar|demandar|reclamar|"
    r"urgir|recomendar)(?:le|les)?\b",
    # the same in any person, a short phrase between: "deseo solicitar a usted", "queremos en
    # esta oportunidad solicitar", "quisiera pedirle"
    r"\b(?:queremos|deseamos|quisiéramos|quiero|deseo|quisiera|vengo\s+a|me\s+permito)\s+"
    r"(?:(?:en|por|con|a\s+través\s+de)\s+(?:[^\s,.;]+\s+){1,3}?)?(?:exigir|pedir|solicitar|"
    r"instar|exhortar|demandar|reclamar|urgir|recomendar)(?:le|les)?\b",
    # an invitation to act in the writers' voice: "queremos invitar a los candidatos a escuchar"
    # (not to an event: "invitar a todos a la presentación")
    r"\b(?:\w+mos|quiero|deseo|quisiera)\s+invitar(?:le|les)?\s+a\s+[^,.;]{1,80}?\ba\s+"
    r"(?=[a-záéíóúñ]+(?:ar|er|ir)(?:se|le|les|lo|la|los|las)?\b)",
    # the letter's purpose: "el fin principal de esta carta es pedirle que", "el objeto de la
    # presente es solicitarle"; the writers' purpose in writing: "nos dirigimos a usted con el
    # propósito de solicitar"
    r"\b(?:el|la)\s+(?:\w+\s+)?(?:fin|objeto|objetivo|propósito|motivo|finalidad)\s+(?:\w+\s+)?de\s+"
    r"(?:esta|este|la|nuestra)\s+(?:(?:carta|misiva|escrito|comunicación|presente)\s+)?es\s+"
    r"(?:pedir|solicitar|exigir|instar|exhortar|rogar|reclamar)(?:le|les)?\b",
    r"\b(?:nos\s+dirigimos|me\s+dirijo|(?:le|les)\s+escribimos|escribimos|acudimos)\b[^.;]{0,120}?"
    r"\bcon\s+(?:el\s+)?(?:propósito|objeto|fin|objetivo)\s+de\s+(?:solicitar|pedir|exigir|instar|"
    r"exhortar|reclamar)(?:le|les)?\b",
    # a hope: "ojalá el gobierno escuche"
    r"\bojalá\s+(?:que\s+)?(?=\w)",
    # the duty of a named actor (not the writers' own, "nuestra obligación", "tenemos el deber"):
    # "es obligación del Estado proteger", "las autoridades tienen el deber de investigar"
    r"\bes\s+(?:una\s+|un\s+)?(?:obligación|deber)\s+(?:del|de\s+la|de\s+los|de\s+las|"
    r"de\s+(?-i:[A-ZÁÉÍÓÚ])|de\s+usted)\b",
    r"(?<!\bquien\s)(?<!\bque\s)\b(?:tiene|tienen)\s+(?:el\s+deber|la\s+obligación)\s+de\s+"
    r"(?=[a-záéíóúñ]+(?:ar|er|ir)(?:se|le|les|lo|la|los|las)?\b)",
    # a request verb with its "you" pronoun, wherever it falls: "nos obliga a exigirles un cambio"
    r"\b(?:exigir|pedir|solicitar|reclamar|demandar)(?:le|les)\s+(?=(?:que|una?|el|la|los|las)\b)",
    # "nos pronunciamos para que el gobernador vete la ley"
    r"\bnos\s+pronunciamos\s+(?:para|por)\s+que\b",
    # an appeal to an actor for an action, the writers' or their gerund: "apelamos a los Estados
    # para que tomen", "suscribimos la carta, apelando a todos los Estados para que"
    r"\b(?:apelamos|apelo|apelando)\s+(?:a|al)\s+[^.;:]{1,150}?\b(?:para\s+que|a\s+que)\b",
    r"\b\w+mos\s+(?:exigiendo|pidiendo|solicitando|demandando|reclamando|exhortando)\b",
    r"\b(?:le|les)\s+agradeceríamos\s+(?:que|si)\b",
    r"\b(?:hacemos|haciendo|hacer|formulamos|reiteramos|renovamos)\s+(?:a\s+(?:usted|ustedes)\s+)?"
    r"(?:un|el|nuestro)\s+"
    r"(?:respetuoso\s+|"
    r"urgente\s+|enérgico\s+)?(?:llamado|llamamiento|exhorto|pedido)\b",
    r"\b(?:insta|exhorta|solicita|pide|recomienda|exige|urge)\s+(?:a|al|a\s+la|que|se)\b",
    # an invitation to act, not to an event: "invita a la Fiscalía a que investigue"
    r"\binvita(?:n|ron)?\s+(?:a|al)\s+(?:que\b|[^,.;]{1,80}?\ba\s+(?:que\b|(?=[a-záéíóúñ]+(?:ar|er|ir)\b)))",
    # "es urgente que...", "es fundamental prestar...", "urge transformar..."
    # (not in a relative clause: "un precedente que es necesario resarcir" describes; "por lo
    # que es necesario" still asks)
    # (nor a cleft's "que": "es por esto que es fundamental llamar al Gobierno a")
    r"(?:(?<!\bque\s)|(?<=\blo\sque\s)|(?<=\basí\sque\s)|(?<=\besto\sque\s)|(?<=\beso\sque\s)"
    r"|(?<=\bello\sque\s))"
    r"\b(?:es|resulta|sería)\s+(?:urgente|necesario|indispensable|fundamental|imprescindible|"
    r"esencial|prioritario|importante|imperioso|impostergable|apremiante|primordial|preciso)\s+(?:que\b|(?=[a-záéíóúñ]{2,}(?:ar|er|ir)\b)"
    # or an action named as a noun: "es urgente la implementación de una estrategia"
    # (not a noun of state: "es urgente la situación de las familias")
    r"|(?=(?:la|el|una|un)\s+(?!(?:situa|pobla|na|condi|rela|posi|genera|oca|ten|pa|comi|dimen|"
    r"regi|emo|preocupa)(?:ción|sión)\b)[a-záéíóúñ]{4,}(?:ción|sión|miento)\b))",
    r"\burge\s+(?=[a-záéíóúñ]{2,}(?:ar|er|ir)\b)",
    # the same need put as a thing or a degree: "por lo que urge una asamblea constituyente",
    # "es de suma urgencia que se ratifique" (not one's own want: "le urge una foto")
    r"(?<!\ble\s)(?<!\bles\s)(?<!\bme\s)(?<!\bnos\s)\burge\s+(?:un|una)\s+(?=[a-záéíóúñ]{4,}\b)",
    r"\b(?:es|resulta|sería)\s+de\s+(?:suma|extrema|vital|máxima|gran|primordial|especial)\s+"
    r"(?:urgencia|importancia|necesidad)\s+que\b",
    # the writers deem a thing needed: "consideramos necesario que", "creemos urgente publicar"
    r"\b(?:consideramos|creemos|estimamos|vemos)\s+(?:muy\s+|sumamente\s+)?(?:necesario|urgente|"
    r"indispensable|fundamental|imprescindible|importante|prioritario|esencial|preciso)\s+"
    r"(?:que\b|(?=[a-záéíóúñ]{2,}(?:ar|er|ir)\b))",
    # a need put impersonally: "hace falta que", "se requiere que", "se necesita que"
    r"\b(?:hace\s+falta|se\s+requiere|se\s+necesita)\s+que\b",
    r"\bse\s+(?:recomienda|sugiere|solicita|pide|propone|exhorta|exige|demanda|reclama|insta)\s+"
    r"(?:que|a|al)\b",
    # a demand numbered in words: "La primera demanda es instaurar...", "La segunda tiene que ver
    # con el reconocimiento de..."
    r"\b(?:la|el|nuestra|nuestro|otra|otro)\s+(?:primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|"
    r"quint[oa]|sext[oa]|últim[oa]|principal)\s+(?:(?:demanda|petición|exigencia|solicitud|"
    # (the reporter's "dijo" may come between: "La primera petición, dijo, es garantizar...")
    r"propuesta|recomendación|pedido|reclamo)(?:\s*,\s*(?:dijo|señaló|explicó|indicó|afirmó|"
    r"agregó|añadió|detalló|precisó)\s*,)?\s+(?:es|son|sería|consiste\s+en|tiene\s+que\s+ver\s+"
    r"con|se\s+refiere\s+a|apunta\s+a)|(?:tiene\s+que\s+ver\s+con|consiste\s+en))\b",
    # (and the next ones, the count carried on with no verb: "El cuarto punto, el respeto a...")
    r"^\s*(?:el|la)\s+(?:segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|sext[oa]|últim[oa])\s+"
    r"(?:punto|petición|demanda|exigencia)\s*,",
    r"\b(?:es\s+(?:hora|momento)|ha\s+llegado\s+(?:la\s+hora|el\s+momento))\s+de\s+(?:que\b|"
    r"(?=[a-záéíóúñ]+(?:ar|er|ir)\b))",
    # a wish, a hope or a proposal put to the reader, a subjunctive following: "nos gustaría que",
    # "esperamos que el Congreso ejerza", "proponemos que se apliquen los artículos"
    r"\b(?:nos\s+gustaría|quisiéramos|esperamos|confiamos\s+en|deseamos|proponemos|sugerimos|"
    r"planteamos)\s+que\b",
    # one writer's hope or wish, as the writers' (not the courtesy "espero que esté bien")
    r"(?<!\bque\s)\b(?:espero|deseo|quisiera|me\s+gustaría)\s+que\b(?!\s+(?:usted\s+)?(?:esté|estén|se\s+"
    r"encuentren?)\s+bien)",
    # "queremos" and a thing ("queremos viviendas dignas"), not an infinitive ("informarle")
    r"\bqueremos\s+(?=(?:una?s?|el|la|los|las)\s|(?![a-záéíóúñ]+(?:ar|er|ir)(?:le|les|lo|la|se)?\b)"
    + BARE_NOUN
    + ")",
    # the writers take up another's demand: "nos unimos a su demanda de justicia"
    r"\bnos\s+(?:\w+\s+)?(?:unimos|sumamos|adherimos)\s+(?:al|a\s+(?:su|sus|la|las|el|los))\s+(?:\w+\s+)?"
    r"(?:demandas?|llamados?|llamamientos?|exigencias?|pedidos?|reclamos?)\b",
    NOUN_DEMAND,
]
MODAL_ES = (
    r"\b(?:debe|deben|debería|deberían|deberá|deberán|debiera|debieran|debiese|debiesen|"
    r"tiene\s+que|tienen\s+que|tendrá\s+que|tendrán\s+que|tendría\s+que|tendrían\s+que|ha\s+de|"
    r"han\s+de)\s+(?:\w+)"
)

# The possible tier's weaker signals (drafting.possible_asks): a sentence the rules above did not
# take may still carry a request, if no one is named to act or put to. Strongest first.
POSSIBLE_REQUEST = (  # (verbs only: "legitimate demands", "the recommendations" name no request)
    r"\b(?:call(?:s|ed|ing)?\s+(?:on|upon|for)|urg(?:e|es|ed|ing)|demand(?:ed|ing)?|task(?:s|ed)|"
    r"demands?\s+(?:to|on|of)\s+(?:the|you)|look(?:s|ing)?\s+to\s+(?:you|the)\b|"
    r"ask(?:s|ed|ing)?|request(?:ed|ing)?|appeal(?:ed|ing|s?\s+(?:to|for))|press(?:es|ed|ing)?\s+for|"
    r"recommend(?:s|ed|ing)?|insist(?:s|ed|ing)?|implor\w+|exig(?:e|en|ió|ieron|imos|iendo|ir)|"
    r"ped(?:ir|imos|ían|ía)|pid(?:e|en|ió|ieron|iendo)|solicit(?:a|an|ó|aron|amos|ando|ar)|"
    r"inst(?:a|an|ó|aron|amos|ando)|exhort\w+|reclam(?:a|an|ó|aron|amos|ando|ar)|"
    r"demand(?:an|ó|aron|amos|ando|ar)|llam(?:a|an|ó|aron|amos|ando)\s+a)\b"
)
POSSIBLE_NEED = (
    r"\b(?:should|must|needs?\s+to|ought\s+to|ha(?:s|ve)\s+to|(?:is|are)\s+(?:urgently\s+|also\s+)?"
    r"needed|it\s+is\s+(?:\w+\s+)?(?:necessary|essential|vital|critical|imperative|urgent|crucial|"
    r"important|time)|time\s+to|debe\w*|deber\w+|tienen?\s+que|es\s+(?:\w+\s+)?(?:necesari[oa]|"
    r"urgente|fundamental|indispensable|imprescindible|precis[oa]|importante|hora|momento)|"
    r"urge|hace\s+falta|se\s+requiere|requieren?|se\s+necesitan?)\b"
)
# what is no request, whatever its words: thanks, wishes to meet, offers, greetings
COURTESY = (
    r"\b(?:thank|grateful|look\s+forward|appreciate|sincerely|do\s+not\s+hesitate|agradec|quedamos|"
    r"a\s+la\s+espera|saludamos|atentamente|reciba)\w*"
)

# Asks put to the letter's readers or supporters, not to its addressee: a supporter's act
# ("Please sign the petition", "Join us", "Add your name", "Share this", "sumarse a la campaña",
# "firmar esta carta"), or a request whose actor is the readers ("we urge your organization",
# "all affiliates", "invitamos a la sociedad civil"). Never an ask to track.
SUPPORTERS_ACT = (
    r"^\s*[\"“]?(?:please\s+)?(?:sign(?:\s+(?:on|up))?\s+(?:on\s+)?(?:to\s+)?(?:(?:the|this|our|a)\s+)?"
    r"(?:\w+\s+)?(?:petition|letter|pledge|here|now|below|today)\b|join\s+(?:us|me|our|the\s+(?:campaign|"
    r"coalition|call|movement))\b|add\s+your\s+(?:name|voice|signature|organi[sz]ation)|share\s+(?:this|"
    r"the\s+(?:letter|petition|post|page))\b"
    # (not shared with the officials it is meant to move: "share the letter with them", "with
    # your representatives": that is the campaign's action, put to its readers)
    r"(?![^.;!?]{0,40}\b(?:with|to)\s+(?:them|him|her|your\s+(?:\w+\s+)?(?:representatives?|"
    r"government|mps?|senators?|members?|mayor|minister|council(?:l?ors)?|legislators?|"
    r"delegates?|deputies|officials)))|spread\s+the\s+word|donate\b|subscribe\b|forward\s+this|"
    r"address\s+your\s+letter|return\s+this|circulate\s+(?:this|the|our)\s+(?:list|letter|petition|"
    r"message|call)\b|help\s+us\s+(?:get|reach|grow|spread|find|gather)\b|"
    r"promote\s+(?:this|the|our)\s+(?:campaign|petition|letter|page)\b|"
    # a campaign's call to its readers, a message after it: "Tell the Prime Minister - this law
    # is not in our name", "Tell your MP: ..."
    r"tell\s+(?:the|your|(?-i:[A-Z]))[^.:;!?–-]{1,60}?\s(?:[:–-]|—)\s|firm(?:ar|e|a)\s+(?:esta|la|nuestra)\s+(?:carta|petición)|"
    r"(?:sumarse|unirse|adherirse)\s+a\s+(?:esta|la|nuestra)\s+(?:\w+\s+)?(?:campaña|carta|iniciativa|"
    r"petición|convocatoria)|súmate|únete|comparte|difunde"
    # a supporter's handling of the campaign's own papers: "Sign on to one of the letters
    # below", "Address your envelope to", "copy and paste this letter", "we ask for your support
    # by signing your name in this letter" (what is done to a letter, not what it asks)
    r"|(?:(?:we|i)\b[^.;:]{0,90}?\b)?(?:sign(?:ing)?(?:\s+(?:on|up))?|cop(?:y|ying)|past(?:e|ing)|"
    r"print(?:ing)?|forward(?:ing)?|address(?:ing)?|return(?:ing)?|fill(?:ing)?\s+in|"
    r"download(?:ing)?|remember\s+to\s+include)\b[^.;:]{0,90}?\b(?:letters?|petitions?|"
    r"envelopes?|e-?mails?|templates?|forms?)\b"
    # (unless the passage goes on to the letter's own request: "sign this letter urging the
    # minister to...")
    r"(?![^.;]*\b(?:urg(?:e|es|ing)|convinc(?:e|ing)|call(?:s|ing)?\s+(?:on|upon)|ask(?:s|ing)?|"
    r"tell(?:s|ing)?|demand(?:s|ing)?)\b[^.;]*\bto\s))"
)
READERS = (
    r"^\s*(?:civil\s+society|your\s+(?:networks?|friends|contacts)|your\s+organi[sz]ations?|all\s+(?:our\s+)?(?:affiliates|members|supporters|readers|"
    r"partners|allies)|(?:our\s+)?(?:affiliates|supporters|readers)|la\s+sociedad\s+civil|"
    r"las\s+organizaciones\s+(?:hermanas|sociales|aliadas|de\s+la\s+sociedad\s+civil)|"
    r"la\s+ciudadanía|(?:todas?\s+)?(?:las\s+)?personas\s+solidarias)\b"
)
# A web page's furniture, never an ask: comments, membership, cookies, subscriptions, sharing
PAGE_FURNITURE = (
    r"\b(?:publicar\s+un\s+comentario|add\s+comments?|leave\s+a\s+(?:comment|reply)|post\s+a\s+comment|"
    r"you\s+need\s+to\s+be\s+a\s+member|cookies?|subscribe\s+to\s+(?:our|the)(?!\s+(?:\w+\s+){0,2}?(?:calls?|demands?|appeals?)\b)|suscr[ií]bete|"
    r"newsletter|print\s+this|imprimir\s+(?:esta|la)|share\s+(?:on|via)\s+\w+|compartir\s+en)\b"
)
# A modal in argument, not in request: a passive of a mental verb ("must be put into
# perspective", "should be remembered"), a lesson drawn ("should remind us all", "must lead us").
MENTAL_AFTER_MODAL = (
    r"\s*(?:not\s+)?(?:be\s+(?:put\s+into\s+perspective|remembered|understood|borne\s+in\s+mind|"
    r"seen\s+as|viewed\s+as|recogni[sz]ed\s+as|celebrated|welcomed)|(?:remind|teach|tell|show|lead|"
    r"inspire|give)\s+(?:us|all\s+of\s+us|everyone|each\s+of\s+us)\b)"
)

# A modal in these is not an ask: past obligations, hypotheticals, quoted policy, "we must".
MODAL_NOT_ASK = (
    r"\b(?:should|must|ought\s+to)\s+(?:have|had)\s+(?:been|\w+ed|done|taken|made|given|known|"
    r"seen|gone|come|said|told)\b|\bwould\s+(?:\w+\s+)?need\s+to\b|\b(?:we|i|it|this|that|which|who|"
    # (but "we should instead spend that money on...": the country's other course, proposed)
    r"nobody|no\s+one)\s+(?:should|must|shall|needs?\s+to)\b(?!\s+(?:instead|rather)\b)"
    # "there must be" asks for a thing to exist ("there must be a sustained ceasefire"), but
    # not a surmise ("there must be a reason", "there should be no doubt")
    r"|\bthere\s+(?:should|must|shall|needs?\s+to)\s+(?!be\s+(?:an?|no|full|immediate|real|"
    r"independent|accountability|justice|consequences|an\s+end)\b)"
    r"|\b(?:the|a|an|their|its|this|our|of|urgent|clear)\s+needs?\s+to\b|\bshould\s+(?:be\s+noted|not\s+be\s+forgotten)\b"
    # a remark on how much is left, no one asked: "much work still needs to be done to"
    r"|\b(?:much|a\s+lot)\s+(?:of\s+)?(?:work\s+|effort\s+)?(?:still\s+|yet\s+)?(?:needs?\s+to|must|"
    r"should)\s+(?:still\s+)?be\s+(?:done|made|achieved)\b"
    r"|\btienen?\s+que\s+ver\b|\b(?:nosotros|nosotras)\s+(?:debemos)\b|\bdebe\s+(?:de\s+)?(?:haber|ser\s+(?:notado))\b"
    r"|\b(?:como|tal\s+como)\s+(?:lo\s+)?(?:debe|exige)\b|\bif\b.*\bshould\b"
    # a modal in a relative clause describes ("the values that must prevail", "cuyos procesos
    # deberán..."); a modal of state is no action ("should be strong factors", "debe estar")
    r"|\b(?:que|quienes?|cuy[oa]s?\s+\w+)\s+(?:deben?|deberían?|deberán?|debieran?|debiesen|debiese)\b"
    r"|\b(?:debe|deben|debería|deberían|debiera|debieran)\s+(?:estar|quedar|haber|existir)\b"
    # an indirect question: "we wonder how much longer our loved ones must endure"
    r"|\b(?:wonder|ask\s+ourselves|nos\s+preguntamos)\s+(?:how|why|whether|when|what|cómo|por\s+qué|"
    r"cuándo|si)\b"
    # the writers' own reminder, no request: "se debe recordar que", "cabe señalar"
    r"|\bse\s+debe\s+(?:recordar|señalar|destacar|subrayar|mencionar|notar|reconocer|precisar)\b"
    # a cause, no duty: "la visita se debe a solicitudes", "se deben a la sequía"
    r"|\bse\s+deben?\s+(?:a|al|en\s+parte\s+a)\b"
)
# a surmise, no request: "there must be a reason", "there should be no doubt that"
THERE_SURMISE = (
    r"\bthere\s+(?:should|must|needs?\s+to)\s+be\s+(?:no\s+doubt|(?:a|some)\s+(?:good\s+)?"
    r"(?:reason|way|mistake|explanation|misunderstanding)|something)\b"
)
# After "should be" / "debe ser" an ask names an action done (a participle): "be investigated",
# "ser sancionados"; anything else ("be strong factors", "ser prioridad") describes.
PARTICIPLE = (
    r"(?:\w+(?:ed|en|wn)|held|made|kept|put|set|paid|built|sent|done|shut|cut|told|led|met|sold|"
    r"brought|bound|freed|given|taken|\w+(?:ad|id|ct|st|rt|ch)[oa]s?)"
)

# Closing words: what follows is the signature block.
CLOSINGS = (
    r"^\s*(?:sincerely|respectfully|yours\s+(?:sincerely|truly|faithfully)|with\s+(?:\w+\s+)?"
    r"(?:regards|wishes)|(?:kind|best|warm|warmest)\s+(?:regards|wishes)|regards|best,|"
    r"(?:with\s+)?(?:many\s+)?thanks(?=(?:\s+\w+){0,4},\s*$)|signed|signatories|signed\s+by|endorsed\s+by|"
    r"co-?signed\s+by|undersigned\s+organi[sz]ations|list\s+of\s+signatories|atentamente|"
    r"cordialmente|respetuosamente|sin\s+otro\s+particular|firmas|firmantes|suscriben|"
    r"organizaciones\s+firmantes|organizaciones\s+(?:que\s+)?suscriben|saludos\s+cordiales|"
    r"le\s+saludamos|reciba\s+un\s+cordial\s+saludo)\b"
)
SALUTATIONS = (
    r"^\s*(?:dear\b|to\s+whom|your\s+excellency|excellenc(?:y|ies)\b|honou?rable\b.{0,80}[,:]\s*$|"
    r"distinguished\b.{0,80}[,:]\s*$|madam\b|mr\.?\s+president\b|your\s+excellenc(?:y|ies)\b|"
    r"estimad[oa]s?\b|distinguid[oa]s?\b|apreciad[oa]s?\b|señor[ae]?s?\b.*:\s*$|sr\.?\s.*:\s*$|"
    r"sra\.?\s.*:\s*$|excelentísim[oa]|muy\s+señor)"
)

ORG_WORDS = (
    r"\b(?:organi[sz]ation|organización|center|centre|centro|institute|instituto|network|red|"
    r"coalition|coalición|foundation|fundación|fund|fondo|watch|international|internacional|"
    r"association|asociación|colectivo|collective|committee|comité|comisión|commission|"
    r"alliance|alianza|project|proyecto|office|oficina|group|grupo|council|consejo|movement|"
    r"movimiento|federation|federación|union|unión|society|sociedad|clinic|clínica|amnesty|"
    r"amnistía|rights|derechos|defenders|defensores|league|liga|forum|foro|observatory|"
    r"observatorio|initiative|iniciativa|program|programa|campaign|campaña|coordinadora|"
    r"colectiva|mesa|plataforma|platform|frente|church|iglesia|mission|misión|action|acción|"
    r"justice|justicia|a\.\s?c\.|ac|inc\.?|ngo|ong|llc|ltd)\b"
)

COUNTRIES = {
    # name: words that name it (lower case, accents kept: matching folds them)
    "Mexico": [
        "estados unidos mexicanos",
        "mexico",
        "mexican",
        "mexicano",
        "mexicana",
        "mexicanos",
        "mexicanas",
        "méxico",
    ],
    "United States": [
        "united states",
        "u.s.",
        "us government",
        "american",
        "estados unidos",
        "estadounidense",
        "ee.uu.",
        "eeuu",
    ],
    "Guatemala": ["guatemala", "guatemalan", "guatemalteco", "guatemalteca"],
    "Honduras": ["honduras", "honduran", "hondureño", "hondureña"],
    "El Salvador": ["el salvador", "salvadoran", "salvadoreño", "salvadoreña"],
    "Nicaragua": ["nicaragua", "nicaraguan", "nicaragüense"],
    "Colombia": ["colombia", "colombian", "colombiano", "colombiana"],
    "Venezuela": ["venezuela", "venezuelan", "venezolano", "venezolana"],
    "Cuba": ["cuba", "cuban", "cubano", "cubana"],
    "Brazil": ["brazil", "brazilian", "brasil", "brasileño", "brasileña"],
    "Peru": ["peru", "peruvian", "perú", "peruano", "peruana"],
    "Ecuador": ["ecuador", "ecuadorian", "ecuatoriano", "ecuatoriana"],
    "Bolivia": ["bolivia", "bolivian", "boliviano", "boliviana"],
    "Chile": ["chile", "chilean", "chileno", "chilena"],
    "Argentina": ["argentina", "argentine", "argentinian", "argentino"],
    "Haiti": ["haiti", "haitian", "haití", "haitiano", "haitiana"],
    "Panama": ["panama", "panamanian", "panamá", "panameño"],
    "Costa Rica": ["costa rica", "costa rican", "costarricense"],
    "Dominican Republic": ["dominican republic", "república dominicana", "dominicano"],
    "Paraguay": ["paraguay", "paraguayan", "paraguayo"],
    "Uruguay": ["uruguay", "uruguayan", "uruguayo"],
    "Canada": ["canada", "canadian", "canadá", "canadiense"],
    "Spain": ["spain", "spanish government", "españa", "español"],
    "Myanmar": ["myanmar", "burma", "burmese", "tatmadaw"],
    "Yemen": ["yemen", "yemeni"],
    "Saudi Arabia": ["saudi arabia", "saudi", "arabia saudita"],
    "Syria": ["syria", "syrian", "siria"],
    "Afghanistan": ["afghanistan", "afghan", "afganistán"],
    "Pakistan": ["pakistan", "pakistani", "pakistán"],
    "India": ["india", "indian government"],
    "China": ["china", "chinese", "chino"],
    "Russia": ["russia", "russian", "rusia", "ruso"],
    "Ukraine": ["ukraine", "ukrainian", "ucrania"],
    "Israel": ["israel", "israeli"],
    "Palestine": ["palestine", "palestinian", "gaza", "west bank", "palestina"],
    "Egypt": ["egypt", "egyptian", "egipto"],
    "Bahrain": ["bahrain", "bahraini", "baréin"],
    "Iran": ["iran", "iranian", "irán"],
    "Iraq": ["iraq", "iraqi", "irak"],
    "Turkey": ["turkey", "turkish", "türkiye", "turquía"],
    "Ethiopia": ["ethiopia", "ethiopian", "etiopía"],
    "Sudan": ["sudan", "sudanese", "sudán"],
    "Nigeria": ["nigeria", "nigerian"],
    "Philippines": ["philippines", "philippine", "filipino", "filipinas"],
    "Sri Lanka": ["sri lanka", "sri lankan"],
    "Bangladesh": ["bangladesh", "bangladeshi"],
    "Uganda": ["uganda", "ugandan"],
    "Kenya": ["kenya", "kenyan"],
    "Democratic Republic of the Congo": ["congo", "drc", "congolese"],
}

# Every other country by its English and Spanish names, from the Unicode CLDR (through Babel,
# drafting.COUNTRY_WORDS):
# a letter about Belarus or Cambodia gets its country too. Left out: blocs and codes that are
# no country, and names that are first names, place names or common words in letters
# ("Chad", "Jordan", "Georgia", "Diego García", "San Martín", "Reunión" is a meeting).
CLDR_LEFT_OUT = set(words_of("EU EZ UN QO XA XB ZZ TD JO GE JE DG MF BL SH MS RE GD DM"))


# Theme keywords: a theme in use scores by the stems its name, its asks and these words share
# with the passage; a theme not yet in use is proposed only from this list.
THEME_WORDS = {
    "Migration and asylum": (
        "migrant migrants migration asylum refugee refugees deportation deport border borders "
        "detention immigration remain title 42 expulsion returns migrante migrantes migración "
        "asilo refugiado refugiados refugiadas deportación frontera fronteras expulsiones "
        "retornos solicitantes"
    ),
    "Anti-corruption": (
        "corruption corrupt bribery bribes anti-corruption anticorruption embezzlement "
        "transparency laundering corrupción soborno sobornos anticorrupción transparencia "
        "lavado peculado"
    ),
    "Rule of law": (
        "judicial judiciary judges judge court courts prosecutor prosecutors prosecution "
        "impunity attorney independence justice tribunal tribunales fiscalía fiscal fiscales "
        "jueces juez judicial impunidad justicia independencia"
    ),
    "Military accountability": (
        "military army armed forces soldiers militarization militarisation guard navy defense "
        "security forces militar militares ejército fuerzas armadas militarización guardia "
        "nacional marina defensa seguridad pública"
    ),
    "Human rights defenders": (
        "defenders defender activists activist journalists journalist press reporters "
        "protection mechanism threats attacks killed harassment defensores defensoras "
        "periodistas activistas mecanismo protección amenazas agresiones asesinatos"
    ),
    "Enforced disappearances": (
        "disappeared disappearance disappearances missing search forensic identification "
        "graves families desaparecidos desaparecidas desaparición desapariciones búsqueda "
        "forense identificación fosas familias"
    ),
    "Torture and detention": (
        "torture tortured detention detainees prison prisoners arbitrary political prisoners "
        "release tortura detención detenidos detenidas presos cárcel liberación arbitraria"
    ),
    "Gender and women's rights": (
        "women girls gender femicide feminicide violence reproductive abortion lgbt lgbtqi "
        "mujeres niñas género feminicidio violencia reproductivos aborto"
    ),
    "Indigenous and land rights": (
        "indigenous land territory consultation consent communities extractive mining "
        "indígenas pueblos tierra territorio consulta consentimiento comunidades minería"
    ),
    "Environment and climate": (
        "environment environmental climate emissions forest deforestation pollution water "
        "ambiente ambiental clima emisiones bosques deforestación contaminación agua"
    ),
    "Civic space": (
        "civil society civic space assembly association protest protesters ngos registration "
        "foreign agents sociedad civil espacio cívico reunión asociación protesta "
        "organizaciones"
    ),
    "Foreign assistance": (
        "assistance aid funding appropriations budget funds cooperation security assistance "
        "asistencia ayuda financiamiento presupuesto fondos cooperación"
    ),
    "Freedom of expression": (
        "expression speech censorship media surveillance spyware internet freedom "
        "expresión censura medios vigilancia espionaje libertad prensa"
    ),
}

# Bridging words: a Spanish passage can repeat an ask first written in English (and back).
GLOSSARY = {
    "fiscalía": "prosecutor",
    "fiscal": "prosecutor",
    "militar": "military",
    "militares": "military",
    "ejército": "army",
    "periodistas": "journalists",
    "defensores": "defenders",
    "defensoras": "defenders",
    "desaparición": "disappearance",
    "desapariciones": "disappearances",
    "desaparecidas": "disappeared",
    "desaparecidos": "disappeared",
    "migrantes": "migrants",
    "asilo": "asylum",
    "refugiados": "refugees",
    "tortura": "torture",
    "corrupción": "corruption",
    "impunidad": "impunity",
    "independiente": "independent",
    "investigación": "investigation",
    "investigaciones": "investigations",
    "liberar": "release",
    "liberación": "release",
    "protección": "protection",
    "mecanismo": "mechanism",
    "búsqueda": "search",
    "fronteras": "border",
    "frontera": "border",
    "deportaciones": "deportations",
    "seguridad": "security",
    "justicia": "justice",
    "derechos": "rights",
    "humanos": "human",
    "víctimas": "victims",
    "familias": "families",
    "mujeres": "women",
    "indígenas": "indigenous",
    "consulta": "consultation",
    "transparencia": "transparency",
    "anticorrupción": "anti-corruption",
    "civiles": "civilian",
    "sistema": "system",
    "nacional": "national",
    # the common words of asks, so a request in one language meets its earlier form in the other
    "publicar": "publish",
    "publique": "publish",
    "público": "public",
    "pública": "public",
    "públicamente": "publicly",
    "informe": "report",
    "informar": "report",
    "número": "number",
    "identificadas": "identified",
    "identificados": "identified",
    "identificación": "identification",
    "cuerpos": "bodies",
    "restos": "remains",
    "personas": "people",
    "meses": "months",
    "presupuesto": "budget",
    "fondos": "funds",
    "asistencia": "assistance",
    "ayuda": "aid",
    "evaluación": "evaluation",
    "evaluar": "evaluate",
    "independencia": "independence",
    "jueces": "judges",
    "fiscales": "prosecutors",
    "policía": "police",
    "soldados": "soldiers",
    "sanciones": "sanctions",
    "visas": "visas",
    "detenidos": "detainees",
    "presos": "prisoners",
    "comunidades": "communities",
    "desalojos": "evictions",
    "amenazas": "threats",
    "ataques": "attacks",
    "asesinatos": "killings",
    "registro": "registry",
    "comisión": "commission",
    "reforma": "reform",
    "ley": "law",
    "salud": "health",
}

# Other names of the same thing (programmes renamed, offices known by two names): a passage
# naming one also matches earlier asks that named another. Each group is one thing.
SAME_THING = [
    [
        "Mérida Initiative",
        "Iniciativa Mérida",
        "Bicentennial Framework",
        "Entendimiento Bicentenario",
    ],
    ["Public Ministry", "Ministerio Público", "Attorney General's Office", "Fiscalía General"],
    ["National Guard", "Guardia Nacional"],
    ["Protection Mechanism", "Mecanismo de Protección"],
    ["National Search Commission", "Comisión Nacional de Búsqueda", "search commission"],
    [
        "Extraordinary Forensic Identification Mechanism",
        "Mecanismo Extraordinario de Identificación Forense",
        "extraordinary forensic mechanism",
    ],
]

STOPWORDS = set(
    words_of("""a an the and or but of to in on for with by at from as is are was were be been being
    that this these those it its their there which who whom whose what when where why how all
    any both each few more most other some such no nor not only own same so than too very can
    will just should would could must may might also into about over under again further then
    once here we our ours us you your yours he she they them his her i me my mr ms mrs dr
    including include includes ensure take step steps urge call calls ask asks request
    requests recommend recommends encourage upon letter government de la el los las un una
    unos unas y o u que en del al por para con sin sobre se su sus lo le les es son fue
    ser como más muy ya ha han sido este esta estos estas ese esa eso esos esas a ante
    bajo cabe contra desde entre hacia hasta según tras nos nuestro nuestra nuestros nuestras
    usted ustedes mismo misma cual cuales cuando donde quien quienes instamos exhortamos
    solicitamos pedimos gobierno debe deben todas todos toda todo garantizar""")
)

# --- titles -----------------------------------------------------------------------------------
# The words a title's grammar turns on (tracker.drafting: _title and its helpers). A title is
# an imperative: an English base verb or a Spanish infinitive first, the action and its object.

# a modal of obligation and what comes after it: its subject, a negation and the verb
TITLE_MODAL = (
    r"(?P<subject>.*?)\s*\b(?P<neg1>no|nunca|jamás)?\s*\b(?P<modal>should|must|ought\s+to|shall|"
    r"has\s+to|have\s+to|needs?\s+to|debe|deben|debería|deberían|deberá|deberán|debiera|"
    r"debieran|debiese|debiesen|tendrán?\s+que|tendrían?\s+que|tiene\s+que|"
    r"tienen\s+que|ha\s+de|han\s+de)\s+(?:(?P<neg>not|never|no|nunca|jamás),?\s+)?"
    # ("deben de publicar": the "de" some writers put between "deber" and its verb)
    r"(?:de\s+(?=[a-záéíóúñ]+(?:ar|er|ir|ír)(?:se)?\b))?(?P<rest>.*)"
)
# verbs whose subject becomes their object when the title drops it ("the raids must stop":
# "Stop the raids"; "la represión tiene que parar": "Parar la represión")
ERGATIVE = set(
    words_of(
        """end stop cease change start begin close open grow increase improve resume finish continue
        parar cesar terminar acabar cambiar empezar comenzar continuar detenerse"""
    )
)
# a subject pronoun as the object of the title's verb ("they must be released": "Release them")
OBJECT_CASE = {"they": "them", "he": "him", "she": "her", "we": "us", "i": "me"}
# what opens a noun phrase in English: a thing asked for, titled "Ensure ..."
NOUN_OPENERS_EN = set(
    words_of(
        """the a an their its his her our your this these those immediate urgent unconditional
        full prompt swift greater more adequate sufficient"""
    )
)
# what opens a noun phrase in Spanish: a thing asked for, titled "Garantizar ..."
NOUN_OPENERS_ES = set(
    words_of("el la los las un una unos unas su sus nuestro nuestra nuestros nuestras lo")
)
# words that open a title and are never its action: list markers go by their shape, these by
# their words (a conjunction, a sentence adverb)
TITLE_OPENERS = (
    r"^(?:(?:and|or|but|also|then|instead|y|e|o|u|pero|además|también)\s*,?\s+"
    r"|going\s+forward\s*,\s*|kindly\s+|(?:furthermore|moreover|therefore|thus|hence)\s+"
    r"|(?:i|we)\s+(?:(?:firmly|strongly)\s+)?(?:believe|think|feel)\s+(?:that\s+)?"
    r"|(?:[^\W\d_]+mente|urgente)\s+(?=(?:al?|de|del)\s))"
)
# the addressee left before a Spanish request's object ("exigimos al gobierno su presentación")
ADDRESSEE_ES = r"^(?:al|a\s+la|a\s+las|a\s+los|a|de\s+los|de\s+las|del|de\s+la)\s+"
# a demand put as a noun, and the verb a title gives it (others get "Garantizar")
NOUN_DEMAND_VERB = {"alto a": "detener", "alto al": "detener el", "basta de": "poner fin a"}
# nouns that name their own verb: "the release of X" titles "Release X"
ACTION_NOUNS = set(words_of("release repeal review halt ban return"))
# a cut title never ends on an auxiliary or a relative (nor on an article or preposition)
TITLE_DANGLING = set(
    words_of(
        """being been still also have has had is are was were be will would can could may might
        must should shall do does did who whom whose where when quien quienes cuyo cuya donde
        cuando"""
    )
)
# quantifiers and demonstratives: function words, like the noun openers
QUANTIFIERS = set(
    words_of(
        """all every each no any some everybody everyone todos todas cada esta este estos estas
        ese esa esos esas"""
    )
)
