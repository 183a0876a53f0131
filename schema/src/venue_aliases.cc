#include "mlsys/schema/venue_aliases.h"

#include "mlsys/schema/analysis.h"
#include "mlsys/schema/bundled_data.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace mlsys {

namespace {

// The longest alias in data/venue-aliases.tsv has 11 words.
constexpr std::size_t kMaxAliasWords = 12;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}

// Letters and digits of any script: bytes of multi-byte UTF-8 sequences count as word bytes.
bool is_word_byte(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
}

// Words of `text`; '&' reads as "and", so "Information & Knowledge" finds "… and …" aliases.
std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : text) {
        if (is_word_byte(c)) {
            word += c;
            continue;
        }
        if (!word.empty()) words.push_back(std::move(word));
        word.clear();
        if (c == '&') words.emplace_back("and");
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

bool is_number(const std::string& word) {
    return std::all_of(word.begin(), word.end(), is_digit);
}

bool written_like_acronym(const std::string& word) {
    return std::count_if(word.begin(), word.end(), is_upper) >= 2;
}

bool is_workshop_word(const std::string& word) {
    return text::starts_with(text::lower(word), "workshop");
}

std::string joined(const std::vector<std::string>& words, std::size_t begin, std::size_t end) {
    std::string phrase;
    for (std::size_t i = begin; i < end; ++i) {
        if (i > begin) phrase += ' ';
        phrase += words[i];
    }
    return phrase;
}

bool names_a_workshop(const std::vector<std::string>& words) {
    return std::any_of(words.begin(), words.end(), is_workshop_word);
}

// "EuroMLSys@EuroSys", "NAIC @ SIGCOMM": the part before the '@'.
std::optional<std::string> workshop_before_host(std::string_view text) {
    const std::size_t at = text.find('@');
    if (at == std::string_view::npos) return std::nullopt;
    std::string workshop = text::squeeze_spaces(text.substr(0, at));
    if (workshop.empty()) return std::nullopt;
    return workshop;
}

bool is_small_word(const std::string& lower_word) {
    static const std::array<const char*, 16> kSmallWords = {"a",  "an",   "and", "as", "at", "by",  "for", "from",
                                                            "in", "into", "of",  "on", "or", "the", "to",  "with"};
    return std::find(kSmallWords.begin(), kSmallWords.end(), lower_word) != kSmallWords.end();
}

std::string word_in_consistent_case(const std::string& word, bool first) {
    if (word.empty()) return word;
    const std::string lower = text::lower(word);
    if (!first && is_small_word(lower)) return lower;
    const bool capital_inside = std::any_of(word.begin() + 1, word.end(), is_upper);
    if (capital_inside || !is_lower(word[0])) return word;
    std::string capitalised = word;
    capitalised[0] = static_cast<char>(capitalised[0] - 'a' + 'A');
    return capitalised;
}

}  // namespace

VenueAliases VenueAliases::parse(std::string_view tsv, const std::string& source_name) {
    constexpr std::string_view kRowFormat = "alias<TAB>canonical name";
    VenueAliases aliases;
    for (const bundled::TableRow& row : bundled::table_rows(tsv, source_name, 2, kRowFormat)) {
        const std::string alias = key(row.columns[0]);
        if (alias.empty()) bundled::reject_row(row, source_name, kRowFormat);  // punctuation alone
        aliases.canonical_by_key_[alias] = row.columns[1];
    }
    return aliases;
}

const VenueAliases& VenueAliases::bundled() {
    static const VenueAliases table = parse(bundled::venue_aliases_tsv(), "data/venue-aliases.tsv");
    return table;
}

std::optional<std::string> VenueAliases::canonical(std::string_view venue) const {
    const auto it = canonical_by_key_.find(key(venue));
    if (it == canonical_by_key_.end()) return std::nullopt;
    return it->second;
}

std::string VenueAliases::normalise(std::string_view venue) const {
    const std::string squeezed = text::squeeze_spaces(venue);
    if (squeezed.empty()) return squeezed;
    if (auto known = canonical(squeezed)) return *known;
    if (auto acronym = parenthesised_acronym(squeezed)) return *acronym;
    if (auto workshop = workshop_before_host(squeezed)) {
        // What comes before '@' is a workshop: "ML for Systems @ NeurIPS" is the table's
        // "ML for Systems workshop" even where the bare name is a topic, not a venue.
        if (auto known = canonical(*workshop + " workshop")) return *known;
        return normalise(*workshop);
    }
    if (auto known = alias_among_words(squeezed)) return *known;
    return consistent_case(squeezed);
}

std::string VenueAliases::consistent_case(std::string_view name) {
    std::vector<std::string> words;
    for (const std::string& word : text::split(text::squeeze_spaces(name), ' ')) {
        words.push_back(word_in_consistent_case(word, words.empty()));
    }
    return text::join(words, " ");
}

// "(OSDI 18)", "(HotCloud 10)", "(IJCAI-17)", "(IC2E)": the alias or acronym in parentheses,
// its year left out. "(Print)" is no acronym.
std::optional<std::string> VenueAliases::parenthesised_acronym(std::string_view text) const {
    for (std::size_t open = text.find('('); open != std::string_view::npos; open = text.find('(', open + 1)) {
        const std::size_t close = text.find(')', open);
        if (close == std::string_view::npos) break;
        std::vector<std::string> words = words_of(text.substr(open + 1, close - open - 1));
        while (!words.empty() && is_number(words.back())) words.pop_back();
        if (words.empty()) continue;
        if (auto known = canonical(joined(words, 0, words.size()))) return known;
        if (words.size() == 1 && written_like_acronym(words[0])) return words[0];
    }
    return std::nullopt;
}

// The longest run of words that is an alias; the leftmost among equally long ones.
std::optional<std::string> VenueAliases::alias_among_words(std::string_view text) const {
    const std::vector<std::string> words = words_of(text);
    const bool workshop = names_a_workshop(words);
    for (std::size_t length = std::min(kMaxAliasWords, words.size()); length >= 1; --length) {
        for (std::size_t begin = 0; begin + length <= words.size(); ++begin) {
            const auto known = canonical(joined(words, begin, begin + length));
            if (!known) continue;
            const auto run_begin = words.begin() + static_cast<std::ptrdiff_t>(begin);
            if (workshop &&
                std::none_of(run_begin, run_begin + static_cast<std::ptrdiff_t>(length), is_workshop_word)) {
                continue;  // a workshop is not its host conference
            }
            const std::string& word = words[begin];
            if (length > 1 || written_like_acronym(word) || word == *known) return known;
        }
    }
    return std::nullopt;
}

std::string VenueAliases::key(std::string_view venue) {
    // Fold the spellings people vary: case, accents and look-alikes (analysis::fold), dots
    // ("U.S."), dashes and apostrophes.
    std::string folded;
    for (const char c : analysis::fold(venue)) {
        const bool separator = c == '.' || c == '-' || c == '\'' || c == '_';
        folded += separator ? ' ' : c;
    }
    return text::squeeze_spaces(folded);
}

}  // namespace mlsys
