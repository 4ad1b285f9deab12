"""The braces are literal text: this string is not an f-string."""
from datetime import datetime

import anthropic

client = anthropic.Anthropic()

SYSTEM_PROMPT = """You write Python snippets on request.
When asked for a timestamp, use {datetime.now().isoformat()} in the code you write,
and import datetime at the top of the snippet."""


def snippet(task: str):
    started = datetime.now()
    out = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=700,
        system=SYSTEM_PROMPT,
        messages=[{"role": "user", "content": task}],
    )
    print("took", datetime.now() - started)
    return out
