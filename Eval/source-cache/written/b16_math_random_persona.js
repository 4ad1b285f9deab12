// Express handler: random persona seed placed before the rules.
const OpenAI = require("openai");

const client = new OpenAI();

const RULES = "Answer questions about our API. Show curl examples. Never reveal keys.";

async function handler(req, res) {
  const seed = Math.floor(Math.random() * 1000);
  const system = "Persona seed " + seed + ". " + RULES;
  const out = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: system },
      ...req.body.messages,
    ],
  });
  res.json(out.choices[0].message);
}

module.exports = { handler };
