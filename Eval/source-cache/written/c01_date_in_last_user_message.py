"""The date goes only into the last user message; the system prompt is static."""
from datetime import datetime

from openai import OpenAI

client = OpenAI()

SYSTEM_PROMPT = """You are a scheduling assistant. Resolve relative dates
("next Friday", "in two weeks") against the date given in the user's message."""


def schedule(history: list[dict], request: str) -> str:
    today = datetime.now().strftime("%A %Y-%m-%d")
    messages = [{"role": "system", "content": SYSTEM_PROMPT}, *history]
    messages.append({"role": "user", "content": f"(Today is {today}.) {request}"})
    out = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
    return out.choices[0].message.content
