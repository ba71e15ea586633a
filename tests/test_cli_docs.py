"""Every `migdash` command and option has help text and is documented in the README (as sqlite-utils' docs tests).

The commands are read from the argparse parser itself, so a new command or option fails here until it is
described. A command is documented in the README section (a heading and its text up to the next heading) that
first shows it as `migdash <command>`; each of its options must be named in that section.
"""

import argparse
import re
from pathlib import Path

import pytest

from scripts.cli import build_parser, main

README = Path(__file__).resolve().parents[1] / "README.md"


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
              ) -> list[tuple[tuple[str, ...], argparse.ArgumentParser, str | None]]:
    """Every command under the parser: (its words, its parser, its one-line help), the top level first."""
    found = [(path, parser, parser.description)] if not path else []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, command in action.choices.items():
                found.append(((*path, name), command, helps.get(name)))
                found += [entry for entry in _commands(command, (*path, name)) if entry[0] != (*path, name)]
    return found


def _arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """The options and positional arguments of one command (not --help, not its subcommands)."""
    return [action for action in parser._actions
            if not isinstance(action, (argparse._HelpAction, argparse._SubParsersAction))]


def _sections(markdown: str) -> list[str]:
    """The README cut at each heading (headings inside code blocks are not headings)."""
    sections, current, fenced = [], [], False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if line.startswith("#") and not fenced and current:
            sections.append("\n".join(current))
            current = []
        current.append(line)
    return [*sections, "\n".join(current)]


def _home_section(words: tuple[str, ...]) -> str | None:
    """The first README section that shows `migdash <words>`."""
    shown = re.compile(r"\bmigdash " + r"\s+".join(map(re.escape, words)) + r"(?![\w-])")
    return next((section for section in _sections(README.read_text(encoding="utf-8")) if shown.search(section)), None)


COMMANDS = _commands(build_parser())
SUBCOMMANDS = [entry for entry in COMMANDS if entry[0]]


def test_the_parser_has_the_commands_the_readme_promises() -> None:
    assert {" ".join(words) for words, *_ in SUBCOMMANDS} == {"refresh", "countries", "countries resolve", "extract"}


@pytest.mark.parametrize("words", [words for words, *_ in COMMANDS], ids=lambda words: " ".join(words) or "migdash")
def test_every_command_prints_its_help(words: tuple[str, ...], capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as stop:
        main([*words, "--help"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: migdash {' '.join(words)}".rstrip())


@pytest.mark.parametrize(("words", "parser", "summary"), COMMANDS, ids=lambda value: " ".join(value)
                         if isinstance(value, tuple) else "")
def test_every_command_and_argument_has_help_text(words: tuple[str, ...], parser: argparse.ArgumentParser,
                                                  summary: str | None) -> None:
    assert (summary or "").strip(), f"migdash {' '.join(words)} has no help"
    missing = [action.option_strings or action.dest for action in _arguments(parser) if not (action.help or "").strip()]
    assert missing == [], f"migdash {' '.join(words)}: no help for {missing}"


@pytest.mark.parametrize(("words", "parser"), [(words, parser) for words, parser, _ in SUBCOMMANDS],
                         ids=lambda value: " ".join(value) if isinstance(value, tuple) else "")
def test_every_command_and_option_is_documented_in_the_readme(words: tuple[str, ...],
                                                              parser: argparse.ArgumentParser) -> None:
    section = _home_section(words)
    assert section is not None, f"the README never shows `migdash {' '.join(words)}`"
    options = [option for action in _arguments(parser) for option in action.option_strings if option.startswith("--")]
    undocumented = [option for option in options if not re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", section)]
    assert undocumented == [], f"`migdash {' '.join(words)}`: the README section that shows it lacks {undocumented}"
