// The readers of the formats whose files are read whole (see FormatReader): one section each;
// their read_records() lives in readers/<format>_reader.cc.
#pragma once

#include "mlsys/indexer/paper_reader.h"

namespace mlsys::indexer {

// Markdown paper lists ("awesome lists"): headings give the category path, list items the
// papers. Ids are derived from venue, year and title (stable_id.h).
// A list item is a paper when it has one of these shapes:
//   Title (VENUE'YY)                          venue and year in parentheses at the end
//   **Title** VENUE YEAR ![](…/badge/Training-red)   then an italic author line, "Code: <url>"
//   [VENUE'YY] [Title](url) (`Nickname`)      also [Label] [VENUE'YY] Title, without a link
//                                             (a tag without a year needs the linked title)
// (the first shape only for items that are not nested under another item, where it is a note
// such as "Related to DT-FM (NeurIPS'22)"). Other items — tables of contents, link lists,
// notes — are not papers and are passed over.
//
// Headings: the first, if it is '#', is the list's title, the root of every category path it
// gives, so that each list's taxonomy stays recognisable beside another's; a heading that is a
// venue ("### OSDI") or a year ("#### 2018") gives the venue or year of the papers under it that
// do not name their own (a year heading at the level of a venue heading counts as nested in it);
// "Papers", "Contents" and the like are left out of the path; the others form the category path,
// with a bold line of its own ("**Preprocessing stalls**") as one level more ('/' and its
// look-alikes in a heading separate levels). A paper's category is the title then that path; with
// category badges, one such path ending in each badge. A paper under no category heading and
// without badges has none. Labels ("Survey"), badges and the nickname become keywords.
//
// A paper listed twice (same venue, year and title) is merged into its first listing, keeping
// the categories of both. Problems:
// an item of a paper shape without a title, a year that is not one ("ASPLOS 20189"), invalid
// UTF-8.
using MarkdownListReader = FormatReader<InputFormat::Markdown>;
template <>
ReadResult MarkdownListReader::read_records(std::istream& in, const std::string& file_name, RecordSink& sink) const;

// BibTeX bibliographies: every entry (@inproceedings, @article, @misc, …) becomes a paper whose
// id is the entry key.
// Field mapping: title; author split on "and", "Last, First" and "Last, Jr, First" turned
// into "First Last (Jr)", "others" dropped; booktitle, else journal, else an arXiv eprint, as
// the venue through VenueAliases::normalise (the source text stays in extra); year, which must be
// four digits; abstract; doi; url, else a \url{} in howpublished or note; keywords split on ','
// and ';'. LaTeX and HTML entities are decoded. Other fields, and the entry type, are kept in
// extra. Entries need a title; a year and a venue only where they have one.
using BibtexReader = FormatReader<InputFormat::Bibtex>;
template <>
ReadResult BibtexReader::read_records(std::istream& in, const std::string& file_name, RecordSink& sink) const;

// CSV exports of paper lists, such as Semantic Scholar's (Paper ID, URL, Title, Venue, Year,
// Authors, Citations, References, Abstract).
// The first row names the columns, in any order and case:
//   "Paper ID" (or id, key)      the id; without such a column, derived like a Markdown list's
//   Title                        required
//   Venue (or journal, booktitle, conference)   through VenueAliases::normalise
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
ReadResult CsvReader::read_records(std::istream& in, const std::string& file_name, RecordSink& sink) const;

}  // namespace mlsys::indexer
