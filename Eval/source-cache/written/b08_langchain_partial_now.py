"""LangChain prompt whose system message is filled with the time per call."""
from datetime import datetime

from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder
from langchain_openai import ChatOpenAI

prompt = ChatPromptTemplate.from_messages([
    ("system", "Current time: {now}\nYou are a travel planner. Suggest realistic itineraries, "
               "state opening hours and never invent prices."),
    MessagesPlaceholder("history"),
    ("human", "{question}"),
])

chain = prompt | ChatOpenAI(model="gpt-4o-mini")


def plan(history, question):
    return chain.invoke({
        "now": datetime.utcnow().isoformat(),
        "history": history,
        "question": question,
    })
