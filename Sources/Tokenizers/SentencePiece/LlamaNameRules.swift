/// The by-name adjustments llama.cpp makes to token attributes after loading a vocabulary
/// (`llama_vocab::impl::load`), which change how text is split:
///
/// - tokens spelled like an end of turn, end of generation or fill-in-the-middle marker become control tokens
///   (Gemma's `</s>`, stored as user-defined, is one of them, so it is no longer split out of plain text);
/// - a few gpt-oss markers become user-defined;
/// - two model-specific exceptions turn `<|end|>` and `</s>` back.
///
/// llama.cpp walks an unordered map and keeps the first end-of-turn name it meets; this port takes the
/// names in list order, which only differs for a vocabulary holding several of them and no `eot_token_id`.
enum LlamaNameRules {
    static let endOfTurnNames = [
        "<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<|end_of_text|>", "<EOT>",
        "_<EOT>", "[EOT]", "<｜end▁of▁sentence｜>", "<end_of_utterance>",
    ]
    static let fillInMiddleNames = [
        "<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>", "<｜fim▁begin｜>", "<PRE>", "▁<PRE>", "<|code_prefix|>",
        "<|prefix|>", "<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>", "<｜fim▁hole｜>", "<SUF>", "▁<SUF>",
        "<|code_suffix|>", "<|suffix|>", "<|fim_middle|>", "<fim-middle>", "<fim_middle>", "<｜fim▁end｜>", "<MID>",
        "▁<MID>", "<|code_middle|>", "<|middle|>", "<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>", "[PAD]",
        "<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>", "<|file_sep|>",
    ]
    /// Fill-in-the-middle pad, repository and file-separator names: these also end generation.
    static let fillInMiddleEndNames: Set<String> = [
        "<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>", "[PAD]", "<|fim_repo|>", "<|repo_name|>", "<fim-repo>",
        "<REPO>", "<reponame>", "<|file_sep|>",
    ]
    static let endOfGenerationNames = [
        "<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>", "<|call|>", "<|flush|>", "<|calls|>", "<end_of_turn>",
        "<|endoftext|>", "</s>", "<|eom_id|>", "<EOT>", "_<EOT>", "[EOT]", "[EOS]", "<|end_of_text|>",
        "<end_of_utterance>", "<eos>", "<turn|>", "<|tool_response>", "<｜end▁of▁sentence｜>", "[e~[",
    ]
    static let alwaysUserDefinedNames = ["<|channel|>", "<|message|>", "<|start|>", "<|constrain|>"]

    static func apply(
        table: ByteStringTable, attributes: inout [TokenAttributes], special: inout SpecialTokenIDs,
        endOfGeneration eog: inout Set<Int32>
    ) {
        func lookup(_ name: String) -> Int32? { table.index(of: name) }

        if special.endOfTurn == nil, let id = endOfTurnNames.lazy.compactMap(lookup).first {
            special.endOfTurn = id
            attributes[Int(id)].insert(.control)
        }
        let endOfMessage = lookup("<|eom_id|>")
        if let id = endOfMessage { attributes[Int(id)].insert(.control) }
        for name in fillInMiddleNames {
            guard let id = lookup(name) else { continue }
            attributes[Int(id)].insert(.control)
            if fillInMiddleEndNames.contains(name) { eog.insert(id) }
        }
        for name in endOfGenerationNames {
            guard let id = lookup(name) else { continue }
            eog.insert(id)
            attributes[Int(id)].insert(.control)
        }
        for name in alwaysUserDefinedNames {
            if let id = lookup(name) { attributes[Int(id)] = .userDefined }
        }
        for id in [special.eos, special.endOfTurn, endOfMessage].compactMap({ $0 }) { eog.insert(id) }

        // gpt-oss and solar-open: "<|end|>" does not end generation when the return/call markers exist.
        func inSet(_ name: String) -> Int32? { lookup(name).flatMap { eog.contains($0) ? $0 : nil } }
        let hasCall = inSet("<|call|>") != nil || inSet("<|calls|>") != nil
        if let end = inSet("<|end|>"), hasCall, inSet("<|return|>") != nil || inSet("<|flush|>") != nil {
            eog.remove(end)
            attributes[Int(end)] = .userDefined
        }
        // Gemma 4 and PLaMo: "</s>" is an ordinary HTML token there.
        if let s = inSet("</s>"), inSet("<|tool_response>") != nil || inSet("<|plamo:eos|>") != nil {
            eog.remove(s)
            attributes[Int(s)] = .normal
        }
    }
}
