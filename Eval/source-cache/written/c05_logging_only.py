"""Time, ids and cwd are logged; the prompt itself is constant."""
import logging
import os
import time
import uuid

from openai import OpenAI

log = logging.getLogger(__name__)
client = OpenAI()

SYSTEM = "You translate English UI strings into German. Keep placeholders like {count} unchanged."


def translate(text: str) -> str:
    call_id = uuid.uuid4()
    log.info("translate call %s at %s in %s", call_id, time.time(), os.getcwd())
    out = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": text}],
    )
    log.debug(f"call {call_id} finished at {time.strftime('%H:%M:%S')}")
    return out.choices[0].message.content
