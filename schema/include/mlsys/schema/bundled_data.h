// Tables from data/, compiled into the binaries so that both tools agree on them wherever
// they run from. CMake regenerates them when the files change.
#pragma once

#include <string_view>

namespace mlsys::bundled {

std::string_view venue_aliases_tsv();
std::string_view stopwords_txt();
std::string_view acronyms_tsv();

}  // namespace mlsys::bundled
