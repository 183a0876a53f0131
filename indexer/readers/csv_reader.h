// CSV exports of paper lists, such as Semantic Scholar's (Paper ID, URL, Title, Venue, Year,
// Authors, Citations, References, Abstract).
#pragma once

#include "mlsys/indexer/paper_reader.h"

namespace mlsys::indexer {

// The first row names the columns, in any order and case:
//   "Paper ID" (or id, key)      the id; without such a column, derived like a Markdown list's
//   Title                        required
//   Venue (or journal, booktitle, conference)   through venue_from_long_name
//   Year                         four digits, or empty
//   Authors (or author)          a Python list (['A', …] or [{'Name': 'A', …}, …]), or names
//                                separated by ';', else ':', else ','
//   Abstract, URL, DOI, Keywords, Category
//   Citations, References        ids of citing and cited papers, a Python list or separated
//                                like authors; read into the record's citations and references
// Other non-empty cells are kept in extra under their column name. Rows with the same id are
// merged into the first (its values win, empty ones are filled, citation lists united).
using CsvReader = FormatReader<InputFormat::Csv>;
template <>
ReadResult CsvReader::read(std::istream& in, const std::string& file_name) const;

}  // namespace mlsys::indexer
