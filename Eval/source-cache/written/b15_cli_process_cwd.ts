// CLI agent: working directory first, then the long static instructions.
import OpenAI from "openai";
import os from "node:os";

const client = new OpenAI();

const INSTRUCTIONS = [
  "You are a shell helper.",
  "Explain each command before running it.",
  "Never delete files without asking.",
  "Prefer portable POSIX flags.",
].join("\n");

export function systemPrompt(): string {
  return [`cwd: ${process.cwd()}`, `host: ${os.hostname()}`, INSTRUCTIONS].join("\n");
}

export async function ask(messages: OpenAI.ChatCompletionMessageParam[]) {
  return client.chat.completions.create({
    model: "gpt-4o",
    messages: [{ role: "system", content: systemPrompt() }, ...messages],
  });
}
