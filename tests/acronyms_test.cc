// Acronym expansion of query text (data/acronyms.tsv), both directions.
#include "acronyms.h"

#include "mlsys/schema/errors.h"

#include <gtest/gtest.h>

namespace mlsys::query {
namespace {

const AcronymTable& table() {
    static const AcronymTable t = AcronymTable::parse(
        "# comment\nRDMA\tremote direct memory access\nML\tmachine learning\nJIT\tjust-in-time compilation\n",
        "acronyms.tsv");
    return t;
}

TEST(AcronymTable, ExpandsAnAcronymIntoAnOrWithItsPhrase) {
    EXPECT_EQ(table().expand("RDMA rpc"), "(RDMA OR \"remote direct memory access\") rpc");
    EXPECT_EQ(table().expand("rdma"), "(rdma OR \"remote direct memory access\")");
}

TEST(AcronymTable, ExpandsTheSpelledOutFormIntoItsAcronym) {
    EXPECT_EQ(table().expand("fast Remote Direct Memory Access"), "fast (\"remote direct memory access\" OR RDMA)");
    EXPECT_EQ(table().expand("just-in-time compilation"), "(\"just-in-time compilation\" OR JIT)");
}

TEST(AcronymTable, TwoLetterAcronymsOnlyInCapitals) {
    EXPECT_EQ(table().expand("ML systems"), "(ML OR \"machine learning\") systems");
    EXPECT_EQ(table().expand("5 ml dose"), "5 ml dose");
}

TEST(AcronymTable, LeavesQuotedPrefixedAndOperatorWordsAlone) {
    EXPECT_EQ(table().expand("\"RDMA networks\" title:rdma -RDMA"), "\"RDMA networks\" title:rdma -RDMA");
    EXPECT_EQ(table().expand("gpu AND rdma"), "gpu AND (rdma OR \"remote direct memory access\")");
}

TEST(AcronymTable, ExpandsOnlyWordsThatStandAlone) {
    EXPECT_EQ(table().expand("(RDMA) RDMA* title:RDMA remote direct memory-access"),
              "(RDMA) RDMA* title:RDMA remote direct memory-access");
}

TEST(AcronymTable, TheExpansionIsTokensLikeTheQuerysOwn) {
    EXPECT_EQ(described(table().expand(tokens_of("RDMA rpc"))),
              "open[(]word[RDMA] operator[OR] phrase[\"remote direct memory access\"]close[)] word[rpc]");
    EXPECT_EQ(described(table().expand(tokens_of("machine learning"))),
              "open[(]phrase[\"machine learning\"] operator[OR] word[ML]close[)]");
}

TEST(AcronymTable, AMalformedLineNamesFileAndLine) {
    try {
        AcronymTable::parse("RDMA\tremote direct memory access\nno tab here\n", "acronyms.tsv");
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "acronyms.tsv:2: expected 'ACRONYM<TAB>expansion'");
    }
}

TEST(AcronymTable, TheBundledTableHasTheFieldsAbbreviations) {
    const AcronymTable& bundled = AcronymTable::bundled();
    for (const char* acronym :
         {"DNN", "CNN", "RNN", "LSTM", "GPU", "TPU", "RDMA", "RPC", "PS", "DL", "ML", "LDA", "SGD"}) {
        bool found = false;
        for (const auto& entry : bundled.entries()) found = found || entry.short_form == acronym;
        EXPECT_TRUE(found) << acronym;
    }
}

}  // namespace
}  // namespace mlsys::query
