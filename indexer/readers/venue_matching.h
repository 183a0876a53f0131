// Venue tags of Markdown lists split into venue and year. The venue itself becomes canonical
// through VenueAliases::normalise (mlsys/schema/venue_aliases.h), as every reader's does.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mlsys::indexer {

// A venue tag of a Markdown list, split into venue, year and what follows the year:
//   "OSDI'18" → OSDI 2018;  "EUROSYS’18" → EUROSYS 2018;  "arxiv, 2022" → arxiv 2022;
//   "PML4LRS @ ICLR2024" → "PML4LRS @ ICLR" 2024;  "PPoPP'24 poster" → PPoPP 2024 "poster";
//   "OSDI 2016" → OSDI 2016;  "USENIX ;login:" → that venue, no year.
// Two-digit years are 20YY below 70 and 19YY from 70. A number that cannot be a year
// ("ASPLOS 20189") sets `bad_year` instead.
struct VenueYear {
    std::string venue;  // as written, squeezed; empty when the text is only a year
    std::optional<int> year;
    std::string note;  // text after the year, squeezed
    std::optional<std::string> bad_year;
};
VenueYear parse_venue_year(std::string_view text);

// A bracketed tag before a title ("[NSDI'24]", "[OSDI 2018]"), which may also end in a
// two-digit year after a space ("[NSDI 24]"): a tag is short and stands apart from prose, so
// "24" can only be the year there (elsewhere, "Section 12" must not become 2012).
VenueYear parse_venue_year_tag(std::string_view tag);

}  // namespace mlsys::indexer
