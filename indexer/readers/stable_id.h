// Ids for records whose source has none (Markdown lists): derived from what identifies a paper,
// so that re-reading an edited list gives the same ids and updates the index in place.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mlsys::indexer {

// "<venue><yy>-<title words>", e.g. osdi18-ray-a-distributed-framework-for-emerging-ai-applications.
// The venue should already be canonical (so EUROSYS'18 and EuroSys'18 agree). Case, punctuation
// and spacing of the title do not matter. A long title is cut at a word boundary and, like a
// title with letters the slug cannot spell (Tux², 中文), gets a hash of the whole title, so that
// two papers never share an id just because their titles begin alike.
std::string stable_paper_id(std::string_view venue, std::optional<int> year, std::string_view title);

}  // namespace mlsys::indexer
