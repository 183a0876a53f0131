#include "acronyms.h"

#include "mlsys/schema/bundled_data.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/text.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace mlsys::query {

namespace {

// An acronym as a table may hold it, or a query word may be: letters and digits, no operator.
bool is_bare_word(const std::string& word) {
    const auto is_alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    return !word.empty() && std::all_of(word.begin(), word.end(), is_alnum) && !is_query_operator(word);
}

Token phrase_of(const std::vector<std::string>& words) {
    return {TokenKind::Phrase, "\"" + text::join(words, " ") + "\""};
}

// `(first OR second)`, standing alone as the words it replaces did.
void append_alternatives(Token first, Token second, Tokens& out) {
    first.spaced = false;
    second.spaced = true;
    out.push_back({TokenKind::OpenBracket, "(", true});
    out.push_back(std::move(first));
    out.push_back({TokenKind::Operator, "OR", true});
    out.push_back(std::move(second));
    out.push_back({TokenKind::CloseBracket, ")", false});
}

}  // namespace

AcronymTable AcronymTable::parse(std::string_view tsv, const std::string& source_name) {
    constexpr std::string_view kRowFormat = "ACRONYM<TAB>expansion";
    AcronymTable table;
    for (const bundled::TableRow& row : bundled::table_rows(tsv, source_name, 2, kRowFormat)) {
        Entry entry;
        entry.short_form = row.columns[0];
        std::istringstream words(text::lower(row.columns[1]));
        for (std::string word; words >> word;) entry.expansion.push_back(word);
        if (!is_bare_word(entry.short_form)) bundled::reject_row(row, source_name, kRowFormat);
        table.entries_.push_back(std::move(entry));
    }
    return table;
}

const AcronymTable& AcronymTable::bundled() {
    static const AcronymTable table = parse(bundled::acronyms_tsv(), "data/acronyms.tsv");
    return table;
}

const AcronymTable::Entry* AcronymTable::acronym_at(const Tokens& tokens, std::size_t i) const {
    const Token& token = tokens[i];
    if (token.kind != TokenKind::Word || !stands_alone(tokens, i) || !is_bare_word(token.text)) return nullptr;
    for (const Entry& entry : entries_) {
        const bool any_case = entry.short_form.size() >= 3;
        if (token.text == entry.short_form || (any_case && text::lower(token.text) == text::lower(entry.short_form))) {
            return &entry;
        }
    }
    return nullptr;
}

const AcronymTable::Entry* AcronymTable::expansion_at(const Tokens& tokens, std::size_t start) const {
    for (const Entry& entry : entries_) {
        if (start + entry.expansion.size() > tokens.size()) continue;
        bool matches = true;
        for (std::size_t i = 0; i < entry.expansion.size() && matches; ++i) {
            // Expansions may hold hyphenated words ("just-in-time"); compare them whole.
            matches = stands_alone(tokens, start + i) && text::lower(tokens[start + i].text) == entry.expansion[i];
        }
        if (matches) return &entry;
    }
    return nullptr;
}

Tokens AcronymTable::expand(const Tokens& tokens) const {
    Tokens out;
    for (std::size_t i = 0; i < tokens.size();) {
        if (const Entry* entry = expansion_at(tokens, i)) {
            append_alternatives(phrase_of(entry->expansion), {TokenKind::Word, entry->short_form}, out);
            i += entry->expansion.size();
        } else if (const Entry* acronym = acronym_at(tokens, i)) {
            append_alternatives(tokens[i], phrase_of(acronym->expansion), out);
            ++i;
        } else {
            out.push_back(tokens[i++]);
        }
    }
    return out;
}

std::string AcronymTable::expand(const std::string& text) const {
    return text_of(expand(tokens_of(text)));
}

}  // namespace mlsys::query
