"""A Jinja template file rendered with today's date as its first slot."""
from datetime import date

from jinja2 import Environment, FileSystemLoader
from openai import OpenAI

env = Environment(loader=FileSystemLoader("prompts"))
client = OpenAI()


def summarize(report: str) -> str:
    system = env.get_template("analyst.j2").render(today=date.today().isoformat())
    res = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": system},
            {"role": "user", "content": report},
        ],
    )
    return res.choices[0].message.content
