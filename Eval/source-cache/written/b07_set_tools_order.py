"""Tool list built by iterating a set: order changes between processes."""
from openai import OpenAI

client = OpenAI()

ENABLED = {"search_docs", "open_ticket", "lookup_order", "refund_order"}

SCHEMAS = {
    "search_docs": {"type": "object", "properties": {"q": {"type": "string"}}},
    "open_ticket": {"type": "object", "properties": {"title": {"type": "string"}}},
    "lookup_order": {"type": "object", "properties": {"id": {"type": "string"}}},
    "refund_order": {"type": "object", "properties": {"id": {"type": "string"}}},
}


def tools():
    return [
        {"type": "function", "function": {"name": name, "parameters": SCHEMAS[name]}}
        for name in ENABLED
    ]


def call(messages):
    return client.chat.completions.create(model="gpt-4o", tools=tools(), messages=messages)
