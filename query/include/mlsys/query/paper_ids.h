// Paper ids as people type them: a whole id, or, as git takes a short hash, the start of one.
//
// Every front end that takes an id (--related, id: in query text, the server later) resolves it
// here, so they all accept the same short forms and name the same candidates when they fail.
// The common case, a whole id, costs one term look-up; scanning the ids for suggestions happens
// only once a look-up has failed.
#pragma once

#include "mlsys/schema/schema.h"

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlsys::query {

// How many candidates a message about an ambiguous or unknown id lists.
inline constexpr std::size_t kIdsListed = 5;

// The id of the one paper `typed` names: the id itself when the index holds it (so a whole id
// that begins longer ones still names its paper), else the only id beginning with it. Throws
// InputError when several ids begin with it ("ambiguous id ...", listing them) or none does
// ("no paper with id ...", with the closest ids); UsageError when `typed` is blank.
std::string resolve_paper_id(const Xapian::Database& db, std::string_view typed);

// The query for a paper-id field's value in query text (id:, references:, citations:): the
// value's own term when it names a paper, else every term of the field whose id begins with it
// (a wildcard, expanded by Xapian as the match runs, shard by shard); nullopt when no term of
// the field begins with it. A prefix stands for every id it begins, as `optim*` does for words:
// a search may answer with several papers, unlike --related, which needs one source.
std::optional<Xapian::Query> paper_id_query(const Xapian::Database& db, schema::FieldId field, std::string_view typed);

// Up to `count` ids of the index closest to `typed`, closest first, for "did you mean": the
// fewest edits turning `typed` into a part of the id (so "gandiva" finds "osdi18-gandiva" and
// "osdi19-gandiva" finds it too), ties broken by the edits to the whole id, then by id; letters
// compare in any case, though ids are case-sensitive. Ids
// needing more edits than a quarter of `typed` (at least 1) are not close. It reads every id
// (0.25 to 0.8 s on a million synthetic ids, against well under a millisecond for a look-up), so
// call it only once a look-up has failed.
std::vector<std::string> closest_paper_ids(const Xapian::Database& db, std::string_view typed, std::size_t count);

// "no paper with id "X"; closest: a, b" (or "...; none is close"): the one wording for an id
// that names nothing, in errors and in the notes beside search results.
std::string unknown_id_message(std::string_view typed, const std::vector<std::string>& closest);

}  // namespace mlsys::query
