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

// Text as every term is made of it, on the index side and the query side alike: Unicode
// compatibility forms made plain (NFKC: fullwidth "Ｘａｐｉａｎ", the ligature "ﬁ", the
// superscript in "Tux²"), case folded, accents and other marks stripped, invisible characters
// (soft hyphens, zero-width joiners) dropped, and punctuation look-alikes lumped into ASCII
// ("∕" and "⁄" to "/", dashes to "-", curly apostrophes to "'"): "Martín", "MARTIN" and
// "martin" agree, as do "Tux²" and "tux2". Letters of every script stay letters (Greek, CJK);
// marks that belong to a script (Devanagari vowel signs, kana voicing) are stripped too, on both
// sides alike. Text that is not UTF-8 (readers refuse it) is only lower-cased.
// Free text is folded before the TermGenerator reads it, boolean terms are folded values
// (schema::boolean_term), and the query's words and field values are folded the same way.
std::string fold(std::string_view text);

Xapian::Stem stemmer();

// Stopwords from data/stopwords.txt; applied at query time.
const Xapian::SimpleStopper& stopper();

// A category path as the index keeps it: the separator's look-alikes (U+2215 '∕', U+2044 '⁄',
// U+FF0F '／') folded to '/', each level's white space squeezed, empty levels dropped. The rest
// of each name stays as written.
std::string normalise_category(std::string_view category);

// Every ancestor of a category path and the path itself, shortest first:
// "Deep learning/Training" → {"Deep learning", "Deep learning/Training"}.
std::vector<std::string> category_paths(std::string_view category);

// The paths of all `categories` and their ancestors, each once, in the order first reached: what
// the facet counts for a paper, so a shared ancestor counts once.
std::vector<std::string> category_paths(const std::vector<std::string>& categories);

// What a category filter can name to match a path: every run of consecutive levels, so that a
// level name, or a sequence of them, matches at any depth (and, being on the path, everything
// filed below it): "A/B/C" → {"A", "A/B", "A/B/C", "B", "B/C", "C"}. A level ending in a
// bracket also answers without it ("Mixture of Experts (MoE)", "Mixture of Experts").
// schema::boolean_term folds each into the term the indexer writes and a filter looks up.
std::vector<std::string> category_keys(std::string_view category);

// The year `text` spells with exactly four digits ("2018"), or nullopt.
std::optional<int> four_digit_year(std::string_view text);

// Term forms as TermGenerator writes them with STEM_SOME: an unprefixed word is lower case
// ("scheduling"), its stem "Z" + stem ("Zschedul"); a field's terms carry the field's prefix
// ("Sscheduling", "ZSschedul" for titles).
bool is_unprefixed_word(const std::string& term);
bool is_unprefixed_stem(const std::string& term);
std::string stem_term(const std::string& word);                          // "scheduling" → "Zschedul"
std::string word_of(const std::string& term);                            // "Zschedul" → "schedul"
std::string in_field(const std::string& term, std::string_view prefix);  // "Zschedul", "S" → "ZSschedul"

// The terms the indexer makes of `text` (folded) under `prefix` (unstemmed words), in the order
// they stand, repeats kept: how a query reads a name or a title exactly as it was indexed.
std::vector<std::string> terms_in_order(const std::string& text, const std::string& prefix = "");

}  // namespace mlsys::analysis
