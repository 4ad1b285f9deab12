"""A request id goes into metadata and a header, never into the prompt."""
import uuid

from openai import OpenAI

client = OpenAI()

SYSTEM = "You rewrite product titles to be under 60 characters, keeping brand and model."


def rewrite(title: str) -> str:
    request_id = str(uuid.uuid4())
    out = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": title},
        ],
        metadata={"request_id": request_id},
        extra_headers={"X-Request-Id": request_id},
        store=True,
    )
    return out.choices[0].message.content
