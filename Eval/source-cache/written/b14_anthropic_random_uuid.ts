// Anthropic SDK: a per-request id inside the cached system block.
import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic();

const GUIDE = `You triage bug reports. Ask for steps to reproduce, expected and actual
behaviour, and the version. Reply with a short checklist.`;

export async function triage(history: Anthropic.MessageParam[]) {
  const runId = crypto.randomUUID();
  return client.messages.create({
    model: "claude-sonnet-4-5",
    max_tokens: 800,
    system: [
      { type: "text", text: `run=${runId}\n${GUIDE}`, cache_control: { type: "ephemeral" } },
    ],
    messages: history,
  });
}
