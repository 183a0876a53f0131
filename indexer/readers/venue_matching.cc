#include "readers/venue_matching.h"

#include "mlsys/schema/text.h"
#include "readers/record_validation.h"

#include <cctype>

namespace mlsys::indexer {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
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
            if (year >= kFirstPlausibleYear && year <= kLastPlausibleYear)
                return split_at_year(text, i, i + length, year);
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
