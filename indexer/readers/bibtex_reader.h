// BibTeX bibliographies: every entry (@inproceedings, @article, @misc, …) becomes a paper whose
// id is the entry key.
#pragma once

#include "mlsys/indexer/paper_reader.h"

#include <string>
#include <string_view>
#include <vector>

namespace mlsys::indexer {

// Field mapping: title; author split on "and", "Last, First" and "Last, Jr, First" turned
// into "First Last (Jr)", "others" dropped; booktitle, else journal, else an arXiv eprint, as
// the venue through venue_from_long_name (the source text stays in extra); year, which must be
// four digits; abstract; doi; url, else a \url{} in howpublished or note; keywords split on ','
// and ';'. LaTeX and HTML entities are decoded. Other fields, and the entry type, are kept in
// extra. Entries need a title; a year and a venue only where they have one.
using BibtexReader = FormatReader<InputFormat::Bibtex>;
template <>
ReadResult BibtexReader::read(std::istream& in, const std::string& file_name) const;

// The names of an author (or editor) field, in "First Last" order and decoded.
std::vector<std::string> bibtex_names(std::string_view value);

}  // namespace mlsys::indexer
