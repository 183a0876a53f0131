#include "readers/stable_id.h"

#include "mlsys/schema/text.h"

#include <cstdio>

namespace mlsys::indexer {

namespace {

constexpr std::size_t kMaxTitleSlug = 48;
constexpr std::size_t kMaxVenueSlug = 20;

bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// Lower-case title with every run of ASCII punctuation and space turned into one '-';
// non-ASCII bytes are kept, so the hash below still tells Tux² from Tux2.
std::string title_key(std::string_view title) {
    std::string key;
    for (const char c : text::lower(title)) {
        const bool keep = is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80;
        if (keep) {
            key += c;
        } else if (!key.empty() && key.back() != '-') {
            key += '-';
        }
    }
    while (!key.empty() && key.back() == '-') key.pop_back();
    return key;
}

// `key` with only ASCII letters and digits, words joined by '-'.
std::string ascii_slug(std::string_view key) {
    std::string slug;
    for (const char c : key) {
        if (is_ascii_alnum(c)) {
            slug += c;
        } else if (c == '-' && !slug.empty() && slug.back() != '-') {
            slug += '-';
        }
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug;
}

// Cut at the last word boundary that fits.
std::string cut_at_word(const std::string& slug, std::size_t max) {
    if (slug.size() <= max) return slug;
    const std::size_t dash = slug.rfind('-', max);
    return slug.substr(0, dash == std::string::npos || dash == 0 ? max : dash);
}

std::string venue_slug(std::string_view venue) {
    std::string slug;
    for (const char c : text::lower(venue)) {
        if (is_ascii_alnum(c)) slug += c;
    }
    return slug.substr(0, kMaxVenueSlug);
}

std::string year_part(std::optional<int> year, bool short_form) {
    if (!year) return {};
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, short_form ? "%02d" : "%04d", short_form ? *year % 100 : *year);
    return buffer;
}

}  // namespace

std::string stable_paper_id(std::string_view venue, std::optional<int> year, std::string_view title) {
    const std::string venue_part = venue_slug(venue);
    // A bare year reads better in full ("2021-…"); after a venue the two digits of osdi18.
    const std::string prefix = venue_part + year_part(year, !venue_part.empty());

    const std::string key = title_key(title);
    const std::string full_slug = ascii_slug(key);
    std::string slug = cut_at_word(full_slug, kMaxTitleSlug);
    const bool lost_something = slug != key;
    if (lost_something) slug += (slug.empty() ? "" : "-") + text::stable_hash(key);

    if (prefix.empty()) return slug;
    return slug.empty() ? prefix : prefix + "-" + slug;
}

}  // namespace mlsys::indexer
