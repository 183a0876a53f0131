// The query for one field's value, shared by filters (--venue nips) and by field prefixes
// inside query text (venue:nips), so both match the same papers.
#pragma once

#include "mlsys/schema/schema.h"
#include "mlsys/schema/venue_aliases.h"

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

namespace mlsys::query {

// Venue: canonical through the aliases, any case. Year: "2018", "2017..2018", "2017..",
// "..2019". Category: a level's name, or a run of levels ("deep learning/training"), any case,
// at any depth of a path, matching what is filed below it too (analysis::category_keys). Author:
// the words of a name, as a phrase. Venues, categories and names are folded (analysis::fold), so
// accents and look-alikes do not matter either ("Martin Abadi" finds "Martín Abadi"). Id: exact
// (in query text, id: also takes the start of an id: paper_ids.h). A value of the wrong shape
// throws UsageError; a range of no years ("2019..2017") throws InputError.
Xapian::Query field_value_query(const schema::Field& field, const std::string& value, const VenueAliases& aliases);

// Values of the same field are alternatives: OR.
Xapian::Query any_value_query(const schema::Field& field, const std::vector<std::string>& values,
                              const VenueAliases& aliases);

// Filters of different fields, each its field's any_value_query, all required: AND.
Xapian::Query all_filters(const std::vector<std::pair<schema::FieldId, Xapian::Query>>& filters);

}  // namespace mlsys::query
