// PromptCompression: LLMLingua-style prompt compression with a local Gemma 3 model.
//
// Pipeline (see PromptCompressor): segment the input into pieces (words and word groups kept or dropped
// whole, protected spans, line structure) and coarse units (sentences, list items, headings, code blocks);
// rank the coarse units (question relevance, or a position and structure prior) and give each a keep-rate
// through the budget controller; prune words inside each unit by surprisal conditioned on the already
// compressed text (KV cache reused, contrastive with a question); then fit the exact token budget.
