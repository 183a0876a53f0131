#include "mlsys/schema/analysis.h"

#include "mlsys/schema/bundled_data.h"
#include "mlsys/schema/schema.h"
#include "mlsys/schema/text.h"

#include <algorithm>
#include <cctype>

namespace mlsys::analysis {

Xapian::Stem stemmer() { return Xapian::Stem("english"); }

const Xapian::SimpleStopper& stopper() {
    // Stoppers cannot be copied: fill the one static in place, once.
    static Xapian::SimpleStopper words;
    static const bool filled = [] {
        for (const bundled::TableRow& row : bundled::table_rows(bundled::stopwords_txt(), "data/stopwords.txt", 1, "word")) {
            words.add(row.columns[0]);
        }
        return true;
    }();
    (void)filled;
    return words;
}

std::string normalise_category(std::string_view category) {
    std::vector<std::string> segments;
    for (const std::string& segment : text::split(category, schema::kPathSeparator)) {
        std::string squeezed = text::squeeze_spaces(segment);
        if (!squeezed.empty()) segments.push_back(std::move(squeezed));
    }
    return text::join(segments, std::string(1, schema::kPathSeparator));
}

std::vector<std::string> category_paths(std::string_view category) {
    std::vector<std::string> paths;
    std::string path;
    for (const std::string& segment : text::split(normalise_category(category), schema::kPathSeparator)) {
        if (segment.empty()) continue;
        if (!path.empty()) path += schema::kPathSeparator;
        path += segment;
        paths.push_back(path);
    }
    return paths;
}

std::optional<int> four_digit_year(std::string_view text) {
    const bool four_digits = text.size() == 4 && std::all_of(text.begin(), text.end(), [](char c) {
                                 return std::isdigit(static_cast<unsigned char>(c)) != 0;
                             });
    if (!four_digits) return std::nullopt;
    return std::stoi(std::string(text));
}

namespace {
// Prefixes are upper case; words and stems' words start with a lower-case letter or a digit.
bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
}  // namespace

bool is_unprefixed_word(const std::string& term) { return !term.empty() && !is_upper(term[0]); }

bool is_unprefixed_stem(const std::string& term) { return term.size() > 1 && term[0] == 'Z' && !is_upper(term[1]); }

std::string stem_term(const std::string& word) { return "Z" + stemmer()(word); }

std::string word_of(const std::string& term) { return is_unprefixed_stem(term) ? term.substr(1) : term; }

std::string in_field(const std::string& term, std::string_view prefix) {
    if (is_unprefixed_stem(term)) return "Z" + std::string(prefix) + word_of(term);
    return std::string(prefix) + term;
}

std::vector<std::string> terms_in_order(const std::string& text, const std::string& prefix) {
    Xapian::Document scratch;
    Xapian::TermGenerator generator;
    generator.set_document(scratch);
    generator.index_text(text, 1, prefix);
    std::vector<std::pair<Xapian::termpos, std::string>> positioned;
    for (auto term = scratch.termlist_begin(); term != scratch.termlist_end(); ++term) {
        for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
            positioned.emplace_back(*pos, *term);
        }
    }
    std::sort(positioned.begin(), positioned.end());
    std::vector<std::string> terms;
    for (auto& [pos, term] : positioned) terms.push_back(std::move(term));
    return terms;
}

}  // namespace mlsys::analysis
