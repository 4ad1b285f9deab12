"""The enabled-tools set is sorted before it reaches the request."""
from openai import OpenAI

client = OpenAI()

ENABLED = {"search_docs", "open_ticket", "lookup_order"}

SYSTEM = "You are the helpdesk agent. Use tools when the answer depends on account data."


def tools():
    return [
        {"type": "function", "function": {"name": name, "parameters": {"type": "object"}}}
        for name in sorted(ENABLED)
    ]


def call(messages):
    return client.chat.completions.create(
        model="gpt-4o",
        tools=tools(),
        messages=[{"role": "system", "content": SYSTEM}, *messages],
    )
