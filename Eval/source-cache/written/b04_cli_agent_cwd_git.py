"""Terminal coding agent: cwd and git status in the system message."""
import os
import subprocess

import anthropic

client = anthropic.Anthropic()

RULES = """Rules:
- Read a file before editing it.
- Run the tests after every change.
- Keep diffs small and explain them in one sentence each."""


def environment_block() -> str:
    status = subprocess.run(
        ["git", "status", "--short"], capture_output=True, text=True
    ).stdout
    return (
        f"Working directory: {os.getcwd()}\n"
        f"Git status:\n{status}\n"
    )


def step(messages, tools):
    return client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=4096,
        system=environment_block() + RULES,
        tools=tools,
        messages=messages,
    )
