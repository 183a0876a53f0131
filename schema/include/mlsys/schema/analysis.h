// How text becomes terms: what indexing and querying must agree on, defined once. The indexer
// writes terms through these, and every query-side reading of a term (the term model, related
// work, filters) goes through them too.
#pragma once

#include <xapian.h>

#include <optional>
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

// The year `text` spells with exactly four digits ("2018"), or nullopt.
std::optional<int> four_digit_year(std::string_view text);

// Term forms as TermGenerator writes them with STEM_SOME: an unprefixed word is lower case
// ("scheduling"), its stem "Z" + stem ("Zschedul"); a field's terms carry the field's prefix
// ("Sscheduling", "ZSschedul" for titles).
bool is_unprefixed_word(const std::string& term);
bool is_unprefixed_stem(const std::string& term);
std::string stem_term(const std::string& word);                 // "scheduling" → "Zschedul"
std::string word_of(const std::string& term);                   // "Zschedul" → "schedul"
std::string in_field(const std::string& term, std::string_view prefix);  // "Zschedul", "S" → "ZSschedul"

// The terms the indexer makes of `text` under `prefix` (unstemmed words), in the order they
// stand, repeats kept: how a query reads a name or a title exactly as it was indexed.
std::vector<std::string> terms_in_order(const std::string& text, const std::string& prefix = "");

}  // namespace mlsys::analysis
