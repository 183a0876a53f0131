// What the notices of a filter value no paper has are made of (see FilterNotice in search.h).
#pragma once

#include <xapian.h>

namespace mlsys::query {

// Whether any paper of `db` matches `query`: one posting looked at, not a ranked search.
bool matches_any_paper(const Xapian::Database& db, const Xapian::Query& query);

}  // namespace mlsys::query
