"""Anthropic: the date sits after the last cache breakpoint, in the final user turn."""
from datetime import date

from anthropic import Anthropic

client = Anthropic()

MANUAL = open("manual.txt", encoding="utf-8").read()


def ask(question: str):
    return client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=800,
        system=[
            {"type": "text", "text": "Answer only from the manual below."},
            {"type": "text", "text": MANUAL, "cache_control": {"type": "ephemeral"}},
        ],
        messages=[
            {"role": "user", "content": f"Today is {date.today()}. {question}"},
        ],
    )
