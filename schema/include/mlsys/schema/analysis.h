// How text becomes terms: the language settings that indexing and querying must share.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace mlsys::analysis {

Xapian::Stem stemmer();

// Stopwords from data/stopwords.txt; applied at query time.
const Xapian::SimpleStopper& stopper();

// A category path with each segment's white space squeezed and empty segments dropped.
std::string normalise_category(std::string_view category);

// Every ancestor of a category path and the path itself, shortest first:
// "Deep learning/Training" → {"Deep learning", "Deep learning/Training"}.
std::vector<std::string> category_paths(std::string_view category);

}  // namespace mlsys::analysis
