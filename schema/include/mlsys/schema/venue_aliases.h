// Venue names as people write them ("EUROSYS", "NeuralPS", "USENIX ATC", "Proceedings of the 13th
// USENIX Symposium on Operating Systems Design and Implementation (OSDI 18)") mapped to the
// canonical names the index stores. The indexer (every reader) and the query tool (--venue,
// venue:) both go through normalise(), so a venue is spelled one way everywhere.
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

    // The canonical name when the table lists `venue` as a whole, or nullopt.
    std::optional<std::string> canonical(std::string_view venue) const;

    // The venue's canonical name. In order, the first rule that applies:
    //  1. the whole text is an alias: "nips" → NeurIPS;
    //  2. an acronym in parentheses, a year after it dropped, through the table when it is an
    //     alias: "… Hot Topics in Cloud Computing (HotCloud 10)" → HotCloud, "(OSDI '18)" → OSDI,
    //     "… Cloud Engineering (IC2E)" → IC2E; an acronym is one word with two capitals or more;
    //  3. `workshop@conference` is the workshop, itself normalised: "EuroMLSys@EuroSys" → EuroMLSys;
    //  4. the longest run of words that is an alias: "IEEE Transactions on Knowledge and Data
    //     Engineering" → TKDE. A one-word alias counts only where it is written like an acronym
    //     or exactly as its canonical name ("IEEE Micro", the magazine, is not MICRO). A text
    //     naming a workshop only matches aliases that name a workshop themselves, so "ICRA
    //     workshop on …" is not ICRA;
    //  5. otherwise the text, squeezed, in one case spelling: see consistent_case.
    // The result depends on the text alone (not on what was read before), so a later update
    // of an index spells a venue as the first build did; and normalise(normalise(x)) ==
    // normalise(x).
    std::string normalise(std::string_view venue) const;

    // A name the table does not know, in one case spelling: a word written all in lower case is
    // capitalised ("Neural computation" → "Neural Computation"), except the small words "of",
    // "and", "on", "the"… after the first word, which are lower case however written. Words
    // holding a capital past their first letter ("arXiv", "SIGPLAN") keep their spelling.
    static std::string consistent_case(std::string_view name);

  private:
    static std::string key(std::string_view venue);

    std::optional<std::string> parenthesised_acronym(std::string_view text) const;
    std::optional<std::string> alias_among_words(std::string_view text) const;

    std::unordered_map<std::string, std::string> canonical_by_key_;
};

}  // namespace mlsys
