#include "preparation.h"

#include "acronyms.h"

#include "mlsys/schema/analysis.h"
#include "mlsys/schema/schema.h"
#include "mlsys/schema/text.h"

#include <array>
#include <cctype>

namespace mlsys::query {

namespace {

// What ends a term: white space, a bracket or a quote.
bool ends_term(char c) {
    return text::is_space(c) || c == '(' || c == ')' || c == '"';
}

bool is_prefix(char c) {
    return c == '+' || c == '-';
}

// What a + or - prefix can mark: a word, a phrase or a field's value.
bool is_term(TokenKind kind) {
    return kind == TokenKind::Word || kind == TokenKind::Phrase || kind == TokenKind::FieldValue;
}

// From the quote at `start` to the closing one, or to the end when there is none.
std::size_t phrase_end(std::string_view text, std::size_t start) {
    const std::size_t close = text.find('"', start + 1);
    return close == std::string_view::npos ? text.size() : close + 1;
}

std::size_t term_end(std::string_view text, std::size_t start) {
    std::size_t end = start;
    while (end < text.size() && !ends_term(text[end])) ++end;
    return end;
}

// Whether the token just added to `tokens` is a + or - that the next one, joined to it, follows.
bool follows_prefix(const Tokens& tokens, bool spaced) {
    return !spaced && !tokens.empty() && tokens.back().kind == TokenKind::Prefix;
}

// The token that starts at `start`, which is not white space.
Token token_at(std::string_view text, std::size_t start, bool spaced, bool after_prefix) {
    const char c = text[start];
    if (c == '(') return {TokenKind::OpenBracket, "(", spaced};
    if (c == ')') return {TokenKind::CloseBracket, ")", spaced};
    if (c == '"') return {TokenKind::Phrase, std::string(text.substr(start, phrase_end(text, start) - start)), spaced};
    // A lone "-" is a word the QueryParser drops, not a prefix of the next word.
    if (is_prefix(c) && start + 1 < text.size() && !text::is_space(text[start + 1])) {
        return {TokenKind::Prefix, std::string(1, c), spaced};
    }
    return term_token(std::string(text.substr(start, term_end(text, start) - start)), spaced, after_prefix);
}

// Whether the word bytes just before `colon` name a boolean field ("id", "venue", "references").
bool follows_boolean_field_name(const std::string& text, std::size_t colon) {
    std::size_t start = colon;
    while (start > 0 && is_word_byte(text[start - 1])) --start;
    const schema::Field* field = schema::find_field(std::string_view(text).substr(start, colon - start));
    return field != nullptr && field->indexing == schema::Indexing::Boolean;
}

bool is_hyphen_or_slash_inside_word(const std::string& text, std::size_t i) {
    const char c = text[i];
    return (c == '-' || c == '/') && i > 0 && i + 1 < text.size() && is_word_byte(text[i - 1]) &&
           is_word_byte(text[i + 1]);
}

// Appends `term` to `out` split at its inner hyphens and slashes, except in a boolean field's
// value, which starts at its colon and runs to white space or ')' (`in_boolean_value` carries
// it across tokens: "id:(osdi18-tvm)").
void append_split_term(const Token& term, bool& in_boolean_value, Tokens& out) {
    std::string piece;
    bool spaced = term.spaced;
    const auto append_piece = [&] { out.push_back(term_token(piece, spaced, follows_prefix(out, spaced))); };
    for (std::size_t i = 0; i < term.text.size(); ++i) {
        if (term.text[i] == ':' && follows_boolean_field_name(term.text, i)) in_boolean_value = true;
        if (!in_boolean_value && is_hyphen_or_slash_inside_word(term.text, i)) {
            append_piece();
            piece.clear();
            spaced = true;
        } else {
            piece += term.text[i];
        }
    }
    append_piece();
}

// A phrase's words folded, except operators and words with a colon, as outside phrases.
std::string folded_phrase(const std::string& phrase) {
    std::string out;
    std::string word;
    const auto flush = [&] {
        const bool keep = is_query_operator(word) || word.find(':') != std::string::npos;
        out += keep ? word : analysis::fold(word);
        word.clear();
    };
    for (const char c : phrase) {
        if (ends_term(c)) {
            flush();
            out += c;
        } else {
            word += c;
        }
    }
    flush();
    return out;
}

// The field a field value token names before its colon ("title" in "title:Martín"), or nullptr.
const schema::Field* field_named_in(const Token& token) {
    return schema::find_field(std::string_view(token.text).substr(0, token.text.find(':')));
}

bool is_free_text_field(const schema::Field* field) {
    return field != nullptr && field->indexing == schema::Indexing::FreeText;
}

// A free-text field's value is words like any other ("title:Martín" → "title:martin"); a
// boolean field's value is left to its field processor, which folds all but paper ids.
std::string folded_field_value(const Token& token) {
    if (!is_free_text_field(field_named_in(token))) return token.text;
    const std::size_t value = token.text.find(':') + 1;
    return token.text.substr(0, value) + analysis::fold(token.text.substr(value));
}

// Whether `phrase` is the value of the boolean field token before it ("id:" in `id:"x"`).
bool is_boolean_field_value(const Tokens& tokens, std::size_t phrase) {
    if (phrase == 0 || tokens[phrase].spaced) return false;
    const Token& before = tokens[phrase - 1];
    return before.kind == TokenKind::FieldValue && before.text.back() == ':' &&
           !is_free_text_field(field_named_in(before));
}

std::string_view kind_name(TokenKind kind) {
    switch (kind) {
        case TokenKind::Word:
            return "word";
        case TokenKind::Operator:
            return "operator";
        case TokenKind::Phrase:
            return "phrase";
        case TokenKind::FieldValue:
            return "field";
        case TokenKind::Prefix:
            return "prefix";
        case TokenKind::OpenBracket:
            return "open";
        case TokenKind::CloseBracket:
            return "close";
    }
    return "?";
}

}  // namespace

bool is_query_operator(std::string_view word) {
    static constexpr std::array<std::string_view, 6> kOperators{"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    for (const std::string_view op : kOperators) {
        if (word == op) return true;
    }
    return false;
}

bool is_word_byte(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return std::isalnum(byte) || byte >= 0x80;
}

Tokens tokens_of(std::string_view text) {
    Tokens tokens;
    bool spaced = true;
    for (std::size_t i = 0; i < text.size();) {
        if (text::is_space(text[i])) {
            spaced = true;
            ++i;
            continue;
        }
        tokens.push_back(token_at(text, i, spaced, follows_prefix(tokens, spaced)));
        i += tokens.back().text.size();
        spaced = false;
    }
    return tokens;
}

Token term_token(std::string text, bool spaced, bool after_prefix) {
    TokenKind kind = TokenKind::Word;
    if (text.find(':') != std::string::npos) {
        kind = TokenKind::FieldValue;
    } else if (is_query_operator(text) && !after_prefix) {  // "-AND" hates a word
        kind = TokenKind::Operator;
    }
    return {kind, std::move(text), spaced};
}

std::string text_of(const Tokens& tokens) {
    std::string text;
    for (const Token& token : tokens) {
        if (token.spaced && !text.empty()) text += ' ';
        text += token.text;
    }
    return text;
}

std::string described(const Tokens& tokens) {
    std::string description;
    for (const Token& token : tokens) {
        if (token.spaced && !description.empty()) description += ' ';
        description += std::string(kind_name(token.kind)) + "[" + token.text + "]";
    }
    return description;
}

bool stands_alone(const Tokens& tokens, std::size_t i) {
    return tokens[i].spaced && (i + 1 == tokens.size() || tokens[i + 1].spaced);
}

std::string word_bytes_of(const std::string& text) {
    std::string words;
    for (const char c : text) words += is_word_byte(c) ? c : ' ';
    return words;
}

std::string plain_words_of(const std::string& text) {
    std::string words = word_bytes_of(text);
    for (std::size_t colon = text.find(':'); colon != std::string::npos; colon = text.find(':', colon + 1)) {
        std::size_t start = colon;
        while (start > 0 && is_word_byte(text[start - 1])) --start;
        const schema::Field* field = schema::find_field(std::string_view(text).substr(start, colon - start));
        if (field == nullptr) continue;
        std::size_t end = colon + 1;  // the name alone, or with a boolean field's value
        if (field->indexing == schema::Indexing::Boolean) {
            end = text[end] == '"' ? phrase_end(text, end) : term_end(text, end);
        }
        words.replace(start, end - start, end - start, ' ');
    }
    return words;
}

Tokens split_hyphenated_words(const Tokens& tokens) {
    Tokens out;
    bool in_boolean_value = false;
    for (const Token& token : tokens) {
        if (token.spaced || token.kind == TokenKind::CloseBracket) in_boolean_value = false;
        const bool prefixed = follows_prefix(out, token.spaced);
        if ((token.kind == TokenKind::Word || token.kind == TokenKind::FieldValue) && !prefixed) {
            append_split_term(token, in_boolean_value, out);
        } else {
            out.push_back(token);
        }
    }
    return out;
}

Tokens fold_words(const Tokens& tokens) {
    Tokens out = tokens;
    for (std::size_t i = 0; i < out.size(); ++i) {
        Token& token = out[i];
        if (token.kind == TokenKind::Word) token.text = analysis::fold(token.text);
        if (token.kind == TokenKind::Phrase && !is_boolean_field_value(out, i)) token.text = folded_phrase(token.text);
        if (token.kind == TokenKind::FieldValue) token.text = folded_field_value(token);
    }
    return out;
}

bool excludes_only(const Tokens& tokens) {
    if (tokens.empty()) return false;
    for (std::size_t i = 0; i < tokens.size(); i += 2) {
        const bool excluded = tokens[i].kind == TokenKind::Prefix && tokens[i].text == "-" && i + 1 < tokens.size() &&
                              !tokens[i + 1].spaced && is_term(tokens[i + 1].kind);
        if (!excluded) return false;
    }
    return true;
}

Tokens negate_exclusions_alone(const Tokens& tokens) {
    if (!excludes_only(tokens)) return tokens;
    Tokens out;
    for (std::size_t i = 0; i < tokens.size(); i += 2) {
        out.push_back({TokenKind::Operator, "NOT", true});
        out.push_back({tokens[i + 1].kind, tokens[i + 1].text, true});
    }
    return out;
}

const std::vector<PreparationPass>& preparation_passes() {
    static const std::vector<PreparationPass> kPasses{
        {"acronyms", [](const Tokens& tokens) { return AcronymTable::bundled().expand(tokens); }},
        {"fold", fold_words},
        {"hyphens", split_hyphenated_words},
        {"negation", negate_exclusions_alone},
    };
    return kPasses;
}

PreparedText prepare(const std::string& text) {
    PreparedText prepared;
    prepared.tokens = tokens_of(text);
    Tokens tokens = prepared.tokens;
    for (const PreparationPass& pass : preparation_passes()) {
        tokens = pass.apply(tokens);
        prepared.passes.push_back({std::string(pass.name), text_of(tokens)});
    }
    prepared.text = text_of(tokens);
    return prepared;
}

}  // namespace mlsys::query
