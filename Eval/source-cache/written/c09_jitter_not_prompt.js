// Math.random and Date.now only drive retry timing; the messages are constant.
const OpenAI = require("openai");

const client = new OpenAI();
const SYSTEM = "Classify the sentiment of the text as positive, negative or neutral. One word.";

async function classify(text, attempt = 0) {
  const started = Date.now();
  try {
    const out = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: SYSTEM },
        { role: "user", content: text },
      ],
    });
    console.log("took", Date.now() - started, "ms");
    return out.choices[0].message.content;
  } catch (err) {
    const delay = 2 ** attempt * 250 + Math.random() * 100;
    await new Promise((r) => setTimeout(r, delay));
    return classify(text, attempt + 1);
  }
}

module.exports = { classify };
