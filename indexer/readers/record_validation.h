// Checks one JSON record against the paper record (docs/papers-jsonl.md) and turns it into a Paper.
#pragma once

#include "mlsys/schema/errors.h"
#include "mlsys/schema/paper.h"
#include "mlsys/schema/schema.h"
#include "mlsys/schema/venue_aliases.h"

#include <optional>
#include <vector>

namespace mlsys::indexer {

// Which of the fields the schema marks Expected a format must carry.
struct RequiredFields {
    bool title = true;
    bool venue = true;
    bool year = true;

    bool expects(schema::FieldId field) const;
};

// The paper, or nullopt with every problem of the record appended to `problems`.
std::optional<Paper> paper_from_record(const Json& record, const SourceLocation& where, const VenueAliases& aliases,
                                       RequiredFields required, std::vector<Problem>& problems);

// The lowest and highest year a record may carry.
inline constexpr int kFirstPlausibleYear = 1900;
inline constexpr int kLastPlausibleYear = 2100;

}  // namespace mlsys::indexer
