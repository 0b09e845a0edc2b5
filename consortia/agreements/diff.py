"""What changed between two versions of the agreement, word by word (pure functions).

Templates render a `Segment` of kind "insert" as <ins> and "delete" as <del>, each
with visually hidden "added"/"removed" words, so the change is heard as well as seen.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    kind: str  # "equal", "insert" or "delete"
    text: str


@dataclass(frozen=True)
class Line:
    """One item of a list (an objective, a role): kept, added, removed or changed."""

    kind: str  # "same", "added", "removed" or "changed"
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class FieldChange:
    label: str
    segments: tuple[Segment, ...]

    @property
    def changed(self) -> bool:
        return any(s.kind != "equal" for s in self.segments)


@dataclass(frozen=True)
class ListChange:
    label: str
    lines: tuple[Line, ...]

    @property
    def changed(self) -> bool:
        return any(line.kind != "same" for line in self.lines)


def words_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The new text as equal, inserted and deleted runs of words (whitespace kept)."""
    a, b = _WORDS.findall(old or ""), _WORDS.findall(new or "")
    segments: list[Segment] = []

    def add(kind: str, tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if segments and segments[-1].kind == kind:
            segments[-1] = Segment(kind, segments[-1].text + text)
        else:
            segments.append(Segment(kind, text))

    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("equal", a[i1:i2])
            continue
        for kind, tokens in (("delete", a[i1:i2]), ("insert", b[j1:j2])):
            # Spaces around a changed run are not the change: mark the words only.
            # (A deleted run's spaces may then show twice; HTML collapses them.)
            leading: list[str] = []
            while tokens and tokens[0].isspace():
                leading, tokens = [*leading, tokens[0]], tokens[1:]
            trailing: list[str] = []
            while tokens and tokens[-1].isspace():
                trailing, tokens = [tokens[-1], *trailing], tokens[:-1]
            add("equal", leading)
            add(kind, tokens)
            add("equal", trailing)
    return tuple(segments)


# Items at least this alike (difflib's ratio) read as one item changed, not as one
# removed and another added.
ALIKE = 0.5


def _removed(item: str) -> Line:
    return Line("removed", (Segment("delete", item),))


def _added(item: str) -> Line:
    return Line("added", (Segment("insert", item),))


def lines_diff(old: list[str], new: list[str]) -> tuple[Line, ...]:
    """Items kept, added and removed; where items were replaced, each old item and the
    new one in its place that are alike read as "changed", with their words' diff."""
    lines: list[Line] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            lines += [Line("same", (Segment("equal", item),)) for item in old[i1:i2]]
            continue
        before, after = old[i1:i2], new[j1:j2]
        for a, b in zip(before, after, strict=False):
            if SequenceMatcher(a=a, b=b, autojunk=False).ratio() >= ALIKE:
                lines.append(Line("changed", words_diff(a, b)))
            else:
                lines += [_removed(a), _added(b)]
        paired = min(len(before), len(after))
        lines += [_removed(a) for a in before[paired:]] + [_added(b) for b in after[paired:]]
    return tuple(lines)
