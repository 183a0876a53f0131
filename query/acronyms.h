// The field's acronyms and their expansions (data/acronyms.tsv), applied to query text so that
// "RDMA" also finds papers that spell out "remote direct memory access", and the reverse.
#pragma once

#include "preparation.h"

#include <string>
#include <string_view>
#include <vector>

namespace mlsys::query {

class AcronymTable {
  public:
    struct Entry {
        std::string short_form;              // as written in the table: "RDMA"
        std::vector<std::string> expansion;  // its words, lower case: {"remote", "direct", ...}
    };

    // Parses `short<TAB>expansion` lines; '#' starts a comment. A malformed line throws
    // InputError naming `source_name` and the line.
    static AcronymTable parse(std::string_view tsv, const std::string& source_name);

    // The table bundled from data/acronyms.tsv at build time.
    static const AcronymTable& bundled();

    // The "acronyms" preparation pass: each acronym standing alone becomes
    // `(ACRONYM OR "its expansion")`, and each expansion whose words stand alone
    // `("the expansion" OR ACRONYM)`. Phrases, field values, prefixed and bracketed words keep
    // the meaning the user gave them.
    Tokens expand(const Tokens& tokens) const;
    // The same pass over text, for tests and tools.
    std::string expand(const std::string& text) const;

    const std::vector<Entry>& entries() const { return entries_; }

  private:
    const Entry* acronym_at(const Tokens& tokens, std::size_t i) const;
    const Entry* expansion_at(const Tokens& tokens, std::size_t start) const;

    std::vector<Entry> entries_;
};

}  // namespace mlsys::query
