#include "mlsys/schema/analysis.h"

#include "mlsys/schema/bundled_data.h"
#include "mlsys/schema/schema.h"
#include "mlsys/schema/text.h"

#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>

namespace mlsys::analysis {

std::string fold(std::string_view text) {
    utf8proc_uint8_t* out = nullptr;
    const auto options = static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                                        UTF8PROC_STRIPMARK | UTF8PROC_IGNORE | UTF8PROC_LUMP);
    const utf8proc_ssize_t length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                                 static_cast<utf8proc_ssize_t>(text.size()), &out, options);
    if (length < 0) return text::lower(text);
    const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
    return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(length));
}

Xapian::Stem stemmer() {
    return Xapian::Stem("english");
}

const Xapian::SimpleStopper& stopper() {
    // Stoppers cannot be copied: fill the one static in place, once.
    static Xapian::SimpleStopper words;
    static const bool filled = [] {
        for (const bundled::TableRow& row :
             bundled::table_rows(bundled::stopwords_txt(), "data/stopwords.txt", 1, "word")) {
            words.add(row.columns[0]);
        }
        return true;
    }();
    (void)filled;
    return words;
}

namespace {

// Characters that look like the path separator: a list may write one to mean '/'.
constexpr std::string_view kSeparatorLookAlikes[] = {"\u2215", "\u2044", "\uFF0F"};

std::string with_separators_folded(std::string_view category) {
    std::string folded(category);
    for (const std::string_view look_alike : kSeparatorLookAlikes) {
        for (std::size_t at = folded.find(look_alike); at != std::string::npos; at = folded.find(look_alike, at)) {
            folded.replace(at, look_alike.size(), 1, schema::kPathSeparator);
        }
    }
    return folded;
}

std::vector<std::string> levels_of(std::string_view category) {
    std::vector<std::string> levels;
    for (const std::string& segment : text::split(with_separators_folded(category), schema::kPathSeparator)) {
        std::string squeezed = text::squeeze_spaces(segment);
        if (!squeezed.empty()) levels.push_back(std::move(squeezed));
    }
    return levels;
}

std::string path_of(std::vector<std::string>::const_iterator first, std::vector<std::string>::const_iterator last) {
    return text::join(std::vector<std::string>(first, last), std::string(1, schema::kPathSeparator));
}

void add_once(std::vector<std::string>& items, std::string item) {
    if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(std::move(item));
}

// The names a level answers to: as written, and without a trailing bracket, which lists add to
// give an abbreviation or examples ("Mixture of Experts (MoE)" is also "Mixture of Experts").
std::vector<std::string> names_of(const std::string& level) {
    std::vector<std::string> names{level};
    const std::size_t bracket = level.rfind(" (");
    if (bracket != std::string::npos && bracket > 0 && level.back() == ')') names.push_back(level.substr(0, bracket));
    return names;
}

}  // namespace

std::string normalise_category(std::string_view category) {
    const std::vector<std::string> levels = levels_of(category);
    return path_of(levels.begin(), levels.end());
}

std::vector<std::string> category_paths(std::string_view category) {
    const std::vector<std::string> levels = levels_of(category);
    std::vector<std::string> paths;
    for (std::size_t depth = 1; depth <= levels.size(); ++depth)
        paths.push_back(path_of(levels.begin(), levels.begin() + depth));
    return paths;
}

std::vector<std::string> category_paths(const std::vector<std::string>& categories) {
    std::vector<std::string> paths;
    for (const std::string& category : categories) {
        for (std::string& path : category_paths(category)) add_once(paths, std::move(path));
    }
    return paths;
}

std::vector<std::string> category_keys(std::string_view category) {
    const std::vector<std::string> levels = levels_of(category);
    std::vector<std::string> keys;
    for (std::size_t first = 0; first < levels.size(); ++first) {
        std::vector<std::string> runs;  // the runs from `first` to the level before `last`
        for (std::size_t last = first; last < levels.size(); ++last) {
            std::vector<std::string> longer;
            for (const std::string& name : names_of(levels[last])) {
                if (runs.empty()) longer.push_back(name);
                for (const std::string& run : runs) longer.push_back(run + schema::kPathSeparator + name);
            }
            for (const std::string& key : longer) add_once(keys, key);
            runs = std::move(longer);
        }
    }
    return keys;
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
bool is_upper(char c) {
    return std::isupper(static_cast<unsigned char>(c)) != 0;
}
}  // namespace

bool is_unprefixed_word(const std::string& term) {
    return !term.empty() && !is_upper(term[0]);
}

bool is_unprefixed_stem(const std::string& term) {
    return term.size() > 1 && term[0] == 'Z' && !is_upper(term[1]);
}

std::string stem_term(const std::string& word) {
    return "Z" + stemmer()(word);
}

std::string word_of(const std::string& term) {
    return is_unprefixed_stem(term) ? term.substr(1) : term;
}

std::string in_field(const std::string& term, std::string_view prefix) {
    if (is_unprefixed_stem(term)) return "Z" + std::string(prefix) + word_of(term);
    return std::string(prefix) + term;
}

std::vector<std::string> terms_in_order(const std::string& text, const std::string& prefix) {
    Xapian::Document scratch;
    Xapian::TermGenerator generator;
    generator.set_document(scratch);
    generator.index_text(fold(text), 1, prefix);
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
