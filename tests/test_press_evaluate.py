"""The evaluation corpus meets every target, and the evaluation notices leaks and misses."""

import json
import shutil

from scripts.press.evaluate import CORPUS_DIR, TARGETS, evaluate, main


def test_corpus_meets_every_target():
    evaluation = evaluate()
    assert evaluation.releases >= 15
    assert evaluation.leaks == []
    assert evaluation.missed_targets() == []
    assert all(value >= TARGETS[name] for name, value in evaluation.measures().items())


def test_corpus_covers_three_languages_and_every_file_kind():
    answers = json.loads((CORPUS_DIR / "truth.json").read_text("utf-8"))["documents"]
    languages = [answer["lang"] for answer in answers]
    assert all(languages.count(lang) >= 5 for lang in ("en", "fr", "es"))
    suffixes = {path.suffix for path in CORPUS_DIR.iterdir()}
    assert {".txt", ".md", ".html", ".rss", ".atom"} <= suffixes


def test_a_wrong_answer_and_a_leaked_contact_fail_the_evaluation(tmp_path, capsys):
    shutil.copy(CORPUS_DIR / "en_01_tunis_search_rescue.txt", tmp_path)
    answers = json.loads((CORPUS_DIR / "truth.json").read_text("utf-8"))["documents"]
    [answer] = [a for a in answers if a["file"] == "en_01_tunis_search_rescue.txt"]
    answer = {**answer, "start_date": "2022-05-11", "contacts": ["Tunis"]}
    (tmp_path / "truth.json").write_text(json.dumps({"documents": [answer]}), encoding="utf-8")
    assert main(["--corpus", str(tmp_path)]) == 1
    output = capsys.readouterr().out
    assert "FAILED: dates, contact details" in output
