"""OpenAI Responses API: instructions start with a per-request timestamp."""
import time

from openai import OpenAI

client = OpenAI()

GUIDE = """You convert meeting notes into action items.
Each item: owner, task, due date. Skip small talk.
Return a Markdown table."""


def actions(notes: str) -> str:
    instructions = "Generated at %d.\n" % int(time.time()) + GUIDE
    response = client.responses.create(model="gpt-4.1-mini", instructions=instructions, input=notes)
    return response.output_text
