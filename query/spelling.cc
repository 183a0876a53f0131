#include "spelling.h"

#include "preparation.h"

#include "mlsys/schema/analysis.h"

namespace mlsys::query {

namespace {

// The edit distance a correction may take, by the word's length in bytes: none for one or two
// letters, one up to five, two beyond (Elasticsearch's "AUTO" fuzziness). Xapian's default of
// two for every word turns short names into other short words ("tvm" → "tim").
unsigned max_edits(const std::string& word) {
    if (word.size() <= 2) return 0;
    return word.size() <= 5 ? 1 : 2;
}

// The runs of word bytes in `text` and what lies between them, handed to `on_word` and
// `on_other` in order: "data-parallel" is "data", "-", "parallel".
template <typename OnWord, typename OnOther>
void for_each_run(const std::string& text, OnWord on_word, OnOther on_other) {
    std::size_t i = 0;
    while (i < text.size()) {
        const bool word = is_word_byte(text[i]);
        std::size_t end = i;
        while (end < text.size() && is_word_byte(text[end]) == word) ++end;
        const std::string run = text.substr(i, end - i);
        word ? on_word(run) : on_other(run);
        i = end;
    }
}

}  // namespace

SpellingCorrector::SpellingCorrector(const Xapian::Database& db) : db_(db) {}

std::string SpellingCorrector::correction(const std::string& text) const {
    Tokens tokens = tokens_of(text);
    bool changed = false;
    for (Token& token : tokens) {
        // Words inside a phrase are words too; field values, operators and prefixes are not.
        if (token.kind != TokenKind::Word && token.kind != TokenKind::Phrase) continue;
        std::string rewritten;
        for_each_run(
            token.text,
            [&](const std::string& word) {
                const std::string corrected = corrected_word(word);
                changed = changed || !corrected.empty();
                rewritten += corrected.empty() ? word : corrected;
            },
            [&](const std::string& other) { rewritten += other; });
        token.text = rewritten;
    }
    return changed ? text_of(tokens) : "";
}

std::string SpellingCorrector::corrected_word(const std::string& word) const {
    // The index and its dictionary hold folded words: "Martín" is "martin", "Tux²" "tux2".
    const std::string lower = analysis::fold(word);
    if (analysis::stopper()(lower) || index_holds(lower)) return "";
    const unsigned edits = max_edits(lower);
    if (edits == 0) return "";
    const std::string suggestion = db_.get_spelling_suggestion(lower, edits);
    return suggestion == lower ? "" : suggestion;
}

bool SpellingCorrector::index_holds(const std::string& lower_word) const {
    // Every free-text field is also indexed unprefixed, so these two terms cover them all.
    return db_.term_exists(lower_word) || db_.term_exists(analysis::stem_term(lower_word));
}

}  // namespace mlsys::query
