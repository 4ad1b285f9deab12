// Vercel AI SDK: static system prompt; the date is appended to the new user message only.
import { generateText } from "ai";
import { openai } from "@ai-sdk/openai";

const SYSTEM = `You are a fitness coach. Plan workouts around the days the user names.
Keep every plan under 45 minutes.`;

export async function plan(history: { role: "user" | "assistant"; content: string }[], ask: string) {
  const today = new Date().toDateString();
  return generateText({
    model: openai("gpt-4o-mini"),
    system: SYSTEM,
    messages: [...history, { role: "user", content: `${ask}\n\n(today: ${today})` }],
  });
}
