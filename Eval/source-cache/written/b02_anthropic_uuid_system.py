"""Agent turn: a trace id is written into the cached system block."""
import uuid

import anthropic

client = anthropic.Anthropic()

INSTRUCTIONS = """You are a meticulous research assistant. Cite every claim.
Prefer primary sources. When unsure, say so and list what would settle it."""


def run_turn(history: list[dict]) -> str:
    trace_id = uuid.uuid4().hex
    reply = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=1024,
        system=[
            {
                "type": "text",
                "text": f"[trace {trace_id}]\n" + INSTRUCTIONS,
                "cache_control": {"type": "ephemeral"},
            }
        ],
        messages=history,
    )
    return reply.content[0].text
