// LangChain.js: the system template is formatted with the date for every call.
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { ChatOpenAI } from "@langchain/openai";

const prompt = ChatPromptTemplate.fromMessages([
  ["system", "Today is {today}. You are a financial news summarizer. Use neutral language, no advice."],
  ["human", "{article}"],
]);

const model = new ChatOpenAI({ model: "gpt-4o-mini" });

export async function summarize(article: string) {
  const messages = await prompt.formatMessages({
    today: new Date().toLocaleString("en-US"),
    article,
  });
  return model.invoke(messages);
}
