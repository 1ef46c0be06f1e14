"""Jeg-form: check Danish text and suggest a first-person rewrite.

Text written about the resident ("Beboeren ønsker ...", "Hun vil ...", "Karin har ...") or to
the resident ("Du skal ...") is rewritten in the resident's own voice ("Jeg ..."). Rule-based,
no Flask, no model: the rules, their limits and the corpus accuracy are in docs/jegform.md.

    check(text, names=("Karin",))  -> Check(flagged, suggestion, reason)
    rewrite(text, names=())        -> the suggestion, or the text unchanged
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from samtale.i18n import gettext as _


@dataclass(frozen=True)
class Check:
    flagged: bool  # the text is about or to the resident and a rewrite is offered
    suggestion: str | None  # the first-person rewrite, None when nothing needs changing
    reason: str  # a short Danish hint for the contact person, '' when not flagged


def check(text: str | None, names: Iterable[str] = ()) -> Check:
    """Check `text`; `names` are the resident's name parts ("Karin", "Sørensen")."""
    text = _as_text(text)
    result, flag = _Rewriter(text, _name_parts(names)).run()
    if result == text or flag is None:
        return Check(False, None, "")
    return Check(True, result, _reason(*flag))


def rewrite(text: str | None, names: Iterable[str] = ()) -> str:
    """The first-person suggestion for `text`, or `text` unchanged ('' for None)."""
    return _Rewriter(_as_text(text), _name_parts(names)).run()[0]


def _reason(kind: str, excerpt: str) -> str:
    if kind == "to":
        return _(
            'Teksten er skrevet til beboeren ("%(start)s ..."). Skriv i jeg-form.', start=excerpt
        )
    return _('Teksten er skrevet om beboeren ("%(start)s ..."). Skriv i jeg-form.', start=excerpt)


def _as_text(text: object) -> str:
    return "" if text is None else text if isinstance(text, str) else str(text)


def _name_parts(names: Iterable[str] | str) -> frozenset[str]:
    """Name parts worth matching: 'Karin S.' gives {'karin'}; initials are dropped."""
    if isinstance(names, str):
        names = [names]
    parts = (p for n in names or () for p in re.split(r"[\s,]+", str(n or "")))
    return frozenset(p.lower() for p in parts if len(p) > 1 and p.replace("-", "").isalpha())


