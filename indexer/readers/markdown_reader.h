// Markdown paper lists ("awesome lists"): headings give the category path, list items the
// papers. Ids are derived from venue, year and title (stable_id.h).
#pragma once

#include "mlsys/indexer/paper_reader.h"

namespace mlsys::indexer {

// A list item is a paper when it has one of these shapes:
//   Title (VENUE'YY)                          venue and year in parentheses at the end
//   **Title** VENUE YEAR ![](…/badge/Training-red)   then an italic author line, "Code: <url>"
//   [VENUE'YY] [Title](url) (`Nickname`)      also [Label] [VENUE'YY] Title, without a link
//                                             (a tag without a year needs the linked title)
// (the first shape only for items that are not nested under another item, where it is a note
// such as "Related to DT-FM (NeurIPS'22)"). Other items — tables of contents, link lists,
// notes — are not papers and are passed over.
//
// Headings: the first, if it is '#', is the list's title; a heading that is a venue ("### OSDI")
// or a year ("#### 2018") gives the venue or year of the papers under it that do not name their
// own (a year heading at the level of a venue heading counts as nested in it); "Papers",
// "Contents" and the like are left out of the path; the others form the category path, with a
// bold line of its own ("**Preprocessing stalls**") as one level more. A paper's category is that
// path, followed by its first category badge if it has badges; labels ("Survey"), badges and the
// nickname become keywords.
//
// A paper listed twice (same venue, year and title) is merged into its first listing. Problems:
// an item of a paper shape without a title, a year that is not one ("ASPLOS 20189"), invalid
// UTF-8.
using MarkdownListReader = FormatReader<InputFormat::Markdown>;
template <>
ReadResult MarkdownListReader::read(std::istream& in, const std::string& file_name) const;

}  // namespace mlsys::indexer
