#include "readers/venue_matching.h"

#include "mlsys/schema/text.h"
#include "readers/record_validation.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace mlsys::indexer {

namespace {

// The longest alias in data/venue-aliases.tsv has 11 words.
constexpr std::size_t kMaxAliasWords = 12;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

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

bool is_number(const std::string& word) { return std::all_of(word.begin(), word.end(), is_digit); }

bool written_like_acronym(const std::string& word) {
    return std::count_if(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) >= 2;
}

std::string joined(const std::vector<std::string>& words, std::size_t begin, std::size_t end) {
    std::string phrase;
    for (std::size_t i = begin; i < end; ++i) {
        if (i > begin) phrase += ' ';
        phrase += words[i];
    }
    return phrase;
}

// "(OSDI 18)", "(ICLR)", "(IJCAI-17)": the alias in parentheses, its year left out.
std::optional<std::string> parenthesised_alias(std::string_view text, const VenueAliases& aliases) {
    for (std::size_t open = text.find('('); open != std::string_view::npos; open = text.find('(', open + 1)) {
        const std::size_t close = text.find(')', open);
        if (close == std::string_view::npos) break;
        std::vector<std::string> words = words_of(text.substr(open + 1, close - open - 1));
        while (!words.empty() && is_number(words.back())) words.pop_back();
        if (words.empty()) continue;
        if (auto canonical = aliases.canonical(joined(words, 0, words.size()))) return canonical;
    }
    return std::nullopt;
}

bool names_a_workshop(std::string_view text) {
    return text.find('@') != std::string_view::npos || text::lower(text).find("workshop") != std::string::npos;
}

// The longest run of words that is an alias; the leftmost among equally long ones.
std::optional<std::string> alias_among_words(std::string_view text, const VenueAliases& aliases) {
    const std::vector<std::string> words = words_of(text);
    for (std::size_t length = std::min(kMaxAliasWords, words.size()); length >= 1; --length) {
        for (std::size_t begin = 0; begin + length <= words.size(); ++begin) {
            const auto canonical = aliases.canonical(joined(words, begin, begin + length));
            if (!canonical) continue;
            const std::string& word = words[begin];
            if (length > 1 || written_like_acronym(word) || word == *canonical) return canonical;
        }
    }
    return std::nullopt;
}

bool is_apostrophe_at(std::string_view s, std::size_t i, std::size_t& width) {
    if (s[i] == '\'') return width = 1, true;
    // U+2019 and U+2018, as word processors write 'YY.
    if (s.substr(i, 3) == "\xE2\x80\x99" || s.substr(i, 3) == "\xE2\x80\x98") return width = 3, true;
    return false;
}

std::size_t digits_from(std::string_view s, std::size_t i) {
    std::size_t end = i;
    while (end < s.size() && is_digit(s[end])) ++end;
    return end - i;
}

std::string squeezed_venue(std::string_view venue) {
    std::string out = text::squeeze_spaces(venue);
    while (!out.empty() && (out.back() == ',' || out.back() == ' ')) out.pop_back();
    return out;
}

VenueYear split_at_year(std::string_view text, std::size_t begin, std::size_t end, int year) {
    return VenueYear{squeezed_venue(text.substr(0, begin)), year, text::squeeze_spaces(text.substr(end)), std::nullopt};
}

}  // namespace

std::string venue_from_long_name(std::string_view text, const VenueAliases& aliases) {
    const std::string squeezed = text::squeeze_spaces(text);
    if (squeezed.empty()) return squeezed;
    if (auto canonical = aliases.canonical(squeezed)) return *canonical;
    if (auto canonical = parenthesised_alias(squeezed, aliases)) return *canonical;
    if (names_a_workshop(squeezed)) return squeezed;
    return alias_among_words(squeezed, aliases).value_or(squeezed);
}

VenueYear parse_venue_year(std::string_view text) {
    std::optional<std::string> bad_number;
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::size_t width = 0;
        if (is_apostrophe_at(text, i, width) && digits_from(text, i + width) == 2) {
            const int yy = (text[i + width] - '0') * 10 + (text[i + width + 1] - '0');
            return split_at_year(text, i, i + width + 2, yy < 70 ? 2000 + yy : 1900 + yy);
        }
        if (!is_digit(text[i]) || (i > 0 && is_digit(text[i - 1]))) continue;
        const std::size_t length = digits_from(text, i);
        const std::string number(text.substr(i, length));
        if (length == 4) {
            const int year = std::stoi(number);
            if (year >= kFirstPlausibleYear && year <= kLastPlausibleYear) return split_at_year(text, i, i + length, year);
        }
        // One or two digits are part of a name (PML4LRS, IC2E); more can only be a broken year.
        if (length >= 3 && !bad_number) bad_number = number;
    }
    VenueYear result{squeezed_venue(text), std::nullopt, "", bad_number};
    return result;
}

VenueYear parse_venue_year_tag(std::string_view tag) {
    VenueYear parsed = parse_venue_year(tag);
    if (parsed.year || parsed.bad_year) return parsed;
    const std::string squeezed = text::squeeze_spaces(tag);
    const std::size_t space = squeezed.rfind(' ');
    const bool two_digits_last = space != std::string::npos && space + 3 == squeezed.size() &&
                                 is_digit(squeezed[space + 1]) && is_digit(squeezed[space + 2]);
    if (!two_digits_last || !std::isalpha(static_cast<unsigned char>(squeezed[space - 1]))) return parsed;
    const int yy = (squeezed[space + 1] - '0') * 10 + (squeezed[space + 2] - '0');
    return split_at_year(squeezed, space, squeezed.size(), yy < 70 ? 2000 + yy : 1900 + yy);
}

}  // namespace mlsys::indexer
