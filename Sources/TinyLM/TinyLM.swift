// TinyLM
