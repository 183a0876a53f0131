// What a canonical venue is and its full name, for citations: OSDI is a conference, "USENIX
// Symposium on Operating Systems Design and Implementation (OSDI)"; TPDS a journal. The one
// definition is data/venues.tsv, bundled like the alias table (VenueAliases gives the canonical
// names it is keyed by).
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace mlsys {

enum class VenueKind {
    Conference,  // proceedings of a conference or symposium
    Workshop,    // proceedings of a workshop
    Journal,     // a journal or magazine
    Preprint,    // a preprint server (arXiv)
};

struct VenueName {
    VenueKind kind = VenueKind::Conference;
    std::string full_name;
};

class VenueNames {
  public:
    // Parses `canonical<TAB>kind<TAB>full name` lines; '#' starts a comment line. A malformed
    // line, an unknown kind or a canonical name given twice throws InputError naming
    // `source_name` and the line.
    static VenueNames parse(std::string_view tsv, const std::string& source_name);

    // The table bundled from data/venues.tsv at build time.
    static const VenueNames& bundled();

    // The venue with this canonical name (exact spelling), or nullptr when the table has none.
    const VenueName* find(std::string_view canonical) const;

    // Every venue by canonical name.
    const std::map<std::string, VenueName, std::less<>>& all() const { return by_canonical_; }

  private:
    std::map<std::string, VenueName, std::less<>> by_canonical_;
};

}  // namespace mlsys
