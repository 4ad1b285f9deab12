// A trace id travels in a header and in a log line, never in the prompt.
import OpenAI from "openai";

const client = new OpenAI();

const SYSTEM_PROMPT = "You turn bullet notes into a polite e-mail. Keep it under 120 words.";

export async function draft(notes: string) {
  const traceId = crypto.randomUUID();
  console.log(`[${new Date().toISOString()}] draft ${traceId}`);
  return client.chat.completions.create(
    {
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: SYSTEM_PROMPT },
        { role: "user", content: notes },
      ],
    },
    { headers: { "x-trace-id": traceId } },
  );
}
