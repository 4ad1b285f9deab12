// The first (cached) user message carries the time; the static few-shot examples follow it.
import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic();

const EXAMPLES = [
  { role: "assistant", content: "Understood. Send the first invoice." },
  { role: "user", content: "Invoice 118: 3 x chairs, 2 x desks" },
  { role: "assistant", content: '{"chairs": 3, "desks": 2}' },
];

export async function extract(invoice) {
  return client.messages.create({
    model: "claude-3-5-haiku-latest",
    max_tokens: 300,
    system: "Extract item counts from invoices as JSON.",
    messages: [
      { role: "user", content: `Batch started ${new Date().toUTCString()}. Extract counts from the invoices I send.` },
      ...EXAMPLES,
      { role: "user", content: invoice },
    ],
  });
}
