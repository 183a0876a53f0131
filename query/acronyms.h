// The field's acronyms and their expansions (data/acronyms.tsv), applied to query text so that
// "RDMA" also finds papers that spell out "remote direct memory access", and the reverse.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mlsys::query {

class AcronymTable {
  public:
    struct Entry {
        std::string short_form;               // as written in the table: "RDMA"
        std::vector<std::string> expansion;   // its words, lower case: {"remote", "direct", ...}
    };

    // Parses `short<TAB>expansion` lines; '#' starts a comment. A malformed line throws
    // InputError naming `source_name` and the line.
    static AcronymTable parse(std::string_view tsv, const std::string& source_name);

    // The table bundled from data/acronyms.tsv at build time.
    static const AcronymTable& bundled();

    // `text` with each bare acronym written as `(ACRONYM OR "its expansion")` and each bare
    // expansion as `("the expansion" OR ACRONYM)`. Words inside quotes or after a field
    // prefix are left alone.
    std::string expand(const std::string& text) const;

    const std::vector<Entry>& entries() const { return entries_; }

  private:
    const Entry* acronym_at(const std::string& word) const;
    const Entry* expansion_at(const std::vector<std::string>& words, std::size_t start) const;

    std::vector<Entry> entries_;
};

}  // namespace mlsys::query
