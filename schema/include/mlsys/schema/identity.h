// What makes two records the same paper. The indexer merges records by it and finds the papers
// an index already holds by it; the index stores it as terms. Both sides use these functions.
#pragma once

#include "mlsys/schema/paper.h"

#include <string>
#include <string_view>
#include <vector>

namespace mlsys::schema {

// Keys that name one paper in any list: "doi:10.1145/3341301.3359646", "arxiv:1802.05799",
// "s2:<Semantic Scholar sha>". Read from the DOI, the URL, the id and the aliases.
std::vector<std::string> identity_keys(const Paper& paper);

// The title as titles compare: Unicode-folded (NFKC, case, accents), LaTeX braces dropped and
// every run of other punctuation or space made one space. "" when no letter or digit is left.
std::string title_key(std::string_view title);

// Two records with the same title key are one paper when both have years at most this far
// apart (a preprint and its conference version) ...
inline constexpr int kMaxYearsApart = 1;
// ... and, when both have authors, their author lists share a surname. The years may then be
// this far apart (Semantic Scholar dates some conference papers by their preprint), or any
// distance at one venue (one title by the same people at one venue is one paper, misdated);
// at one venue they may be this far apart even when a record has no authors.
inline constexpr int kMaxYearsApartWithAuthors = 2;
bool same_paper_by_title(const Paper& a, const Paper& b);

// The terms an index files a paper under for these lookups: one per identity key and one for
// the title key ("title:<key>", hashed when too long for a term).
inline constexpr std::string_view kIdentityPrefix = "XK";
std::vector<std::string> identity_terms(const Paper& paper);
std::string title_identity_term(std::string_view title);

}  // namespace mlsys::schema
