"""Jeg-form grammar helpers: tokens, quotes, sentences, clauses, nouns and verbs."""

from __future__ import annotations

from dataclasses import dataclass

from samtale.jegform.lexicon import (
    ADJECTIVES,
    BOUNDARY,
    BULLETS,
    COMMON,
    FEMALE_NAMES,
    FINITE,
    LIGHT,
    MALE_NAMES,
    NEUTER,
    NOT_FINITE,
    OTHERS,
    OWN,
    PLURAL,
    QUOTE_PAIRS,
    SINGLE_QUOTES,
    SPLIT,
    STRIP_FIRST,
)

# --- Tokens, quotes, sentences, clauses ----------------------------------------------------------


@dataclass(eq=False)
class Word:
    text: str
    low: str
    tok: int  # index into the token list
    pos: int  # position in the whole text (the token index; the order is what counts)
    start: bool  # first word of a sentence, or right after a colon, bullet, "(" or tag
    kind: str = "word"  # word | punct | quote (a whole quotation stands in as one word)
    end: int = -1  # last token this word covers ("Karin Sørensen", "Jens'")


@dataclass
class Ref:
    who: str  # res | other | thing
    gender: str | None
    pos: int
    sent: int
    coord: bool = False  # the resident and someone else ("Han og hans bror")


@dataclass
class Segment:
    conn: str | None
    words: list[Word]


def quoted_positions(tokens: list[str]) -> set[int]:
    """Indices of the tokens inside a quotation, quote marks included."""
    inside: set[int] = set()
    i = 0
    while i < len(tokens):
        j = _closing(tokens, i)
        if j is None:
            i += 1
            continue
        inside.update(range(i, j + 1))
        i = j + 1
    return inside


def _closing(tokens: list[str], i: int) -> int | None:
    close = QUOTE_PAIRS.get(tokens[i])
    if close is None or (tokens[i] in SINGLE_QUOTES and not _opens(tokens, i)):
        return None
    for j in range(i + 1, min(len(tokens), i + 1000)):
        if tokens[j] == close and (close not in SINGLE_QUOTES or not _letter_at(tokens, j + 1)):
            return j
    if close in SINGLE_QUOTES:
        return None
    # An unclosed double quote runs to the end of its line.
    return next((j - 1 for j in range(i + 1, len(tokens)) if "\n" in tokens[j]), len(tokens) - 1)


def _opens(tokens: list[str], i: int) -> bool:
    before = tokens[i - 1] if i else " "
    return (before.isspace() or before in "([:—–") and not _space_at(tokens, i + 1)


def _letter_at(tokens: list[str], i: int) -> bool:
    return i < len(tokens) and tokens[i][0].isalnum()


def _space_at(tokens: list[str], i: int) -> bool:
    return i >= len(tokens) or tokens[i].isspace()


def _ends_sentence(tokens: list[str], i: int) -> bool:
    if i + 1 >= len(tokens):
        return True
    if not tokens[i + 1].isspace():
        return False
    return i + 2 >= len(tokens) or not tokens[i + 2][0].islower()


def split_sentences(tokens: list[str], quoted: set[int]) -> list[list[Word]]:
    sentences: list[list[Word]] = [[]]
    fresh = True
    for i, tok in enumerate(tokens):
        current = sentences[-1]
        if i in quoted:
            if i - 1 not in quoted:
                current.append(Word('"', '"', i, i, False, "quote", i))
            fresh = False
        elif tok[0].isalnum():
            current.append(Word(tok, tok.lower(), i, i, fresh, end=i))
            fresh = False
        elif ("\n" in tok or (tok in ".!?…" and _ends_sentence(tokens, i))) and current:
            sentences.append([])
            fresh = True
        elif tok in BOUNDARY:
            current.append(Word(tok, tok, i, i, False, "punct", i))
        fresh = fresh or tok in BULLETS or tok in "(" or tok.startswith("<")
    return [s for s in sentences if s]


def split_segments(words: list[Word]) -> list[Segment]:
    """Clauses, roughly: split at commas and the like and at conjunctions."""
    segments = [Segment(None, [])]
    finite_seen = False
    for w in words:
        current = segments[-1]
        splits = w.low in SPLIT or (w.low in ("og", "eller") and finite_seen)
        if w.kind == "punct" or (splits and current.words):
            segments.append(Segment(w.low, []))
            finite_seen = False
        elif not current.words and w.low in STRIP_FIRST:
            current.conn = w.low
        else:
            current.words.append(w)
            finite_seen = finite_seen or is_finite(w)
    return segments


def is_finite(w: Word) -> bool:
    """A finite verb, by a short list and the present (-er) and past (-ede) endings."""
    low = w.low
    if w.kind != "word" or low in NOT_FINITE or _noun(low) or (w.text[0].isupper() and not w.start):
        return False
    return low in FINITE or (len(low) > 3 and low.endswith(("er", "ede")))


def _noun(low: str) -> bool:
    return (
        low in NEUTER
        or low in COMMON
        or low in PLURAL
        or low in OTHERS
        or low in FEMALE_NAMES
        or low in MALE_NAMES
    )


def _gender(noun: str) -> str:
    """c (common), n (neuter) or p (plural), from the lexicon, the compound's last part or the
    plural ending of a known noun; common gender when nothing is known."""
    if noun in NEUTER:
        return "n"
    for k in range(len(noun) - 2):
        part = noun[k:]
        for lexicon, gender in ((PLURAL, "p"), (NEUTER, "n"), (COMMON, "c")):
            if part in lexicon:
                return gender
        if _plural_of_known(part):
            return "p"
    return "c"


def _plural_of_known(word: str) -> bool:
    stems = [word[:-2], word[:-1]] if word.endswith("er") else [word[:-1]] * word.endswith("e")
    stems += [s[:-1] for s in stems if len(s) > 2 and s[-1] == s[-2]]
    return any(len(s) > 2 and (s in NEUTER or s in COMMON) for s in stems)


def possessive_form(words: list[Word], i: int) -> str:
    """min, mit or mine for the noun after the possessive at words[i]."""
    for w in words[i + 1 : i + 4]:
        if w.kind != "word":
            break
        if w.low in OWN:
            return OWN[w.low]
        if w.low not in ADJECTIVES:
            return {"c": "min", "n": "mit", "p": "mine"}[_gender(w.low)]
    return "min"


def noun_after(words: list[Word], i: int) -> int | None:
    for j in range(i + 1, min(i + 4, len(words))):
        if words[j].kind != "word":
            return None
        if words[j].low not in ADJECTIVES and words[j].low not in OWN:
            return j
    return None


def verb_follows(words: list[Word], h: int) -> bool:
    j = h + 1
    while j < len(words) and words[j].low in LIGHT:
        j += 1
    return j < len(words) and is_finite(words[j])


def coordinated_heads(words: list[Word], h: int) -> list[int]:
    """The second conjunct of a subject like "Beboeren og kontaktpersonen har ..."."""
    if h + 2 >= len(words) or words[h + 1].low not in ("og", "eller"):
        return []
    for f in range(h + 2, min(h + 6, len(words))):
        if words[f].kind != "word":
            return []
        if f > h + 2 and is_finite(words[f]):
            return list(range(h + 2, f))
    return []
