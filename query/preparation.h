// Query text → tokens → named passes → the text Xapian's QueryParser reads. One tokenizer serves
// every pass, so they agree on what a word, a phrase or a field value is.
#pragma once

#include "mlsys/query/query_analysis.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace mlsys::query {

enum class TokenKind {
    Word,          // serving, data-parallel, optim*, 2018
    Operator,      // AND OR NOT XOR NEAR ADJ, in capitals as the QueryParser reads them
    Phrase,        // "deep learning", quotes included; an unclosed quote runs to the end
    FieldValue,    // title:serving, id:osdi18-tvm, venue: (anything with a colon)
    Prefix,        // + or - before a term: must, must not
    OpenBracket,   // (
    CloseBracket,  // )
};

struct Token {
    TokenKind kind = TokenKind::Word;
    std::string text;    // as written: a phrase keeps its quotes
    bool spaced = true;  // white space (or the start of the text) comes before it
    bool operator==(const Token& other) const {
        return kind == other.kind && text == other.text && spaced == other.spaced;
    }
};

using Tokens = std::vector<Token>;

// Whether `word` is one of the QueryParser's boolean operators (in capitals, as it reads them).
bool is_query_operator(std::string_view word);

// Letters, digits and any byte of a non-ASCII character.
bool is_word_byte(char c);

// The tokens of query text. Runs of white space separate tokens and are otherwise dropped.
Tokens tokens_of(std::string_view text);

// A term as a token: a field value (it has a colon), an operator, or a word; an operator's
// spelling right after a + or - prefix is a word.
Token term_token(std::string text, bool spaced, bool after_prefix = false);

// The tokens as query text, one space wherever white space separated them.
std::string text_of(const Tokens& tokens);

// The tokens as `kind[text]`, for --analyze: "word[RDMA] open[(]word[gpu]".
std::string described(const Tokens& tokens);

// Whether tokens[i] has white space (or an end of the text) on both sides: "RDMA" in
// "use RDMA now", not in "(RDMA" or "RDMA*".
bool stands_alone(const Tokens& tokens, std::size_t i);

// `text` with every byte that is not part of a word made a space: quotes, brackets, colons and
// operators' punctuation gone, offsets kept (the spelling corrector answers in the same shape).
std::string word_bytes_of(const std::string& text);

// The words a query that found nothing is retried with: word_bytes_of(text), less field names
// ("author:martin" searches "martin", never the word "author") and boolean fields' values
// ("venue:icfp", "id:osdi18-tvm" are no words of a paper's text). Offsets are kept.
std::string plain_words_of(const std::string& text);

// One named step of query preparation.
struct PreparationPass {
    std::string_view name;
    std::function<Tokens(const Tokens&)> apply;
};

// Xapian reads "cross-linking" as the phrase "cross linking", which then scores nothing for a
// paper that writes "cross-link" or "linking" alone: hyphens and slashes inside a word
// ("ischaemia/reperfusion") split it. A leading "-" (NOT) is a prefix, not inside a word;
// phrases, which the user asked for, and boolean fields' values ("id:osdi18-tvm") are kept, and
// so is a term after a + or - prefix ("-data-parallel"), which the prefix marks whole: split,
// only its first piece would be excluded and the rest searched for.
Tokens split_hyphenated_words(const Tokens& tokens);

// Words, also inside phrases and in free-text fields' values ("title:Martín"), are folded as the
// indexer folds them (analysis::fold): "Martín" finds "Martin", "ﬁ" "fi", "Tux²" "tux2". Lower
// case also matters to Xapian, which leaves capitalised words unstemmed ("Antibiotics" would
// not match "antibiotic"). Operators keep their capitals, and boolean fields' values their
// spelling (ids are case-sensitive; the field processor folds the rest).
Tokens fold_words(const Tokens& tokens);

// Whether the tokens are only terms with a - prefix ("-gpu -\"parameter server\"").
bool excludes_only(const Tokens& tokens);

// Xapian's QueryParser cannot read a query of excluded terms alone ("-gpu": it has nothing to
// exclude them from), so it reads the text again without operators and searches for "gpu",
// the opposite of what was asked. Such a query becomes "NOT gpu NOT tpu", which FLAG_PURE_NOT
// reads as every paper AND_NOT the terms; any other query is left as it is.
Tokens negate_exclusions_alone(const Tokens& tokens);

// The passes, in the order they apply: "acronyms" (the bundled table, which reads capitals),
// "fold", "hyphens" (after fold, so a look-alike dash or slash splits a word too), "negation".
const std::vector<PreparationPass>& preparation_passes();

struct PreparedText {
    Tokens tokens;                   // of the input
    std::vector<QueryStage> passes;  // the text after each pass, in order
    std::string text;                // after the last pass: what the QueryParser reads
};

PreparedText prepare(const std::string& text);

}  // namespace mlsys::query
