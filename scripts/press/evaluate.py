"""How well press releases become event records, on our written corpus and on real news items.

Run `python -m scripts.press.evaluate` (or `make eval`). Three sets are scored side by side:
- written: releases written here in our own words (tests/data/press, answers in its truth.json);
- real: real public news items nobody here wrote, read and annotated by a person
  (tests/data/real_press.json keeps their addresses and the answers, never their text);
- unseen: the third of the real items kept out of sight while the extractor was tuned.
The real items' texts are not in the repository (they are other people's words), nor are the
contact persons they name: the evaluation reads both from a local folder (--texts, default
.eval-cache/press, with the contacts in its contacts.json) and says which texts are missing.

Measures, each a share of the releases unless said: dates (start and end both exact; a release
whose text supports no exact days counts as right when the dates are left empty or given with a
confidence under the review threshold), place (host city and country both right; no city for an
online meeting), countries F1 and organizations recall over the whole set, and contact details
found anywhere in the output (e-mail addresses, phone numbers, the answers' `contacts`).
The exit status is 1 when a set misses a TARGET.
"""

import argparse
import datetime
import json
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from scripts.normalize.text import fold
from scripts.press.document import SUFFIXES, read_documents
from scripts.press.extract import Extraction, Extractor
from scripts.press.privacy import find_contact_details
from scripts.schema import REVIEW_THRESHOLD

ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = ROOT / "tests" / "data" / "press"
TRUTH_FILE = "truth.json"
REAL_ANSWERS = ROOT / "tests" / "data" / "real_press.json"
REAL_TEXTS = ROOT / ".eval-cache" / "press"
TARGETS = {"dates": 0.9, "place": 0.9, "countries F1": 0.97, "organizations recall": 0.95}


@dataclass
class Score:
    """Counts behind precision and recall: right answers, answers given, answers expected."""

    right: int = 0
    given: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        """Share of the answers given that are right (1.0 when none was given)."""
        return self.right / self.given if self.given else 1.0

    @property
    def recall(self) -> float:
        """Share of the expected answers that were found (1.0 when none was expected)."""
        return self.right / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass
