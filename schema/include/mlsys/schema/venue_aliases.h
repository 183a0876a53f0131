// Venue names as people write them ("EUROSYS", "NeuralPS", "USENIX ATC") mapped to the
// canonical short names the index stores.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mlsys {

class VenueAliases {
  public:
    // Parses `alias<TAB>canonical` lines; '#' starts a comment line. A malformed line throws
    // InputError naming `source_name` and the line.
    static VenueAliases parse(std::string_view tsv, const std::string& source_name);

    // The table bundled from data/venue-aliases.tsv at build time.
    static const VenueAliases& bundled();

    // The canonical name for `venue`, or nullopt when the table does not know it.
    std::optional<std::string> canonical(std::string_view venue) const;

    // The canonical name when known, else `venue` with its white space squeezed.
    std::string normalise(std::string_view venue) const;

  private:
    static std::string key(std::string_view venue);

    std::unordered_map<std::string, std::string> canonical_by_key_;
};

}  // namespace mlsys
