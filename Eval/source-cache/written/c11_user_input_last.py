"""Per-user data only in the final user message; system and few-shots are fixed."""
from openai import OpenAI

client = OpenAI()

FEW_SHOT = [
    {"role": "user", "content": "Order 12 arrived broken"},
    {"role": "assistant", "content": "category: damaged"},
    {"role": "user", "content": "Where is my parcel?"},
    {"role": "assistant", "content": "category: tracking"},
]


def categorize(user_name: str, message: str) -> str:
    out = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Categorize support messages. Reply 'category: <name>'."},
            *FEW_SHOT,
            {"role": "user", "content": f"From {user_name}: {message}"},
        ],
    )
    return out.choices[0].message.content
