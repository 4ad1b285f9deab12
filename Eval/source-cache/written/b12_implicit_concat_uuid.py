"""Implicit string concatenation with a request id in the middle."""
from uuid import uuid4

from openai import OpenAI

client = OpenAI()


def classify(text: str) -> str:
    request_id = str(uuid4())
    system = (
        "You label customer e-mails. "
        f"Request {request_id}. "
        "Labels: billing, shipping, bug, praise, other. "
        "Answer with the label only."
    )
    out = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "system", "content": system}, {"role": "user", "content": text}],
    )
    return out.choices[0].message.content.strip()
