#include "acronyms.h"

#include "query_builder.h"

#include "mlsys/schema/bundled_data.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/text.h"

#include <cctype>
#include <sstream>

namespace mlsys::query {

namespace {

// A bare word may take part in expansion; quoted text, field-prefixed words and operators
// ("title:gpu", "AND", "-word", "wild*") keep the meaning the user gave them.
bool is_bare_word(const std::string& token) {
    for (const char c : token) {
        if (!std::isalnum(static_cast<unsigned char>(c))) return false;
    }
    return !token.empty() && !is_query_operator(token);
}

std::string quoted(const std::vector<std::string>& words) { return "\"" + text::join(words, " ") + "\""; }

// Splits text into tokens on white space, keeping each quoted stretch as one token.
std::vector<std::string> tokens_of(const std::string& text) {
    std::vector<std::string> tokens;
    std::string current;
    bool in_quotes = false;
    for (const char c : text) {
        if (c == '"') in_quotes = !in_quotes;
        if (!in_quotes && std::isspace(static_cast<unsigned char>(c))) {
            if (!current.empty()) tokens.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty()) tokens.push_back(current);
    return tokens;
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

const AcronymTable::Entry* AcronymTable::acronym_at(const std::string& word) const {
    for (const Entry& entry : entries_) {
        const bool any_case = entry.short_form.size() >= 3;
        if (word == entry.short_form || (any_case && text::lower(word) == text::lower(entry.short_form))) return &entry;
    }
    return nullptr;
}

const AcronymTable::Entry* AcronymTable::expansion_at(const std::vector<std::string>& words, std::size_t start) const {
    for (const Entry& entry : entries_) {
        if (start + entry.expansion.size() > words.size()) continue;
        bool matches = true;
        for (std::size_t i = 0; i < entry.expansion.size() && matches; ++i) {
            // Expansions may hold hyphenated words ("just-in-time"); compare them whole.
            matches = text::lower(words[start + i]) == entry.expansion[i];
        }
        if (matches) return &entry;
    }
    return nullptr;
}

std::string AcronymTable::expand(const std::string& text) const {
    const std::vector<std::string> tokens = tokens_of(text);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < tokens.size();) {
        if (const Entry* entry = expansion_at(tokens, i)) {
            out.push_back("(" + quoted(entry->expansion) + " OR " + entry->short_form + ")");
            i += entry->expansion.size();
            continue;
        }
        const Entry* entry = is_bare_word(tokens[i]) ? acronym_at(tokens[i]) : nullptr;
        out.push_back(entry ? "(" + tokens[i] + " OR " + quoted(entry->expansion) + ")" : tokens[i]);
        ++i;
    }
    return text::join(out, " ");
}

}  // namespace mlsys::query
