"""The volatile value reaches the prompt through a helper function."""
import time

from openai import OpenAI

client = OpenAI()


def _stamp() -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S")


def build_system_prompt() -> str:
    header = "Session started " + _stamp()
    return "\n".join([
        header,
        "You are a SQL tutor. Explain each query step by step.",
        "Never run statements that modify data.",
        "Answer in the language of the question.",
    ])


def ask(question: str):
    return client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": build_system_prompt()},
            {"role": "user", "content": question},
        ],
    )
