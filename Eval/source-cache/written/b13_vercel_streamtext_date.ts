// Next.js route: the system prompt opens with the current date and time.
import { openai } from "@ai-sdk/openai";
import { streamText, convertToModelMessages, type UIMessage } from "ai";

const RULES = `You are a cooking assistant.
Suggest recipes from the ingredients the user lists.
Always give quantities in grams and the total time.`;

export async function POST(req: Request) {
  const { messages }: { messages: UIMessage[] } = await req.json();
  const result = streamText({
    model: openai("gpt-4o-mini"),
    system: `Now: ${new Date().toISOString()}\n\n${RULES}`,
    messages: convertToModelMessages(messages),
  });
  return result.toUIMessageStreamResponse();
}
