#include "mlsys/schema/venue_aliases.h"

#include "mlsys/schema/bundled_data.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/text.h"

namespace mlsys {

VenueAliases VenueAliases::parse(std::string_view tsv, const std::string& source_name) {
    VenueAliases aliases;
    std::size_t line_number = 0;
    for (const std::string& line : text::split(tsv, '\n')) {
        ++line_number;
        if (line.empty() || line[0] == '#') continue;
        const std::vector<std::string> columns = text::split(line, '\t');
        if (columns.size() != 2 || key(columns[0]).empty() || text::squeeze_spaces(columns[1]).empty()) {
            throw InputError(Problem{{source_name, line_number}, "",
                                     "expected 'alias<TAB>canonical name'"}
                                 .describe());
        }
        aliases.canonical_by_key_[key(columns[0])] = text::squeeze_spaces(columns[1]);
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
