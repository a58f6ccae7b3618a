"""Words of a text as the drafting rules and the repeat suggestions compare them: its language
(English or Spanish, by common words), content words without stopwords, and Snowball stems,
so "releasing" meets "release" and "liberación" meets "liberar"."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

from tracker.lexicon import GLOSSARY, SAME_THING, STOPWORDS, words_of

_EN = set(
    words_of(
        "the and of to in that we you for with on this is are be by our as have has not it will "
        "should must urge your from which their these"
    )
)
_ES = set(
    words_of(
        "el la los las de del que y en por para con una un su sus es son se al nos le les como "
        "más sobre este esta instamos solicitamos debe"
    )
)
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def language_of(text: str) -> str:
    """ "es" or "en": whichever language's most common words the text uses more."""
    tokens = WORD.findall(text.lower())
    en = sum(t in _EN for t in tokens)
    es = sum(t in _ES for t in tokens)
    return "es" if es > en else "en"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_fold_word = lru_cache(maxsize=200_000)(_fold)


def fold(text: str) -> str:
    """Lower case without accents, as the full-text index compares words (a word's fold kept)."""
    return _fold_word(text) if len(text) < 40 else _fold(text)


_STEMMERS = {"es": snowballstemmer.stemmer("spanish"), "en": snowballstemmer.stemmer("english")}


@lru_cache(maxsize=100_000)
def stem(word: str, language: str) -> str:
    return fold(_STEMMERS["es" if language == "es" else "en"].stemWord(word.lower()))


def content_words(text: str) -> list[str]:
    """Words of three letters or more that are not stopwords, in order, lower case."""
    return [
        w
        for w in (t.lower() for t in WORD.findall(text))
        if len(w) >= 3 and w not in STOPWORDS and fold(w) not in STOPWORDS
    ]


def stems(text: str, language: str | None = None, bridge: bool = False) -> dict[str, str]:
    """Stem -> the first word that gave it. With ``bridge``, Spanish words also bring their
    English counterparts from the glossary (a letter in one language can repeat an ask first
    written in the other)."""
    language = language or language_of(text)
    found: dict[str, str] = {}
    for word in content_words(text):
        key = stem(word, language)
        if len(key) >= 3:
            found.setdefault(key, word)
        if bridge:
            for other, other_language in _BRIDGES.get(word, ()):
                for part in other.split("-"):
                    found.setdefault(stem(part, other_language), other)
    return found


# a word's counterparts in the other language: an English word's Spanish ones, or a Spanish
# word's English one (a word in the glossary as Spanish is taken as Spanish)
_BRIDGES: dict[str, list[tuple[str, str]]] = {}
for _es, _en in GLOSSARY.items():
    _BRIDGES.setdefault(_en, []).append((_es, "es"))
_BRIDGES |= {es: [(en, "en")] for es, en in GLOSSARY.items()}


_SAME = [(re.compile("|".join(re.escape(_fold(n)) for n in group)), group) for group in SAME_THING]


def with_other_names(text: str) -> str:
    """The text and, after it, the other names of anything it names (lexicon.SAME_THING): "the
    Bicentennial Framework" also brings "Mérida Initiative" to a repeat search."""
    folded = _fold(text)
    extra = [name for pattern, group in _SAME if pattern.search(folded) for name in group]
    return f"{text}. {'. '.join(extra)}" if extra else text
