#include "mlsys/schema/venue_aliases.h"

#include "mlsys/schema/bundled_data.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/text.h"

namespace mlsys {

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
    return canonical(venue).value_or(text::squeeze_spaces(venue));
}

std::string VenueAliases::key(std::string_view venue) {
    // Fold the spellings people vary: case, dots ("U.S."), dashes and apostrophes.
    std::string folded;
    for (const char c : text::lower(venue)) {
        const bool separator = c == '.' || c == '-' || c == '\'' || c == '_';
        folded += separator ? ' ' : c;
    }
    return text::squeeze_spaces(folded);
}

}  // namespace mlsys
