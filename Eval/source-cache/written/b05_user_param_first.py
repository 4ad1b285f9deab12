"""Per-user name placed before a long static prompt."""
from openai import OpenAI

client = OpenAI()

STYLE_GUIDE = """Write in plain English. Use short sentences.
Prefer lists for steps. Never use more than three headings.
Quote numbers exactly as given by the tools."""


def reply(user_name: str, plan: str, question: str) -> str:
    system_prompt = "You are assisting %s (plan: %s).\n\n%s" % (user_name, plan, STYLE_GUIDE)
    out = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": system_prompt},
            {"role": "user", "content": question},
        ],
    )
    return out.choices[0].message.content
