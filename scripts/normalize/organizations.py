"""Organization names and acronyms (en/fr/es) to stable org_ids: exact aliases only, never fuzzy."""

import csv
import re
from pathlib import Path

from scripts.normalize.text import fold, fold_in_place

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"
NAME_COLUMNS = ("name_en", "name_fr", "name_es")
ACRONYM_COLUMNS = ("acronym_en", "acronym_fr", "acronym_es")
# Lines mostly in capitals (headlines) are not searched for acronyms: "AU NIGER" is not the AU.
CAPITALS_LINE_SHARE = 0.6
WORD_ACRONYM_LETTERS = 5
_PARENTHESES = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)$")
# The UN named as a family or a place rather than as a partner: 'UN agencies attended', 'the UN
# General Assembly', 'les partenaires des Nations Unies', 'la Oficina de las Naciones Unidas…'.
UMBRELLA = "UN"
UMBRELLA_WINDOW = 40
_UMBRELLA_AFTER = re.compile(
    r"\W{0,3}(?:\(un\)\s*)?(?:['’]s\s+)?(?:agenc|expert|system|partner|general assembly|entit|family|country team"
    r"|member states?|post-2015|millennium|sustainable development|charter|security council|secretar|resident"
    r"|day\b|summit|declaration|conference|convention|treaty|resolution|guiding|principles|high-level|special"
    r"|peace|mission|office|organi[sz]ations?\b|bodies|body|framework|staff|personnel|officials|colleagues"
    r"|humanitarian|network|women\b|habitat|migration\b)", re.IGNORECASE)
_UMBRELLA_BEFORE = re.compile(
    r"(?:partenaires|syst[eè]me|agences?|organismes?|entit[eé]s|famille|agencias?|organismos?|sistema|socios"
    r"|fonds|fondos?|office|oficina|bureau|programme|programa|comit[eé]|commission|comisi[oó]n|assembl[eé]e"
    r"|asamblea|conseil|consejo|experts?|expertos|haut-commissariat|alto comisionado|journ[eé]e|d[ií]a|charte"
    r"|carta|sommet|cumbre|mission|misi[oó]n|coordinateur|coordinador|personnel|personal)"
    r"\s+(?:des|de las|de la|del|of the|of)\s*$", re.IGNORECASE)


def is_acronym(alias: str) -> bool:
    """True for all-capital aliases (IOM, CEDEAO, IGAD-RCP): matched case-sensitively in text."""
    letters = [ch for ch in alias if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _spelling(key: str) -> str:
    """One spelling for British and American names of a folded key ('organisation', 'organization'), same length."""
    return key.replace("organis", "organiz")


def _alternation(aliases: list[str]) -> str:
    """A regex alternation of the aliases, longest first, any whitespace between words."""
    ordered = sorted(set(aliases), key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, alias.split())) for alias in ordered)


