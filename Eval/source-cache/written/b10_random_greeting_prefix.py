"""Persona variety: a random opener placed before the instructions."""
import random

import litellm

OPENERS = ["Be upbeat.", "Be calm.", "Be playful.", "Be concise."]

INSTRUCTIONS = """You are the onboarding guide for a note-taking app.
Walk the user through creating a notebook, tagging a note and sharing it.
Never ask for passwords."""


def guide(messages):
    system = f"{random.choice(OPENERS)} {INSTRUCTIONS}"
    return litellm.completion(
        model="gpt-4o-mini",
        messages=[{"role": "system", "content": system}] + messages,
    )
