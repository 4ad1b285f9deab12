// Per-user e-mail and plan interpolated at the top of a long system prompt.
import OpenAI from "openai";

const client = new OpenAI();

const PLAYBOOK = `Follow the support playbook:
1. Greet the customer and restate the problem.
2. Search the knowledge base.
3. Offer at most two solutions.
4. Ask whether the problem is solved.`;

export async function support(user: { email: string; plan: string }, question: string) {
  const system = `Customer: ${user.email} (${user.plan})\n${PLAYBOOK}`;
  return client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: system },
      { role: "user", content: question },
    ],
  });
}
