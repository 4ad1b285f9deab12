// PromptCompression
