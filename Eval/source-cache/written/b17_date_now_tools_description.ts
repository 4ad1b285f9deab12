// A tool description carries a timestamp; tools come first in the cached prefix.
import { generateText, tool } from "ai";
import { anthropic } from "@ai-sdk/anthropic";
import { z } from "zod";

export async function run(prompt: string) {
  const generatedAt = Date.now();
  return generateText({
    model: anthropic("claude-3-5-haiku-latest"),
    tools: {
      searchCatalog: tool({
        description: `Search the product catalog (index built at ${generatedAt}).`,
        inputSchema: z.object({ query: z.string() }),
        execute: async ({ query }) => ({ query, hits: [] }),
      }),
    },
    system: "You help shoppers find products. Use searchCatalog before answering.",
    prompt,
  });
}
