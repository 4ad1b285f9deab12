"""Tool schemas serialised with sorted keys and sorted by name."""
import json

from anthropic import Anthropic

client = Anthropic()

TOOLS = {
    "weather": {"city": "string", "unit": "string"},
    "calendar": {"day": "string"},
}


def system_prompt() -> str:
    catalog = json.dumps(TOOLS, sort_keys=True, indent=2)
    return "You can call these tools. Arguments must match exactly.\n" + catalog


def ask(messages):
    return client.messages.create(
        model="claude-3-5-haiku-latest",
        max_tokens=500,
        system=system_prompt(),
        tools=sorted(
            ({"name": n, "input_schema": {"type": "object"}} for n in TOOLS),
            key=lambda t: t["name"],
        ),
        messages=messages,
    )
