"""Every command has help with an example, and README.md documents every command."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from encoder.cli import main

README = Path(__file__).parent.parent / "README.md"
COMMANDS = sorted(main.commands)


def test_the_contract_commands_exist() -> None:
    assert {"build", "encode", "validate", "render"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_an_example(name: str) -> None:
    command = main.commands[name]
    assert command.help and command.help.strip(), f"{name} has no help text"
    assert command.get_short_help_str(limit=80).strip()
    assert f"telegram-tei {name}" in command.help, f"{name}'s help shows no example"
    for param in command.params:
        if isinstance(param, click.Option) and param.name != "help":
            assert param.help, f"{name} {param.opts[0]} has no help text"
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0 and f"Usage: telegram-tei {name}" in result.output


@pytest.mark.skipif(not README.exists(), reason="README.md is not written yet")
@pytest.mark.parametrize("name", COMMANDS)
def test_readme_documents_the_command(name: str) -> None:
    text = README.read_text(encoding="utf-8")
    assert f"telegram-tei {name}" in text, f"README.md does not mention 'telegram-tei {name}'"
