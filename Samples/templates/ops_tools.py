"""Operations assistant: the system prompt names the enabled tools.

PL007: `", ".join(ENABLED_TOOLS)` iterates a set, whose order follows string hashing and changes from
process to process, so every worker sends a different system prompt for the same tools. The fix is
`", ".join(sorted(ENABLED_TOOLS))`. (A dict built here would be fine: dicts keep insertion order.)
"""
from anthropic import Anthropic

ENABLED_TOOLS = {"read_logs", "list_deployments", "summarise_incident"}

SYSTEM_PROMPT = (
    "You are an operations assistant with read-only access to these deployment tools: "
    + ", ".join(ENABLED_TOOLS)
    + ". Use the tools to inspect deployments, read logs and summarise incidents. Never suggest restarting a"
    " production service without asking the on-call engineer first, and always include the deployment id"
    " and region in your summaries. Prefer the most recent log lines when they conflict with older ones."
)


def ask(client: Anthropic, request: str):
    return client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=1024,
        system=SYSTEM_PROMPT,
        messages=[{"role": "user", "content": request}],
    )
