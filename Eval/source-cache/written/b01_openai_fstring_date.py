"""Support bot: system prompt built per request with today's date at the top."""
from datetime import datetime

from openai import OpenAI

client = OpenAI()

POLICY = """You answer questions about Acme's refund policy.
Refunds are possible within 30 days of delivery. Never promise a refund
for digital goods. Escalate legal threats to a human agent."""


def answer(question: str) -> str:
    system = f"Today is {datetime.now():%A %d %B %Y, %H:%M}.\n\n{POLICY}"
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": system},
            {"role": "user", "content": question},
        ],
    )
    return response.choices[0].message.content