class Evaluation:
    """Scores per field, contact details found in the output, and the fields each release got wrong."""

    releases: int = 0
    scores: dict[str, Score] = field(default_factory=lambda: {
        name: Score() for name in ("dates", "place", "countries", "organizations", "themes")})
    leaks: list[tuple[str, str]] = field(default_factory=list)
    mistakes: dict[str, list[str]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    def measures(self) -> dict[str, float]:
        """The measures TARGETS speaks of."""
        return {"dates": self.scores["dates"].recall, "place": self.scores["place"].recall,
                "countries F1": self.scores["countries"].f1,
                "organizations recall": self.scores["organizations"].recall}

    def missed_targets(self) -> list[str]:
        """Names of the targets not reached, and 'contact details' when any leaked."""
        missed = [name for name, value in self.measures().items() if value < TARGETS[name]]
        return missed + (["contact details"] if self.leaks else [])


def read_answers(path: Path) -> list[dict]:
    """The answers of a truth file."""
    return json.loads(path.read_text("utf-8"))["documents"]


def evaluate(answers: list[dict], texts_dir: Path, extractor: Extractor | None = None) -> Evaluation:
    """Extract every release of texts_dir that has an answer and score it ('feed.rss#2' names a feed's item)."""
    extractor = extractor or Extractor.from_reference()
    documents = {Path(document.file).name: document
                 for path in sorted(texts_dir.iterdir()) if path.suffix.lower() in SUFFIXES
                 for document in read_documents(path)} if texts_dir.is_dir() else {}
    evaluation = Evaluation()
    for answer in answers:
        name = answer.get("url") or answer["file"]
        document = documents.get(answer["file"])
        if document is None:
            evaluation.missing.append(name)
            continue
        document = document if document.url or not answer.get("url") else replace(document, url=answer["url"])
        published = datetime.date.fromisoformat(answer["published"]) if answer.get("published") else None
        extraction = extractor.extract(document, published)
        evaluation.releases += 1
        evaluation.mistakes[name] = _score(evaluation, extraction, answer, extractor)
        evaluation.leaks += [(name, leak) for leak in _leaks(extraction, answer.get("contacts", []))]
    return evaluation


def _score(evaluation: Evaluation, extraction: Extraction, answer: dict, extractor: Extractor) -> list[str]:
    """Add one release to the scores; the names of the fields it got wrong."""
    record = extraction.as_record()
    wrong = []
    given_dates = (record["start_date"], record["end_date"]) if record["start_date"] else None
    if answer.get("dates_supported", True):
        expected_dates = (answer["start_date"], answer["end_date"]) if answer.get("start_date") else None
        dates_right = given_dates == expected_dates
    else:
        expected_dates = "no exact days in the text"
        dates_right = given_dates is None or extraction.confidence.get("start_date", 0.0) < REVIEW_THRESHOLD
    city, iso3 = answer.get("city"), answer.get("iso3")
    place_right = record["iso3"] == iso3 and (
        record["city"] is None if city is None
        else record["city"] is not None and extractor.same_city(record["city"], city, iso3))
    for name, right, given, expected in (
            ("dates", dates_right, given_dates, expected_dates),
            ("place", place_right, (record["city"], record["iso3"]), (city, iso3))):
        _add(evaluation.scores[name], int(right), 1, 1)
        if not right:
            confidence = extraction.confidence.get("start_date" if name == "dates" else "city", 0.0)
            wrong.append(f"{name}: {given} [{confidence:.2f}] (expected {expected})")
    for name in ("countries", "organizations", "themes"):
        if name not in answer:
            continue
        given, expected = set(record[name]), set(answer[name])
        if name == "organizations":  # annotators write usual acronyms: EASO is the EUAA's former one
            expected = {extractor.organization_id(org) for org in expected}
        _add(evaluation.scores[name], len(given & expected), len(given), len(expected))
        if given != expected:
            wrong.append(f"{name}: +{sorted(given - expected)} -{sorted(expected - given)}")
    return wrong


def _add(score: Score, right: int, given: int, expected: int) -> None:
    score.right += right
    score.given += given
    score.expected += expected


def _leaks(extraction: Extraction, contacts: list[str]) -> list[str]:
    """Contact details found anywhere in what the extraction would show or store."""
    shown = json.dumps(extraction.as_record(), ensure_ascii=False) + "\n" + extraction.summary + "\n" + extraction.title
    found = find_contact_details(shown)
    found += [contact for contact in contacts if fold(contact) in fold(shown)]
    return found


def report(evaluations: dict[str, Evaluation], show_mistakes_of: set[str]) -> str:
    """The sets side by side, the mistakes of the sets asked for, and the verdict."""
    names = list(evaluations)
    lines = ["Press-release extraction", "", f"{'measure':<24}" + "".join(f"{name:>12}" for name in names),
             f"{'releases':<24}" + "".join(f"{e.releases:>12}" for e in evaluations.values())]
    for measure in TARGETS:
        lines.append(f"{measure:<24}" + "".join(_cell(e, e.measures()[measure]) for e in evaluations.values())
                     + f"   target {TARGETS[measure]:.2f}")
    lines.append(f"{'themes F1':<24}" + "".join(_cell(e, e.scores["themes"].f1) if e.scores["themes"].expected
                                                 else f"{'-':>12}" for e in evaluations.values())
                 + "   (the real items carry no theme answers)")
    lines.append(f"{'contact details leaked':<24}" + "".join(f"{len(e.leaks):>12}" for e in evaluations.values())
                 + "   target 0")
    for name, evaluation in evaluations.items():
        if evaluation.missing:
            lines += ["", f"{name}: {len(evaluation.missing)} texts not in the texts folder, not scored:"]
            lines += [f"  {missing}" for missing in evaluation.missing]
        lines += [f"  leaked in {release}: {leak}" for release, leak in evaluation.leaks]
        if name in show_mistakes_of:
            mistaken = {release: wrong for release, wrong in evaluation.mistakes.items() if wrong}
            lines += ["", f"{name}: {len(evaluation.mistakes)} releases, {len(mistaken)} with differences"]
            for release, wrong in evaluation.mistakes.items():
                lines.append(f"  {release}" + (": " + "; ".join(wrong) if wrong else ""))
        elif evaluation.mistakes:
            lines += ["", f"{name}: {len(evaluation.mistakes)} releases (differences not shown: --mistakes {name})"]
            lines += [f"  {release}" for release in evaluation.mistakes]
    verdicts = [f"{name}: " + ("FAILED " + ", ".join(missed) if (missed := e.missed_targets()) else "every target")
                for name, e in evaluations.items() if e.releases]
    return "\n".join(lines + [""] + verdicts)


def _cell(evaluation: Evaluation, value: float) -> str:
    """A measure in its column, or a dash for a set with nothing scored."""
    return f"{value:>12.2f}" if evaluation.releases else f"{'-':>12}"


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation of every set; exit 1 when a scored set misses a target."""
    parser = argparse.ArgumentParser(prog="python -m scripts.press.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="folder of written releases with a truth.json")
    parser.add_argument("--answers", type=Path, default=REAL_ANSWERS, help="answers for the real items")
    parser.add_argument("--texts", type=Path, default=REAL_TEXTS, help="folder holding the real items' texts")
    parser.add_argument("--mistakes", default="written,real",
                        help="comma-separated sets whose releases are listed with their differences")
    args = parser.parse_args(argv)
    extractor = Extractor.from_reference()
    real = read_answers(args.answers) if args.answers.exists() else []
    contacts_file = args.texts / "contacts.json"
    contacts = json.loads(contacts_file.read_text("utf-8")) if contacts_file.exists() else {}
    real = [{**answer, "contacts": contacts.get(answer["file"], [])} for answer in real]
    evaluations = {
        "written": evaluate(read_answers(args.corpus / TRUTH_FILE), args.corpus, extractor),
        "real": evaluate([a for a in real if a.get("split") != "unseen"], args.texts, extractor),
        "unseen": evaluate([a for a in real if a.get("split") == "unseen"], args.texts, extractor),
    }
    print(report(evaluations, set(args.mistakes.split(","))))
    return 1 if any(e.missed_targets() for e in evaluations.values() if e.releases) else 0


if __name__ == "__main__":
    sys.exit(main())
