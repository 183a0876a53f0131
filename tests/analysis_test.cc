// analysis: the term forms and readings that indexing and querying share.
#include "mlsys/schema/analysis.h"
#include "mlsys/schema/bundled_data.h"
#include "mlsys/schema/document.h"
#include "mlsys/schema/errors.h"

#include <gtest/gtest.h>

namespace mlsys::analysis {
namespace {

TEST(FourDigitYear, OnlyFourDigits) {
    EXPECT_EQ(four_digit_year("2018"), 2018);
    EXPECT_EQ(four_digit_year("0999"), 999);
    EXPECT_EQ(four_digit_year("18"), std::nullopt);
    EXPECT_EQ(four_digit_year("20189"), std::nullopt);
    EXPECT_EQ(four_digit_year("201a"), std::nullopt);
    EXPECT_EQ(four_digit_year(" 2018"), std::nullopt);
    EXPECT_EQ(four_digit_year(""), std::nullopt);
}

TEST(TermForms, WordsStemsAndFields) {
    EXPECT_TRUE(is_unprefixed_word("scheduling"));
    EXPECT_TRUE(is_unprefixed_word("2018"));
    EXPECT_FALSE(is_unprefixed_word("Sscheduling"));
    EXPECT_TRUE(is_unprefixed_stem("Zschedul"));
    EXPECT_FALSE(is_unprefixed_stem("ZSschedul"));
    EXPECT_FALSE(is_unprefixed_stem("zebra"));
    EXPECT_EQ(stem_term("scheduling"), "Zschedul");
    EXPECT_EQ(word_of("Zschedul"), "schedul");
    EXPECT_EQ(word_of("scheduling"), "scheduling");
    EXPECT_EQ(in_field("Zschedul", "S"), "ZSschedul");
    EXPECT_EQ(in_field("scheduling", "S"), "Sscheduling");
}

// The forms above must be the terms the indexer really writes.
TEST(TermForms, MatchWhatTheIndexerWrites) {
    Paper paper;
    paper.id = "p";
    paper.title = "Scheduling";
    const Xapian::Document doc = DocumentBuilder().build(paper);
    for (const std::string& term : {stem_term("scheduling"), in_field(stem_term("scheduling"), "S"),
                                   in_field("scheduling", "S"), std::string("scheduling")}) {
        auto it = doc.termlist_begin();
        it.skip_to(term);
        ASSERT_NE(it, doc.termlist_end()) << term;
        EXPECT_EQ(*it, term);
    }
}

TEST(TermsInOrder, AsTheIndexerTokenises) {
    EXPECT_EQ(terms_in_order("Martín Abadi, M. Abadi"),
              (std::vector<std::string>{"martín", "abadi", "m", "abadi"}));
    EXPECT_EQ(terms_in_order("Ion Stoica", "A"), (std::vector<std::string>{"Aion", "Astoica"}));
    EXPECT_TRUE(terms_in_order(" -- ").empty());
}

TEST(TableRows, SkipsCommentsAndBlankLinesAndSqueezesColumns) {
    const auto rows = bundled::table_rows("# comment\n\nNIPS\t NeurIPS \n  \nATC\tUSENIX  ATC\n", "t.tsv", 2, "a<TAB>b");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].line, 3u);
    EXPECT_EQ(rows[0].columns, (std::vector<std::string>{"NIPS", "NeurIPS"}));
    EXPECT_EQ(rows[1].line, 5u);
    EXPECT_EQ(rows[1].columns, (std::vector<std::string>{"ATC", "USENIX ATC"}));
}

TEST(TableRows, AMalformedRowNamesFileLineAndFormat) {
    for (const char* bad : {"a\tb\nonly-one\n", "a\tb\nx\t \n", "a\tb\nx\ty\tz\n"}) {
        try {
            bundled::table_rows(bad, "t.tsv", 2, "a<TAB>b");
            ADD_FAILURE() << "accepted: " << bad;
        } catch (const InputError& e) {
            EXPECT_STREQ(e.what(), "t.tsv:2: expected 'a<TAB>b'");
        }
    }
}

}  // namespace
}  // namespace mlsys::analysis
