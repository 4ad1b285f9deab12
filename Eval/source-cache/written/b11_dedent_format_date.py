"""Prompt built with textwrap.dedent and .format, date first."""
import textwrap
from datetime import datetime

from openai import OpenAI

client = OpenAI()

SYSTEM_TEMPLATE = textwrap.dedent("""\
    Date: {date}
    You are a code reviewer. Point out bugs first, then style.
    Quote the exact line you comment on. Keep each comment under 40 words.
""")


def review(diff: str) -> str:
    system = SYSTEM_TEMPLATE.format(date=datetime.now().strftime("%Y-%m-%d %H:%M"))
    r = client.responses.create(model="gpt-4.1", instructions=system, input=diff)
    return r.output_text
