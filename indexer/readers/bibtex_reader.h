// BibTeX author lists, for the BibTeX reader (format_readers.h) and its tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mlsys::indexer {

// The names of an author (or editor) field, in "First Last" order and decoded.
std::vector<std::string> bibtex_names(std::string_view value);

}  // namespace mlsys::indexer
