"""User profile from the request body serialised into the system prompt."""
import json

from flask import Flask, request
from openai import OpenAI

app = Flask(__name__)
client = OpenAI()

GUIDE = "Recommend at most three products. Explain each choice in one line."


@app.post("/recommend")
def recommend():
    body = request.get_json()
    profile = json.dumps(body["profile"])
    system = f"Customer profile: {profile}\n\n{GUIDE}"
    result = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": system},
            {"role": "user", "content": body["question"]},
        ],
    )
    return {"answer": result.choices[0].message.content}
