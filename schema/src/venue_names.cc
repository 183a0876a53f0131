#include "mlsys/schema/venue_names.h"

#include "mlsys/schema/bundled_data.h"

#include <algorithm>
#include <array>
#include <utility>

namespace mlsys {

namespace {

constexpr std::string_view kRowFormat = "canonical<TAB>conference|workshop|journal|preprint<TAB>full name";

const std::array<std::pair<std::string_view, VenueKind>, 4> kKinds{{{"conference", VenueKind::Conference},
                                                                    {"workshop", VenueKind::Workshop},
                                                                    {"journal", VenueKind::Journal},
                                                                    {"preprint", VenueKind::Preprint}}};

}  // namespace

VenueNames VenueNames::parse(std::string_view tsv, const std::string& source_name) {
    VenueNames table;
    for (const bundled::TableRow& row : bundled::table_rows(tsv, source_name, 3, kRowFormat)) {
        const auto kind =
            std::find_if(kKinds.begin(), kKinds.end(), [&](const auto& k) { return k.first == row.columns[1]; });
        if (kind == kKinds.end()) bundled::reject_row(row, source_name, kRowFormat);
        const bool added = table.by_canonical_.emplace(row.columns[0], VenueName{kind->second, row.columns[2]}).second;
        if (!added) bundled::reject_row(row, source_name, kRowFormat);
    }
    return table;
}

const VenueNames& VenueNames::bundled() {
    static const VenueNames table = parse(bundled::venues_tsv(), "data/venues.tsv");
    return table;
}

const VenueName* VenueNames::find(std::string_view canonical) const {
    const auto it = by_canonical_.find(canonical);
    return it == by_canonical_.end() ? nullptr : &it->second;
}

}  // namespace mlsys
