"""The jeg-form rewrite: one pass over a text that resolves who each pronoun and name
refers to, left to right, and puts the resident's own voice in."""

from __future__ import annotations

from samtale.jegform.grammar import (
    Ref,
    Segment,
    Word,
    coordinated_heads,
    is_finite,
    noun_after,
    possessive_form,
    quoted_positions,
    split_segments,
    split_sentences,
    verb_follows,
)
from samtale.jegform.lexicon import (
    ADVERBIALS,
    FEMALE_NAMES,
    FIRST_PERSON,
    KIN_DEFINITE,
    MALE_NAMES,
    OTHERS,
    POSSESSIVES,
    REFLEXIVE,
    RESIDENT,
    RESIDENT_BARE,
    RESIDENT_POSSESSIVE,
    SECOND,
    SUBJECT_PRONOUNS,
    THIRD_OBJECT,
    THIRD_POSSESSIVE,
    THIRD_SUBJECT,
    TOKEN_RE,
    TYPICAL_VERBS,
    WE,
)

# --- The rewrite -------------------------------------------------------------------------------


class Rewriter:
    """One pass over one text: resolves who each pronoun and name refers to, left to right."""

    def __init__(self, text: str, names: frozenset[str]):
        self.tokens = TOKEN_RE.findall(text)
        self.sentences = split_sentences(self.tokens, quoted_positions(self.tokens))
        words = [w for s in self.sentences for w in s if w.kind == "word"]
        self.first_person = any(_first_person(self.tokens, w) for w in words)
        self.names = names or self._guess_name(words)
        self.gender = _name_gender(self.names)
        self.out: dict[int, str] = {}
        self.mentions: list[Ref] = []
        self.refs: dict[int, Ref] = {}
        self.kin: list[Word] = []
        self.swaps: list[tuple[Word, Word, Word]] = []
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

    def _guess_name(self, words: list[Word]) -> frozenset[str]:
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

    def _merge_names(self, words: list[Word]) -> list[Word]:
        """'Karin Sørensen' and 'Karin S.' become one word; "Jens'" keeps its apostrophe."""
        merged: list[Word] = []
        for w in words:
            last = merged[-1] if merged else None
            if last and self._name(last) and w.tok == last.end + 2 and self._name_part(w):
                last.end = w.tok + (1 if len(w.text) == 1 else 0)
                continue
            if self._name(w) and self._token(w.tok + 1) in ("'", "’") and w.low[-1] in "sxz":
                w.end = w.tok + 1
            merged.append(w)
        return merged

    def _name_part(self, w: Word) -> bool:
        initial = len(w.text) == 1 and w.text.isupper() and self._token(w.tok + 1) == "."
        return initial or self._name(w)

    def _token(self, i: int) -> str:
        return self.tokens[i] if 0 <= i < len(self.tokens) else ""

    def _name(self, w: Word) -> bool:
        return w.kind == "word" and w.text[0].isupper() and w.low in self.names

    def _name_possessive(self, w: Word) -> bool:
        if w.kind != "word" or not w.text[0].isupper():
            return False
        if w.low.endswith("s") and w.low[:-1] in self.names:
            return True
        return self._name(w) and self._token(w.end) in ("'", "’")

    def _resident_noun(self, w: Word, index: int) -> bool:
        return (
            w.low in RESIDENT
            or (self._name(w) and not self._name_possessive(w))
            or (w.low in RESIDENT_BARE and w.start and index == 0)
        )

    def _other(self, w: Word) -> str | None:
        """The gender of another person named by `w` (mor, Peter, kontaktpersonen), or None."""
        if w.low in OTHERS:
            return OTHERS[w.low]
        if w.text[0].isupper() and w.low not in self.names:
            return "f" if w.low in FEMALE_NAMES else "m" if w.low in MALE_NAMES else None
        return None

    def _sentence(self, words: list[Word]) -> None:
        if any(_first_person(self.tokens, w) for w in words):
            return  # already jeg-form: left as it is
        we = any(w.low in WE for w in words)
        previous: Segment | None = None
        prev_subject: Ref | None = None
        for k, segment in enumerate(split_segments(words)):
            prev_subject = self._segment(segment, k == 0, previous, prev_subject, we)
            previous = segment

    def _segment(self, seg, first, previous, prev_subject, we) -> Ref | None:
        words = seg.words
        head, conjunct = self._subject(words, first)
        subject = None
        if head is not None:
            subject = self._resolve(words, head, None, prev_subject, we, first, True)
            subject = subject or Ref("thing", None, words[head].pos, self.sent)
            subject = self._conjunct(words, head, conjunct, subject, we)
        else:
            subject = self._controller(seg, previous) or prev_subject
        done = {head, *conjunct}
        for j in range(len(words)):
            if j not in done:
                self._resolve(words, j, subject, prev_subject, we, first, False)
        return subject

    def _conjunct(self, words, head, conjunct, subject, we) -> Ref:
        refs = [self._resolve(words, j, subject, None, we, False, True) for j in conjunct]
        resident = [r for r in refs[-1:] if r and r.who == "res"]
        if subject.who == "res" and conjunct:
            if not resident and len(conjunct) <= 3 and words[head].tok in self.out:
                self.swaps.append((words[head], words[conjunct[0]], words[conjunct[-1]]))
            return Ref("res", None, subject.pos, self.sent, coord=True)
        return Ref("res", None, resident[0].pos, self.sent, coord=True) if resident else subject

    def _controller(self, seg: Segment, previous: Segment | None) -> Ref | None:
        """'hjælper hende med at melde sig': the object before 'at' is the one who acts."""
        if seg.conn != "at" or previous is None or not previous.words:
            return None
        tail = previous.words[-2:]
        if tail[-1].low in ("med", "om", "i", "til", "på"):
            tail = tail[:-1]
        return self.refs.get(tail[-1].pos) if tail else None

    def _subject(self, words: list[Word], first: bool) -> tuple[int | None, list[int]]:
        """Index of the clause's subject (and of a coordinated second subject)."""
        if not words:
            return None, []
        h = self._np_head(words, 0)
        if h is not None and (words[0].low in SUBJECT_PRONOUNS or first or verb_follows(words, h)):
            return h, coordinated_heads(words, h)
        if is_finite(words[0]) or words[0].low in ADVERBIALS or words[0].kind == "quote":
            k = next((k for k in range(min(len(words), 6)) if is_finite(words[k])), None)
            h = self._np_head(words, k + 1) if k is not None and k + 1 < len(words) else None
            if h is not None:
                return h, coordinated_heads(words, h)
        if len(words) > 1 and is_finite(words[1]):
            return 0, []
        for j in range(min(len(words), 6)):
            if self._np_head(words, j) == j and verb_follows(words, j):
                return j, []
        return None, []

    def _np_head(self, words: list[Word], i: int) -> int | None:
        w = words[i]
        if w.kind != "word":
            return None
        if w.low in SUBJECT_PRONOUNS or self._resident_noun(w, i) or self._other(w):
            return i
        if w.low in POSSESSIVES or w.low in RESIDENT_POSSESSIVE or self._name_possessive(w):
            return noun_after(words, i)
        return None

    def _resolve(self, words, j, subject, prev_subject, we, first, is_subject) -> Ref | None:
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
            return self._replace(w, None if we else possessive_form(words, j), "about")
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
            new = "mig" if low in THIRD_OBJECT else possessive_form(words, j)
            return self._third(w, gender, self._third_object(gender, w.pos, subject, we) and new)
        if low in REFLEXIVE and subject is not None and subject.who == "res":
            self._replace(
                w, ("os" if low == "sig" else "vores") if subject.coord else REFLEXIVE[low], "about"
            )
            return None
        return self._other_ref(w)

    def _other_ref(self, w: Word) -> Ref | None:
        gender = self._other(w)
        if gender is None:
            return None
        if w.low in KIN_DEFINITE:
            self.kin.append(w)
        return Ref("other", gender, w.pos, self.sent)

    def _third(self, w: Word, gender: str, new: str | None | bool) -> Ref:
        if not new:
            return Ref("other", gender, w.pos, self.sent)
        self.gender = self.gender or gender
        self._replace(w, new, "about")
        return Ref("res", gender, w.pos, self.sent)

    def _replace(self, w: Word, new: str | None, kind: str) -> Ref:
        if new is not None:
            self.out[w.tok] = _cased(w, new)
            self.out.update({t: "" for t in range(w.tok + 1, w.end + 1)})
            if self.flag is None:
                self.flag = (kind, self._excerpt(w))
        return Ref("res", None, w.pos, self.sent)

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

    def _third_object(self, gender: str, pos: int, subject: Ref | None, we: bool) -> bool:
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

    def _excerpt(self, w: Word) -> str:
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


def _first_person(tokens: list[str], w: Word) -> bool:
    """jeg, mig, min, mit, mine; but not the minutes in "20 min"."""
    if w.low != "min" or w.tok < 2:
        return w.low in FIRST_PERSON
    return not (tokens[w.tok - 1].isspace() and tokens[w.tok - 2].isdigit())


def _cased(w: Word, new: str) -> str:
    if len(w.text) > 1 and w.text.isupper():
        return new.upper()
    return new[:1].upper() + new[1:] if w.text[0].isupper() and w.start else new


def _name_gender(names: frozenset[str]) -> str | None:
    female, male = bool(names & FEMALE_NAMES), bool(names & MALE_NAMES)
    return "f" if female and not male else "m" if male and not female else None
