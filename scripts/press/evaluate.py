"""How well press releases become event records: per-field precision and recall on a corpus
of releases with hand-written answers (by default tests/data/press and its truth.json).

Run `python -m scripts.press.evaluate [--corpus DIR]` (or `make eval`). Each release is read with
its `published` answer standing in for `migdash extract --published`. Dates count when start and
end are both exact; a city counts when it is spelled the same (case and accents aside) or names
the same gazetteer place; countries, organizations and themes are scored as sets over the whole
corpus. Every record, with its summary, is also searched for e-mail addresses, phone numbers and
the answers' `contacts`. The exit status is 1 when a TARGET is missed.
"""

import argparse
import datetime
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from scripts.normalize.text import fold
from scripts.press.document import SUFFIXES, read_documents
from scripts.press.extract import Extraction, Extractor
from scripts.press.privacy import find_contact_details

CORPUS_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "press"
TRUTH_FILE = "truth.json"
TARGETS = {"dates": 0.8, "city": 0.8, "iso3": 0.8, "countries F1": 0.9, "organizations recall": 0.9}


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
        name: Score() for name in ("dates", "city", "iso3", "countries", "organizations", "themes")})
    leaks: list[tuple[str, str]] = field(default_factory=list)
    mistakes: dict[str, list[str]] = field(default_factory=dict)

    def measures(self) -> dict[str, float]:
        """The measures TARGETS speaks of."""
        return {"dates": self.scores["dates"].recall, "city": self.scores["city"].recall,
                "iso3": self.scores["iso3"].recall, "countries F1": self.scores["countries"].f1,
                "organizations recall": self.scores["organizations"].recall}

    def missed_targets(self) -> list[str]:
        """Names of the targets not reached, and 'contact details' when any leaked."""
        missed = [name for name, value in self.measures().items() if value < TARGETS[name]]
        return missed + (["contact details"] if self.leaks else [])


def evaluate(corpus_dir: Path = CORPUS_DIR, extractor: Extractor | None = None) -> Evaluation:
    """Extract every release of the corpus and score it against truth.json."""
    extractor = extractor or Extractor.from_reference()
    answers = {entry["file"]: entry for entry in json.loads((corpus_dir / TRUTH_FILE).read_text("utf-8"))["documents"]}
    documents = {Path(document.file).name: document
                 for path in sorted(corpus_dir.iterdir()) if path.suffix.lower() in SUFFIXES
                 for document in read_documents(path)}
    evaluation = Evaluation()
    for name, answer in answers.items():
        published = datetime.date.fromisoformat(answer["published"]) if answer.get("published") else None
        document = documents.get(name)
        if document is None:
            evaluation.mistakes[name] = ["missing file"]
            continue
        extraction = extractor.extract(document, published)
        evaluation.releases += 1
        evaluation.mistakes[name] = _score(evaluation, extraction, answer, extractor)
        evaluation.leaks += [(name, leak) for leak in _leaks(extraction, answer.get("contacts", []))]
    return evaluation


def _score(evaluation: Evaluation, extraction: Extraction, answer: dict, extractor: Extractor) -> list[str]:
    """Add one release to the scores; the names of the fields it got wrong."""
    record = extraction.as_record()
    wrong = []
    single = {
        "dates": ((record["start_date"], record["end_date"]) if record["start_date"] else None,
                  (answer["start_date"], answer["end_date"]) if answer.get("start_date") else None),
        "city": (record["city"], answer.get("city")),
        "iso3": (record["iso3"], answer.get("iso3")),
    }
    for name, (given, expected) in single.items():
        right = given is not None and expected is not None and (
            extractor.same_city(given, expected, answer.get("iso3")) if name == "city" else given == expected)
        _add(evaluation.scores[name], int(right), int(given is not None), int(expected is not None))
        if not right and (given or expected):
            wrong.append(f"{name}: {given} (expected {expected})")
    for name in ("countries", "organizations", "themes"):
        given, expected = set(record[name]), set(answer.get(name, []))
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


def report(evaluation: Evaluation, corpus_dir: Path) -> str:
    """The evaluation as a table, with each release's mistakes and the verdict."""
    lines = [f"Press-release extraction on {evaluation.releases} releases ({corpus_dir.name})", "",
             f"{'field':<16}{'precision':>10}{'recall':>8}{'F1':>7}  right/given/expected"]
    for name, score in evaluation.scores.items():
        lines.append(f"{name:<16}{score.precision:>10.2f}{score.recall:>8.2f}{score.f1:>7.2f}  "
                     f"{score.right}/{score.given}/{score.expected}")
    lines += ["", f"contact details in the output: {len(evaluation.leaks)}"]
    lines += [f"  {name}: {leak}" for name, leak in evaluation.leaks]
    lines += ["", "Targets:"]
    measures = evaluation.measures()
    lines += [f"  {name:<22}{measures[name]:.2f} (at least {target:.2f})" for name, target in TARGETS.items()]
    mistaken = {name: wrong for name, wrong in evaluation.mistakes.items() if wrong}
    if mistaken:
        lines += ["", "Differences from the answers:"]
        lines += [f"  {name}: {'; '.join(wrong)}" for name, wrong in mistaken.items()]
    missed = evaluation.missed_targets()
    lines += ["", "FAILED: " + ", ".join(missed) if missed else "PASSED: every target reached"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation of a corpus; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(prog="python -m scripts.press.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="folder of releases with a truth.json")
    args = parser.parse_args(argv)
    evaluation = evaluate(args.corpus)
    print(report(evaluation, args.corpus))
    return 1 if evaluation.missed_targets() else 0


if __name__ == "__main__":
    sys.exit(main())
