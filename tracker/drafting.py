"""Drafting a letter's asks and details from its text, by rules a person can follow.

The letter is cut into its parts (heading, salutation, body, closing and signatures), the body
into sentences and list items. A sentence is an ask when it makes a directive addressed to
someone: an ask cue ("we urge you to", "we call on", "please", "should", "instamos", "es urgente
que", "debe", a wish put to the reader, "it is suggested that"...) whose subject is the writers
(not a resolution or a court they quote; in a press release's third person, "the coalition
urged", "las organizaciones exigen", the subject must name the writers, not a public body), a
modal of action (or of state, said of an actor), an imperative (English, the Spanish "usted"
form, the optative "Que el Gobierno retire..."), or an item of a list led by a cue or a
recommendations heading. Context, concern, praise, thanks, history, headings and requests
denied carry no directive, and what precedes a directive in its sentence is cut. A sentence
that makes two separable requests ("to X, and to Y") gives two asks. Each ask gets a short
imperative title, its target (the addressee unless the passage names another), a theme and a
country from the values in use, and the existing asks it likely repeats (tracker.search). Every
choice keeps its reason (``why``), so the officer can see why a sentence was taken; sentences
with only a weaker sign of a request are offered apart, unticked (possible_asks).

Nothing here writes. The words the rules react to live in tracker/lexicon.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

import simplemma
from babel import Locale
from sqlite_utils import Database

from tracker import lexicon
from tracker.lexicon import words_of
from tracker.search import RepeatCache, Suggestion, suggest_repeats
from tracker.words import content_words, fold, language_of, stem, stems

I = re.IGNORECASE  # noqa: E741
ASK_CUES = [re.compile(p, I) for p in lexicon.ASK_CUES_EN + lexicon.ASK_CUES_ES]
THIRD_PERSON_CUES = [re.compile(p, I) for p in lexicon.THIRD_PERSON_CUES]
WRITERS = re.compile(lexicon.WRITERS, I)
WRITER_ACRONYM = re.compile(lexicon.WRITER_ACRONYM, I)
PUBLIC_BODY = re.compile(lexicon.PUBLIC_BODY, I)
MODALS = [re.compile(lexicon.MODAL_EN, I), re.compile(lexicon.MODAL_ES, I)]
MODAL_NOT_ASK = re.compile(lexicon.MODAL_NOT_ASK, I)
THERE_SURMISE = re.compile(lexicon.THERE_SURMISE, I)
SUPPORTERS_ACT = re.compile(lexicon.SUPPORTERS_ACT, I)
READERS = re.compile(lexicon.READERS, I)
PAGE_FURNITURE = re.compile(lexicon.PAGE_FURNITURE, I)
MENTAL_AFTER_MODAL = re.compile(lexicon.MENTAL_AFTER_MODAL, I)
BE_THEN_STATE = re.compile(
    # (a manner adverb may come before the participle: "be well prepared", "ser bien atendidos")
    r"\b(?:(?:not|never|no)\s+)?(?:be|ser)\s+(?:(?:\w+ly|well|better|más|muy|bien|also|también)\s+)?+(?!"
    + lexicon.PARTICIPLE
    + r"\b)\w+",
    I,
)
# Whose call a third-person cue reports: another body's ("the resolution calls on States") is
# context; the letter's own ("the letter urges", "the undersigned call on") is an ask.
REPORTED = re.compile(
    r"\b(?:resolution|report|law|convention|treaty|constitution|article|court|ruling|decision|"
    r"rapporteur|mechanism|assembly|declaration|they|he|she|resolución|informe|ley|tribunal|"
    r"corte|sentencia)\b[^,;]{0,60}$",
    I,
)
CLOSING = re.compile(lexicon.CLOSINGS, I)
SALUTATION = re.compile(lexicon.SALUTATIONS, I)
ORG = re.compile(lexicon.ORG_WORDS, I)
# the bullets word processors and PDFs paste: arrows, check marks, squares, circles, diamonds
BULLETS = "➢➤►▶✓✔■□○◆◇❖→⁃∙"
LIST_MARKER = re.compile(
    # (a capital letter and a full stop is an initial or "C." for ciudadano, not a list marker)
    # ("1.-" and "II.-": the dash Spanish documents put after a demand's number)
    r"^[ \t]*(?:\(?(?:\d{1,2}|(?-i:[a-z])|[ivxIVX]{1,4})[.)][-–]?|\(?(?-i:[A-Z])\)|[-•*–—▪●◦·‣"
    + BULLETS
    + r"]"
    r"|(?:recommendation|recomendación|request|petición|solicitud|demand|ask)\s+\d{1,2}\s*[:.)-])"
    r"[ \t]+"
    # (a bullet glued to its word, as pages and e-mails paste it: "*stop the raids", "•Fund")
    r"|^[ \t]*[•*▪●◦‣" + BULLETS + r"](?=[^\W\d_])",
    re.IGNORECASE,
)
ABBREVIATIONS = set(
    words_of(
        "mr mrs ms dr st no nos vs sr sra srta sres lic dra ing art núm num hon gen gral col "
        "jr inc ltd co corp etc fig pp vol op cit approx mtro mtra c arts pág u.s e.g i.e a.c "
        "s.a ee.uu p.ej dept gov sen rep amb"
    )
)
RECOMMENDATION_HEADINGS = re.compile(
    r"^\s*(?:our\s+)?(?:key\s+|specific\s+|main\s+)?(?:recommendations?|requests|asks|demands|"
    r"calls\s+to\s+action|recomendaciones|peticiones|solicitudes|demandas|exigencias|propuestas)"
    r"\b",
    I,
)
VERBS_EN = set(
    words_of(
        """adopt allocate allow amend apply appoint approve assess audit avoid bar begin build call
        cancel cease close collect commit comply condemn condition conduct consider consult
        continue coordinate create cut declassify decriminalize dedicate define deliver demand
        demilitarize deploy designate develop direct disclose dismantle ease eliminate end enact
        encourage enforce engage ensure establish expand expedite extend facilitate finalize fund
        grant guarantee halt hold implement improve include increase incorporate insist institute
        integrate introduce invest investigate invite issue join launch lift limit maintain make
        meet monitor offer open order pass permit place plan press preserve prevent prioritize
        prioritise prohibit promote prosecute protect provide publish pursue push put raise ratify
        reaffirm reallocate reconsider redirect reduce reform refrain reinforce reinstate reject
        release remove renew reopen repeal report request require rescind respect restore resume
        return reverse review revise revoke sanction secure seek set share sign speak stop
        strengthen submit support suspend take terminate track train uphold urge use withdraw work
        denounce oppose abolish acknowledge apologize apologise compensate repatriate drop quash
        pardon free decline refuse boycott address accede exonerate
        recognize recognise affirm welcome block freeze regularize
        regularise ban show give initiate accept act abandon abide bring carry clarify
        confirm declare dismiss empower expose fulfil fulfill help honor honour identify
        inform keep lower mandate mobilize mobilise notify observe organize organise pay
        postpone recall refer relocate repair replace respond retain reunite safeguard save send
        settle spend stand supply sustain tell treat vote waive widen heed come face embrace
        convince reach resist listen talk fight obstruct dismantle champion reunify attend visit
        receive intervene resolve hear answer explain justify abstain desist negotiate mediate
        cooperate punish rebuild retract veto reauthorize defund shield expel admit resettle lead
        harness advance accelerate scale phase
        cosponsor co-sponsor contact"""
    )
)
ACTOR_WORDS = {
    fold(word)
    for word in words_of(
        """government governments administration authorities congress senate house parliament
    legislature lawmakers ministry minister department secretary president state states police
    army military forces prosecutor prosecutors attorney agency agencies court courts judiciary
    commission council office embassy mission bank companies company officials leaders
    governor governors mayor usaid dhs cbp ice un oas gobierno gobiernos administración
    autoridades congreso senado cámara ministerio ministra ministro secretaría secretario
    secretaria presidente presidenta estado estados policía ejército fuerzas fiscalía fiscal
    poder comisión consejo instituto guardia embajada gobernador gobernadora municipios
    legisladores legisladoras"""
    )
}
YOU = re.compile(
    r"^(?:you|your\s+\w+|your\s+\w+\s+\w+|usted|ustedes|su\s+gobierno|su\s+administración|"
    r"le|les|a\s+usted|a\s+ustedes)$",
    I,
)
MONTH_EN = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
)
DATE_PATTERNS = [  # each with the numbers of its year's, month's and day's groups
    (re.compile(r"\b" + MONTH_EN + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", I), (3, 1, 2)),
    (
        re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH_EN + r",?\s+(\d{4})\b", I),
        (3, 2, 1),
    ),
    (
        re.compile(
            r"\b(\d{1,2})\s+de\s+(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
            r"setiembre|octubre|noviembre|diciembre)\s+(?:de(?:l)?\s+)?(\d{4})\b",
            I,
        ),
        (3, 2, 1),
    ),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), (1, 2, 3)),
]
# month names, English and Spanish, and their short forms
MONTHS = {
    m: i % 12 + 1
    for names in (
        "january february march april may june july august september october november december",
        "jan feb mar apr may jun jul aug sep oct nov dec",
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    )
    for i, m in enumerate(words_of(names))
} | {"sept": 9, "setiembre": 9}
# irregular subjunctives (regular ones follow from their endings: see _to_infinitive)
SUBJUNCTIVE = dict(
    pair.split(":")
    for pair in words_of(
        "cumpla:cumplir abra:abrir permita:permitir emita:emitir incluya:incluir "
        "suspenda:suspender promueva:promover asuma:asumir reciba:recibir ponga:poner "
        "haga:hacer tenga:tener proteja:proteger detenga:detener mantenga:mantener "
        "devuelva:devolver resuelva:resolver atienda:atender extienda:extender prohíba:prohibir "
        "exija:exigir dirija:dirigir construya:construir distribuya:distribuir "
        "responda:responder rinda:rendir sea:ser esté:estar dé:dar cese:cesar abstenga:abstener "
        "transparente:transparentar invierta:invertir tome:tomar evite:evitar deje:dejar use:usar "
        "pare:parar"
    )
)
TITLE_CUTS = re.compile(
    r",\s*(?:including|in\s+particular|especially|which|as|so\s+that|given|since|while|"
    r"incluyendo|incluida|en\s+particular|especialmente|que|ya\s+que|dado|because|pues|porque|"
    r"but|pero|who|quien|quienes)\b"
    # the reporter's saying after the request: ", señaló una de las madres", ", y recordó"
    r"|,\s*(?:y\s+)?[a-záéíóúñ]{3,}(?:ó|aron|ieron)\b"
    r"|\s+(?:so\s+that|in\s+order\s+to|in\s+line\s+with|in\s+accordance\s+with|consistent\s+with|"
    r"para\s+que|a\s+fin\s+de|con\s+el\s+fin\s+de|de\s+conformidad\s+con|conforme\s+a)\b|[;:(]",
    I,
)
FLUFF = re.compile(
    r"^(?:(?:immediately|urgently|swiftly|promptly|publicly|also|further|fully|firmly|strongly|"
    r"now|once\s+again|inmediatamente|urgentemente)\s+)*"
    r"(?:take\s+(?:\w+\s+){0,3}(?:steps|action|measures)\s+to\s+|use\s+(?:all\s+)?(?:of\s+)?"
    r"(?:your|its|the)\s+(?:\w+\s+){0,2}(?:influence|leverage|voice|position|offices?|platform|"
    r"authority)\s+to\s+|do\s+(?:everything|all)\s+(?:\w+\s+){0,4}to\s+|make\s+(?:every|all)\s+"
    r"efforts?\s+to\s+|seize\s+(?:this|the)\s+opportunity\s+to\s+|tomar\s+(?:las\s+)?(?:medidas|"
    r"acciones)\s+(?:\w+\s+){0,2}para\s+|hacer\s+todo\s+lo\s+(?:que\s+esté\s+)?(?:a\s+su\s+alcance|"
    r"posible)\s+para\s+)?",
    I,
)


@dataclass
class DraftAsk:
    """One drafted ask: the passage (folded whitespace, and its place in the letter's text),
    the fields the officer reviews, the reasons for each, and the asks it likely repeats."""

    text: str
    start: int
    end: int
    title: str
    target: str
    theme: str
    country: str
    why: str
    target_why: str = ""
    theme_why: list[str] = field(default_factory=list)
    repeats: list[Suggestion] = field(default_factory=list)
    same_as: int | None = None  # the existing ask prefilled as "same as" (see _prefill)
    sure: bool = True  # False: a possible ask (possible_asks), offered unticked


@dataclass
class Draft:
    """A letter's drafted details and asks. ``full_text`` is the text the offsets refer to."""

    title: str
    date: str | None
    author_org: str
    cosigners: list[str]
    recipient_person: str
    recipient_office: str
    language: str
    full_text: str
    url: str | None = None
    asks: list[DraftAsk] = field(default_factory=list)
    possible: list[DraftAsk] = field(default_factory=list)  # the second tier, strongest first

    def to_json(self) -> dict:
        """The shape ``tracker extract --json`` prints (the issue's contract)."""
        return {
            "letter": {
                "title": self.title,
                "date": self.date,
                "authors": [a for a in [self.author_org, *self.cosigners] if a],
                "recipients": [r for r in (self.recipient_person, self.recipient_office) if r],
                "language": self.language,
            },
            "asks": [_ask_json(a) for a in self.asks],
            "possible_asks": [_ask_json(a) | {"why": a.why} for a in self.possible],
        }


def _ask_json(a: DraftAsk) -> dict:
    return {
        "text": a.text,
        "title": a.title,
        "target": a.target,
        "theme": a.theme,
        "country": a.country,
        "repeats": [r.as_dict() for r in a.repeats],
    }


# --- cutting the text -------------------------------------------------------------------------


@dataclass
class Block:
    start: int
    end: int
    item: bool = False
    body_start: int = 0  # after the list marker


# a line that goes on in the next: a short line that does not stands alone (an address)
OPEN_END = re.compile(r"[,;]$|\b(?:the|of|and|to|a|de|la|el|y)$", I)


# a line whose sentence goes on: no sentence end, and a lower-case word after it
GOES_ON = re.compile(r"[^.!?:;\s][\"”’)]?[ \t]*\n[ \t]*(?=[a-záéíóúñ])")


def _short_line(text: str) -> int:
    """Below this length a line stands alone (an address, a signature). Pasted e-mails and PDF
    text are wrapped at a printed width: there (three or more sentences going on into a
    lower-case line show it) a line near that width is a wrapped one, not a short one."""
    if len(GOES_ON.findall(text)) < 3:
        return 60
    lengths = sorted(len(line.strip()) for line in text.split("\n") if line.strip())
    return min(60, int(0.7 * lengths[int(0.9 * (len(lengths) - 1))]))


# a letter "o" a word processor's bullets turn into when pasted ("o Publish the audit")
O_BULLET = re.compile(r"^[ \t]*o[ \t]+(?=\S)")


def _o_bullets(lines: list[str]) -> set[int]:
    """The lines whose opening "o" is a bullet: two or more such lines in a run (blank lines
    between them allowed), the first after a line ending in a colon. A lone wrapped line that
    starts with the Spanish "o" (or) is no item."""
    marked = {i for i, line in enumerate(lines) if O_BULLET.match(line)}
    if len(marked) < 2:
        return set()
    filled = [i for i, line in enumerate(lines) if line.strip()]
    before = {b: a for a, b in zip(filled, filled[1:], strict=False)}
    after = {a: b for a, b in zip(filled, filled[1:], strict=False)}
    out: set[int] = set()
    for i in sorted(marked):
        run = [i]
        while after.get(run[-1]) in marked:
            run.append(after[run[-1]])
        if i in out or len(run) < 2 or not lines[before.get(i, i)].rstrip().endswith(":"):
            continue
        out.update(run)
    return out


def blocks_of(text: str) -> list[Block]:
    """Paragraphs and list items, by offsets. Short lines (addresses, signatures) stand alone,
    but a hard line break inside a sentence (a lower-case word after a line with no sentence
    end, or a line near the width the text is wrapped at) does not end it."""
    blocks: list[Block] = []
    current: Block | None = None
    previous_line = ""
    position = 0
    short = _short_line(text)
    lines = text.split("\n")
    o_bullets = _o_bullets(lines)
    for n, line in enumerate(lines):
        start, end = position, position + len(line)
        position = end + 1
        stripped = line.strip()
        goes_on = bool(
            previous_line
            and re.match(r"[a-záéíóúñ]", stripped)
            and not re.search(r"[.!?:;]$", previous_line)
        )
        if not stripped or re.fullmatch(r"[_\-=*~]{3,}", stripped):  # (a rule line ends a block)
            current, previous_line = None, ""
            continue
        marker = LIST_MARKER.match(line) or (O_BULLET.match(line) if n in o_bullets else None)
        lead = len(line) - len(line.lstrip())
        if (
            marker
            or current is None
            or CLOSING.match(line)
            or SALUTATION.match(line)
            or MEMO.match(line)  # memo fields are lines of their own
            or MEMO.match(previous_line)
            or (
                not current.item  # (an item goes on until a blank line, a marker or a new part)
                and (
                    re.search(r"[.!?:]$", previous_line)  # after a sentence's end
                    or (SALUTATION.match(previous_line) and previous_line.endswith(","))
                    or (
                        len(previous_line) < short
                        and not goes_on
                        and not OPEN_END.search(previous_line)
                    )
                )
            )
        ):
            current = Block(
                start + lead, end, bool(marker), start + (marker.end() if marker else lead)
            )
            blocks.append(current)
        else:
            current.end = end
        previous_line = stripped
    return blocks


# (a scraped page may drop the space: "...los alquileres."No hay", "esenciales".Carlotto")
SENTENCE_END = re.compile(
    r"[.!?…][\"”’)\]]*(?=\s+[\"“(¿¡]?[A-ZÁÉÍÓÚÑ0-9])"
    r"|(?<=[a-záéíóúñ\"”])[.!?]”?(?=[\"“]?[A-ZÁÉÍÓÚÑ][a-záéíóúñ])"
    # a full stop lost when the page was copied: "...sus deliberaciones En democracia no...",
    # "...carbon emissions In the medium term" (a capital "In"/"En" between lower-case words
    # opens a sentence; a name is no preposition)
    r"|(?<=[a-záéíóúñ]{3})(?=\s+(?-i:In|En)\s+(?-i:[a-záéíóúñ]))"
)


def sentences_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``; abbreviations and initials do not end one."""
    spans = []
    begin = start
    for match in SENTENCE_END.finditer(text[start:end]):
        stop = start + match.end()
        before = re.search(r"([\w.]+)[.!?…]?[\"”’)\]]*$", text[begin:stop])
        word = (before.group(1) if before else "").lower().rstrip(".")
        if (
            word in ABBREVIATIONS
            or (len(word) == 1 and word.isalpha())
            or re.fullmatch(r"(?:[a-z]\.)+[a-z]?", word)
        ):
            continue
        spans.append((begin, stop))
        begin = stop
        while begin < end and text[begin].isspace():
            begin += 1
    spans.append((begin, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _folded(text: str) -> str:
    return " ".join(text.split())


# --- the letter's parts -----------------------------------------------------------------------


@dataclass
class Parts:
    header: list[Block]
    salutation: Block | None
    body: list[Block]
    signature: list[Block]


def parts_of(text: str, blocks: list[Block]) -> Parts:
    texts = [text[b.start : b.end] for b in blocks]
    salutation_at = next(
        (i for i, t in enumerate(texts[:40]) if SALUTATION.match(t) and len(t) < 200), None
    )
    if salutation_at is None:
        # no "Dear...": the heading is the short lines before the first real paragraph
        salutation_at = -1
        for i, b in enumerate(blocks):
            # (a short "item" here is an initial or honorific, "C. Salomón Jara")
            words = texts[i].split()
            after_memo = i > 0 and MEMO.match(texts[i - 1])
            if (
                len(words) >= 15
                or (b.item and len(words) >= 6)
                or (len(words) >= 8 and re.search(r"[.!?]$", texts[i]))
                or (after_memo and not MEMO.match(texts[i]))
            ):
                break
            salutation_at = i
        header, salutation = blocks[: salutation_at + 1], None
    else:
        header, salutation = blocks[:salutation_at], blocks[salutation_at]
    rest, texts = blocks[salutation_at + 1 :], texts[salutation_at + 1 :]
    # (a closing is a short line: "Signatories of the letter include..., as well as..." is prose)
    closing_at = next(
        (i for i, t in enumerate(texts) if CLOSING.match(t) and len(t.split()) <= 20), None
    )
    if closing_at is None:
        # a trailing run of short lines without sentence ends reads as the signature list
        closing_at = len(rest)
        while closing_at > 0:
            line = texts[closing_at - 1].strip()
            if len(line.split()) > 12 or re.search(r"[.!?:]$", line) or rest[closing_at - 1].item:
                break
            closing_at -= 1
        if len(rest) - closing_at < 2:
            closing_at = len(rest)
    return Parts(header, salutation, rest[:closing_at], rest[closing_at:])


def find_date(text: str) -> str | None:
    """The first full date in ``text`` as YYYY-MM-DD (English, Spanish or ISO forms)."""
    found = []
    for pattern, order in DATE_PATTERNS:
        for m in pattern.finditer(text):
            year, month, day = m.group(*order)
            try:
                day = dt.date(int(year), MONTHS.get(month.lower()) or int(month), int(day))
            except ValueError:
                continue
            found.append((m.start(), day.isoformat()))
    return min(found)[1] if found else None


ADDRESS = re.compile(
    r"\d{3,}|\b(?:street|st\.|avenue|ave\.|suite|floor|nw|ne|sw|se|d\.?c\.?|washington|"
    r"p\.?o\.? box|c\.p\.|colonia|col\.|calle|avenida|piso|ciudad de méxico|cdmx|"
    r"via\s+(?:e-?mail|facsimile|fax|courier|hand\s+delivery)|por\s+correo)\b|@|https?://|^(?:presente|present|ciudad|city|su\s+despacho)\W*$|^(?:señora?|sir|madam)\W*$",
    I,
)
HONORIFIC = re.compile(
    r"^(?:the\s+honou?rable|hon\.|h\.e\.|his\s+excellency|her\s+excellency|president|secretary|"
    r"minister|ambassador|senator|representative|governor|attorney\s+general|sr\.|sra\.|lic\.|"
    r"dr\.|dra\.|mtro\.|mtra\.|c\.|presidente|presidenta|ministra|ministro|secretario|"
    r"secretaria|embajador|embajadora|excmo\.?|excma\.?|senador|senadora|diputad[oa]|"
    r"gobernador|gobernadora|fiscal)(?:\b|(?<=\.))",
    I,
)
MEMO = re.compile(
    r"^\s*(to|para|a|attn|attention|atención|from|de|date|fecha|cc|c\.c\.p?|re|subject|asunto)"
    r"\s*:\s*(.+)$",
    I,
)
MEMO_ALONE = re.compile(r"^\s*(to|para|attn|attention|atención)\s*:\s*$", I)
MEMO_TO = {"to", "para", "a", "attn", "attention", "atención"}
MEMO_FROM = {"from", "de"}
OFFICE_WORDS = re.compile(
    r"\b(?:department|ministry|ministerio|secretar\w+|office|committee|comité|senate|senado|house|"
    r"cámara|council|consejo|commission|comisión|government|gobierno|presiden\w+|embassy|embajada|"
    r"mission|united\s+nations|naciones\s+unidas|parliament|congress|congreso|assembly|asamblea|"
    r"member\s+states|estados\s+miembros|fiscal\w*|procuradur\w+|defensor\w*\s+del\s+pueblo|"
    r"attorney|agency|agencia|commissioner|comisionad\w+|rapporteur|relator\w*|white\s+house)\b",
    I,
)
TITLE_LINE = re.compile(
    r"^(?:(?:an?|the|una?)\s+)?(?:(?:open|joint|urgent|public|sign-?on|coalition|advocacy|civil\s+"
    r"society|abierta|urgente|pública|conjunta)\s+)*(?:letter|statement|memo(?:randum)?|carta|"
    r"comunicado|declaración|pronunciamiento|posicionamiento|press\s+release)\b"
    r"|\b(?:letter|carta|statement)\s+(?:abierta\s+)?(?:urgente\s+)?(?:to|a|al|from|de|on|sobre)\b"
    r"|^(?:pdf|download|print|descargar|imprimir|click|clic|haga\s+clic|read\s+the)\b|\b(?:version|versión)$"
    r"|^(?:about|on|concerning|regarding|sobre|acerca\s+de)\s",  # a title's second line
    I,
)
LETTER_TO = re.compile(
    r"\b(?:letter|carta)\s+(?:abierta\s+)?(?:urgente\s+)?(?:to|al|a)\s+(?:the\s+|la\s+|el\s+)?"
    r"(.{3,100}?)(?=\s+(?:on|re|about|regarding|sobre|en\s+relación)\b|[,:;(]|$)",
    I,
)
SUBJECT = re.compile(r"^\s*(?:re|subject|asunto|ref|referencia|regarding)\s*[:.-]\s*(.+)$", I)


def _unshout(line: str) -> str:
    if not line.isupper():
        return line
    small = {"de", "la", "el", "del", "los", "las", "y", "of", "the", "and", "for", "a", "en"}
    words = line.lower().split()
    return " ".join(
        w if (i and w in small) else (w[:1].upper() + w[1:]) for i, w in enumerate(words)
    )


HONOURABLE = re.compile(r"^(?:the\s+honou?rable|hon\.)\s+", I)
GREETING = re.compile(
    r"^\s*(?:dear|estimad[oa]s?|distinguid[oa]s?|apreciad[oa]s?|muy\s+señor(?:a)?|"
    r"your|distinguished|honou?rable)\s+",
    I,
)
NO_NAME = re.compile(r"^(?:sir|madam|colleagues|friends|all|members|señores|señoras|excellenc)", I)


def _person_then_office(line: str) -> list[str]:
    """A memo's "To:" line naming a person then their office after a comma ("Attorney General
    Ramírez, Office of the Attorney General") as the two lines a letter's address puts them
    on, so that each lands in its own field."""
    head, comma, rest = line.partition(",")
    if comma and HONORIFIC.match(head.strip()) and (OFFICE_WORDS.search(rest) or ORG.search(rest)):
        return [head, rest]
    return [line]


def _recipients(lines: list[str], salutation: str) -> tuple[str, str]:
    person, office = "", []
    for line in lines:
        if HONORIFIC.match(line) and not person and not ORG.search(line.split(",")[0][:4]):
            person = HONOURABLE.sub("", line).strip(" ,")
        elif (
            person
            and HONORIFIC.match(line)
            and not re.search(r"\b(?:of|de|del|for|para)\b", line, I)
            and len(line.split()) <= 6
        ):
            person += " and " + HONOURABLE.sub("", line)
        elif (
            not person
            and re.fullmatch(r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]+\s+){1,4}[A-ZÁÉÍÓÚÑ][\w'’-]+", line)
            and not ORG.search(line)
            and not office
        ):
            person = line
        else:
            office.append(line)
    if not person and salutation:  # "Dear Minister Ebrard": the greeting names the person
        greeting = GREETING.sub("", salutation.strip().rstrip(":,;"))
        if greeting and len(greeting.split()) <= 10 and not NO_NAME.match(greeting):
            person = greeting
    return person, ", ".join(office[:3])


NOISE = re.compile(r"@|https?://|www\.|\+?\d[\d ()-]{6,}|^\d")
ROLE_LINE = re.compile(
    r"^(?:executive\s+director|director|directora|coordinator|coordinadora?|president|"
    r"presidenta?|chair|ceo|founder|fundadora?|program\s+\w+|senior\s+\w+|advocacy\s+\w+|"
    r"secretari[oa]\s+ejecutiv[oa]|representante|on\s+behalf\s+of|en\s+nombre\s+de|"
    r"cc:?|c\.c\.p?\.?)\b",
    I,
)


def _is_request_line(line: str) -> bool:
    """A line after the closing that asks ("We also urge you to...", "1. Reopen the clinics")
    or is a sentence: no signer's name."""
    line = line.strip()
    return bool(
        any(p.search(line) for p in ASK_CUES + MODALS)
        or (len(line.split()) >= 8 and line.endswith((".", "!")))
    )


def _signatories(lines: list[str]) -> list[str]:
    """Organisations in a signature block, one a line (or separated by semicolons): person
    names, roles, addresses and contact lines are left out; when some lines carry
    organisation words and others look like people, the organisations are kept."""
    kept = []
    for raw in lines:
        if CLOSING.match(raw.strip()):
            continue
        line = raw.strip().strip("•*-–— \t").rstrip(",;.")
        if re.match(
            r"^(?:cc|c\.c\.p?)\b|^(?:p\.\s?[sd]\.?|ps:|p\.?s\.?:|post\s?scriptum|posdata)", line, I
        ):
            break  # copies, or a postscript: what follows signs nothing
        if _is_request_line(raw):
            continue  # a list of asks after the closing, no signer
        if not line or CLOSING.match(line) or NOISE.search(line):
            continue
        if ROLE_LINE.match(line) and len(line.split()) <= 4:
            continue
        for piece in re.split(r";\s*", line):
            piece = piece.strip()
            if 2 <= len(piece) <= 120 and len(piece.split()) <= 14:
                kept.append(piece)
    if any(ORG.search(p) for p in kept):  # (then the names of people are left out)
        person = r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]+\s+){1,2}[A-ZÁÉÍÓÚÑ][\w'’-]+"
        return [p for p in kept if ORG.search(p) or not re.fullmatch(person, p)]
    return kept


# --- asks -----------------------------------------------------------------------------------


@dataclass
class Found:
    start: int
    end: int
    why: str
    cue_end: int  # where the cue's words stop (the action follows)
    actor: str = ""  # who the passage names as acting, if anyone
    modal: bool = False
    item: bool = False
    action: str = ""  # the title's action, when the rule that found the ask words it itself
    reported: bool = False  # a possible ask that reports a request in its main clause (sure)


# a rule of conduct, kept always or only within bounds: "force should only be used when
# necessary", "must never be used against", "debe siempre ser respetado" (a principle, no request)
NORM = re.compile(
    r"\s*(?:only|strictly|always|never|solely|exclusively|sólo|solo|solamente|únicamente|siempre|"
    r"nunca|jamás)\s+(?:be|ser)\s+[^\W\d_]+(?:ed|en|ad[oa]s?|id[oa]s?)\b",
    I,
)
GERUND_SUBJECT = re.compile(
    r"\s*[\"“]?(?!(?:during|regarding|concerning|including|pending|following|considering|"
    r"according|notwithstanding)\b)[^\W\d_]{3,}ing\s+(?-i:(?![A-Z]))\w",
    I,
)


CONTACT_RELATIVE = re.compile(
    r"\b(?-i:[a-z]{3,})(?<!\btherefore)(?<!\balso)(?<!\bthat)(?<!\bwhich)(?<!\bbelieve)"
    r"(?<!\bthink)(?<!\bhope)(?<!\btrust)(?<!\bexpect)(?<!\bfeel)(?<!\bsay)(?<!\bsays)"
    r"(?<!\bsaid)(?<!\bknow)(?<!\byear)(?<!\bweek)(?<!\bmonth)(?<!\btime)(?<!\btoday)"
    r"(?<!\bnow)(?<!\bthen)(?<!\bwhy)(?<!\bhow)(?<!\bwhen)(?<!\bwhere)(?<!\band)(?<!\bbut)"
    r"\s+(?:the|this|its|their)\s+(?:[\w.'’-]+\s+){0,3}$",
)
OBJECT_GONE = re.compile(
    r"\s*(?:[.;:]|$|(?:in|on|at|for|regarding|concerning|with|during|under|towards?|when|if)\b)",
    I,
)


# a wh-word after another word, a few words before the modal: the modal is in an indirect
# question ("to explore how the organisation needs to adapt"); a sentence that opens with it,
# "What the ministry must do is...", or a cleft, "that is why the ministry must", still asks
INDIRECT_QUESTION = re.compile(
    r"(?<=[^\W\d_]\s)(?<!['’]s\s)(?<!\bis\s)(?<!\bwas\s)(?<!\bes\s)"
    r"(?:how|whether|why|what|cómo|por\s+qué|qué)\s+(?:[^\s,;:.]+\s+){0,6}$",
    I,
)


# the asks of a sentence before, counted on: "Second, it should appoint an envoy", "And,
# finally, they must publish the audit" (the pronoun is the actor asked, no dummy "it")
ENUMERATED_PRONOUN = re.compile(
    r"\s*(?:and\s*,?\s*)?(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|next|then|"
    r"finally|lastly|last|also|further(?:more)?|in\s+addition)\s*,\s*(?:it|they)\s+(?:should|must|"
    r"needs?\s+to)\s+(?:also\s+)?(?!be\b|have\b)[a-z]+",
    I,
)
ABLE_TO = re.compile(r"\s*(?:be\s+able\s+to|poder)\s+", I)


def _modal_is_ask(sentence: str, m: re.Match) -> bool:
    """A modal makes an ask unless it is past, hypothetical, relative or quoted. A modal of
    state asks only of an actor: "the U.S. must be a robust participant" asks; "overcrowding
    should be a strong factor" describes ("should be investigated" is an action, and asks)."""
    if MODAL_NOT_ASK.search(sentence[max(0, m.start() - 40) : m.end()]) and not (
        ENUMERATED_PRONOUN.match(sentence) and ENUMERATED_PRONOUN.match(sentence).end() >= m.end()
    ):
        return False
    if m.start() > 0 and m.group(0)[:1].isupper():
        return False  # a capital inside a sentence is a name's: "the NGO People in Need to"
    if _quoted(sentence, m.start()):
        return False  # another's words: 'You also claim that "individuals should not believe"'

    # (the clause before the modal, within 300 characters: a run-on sentence stays linear)
    clause = re.split(r"[,;:]", sentence[max(0, m.start() - 300) : m.start()])[-1]
    if OBJECT_GONE.match(sentence, m.end()) and CONTACT_RELATIVE.search(clause):
        # a relative clause with "that" left out, its verb's object the noun before it: "the
        # priorities the US should take regarding", "legislation the Committee should advance in"
        return False
    that = re.search(r"^(.*)\b(?:that|que)\b(?!['’]s\s+why|\s+is\s+why)", clause, I)
    writers = that and WRITERS.search(that.group(1))
    if writers and not PUBLIC_BODY.search(that.group(1)[: writers.start()]):
        that = None  # the writers reported: "the letter stressed that the ministry should"
    if that and not re.search(
        r"\b(?:we|i|our|us|it\s+is|it['’]s|\w+mos|nosotr[oa]s|es|resulta|sería|por\s+lo|"
        r"de\s+(?:modo|manera)|así)\s*$|\b(?:we|i|our|us|it\s+is|it['’]s|\w+mos|nosotr[oa]s)\b",
        that.group(1),
        I,
    ):
        # another's words ("the amendments introduce notions that States should", "el pueblo
        # cree que el presidente debe")
        return False
    if INDIRECT_QUESTION.search(clause):
        # a question embedded after a verb says what is studied, not what is asked: "a summit to
        # explore how the organisation needs to adapt", "debatir qué debe cambiar"
        return False
    subject = _actor_before_modal(sentence, m.start())
    verb_at = m.start() + len(m.group(0).split()[0])
    if MENTAL_AFTER_MODAL.match(sentence, verb_at):
        return False  # an argument: "must be put into perspective", "should remind us all"
    negated = re.search(r"\b(?:not|never|no)\b", m.group(0), I) or re.search(
        r"\b(?:no|nunca|jamás)\s+$", sentence[max(0, m.start() - 20) : m.start()], I
    )
    if (
        negated and re.match(r"^[\"“]?[^\W\d_]+(?:ar|er|ir)\b", subject, I)
    ) or GERUND_SUBJECT.match(clause):
        # a principle, addressed to no one: "Seeking asylum should never be...", "Calling out
        # abuses should take precedence over..." (a gerund subject acts for no one)
        return False
    after = m.start() + len(m.group(0).split()[0]) + 1
    if NORM.match(sentence, after - 1):
        return False  # a principle: "the use of force should only be used when necessary"
    able = ABLE_TO.match(sentence, after)
    if able:
        # "be able to" (or "poder") only carries the modal to the verb after it: "the mandate
        # should be able to be carried out" asks what "should be carried out" asks
        after = able.end()
    if re.fullmatch(r"\s*there\s*", subject, I):
        # "there must be a ceasefire" asks for a thing; "there must be a reason" surmises
        return not THERE_SURMISE.search(sentence, max(0, m.start() - 8))
    state = BE_THEN_STATE.match(sentence, after)
    # (a place asked for: "organisations should be part of the dialogue", "deben formar parte
    # de la mesa" ask that they be included, whoever they are)
    return not state or _is_actor(subject) or bool(PART_OF.match(sentence, after))


# a saying verb that opens a quotation: what follows is someone's words, not the writers' ask
SAYING = re.compile(
    r"\b(?:say|says|said|claim|claims|claimed|state|states|stated|declare[sd]?|wrote|writes|"
    r"announce[sd]?|insist(?:s|ed)|argue[sd]?|dice|dijo|dicen|dijeron|afirm[aó]|afirman|"
    r"declar[oó]|señal[oó]|sostiene|sostuvo|asegur[oó])\s+(?:that\s+|que\s+)?[\"“«]",
    I,
)


def _quoted(sentence: str, at: int) -> bool:
    """Whether ``at`` falls inside a quotation that a saying verb opens ("you claim that
    “...”", "el ministro dijo «...»"): the words are the speaker's, not the writers' request."""
    opening = max(sentence.rfind("“", 0, at), sentence.rfind("«", 0, at))
    if sentence.count('"', 0, at) % 2:
        opening = max(opening, sentence.rfind('"', 0, at))
    if opening < 0 or re.search(r"[”»]", sentence[opening:at]):
        return False
    return bool(SAYING.search(sentence[max(0, opening - 60) : opening + 1]))


def _in_quotation(sentence: str, at: int) -> bool:
    """Whether ``at`` falls inside a quotation opened after the sentence's start and not yet
    closed: the quoted words are the speaker's ("you promised to run “a ministry that ... asks
    you to...”"), whoever the speaker is."""
    opening = max(sentence.rfind("“", 0, at), sentence.rfind("«", 0, at))
    if sentence.count('"', 0, at) % 2:
        opening = max(opening, sentence.rfind('"', 0, at))
    return (
        opening > 0
        and sentence[:opening].strip() != ""
        and not re.search(r"[”»]", sentence[opening:at])
    )


def _heading(block: str) -> bool:
    """A heading (a title or a press release's headline) restates the letter, asks nothing of
    its own: a short line in capitals, or in title case without a full stop."""
    lines = block.strip().split("\n")
    if len(lines) == 2 and find_date(lines[1]) and len(lines[1].split()) <= 5:
        # a dated headline, as a list of letters gives each: "Title\nMay 5, 2021"
        return len(lines[0].split()) <= 20 and not re.search(r"[.!?;:,]\s*$", lines[0])
    words = re.findall(r"[^\W\d_]+", block)
    if not words or len(words) > 20 or "\n" in block.strip() or block.rstrip().endswith(":"):
        return False
    if block.isupper() and len(words) >= 2:
        return True
    small = {"a", "an", "the", "of", "to", "for", "and", "or", "in", "on", "at", "by", "with"}
    small |= {"de", "del", "la", "las", "el", "los", "y", "e", "en", "al", "por", "para", "con"}
    capitalised = [w[0].isupper() for w in words if w.lower() not in small]
    if (
        len(capitalised) == 3
        and all(capitalised)
        and len(words) <= 6
        and not re.search(r"[.!?;:,]\s*$", block)
    ):
        return True  # a short title: "Exigimos la Inmediata Liberación"
    if block.rstrip().endswith("!") and len(words) <= 8 and all(capitalised):
        return True  # a campaign's slogan or button, alone on its line: "Take Action Now!"
    return (
        len(capitalised) >= 4
        and sum(capitalised) >= 0.8 * len(capitalised)
        and not block.rstrip().endswith((".", "!", "?", ","))
    )


FIRST_PERSON = re.compile(
    r"\b(?:we|i|our|us|nosotr[oa]s|nuestr[oa]s?|(?:exig|ped|solicit|inst|exhort|demand|llam|urg|reclam|"
    r"hac)[a-z]*(?:amos|emos|imos))\b",
    I,
)


def _news_headline(block: str) -> bool:
    """A news page's headline in sentence case ("La sociedad civil pide garantías para la
    protesta"): the text's first line, alone, with no end mark, reporting a third person's
    request. It restates what the text reports, as a title-case headline does (_heading)."""
    line = block.strip()
    words = line.split()
    return (
        "\n" not in line
        and 5 <= len(words) <= 30
        and not re.search(r"[.!?;:,]$", line)
        and not FIRST_PERSON.search(line)
        and any(p.search(line) for p in THIRD_PERSON_CUES)
    )


# a quotation alone on its lines, then only its speaker's name and perhaps a date or a title:
# '"No one should be left behind" Ana Ruiz, May 3 2019', '“...” — Dr. Tomás Vega'
EPIGRAPH = re.compile(
    r"\s*[\"“«][^\"”»]{10,}[\"”»]\s*[,.–—-]*\s*(?:(?-i:[A-Z])[\w.'’-]*\s*){1,6}"
    r"(?:,\s*[^.!?\n]{0,40})?\s*$"
)


def _unrestated_headline(text: str, block: Block, rest: list[Block]) -> Found | None:
    """The request of a news headline (_news_headline) whose words no later sentence mostly
    repeats, from its request on ("— Llaman a los medios a no apartar la vista", its dash
    left out); None when the text restates it."""
    words = set(stems(_folded(text[block.start : block.end])))
    for later in rest:
        for a, b in sentences_of(text, later.body_start, later.end):
            if len(words & set(stems(_folded(text[a:b])))) >= len(words) / 2:
                return None
    start = block.start + len(re.match(r"[\s\-–—•*]*", text[block.start : block.end]).group(0))
    cue = min(
        (m for p in THIRD_PERSON_CUES if (m := p.search(text, start, block.end))),
        key=lambda m: m.start(),
    )
    actor, action_at = _actor_after_cue(text[start : block.end], cue.end() - start)
    why = f'a headline says "{_folded(cue.group(0))}", and the text does not say it again'
    return Found(start, block.end, why, start + action_at, actor)


def _addressing(block: str) -> bool:
    """A sub-heading that names whom the items below it are put to, between a lead-in and its
    items: "A. To the Minister of Health:", "For the Ministry:", "Al Congreso:"."""
    return bool(
        block.rstrip().endswith(":")
        and len(block.split()) <= 12
        and re.match(
            r"\s*(?:(?:[A-Z]|[IVX]+|\d+)[.)]\s+)?(?:to|for|para|al?|a\s+la|ante)\s", block, I
        )
    )


def _sub_heading(block: str) -> bool:
    """A short line with no sentence end, between a section's heading and its items."""
    return len(block.split()) <= 8 and not re.search(r"[.!?;,]\s*$", block)


# a request verb joined by "and" to the writers' own verb: "We welcome the talks and urge our
# States to address..." (the writers open the sentence: WE_OPENING)
COORDINATED_REQUEST = re.compile(
    r"(?<=\band\s)(?:also\s+)?(?:urge|call\s+(?:on|upon)|ask|request|press|encourage|implore|"
    r"exhort)\s+(?=(?:you|your|our|the|all|both|(?-i:[A-Z]))\b)",
    I,
)
WE_OPENING = re.compile(r"\s*(?:[^,;]{0,80},\s*)?(?:we|i)\s", I)


def _first_cue(sentence: str, context: str = "", earlier: str = "") -> tuple[re.Match | None, bool]:
    """The earliest ask cue in the sentence, and whether it is a modal (should, debe...)."""

    def first(pattern: re.Pattern, keep) -> re.Match | None:
        return next((m for m in pattern.finditer(sentence) if keep(m)), None)

    cues = [
        first(
            p,
            lambda m: (
                not _asks_a_state(sentence, m)
                and not _negated(sentence, m)
                and not _call_without_action(sentence, m)
            ),
        )
        for p in ASK_CUES
    ]
    cues += [
        first(
            p,
            lambda m: (
                _writers_say(context + sentence, len(context) + m.start(), earlier)
                and not _asks_a_state(sentence, m)
                and not _a_name(sentence, m)
            ),
        )
        for p in THIRD_PERSON_CUES
    ]
    if WE_OPENING.match(sentence):
        cues.append(first(COORDINATED_REQUEST, lambda m: not _negated(sentence, m)))
    cue = min(filter(None, cues), key=lambda m: m.start(), default=None)
    if cue is not None:
        # "international agencies should urge the authorities to": the modal, with its subject
        for pattern in MODALS:
            for m in pattern.finditer(sentence, max(0, cue.start() - 30)):
                if m.start() < cue.start() < m.end() + 1 and _modal_is_ask(sentence, m):
                    return m, True
        return cue, False
    modals = filter(None, (first(p, lambda m: _modal_is_ask(sentence, m)) for p in MODALS))
    modal = min(modals, key=lambda m: m.start(), default=None)
    return modal, modal is not None


CALL_CUE = re.compile(r"(?:llamamos|convocamos|invitamos|llamado|llamamiento)\b", I)
CALL_ACTION = re.compile(
    r"\b(?:a|al|para)\s+(?:que\b|(?:no\s+)?(?:se\s+)?[a-záéíóúñ]+(?:ar|er|ir)"
    r"(?:se|le|les|lo|la|los|las)?\b)",
    I,
)


def _call_without_action(sentence: str, cue: re.Match) -> bool:
    """A Spanish call that names no action, "llamamos a la sensibilidad política de los
    funcionarios", appeals and asks nothing: a call asks when an action follows it in its
    clause ("llamamos al Congreso a votar", "hacemos un llamado para que se investigue")."""
    if not CALL_CUE.search(cue.group(0)):
        return False
    clause = re.split(r"[.;:]", sentence[cue.end() :], maxsplit=1)[0]
    return not CALL_ACTION.search(clause)


def _a_name(sentence: str, cue: re.Match) -> bool:
    """A capitalised cue inside a sentence, before a capitalised word, is part of a name or a
    title-case headline: "the Press Network", "Senators Urge OSTP to Establish"."""
    return (
        cue.start() > 0
        and cue.group(0)[:1].isupper()
        and bool(re.match(r"\w+\s+(?-i:[A-Z])", sentence[cue.start() :], I))
    )


def _negated(sentence: str, cue: re.Match) -> bool:
    """ "No pedimos favores", "we do not ask for charity": a request denied is none (but "please
    do not return them" asks)."""
    before = sentence[max(0, cue.start() - 20) : cue.start()]
    return bool(
        re.search(r"\b(?:no|not|ni|nunca|never)\s+$", before, I)
        or re.search(r"^(?:we|i)\s+(?:(?:do|did)\s+not|never)\b", cue.group(0), I)
    )


def _asks_a_state(sentence: str, cue: re.Match) -> bool:
    """Whether a cue's "that" clause wishes for a state of no actor ("we ask that human rights
    be at the center of your agenda"): the modal rule's test, for "that"-clauses ("ask that
    the law be repealed" and "that the ministry be a partner" still ask)."""
    if not re.search(r"\b(?:that|que)\s*$", cue.group(0), I):
        return False
    rest = sentence[cue.end() :]
    be = re.match(r"\s*((?:[\w.'’-]+\s+){1,8}?)(?:be|sea|sean)\s", rest, I)
    return bool(be and BE_THEN_STATE.match(rest, be.end(1))) and not _is_actor(be.group(1).strip())


CARRIES_SUBJECT = re.compile(
    r"\s*(?:they|ellos|ellas|asimismo|además|también|also|furthermore|moreover)\b", I
)
PRONOUN_SUBJECT = re.compile(
    r"^\s*(?:they|he|she|ellos|ellas|él|ella|these\s+groups|estas\s+organizaciones)\s*$", I
)


PREPOSITIONAL = re.compile(
    r"\s*(?:in|on|at|for|with|under|after|before|during|en|con|por|para|tras|durante|ante|"
    r"desde|sobre)\s+(?:[^\s,;:]+\s*){0,4}$",
    I,
)


CONNECTIVES = re.compile(
    r"\b(?:and|y|also|then|finally|asimismo|además|también|finalmente|por\s+(?:ello|eso))\b", I
)


def _writers_say(sentence: str, at: int, earlier: str = "") -> bool:
    """Whether the subject of a third-person call at ``at`` is the writers ("the coalition",
    "the letter", "PHR and partner organizations", "las familias"), not a public body ("the
    Security Council", "la Comisión"): the subject is the clause before the call, or the
    sentence's first words ("The letter also highlighted..., and urged")."""
    clauses = [
        c  # (the 300 characters before the call: its subject is near, and a long run-on
        # sentence with many calls stays linear)
        for c in re.split(r"[,;:]", sentence[max(0, at - 300) : at])
        if CONNECTIVES.sub("", c).strip()
        # (a preposition's phrase is no subject, "En este contexto, exigen", unless it names
        # the letter: "En la carta, piden")
        and not (PREPOSITIONAL.match(c) and not WRITERS.search(c))
    ]
    if clauses and WRITER_ACRONYM.match(clauses[-1]):
        return True
    if earlier and (not clauses or PRONOUN_SUBJECT.match(clauses[-1])):
        # "They urge Holder to...", "Asimismo pedirán...": the subject is the sentence
        # before's ("Signatories of the letter include...")
        return _writers_say(earlier, min(len(earlier), 200))
    for subject in clauses[::-1] + [" ".join(sentence[:200].split()[:4])]:
        writers = WRITERS.search(subject)
        if writers:
            # (a body named before the writers owns them: "the High Commissioner's statement";
            # one named after is the letter's addressee: "a letter to the president")
            return not PUBLIC_BODY.search(subject[: writers.start()])
    return False


# what opens an apposition after a subject: a participle, a relative, "representing", "led by"
APPOSITION = re.compile(
    r"\s*(?:[a-záéíóúñ]+(?:ad|id|uest)[oa]s?\s|que\s|quienes?\s|the\s+\w+\s+of\s|which\s|who\s|"
    r"representing\s|led\s+by\s|including\s|among\s+them\s|entre\s+ell[oa]s\s|con\s)",
    I,
)


# a sentence that goes on to describe a text's content: "certain elements of the proposal
# are...", "the draft provides that...", "el proyecto establece..." (its modals are the text's)
TEXT_DESCRIBED = re.compile(
    r"\b(?:elements?|provisions?|features?)\s+of\s+(?:the|this|that)\s+(?:new\s+)?(?:proposal|"
    r"draft|resolution|bill|text|agreement|reform)\b|\b(?:the|this)\s+(?:proposal|draft|"
    r"resolution|bill|text)\s+(?:provides|establishes|stipulates|states|sets\s+out)\b"
    r"|\b(?:elementos|disposiciones)\s+de\s+(?:la|el|esta|este)\s+(?:propuesta|proyecto|"
    r"iniciativa|reforma|resolución)\b|\b(?:la|el|esta|este)\s+(?:propuesta|proyecto|"
    r"iniciativa|reforma|resolución)\s+(?:establece|prevé|dispone|estipula)\b",
    I,
)
# a comma between two names ("Union, Water Watch") and a name's apposition after it
# ("Article 9, the civil society group formed to..."): neither starts a subject of its own
NAMES_JOINED = re.compile(r"\b[A-Z][\w.]*,\s+[A-Z][\w.]*(?:\s+[A-Z0-9][\w.]*)*\s+(?:and|y)\s+[A-Z]")
NAME_THEN_APPOSITION = re.compile(r"\b[A-Z0-9][\w.]*,\s+(?:the|a|an)\s$")


# the letter named before the comma holds the request: "X firmaron una carta dirigida al
# presidente, en la que solicitan...", "a letter to the minister, in which they ask..." (the
# sentence's subject and its letter stay with the request)
LETTER_RELATIVE = re.compile(
    r"\s*(?:en\s+(?:la|el)\s+(?:que|cual)|in\s+which)\s+(?:(?:they|we|se\s+le|se|le|les)\s+)?", I
)
PART_OF = re.compile(
    r"\s*(?:be|ser|formar)\s+(?:an?\s+)?(?:integral\s+)?(?:part|parte)\s+(?:of|de)\b", I
)
CONCESSIVE = re.compile(
    r"\b(?:despite|in\s+spite\s+of|although|though|even\s+if|a\s+pesar\s+de|aunque|pese\s+a)\b", I
)


# a sentence adverb may come before an imperative ("Additionally, do everything possible..."),
# or its manner adverbs ("Immediately and unconditionally release...")
LINKING = re.compile(
    r"\s*(?:(?:additionally|also|finally|further(?:more)?|in\s+addition|lastly|moreover|"
    r"asimismo|además|por\s+último|finalmente|también)\s*,\s*(?=[a-záéíóúñ])"
    r"|(?:[^\W\d_]{4,}ly(?:\s*,\s*|\s+(?:and|or)\s+|\s+))+(?=[a-z]))",
    I,
)


# "Let us" exhorts the reader with the writers ("Let me" does not)
HORTATIVE = re.compile(
    r"\s*[\"“]?let(?:\s+us|['’]s)\s+(?!not\b|hope\b|pray\b|remember\b|recall\b|be\b)[a-z]+\b", I
)


# a condition put first ("If you want to practice bipartisanship, then reach out to..."): the
# imperative is the main clause after it
CONDITION = re.compile(
    r"\s*[\"“]?(?:if|when|si|cuando)\s[^,;:.]{3,150},\s*(?:(then|entonces)\s+)?", I
)
NOT_AFTER_THEN = set(words_of("we i you he she it they there this that the a an is are was were"))


# "please" and a short vocative before an order: "Por favor, ministro, ¡renuncie!"
PLEASE_VOCATIVE = re.compile(
    r"\s*(?:por\s+favor|please)\s*,\s*(?:(?:señora?|sr\.?|sra\.?|mr\.?|ms\.?|mrs\.?)\s+)?"
    r"[^\W\d_]+\s*,\s*(?=[¡\w])",
    I,
)
# the addressee named before an order: "Señor Ministro, publique...", "Mr. President, release..."
ADDRESSED_VOCATIVE = re.compile(
    r"\s*(?:señora?|sr\.?|sra\.?|mr\.?|ms\.?|mrs\.?|madam)\s+[^\W\d_]+(?:\s+[^\W\d_]+)?\s*,\s*"
    r"(?=[a-záéíóúñ])",
    I,
)
# a formal imperative with its pronoun attached, its stress marked: "Ignórelos", "Déjenlos"
ENCLITIC = re.compile(
    r"([a-záéíóúñ]*[áéíóú][a-záéíóúñ]*?)(?:se)?(?:lo|la|los|las|le|les|nos|me)", I
)


def _enclitic_imperative(word: str) -> bool:
    m = ENCLITIC.fullmatch(word)
    if not m:
        return False
    base = m.group(1).translate(str.maketrans("áéíóú", "aeiou"))
    return len(base) >= 4 and bool(_to_infinitive(base)) and base[-1] in "ea"


def _imperative(sentence: str) -> bool:
    if HORTATIVE.match(sentence):
        return True
    addressed = ADDRESSED_VOCATIVE.match(sentence)
    if addressed:  # "Señor Ministro, publique la auditoría": the order after the vocative
        rest = sentence[addressed.end() :]
        return _imperative(rest[:1].upper() + rest[1:])
    vocative = PLEASE_VOCATIVE.match(sentence)
    if vocative:
        rest = sentence[vocative.end() :]
        exclaimed = re.fullmatch(r"¡\s*([a-záéíóúñ]{4,})\s*!\s*", rest, I)
        if exclaimed and _to_infinitive(exclaimed.group(1)):
            return True  # "¡renuncie!": an order alone, exclaimed
        return _imperative(rest.lstrip("¡")[:1].upper() + rest.lstrip("¡")[1:])
    lone = re.fullmatch(r"\s*[¡\"“]?([^\W\d_]+)\s*[.!]?[!\"”]?\s*", sentence)
    if lone and _enclitic_imperative(lone.group(1)):
        return True  # "Ignórelos."
    condition = CONDITION.match(sentence)
    if condition:
        rest = sentence[condition.end() :]
        word = re.match(r"[a-z]+", rest)
        if condition.group(1) and word and word.group(0) not in NOT_AFTER_THEN:
            # "..., then reach out": "then" and a bare verb is an order
            return not re.search(r"(?:ed|ing|s)$", word.group(0)) or word.group(0) in VERBS_EN
        return _imperative(rest[:1].upper() + rest[1:]) if word else False
    linking = LINKING.match(sentence)
    if linking:
        sentence = sentence[linking.end() :]
        sentence = sentence[:1].upper() + sentence[1:]
    first = re.match(r"\s*[\"“]?([^\W\d_]+)", sentence)
    if not first:
        return False
    word = first.group(1)
    if re.match(r"\s*[\"“]?[A-Z]{2,}\s+[-–—]\s", sentence):
        return False  # a signatory's acronym and its gloss: "HELP - Andhra Pradesh", no order
    dont = re.match(
        r"\s*[\"“]?(?:please\s+)?(?:do\s+not|don['’]t|never)\s+([a-z]{2,})\b", sentence, I
    )
    if dont and word[0].isupper():
        # an English imperative denied: "Don't wait any longer to act", "Do not close the
        # clinics" (not the closing's "Do not hesitate", nor "Never again", "Never have we")
        return dont.group(1).lower() not in NOT_AFTER_DONT
    denied = re.match(r"\s*[\"“]?no\s+([a-záéíóúñ]{4,})\b", sentence, I)
    if word in {"No", "NO"} and denied and fold(denied.group(1)) not in INDICATIVE_E:
        # a formal imperative denied: "No defraude a las familias", "No permita el cierre"
        return _imperative(denied.group(1).capitalize() + sentence[denied.end(1) :])
    if word[0].islower() or re.match(r"\s*[^\W\d_]+\s+[^\W\d_]+\s*:", sentence):
        return False  # (a form's label is no action: "Send To: the Attorney General")
    lowered = word.lower()
    if lowered == "contact" and (
        re.match(r"\s*\w+\s+(?:us|me|our|the\s+undersigned)\b", sentence, I)
        or re.search(r"\w@\w|\+?\d[\d ()-]{6,}", sentence)
    ):
        return False  # how to reach the writers ("Contact us at..."), no action asked
    if lowered in VERBS_EN:
        return not re.match(r"\s*[\"“]?\w+\s+(?:of|is|are|was|were|has|have)\b", sentence, I)
    if lowered == "do" and re.match(r"\s*do\s+(?:everything|all|whatever)\b", sentence, I):
        return True  # "Do everything possible to...", not "Do you..." nor "Do not hesitate"
    if language_of(sentence) != "es":
        return False  # (a Spanish form only in Spanish: "However" is no verb)
    infinitive = re.fullmatch(r"[a-záéíóúñ]{3,}(?:ar|er|ir)(?:se|le|les|lo|la|los|las)?", lowered)
    if OPTATIVE.match(sentence) or (
        lowered not in NOT_IMPERATIVE
        # (an infinitive is no "usted" form: "Oponerse a la reforma es justo" is a subject)
        and not infinitive
        # (courtesies are no requests: "Reciba un cordial saludo", "Acepte nuestra consideración")
        and not re.search(r"\b(?:saludos?|consideraci[oó]n|estima|agradecimiento)\b", sentence, I)
        and _to_infinitive(lowered)
        and re.match(
            r"[\"“]?\w+\s+(?:el|la|los|las|un|una|a|al|su|sus|de\s+inmediato|inmediatamente|"
            r"todas?|todos?|medidas|acciones)\b",
            sentence.lstrip(),
            I,
        )
    ):
        return True  # the optative, or a formal "usted" imperative: "Acepte el diálogo"
    # a Spanish infinitive: "Garantizar el presupuesto..."
    return (
        bool(infinitive)
        and lowered not in NOT_INFINITIVE
        # an infinitive followed by its own verb is the subject: "Buscar a nuestros hijos nunca
        # debe ser criminalizado", "Defender derechos no es un delito"
        and not re.search(
            r"\b(?:debe|deben|debería|es|son|será|sería|puede|pueden)\b|\w(?:ar|er|ir)án?\b",
            sentence.split(",")[0],
            I,
        )
    )


# the Spanish optative, a demand of its own: "Que el Gobierno retire la ley", "Que haya una
# disminución de los aportes" (but not "Que el gobierno no haya respondido es grave"); its
# subject may be a long noun phrase ("Que el total del presupuesto del Estado para los pueblos
# indígenas se concentre"), and "es decir" in it is no copula
OPTATIVE = re.compile(
    r"\s*[¡\"“]?que\s+(?:(?!(?:es|son|fue|resulta|sería)\s)"
    r"(?:el|la|los|las|se|no|su|sus|[A-ZÁÉÍÓÚÑ]?[a-záéíóúñ]+)\s+){0,10}?"
    # (the copula that makes it a subject is its main clause's, before a comma or a relative:
    # "Que se investigue el crimen, en donde se dijo que fue un robo" is still a demand)
    r"(?:haya|hayan|(?=[a-záéíóúñ]{3,}(?:e|en|a|an)\b))"
    r"(?!(?:(?!\b(?:que|donde|cuando|quien|quienes|cual|cuales)\b)[^.;,])*"
    r"\b(?:es(?!\s+decir\b)|son|fue|resulta|sería)\s)",
    I,
)


NOT_AFTER_DONT = set(
    words_of(
        "hesitate forget miss worry know think believe understand want again before has have had "
        "was were is are did does will would can could the a"
    )
)


# nouns, adjectives, determiners and adverbs that end like an infinitive
NOT_INFINITIVE = set(
    words_of("mayor lugar hogar mujer poder deber menor tener cualquier primer tercer ayer")
)
# indicatives of -er and -ir verbs, whose ending looks like a subjunctive's: "No existe la..."
INDICATIVE_E = set(
    words_of(
        "existe permite cabe debe puede ocurre sucede sabe cree tiene viene entiende comprende "
        "responde corresponde depende pretende parece quiere conoce reconoce cumple asume admite "
        "incluye contiene mantiene resuelve protege exige recibe"
    )
)
# capitalised words whose ending looks like a subjunctive's but which are no verbs
NOT_IMPERATIVE = set(
    words_of("aunque porque conforme acorde siempre enorme doble simple pobre parque bosque ataque")
)


def _actor_before_modal(sentence: str, at: int) -> str:
    head = sentence[max(0, at - 300) : at]
    head = re.split(r"[,;:]|\bthat\b|\bque\b|\band\b|\by\b", head, flags=I)[-1]
    return head.strip()


def _actor_after_cue(sentence: str, cue_end: int) -> tuple[str, int]:
    """For "we urge X to do", the X and where "do" starts; for Spanish "instamos a X a hacer"."""
    rest = sentence[cue_end:]
    ends_that = re.search(r"\b(?:that|que|see)\s*$", sentence[:cue_end], I)
    that = re.search(r"^\s*(?:that|que)\s+", rest, I)
    if ends_that or that:
        # the cue ends in "that"/"que" ("recommend that", "solicitándole que"), or its object
        # starts with one: the clause's subject is the actor, up to its verb
        at = 0 if ends_that else that.end()
        words = rest[at:].split()
        for i, word in enumerate(words[:8]):
            if fold(word) in VERBS_EN or (_to_infinitive(word) and not word[:1].isupper()):
                return " ".join(words[:i]), cue_end + at
        return "", cue_end + at
    m = re.search(
        r"\bto\s+(?!the\b|a\b|an\b|all\b|this\b|these\b|those\b|its\b|their\b)(?=\w)", rest, I
    )
    es = re.search(
        r"(?:^|\s)a\s+(?=[a-záéíóúñ]{2,}(?:ar|er|ir)(?:se|le|les|lo|la)?\b)|"
        r"(?:^|\s)que\s+(?=\w)|^\s*(?=[a-záéíóúñ]{2,}(?:ar|er|ir)(?:se|le|les)?\b)",
        rest,
        I,
    )
    first = min((x for x in (m, es) if x and x.start() < 90), key=lambda x: x.start(), default=None)
    # a long addressee, then ", que" or ", to" and the request: "Exigimos a las instancias
    # encargadas de..., que se esclarezca", "we call on the community, including A, B and C, to
    # demand"
    first = first or re.search(r",\s*(?:que|to)\s+(?=\w)", rest[:300], I)
    if not first:
        return _spanish_addressee(rest, cue_end, sentence[:cue_end])
    actor = rest[: first.start()].strip(" ,")
    actor = re.sub(r"^(?:al|a\s+la|a\s+los|a\s+las|a)\s+", "", actor, flags=I)
    actor = re.sub(r"\s+a$", "", actor)
    return actor, cue_end + first.end()


def _spanish_addressee(rest: str, cue_end: int, cue: str) -> tuple[str, int]:
    """ "Pedimos a las autoridades retirar...", "solicitaron al gobierno la suspensión...": the
    addressee after "a"/"al", up to a bare infinitive or the request's own article; or no
    actor at all."""
    lead = re.match(r"\s*(?:al|a)\s+", rest, I) or (
        re.match(r"\s*", rest) if re.search(r"\s(?:al|a)$", cue) else None
    )
    if not lead:
        return "", cue_end
    words = list(re.finditer(r"[^\W\d_]+", rest[lead.end() : lead.end() + 80]))
    if not words or _verb_kind(words[0].group(0), "es") == "inf":
        return "", cue_end  # (the request itself: "los exhortaron a “congelar” la reforma")
    joins = {"de", "del", "en", "con", "para", "por", "a", "al", "y", "e", "o"}
    for i, word in enumerate(words[1:7], 1):
        before, w = words[i - 1].group(0), word.group(0)
        if w == "que":  # "al gobierno que respete el referéndum": the request is its clause
            return rest[lead.end() : lead.end() + word.start()].strip(" ,"), (
                cue_end + lead.end() + word.end() + 1
            )
        if fold(before) in joins or not w.islower():
            continue
        # (a bare infinitive, the request's own article, or a noun after the addressee's
        # name: "a la Fiscalía respeto a las familias")
        if (
            _verb_kind(w, "es") == "inf"
            or w in {"la", "el", "los", "las", "un", "una"}
            or (before[:1].isupper() and fold(w) not in joins)
        ):
            at = lead.end() + word.start()
            return rest[lead.end() : at].strip(" ,"), cue_end + at
    return "", cue_end


PAST_DATE = re.compile(
    # (a point in the past: "since 2017" leads up to now, and does not make a call past)
    r"\b(?:in|en|on|el)\s+(?:\w+\s+){0,2}(?:de\s+)?(?:19|20)\d\d\b|\blast\s+(?:year|month)\b"
    r"|\b(?:el\s+año|el\s+mes)\s+pasado\b",
    I,
)
# a new clause of the writers' own feelings after the ask ("..., and I'm horrified that")
TRAILING_CONTEXT = re.compile(
    r",\s*(?:and|but|y|pero)\s+(?:i|i'm|i’m|we|we're|we’re|nos|nosotr[oa]s)\b(?!\s+(?:also\s+)?"
    r"(?:urge|ask|call|request|recommend|instamos|pedimos|exigimos|solicitamos))"
    # the writers' own doing after the request: "...a corregir esta ley y anticipamos que..."
    r"|,?\s+y\s+(?!(?:instamos|exhortamos|solicitamos|pedimos|exigimos|urgimos|demandamos|"
    r"recomendamos|reiteramos|emplazamos|hacemos|llamamos|rogamos)\b)[a-záéíóúñ]+(?:amos|emos|imos)"
    r"(?=\s+(?:en\s+)?que\b)"
    # a reported request, then the writers' saying or denouncing: "exigió una audiencia y
    # denunció la falta de atención", "urged the minister to act and condemned the raids"
    r"|,?\s+(?:y|and)\s+(?:denunci|conden|rechaz|lament|expres|señal|critic|acus|advirt|record|"
    r"destac)[a-záéíóúñ]*(?:ó|aron|ieron)\b|,?\s+and\s+(?:denounced|condemned|critici[sz]ed|"
    r"expressed|deplored|lamented|warned|noted|recalled|highlighted|said|stated)\b",
    I,
)
# what follows a request and is no part of it: a colon then a clause of its own, giving the
# reason ("go beyond what is usual: these are unusual times"), a semicolon then the writers'
# own saying ("...a problemas concretos; no quisiéramos pensar que"), or the cost of not acting
# (", otherwise the opportunity could be squandered")
TRAILING_REASON = re.compile(
    r":\s+(?:these|this|that|it|there|they|such|esto|estos|estas|esta|ello)\s+(?:are|is|was|"
    r"were|has|have|will|would|can|son|es|fue|está|están|ha|han)\b"
    r"|;\s*(?:(?:and|but|y|pero)\s+)?(?:no\s+)?(?:we|i|nosotr[oa]s|(?!(?:instamos|exhortamos|"
    r"solicitamos|pedimos|exigimos|urgimos|demandamos|recomendamos|reiteramos|emplazamos|hacemos|"
    r"llamamos|rogamos)\b)[a-záéíóúñ]{3,}(?:amos|emos|imos|íamos|éramos|iéramos|áramos))\b"
    r"|,\s*(?:otherwise|or\s+else|de\s+lo\s+contrario|de\s+otro\s+modo|no\s+hacerlo|not\s+doing\s+so|"
    r"failing\s+(?:to\s+do\s+)?(?:so|that)|failure\s+to\s+do\s+so)\b"
    # the reporter's attribution after the request: ", según el comunicado sobre la misiva"
    r"|,\s*(?:según|de\s+acuerdo\s+con|according\s+to)\s+(?:el|la|los|las|the|their|its)\s+"
    r"(?:\w+\s+){0,2}?(?:comunicados?|cartas?|misivas?|documentos?|escritos?|statements?|letters?|"
    r"press\s+releases?)\b"
    # a reason given after the request: "...más allá del discurso pues en los hechos..."
    r"|\s+pues\s+(?!bien\b)(?=\w)|,\s*(?:ya|puesto|dado)\s+que\s+(?=\w)",
    I,
)
# a relative connector that links the writers' request to what they said before it: the request
# starts after it ("...resolver problemas a lo cual solicitamos audiencia", "...explotación por
# lo que es urgente", "...which is why we ask"; "We therefore ask" keeps its subject)
REQUEST_CONNECTOR = re.compile(
    r"\s(?:(?:a|por|con)\s+lo\s+(?:cual|que)|(?:which|that|this)\s+is\s+why)\s+",
    I,
)
# a lead-in that describes what its items are, no request: "These proposals would:", "The
# examples include:", "Las medidas incluyen:"
DESCRIBING_LEAD = re.compile(
    r"\b(?:would|could|will|include[sd]?|including|such\s+as|examples?|among\s+them|incluyen|"
    r"incluye|serían?|podrían?|entre\s+ell[oa]s)\b[^:]{0,80}:\s*$",
    I,
)
# a lead-in whose items are its reasons: "...ejerza su facultad por las siguientes razones:",
# "for the following reasons:" (the lead-in is the ask; its items argue for it)
REASONS_LEAD = re.compile(
    r"\b(?:(?:por|debido\s+a|con\s+base\s+en)\s+(?:las\s+|los\s+)?(?:siguientes\s+)?(?:razones|motivos|"
    r"consideraciones|argumentos)(?:\s+siguientes)?|(?:for|on)\s+the\s+following\s+(?:reasons|grounds)|"
    r"because\s+of\s+the\s+following)\s*:\s*$",
    I,
)
# a lead-in whose request has an action of its own and joins its items to it: "...and:"
OWN_ACTION_THEN_LIST = re.compile(r",?\s+(?:and|y|as\s+well\s+as|así\s+como)\s*:\s*$", I)
NAMES_REQUESTS = re.compile(
    r"\b(?:requests?|recommendations?|demands?|asks|calls?\s+(?:on|upon|for)|urge[sd]?|"
    r"ask(?:s|ed)?|recommend(?:s|ed)?|peticiones|recomendaciones|exigencias|demandas|solicitudes|"
    r"solicit[oóaá]\w*|pid[eió]\w*|exig\w*|recomend\w*|inst[aó]\w*|exhort\w*|"
    # (what the writers propose: "We propose:", "Proponemos:", "Planteamos lo siguiente:")
    r"(?:we|i)\s+(?:\w+\s+)?(?:propose|suggest)|proponemos|planteamos|sugerimos|"
    # (what they want: "What we want:", "Lo que queremos:")
    r"what\s+we\s+(?:want|need)|lo\s+que\s+(?:queremos|necesitamos))\b",
    I,
)
# a lead-in whose modal ends it, its verbs being the items': "Our lawmakers should:", "The
# council must also:", "Las autoridades deben:" (not the writers' own duty, "We must:")
MODAL_LEAD = re.compile(
    r"(?<!\bwe\s)(?<!\bi\s)(?<!\bnosotros\s)(?<!\bnosotras\s)"
    r"\b(?:should|must|needs?\s+to|ought\s+to|has\s+to|have\s+to|debe|deben|debería|deberían|"
    r"deberá|deberán|debieran?|tiene\s+que|tienen\s+que|ha\s+de|han\s+de)"
    r"(?:\s+(?:also|immediately|urgently|now|at\s+(?:a\s+)?minimum|at\s+least|además|también|"
    r"inmediatamente|urgentemente|al\s+menos))*\s*:?\s*$",
    I,
)
LEADS_IN = re.compile(r"\b(?:to|that|a|que|following|siguientes?)\s*[:,]?\s*$", I)
# (looked for only between two cues: there, a bare "and" or "y" joins two requests)
CLAUSE_BREAK = re.compile(
    r",\s*(?:and|but|y|pero)\s+|;\s+|,\s+(?=we\b|nosotr)|\s(?:and|y)\s+(?=$|(?:le|les|we|also)\s)",
    I,
)
# a bare "and"/"y" before a second modal's own short subject: "X deben salir del gabinete y
# este debe renovarse" (looked for only between two modals)
BEFORE_MODAL = re.compile(r"\s(?:and|y|e)\s+(?=(?:[^\s,;]+\s+){1,3}$)", I)


GERUND = re.compile(r"\w+(?:ndo|ing)\b")
GERUND_BREAK = re.compile(r"(?:,\s*(?:(?:and|y)\s+)?|\s+(?:and|y)\s+)$", I)


def _reported(head: str) -> bool:
    """A modal the writers report ("the groups stressed that X should A, but should B") sums
    up their demand: its passage is kept whole, not cut at its verbs."""
    return bool(re.search(r"\b(?:that|que)\s", head) and WRITERS.search(head))


def _cue_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence with two asks joined as clauses ("X should do A, and we ask you to B") cut
    into its clauses; any other sentence whole."""
    sentence = text[start:end]
    hits = [m.span() for p in ASK_CUES for m in p.finditer(sentence)]
    hits += [
        m.span()
        for p in THIRD_PERSON_CUES
        for m in p.finditer(sentence)
        if _writers_say(sentence, m.start())
    ]
    modal_at = len(sentence)
    modal_starts = set()
    for pattern in MODALS:
        for m in pattern.finditer(sentence):
            if _modal_is_ask(sentence, m):
                hits.append(m.span())
                modal_at = min(modal_at, m.start())
                modal_starts.add(m.start())
    hits.sort()
    merged: list[tuple[int, int]] = []
    for a, b in hits:
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    if merged and merged[0][0] == modal_at and _reported(sentence[:modal_at]):
        return [(start, end)]
    spans, begin = [], 0
    for (_, prev_end), (next_start, _) in zip(merged, merged[1:], strict=False):
        breaks = list(CLAUSE_BREAK.finditer(sentence, prev_end, next_start))
        if not breaks and next_start in modal_starts and modal_at < prev_end:
            breaks = list(BEFORE_MODAL.finditer(sentence, prev_end, next_start))
        # a request's gerund after a comma or "and" starts a request of its own: "...,
        # pidiendo respeto y exigiendo que...", "..., asking the Council to..."
        if GERUND.match(sentence, next_start):
            breaks = list(GERUND_BREAK.finditer(sentence, prev_end, next_start)) or breaks
        if breaks:
            cut = breaks[-1]
            spans.append((start + begin, start + cut.start()))
            begin = cut.end()
    spans.append((start + begin, end))
    return spans


def _opens_a_list(sentence: str) -> bool:
    """A sentence that ends where its list begins: a colon, or the ellipsis some pages and
    e-mails leave instead ("...renews its call to work on…")."""
    return sentence.rstrip().endswith((":", "…", "..."))


def _unmarked_items(text: str, body: list[Block]) -> tuple[list[Block], set[int]]:
    """Lines with no list marker, one under the other, right under a lead-in that requests
    ("Exigimos:", "We ask the council to:", or a short request line with no end mark, "Ante
    esta realidad exigimos al gobierno") are its list: pasted text loses the markers. The
    first line is an item whatever its length; the next ones while each is a line of one
    sentence (a paragraph of prose ends the list). Returns the body with those lines marked
    as items, and the indexes of the lead-ins with no end mark."""
    body = list(body)
    no_mark: set[int] = set()
    for k in range(len(body) - 1):
        lead = text[body[k].start : body[k].end].strip()
        if body[k].item or "\n" in lead:
            continue
        colon = lead.endswith(":")
        bare = len(lead.split()) <= 12 and not re.search(r"[.!?;,:]$", lead)
        if not (colon or bare) or not any(p.search(lead) for p in ASK_CUES):
            continue
        if not colon and not re.search(r"\b(?:we|i|nosotr[oa]s|\w+mos)\b", lead, I):
            continue  # (a bare line asks for the writers only: "we ask", "exigimos")
        j = k + 1
        while j < len(body) and not body[j].item:
            line = text[body[j].start : body[j].end]
            if (
                text[body[j - 1].end : body[j].start].count("\n") != 1
                or not line[:1].isupper()
                or _addressing(line)  # (a sub-heading naming the addressee has its own rule)
            ):
                break
            if j > k + 1 and (
                len(line.split()) > 40 or len(sentences_of(text, body[j].start, body[j].end)) > 1
            ):
                break
            body[j] = replace(body[j], item=True, body_start=body[j].start)
            j += 1
        if j > k + 1 and not colon:
            no_mark.add(k)
    return body, no_mark


def _find_in_sentence(
    text: str,
    start: int,
    end: int,
    *,
    item: bool,
    lead: Found | None,
    context: str = "",
    earlier: str = "",
    described: bool = False,
):
    """The ask in ``text[start:end]`` (a sentence, a clause of one, or a list item), if any;
    ``context`` is what precedes a clause in its sentence (a third person's subject);
    ``described``: an item of a list that a lead-in describes ("These riders would:"), an ask
    only by a cue of its own."""
    sentence = text[start:end]
    cue, modal = _first_cue(sentence, context, earlier)
    if sentence.rstrip().endswith("?"):
        return None
    if cue is None:
        if described:
            return None  # "• Prevent the agency from...": what the riders would do, no ask
        if item and (lead is not None or _imperative(sentence)):
            why = f'listed after "{lead.why}"' if lead else "an item in a list of actions"
            return Found(start, end, why, start, lead.actor if lead else "", item=True)
        if _imperative(sentence) and not item:
            return Found(start, end, "a sentence that starts with an action", start)
        return None
    before = sentence[: cue.start()]
    again = re.search(
        r"\b(?:again|once\s+more|reiterate|renew|de\s+nuevo|nuevamente|reiteramos)\b", sentence, I
    )
    # (a date in an earlier independent clause, before a semicolon or a "but", dates it only)
    clause = re.split(r";|\b(?:but|however|sin\s+embargo|pero)\b", before, flags=I)
    if not again and PAST_DATE.search(clause[-1]):
        return None
    if re.search(r"\bto\s+$", before) and not re.search(
        # (the writers' own purpose: "wrote to Secretary of State Antony Blinken to urge him")
        # (or the occasion the writers take: "takes this opportunity to ask the Mayor")
        r"\b(?:writ(?:e|es|ing)|wrote|joined|letter|carta|opportunity|occasion)\b[^,.;]{0,100}"
        r"\bto\s+$",
        before,
        I,
    ):
        return None  # "they travelled to Brussels to call on you": another's purpose, not a call
    if CONCESSIVE.search(re.split(r"[,;:]", before)[-1]):
        # a call conceded, the main clause after it: "despite ten years of the Parliament's
        # calls for X, we note that...", "aunque la Comisión pidió...": context, no request
        return None
    third_person = re.match(r"(?:urges|calls|asks|requests)\b", cue.group(0), I)
    if third_person and _in_quotation(sentence, cue.start()):
        return None  # 'you promised "an office that ... asks you to play your part"': theirs
    subject = re.split(r"[,;:]", before)[-1]
    reported = REPORTED.search(before) or (
        PUBLIC_BODY.search(subject) and not WRITERS.search(subject)
    )
    if (third_person and reported) and not re.search(
        r"\b(?:we|our|us|the\s+(?:letter|undersigned)|nosotr[oa]s)\b", before, I
    ):
        return None
    why = f'says "{_folded(cue.group(0))}"'
    begin = start
    # praise, context or any preamble before the writers' own cue, then the ask: the ask's
    # clause alone (a sentence needs no list of praise words to lose its praise)
    # (but "We, the undersigned organizations, call on" keeps its subject)
    if not modal and len(before.split()) >= 2:
        breaks = list(
            re.finditer(
                # (".–" ends a press dateline: "Chilpancingo, Gro., 3 de julio de 2025.– El")
                r"[,;]\s*(?:and|but|y|pero)?\s*|\s(?:and|but|y|pero)\s|\s[-–—]\s+|—\s*|\.[-–—]\s*",
                before,
                I,
            )
        )
        apposition = re.fullmatch(r"\s*(?:we|nosotr[oa]s)\s*,[^,;]*,\s*", before, I)
        if any(p.match(sentence, cue.start()) for p in THIRD_PERSON_CUES):
            if re.match(r"\w+(?:nd[oa]|ing\b)", cue.group(0)) and not re.search(
                # (the writers' writing to the addressee, the gerund joined to it with no comma:
                # "Forty groups have written to the minister calling for", one statement)
                r"\b(?:written|wrote|write|writes|escribieron|escribió)\s+(?:to|a|al)\b[^,;]{0,80}$",
                before,
                I,
            ):
                breaks = [re.match(r".*", before, re.S)]  # a gerund: the request starts at it
            elif breaks and not before[breaks[-1].end() :].strip():
                # the writers named in the third person keep their name, the clause before
                # ("La Red Nacional de Defensoras, hace un llamado")
                # (a bare "and" joins nouns, a comma between two names lists them: "la
                # violencia y la represión", "The Farmers Union, Water Watch and Article 9")
                named = [
                    b
                    for b in breaks
                    if before[b.end() :].strip()
                    and not re.fullmatch(r"\s(?:and|y|e)\s", b.group(0), I)
                    and not NAMES_JOINED.search(before, max(0, b.start() - 30), b.end() + 30)
                ]
                # (an apposition is no subject: "El colectivo X, integrado por 48 familias,
                # exigió" keeps "El colectivo X"; "Article 9, the coalition formed to...")
                while named and (
                    APPOSITION.match(before[named[-1].end() :])
                    or NAME_THEN_APPOSITION.search(before, 0, named[-1].end() + 4)
                ):
                    named.pop()
                subject = before[named[-1].end() :] if named else before[: breaks[-1].start()]
                if WRITERS.search(subject):
                    breaks = named
        # (a bare "and" inside a short subject joins names, not clauses: "PHR and partner
        # organizations called on")
        breaks = [
            b
            for k, b in enumerate(breaks)
            if not (
                re.fullmatch(r"\s(?:and|y)\s", b.group(0), I)
                and len(before[breaks[k - 1].end() if k else 0 : b.start()].split()) <= 3
                and any(p.match(sentence, cue.start()) for p in THIRD_PERSON_CUES)
            )
        ]
        connectors = list(REQUEST_CONNECTOR.finditer(before))
        if connectors and (not breaks or connectors[-1].end() > breaks[-1].end()):
            breaks = [*breaks, connectors[-1]]
        if (
            breaks
            and not apposition
            and not _framing(before, breaks)
            and not LETTER_RELATIVE.fullmatch(before[breaks[-1].end() :])
        ):
            begin = start + breaks[-1].end()
    contrast = list(
        re.finditer(r"(?:[,;]|\s[-–—])\s*(?:but|however|sin\s+embargo|pero)\s*,?\s*", before, I)
    )
    if modal and contrast:  # what the writers concede before "but" is context: "X, sin embargo, Y"
        begin = start + contrast[-1].end()
    elif modal:
        joined = _joined_clause(before)
        if joined is not None:
            begin = start + joined
    tail = TRAILING_CONTEXT.search(sentence, cue.end())
    if tail and not any(p.search(sentence, tail.end()) for p in ASK_CUES):
        end = start + tail.start()
    reason = TRAILING_REASON.search(sentence, cue.end())
    if reason and ORDINAL_AFTER_SEMICOLON.search(sentence, reason.end()):
        reason = None  # (the count goes on after the reason: "..., pues X, y el quinto, Y")
    if reason and start + reason.start() < end:
        end = start + reason.start()
    if modal:  # (the action starts at the modal's verb)
        verb_at = start + cue.end() - len(cue.group(0).split()[-1])
        return Found(
            begin, end, why, verb_at, _actor_before_modal(sentence, cue.start()), True, item
        )
    actor, action_at = _actor_after_cue(sentence, cue.end())
    return Found(begin, end, why, start + action_at, actor, item=item)


# an independent clause joined to a modal's ask: ", and" or ";" then the modal's own subject
CLAUSE_JOIN = re.compile(r"(?:,\s*(?:and|but|while|whereas|y|pero|mientras\s+que)|;)\s+", I)
DETERMINER = re.compile(
    r"(?:the|this|these|that|those|its|their|our|your|all|each|every|any|no|such|el|la|los|las|"
    r"este|esta|estos|estas|su|sus|todo|toda|todos|todas|cada)\s",
    I,
)


def _joined_clause(before: str) -> int | None:
    """Where a modal's clause starts when a clause of its own comes before it in the sentence:
    "The reviews are the basis for decisions, and the programme should allow..." asks only what
    follows the "and" (the clause before is context). The modal's subject must follow the join
    at once (a determiner's noun phrase, no comma) and the clause before must have a verb of its
    own; otherwise, None."""
    joins = list(CLAUSE_JOIN.finditer(before))
    if not joins:
        return None
    join = joins[-1]
    subject, head = before[join.end() :], before[: join.start()]
    # (after a semicolon a pronoun is a subject too: "X has been proposed; we should instead")
    pronoun = join.group(0).startswith(";") and re.fullmatch(
        r"(?:we|they|you|it|nosotr[oa]s|ellos|ellas)\s+(?:\w+\s+)?", subject, I
    )
    if "," in subject or len(subject.split()) > 10 or not (DETERMINER.match(subject) or pronoun):
        return None
    if len(head.split()) < 5 or not re.search(
        r"\b(?:is|are|was|were|has|have|had|will|can|es|son|fue|está|están|ha|han)\b", head, I
    ):
        return None
    return join.end()


# a phrase that frames the request that follows it: on whose behalf, when, on what grounds (a
# bare connective, "Por ello," "In this regard,", is no frame: the request starts after it)
FRAME = re.compile(
    r"\s*(?:based\s+on|on\s+behalf\s+of|in\s+light\s+of|in\s+the\s+case\s+of|in\s+view\s+of|"
    r"a\s+la\s+luz\s+de|en\s+el\s+caso\s+de|en\s+vista\s+de|as|following|after|ahead\s+of|considering|since|"
    r"because|upon|through|en\s+nombre\s+de|a\s+nombre\s+de|en\s+representación\s+de|"
    r"a\s+través\s+de|dado\s+que|ante|tras|con\s+motivo\s+de|de\s+acuerdo\s+con|según)\s",
    I,
)


def _framing(before: str, breaks: list[re.Match]) -> bool:
    """Whether what comes before the writers' cue is one phrase framing their request ("On
    behalf of fifty groups, we urge", "As you prepare the budget, we ask", "In light of the
    ministry's announcement that..., we urge"): it is part of the ask's sentence, kept with it,
    however long its noun phrase. A clause of its own before a second break ("We thank you for
    X, and we urge") and a run-on frame (over 30 words) are still cut."""
    return (
        len(breaks) == 1
        and breaks[0].group(0).strip() == ","
        and bool(FRAME.match(before))
        and len(before[: breaks[0].start()].split()) <= 30
    )


SPLIT_EN = re.compile(
    r"(?:,\s*|\s+)(?:and|as\s+well\s+as|while\s+also|and\s+also)\s+(to\s+|that\s+)"
    r"(?!the\b|a\b|an\b|all\b|this\b|those\b|their\b|its\b)(?=\w)"
    r"|;\s*(?:and\s+)?(to\s+|that\s+)?(?=\w)",
    I,
)
SPLIT_ES = re.compile(
    r"(?:,\s*|\s+)(?:y|así\s+como)\s+(a\s+(?=[a-záéíóúñ]{2,}(?:ar|er|ir)(?:se|le|les|lo|la)?\b)"
    r"|a\s+que\s+|que\s+)|;\s*(?:y\s+)?(a\s+(?=[a-záéíóúñ]{2,}(?:ar|er|ir)(?:se|le|les|lo|la)?\b)|que\s+)?"
    r"(?=\w)",
    I,
)
VERB_AFTER_SEMICOLON = re.compile(r"\s*;\s*(?:and\s+|y\s+)?(?:" + "|".join(VERBS_EN) + r")\b", I)
# (in Spanish, an infinitive: "deberá usarse para pruebas; instituir una moratoria; ...")
INFINITIVE_AFTER_SEMICOLON = re.compile(
    r"\s*;\s*(?:y\s+)?(?!(?:por|mayor|menor|lugar|hogar|mujer|poder|deber)\b)[a-záéíóúñ]{2,}"
    r"(?:ar|er|ir)(?:se|le|les|lo|la)?\b",
    I,
)
# demands counted in words, each after a semicolon: "...; el segundo punto, la defensa...;
# tercero, una mesa de trabajo...", "...; second, publish the audit"
ORDINAL_AFTER_SEMICOLON = re.compile(
    r"\s*(?:;|,\s*y|,\s*and)\s*(?:y\s+|and\s+)?(?:(?:el|la|en)\s+)?(?:segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|"
    r"sext[oa]|últim[oa]|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth(?:ly)?|finally|lastly)\b",
    I,
)
ORDINAL_OPENING = (
    r"^\s*(?:(?:el|la)\s+)?(?:primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|sext[oa]|"
    r"últim[oa])(?:\s+(?:punto|petición|demanda|exigencia))?\s*,\s*"
)
# a second demand put as an action's noun: "..., como también el resarcimiento a las víctimas"
# (not a second noun of the same list: "..., como también los defensores")
ALSO_DEMANDED = re.compile(
    r",\s*((?:como|así\s+como)\s+también)\s+(?=(?:el|la|los|las|un|una)\s+[a-záéíóúñ]+"
    r"(?:ción|sión|miento|mientos|ciones|siones)\b)",
    I,
)
INLINE_NUMBERS = re.compile(r"(?:^|\s)\(?(?:\d{1,2}|[a-h]|i{1,3}|iv|v|vi)\)\s+")
# Between two coordinated verbs: ", and", " and", ", y", " y", ";" (with "however"/"also").
JOINT = re.compile(
    r"(?:,\s*(?:and\s+|y\s+|e\s+)?|\s+(?:and|y|e)\s+|;\s*(?:and\s+|y\s+)?"
    r"(?:however,?\s+|also\s+|further,?\s+|asimismo,?\s+)?)(?:(?:se|le|les|no)\s+)?(?=[a-záéíóúñ])",
    I,
)
# after a noun, not a verb ("and support for victims"); a pronoun object ("and ensure it is not
# repeated", "crear el banco y compartirlo") continues the request before it
NOT_AFTER_VERB = set(
    words_of("of for from to is are was were has have and or in on by de del it them this that")
)


def _verb_kind(word: str, language: str) -> str | None:
    """Which verb form ``word`` is, for coordinated requests: an English base verb, a Spanish
    infinitive or a Spanish subjunctive (a request's verbs share one form)."""
    lowered = fold(word.strip(",.;:"))
    if language == "en":
        return "en" if lowered in VERBS_EN else None
    if lowered in NOT_IMPERATIVE:
        return None  # ("conforme al sistema" is no second request)
    if re.fullmatch(r"[a-z]{3,}(?:ar|er|ir)(?:se|le|les)?", lowered):
        return "inf"
    if _to_infinitive(word.strip(",.;:")) and word[:1].islower():
        return "subj"
    return None


RELATIVE = set(words_of("where which who whom whose donde quien quienes cuales"))


def _relative_verb(words: list[str], kind: str, language: str) -> bool:
    """Whether the words hold a relative clause ("where", "which", "donde"...) whose own verb,
    a few words after it, has the form of the verb coordinated next: that verb is the relative
    clause's second verb."""
    return any(
        fold(word.strip(",")) in RELATIVE
        and any(_verb_kind(w, language) == kind for w in words[i + 1 : i + 6])
        for i, word in enumerate(words)
    )


def _embeds_verb(words: list[str], kind: str, language: str) -> bool:
    """Whether the words hold a verb of that form after "to", "a", "de", "para" or "que": a
    verb coordinated after them may belong to that phrase ("to give time to engage and allow
    participation"), so the request is not cut there."""
    for marker, word in zip(words, words[1:], strict=False):
        if fold(marker) in ({"to"} if language == "en" else {"a", "de", "para", "que", "sin"}):
            if language == "en" and word.islower() and word not in DANGLING | {"all", "any"}:
                return True
            if language != "en" and _verb_kind(word, language) == kind:
                return True
    return False


# a verb that passes a request on to a third party: "advise the authorities to end X and ensure Y"
RELAY = set(
    words_of(
        "advise advice urge press encourage tell ask instruct direct order persuade convince push "
        "pressure remind invite"
    )
)


def _relayed(words: list[str]) -> bool:
    """Whether the words open with a request passed on ("advise the authorities to end its
    practice of torture") whose verb has an object of its own: a verb coordinated next is the
    relayed list's next request ("and ensure fair trials"), not part of a purpose phrase. With
    no object ("press the ministry to investigate and prosecute the officers") the two verbs
    share the one after them: one request."""
    if not words or fold(words[0]) not in RELAY or "to" not in words[1:]:
        return False
    verb = words.index("to", 1) + 1
    while verb < len(words) and words[verb].endswith("ly"):
        verb += 1  # (an adverb first: "to properly investigate and sanction every attack")
    return len(words) - (verb + 1) >= 1


# a request verb in any person ("and urge", "and urged", "y pedimos", "y pedían")
REQUEST_VERB = re.compile(
    r"(?:urge[sd]?|ask(?:s|ed)?|request(?:s|ed)?|recommend(?:s|ed)?|encourage[sd]?|demand(?:s|ed)?|"
    r"insist(?:s|ed)?|propose[sd]?|suggest(?:s|ed)?|(?:exig|ped|pid|solicit|inst|exhort|recomend|"
    r"demand|urg|reclam)[a-záéíóúñ]*)",
    I,
)


INSTEAD = re.compile(r"(?:instead|rather|en\s+cambio|en\s+su\s+lugar)\b", I)


def _coordinated_verbs(rest: str, language: str) -> list[tuple[int, int]]:
    """Cuts between coordinated requests, each a verb with its own object: "impose sanctions
    and suspend the agreement", "cesar las represiones, realizar las investigaciones y juzgar a
    los responsables", "que se abstenga de..., proporcione... y proporcione...". A verb that
    opens no object ("investigar y sancionar a los responsables") is no new request."""
    lead = re.match(
        r"\s*(?:que\s+)?(?:(?:se|le|les|no|also|immediately|urgently|now)\s+)*(\S+)", rest, I
    )
    if not lead:
        return []
    first = lead.group(1)
    # (in English the word where the action starts is its verb: "to X", "should X")
    kind = "en" if language == "en" and first.isalpha() and first.islower() else None
    kind = kind or _verb_kind(first if language == "en" else first.lower(), language)
    begin, end = lead.start(1), lead.end(1)
    if kind is None and language != "en":
        # the addressee or subject may come first: "pedimos a la Fiscalía investigar",
        # "solicitamos que el Instituto suspenda"
        for word in re.finditer(r"[^\W\d_]+", rest.split(",")[0]):
            if word.start() > 60:
                break
            kind = _verb_kind(word.group(0), language) if word.group(0).islower() else None
            if kind:
                begin, end = word.start(), word.end()
                break
    if kind is None:
        return []
    cuts, last = [], begin
    for m in JOINT.finditer(rest, end):
        if INSTEAD.match(rest, m.end()):
            # "abandon the project, and instead protect the people": the second verb replaces
            # the first, one request (what to do in place of what to stop)
            continue
        # (an adverb may come before the verb: "show leadership and genuinely champion...")
        adverb = re.match(
            r"(?:[^\W\d_]+(?:ly|mente)|also|then|además|también)\s+(?=[^\W\d_])", rest[m.end() :], I
        )
        skip = adverb.end() if adverb else 0
        word = re.match(r"[^\W\d_]+", rest[m.end() + skip :])
        # (after "and"/"y" only: "their, and our, request for" has a noun after a bare comma)
        again = (
            word
            and REQUEST_VERB.fullmatch(word.group(0))
            and re.search(r"\b(?:and|y|e)\b", m.group(0), I)
        )
        if again and len(rest[last : m.start()].split()) >= 3:
            # the writers ask again ("..., and urge its passage", "and recommend that the
            # President review"): a request of its own, whatever follows the verb
            cuts.append((m.start(), m.end()))
            last = m.end()
            continue
        # parallel complements, each with its "a": "comprometerse a erradicar..., a no dejar
        # impunes... y a garantizar..." (each is a request, though one embeds the next)
        parallel = (
            re.match(r"a\s+(?:no\s+)?([^\W\d_]+)", rest[m.end() :], I) if language != "en" else None
        )
        if (
            parallel
            and _verb_kind(parallel.group(1), language)
            and re.search(r"\ba\s+(?:no\s+)?[^\W\d_]+(?:ar|er|ir)\b", rest[last : m.start()], I)
        ):
            word = re.match(r".*", parallel.group(0))
            kind_here = kind
        else:
            parallel = None
            kind_here = _verb_kind(word.group(0), language) if word else None
            if (
                adverb
                and language == "en"
                and re.search(r"\band\b", m.group(0), I)
                and word
                and word.group(0).islower()
                and word.group(0) not in lexicon.STOPWORDS
                and not re.search(r"(?:ed|ing|al|ous|ive|ful|ible|able|ent|ant)$", word.group(0))
            ):
                kind_here = "en"  # an adverb, then a verb of any kind: "and genuinely champion"
        # a pronoun before it makes the word a verb ("y se aleje del...", "y le entregue")
        clitic = re.search(r"\b(?:se|le|les)\s+$", m.group(0), I)
        if (
            clitic
            and word
            and kind == "subj"
            and kind_here is None
            and re.fullmatch(r"[a-záéíóúñ]{3,}(?:e|en|a|an)", word.group(0))
        ):
            kind_here = "subj"
        if (
            clitic
            and kind == "inf"
            and word
            and re.search(r"\bse\s+$", m.group(0))
            and (kind_here == "subj" or _spanish_infinitive(word.group(0), subjunctive_only=True))
        ):
            # after a modal's infinitive, "y se" and a subjunctive opens a clause of its own:
            # "debe reparar la red y se publiquen las cuentas"
            kind_here = "inf"
        if not word or kind_here != kind:
            continue
        after = rest[m.end() + (0 if parallel else skip) + word.end() :].split()
        if not after or (fold(after[0].strip(",.;")) in NOT_AFTER_VERB and not clitic):
            continue
        between = rest[last : m.start()].split()
        if _relative_verb(between, kind, language):
            # "begin with the segment where member states conduct reviews and adopt the
            # declaration": the second verb is the relative clause's, no request of its own
            continue
        # (a comma before "and" closes a purpose phrase: "to comply with the orders to release
        # them, and end the practice" makes two requests)
        # ("and also" reopens the main clause: "order the police to stop X and also reopen Y")
        reopens = skip if adverb and re.match(r"also|además|también", adverb.group(0), I) else 0
        closed = parallel or reopens or re.match(r",\s*(?:and|y|e)\s", m.group(0), I)
        if len(between) < 3 or len(after) < 2:
            continue
        if not closed and _embeds_verb(between[1:], kind, language) and not _relayed(between):
            continue
        pronoun = re.search(r"(?:(?:se|le|les|no)\s+)$", m.group(0), I)
        cuts.append((m.start(), m.end() - (len(pronoun.group(0)) if pronoun else 0) + reopens))
        last = m.end()
    return cuts


def _listed_inline(text: str, start: int, end: int) -> list[Found]:
    """A list run into one sentence after a colon that names requests ("reiteraron sus
    exigencias: reconocer la ley; respetar las instituciones", "Our requests: A; B"): each
    piece between semicolons is an ask."""
    sentence = text[start:end]
    colon = sentence.find(":")
    if colon < 0 or not NAMES_REQUESTS.search(sentence[max(0, colon - 300) : colon]):
        return []
    at = start + colon + 1  # (each piece keeps its semicolon)
    cuts = [at, *(at + m.end() for m in re.finditer(";", sentence[colon + 1 :])), end]
    pieces = [
        (a + len(text[a:b]) - len(text[a:b].lstrip()), b)
        for a, b in zip(cuts, cuts[1:], strict=False)
        if len(text[a:b].split()) >= 3
    ]
    if len(pieces) < 2:
        return []
    head = _folded(sentence[:colon])[-60:]
    return [Found(a, b, f'listed after "{head}"', a, item=True) for a, b in pieces]


def _summary_asks(text: str, header: list[Block], found: list[Found]) -> list[Found]:
    """A request made only in the heading's summary ("● Twenty-two organisations ... call on
    the President to hold officials to account."): a bullet or a full sentence there whose
    ask no passage of the body repeats (a headline restating the body's ask is no second)."""
    body = [set(stems(_folded(text[h.start : h.end]))) for h in found]
    out = []
    for block in header:
        block_text = text[block.start : block.end]
        if not (block.item or block_text.rstrip().endswith(".")) or _heading(block_text):
            continue
        for a, b in sentences_of(text, block.body_start, block.end):
            # (two requests in one sentence are two, as in the body: "Please forward it to her
            # and ask her to reject the permit")
            for a2, b2 in _cue_clauses(text, a, b):
                hit = _find_in_sentence(text, a2, b2, item=False, lead=None, context=text[a:a2])
                words = set(stems(_folded(text[hit.start : hit.end]))) if hit else set()
                if words and all(len(words & other) < len(words) / 2 for other in body):
                    out.extend(_split(text, hit))
    return out


def _split(text: str, found: Found) -> list[Found]:
    """One passage per separable request: "to X, and to Y", "(1) X; (2) Y", "que X y que Y"."""
    # (an item is one request, but for a Spanish optative's next "y que": "Que se investigue
    # el crimen, y que no se culpe a las víctimas" makes two)
    if (found.item and not OPTATIVE.match(text, found.start)) or (
        found.modal and _reported(text[found.start : found.cue_end])
    ):
        return [found]
    action_at = found.cue_end
    rest = text[action_at : found.end]
    numbered = list(INLINE_NUMBERS.finditer(rest))
    # (end of the previous part, start of the next; a part ends before its ", and" or ";")
    cuts = [
        (
            action_at
            + len(re.sub(r"(?:[,;]|\s+(?:and|y|e))+\s*$", "", rest[: m.start()], flags=I)),
            action_at + m.end(),
        )
        for m in numbered[1:]
    ]
    if len(numbered) >= 2 and rest[: numbered[0].start()].rstrip().endswith(":"):
        # "call on the Institutions to: 1) initiate..., 2) establish...": the lead-in is
        # said once for all its numbered requests, each passage the request alone
        found = replace(found, start=action_at + numbered[0].end())
    if len(numbered) < 2:
        language = language_of(text[found.start : found.end])
        cuts = [(action_at + a, action_at + b) for a, b in _coordinated_verbs(rest, language)]
        if language == "es" and OPTATIVE.match(text, found.start):
            # an optative's next "que" clause after a comma: "Que el ministro renuncie, que deje
            # el puesto" (its verb a subjunctive; a relative's indicative is no request). Only
            # after an optative: after a cue, ", que" opens a relative clause as often as not
            # ("exigimos que las niñas en situación de calle, que se encuentren bajo...")
            for m in re.finditer(
                r",\s*(que\s+)(?:(?:no|se|le|les|lo|la)\s+)*([a-záéíóúñ]{3,})\b", rest, I
            ):
                word = fold(m.group(2))
                if _to_infinitive(m.group(2)) and word not in INDICATIVE_E | NOT_IMPERATIVE:
                    cuts.append((action_at + m.start(), action_at + m.start(1)))
        for pattern in (SPLIT_EN, SPLIT_ES):
            for m in pattern.finditer(rest):
                after_semicolon = m.group(0) + rest[m.end() : m.end() + 20]
                if m.group(0).startswith(";") and not (
                    m.group(2)
                    or VERB_AFTER_SEMICOLON.match(after_semicolon)
                    or (
                        pattern is SPLIT_ES
                        and language == "es"
                        and INFINITIVE_AFTER_SEMICOLON.match(after_semicolon)
                    )
                    or ORDINAL_AFTER_SEMICOLON.match(after_semicolon)
                ):
                    continue
                connector = m.group(1) or m.group(2) or ""
                cuts.append((action_at + m.start(), action_at + m.end() - len(connector)))
                if re.match(r",\s*and\s+to\s", m.group(0), I):
                    # a series ending ", and to X" cuts at each of its earlier ", to"
                    head = text[found.start : action_at + m.start()]
                    for e in re.finditer(r",\s*(to\s+)(?=[a-z])", head):
                        cuts.append((found.start + e.start(), found.start + e.start(1)))
                elif pattern is SPLIT_ES and re.match(r",?\s*y\s+a\s", m.group(0), I):
                    # as does one ending "y a X" at its earlier ", a" and an infinitive: "a
                    # mirar..., a solidarizarse... y a exhortar..."
                    for e in re.finditer(
                        r",\s*(a\s+)(?!pesar\b)(?=[a-záéíóúñ]{2,}(?:ar|er|ir)(?:se|le|les|lo|la)?\b)",
                        rest[: m.start()],
                        I,
                    ):
                        cuts.append((action_at + e.start(), action_at + e.start(1)))
    for m in ALSO_DEMANDED.finditer(rest):
        # "se pide una investigación..., como también el resarcimiento...": a second demand
        cuts.append((action_at + m.start(), action_at + m.start(1)))
    for m in ORDINAL_AFTER_SEMICOLON.finditer(rest):
        if not m.group(0).lstrip().startswith(";"):  # (", y el quinto, ...": the next one)
            opening = re.match(r"\s*,\s*(?:y|and)\s*", m.group(0), I)
            cuts.append((action_at + m.start(), action_at + m.start() + opening.end()))
    if found.item:
        cuts = [(a, b) for a, b in cuts if re.match(r",\s*y\s+que\s", text[a : b + 5], I)]
    if not cuts:
        return [found]
    cuts = sorted(dict(sorted(cuts, reverse=True)).items())  # one cut per place
    parts = []
    begin = found.start
    for stop, next_start in cuts:
        piece = text[begin:stop]
        if len(piece.split()) >= 3 or (
            begin == found.start and len(piece.split()) == 2 and _imperative(piece)
        ):
            parts.append((begin, stop))
        begin = next_start
    parts.append((begin, found.end))
    if len(parts) < 2:
        return [found]
    first, *others = parts
    return [Found(*first, found.why, found.cue_end, found.actor, found.modal)] + [
        Found(a, b, found.why + " (one of several requests)", a, found.actor, found.modal)
        for a, b in others
    ]


def _to_infinitive(word: str) -> str | None:
    lowered = word.lower()
    singular = lowered[:-1] if lowered.endswith("n") else lowered
    if lowered in SUBJUNCTIVE or singular in SUBJUNCTIVE:
        return SUBJUNCTIVE.get(lowered) or SUBJUNCTIVE[singular]
    if singular.startswith("re") and singular[2:] in SUBJUNCTIVE:  # "reabra" is "abra" again
        return "re" + SUBJUNCTIVE[singular[2:]]
    for ending, infinitive in (("gue", "gar"), ("que", "car"), ("ce", "zar"), ("zca", "cer")):
        if singular.endswith(ending) and len(singular) > 5:
            return singular[: -len(ending)] + infinitive
    if (
        singular.endswith("e")
        and len(singular) > 5
        and not singular.endswith(("nte", "ble", "ume"))
    ):
        # a stem that changes in the present: "apruebe" is "aprobar", "cierre" "cerrar"
        changed = re.fullmatch(r"(.*[^aeiouáéíóú])(ue|ie)([^aeiouáéíóú]+)e", singular)
        if changed:
            return (
                changed.group(1)
                + {"ue": "o", "ie": "e"}[changed.group(2)]
                + changed.group(3)
                + "ar"
            )
        return singular[:-1] + "ar"
    return None


# what a title leaves out after a modal: "should immediately release" titles "Release"
MODAL_ADVERBS = re.compile(
    r"^\s*(?:(?:also|immediately|urgently|now|promptly|publicly|swiftly|at\s+minimum|"
    r"continue\s+to|de\s+inmediato|también|urgentemente|"
    r"de(?=\s+[a-záéíóúñ]+(?:ar|er|ir|ír)(?:se)?\b))\s+)*",  # ("deben de publicar")
    I,
)
# where a long title may stop: before a preposition or a conjunction
TITLE_JOINTS = set(
    words_of(
        "in with for at on to by from and that which en con para por y que within into under before"
    )
)
DANGLING = set(
    words_of(
        "the a an of to in on for with by at from and or that which as into than de la el los "
        "las del al y o que en con por para un una su sus its their our your this these hasta "
        "desde sin sobre entre contra hacia según como pero ni u e until unless because without "
        "between against towards toward through but nor so sino así"
    )
)


# what opens a noun phrase, never an imperative: an article or a quantity
NOUN_DEMAND = re.compile(lexicon.NOUN_DEMAND, I)
NOUN_PHRASE = re.compile(
    r"\s*(?:the|a|an|more|greater|new|el|la|los|las|un|una|unos|unas|más|mayor(?:es)?|nuev[oa]s?)\s",
    I,
)


def _sentence_case(phrase: str) -> str:
    """A sentence's first word inside a title: "Reopening the clinics" reopening ("UNHCR" and
    "EU" stay)."""
    return phrase[:1].lower() + phrase[1:] if phrase[1:2].islower() else phrase


def _third_person(verb: str) -> str:
    """ "come" comes, "reach" reaches, "apply" applies, "have" has."""
    if verb == "have":
        return "has"
    if re.search(r"(?:s|sh|ch|x|z|o)$", verb):
        return verb + "es"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + "s"


def _base_of_gerund(word: str) -> str | None:
    """The verb of a gerund ("expediting" expedite, "stopping" stop, "broadcasting"
    broadcast), known verbs first; None for a word that is no gerund."""
    lowered = word.lower()
    if not lowered.endswith("ing") or len(lowered) < 6:
        return None
    stem = lowered[:-3]
    doubled = (
        stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz" else stem
    )
    for verb in (stem, stem + "e", doubled):
        if verb in VERBS_EN:
            return verb
    return doubled


# --- a title's grammar --------------------------------------------------------------------------
# The action the rules above found, made an imperative an officer would type: an English base
# verb or a Spanish infinitive first, the negation kept, no list marker, request or addressee
# before it (the words these rules turn on are in lexicon.py, "titles").

TITLE_MODAL = re.compile(lexicon.TITLE_MODAL, I | re.S)
TITLE_OPENERS = re.compile(lexicon.TITLE_OPENERS, I)
ADDRESSEE_ES = re.compile(lexicon.ADDRESSEE_ES, I)
ERGATIVE = lexicon.ERGATIVE
# a list's marker ("–", "•", "1)", "(a)", "2."), and a short label before a colon ("Second
# cycle:")
TITLE_MARKER = re.compile(
    r"^\s*(?:[-–—•⁃*·]+\s*|\(?(?:\d{1,2}|[a-h]|i{1,3}|iv|vi?)[.)][-–]?\s+|\(?\d{1,2}\)\s*)", I
)
TITLE_LABEL = re.compile(r"^\s*[^\W\d_][^\W\d_'’-]*(?:\s+[^\W\d_'’-]+){0,3}:\s+(?=\w)")
INFINITIVE = re.compile(r"[a-záéíóúñ]+(?:ar|er|ir|ír)(?:se|lo|la|los|las|le|les)?", I)
AFTER_GERUND = re.compile(
    r"\s+(?:for|to|of|in|on|at|with|by|from|is|are|was|were|and|or|que|de)\b", I
)
EN_VERB = r"(?:" + "|".join(sorted(VERBS_EN, key=len, reverse=True)) + r")\b"
# a finite Spanish verb after a title's first word: the words are a clause, not a noun asked
# for ("las organizaciones hacen un llamado", "la tripulación estaría dispuesta")
FINITE_ES = re.compile(
    r"(?:es|son|está|están|ha|han|hay|fue|fueron|sea|sean)|.+(?:n|ía|ían|ó|aba|aban|rá|rán)", I
)
# a title's last word is never one of these (nor DANGLING's)
TITLE_DANGLING = {fold(word) for word in DANGLING | lexicon.TITLE_DANGLING}
# the verb, then a short aside set off by commas ("Publish, within ninety days, a register")
TITLE_ASIDE = re.compile(r"([^\W\d_]+),\s+[^,;:.]{2,60}?,\s+(?=\w)")
# examples or a named instance between commas: ", including X,", ", en particular X,"
TITLE_EXAMPLES = re.compile(
    r",\s+(?:including|such\s+as|in\s+particular|especially|among\s+them|incluid[oa]s?|"
    r"incluyendo|como|en\s+particular|especialmente|entre\s+ell[oa]s)\s+[^,;:.]{2,80},\s*",
    I,
)
FUNCTION_WORDS = lexicon.NOUN_OPENERS_EN | lexicon.NOUN_OPENERS_ES | lexicon.QUANTIFIERS


@lru_cache(maxsize=8192)
def _lemma(word: str, language: str) -> str:
    """A word's dictionary form (simplemma's lists: "lost" lose, "rinda" rendir)."""
    return simplemma.lemmatize(word.lower(), lang=language) if word.strip() else word


def _lower_first(phrase: str, passage: str = "") -> str:
    """A phrase moved inside a title: its first word lower-cased unless it names someone ("The
    permits" the permits, "Respeto a" respeto a; "Canada's", "UNHCR", "Judge Lallah" kept):
    a common word is one the language's word list knows in lower case."""
    words = phrase.split(maxsplit=2)
    if not words or (words[0].isupper() and len(words[0]) > 1):
        return phrase
    first = words[0].lower().strip("“\"'‘")
    language = language_of(passage or phrase)
    named = len(words) > 1 and words[1][:1].isupper() and first not in FUNCTION_WORDS
    if not named and (
        first in FUNCTION_WORDS
        or re.fullmatch(r"[^\W\d_]{3,}(?:ing|ar|er|ir)", first)
        or (simplemma.is_known(first, lang=language) and _lemma(first, language)[:1].islower())
    ):
        return phrase[:1].lower() + phrase[1:]
    return phrase


def _english_base(word: str) -> str | None:
    """The base verb of a participle or a gerund ("treated" treat, "lost" lose, "ending"
    end); None for a word that is neither."""
    lowered = word.lower().strip(",.;:")
    if lowered.endswith("ing"):
        base = _base_of_gerund(lowered)
        return base if base and (base in VERBS_EN or simplemma.is_known(base, lang="en")) else None
    if lowered.endswith("s") or len(lowered) < 3:
        return None
    lemma = _lemma(lowered, "en")
    if lemma != lowered and (lowered.endswith(("ed", "en", "t", "n", "d")) or lemma in VERBS_EN):
        return lemma
    return lowered if lowered in {"put", "set", "cut", "shut", "let"} else None


def _spanish_infinitive(word: str, *, subjunctive_only: bool = False) -> str | None:
    """The infinitive of the Spanish verb form a title would start with: a subjunctive or a
    formal imperative ("abra" abrir, "concierte" concertar: its vowel is the other
    conjugation's, so "pesca" is no subjunctive of "pescar"), a participle ("criminalizada"
    criminalizar) or an infinitive with a pronoun ("diferenciarse"); None for no verb."""
    lowered = word.lower().strip(',.;:“”"«»')
    if len(lowered) < 3 or lowered in FUNCTION_WORDS or lowered in DANGLING:
        return None
    if INFINITIVE.fullmatch(lowered):
        reflexive = re.fullmatch(r"(.+(?:ar|er|ir|ír))(?:se|lo|la|los|las|le|les)", lowered)
        return None if subjunctive_only or not reflexive else reflexive.group(1)
    lemma = _lemma(lowered, "es")
    if not re.fullmatch(r".+(?:ar|er|ir|ír)", lemma):
        lemma = _to_infinitive(lowered) or lemma
    # ("cree" reads as "creer" alone; after a request it is "crear"'s subjunctive)
    if re.fullmatch(r".+(?:er|ir|ír)", lemma) and re.fullmatch(r".+en?", lowered):
        other = re.sub(r"en?$", "", lowered) + "ar"
        lemma = other if simplemma.is_known(other, lang="es") else lemma
    subjunctive = (re.fullmatch(r".+ar", lemma) and re.fullmatch(r".+[eé]n?", lowered)) or (
        re.fullmatch(r".+(?:er|ir|ír)", lemma) and lowered.endswith(("a", "an"))
    )
    if subjunctive and lemma != lowered:
        return lemma
    participle = re.fullmatch(r"(.+)([ai])d[oa]s?", lowered)
    if subjunctive_only or not participle:
        return None
    stem_, vowel = participle.groups()
    if vowel == "a":
        return stem_ + "ar"
    return next((stem_ + e for e in ("er", "ir") if simplemma.is_known(stem_ + e, lang="es")), None)


def _finite_es(words: list[str]) -> bool:
    """Whether these Spanish words hold a finite verb (a clause, not a noun phrase)."""
    for word in words:
        w = word.strip(',.;:“”"«»').lower()
        if w in FUNCTION_WORDS or fold(w) in DANGLING or INFINITIVE.fullmatch(w):
            continue
        if FINITE_ES.fullmatch(w) and (
            len(w) <= 5 or re.fullmatch(r".+(?:ar|er|ir)", _lemma(w, "es"))
        ):
            return True
    return False


def _plural(subject: str, spanish: bool = False) -> bool:
    """Whether a subject takes a plural verb: its head noun (before "of", "de"...) is plural,
    or it joins two with "and" or "or"."""
    head = re.split(
        r"\s(?:of|in|on|for|to|with|without|by|from|at|about|into|under|within|among|between|"
        r"across|de|del|en|para|con|sin)\s",
        subject,
    )[0]
    words = [w for w in head.split() if not re.fullmatch(r"(?:[A-Z]\.)+|[A-Z]{2,}", w)]
    if not words:
        return False
    last = fold(words[-1].strip(',."”'))
    return bool(
        re.search(r"\s(?:and|or|y|o)\s", head)
        or fold(words[0]) in {"they", "we", "ellos", "ellas"}
        or (last.endswith("s") and (spanish or not last.endswith(("ss", "us", "is"))))
    )


# what follows a pronominal verb ("reunirse con", "abstenerse de", "pronunciarse sobre",
# "comprometerse a garantizar"), not a passive "se" ("investigarse a fondo")
PRONOMINAL_AFTER = re.compile(
    r"\s+(?:con|de|del|sobre|ante|contra|a\s+[^\W\d_]{2,}(?:ar|er|ir)(?:se|lo|la|los|las|le|les)?\b)",
    I,
)


def _from_modal(clause: str, spanish: bool, *, plain: bool = False) -> str | None:
    """The imperative a modal's clause puts, its negation kept: "The permits must be suspended"
    titles "Suspend the permits", "X should never be treated as a crime" "Never treat X as a
    crime", "X should not close Y" "Do not close Y", "the raids must stop" "Stop the raids";
    an agent after "by" keeps the passive ("Ensure the inquiry is led by a judge"), as do a
    state ("Ensure X is not in the business of...") and coordinated complements. ``plain``: a
    verb and its object drop the subject too ("Chairs should integrate X": "Integrate X")."""
    m = TITLE_MODAL.match(clause)
    if (
        not m
        or len(m["subject"].split()) > 20
        # (a modal after "and" shares an earlier verb's subject; after "but" it is another's)
        or re.search(r"\b(?:but|however|pero)\b", m["subject"], I)
    ):
        return None
    if re.search(r"\b(?:and|y)\s*$", m["subject"], I):
        # a modal after "and" shares the subject of the verb before it ("Any attack on the
        # rule is an attack on water and should be opposed"): that subject, or none
        shared = re.match(r"(.{3,}?)\s+(?:is|are|was|were|has|have|remains|es|son)\s", clause, I)
        if not shared:
            return None
        clause = shared.group(1) + " " + clause[m.start("modal") :]
        m = TITLE_MODAL.match(clause)
    pieces = re.split(r"[;:]|,|\b(?:that|que)\b", m["subject"].strip(" ,"), flags=I)
    subject = pieces.pop()
    while pieces and re.match(r"\s*(?:to\s+whom|who|whom|whose|which|quien|quienes)\b", subject, I):
        subject = pieces.pop()  # ("Judge X, to whom the Assembly gave the mandate, must")

    if re.match(r"\s*(?:and|or|y|o)\s", subject, I):
        while pieces and 0 < len(pieces[-1].split()) <= 3:
            subject = pieces.pop() + "," + subject  # (a list: "an ambitious, fair, and new goal")
    subject = TITLE_OPENERS.sub("", subject.strip(" \"“”'")).strip()
    if not subject and pieces and not (spanish and (m["neg"] or m["neg1"])):
        return None  # ("a law that must be repealed": the relative's antecedent is unknown;
        # Spanish drops its subjects: "consideramos que no debe seguir")

    subject = re.sub(r"\s*\([^)]*\)", "", subject)
    existential = re.fullmatch(r"(?:.*\s)?(?:there|hay)", subject, I)
    if (
        not existential
        and subject.split()
        and fold(subject.split()[0]) in DANGLING - FUNCTION_WORDS
    ):
        return None  # ("as such should be treated": no subject to act on)
    if existential or re.fullmatch(
        r"(?:it|that|which|we|i|you|esto|eso|esta|este|ello|nosotros)?", subject, I
    ):
        subject = ""  # (no antecedent to act on, or the writers themselves)
    negation = fold(m["neg"] or m["neg1"] or "")
    denied = re.match(r"(?:no|ningun|ninguna|ninguno|neither|none\s+of)\s+", fold(subject))
    if denied and not negation:
        # "No government should mandate X": do not mandate X ("Ningún gobierno debe...")
        negation, subject = "not", subject[denied.end() :]
    never = negation in {"never", "nunca", "jamas"}
    rest = MODAL_ADVERBS.sub("", m["rest"]).strip()
    if m["neg"] and clause[m.end("neg") : m.start("rest")].startswith(","):
        # "should not, either by private or public agreement, compel": the verb after the aside
        rest = re.sub(r"^[^,]{1,80},\s*", "", rest)

    rest = re.sub(r"^(?:all|both|each|todos|todas)\s+(?=\w)", "", rest, flags=I)
    words = rest.split()
    if not words or re.match(r"(?:have|haber)\b", rest, I):
        return None
    obj = lexicon.OBJECT_CASE.get(subject.lower(), _lower_first(subject, clause))
    coordinated = r"\s*(?:,|and\b|or\b|y\b|o\b)"
    if spanish:
        lead = "no " if negation else ""
        ser = re.match(
            r"ser\s+(?P<word>[^\W\d_]+)(?P<also>\s+y\s+[^\W\d_]+)?(?P<tail>.*)", rest, I | re.S
        )
        if ser and subject:
            verb = _spanish_infinitive(ser["word"])
            also = _spanish_infinitive(ser["also"].split()[-1]) if ser["also"] else ""
            agent = re.match(r"\s*por\s", ser["tail"]) or re.match(coordinated, ser["tail"])
            if verb and also is not None and not agent and len(subject.split()) <= 14:
                return f"{lead}{verb}{' y ' + also if also else ''} {obj}{ser['tail']}"
            be = "sean" if _plural(subject, True) else "sea"
            return f"asegurar que {obj} {lead}{be} {rest[4:]}"
        reflexive = re.match(r"([^\W\d_]+(?:ar|er|ir|ír))se\b(.*)", rest, I | re.S)
        if (
            reflexive
            and subject
            and PRONOMINAL_AFTER.match(reflexive.group(2))
            and _is_actor(subject)
        ):
            # an actor acts on itself, with someone: "El ministerio tiene que reunirse con las
            # familias" titles "Reunirse con las familias" (not "Reunir el ministerio"); a
            # thing's "se" is a passive ("Esta violencia debe diferenciarse de...")
            return f"{lead}{reflexive.group(1)}se{reflexive.group(2)}"
        if reflexive and subject:  # a passive: "el caso debe investigarse" "Investigar el caso"
            return f"{lead}{reflexive.group(1)} {obj}{reflexive.group(2)}"
        if subject and fold(words[0].strip(".!")) in ERGATIVE and len(words) == 1:
            return f"{lead}{words[0].strip('.!')} {obj}"
        return f"{lead}{rest}" if negation or plain else None
    lead = "never " if never else "do not " if negation else ""
    if existential and re.match(r"be\s", rest, I):
        return f"ensure there is {'no ' if negation else ''}{rest[3:]}"
    copula = re.match(
        r"be\s+(?:(?P<adv>[^\W\d_]+ly)\s+)?(?P<word>[\w-]+)(?P<tail>.*)", rest, I | re.S
    )
    if copula:
        base = _english_base(copula["word"]) if not copula["word"].endswith("ing") else None
        keep = re.match(r"\s*by\s", copula["tail"], I) or re.match(coordinated, copula["tail"])
        if base and subject and not keep and len(subject.split()) <= 14:
            if re.match(r"\s*that\b", copula["tail"], I):
                return None  # ("it should be noted that": a remark, no action)
            return f"{lead}{base} {obj}{copula['tail']}"
        if not subject:
            return None
        be = "are" if _plural(subject) else "is"
        negated = " never" if never else " not" if negation else ""
        return f"ensure {obj} {be}{negated} {rest[3:]}"
    tail = rest[len(words[0]) :]
    if (
        subject
        and fold(words[0].strip(".!")) in ERGATIVE
        and re.fullmatch(r"\s*(?:now|immediately|today|at\s+once)?\s*(?:[,.;!].*)?", tail, I | re.S)
    ):
        return f"{lead}{words[0].strip('.!')} {obj}{tail}"
    return f"{lead}{rest}" if negation or plain else None


def _request_at_start(action: str, spanish: bool) -> int | None:
    """Where the action starts after the writers' own request left at a title's start ("I
    urge you to oppose", "Exigimos al Estado otorgar"), or None when it opens with none."""
    cue, modal = _first_cue(action)
    before = action[: cue.start()] if cue else ""
    # (a Spanish subject named before its request: "las organizaciones hacen un llamado a")
    reported = spanish and re.match(r"\w+(?:an|en|ó|aron|ieron)\b", cue.group(0) if cue else "")
    if cue is None or modal or len(before.split()) > (8 if reported else 3) or "," in before:
        return None
    said = action[: cue.end()]
    if not (
        re.search(r"\b(?:we|i)\b", said, I)
        or (spanish and re.search(r"\w(?:amos|emos|imos|ndo)\b", said, I))
        or reported
    ):
        return None

    _, at = _actor_after_cue(action, cue.end())
    skipped = action[cue.end() : at].split()
    if spanish and (
        re.match(r"\s*que\b", action[cue.end() :], I)
        or any(INFINITIVE.fullmatch(fold(w.strip(",.;"))) and w.islower() for w in skipped[:-1])
    ):
        return cue.end()  # (an addressee and then its action, or "que": read word by word)
    return at


def _english_action(action: str, passage: str) -> str:
    """One step towards an English imperative (see _imperative_title)."""
    words = action.split()
    first = fold(words[0].strip("“\"'‘")) if words else ""
    if not words or first in {"do", "never", "don't", "don’t", "let"}:
        return action
    if first == "be":  # (a modal's passive whose subject was left behind: its clause again)
        return _from_modal(passage, False) or action

    adverbs = re.match(r"(?:[^\W\d_]{3,}ly\s+(?:and\s+)?)+(?=" + EN_VERB + ")", action, I)
    if adverbs:  # ("immediately and unconditionally release": the action is the verb's)
        return action[adverbs.end() :]
    at = _request_at_start(action, False)
    if at is not None:
        return action[at:]
    if you := re.match(r"(?:you|your)\b[^,;]{0,40}?\s+(?=(?:for|to)\s)", action, I):
        return action[you.end() :]  # (the addressee: "you and your government for...")
    if (
        first not in VERBS_EN
        and re.match(r"(?:\S+\s+){0,10}?(?:should|must|ought|shall)\b", action, I)
        and (modal := _from_modal(action, False, plain=True))
    ):
        return modal
    if first == "by" and (
        m := re.match(
            r"by\s+[^;]{3,150}?\s+(?:for\s+(?=(?:the|a|an|its|their|immediate|urgent|[\"'‘“]))"
            r"|to\s+(?=" + EN_VERB + "))",
            action,
            I,
        )
    ):
        return action[m.end() :].lstrip("\"'‘“")
    if first == "for":
        m = (
            re.match(r"for\s+[^.;]{3,120}?,\s+(?=" + EN_VERB + ")", action, I)
            or re.match(r"for\s+[^.;]{3,80}?\s+to\s+(?=" + EN_VERB + ")", action, I)
            or re.match(r"for\s+[^.;]{3,80}?\bthat\s+(?:you|we|they)\s+", action, I)
        )
        return action[m.end() :] if m else "ensure " + action[4:]
    if first == "that":
        if m := re.match(r"that\s+(?:you|we|they|i)\s+", action, I):
            return action[m.end() :]
        if m := re.match(r"that\s+there\s+(?:be|is|are)\s+", action, I):
            return "ensure there is " + action[m.end() :]
        if re.match(r"that\s+(?:it|this|he|she)\s+(?!is\b|was\b)\w", action, I):
            return "ensure " + action[5:]
        if re.search(r"\b(?:should|must)\b", action, I):
            return action[5:]
        return action
    # a passive put as a subjunctive ("it is imperative this report be published")
    passive = re.match(
        r"((?:this|these|the|that|those|its|their|our)\b[^,;]{0,60}?)\s+be\s+([\w-]+)(.*)",
        action,
        I | re.S,
    )
    if (
        passive
        and (base := _english_base(passive.group(2)))
        and not re.match(r"\s*(?:by\s|,|and\b|or\b)", passive.group(3), I)
    ):
        return f"{base} {_lower_first(passive.group(1), passage)}{passive.group(3)}"
    # a participle whose subject and modal were left behind: the modal's clause again
    if _english_base(words[0]) and not first.endswith("ing"):
        modal = _from_modal(passage, False)
        return modal if modal and fold(modal.split()[0]) != first else action
    gerund = first.endswith("ing") and not AFTER_GERUND.match(action[len(words[0]) :])
    if gerund and (base := _english_base(words[0])):
        return base + action[len(words[0]) :]
    if first in lexicon.NOUN_OPENERS_EN and not re.search(r"\b(?:should|must)\b", action, I):
        # the thing asked for: its verb when the noun names the action ("the release of X":
        # release X), else ensure it
        noun = re.match(r"(?:the\s+)?(?:[^\W\d_]+\s+)?([^\W\d_]+)\s+of\s+(?=\w)", action, I)
        if noun and noun.group(1) in lexicon.ACTION_NOUNS:
            return noun.group(1) + " " + action[noun.end() :]
        return "ensure " + _lower_first(action, passage)
    # an addressee left before the action: "Governments at the summit to stand with"
    if first not in VERBS_EN and (words[0][:1].isupper() or first in ACTOR_WORDS | {"all"}):
        m = re.match(
            r"([^;:]{2,90}?)\s+to\s+[\"“]?(?:[^\W\d_]+ly\s+)?(?=" + EN_VERB + ")", action, I
        )
        if m and not re.search(r"\b" + EN_VERB, m.group(1)):  # (lower case: "Open Society")
            return action[m.end() :]
    return action


def _spanish_action(action: str, passage: str) -> str:
    """One step towards a Spanish imperative, an infinitive first (see _imperative_title)."""
    words = action.split()
    if not words:
        return action
    first = fold(words[0].strip('“"«¡,.;:!'))
    if first == "no" or (INFINITIVE.fullmatch(first) and first not in DANGLING):
        if re.fullmatch(r".+(?:ar|er|ir)se", first) and (modal := _from_modal(passage, True)):
            return modal  # ("debe diferenciarse": the modal's clause, its subject the object)
        return action
    at = _request_at_start(action, True)
    if at is not None:
        return action[at:]
    if re.fullmatch(r"[^\W\d_]+mente|urgente", first):
        return action[len(words[0]) :].lstrip()
    # (an adverb of manner in words: "de manera urgente", "de forma inmediata", "con urgencia")
    manner = re.match(
        r"(?:de\s+(?:manera|forma|modo)\s+[^\W\d_]+|con\s+(?:urgencia|prontitud)),?\s+",
        action,
        I,
    )
    if manner:
        return action[manner.end() :]
    if re.match(
        r"(?:\S+\s+){0,12}?(?:debe|deben|debería|deberían|deberá|deberán|debieran?|"
        r"tienen?\s+que)\b",
        action,
        I,
    ) and (modal := _from_modal(action, True, plain=True)):
        return modal
    if first == "que":
        for i, word in enumerate(words[1:11], start=1):
            verb = _spanish_infinitive(word, subjunctive_only=True) if word.islower() else None
            if not verb:
                continue
            reflexive = fold(words[i - 1]) == "se"
            subject = " ".join(words[1 : i - 1 if reflexive else i])
            if fold(subject) in {"", "no", "se"}:
                subject = ""
            if verb == "poder" or (reflexive and subject):
                return "asegurar que " + action[len(words[0]) :].lstrip()
            # ("que la Defensoría pueda ingresar", "que quien
            # gobierna se someta": who is to act is the point)
            if (
                subject
                and verb in ERGATIVE
                and not fold(" ".join(words[i + 1 : i + 2])).endswith("ndo")
            ):
                # ("que el tratamiento de la ley continúe": continuar el tratamiento de la ley)
                return " ".join([verb, _lower_first(subject, passage), *words[i + 1 :]])
            negated = "no" in map(fold, words[1:i])
            verb = "garantizar" if verb == "haber" else verb  # ("que haya X": X)
            if reflexive and re.match(
                r"(?:al|de|del|en|con|por)$", fold(" ".join(words[i + 1 : i + 2]))
            ):
                verb += "se"  # ("que se unan en la defensa": unirse en la defensa)
            rest = words[i + 1 :]
            if rest[:1] in (["y"], ["e"]) and (
                also := _spanish_infinitive(" ".join(rest[1:2]), subjunctive_only=True)
            ):
                rest = [rest[0], also, *rest[2:]]  # ("que intervengan y solucionen")
            return " ".join([("no " if negated else "") + verb, *rest])
        return "asegurar que " + action[len(words[0]) :].lstrip()

    if first == "se" and (verb := _spanish_infinitive(" ".join(words[1:2]), subjunctive_only=True)):
        # "se garantice la protección" garantizar la protección; a reflexive before its
        # preposition keeps its pronoun ("se apegue al mandato": apegarse al mandato)
        reflexive = re.match(r"(?:al|de|del|en|con|por)$", fold(" ".join(words[2:3])))
        return " ".join([verb + ("se" if reflexive else ""), *words[2:]])
    if verb := _spanish_infinitive(words[0], subjunctive_only=True):
        return " ".join([verb, *words[1:]])  # a subjunctive or a formal imperative: "abra sus"
    if ADDRESSEE_ES.match(action):
        # "al gobierno estatal su presentación": the addressee, then what is asked of it
        rest = words[1:] if first in {"al", "del", "a"} else words[2:]
        for i, word in enumerate(rest[:16]):
            w, before = fold(word), fold(rest[i - 1]) if i else first
            after = fold(rest[i + 1]) if i + 1 < len(rest) else ""
            if w in {"a", "para"} and INFINITIVE.fullmatch(after):
                return " ".join(rest[i + 1 :])
            if (
                INFINITIVE.fullmatch(w)
                and word.islower()
                and before not in FUNCTION_WORDS | DANGLING
            ):
                return " ".join(rest[i:])
        for i, word in enumerate(rest[:10]):
            w, before = fold(word), fold(rest[i - 1]) if i else first
            if w in lexicon.NOUN_OPENERS_ES and i > 0 and before not in FUNCTION_WORDS | DANGLING:
                return "garantizar " + " ".join(rest[i:])
        # a named addressee, then the thing asked of it: "al Presidente recursos para"
        k = 0
        while k < len(rest) and (
            rest[k][:1].isupper()
            or (fold(rest[k]) in {"de", "del", "la", "y"} and rest[k + 1 : k + 2] != [])
            and rest[k + 1][:1].isupper()
        ):
            k += 1
        after = " ".join(rest[k:]) if k and rest[k - 1][:1].isupper() else ""

        if after[:1].islower() and not re.match(r"(?:ningun|y\b|e\b)", fold(after)):
            return "garantizar " + after
        return action
    for noun, verb in lexicon.NOUN_DEMAND_VERB.items():
        if fold(action).startswith(noun + " "):
            return verb + action[len(noun) :]
    # an addressee with no preposition left before an infinitive ("Ejecutivo federal hacer")
    if first not in DANGLING:
        for i, word in enumerate(words[1:9], start=1):
            w = fold(word.strip('“"«'))
            if INFINITIVE.fullmatch(w) and word.strip('“"«').islower():
                if fold(words[i - 1]) in (FUNCTION_WORDS | DANGLING) - {"no"}:
                    break
                negated = fold(words[i - 1]) == "no"
                return " ".join((["no"] if negated else []) + [word.strip('“"«'), *words[i + 1 :]])
            if _finite_es([word]):
                break  # (a finite verb: the words before it are a subject, not an addressee)
    if _finite_es(words[1:10]):
        return action
    # an addressee whose "a" went before it, then "a" and the action: "la Comisión
    # Interamericana a dar seguimiento" (a named body: it holds a capital)
    named = re.match(r"([^,;:]{2,90}?)\s+a\s+(no\s+)?(?=" + INFINITIVE.pattern + r"\b)", action, I)
    # (or a named body and its infinitive with no "a": "la Fiscalía del Estado investigar")
    bare = re.match(r"([^,;:]{2,90}?[A-ZÁÉÍÓÚÑ]\w*)\s+()(?=[a-záéíóúñ]+(?:ar|er|ir)\b)", action)
    named = named or bare
    if (
        named
        and (re.search(r"[A-ZÁÉÍÓÚÑ]", named.group(1)) or first in lexicon.NOUN_OPENERS_ES)
        and not _finite_es(named.group(1).split())
    ):
        return ("no " if named.group(2) else "") + action[named.end() :]

    # a demand put as a noun: its verb when the noun names one ("la cancelación de X"
    # cancelar X), else "Garantizar" it
    named = re.match(r"(?:la|una)\s+([^\W\d_]+)ación(?:\s+[^\W\d_]+)?\s+de(l?)\s+(?=\w)", action, I)
    if named and simplemma.is_known(fold(named.group(1)) + "ar", lang="es"):
        return (
            f"{named.group(1).lower()}ar {'el ' if named.group(2) else ''}{action[named.end() :]}"
        )
    if first in lexicon.NOUN_OPENERS_ES or (
        first not in DANGLING
        and not first.startswith("ningun")  # (a demand denied is no thing to guarantee)
        and not re.fullmatch(r".+(?:ar|er|ir|ír)", _lemma(first, "es"))
    ):
        return "garantizar " + _lower_first(action, passage)
    return action


def _imperative_title(action: str, passage: str, spanish: bool) -> str:
    """The action made an imperative: a list's marker, a label, a conjunction, the writers'
    request and its addressee left out; a modal's clause, a passive, a gerund, a subjunctive
    or a noun turned into the verb it puts ("Ensure"/"Garantizar" a thing asked for)."""
    for _ in range(5):
        before = action
        action = TITLE_MARKER.sub("", action, count=1)
        action = TITLE_LABEL.sub("", action, count=1)
        action = TITLE_OPENERS.sub("", action, count=1).strip(" ,\"“”'‘’«»")
        action = re.sub(r"^([^\W\d_]+)[”\"»’](?=\s)", r"\1", action)  # ('congelar” la reforma')
        action = (_spanish_action if spanish else _english_action)(action, passage).strip()
        if not spanish or re.match(r"a\s+[^\W\d_]+(?:ar|er|ir)\b", action, I):
            action = re.sub(r"^(?:to|a)\s+(?=\w)", "", action, flags=I)
        action = re.sub(r"\band\s+to\s+(?=\w)", "and ", action, flags=I)
        if action == before:
            break
    return action


def _title(text: str, found: Found) -> str:
    """The ask's title: the action its rule found, an imperative of at most 12 words ending on
    a content word (see _imperative_title); never empty, never cut inside a word."""
    passage = text[found.start : found.end]
    # (a short passage has too few words to tell its language: the letter's then)
    spanish = language_of(passage if len(passage.split()) >= 8 else text) == "es"
    if found.action:
        action = found.action
    elif found.item or found.cue_end <= found.start or NOUN_DEMAND.match(passage):
        addressed = ADDRESSED_VOCATIVE.match(passage)  # ("Señor Ministro, publique...")
        action = passage[addressed.end() :] if addressed else passage
        linking = LINKING.match(action)
        action = action[linking.end() :] if linking else action
        words = _folded(action).split()
        if words and fold(words[0].strip('¡"“')) == "que":
            # "Que el gobierno federal garantice el presupuesto": "Garantizar el presupuesto"
            for k, verb in enumerate(words[1:6], start=1):
                infinitive = _to_infinitive(verb)
                if infinitive and not verb[:1].isupper():
                    negated = "no" in words[1:k]
                    action = " ".join([("no " if negated else "") + infinitive, *words[k + 1 :]])
                    break
    elif found.modal:
        action = MODAL_ADVERBS.sub("", text[found.cue_end : found.end])
        passive = re.match(r"^\s*(?:be|ser)\s+(.*)$", action, I | re.S)
        head = text[found.start : found.cue_end]
        clause = None
        if (
            passive
            or len(action.split()) <= 2
            or re.search(r"\b(?:be|ser|not|never|no|nunca|jamás)\s*$", head, I)
            or re.search(r"\b(?:no|nunca|jamás)\s+\S+\s*$", head, I)  # ("no debe seguir")
            or re.match(r"\W*(?:no|ningún|ninguna|ninguno|neither|none\s+of)\s", head, I)
            or re.match(r"\s*[^\W\d_]+(?:ar|er|ir)se\b", action, I)
        ):
            # a passive, a negation or a verb with no object: the whole clause makes it
            clause = _from_modal(_folded(text[found.start : found.end]), spanish)
        if clause:
            action = clause
        elif passive:
            subject = found.actor or ""
            verb = "are" if re.search(r"s\b", subject.split()[-1] if subject else "") else "is"
            action = (
                f"ensure {subject} {verb} {passive.group(1)}"
                if re.search(r"[a-z]", passive.group(1)[:3], I)
                and not re.search(r"[áéíóúñ]|\bde\b", passage)
                else f"asegurar que {subject} sea {passive.group(1)}"
            )
        elif (
            found.actor
            # (an activity is no actor, whatever it names: "Renewing the mechanism for journalists")
            and (GERUND_SUBJECT.match(found.actor) or not _is_actor(found.actor))
            and not re.search(
                r"\b(?:it|this|that|there|which|we|they|you|i|he|she|who)\b", found.actor, I
            )
            and len(found.actor.split()) <= 10
            and not re.search(r"\b(?:be|been|not|never)\s+$", text[: found.cue_end], I)
            and language_of(passage) != "es"
            and re.fullmatch(r"[a-z]+(?<!ed)(?<!ly)", verb := (action.split() or [""])[0])
            and verb not in DANGLING | {"be", "not", "never", "have", "also", "no"}
            # (a policy's own verb makes the title: "X should promote Y" titles "Promote Y";
            # "come", "remain", "start" need their subject: "Ensure X comes first", as does an
            # activity: "Ensure renewing the mechanism takes precedence")
            and (verb not in VERBS_EN or GERUND_SUBJECT.match(found.actor))
        ):
            # what must happen, no one named to do it: "Reopening the clinics must come first"
            # titles "Ensure reopening the clinics comes first"
            _, _, rest = action.strip().partition(" ")
            plural = not GERUND.match(found.actor) and re.search(r"s\b", found.actor.split()[-1])
            subject = _sentence_case(found.actor)
            action = f"ensure {subject} {verb if plural else _third_person(verb)} {rest}"
    else:
        cue_end = found.cue_end
        while found.start < cue_end < found.end and text[cue_end - 1 : cue_end + 1].isalpha():
            cue_end -= 1  # (a cue that stops inside a word: "urge H|older")
        action = text[cue_end : found.end]
        head = text[found.start : cue_end]
        denied = re.search(r"\b(not|never|no)\s+(?:to\s+)?$", head, I)
        if not spanish and (
            article := re.search(r"(?:\b" + EN_VERB + r"\s+)?\b(?:a|an)\s+$", head, I)
        ):
            # (an English article read as Spanish "a" before an infinitive: "for a deeper")
            action, head = head[article.start() :] + action, head[: article.start()]
        if found.cue_end >= found.end:
            action = passage  # (the cue of a series is past this first request: see below)

        elif denied and fold(denied.group(1)) != "no":
            # "we call on you not to repeat": the request denies the action
            action = ("never " if fold(denied.group(1)) == "never" else "do not ") + action
        elif denied and re.match(r"\s*" + INFINITIVE.pattern + r"\b", action, I):
            action = "no " + action  # ("les pedimos no cerrar")

        elif please := re.search(
            r"\b(?:please|kindly)\s+(?!(?:request|ask|urge|call|invite|recommend)\b)(?=\w)", head, I
        ):
            # "Please act", "please do not return X to Y": the action is all that follows
            action = text[found.start + please.end() : found.end]

        said = re.search(r'says "([^"]+)"', found.why)
        between = ""
        if said and re.match(r"^\s*que\s", text[found.cue_end - 4 : found.cue_end + 1], I):
            at = fold(_folded(head)).rfind(fold(said.group(1)))
            between = _folded(head)[at + len(said.group(1)) :] if at >= 0 else ""
            between = re.sub(r"\bque\s*$", "", between).strip()
        verb = re.match(r"\s*(?:(?:se|no|le|les|lo|la|nos)\s+)*([^\W\d_]+)", action, I)
        indicative = verb and (
            _spanish_infinitive(verb.group(1), subjunctive_only=True) is None
            and _finite_es([verb.group(1)])
        )
        if (
            between
            and indicative
            and (between.endswith(",") or not re.match(r"(?:a|al|le|les|nos)\b", between, I))
        ):
            # "exigimos transparencia sobre las condiciones que deben tener": a relative's "que",
            # the thing asked for before it
            action = between.rstrip(" ,")
        elif re.match(r"^\s*que\s", text[found.cue_end - 4 : found.cue_end + 1], I):
            action = _spanish_action("que " + _folded(action), passage)
            if fold(action).startswith("que "):
                action = "asegurar " + action
        elif re.search(r"\b(?:that|see)\s*$", text[found.start : found.cue_end], I):
            words = action.split()
            for i, w in enumerate(words[:7]):
                if w.strip(",.;") in VERBS_EN:  # (lower case: "the Open Society" is a name)
                    action = " ".join(words[i:])
                    break
            else:
                passive = re.match(r"(.{3,80}?)\s+be\s+([\w-]+)(.*)", _folded(action), I | re.S)
                base = passive and _english_base(passive.group(2))
                if base and not re.match(r"\s*(?:by\s|,|and\b|or\b)", passive.group(3), I):
                    # "that the budget be approved": approve the budget
                    action = f"{base} {_lower_first(passive.group(1), passage)}{passive.group(3)}"
                else:
                    action = "ensure that " + action
    # ("to reopen", Spanish "a garantizar"; an English article stays: "a deeper inquiry")
    action = re.sub(r"^\s*(?:to|a)\s+" if spanish else r"^\s*to\s+", "", _folded(action), flags=I)
    # (the courtesy around the action: "if you could publish", "please could you publish")
    action = re.sub(
        r"^(?:(?:you|usted|ustedes)\s+)?(?:(?:could|would|can|will|might|may)\s+)?(?:please\s+)?"
        r"(?=[a-z])",
        "",
        action,
        flags=I,
    )
    action = FLUFF.sub("", action, count=1)
    if found.item or found.cue_end <= found.start or NOUN_DEMAND.match(passage):
        # a recommendation as a heading in gerund form: "Expediting the census" titles
        # "Expedite the census" (manner adverbs before it left out: "Swiftly stopping")
        gerund = re.match(
            r"\s*(?:[^\W\d_]+ly\s+(?:and\s+[^\W\d_]+ly\s+)?)?([^\W\d_]{3,}ing)\b", action, I
        )
        verb = _base_of_gerund(gerund.group(1)) if gerund else None
        if verb:
            action = verb + action[gerund.end() :]
    # (a demand counted in words names its number first: "el segundo punto, la defensa...")
    action = re.sub(ORDINAL_OPENING, "", action, count=1, flags=I)
    action = re.sub(r"^\s*(?:como|así\s+como)\s+también\s+", "", action, flags=I)
    action = _imperative_title(action, passage, spanish)
    # "an end to X": end X
    action = re.sub(
        r"^(?:ensure\s+)?(?:an?\s+)?(?:(?:immediate|swift|urgent)\s+)?(end|halt|stop)\s+to\s+(?=\w)",
        r"\1 ",
        action,
        flags=I,
    )
    asked_for = re.search(
        r"(?:\b(?:we|i|they)\b[^.;]{0,40}\b(?:demand|(?:call|ask|press|push|plead)\s+for|seek|"
        r"support\s+the\s+call\s+(?:by\s+.{0,80}\s+)?for)|\b(?:demand|call|ask|press|push|plead|"
        r"seek)(?:s|ed|ing|es)\s+(?:for\s+)?)\s*$",
        text[found.start : found.cue_end],
        I,
    )
    first = fold((action.split() or [""])[0])
    if asked_for and not spanish and first not in VERBS_EN | {"do", "never", "ensure"}:
        # a thing the request names with no article: "we demand meaningful oversight now"
        action = "ensure " + _lower_first(action, passage)
    if NOUN_PHRASE.match(action) and not (
        found.item or found.cue_end <= found.start or NOUN_DEMAND.match(passage)
    ):
        # a thing asked for, not an action ("the release of the reporters", "un censo"): the
        # title asks that it be so, in the passage's language
        spanish = language_of(passage) == "es" or re.match(
            r"\s*(?:el|la|los|las|un|una)\b", action, I
        )
        action = ("garantizar " if spanish else "ensure ") + action[:1].lower() + action[1:]
    cut = TITLE_CUTS.search(action)
    contrast = cut and re.match(r",\s*(?:but|pero)\b", cut.group(0), I)
    if cut and len(action[: cut.start()].split()) >= (2 if contrast else 4):
        action = action[: cut.start()]
    action = re.sub(r"\b(and|y)\s+(?:should|must|debe|deben)\s+", r"\1 ", action, flags=I)
    words = action.split()
    aside = TITLE_ASIDE.match(action) if len(words) > 12 else None
    if aside and (fold(aside.group(1)) in VERBS_EN or INFINITIVE.fullmatch(aside.group(1))):
        # an aside between commas after the verb goes first: "Publish, within ninety days, a
        # complete register of..." titles "Publish a complete register of..."
        action = f"{aside.group(1)} {action[aside.end() :]}"
        words = action.split()
    if len(words) > 12 and TITLE_EXAMPLES.search(action):
        # examples set off by commas go before the cut: "Allow independent monitors, including
        # the National Commission, to visit every station" titles "Allow independent monitors
        # to visit every station"
        action = TITLE_EXAMPLES.sub(" ", action)
        words = action.split()
    whole = len(words) <= 12 and not cut
    if len(words) > 12:
        joints = [k for k in range(5, 13) if fold(words[k].strip(",")) in TITLE_JOINTS]
        words = words[: joints[-1]] if joints else words[:12]
    ending = fold((_folded(passage).split() or [""])[-1].strip(',.;:!?"”»'))
    while words and (fold(words[-1].strip(",.;:")) in TITLE_DANGLING or len(words[-1]) < 2):
        last = fold(words[-1].strip(',.;:!?"”»'))
        if len(words) > 1 < len(last) and (
            last == ending or (whole and last in {"this", "these", "that", "those"})
        ):
            break  # (the action's own last word: "Stop this", not a cut title's "the")
        words.pop()

    title = " ".join(words).strip(" ,.;:\"“”'")
    if not title and found.action != passage:  # (nothing left of the action: the passage's)
        return _title(text, Found(found.start, found.end, found.why, found.start, action=passage))
    if not title:  # (nor of the passage's: its first words, whole)
        title = " ".join(_folded(passage).split()[:12]).strip(" ,.;:\"“”'")
    return title[:1].upper() + title[1:]


# --- fields from what is in use -------------------------------------------------------------


def _country_words() -> list[tuple[str, str]]:
    """(folded word, country) for each word that names a country, longest first ("estados unidos
    mexicanos" is Mexico): lexicon.COUNTRIES, then each country the Unicode CLDR names that
    COUNTRIES does not, by its English and Spanish names (under the English one)."""
    pairs = [(fold(w), name) for name, words in lexicon.COUNTRIES.items() for w in words]
    known = {w for w, _ in pairs} | {fold(name) for name in lexicon.COUNTRIES}
    spanish = Locale("es").territories
    for code, name in Locale("en").territories.items():
        if len(code) != 2 or not code.isalpha() or code in lexicon.CLDR_LEFT_OUT:
            continue
        names = [
            n.split(" (")[0].replace(" & ", " and " if n is name else " y ")
            for n in (name, spanish.get(code, name))
        ]
        if " - " in names[0] or any(fold(n) in known for n in names):
            continue
        pairs += [(fold(n), names[0]) for n in dict.fromkeys(n.lower() for n in names)]
        known |= {fold(n) for n in names}
    return sorted(pairs, key=lambda x: -len(x[0]))


COUNTRY_WORDS = _country_words()
COUNTRY_PATTERN = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(word) for word, _ in COUNTRY_WORDS) + r")(?!\w)"
)
COUNTRY_OF = dict(COUNTRY_WORDS)


def countries_named(text: str) -> Counter:
    """How often each country is named (by name or adjective, English or Spanish)."""
    return Counter(COUNTRY_OF[m.group(1)] for m in COUNTRY_PATTERN.finditer(fold(text)))


def _main_country(named: Counter) -> str:
    """The country most named; the United States (so often the addressee's own country in
    letters about another) only when no other country is named as often as half its count."""
    ranked = named.most_common()
    if ranked[0][0] == "United States" and len(ranked) > 1 and ranked[1][1] * 2 >= ranked[0][1]:
        return ranked[1][0]
    return ranked[0][0]


@lru_cache(maxsize=4096)
def _target_key(text: str) -> frozenset[str]:
    """The words that name an actor (kept per phrase: every ask compares with every target)."""
    words = set(stems(text, language_of(text))) - {"govern", "gobiern"} - COUNTRY_OF.keys()
    countries = {fold(c) for c in countries_named(text)}
    government = {"government"} if re.search(r"\b(?:government|gobierno)\b", text, I) else set()
    return frozenset(words | countries | government)


def match_value(phrase: str, values: list[str]) -> str | None:
    """The value in use that names the same actor as ``phrase`` ("the Mexican government" and
    "Government of Mexico"), by shared stems and country names."""
    key = _target_key(phrase)
    if not key:
        return None
    best, best_score = None, 0.0
    for value in values:
        other = _target_key(value)
        shared = len(key & other)
        score = shared / len(key | other)
        if shared and (score > best_score) and (score >= 0.5 or other <= key or key <= other):
            best, best_score = value, score
    return best


def _is_actor(phrase: str) -> bool:
    words = phrase.split()
    return 0 < len(words) <= 12 and (
        any(fold(w.strip(",.")) in ACTOR_WORDS for w in words)
        or any(w[:1].isupper() for w in words[1:])
        or bool(re.match(r"^(?:the\s+)?(?:u\.s\.|us|un|eu|oas)\b", phrase, I))
    )


def _clean_actor(phrase: str) -> str:
    phrase = re.sub(r"^(?:the|el|la|los|las|al)\s+", "", phrase.strip(" ,"), flags=I)
    return phrase[:1].upper() + phrase[1:]


@dataclass
class InUse:
    """The values the tracker already uses, for pickers and for the draft's choices."""

    themes: list[str]
    targets: list[str]
    countries: list[str]
    owners: list[str]
    theme_words: dict[str, set[str]]

    def theme_bag(self, theme: str) -> set[str]:
        """The stems that point to ``theme``: its name's, its asks' titles', and the lexicon's
        for a lexicon theme it shares a word with (made once per theme)."""
        bags = self.__dict__.setdefault("_bags", {})
        if theme not in bags:
            bag = set(stems(theme, "en")) | set(stems(theme, "es"))
            for name, words in LEXICON_THEMES.items():
                if fold(name) == fold(theme) or (bag & LEXICON_NAMES[name]):
                    bag |= words
            bags[theme] = bag | self.theme_words.get(theme, set())
        return bags[theme]


def values_in_use(db: Database) -> InUse:
    """Themes, targets, countries and owners in use (most used first), and for each theme the
    stems of its asks' titles (so a theme of the organisation's own is recognised)."""

    def column(name: str) -> list[str]:
        return [
            row[0]
            for row in db.conn.execute(
                f"SELECT {name} FROM asks WHERE coalesce({name}, '') != '' "
                f"GROUP BY {name} ORDER BY count(*) DESC, {name}"
            )
        ]

    theme_words: dict[str, set[str]] = {}
    for theme, titles in db.conn.execute(
        """SELECT theme, group_concat(title, '. ') FROM
           (SELECT theme, title FROM asks ORDER BY id DESC LIMIT 2000) GROUP BY theme"""
    ):
        language = language_of(titles or "")
        counted = Counter(stem(w, language) for w in content_words(titles or ""))
        theme_words[theme] = {w for w, _ in counted.most_common(60)}
    return InUse(column("theme"), column("target"), column("country"), column("owner"), theme_words)


LEXICON_THEMES = {
    theme: set(stems(words, "en")) | set(stems(words, "es"))
    for theme, words in lexicon.THEME_WORDS.items()
}
LEXICON_NAMES = {name: set(stems(name, "en")) for name in LEXICON_THEMES}


def choose_theme(passage: str, in_use: InUse) -> tuple[str, list[str]]:
    """The theme whose words the passage shares most: themes in use first (their names, their
    asks' titles and the lexicon's words for a theme of that name), else a lexicon theme."""
    own = stems(passage)
    best: tuple[float, str, list[str]] = (0.0, "", [])
    for theme in in_use.themes:
        shared = sorted(own.keys() & in_use.theme_bag(theme))
        score = len(shared) + (0.5 if shared and theme == in_use.themes[0] else 0)
        if shared and score > best[0]:
            best = (score, theme, [own[k] for k in shared])
    if best[1]:
        return best[1], best[2]
    for name, words in LEXICON_THEMES.items():
        shared = sorted(own.keys() & words)
        if shared and len(shared) > best[0]:
            best = (len(shared), name, [own[k] for k in shared])
    return best[1:] if best[1] else ((in_use.themes[0] if in_use.themes else ""), [])


# --- the draft --------------------------------------------------------------------------------

PREFILL_SCORE = 0.40  # calibrated on the dev set, alone and amid bench's 10,000 asks


def _prefill(asks: list[DraftAsk]) -> None:
    """Prefill "same as" with the best suggestion when it scores at least PREFILL_SCORE, is in
    the passage's language, and fits no other passage of the letter better: a wrong
    prefill costs the officer more than a missing one, and one letter rarely repeats an ask
    twice (the review refuses the same ask linked in two rows)."""
    best: dict[int, DraftAsk] = {}
    for ask in asks:
        top = ask.repeats[0] if ask.repeats else None
        if top is None or top.score < PREFILL_SCORE:
            continue
        if language_of(top.title) != language_of(ask.text):
            continue  # (a repeat across languages rests on bridged words: suggested, not prefilled)
        if top.ask_id not in best or top.score > best[top.ask_id].repeats[0].score:
            best[top.ask_id] = ask
    for ask_id, ask in best.items():
        ask.same_as = ask_id


# --- the possible tier -------------------------------------------------------------------------

POSSIBLE_REQUEST = re.compile(lexicon.POSSIBLE_REQUEST, I)
POSSIBLE_NEED = re.compile(lexicon.POSSIBLE_NEED, I)
COURTESY = re.compile(lexicon.COURTESY, I)
PAST_NEED = re.compile(r"\b(?:should|must|ought\s+to)\s+have\s+\w+|\bdebería\s+haber", I)
POSSIBLE_CAP = 3  # at most this many a letter, strongest first: no reason is right 1 in 3 (README)


# a finite request verb ("urged", "pidió", "exigieron", "are calling for"), not a participle
# or a gerund ("recommended timing", "urging an end"): the subject makes the request
FINITE_REQUEST = re.compile(
    r"(?:(?<=\bare\s)|(?<=\bis\s))calling|\w+(?:ed|es|s|ó|ieron|aron|an|en|e|a)$", I
)
PAST_DONE = re.compile(
    r"\b(?:in\s+the\s+past|over\s+the\s+(?:years|decades)|have\s+long|for\s+years|hace\s+(?:años|"
    r"una|un|\d+))\b|\b(?:on|in|el)\s+\w+\s+\d{1,2},?\s+(?:19|20)\d\d\b",
    I,
)


def _reports_a_request(text: str, hit: Found, cue: re.Match, opening: int) -> bool:
    """Whether a possible ask reports a request its subject makes, in its main clause ("CiCZ
    urged the President to desist", "la asamblea exigió la derogación"): a finite request
    verb after a subject that is no public body, pronoun or relative ("the ministry urges",
    "you urged", "quienes reclaman"), not passive ("were asked to") and not dated to the past
    ("Over the decades, X called for"; ``opening`` is where its sentence starts)."""
    before = text[hit.start : cue.start()]
    verb = cue.group(0).split()[0]
    return bool(
        FINITE_REQUEST.search(text[max(0, cue.start() - 4) : cue.start() + len(verb)])
        and not re.match(r"\w+(?:ing|ndo)$", verb)
        and not re.search(r"\b(?:to|a|para|de|al)\s+$", before, I)
        # (a relative clause in the subject: "the sector that X represents demanded")
        and not re.search(r"\b(?:que|who|which|that|quienes|cuando|when|if)\b", before, I)
        # (an object follows: "..., the unions insisted." only says who said the sentence)
        and len(text[cue.end() : hit.end].split()) >= 2
        and not re.search(r"\b(?:was|were|been|be|being|fue|fueron)\s+$", before, I)
        # (a word that modifies a noun: "recommended timing", "policing tasks")
        and not re.search(r"\b(?:the|a|an|or|and|y|o|\w+ing)\s+$", before, I)
        and not PUBLIC_BODY.search(before)
        and not re.search(r"\b(?:you|we|i|it|people|usted|ustedes)\b", before, I)
        and not PAST_DATE.search(text, opening, hit.end)
        and not PAST_DONE.search(text, opening, hit.end)
        and (0 < len(before.split()) <= 25 or _subject_left_out(text, verb, opening))
    )


def _subject_left_out(text: str, verb: str, opening: int) -> bool:
    """A Spanish report leaves out a subject it has named ("Asimismo, pidieron abrir..."): a
    request verb in the third person plural with nothing before it is the writers' when the
    sentences just before name them ("Las organizaciones enviaron una carta...")."""
    return bool(
        re.fullmatch(r"[a-záéíóúñ]{3,}(?:aron|ieron|an|en)", verb, I)
        and WRITERS.search(text, max(0, opening - 600), opening)
    )


def _to_readers(text: str, hit: Found) -> bool:
    """Whether an ask is put to the letter's readers or supporters, not its addressee: its
    action is a supporter's ("sign the petition", "join us", "sumarse a la campaña") or its
    actor the readers ("we urge your organization to", "invitamos a la sociedad civil a")."""
    action = text[hit.cue_end : hit.end] if hit.cue_end > hit.start else text[hit.start : hit.end]
    action = re.sub(r"^\s*(?:to|a)\s+", "", action, flags=I)
    if re.fullmatch(r"\s*(?:you|usted|ustedes|le|les|a\s+ustedes?)\s*", hit.actor, I):
        return False  # the addressee asked to join: "we are asking you to join us in opposing"
    # (its sentence may open with a supporter's purpose: "To add your organisation to the list,
    # please write to...", "Para sumarse a esta carta, envíe...")
    opening = re.split(r"[.!?\n]", text[max(0, hit.start - 200) : hit.start])[-1]
    purpose = re.match(r"\s*(?:to|in\s+order\s+to|para|si\s+desea)\s+(.+)", opening, I | re.S)
    return bool(
        SUPPORTERS_ACT.match(text[hit.start : hit.end])
        or SUPPORTERS_ACT.match(action)
        or (hit.actor and READERS.match(hit.actor))
        or (purpose and SUPPORTERS_ACT.match(purpose.group(1)))
    )


def _own_duty(text: str, m: re.Match) -> bool:
    """ "Debemos reunir...", "we must keep...": the writers' duty to themselves, no request (as
    lexicon.MODAL_NOT_ASK reads "we must" for the strict rules)."""
    return bool(
        re.fullmatch(r"deb(?:emos|eríamos|eremos)|tenemos\s+que", m.group(0), I)
        or re.search(
            r"\b(?:we|i|nosotr[oa]s)\s+(?:\w+\s+)?$", text[max(0, m.start() - 30) : m.start()], I
        )
    )


# the writers reported saying that a thing is needed: "señalaron que", "insistieron en que"
REPORTED_SAYING = re.compile(
    r"\b((?:señal|indic|afirm|plante|expres|insist|subray|destac|manifest|reiter|consider)"
    r"(?:aron|ó|an|a)|(?:sostuv|advirt)(?:ieron|o|ió))\s+(?:en\s+)?que\s+",
    I,
)
NEEDED = re.compile(r"(?:is|are)\s+(?:urgently\s+|also\s+)?needed$", I)


def _possible_action(
    text: str, hit: Found, cues: list[re.Match], opening: int | None = None
) -> Found:
    """Where a possible ask's action starts and who it names, so that its title is an
    imperative as a drafted ask's is: "X urged the governor to reopen" titles "Reopen", "X must
    come first" "Ensure X comes first", "more nurses are needed" "Provide more nurses". With
    ``opening`` (where the sentence starts, in a report with no salutation), a request it
    reports in its main clause is marked to be drafted (``reported``)."""
    if not cues:
        return hit  # an item or an instruction: the passage is its action
    cue = cues[0]  # (a request before a need)
    sentence = text[hit.start : hit.end]
    at = cue.start() - hit.start
    if POSSIBLE_REQUEST.fullmatch(cue.group(0)):
        reported = opening is not None and _reports_a_request(text, hit, cue, opening)
        if reported:
            hit.why = f'says "{_folded(cue.group(0))}" (a request the passage reports)'
        if re.search(r"\b(?:for|that|que)$", cue.group(0), I):
            return Found(hit.start, hit.end, hit.why, cue.end(), reported=reported)
        actor, action_at = _actor_after_cue(sentence, cue.end() - hit.start)
        found = Found(hit.start, hit.end, hit.why, hit.start + action_at, actor)
        found.reported = reported
        return found
    said = REPORTED_SAYING.search(text, hit.start, cue.start()) if opening is not None else None
    if said and said.end() == cue.start():
        # a report's "Señalaron que es necesario un diálogo": the writers' need, if the sayer
        # is the writers (named, or left out after the sentences before named them)
        sayer = text[opening : said.start()]
        sayer = CONNECTIVES.sub("", re.sub(r"^[^,]{0,60},", "", sayer)).strip(" ,")
        if (
            bool(WRITERS.search(sayer)) and not PUBLIC_BODY.search(sayer)
            if sayer
            else _subject_left_out(text, said.group(1), opening)
        ):
            why = f'says "{_folded(said.group(0) + cue.group(0))}" (a need the passage reports)'
            found = _need_action(text, replace(hit, why=why), cue, sentence, at)
            found.reported = True
            return found
    return _need_action(text, hit, cue, sentence, at)


def _need_action(text: str, hit: Found, cue: re.Match, sentence: str, at: int) -> Found:
    """_possible_action for a need ("X must...", "more nurses are needed", "es necesario")."""
    subject = re.split(r"\b(?:that|que)\s|[,;:]", sentence[:at])[-1].strip()
    if NEEDED.search(cue.group(0)) and 0 < len(subject.split()) <= 6:
        # "deeper ambition is needed at EU level": provide the thing needed
        action = f"provide {_sentence_case(subject)}{text[cue.end() : hit.end]}"
        return Found(hit.start, hit.end, hit.why, cue.end(), action=action)
    for pattern in MODALS:
        if m := pattern.match(text, cue.start()):
            # (the action starts at the modal's verb)
            verb_at = m.end() - len(m.group(0).split()[-1])
            actor = _actor_before_modal(sentence, at)
            return Found(hit.start, hit.end, hit.why, verb_at, actor, True)
    return Found(hit.start, hit.end, hit.why, cue.end())


def possible_asks(
    text: str, body: list[Block], sure: list[DraftAsk], *, news: bool = False
) -> list[Found]:
    """Sentences and list items the rules left that carry a weaker sign of a request (a request
    word put to no one the rules know, a modal naming no one to act, an instruction's opening,
    an item under a lead-in or a recommendations heading): offered unticked, since a missed ask
    costs the officer typing it and a wrong one an untick. Strongest first, at most
    POSSIBLE_CAP; questions, headings, courtesies, dates and drafted passages are left out."""
    taken = [(a.start, a.end) for a in sure]
    scored: list[tuple[int, int, Found]] = []
    lead, weight = "", 0
    for block in body:
        block_text = _folded(text[block.start : block.end])
        if not block.item:
            if lead and _addressing(block_text):
                continue  # a sub-heading between a lead-in and its items ("B. To the Minister:")
            lead = ""
            if RECOMMENDATION_HEADINGS.match(block_text) and len(block_text.split()) <= 8:
                lead, weight = f'is in a section headed "{block_text.rstrip(":")}"', 2
                continue
        if (
            (_heading(block_text) and not (block.item and lead))  # (an item under a lead-in)
            or SUBJECT.match(block_text)
            or CLOSING.match(block_text)
            or not (block.item or re.search(r"[.!;:”\"]$", block_text))  # a headline
        ):
            continue
        spans = sentences_of(text, block.body_start, block.end)
        for i, (a, b) in enumerate(spans):
            sentence = _folded(text[a:b])
            if _opens_a_list(sentence) and not block.item and i == len(spans) - 1:
                # (a lead that asks gives its items more weight than "Frente a esto:")
                asking = any(p.search(sentence) for p in (POSSIBLE_REQUEST, POSSIBLE_NEED))
                short = sentence if len(sentence) <= 60 else sentence[:60].rsplit(" ", 1)[0] + "…"
                lead = f'is {"a list item" if asking else "an item"} after "{short}"'
                weight = 2 if asking or re.search(r"\b(?:to|a|que)\s*:$", sentence, I) else 1
            if (
                sentence.endswith(("?", ":"))
                or sentence.startswith("¿")
                or len(sentence.split()) < 5
                or COURTESY.search(sentence)
                or PAST_NEED.search(sentence)
                or re.search(r"\w@\w|https?://|www\.", sentence)
                or (find_date(sentence) and len(sentence.split()) <= 8)
                or any(a < end and start < b for start, end in taken)
            ):
                continue
            signals, at, cues = [], b, []
            for pattern, said in (
                (POSSIBLE_REQUEST, "but the rules found no one it is put to"),
                (POSSIBLE_NEED, "but names no one to act"),
            ):
                m = next((m for m in pattern.finditer(text, a, b) if not _own_duty(text, m)), None)
                if m:
                    signals.append((3, f'says "{_folded(m.group(0))}" {said}'))
                    at = min(at, m.start())
                    cues.append(m)
            opening = a
            if text.count(",", a, at) == 1:  # "Speaking to the press today, X urged...": from X
                a = text.index(",", a, at) + 1
                a += len(text[a:at]) - len(text[a:at].lstrip())
            if _imperative(sentence):
                signals.append((2, "opens like an instruction"))
            if block.item and lead and i == 0:  # (an item's later sentences argue for it)
                signals.append((weight, lead))
            if sum(w for w, _ in signals) >= 2:
                why = "possible: " + "; ".join(reason for _, reason in signals)
                found = Found(a, b, why, a, item=block.item)
                hit = _possible_action(text, found, cues, opening if news else None)
                scored.append((-sum(w for w, _ in signals), a, hit))
    reported = [hit for _, _, hit in scored if hit.reported]
    rest = [x for x in sorted(scored, key=lambda x: x[:2]) if not x[2].reported]
    return reported + [hit for _, _, hit in rest[:POSSIBLE_CAP]]


SUMMARY = 0.5  # a summary has at most this share of the fuller ask's content words...
SUMMED = 0.6  # ...and this share of its own words are the fuller ask's
SAME_ASK = 0.9  # the shorter of two passages of near length holds this much of the other's words
RESTATED = 0.5  # (held-out 1-36: with no restating word, 0.5-0.9 dropped 3-12 asks, all annotated)


RESTATING = re.compile(
    r"\b(?:again|once\s+(?:more|again)|reiterat\w*|for\s+(?:all\s+)?(?:of\s+)?(?:these|those|the\s+above)\s+"
    r"reasons|in\s+(?:conclusion|closing|sum)|to\s+conclude|to\s+sum\s+up|reiter\w+|nuevamente|de\s+nuevo|"
    r"una\s+vez\s+más|por\s+(?:todo\s+)?(?:lo\s+anterior|estas\s+razones|todo\s+ello)|en\s+conclusión)\b",
    I,
)


def _first_statements(asks: list[DraftAsk]) -> list[DraftAsk]:
    """A later passage that restates an earlier one ("Again, we urge you to...", a closing
    that repeats the letter's ask, a title the body restates) is left out: the first full
    statement is the ask. Restated: most of its content words (RESTATED) are the earlier's."""
    kept: list[tuple[DraftAsk, set[str]]] = []
    for ask in asks:
        words = set(stems(ask.text))
        if not RESTATING.search(ask.text) or not any(
            len(words) >= 3 and len(words & earlier) >= RESTATED * len(words) for _, earlier in kept
        ):
            if any(
                # (the same ask said twice, a summary line then the body's: nearly all words)
                min(len(words), len(earlier)) >= 5
                and len(words & earlier) >= SAME_ASK * min(len(words), len(earlier))
                and min(len(words), len(earlier)) >= 0.6 * max(len(words), len(earlier))
                for _, earlier in kept
            ):
                continue
            kept.append((ask, words))
    return [ask for ask, _ in kept]


def _summaries(asks: list[DraftAsk]) -> list[DraftAsk]:
    """The asks that sum up a fuller one of the same letter, before or after it ("Demand more
    information." beside "Congress should demand more information about the signing of..."; a
    news lede's "solicitaron el apoyo del diputado" beside the letter's own request): at most
    half its content words, most of them the fuller ask's. The officer keeps the fuller one;
    the summary is offered unticked."""
    words = [set(stems(a.text)) for a in asks]
    return [
        ask
        for ask, mine in zip(asks, words, strict=True)
        if len(mine) >= 2
        and any(
            other is not ask
            and len(mine) <= SUMMARY * len(theirs)
            and len(mine & theirs) >= SUMMED * len(mine)
            for other, theirs in zip(asks, words, strict=True)
        )
    ]


def _item_headings(text: str, asks: list[DraftAsk]) -> list[DraftAsk]:
    """A list item's short first sentence that heads the fuller ask after it ("1. Defund the
    agreements. The subcommittees should include the following language..."): the heading
    sums the item up; the sentence after it is the ask."""
    headings = []
    for ask, after in zip(asks, asks[1:], strict=False):
        line = text[text.rfind("\n", 0, ask.start) + 1 : ask.start]
        if (
            re.fullmatch(r"\s*(?:\d{1,2}[.)]|[a-z][.)]|[-*•●▪])\s*", line)
            and len(ask.text.split()) <= 6
            and ask.text.endswith(".")
            and not text[ask.end : after.start].strip(" \t")  # (the same line: the item's)
            and len(after.text.split()) >= 2 * len(ask.text.split())
            and ask not in headings
        ):
            headings.append(ask)
    return headings


def load_word_lists() -> None:
    """Load simplemma's English and Spanish word lists now. Loading them takes about a second,
    once a process, on the first title that needs them; the Add a letter page calls this in the
    background when it opens, so the first letter a person drafts does not wait for them."""
    for word, language in (("held", "en"), ("rinda", "es")):
        _lemma(word, language)


def draft_letter(
    db: Database | None,
    text: str,
    *,
    url: str | None = None,
    title_hint: str = "",
    also: tuple[tuple[int, int], ...] = (),
) -> Draft:
    """Draft the letter's details and its asks from ``text``. Reads the tracker (values in use,
    repeat suggestions) when ``db`` is given; never writes. ``also``: spans of ``text`` (from
    passages_of) the officer picked as asks the rules missed, drafted as asks all the same."""
    in_use = values_in_use(db) if db is not None else InUse([], [], [], [], {})
    parts = parts_of(text, blocks_of(text))
    lines = [_folded(line) for b in parts.header for line in text[b.start : b.end].split("\n")]
    # a heading's bullets and claims ("● Twenty-two organisations ... call on the President
    # to...", "X should...") summarise the letter: no line of theirs names its addressee
    summary = {
        _folded(line)
        for b in parts.header
        if b.item
        or any(
            p.search(_folded(text[b.start : b.end])) for p in MODALS + ASK_CUES + THIRD_PERSON_CUES
        )
        and not SUBJECT.match(text[b.start : b.end])
        for line in text[b.start : b.end].split("\n")
    }
    # a memo-style heading ("To: ...", "From: ...", "Para: ...") says who is who in so many words
    memo: list[tuple[str, str]] = []
    header_lines = []  # (the other lines)
    for line in filter(None, lines):
        field_line = MEMO.match(line) or MEMO_ALONE.match(line)
        if SUBJECT.match(line):  # "Re:" stays a heading line: it gives the title
            header_lines.append(line)
        elif field_line:  # "To: the office", or "To:" alone with the office on the lines below
            memo.append((field_line.group(1).lower(), (field_line.groups() + ("",))[1]))
        elif memo and not memo[-1][1]:
            memo[-1] = (memo[-1][0], line)
        elif memo and memo[-1][0] in MEMO_TO and not find_date(line):
            memo.append((memo[-1][0], line))
        else:
            header_lines.append(line)
    memo_to = [value.rstrip(" ,") for name, value in memo if name in MEMO_TO]
    memo_from = [value for name, value in memo if name in MEMO_FROM]
    salutation = text[parts.salutation.start : parts.salutation.end] if parts.salutation else ""
    body_text = " ".join(text[b.start : b.end] for b in parts.body)
    signature_lines = [line for b in parts.signature for line in text[b.start : b.end].split("\n")]
    language = language_of(body_text or text)

    date = (
        find_date("\n".join(value for name, value in memo if name in {"date", "fecha"}))
        or find_date("\n".join(header_lines))
        or find_date("\n".join(signature_lines))
        or find_date(text[:300])
    )
    subject = next(filter(None, map(SUBJECT.match, header_lines)), None)
    dated = next((i for i, line in enumerate(header_lines) if find_date(line)), None)
    after_date = header_lines[dated + 1 :] if dated else []
    # the sender's letterhead, the date, then the addressee: the lines before the date are the
    # sender's ("United States Senate", a street address, a title)
    addressed = any(HONORIFIC.match(line) or OFFICE_WORDS.search(line) for line in after_date)
    recipient_lines = [
        re.sub(
            r"^(?:(?:to|para|a)\s*:?\s+(?=[A-ZÁÉÍÓÚ])|(?i:to\s+(?=the\s+hon)))", "", _unshout(line)
        ).rstrip(" ,")
        for line in (after_date if addressed else header_lines)
        if not find_date(line)
        and not SUBJECT.match(line)
        and not ADDRESS.search(line)
        and len(line.split()) <= 24
        and not re.match(r"^(?:[IVX]+|\d+)\.\s", line)  # a numbered section heading
        and not TITLE_LINE.search(line)  # the letter's own title, or "PDF version"
        and not (len(line.split()) >= 6 and line.endswith("."))  # a sentence (a subtitle)
        and line not in summary  # (heading lines are folded already)
    ]
    recipient_lines = list(dict.fromkeys(recipient_lines))  # (a line twice is one addressee)
    if parts.salutation is None and not memo_to:
        # no "Dear...": only a line that names an office or a person with a title is the
        # addressee (the others are the title, a subtitle, a place)
        recipient_lines = [
            line for line in recipient_lines if HONORIFIC.match(line) or OFFICE_WORDS.search(line)
        ]
    letterhead = ""
    if (
        recipient_lines
        and ORG.search(recipient_lines[0])
        and not HONORIFIC.match(recipient_lines[0])
        and len(recipient_lines) > 1
    ):
        letterhead = recipient_lines.pop(0)
    if memo_to:
        recipient_lines = [
            line.strip()
            for value in memo_to
            for part in value.split(";")
            for line in _person_then_office(part)
        ]
    person, office = _recipients(recipient_lines, salutation)
    if not person and not office:
        # "Open letter to the Secretary-General of the United Nations, on...": the title names
        # the addressee when no heading line does
        named = next(filter(None, (LETTER_TO.search(line) for line in header_lines)), None)
        office = _unshout(named.group(1)).strip(" ,.-") if named else ""
    signatories = _signatories(signature_lines)
    if not signatories and (memo_from or letterhead):
        signatories = [memo_from[0] if memo_from else letterhead]
    addressee = " ".join(x for x in (office, person) if x)
    addressee_target = (  # (match_value finds nothing for an empty phrase)
        match_value(office, in_use.targets)
        or match_value(addressee, in_use.targets)
        or _clean_actor(office.split(",")[0] if office else person)
    )
    addressee_countries = set(countries_named(addressee))
    letter_countries = (
        countries_named(body_text)
        + countries_named(addressee)
        + countries_named(" ".join(header_lines))
    )
    elsewhere = Counter({c: n for c, n in letter_countries.items() if c not in addressee_countries})

    found: list[Found] = []
    lead: Found | None = None
    # a "Recommendations" heading opens a section: its sub-headings ("Constitution and national
    # laws") keep it open, and its items are asks until a paragraph of prose closes it
    section: Found | None = None
    previous = ""
    describing = False  # the items below a lead-in that describes them ("would:") ask nothing
    body, unmarked_leads = _unmarked_items(text, parts.body)
    for k, (block, following) in enumerate(zip(body, [*body[1:], None], strict=False)):
        block_text = text[block.start : block.end]
        if SUBJECT.match(block_text):  # a "Re:" line names the letter's subject, asks nothing
            continue
        if EPIGRAPH.match(block_text):
            continue  # another's words set apart with their speaker: a motto, not a request
        if not text[: block.start].strip() and _news_headline(block_text):
            # a news page's headline reports the request the text goes on to make; one the
            # text never makes again is the only place it is said, an ask
            hit = _unrestated_headline(text, block, body[k + 1 :])
            if hit:
                found.append(hit)
            continue
        if (
            k == 0
            and parts.salutation is None
            and not block.item
            and len(block_text.split()) <= 10
            and not re.search(r"[.!?;:,]\s*$", block_text)
            and not any(p.search(block_text) for p in ASK_CUES + MODALS)
            and following is not None
        ):
            continue  # a page's or petition's title: "Fight corruption in the ports"
        after = text[following.start : following.end] if following else ""
        if (_heading(block_text) or _heading(block_text + "\n" + after)) and not (
            # (a numbered action in title case is a recommendation: "1. Restore a Fair System";
            # an item under a lead-in is one, whatever its case)
            block.item and (lead or _imperative(text[block.body_start : block.end]))
        ):  # "EXIGIMOS RESPUESTA", "Groups Urge the Minister to Act"
            continue
        # (a sub-heading naming the items' addressee may come between: "A. To the Minister:")
        list_follows = following is not None and (
            following.item or (_addressing(after) and k + 2 < len(body) and body[k + 2].item)
        )
        if not block.item:
            if lead and _addressing(block_text):
                continue  # a sub-heading between a lead-in and its items keeps the lead
            lead = None
            last = block_text.rstrip()
            describing = bool(
                list_follows
                and DESCRIBING_LEAD.search(last[-200:])
                and not any(p.search(last.split(".")[-1]) for p in ASK_CUES + MODALS)
            ) or bool(list_follows and REASONS_LEAD.search(last[-160:]))
            if RECOMMENDATION_HEADINGS.match(block_text) and len(block_text.split()) <= 8:
                lead = section = Found(
                    block.start, block.end, _folded(block_text).rstrip(":"), block.end
                )
                continue
            if section and _sub_heading(block_text):
                lead = section
                continue
            section = None
        spans = sentences_of(text, block.body_start, block.end)
        for i, (a, b) in enumerate(spans):
            sentence = text[a:b]
            # the subject of "They urge..." is in the last sentence that names one
            earlier = previous
            if not CARRIES_SUBJECT.match(sentence) or WRITERS.search(sentence[:200]):
                previous = sentence
            if (
                not block.item
                and list_follows
                and i == len(spans) - 1
                and _opens_a_list(sentence)
                and (NAMES_REQUESTS.search(sentence) or POSSIBLE_REQUEST.search(sentence))
                and not REASONS_LEAD.search(sentence[-160:])
            ):
                # "Their requests are as follows:", "solicitó al Estado que:": the list is asks
                lead = Found(a, b, _folded(sentence).rstrip(":"), b)
                own = OWN_ACTION_THEN_LIST.search(text, a, b)
                hit = own and _find_in_sentence(
                    text, a, own.start(), item=False, lead=None, earlier=earlier
                )
                if hit and len(text[hit.cue_end : own.start()].split()) >= 3:
                    # "We urge you to use this session to look ahead and:" asks an action of its
                    # own before its items add theirs
                    found.append(hit)
                continue
            modal_lead = MODAL_LEAD.search(sentence) if not block.item and list_follows else None
            if modal_lead and i == len(spans) - 1 and not describing:
                # "Our lawmakers should:": each item below is what they should do
                actor = _actor_before_modal(sentence, modal_lead.start())
                lead = Found(a, b, _folded(sentence).rstrip(":"), b, actor)
                continue
            listed = _listed_inline(text, a, b) if not block.item else []
            if listed:
                found.extend(listed)
                continue
            clauses = _cue_clauses(text, a, b) if not block.item else [(a, b)]
            for a2, b2 in clauses:
                hit = _find_in_sentence(
                    text,
                    a2,
                    b2,
                    item=block.item and i == 0,
                    lead=lead if block.item else None,
                    context=text[a:a2],
                    earlier=earlier,
                    described=block.item and describing,
                )
                if hit is None:
                    continue
                if hit.modal and any(
                    TEXT_DESCRIBED.search(text[x:y]) for x, y in spans[max(0, i - 3) : i]
                ):
                    # "Certain elements of the proposal are an improvement. Member states must
                    # be elected by absolute majority": what the text lays down, no request
                    continue
                if (
                    not block.item
                    and i == len(spans) - 1
                    and not REASONS_LEAD.search(sentence[-160:])
                    and (
                        _opens_a_list(sentence)
                        or (list_follows and (LEADS_IN.search(sentence) or k in unmarked_leads))
                    )
                ):
                    # "We urge you to:" (or "...to" before a list) leads it: its items are the asks
                    lead = Found(a, b, _folded(text[a : hit.cue_end]).rstrip(":"), b, hit.actor)
                    own = OWN_ACTION_THEN_LIST.search(text, hit.cue_end, b)
                    if own and len(text[hit.cue_end : own.start()].split()) >= 3:
                        found.append(replace(hit, end=own.start()))  # (as above)
                    continue
                found.extend(_split(text, hit))

    found = _summary_asks(text, parts.header, found) + found
    for a, b in also:  # picked by the officer: the rules' reading of it if any, its whole span
        hit = _find_in_sentence(text, a, b, item=False, lead=None) or Found(a, b, PICKED, a)
        hit.start, hit.end, hit.why = a, b, PICKED
        found.append(hit)
    seen: set[str] = set()
    cache = RepeatCache()  # the suggestions for all this letter's passages share their lookups

    def drafted(hit: Found, sure: bool = True) -> DraftAsk | None:
        # a quoted request ends at its closing quote: the attribution after it is the reporter's
        quoted = re.match(r"[“\"«][^”\"»]{10,}[”\"»](?=\s*,)", text[hit.start : hit.end])
        hit.end = hit.start + quoted.end() if quoted else hit.end
        passage = _folded(text[hit.start : hit.end])
        # a short directive of its own ("Please use them.") is an ask; a short piece is not
        if fold(passage) in seen:
            return None  # (a page that repeats a paragraph makes its ask once)
        if _to_readers(text, hit) or (
            len(passage.split()) <= 20 and PAGE_FURNITURE.search(passage)
        ):
            return None  # put to the readers ("Please sign", "join us"), or the page's furniture
        seen.add(fold(passage))
        whole = passage[:1].isupper() and passage.endswith((".", "!"))
        # (a cue and its object that end the sentence are a demand of their own: "le exigimos
        # respeto."; a short piece cut from a longer request is not)
        own = (passage.endswith((".", "!")) and hit.cue_end > hit.start) or _imperative(passage)
        if len(passage.split()) < (
            1
            if whole and _imperative(passage)
            else 2
            if whole or _imperative(passage)
            else 3
            if own
            else 4
        ):
            return None
        title = _title(text, hit)
        actor = hit.actor if hit.actor and not YOU.match(hit.actor.strip()) else ""
        if actor and _is_actor(actor):
            target = match_value(actor, in_use.targets) or _clean_actor(actor)
            target_why = f'the passage names "{_folded(actor)}"'
        else:
            target = addressee_target
            target_why = "the letter's addressee"
        theme, theme_why = choose_theme(passage, in_use)
        named = countries_named(passage)
        if set(named) - addressee_countries:
            # the addressee's own country acts ("we urge Canada to suspend its support for the
            # mine in Guatemala"): the ask is about the other country it names
            named = Counter({c: n for c, n in named.items() if c not in addressee_countries})
        elif named and elsewhere:
            # only the addressee's country is named, as the actor ("Export Development Canada
            # review its support"), in a letter about another country: that country
            named = Counter()
        if named:
            country = _main_country(
                Counter({c: 2 * n + letter_countries.get(c, 0) for c, n in named.items()})
            )
        elif (of_target := countries_named(target)) and not (
            set(of_target) <= addressee_countries and elsewhere
        ):
            country = of_target.most_common(1)[0][0]
        elif letter_countries:
            country = _main_country(elsewhere or letter_countries)
        else:
            country = in_use.countries[0] if len(in_use.countries) == 1 else ""
        country = next((c for c in in_use.countries if fold(c) == fold(country)), country)
        repeats = suggest_repeats(db, f"{title}. {passage}", cache=cache) if db is not None else []
        return DraftAsk(
            passage,
            hit.start,
            hit.end,
            title,
            target,
            theme,
            country,
            hit.why,
            target_why,
            theme_why,
            repeats,
            sure=sure,
        )

    asks = _first_statements([a for a in map(drafted, found) if a])
    # a request a passage reports in its main clause is an ask of a report with no salutation
    # (news of a letter, a statement); in a letter to its addressee it is another's, context
    weaker = possible_asks(text, parts.body, asks, news=parts.salutation is None)
    # (a report that restates an ask drafted already, "X solicitó..." after "Solicitamos...",
    # is the same ask: _first_statements keeps the first)
    asks = _first_statements(
        asks + [a for h in weaker if h.reported for p in _split(text, h) if (a := drafted(p))]
    )
    possible = [a for h in weaker if not h.reported and (a := drafted(h, False))]
    carried = [a for a in possible if _continues_the_writers(text, a, asks)]
    for ask in carried:
        said = ask.why.removeprefix("possible: ").split(" but ")[0].split(";")[0]
        ask.sure, ask.why = True, f"{said}; {CONTINUES}"
    asks = sorted(asks + carried, key=lambda a: a.start)
    summaries = _summaries(asks)
    summaries += [a for a in _item_headings(text, asks) if all(a is not b for b in summaries)]
    for ask in summaries:
        ask.sure, ask.why = False, f"possible: {ask.why} {SUMS_UP}"
    asks = [a for a in asks if a.sure]
    possible = summaries + [a for a in possible if not a.sure]
    _prefill(asks)
    letter_title = (subject.group(1).strip() if subject else "") or title_hint.strip()
    if not letter_title and parts.salutation is None and header_lines:
        first = header_lines[0]
        if len(first.split()) >= 4 and not find_date(first) and not HONORIFIC.match(first):
            letter_title = first
    if not letter_title:
        to = office.split(",")[0] if office and not HONORIFIC.match(person or "x") else ""
        to = to or person or office.split(",")[0]
        letter_title = f"Letter to {to}" if to else "Letter"
        if date:
            letter_title += f", {date}"
    return Draft(
        title=letter_title[:200],
        date=date,
        author_org=signatories[0] if signatories else "",
        cosigners=signatories[1:],
        recipient_person=person,
        recipient_office=office,
        language=language,
        full_text=text,
        url=url,
        asks=asks,
        possible=possible,
    )


CONTINUES = "its 'they' or 'it' is the writers or their letter, named just before"
SUMS_UP = "but it sums up a fuller ask of the letter"
# "They also ask him to...", "It asks for...": a request whose subject is a pronoun
PRONOUN_REQUEST = re.compile(
    r"(?:they|it|she|he|ell[oa]s?)\s+(?:(?:also|further|then|too|además|también)\s+)?"
    r"(?:ask|call|urge|request|demand|press|recommend|appeal|insist|pid|exig|solicit|"
    r"reclam)\w*\b",
    I,
)


def _continues_the_writers(text: str, ask: DraftAsk, asks: list[DraftAsk]) -> bool:
    """A possible ask whose subject is a bare pronoun is the writers' own when the sentence
    just before it is the writers' ask or names the writers or their letter as its subject
    ("The letter describes... It asks for..."): in a report of a letter, "they" and "it" carry
    the last subject named, so these are as sure as the sentence they follow."""
    if not PRONOUN_REQUEST.match(ask.text):
        return False
    before = text[: ask.start].rstrip()
    ends = [m.end() for m in re.finditer(r"[.!?][\"”’)]*\s|\n\s*\n", before[:-1])]
    opening = ends[-1] if ends else 0
    if any(opening <= a.end <= ask.start and a.sure for a in asks):
        return True
    subject = " ".join(before[opening:].split()[:6])
    return bool(WRITERS.search(subject)) and not PUBLIC_BODY.search(subject)


PICKED = "was picked by the officer"  # the why of a passage drafted because it was picked


def passages_of(text: str) -> list[tuple[int, int]]:
    """The body's sentences and list items as (start, end) spans of ``text``: what an officer
    may pick as an ask the draft missed (draft_letter's ``also``). A list item is one passage,
    as the drafter takes it; a line of one or two words (a heading) is none."""
    spans = []
    for block in parts_of(text, blocks_of(text)).body:
        if block.item:
            pieces = [(block.body_start, block.end)]
        else:
            pieces = sentences_of(text, block.body_start, block.end)
        spans += [(a, b) for a, b in pieces if len(text[a:b].split()) >= 3]
    return spans
