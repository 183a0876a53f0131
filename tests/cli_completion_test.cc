// End-to-end tests of the bash completion (data/completion/mlsys-search.bash): bash with the
// script sourced completes the real binaries' options, query fields and the index's values.
#include "bundled_index_fixture.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mlsys::testing {
namespace {

class Completion : public BundledIndexSuite<> {
  protected:
    // COMPREPLY, a line each, for the words of a command line whose last word is being typed.
    static std::string completed(const std::vector<std::string>& words) {
        std::string line;
        for (const std::string& word : words) line += " '" + word + "'";
        const std::string script = "source '" + source_dir() +
                                   "/data/completion/mlsys-search.bash'\n"
                                   "COMP_WORDS=(" +
                                   line +
                                   ")\n"
                                   "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
                                   "_mlsys_complete\n"
                                   "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        const CommandResult result = run_command({"/bin/bash", "-c", script});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        EXPECT_EQ(result.err, "");
        return result.out;
    }
};

MLSYS_ON_EVERY_BACKEND(Completion);

TEST_P(Completion, OptionsComeFromTheCommands) {
    EXPECT_EQ(completed({query_binary(), "--fo"}), "--format\n");
    EXPECT_EQ(completed({query_binary(), "--li"}), "--limit\n--like\n--list-values\n");
    EXPECT_EQ(completed({index_binary(), "--dr"}), "--dry-run\n");
}

TEST_P(Completion, FacetValuesComeFromTheIndexOfTheLine) {
    EXPECT_EQ(completed({query_binary(), "--db", db(), "--venue", "O"}), "OSDI\n");
    EXPECT_EQ(completed({query_binary(), "--db", db(), "--venue", "N"}), "NSDI\nNeurIPS\n");
    EXPECT_EQ(completed({query_binary(), "--db", db(), "--year", "201"}), "2019\n2018\n2017\n");
    EXPECT_EQ(completed({query_binary(), "--db", db(), "--category", "Deep learning/I"}), "Deep learning/Inference\n");
}

TEST_P(Completion, QueryWordsCompleteToFieldNames) {
    EXPECT_EQ(completed({query_binary(), "--db", db(), "ve"}), "venue:\n");
    EXPECT_EQ(completed({query_binary(), "a"}), "author:\nabstract:\nalias:\n");
}

TEST_P(Completion, ListValuesPrintsAFacetsValuesMostPapersFirst) {
    const CommandResult result = query({"--list-values", "venue"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "EuroSys\nNSDI\nATC\nOSDI\nSoCC\nASPLOS\nNeurIPS\nISCA\nSOSP\n");
    const CommandResult not_a_facet = query({"--list-values", "title"});
    EXPECT_EQ(not_a_facet.exit_code, 1);
    EXPECT_EQ(not_a_facet.err, "mlsys-query: --list-values: \"title\" is not a facet\n");
}

}  // namespace
}  // namespace mlsys::testing