# --- Lexicon: a compact one for the words a plan or an evaluation uses -------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NEUTER = _words("""værelse hus hjem arbejde job netværk mål liv barn barnebarn fællesskab venskab
    forhold ønske behov håb humør helbred budget forløb tilbud kursus hold sted værksted museum
    bibliotek center projekt problem samarbejde møde bad køkken kort pas brev tog rum dyr kæledyr
    ophold fag skema overblik sprog talent navn tøj hår spil instrument billede foto nummer kontor
    skab sind selvværd mønster misbrug forbrug program abonnement hjerte øje knæ hoved ansigt
    staffeli medlemskab kor værktøj vindue hjørne frirum ur fjernsyn tv cv lån beløb valg skridt
    råd mod overskud tempo niveau bånd syn kendskab ægteskab personale familiemedlem
    eri ment ium""")
COMMON = _words("""lejlighed familie mor far søster bror kæreste veninde ven datter søn kone mand
    hund kat cykel bil plan hverdag person mentor læge psykiater sagsbehandler økonomi medicin hjælp
    drøm uddannelse skole hobby interesse aftale have altan computer telefon mobil søvn krop sundhed
    vægt mad kost tid fremtid situation bolig nabo angst diagnose følelse tanke opgave aktivitet
    træning tur rytme dag uge morgen aften lyst motivation energi pension løn indkomst konto gæld
    regning husleje tante onkel fætter kusine guitar seng stue sofa fritid by klub forening gruppe
    mening fortid historie rolle stilling praktik plads lærer psykolog støtte dagbog bog tavle
    liste kalender pille tandlæge tand hånd fod arm mave ryg weekend ferie rejse højskole videnskab
    egenskab relation kontakt fødselsdag baby""")
PLURAL = _words("""venner børn forældre søskende drømme penge ting planer tanker følelser interesser
    aktiviteter opgaver aftaler ressourcer evner styrker kompetencer bøger klæder naboer børnebørn
    kolleger kollegaer veninder brødre søstre døtre sønner hobbyer færdigheder muligheder rutiner
    udfordringer erfaringer vaner regninger nøgler piller papirer møbler værdier grænser billeder
    planter øjne hænder fødder tænder briller bukser gardiner""")
ADJECTIVES = _words("""ny nye gamle gammel store stor lille små bedste første sidste faste daglige
    nuværende tidligere ældste yngste nærmeste kære dejlige gode eneste største vigtigste""")
OWN = {"egen": "min", "eget": "mit", "egne": "mine"}

# Other people, with gender: f, m, u (unknown) or p (several people).
_OTHERS = {
    "f": """mor mormor farmor moster faster tante søster datter veninde kone hustru kusine niece
        svigermor stedmor plejemor bedstemor kvinde pige""",
    "m": """far morfar farfar morbror farbror bror søn ven mand fætter nevø svigerfar stedfar
        plejefar bedstefar papfar dreng""",
    "u": """kæreste kontaktperson mentor læge psykiater psykolog sagsbehandler pædagog nabo kollega
        medarbejder chef leder træner lærer tandlæge sygeplejerske kok støtteperson beboer""",
    "p": "personalet forældrene familien søskende venner vennerne kollegerne naboerne beboere",
}
_DOUBLED = {"ven": "vennen", "søn": "sønnen", "kok": "kokken", "onkel": "onklen"}


def _definite(noun: str) -> str:
    return _DOUBLED.get(noun) or noun + ("n" if noun.endswith("e") else "en")


OTHERS = {w: g for g, ws in _OTHERS.items() for w in ws.split()}
OTHERS.update({_definite(w): g for g, ws in _OTHERS.items() if g != "p" for w in ws.split()})
KIN_DEFINITE = {_definite(w): "min " + w for w in "mor far bror søster datter søn".split()}
KIN_DEFINITE["forældrene"] = "mine forældre"

FEMALE_NAMES = _words("""anne kirsten mette hanne helle susanne lene marianne camilla pia louise
    charlotte tina gitte maria lone inge karin julie ida emma sofie laura anna sara amalie freja
    clara mathilde caroline signe cecilie katrine line maja nanna rikke sanne birgitte bente jette
    lise dorthe ulla yasmin fatima aisha amina mia ella alma olivia josefine""")
MALE_NAMES = _words("""peter jens lars michael henrik thomas søren jan niels christian martin
    anders morten jesper mads rasmus per ole jørgen bo kim erik poul frederik lucas mikkel jonas
    emil william noah oliver victor magnus tobias kasper simon daniel jakob steen allan carsten
    torben ali ahmed mohammed omar hassan mustafa""")

FIRST_PERSON = _words("jeg mig min mit mine")
WE = _words("vi os vores")
SECOND = {"du": "jeg", "dig": "mig", "din": "min", "dit": "mit", "dine": "mine"}
THIRD_SUBJECT = {"han": "m", "hun": "f"}
THIRD_OBJECT = {"ham": "m", "hende": "f"}
THIRD_POSSESSIVE = {"hans": "m", "hendes": "f"}
REFLEXIVE = {"sig": "mig", "sin": "min", "sit": "mit", "sine": "mine"}
RESIDENT = _words("beboeren borgeren brugeren")
RESIDENT_POSSESSIVE = _words("beboerens borgerens brugerens")
RESIDENT_BARE = _words("beboer borger")
POSSESSIVES = _words("min mit mine din dit dine sin sit sine hans hendes vores jeres deres")
SUBJECT_PRONOUNS = _words("han hun du jeg vi de man det der den dette nogen ingen")
FINITE = _words("""er var har havde vil ville skal skulle kan kunne må måtte bør burde tør gider
    gad får fik gør gjorde går gik kommer kom tager tog ser siger sagde synes syntes tror ved
    bliver blev bor står sad sidder ligger lå hedder giver gav finder fandt holder holdt hjalp
    viste sov drak skrev mødes ses trives føles lykkes skændes slås længes""")
NOT_FINITE = _words("""efter over under hver her der mere aldrig derefter bagefter sommer vinter
    minutter timer uger dage gange kroner mennesker andre lejligheder ellers heller enten""")
ADVERBIALS = _words("""i på til fra med ved hos om efter før under over mod uden siden nu så
    derfor her da næste sidste hver hvert igen heldigvis desværre måske bagefter senere tidligere
    ofte altid tit også alligevel endelig snart først hvad hvem hvor hvordan hvornår hvorfor
    hvilken hvilket hvilke mandag tirsdag onsdag torsdag fredag lørdag søndag i dag""")
LIGHT = _words("selv ikke også gerne altid nu tit ofte aldrig heller stadig kun")
SPLIT = _words("""at når fordi hvis selvom mens men som hvor end om da så samt for efter før
    siden indtil hvorfor hvordan hvornår hvad hvem""")
STRIP_FIRST = _words("at når fordi hvis selvom mens og men eller som end samt")
BOUNDARY = frozenset(",;:()–—")
BULLETS = frozenset(":•*-–—>")
TYPICAL_VERBS = _words("""vil har ønsker drømmer skal kan synes gerne kunne ville er glæder
    savner føler elsker tror mener håber""")

_TOKEN = re.compile(r"<[^<>\n]{0,200}>|&#?\w{1,10};|[^\W\d_]+(?:-[^\W\d_]+)*|\d+|\s+|.", re.S)
_PAIRS = {'"': '"', "“": "”", "„": "“", "»": "«", "«": "»", "”": "”", "'": "'", "‘": "’"}
_SINGLE = frozenset("'‘")


# --- Tokens, quotes, sentences, clauses ----------------------------------------------------------


@dataclass(eq=False)
class _Word:
    text: str
    low: str
    tok: int  # index into the token list
    pos: int  # position in the whole text (the token index; the order is what counts)
    start: bool  # first word of a sentence, or right after a colon, bullet, "(" or tag
    kind: str = "word"  # word | punct | quote (a whole quotation stands in as one word)
    end: int = -1  # last token this word covers ("Karin Sørensen", "Jens'")


@dataclass
class _Ref:
    who: str  # res | other | thing
    gender: str | None
    pos: int
    sent: int
    coord: bool = False  # the resident and someone else ("Han og hans bror")


@dataclass
class _Segment:
    conn: str | None
    words: list[_Word]


def _quoted(tokens: list[str]) -> set[int]:
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
    close = _PAIRS.get(tokens[i])
    if close is None or (tokens[i] in _SINGLE and not _opens(tokens, i)):
        return None
    for j in range(i + 1, min(len(tokens), i + 1000)):
        if tokens[j] == close and (close not in _SINGLE or not _letter_at(tokens, j + 1)):
            return j
    if close in _SINGLE:
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


def _sentences(tokens: list[str], quoted: set[int]) -> list[list[_Word]]:
    sentences: list[list[_Word]] = [[]]
    fresh = True
    for i, tok in enumerate(tokens):
        current = sentences[-1]
        if i in quoted:
            if i - 1 not in quoted:
                current.append(_Word('"', '"', i, i, False, "quote", i))
            fresh = False
        elif tok[0].isalnum():
            current.append(_Word(tok, tok.lower(), i, i, fresh, end=i))
            fresh = False
        elif ("\n" in tok or (tok in ".!?…" and _ends_sentence(tokens, i))) and current:
            sentences.append([])
            fresh = True
        elif tok in BOUNDARY:
            current.append(_Word(tok, tok, i, i, False, "punct", i))
        fresh = fresh or tok in BULLETS or tok in "(" or tok.startswith("<")
    return [s for s in sentences if s]


def _segments(words: list[_Word]) -> list[_Segment]:
    """Clauses, roughly: split at commas and the like and at conjunctions."""
    segments = [_Segment(None, [])]
    finite_seen = False
    for w in words:
        current = segments[-1]
        splits = w.low in SPLIT or (w.low in ("og", "eller") and finite_seen)
        if w.kind == "punct" or (splits and current.words):
            segments.append(_Segment(w.low, []))
            finite_seen = False
        elif not current.words and w.low in STRIP_FIRST:
            current.conn = w.low
        else:
            current.words.append(w)
            finite_seen = finite_seen or _finite(w)
    return segments


def _finite(w: _Word) -> bool:
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


def _possessive_form(words: list[_Word], i: int) -> str:
    """min, mit or mine for the noun after the possessive at words[i]."""
    for w in words[i + 1 : i + 4]:
        if w.kind != "word":
            break
        if w.low in OWN:
            return OWN[w.low]
        if w.low not in ADJECTIVES:
            return {"c": "min", "n": "mit", "p": "mine"}[_gender(w.low)]
    return "min"


def _noun_after(words: list[_Word], i: int) -> int | None:
    for j in range(i + 1, min(i + 4, len(words))):
        if words[j].kind != "word":
            return None
        if words[j].low not in ADJECTIVES and words[j].low not in OWN:
            return j
    return None


def _verb_follows(words: list[_Word], h: int) -> bool:
    j = h + 1
    while j < len(words) and words[j].low in LIGHT:
        j += 1
    return j < len(words) and _finite(words[j])


def _coordinated(words: list[_Word], h: int) -> list[int]:
    """The second conjunct of a subject like "Beboeren og kontaktpersonen har ..."."""
    if h + 2 >= len(words) or words[h + 1].low not in ("og", "eller"):
        return []
    for f in range(h + 2, min(h + 6, len(words))):
        if words[f].kind != "word":
            return []
        if f > h + 2 and _finite(words[f]):
            return list(range(h + 2, f))
    return []


# --- The rewrite -------------------------------------------------------------------------------


class _Rewriter:
    """One pass over one text: resolves who each pronoun and name refers to, left to right."""

    def __init__(self, text: str, names: frozenset[str]):
        self.tokens = _TOKEN.findall(text)
        self.sentences = _sentences(self.tokens, _quoted(self.tokens))
        words = [w for s in self.sentences for w in s if w.kind == "word"]
        self.first_person = any(_first_person(self.tokens, w) for w in words)
        self.names = names or self._guess_name(words)
        self.gender = _name_gender(self.names)
        self.out: dict[int, str] = {}
        self.mentions: list[_Ref] = []
        self.refs: dict[int, _Ref] = {}
        self.kin: list[_Word] = []
        self.swaps: list[tuple[_Word, _Word, _Word]] = []
        self.flag: tuple[str, str] | None = None
        self.sent = 0

    def run(self) -> tuple[str, tuple[str, str] | None]:
        for index, words in enumerate(self.sentences):
            self.sent = index
            self._sentence(self._merge_names(words))
        if self.flag is not None:
            for w in self.kin:
                self.out[w.tok] = _cased(w, KIN_DEFINITE[w.low])
        return self._assemble(), self.flag

    def _guess_name(self, words: list[_Word]) -> frozenset[str]:
        """A resident's first name opening the text ("Karin har lyst til ..."), only when the
        text names the resident no other way and the name is a common Danish first name."""
        markers = RESIDENT | RESIDENT_POSSESSIVE | RESIDENT_BARE | frozenset(SECOND)
        if self.first_person or len(words) < 2 or any(w.low in markers for w in words):
            return frozenset()
        first, verb = self.sentences[0][0], self.sentences[0][1:2]
        known = first.low in FEMALE_NAMES or first.low in MALE_NAMES
        if known and first.text[0].isupper() and verb and verb[0].low in TYPICAL_VERBS:
            return frozenset({first.low})
        return frozenset()

    def _merge_names(self, words: list[_Word]) -> list[_Word]:
        """'Karin Sørensen' and 'Karin S.' become one word; "Jens'" keeps its apostrophe."""
        merged: list[_Word] = []
        for w in words:
            last = merged[-1] if merged else None
            if last and self._name(last) and w.tok == last.end + 2 and self._name_part(w):
                last.end = w.tok + (1 if len(w.text) == 1 else 0)
                continue
            if self._name(w) and self._token(w.tok + 1) in ("'", "’") and w.low[-1] in "sxz":
                w.end = w.tok + 1
            merged.append(w)
        return merged

    def _name_part(self, w: _Word) -> bool:
        initial = len(w.text) == 1 and w.text.isupper() and self._token(w.tok + 1) == "."
        return initial or self._name(w)

    def _token(self, i: int) -> str:
        return self.tokens[i] if 0 <= i < len(self.tokens) else ""

    def _name(self, w: _Word) -> bool:
        return w.kind == "word" and w.text[0].isupper() and w.low in self.names

    def _name_possessive(self, w: _Word) -> bool:
        if w.kind != "word" or not w.text[0].isupper():
            return False
        if w.low.endswith("s") and w.low[:-1] in self.names:
            return True
        return self._name(w) and self._token(w.end) in ("'", "’")

    def _resident_noun(self, w: _Word, index: int) -> bool:
        return (
            w.low in RESIDENT
            or (self._name(w) and not self._name_possessive(w))
            or (w.low in RESIDENT_BARE and w.start and index == 0)
        )

    def _other(self, w: _Word) -> str | None:
        """The gender of another person named by `w` (mor, Peter, kontaktpersonen), or None."""
        if w.low in OTHERS:
            return OTHERS[w.low]
        if w.text[0].isupper() and w.low not in self.names:
            return "f" if w.low in FEMALE_NAMES else "m" if w.low in MALE_NAMES else None
        return None

    def _sentence(self, words: list[_Word]) -> None:
        if any(_first_person(self.tokens, w) for w in words):
            return  # already jeg-form: left as it is
        we = any(w.low in WE for w in words)
        previous: _Segment | None = None
        prev_subject: _Ref | None = None
        for k, segment in enumerate(_segments(words)):
            prev_subject = self._segment(segment, k == 0, previous, prev_subject, we)
            previous = segment

    def _segment(self, seg, first, previous, prev_subject, we) -> _Ref | None:
        words = seg.words
        head, conjunct = self._subject(words, first)
        subject = None
        if head is not None:
            subject = self._resolve(words, head, None, prev_subject, we, first, True)
            subject = subject or _Ref("thing", None, words[head].pos, self.sent)
            subject = self._conjunct(words, head, conjunct, subject, we)
        else:
            subject = self._controller(seg, previous) or prev_subject
        done = {head, *conjunct}
        for j in range(len(words)):
            if j not in done:
                self._resolve(words, j, subject, prev_subject, we, first, False)
        return subject

    def _conjunct(self, words, head, conjunct, subject, we) -> _Ref:
        refs = [self._resolve(words, j, subject, None, we, False, True) for j in conjunct]
        resident = [r for r in refs[-1:] if r and r.who == "res"]
        if subject.who == "res" and conjunct:
            if not resident and len(conjunct) <= 3 and words[head].tok in self.out:
                self.swaps.append((words[head], words[conjunct[0]], words[conjunct[-1]]))
            return _Ref("res", None, subject.pos, self.sent, coord=True)
        return _Ref("res", None, resident[0].pos, self.sent, coord=True) if resident else subject

    def _controller(self, seg: _Segment, previous: _Segment | None) -> _Ref | None:
        """'hjælper hende med at melde sig': the object before 'at' is the one who acts."""
        if seg.conn != "at" or previous is None or not previous.words:
            return None
        tail = previous.words[-2:]
        if tail[-1].low in ("med", "om", "i", "til", "på"):
            tail = tail[:-1]
        return self.refs.get(tail[-1].pos) if tail else None

    def _subject(self, words: list[_Word], first: bool) -> tuple[int | None, list[int]]:
        """Index of the clause's subject (and of a coordinated second subject)."""
        if not words:
            return None, []
        h = self._np_head(words, 0)
        if h is not None and (words[0].low in SUBJECT_PRONOUNS or first or _verb_follows(words, h)):
            return h, _coordinated(words, h)
        if _finite(words[0]) or words[0].low in ADVERBIALS or words[0].kind == "quote":
            k = next((k for k in range(min(len(words), 6)) if _finite(words[k])), None)
            h = self._np_head(words, k + 1) if k is not None and k + 1 < len(words) else None
            if h is not None:
                return h, _coordinated(words, h)
        if len(words) > 1 and _finite(words[1]):
            return 0, []
        for j in range(min(len(words), 6)):
            if self._np_head(words, j) == j and _verb_follows(words, j):
                return j, []
        return None, []

    def _np_head(self, words: list[_Word], i: int) -> int | None:
        w = words[i]
        if w.kind != "word":
            return None
        if w.low in SUBJECT_PRONOUNS or self._resident_noun(w, i) or self._other(w):
            return i
        if w.low in POSSESSIVES or w.low in RESIDENT_POSSESSIVE or self._name_possessive(w):
            return _noun_after(words, i)
        return None

    def _resolve(self, words, j, subject, prev_subject, we, first, is_subject) -> _Ref | None:
        """Decide who words[j] refers to, write its replacement, and remember the mention."""
        w = words[j]
        if w.kind != "word":
            return None
        ref = self._resolve_word(
            words, j, subject, prev_subject, we, first and is_subject, is_subject
        )
        if ref is not None:
            self.mentions.append(ref)
            self.refs[w.pos] = ref
        return ref

    def _resolve_word(self, words, j, subject, prev_subject, we, initial, is_subject):
        w, low = words[j], words[j].low
        if self._name_possessive(w) or low in RESIDENT_POSSESSIVE:
            return self._replace(w, None if we else _possessive_form(words, j), "about")
        if self._resident_noun(w, j):
            return self._replace(w, "jeg" if is_subject else None if we else "mig", "about")
        if low in SECOND:
            keep = self.first_person or (we and low != "du")
            return self._replace(w, None if keep else SECOND[low], "to")
        if low in THIRD_SUBJECT:
            resident = self._third_subject(THIRD_SUBJECT[low], w.pos, prev_subject, initial)
            return self._third(w, THIRD_SUBJECT[low], resident and "jeg")
        if low in THIRD_OBJECT or low in THIRD_POSSESSIVE:
            gender = THIRD_OBJECT.get(low) or THIRD_POSSESSIVE[low]
            new = "mig" if low in THIRD_OBJECT else _possessive_form(words, j)
            return self._third(w, gender, self._third_object(gender, w.pos, subject, we) and new)
        if low in REFLEXIVE and subject is not None and subject.who == "res":
            self._replace(
                w, ("os" if low == "sig" else "vores") if subject.coord else REFLEXIVE[low], "about"
            )
            return None
        return self._other_ref(w)

    def _other_ref(self, w: _Word) -> _Ref | None:
        gender = self._other(w)
        if gender is None:
            return None
        if w.low in KIN_DEFINITE:
            self.kin.append(w)
        return _Ref("other", gender, w.pos, self.sent)

    def _third(self, w: _Word, gender: str, new: str | None | bool) -> _Ref:
        if not new:
            return _Ref("other", gender, w.pos, self.sent)
        self.gender = self.gender or gender
        self._replace(w, new, "about")
        return _Ref("res", gender, w.pos, self.sent)

    def _replace(self, w: _Word, new: str | None, kind: str) -> _Ref:
        if new is not None:
            self.out[w.tok] = _cased(w, new)
            self.out.update({t: "" for t in range(w.tok + 1, w.end + 1)})
            if self.flag is None:
                self.flag = (kind, self._excerpt(w))
        return _Ref("res", None, w.pos, self.sent)

    def _third_subject(self, gender: str, pos: int, prev_subject, initial: bool) -> bool:
        """han/hun: the resident, unless the text is in jeg-form already, the resident is known
        to be of the other gender, or another person of that gender is the likelier antecedent."""
        if self.first_person or (self.gender and self.gender != gender):
            return False
        if self.gender is None:
            return not self._rival(gender, pos)
        if initial:
            return True
        return not (prev_subject and prev_subject.who == "other" and prev_subject.gender == gender)

    def _third_object(self, gender: str, pos: int, subject: _Ref | None, we: bool) -> bool:
        """ham/hende/hans/hendes: not the clause's own subject (Danish says sig/sin for that)."""
        if self.first_person or we or (self.gender and self.gender != gender):
            return False
        if subject is not None and subject.who == "res":
            return not any(
                m.who == "other"
                and m.gender in (gender, "u")
                and m.pos < pos
                and m.sent >= self.sent - 1
                for m in self.mentions
            )
        return not self._rival(gender, pos, subject.pos if subject else None)

    def _rival(self, gender: str, pos: int, exclude: int | None = None) -> bool:
        """Another person of `gender` mentioned since the resident was last mentioned."""
        last = max((m.pos for m in self.mentions if m.who == "res" and m.pos < pos), default=-1)
        return any(
            m.who == "other" and m.gender == gender and last < m.pos < pos and m.pos != exclude
            for m in self.mentions
        )

    def _excerpt(self, w: _Word) -> str:
        following = (t for t in self.tokens[w.end + 1 : w.end + 4] if not t.isspace())
        after = next(following, "")
        return self.tokens[w.tok] + (" " + after if after[:1].isalnum() else "")

    def _assemble(self) -> str:
        out = list(self.tokens)
        for i, new in self.out.items():
            out[i] = new
        for head, np_first, np_last in self.swaps:
            np = "".join(out[np_first.tok : np_last.end + 1])
            if out[head.tok][:1].isupper():
                np = np[:1].upper() + np[1:]
            out[head.tok] = np + " og jeg"
            out[head.tok + 1 : np_last.end + 1] = [""] * (np_last.end - head.tok)
        return "".join(out)


def _first_person(tokens: list[str], w: _Word) -> bool:
    """jeg, mig, min, mit, mine; but not the minutes in "20 min"."""
    if w.low != "min" or w.tok < 2:
        return w.low in FIRST_PERSON
    return not (tokens[w.tok - 1].isspace() and tokens[w.tok - 2].isdigit())


def _cased(w: _Word, new: str) -> str:
    if len(w.text) > 1 and w.text.isupper():
        return new.upper()
    return new[:1].upper() + new[1:] if w.text[0].isupper() and w.start else new


def _name_gender(names: frozenset[str]) -> str | None:
    female, male = bool(names & FEMALE_NAMES), bool(names & MALE_NAMES)
    return "f" if female and not male else "m" if male and not female else None
