// Ids people can type: "osdi18-gandiva", made from the venue, the year and the paper's short
// name or first title words, at most kMaxIdLength characters.
#pragma once

#include "mlsys/schema/paper.h"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace mlsys::indexer {

inline constexpr std::size_t kMaxIdLength = 32;

// Whether an id a source gave is one to keep: short enough to type, and not a machine's hash
// (a Semantic Scholar sha).
bool is_typeable_id(std::string_view id);

// The first id for `paper` that `taken` says is free: "<venue><yy>-<name>" where the name is the
// short name before a title's colon ("Gandiva: …" → gandiva) or else its first word that is
// not a stopword; on a clash one more title word at a time, then "-2", "-3", …
std::string short_paper_id(const Paper& paper, const std::function<bool(const std::string&)>& taken);

}  // namespace mlsys::indexer