class OrganizationResolver:
    """Resolves organization names and acronyms to org_ids, in cells and in running text."""

    def __init__(self, organizations: list[dict], aliases: list[dict]):
        self.names = {row["org_id"]: row for row in organizations}
        text_aliases: dict[str, str] = {}
        for row in organizations:
            for column in NAME_COLUMNS + ACRONYM_COLUMNS:
                if row.get(column):
                    text_aliases[row[column]] = row["org_id"]
        for row in aliases:
            text_aliases[row["alias"]] = row["org_id"]
        self._by_key = {fold(org_id): org_id for org_id in self.names}
        self._by_key.update({_spelling(fold(alias)): org_id for alias, org_id in text_aliases.items()})
        acronyms = [alias for alias in text_aliases if is_acronym(alias)]
        names = [_spelling(fold(alias)) for alias in text_aliases if not is_acronym(alias)]
        self._acronym_ids = {alias: text_aliases[alias] for alias in acronyms}
        # Spanish and French papers write long acronyms as words: 'Acnur', 'Unodc', 'Cepal'.
        self._acronym_ids.update({alias.capitalize(): org_id for alias, org_id in list(self._acronym_ids.items())
                                  if alias.isalpha() and len(alias) >= WORD_ACRONYM_LETTERS})
        # 'EU-funded' and 'UN-led' name the EU and the UN; 'UN-Habitat' does not name the UN.
        self._acronym_pattern = re.compile(rf"(?<![\w-])(?:{_alternation(list(self._acronym_ids))})(?![\w]|-[A-Z])")
        self._name_pattern = re.compile(rf"(?<!\w)(?:{_alternation(names)})(?!\w)")

    @classmethod
    def from_reference(cls, reference_dir: Path = REFERENCE_DIR) -> "OrganizationResolver":
        """Load organizations.csv and organization_aliases.csv from the reference folder."""
        with (reference_dir / "organizations.csv").open(encoding="utf-8", newline="") as handle:
            organizations = list(csv.DictReader(handle))
        aliases_path = reference_dir / "organization_aliases.csv"
        with aliases_path.open(encoding="utf-8", newline="") as handle:
            aliases = list(csv.DictReader(handle))
        return cls(organizations, aliases)

    def resolve(self, name: str) -> str | None:
        """org_id for a name, acronym or alias (folded, exact); 'Name (ACRONYM)' forms too."""
        key = _spelling(fold(name)).strip(" \"'.")
        if key in self._by_key:
            return self._by_key[key]
        match = _PARENTHESES.match(key)
        if match:
            found = {self._by_key.get(part.strip()) for part in match.group("outer", "inner")}
            found.discard(None)
            if len(found) == 1:
                return found.pop()
        return None

    def resolve_list(self, value: str) -> tuple[list[str], list[str]]:
        """';'-separated cell -> (org_ids in order, without repeats; parts that matched nothing)."""
        org_ids: list[str] = []
        unmatched: list[str] = []
        for part in (p.strip() for p in str(value or "").split(";")):
            if not part:
                continue
            found = self._resolve_part(part)
            if found is None:
                unmatched.append(part)
            else:
                org_ids.extend(org_id for org_id in found if org_id not in org_ids)
        return org_ids, unmatched

    def _resolve_part(self, part: str) -> list[str] | None:
        """One list item, or a comma-separated run of items when every piece resolves."""
        org_id = self.resolve(part)
        if org_id is not None:
            return [org_id]
        pieces = [self.resolve(piece) for piece in part.split(",") if piece.strip()]
        if len(pieces) > 1 and all(pieces):
            return pieces
        return None

    def find_in_text(self, text: str) -> list[str]:
        """org_ids mentioned in running text, in order of first mention.

        Names match case-insensitively on folded text; acronyms match case-sensitively as whole
        words ("UN" but not "un", not the "UN" of "UN-Habitat"), except on lines mostly in capitals.
        """
        spans = [(m.start(), m.end(), self._by_key[fold(m.group())])
                 for m in self._name_pattern.finditer(_spelling(fold_in_place(text)))]
        offset = 0
        for line in text.splitlines(keepends=True):
            if not _mostly_capitals(line):
                spans.extend((offset + m.start(), offset + m.end(),
                              self._acronym_ids[re.sub(r"\s+", " ", m.group())])
                             for m in self._acronym_pattern.finditer(line))
            offset += len(line)
        return _ids_of_longest_spans(spans, text)

    def name(self, org_id: str, lang: str = "en") -> str:
        """The organization's name in lang (en|fr|es), falling back to English, then the id."""
        row = self.names.get(org_id, {})
        return row.get(f"name_{lang}") or row.get("name_en") or org_id


def _mostly_capitals(line: str) -> bool:
    """True when most letters of a line are capitals (a headline)."""
    letters = [ch for ch in line if ch.isalpha()]
    capitals = sum(ch.isupper() for ch in letters)
    return len(letters) > 12 and capitals / len(letters) > CAPITALS_LINE_SHARE


def _ids_of_longest_spans(spans: list[tuple[int, int, str]], text: str) -> list[str]:
    """Keep the longest of overlapping matches, then list their org_ids by position, once each;
    the UN named only as a family or a place counts as no mention."""
    kept: list[tuple[int, int, str]] = []
    for start, end, org_id in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(end <= k_start or start >= k_end for k_start, k_end, _ in kept):
            kept.append((start, end, org_id))
    ordered: list[str] = []
    for start, end, org_id in sorted(kept):
        if org_id == UMBRELLA and (_UMBRELLA_AFTER.match(text, end)
                                   or _UMBRELLA_BEFORE.search(text[max(0, start - UMBRELLA_WINDOW):start])):
            continue
        if org_id not in ordered:
            ordered.append(org_id)
    return ordered
