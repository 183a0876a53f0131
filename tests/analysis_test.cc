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

using Paths = std::vector<std::string>;

TEST(CategoryPaths, NormalisedWithLookAlikeSeparatorsFolded) {
    EXPECT_EQ(analysis::normalise_category(" Deep  learning //Training/ "), "Deep learning/Training");
    EXPECT_EQ(analysis::normalise_category("Fetch stalls (I\u2215O)"), "Fetch stalls (I/O)");
    EXPECT_EQ(analysis::normalise_category("A\u2044B \uFF0F C"), "A/B/C");
    EXPECT_EQ(analysis::normalise_category("Mixture of Experts (MoE)"), "Mixture of Experts (MoE)");  // case kept
    EXPECT_EQ(analysis::normalise_category(" / "), "");
}

TEST(CategoryPaths, AncestorsOfOnePathAndOfSeveralOnce) {
    EXPECT_EQ(analysis::category_paths("A/B/C"), (Paths{"A", "A/B", "A/B/C"}));
    EXPECT_EQ(analysis::category_paths(""), Paths{});
    EXPECT_EQ(analysis::category_paths(Paths{"A/B/C", "A/B/D", "E"}), (Paths{"A", "A/B", "A/B/C", "A/B/D", "E"}));
}

TEST(CategoryKeys, EveryRunOfLevels) {
    EXPECT_EQ(analysis::category_keys("A/B/C"), (Paths{"A", "A/B", "A/B/C", "B", "B/C", "C"}));
    EXPECT_EQ(analysis::category_keys("Deep  learning"), Paths{"Deep learning"});
    EXPECT_EQ(analysis::category_keys(""), Paths{});
}

TEST(CategoryKeys, ALevelEndingInABracketAlsoAnswersWithoutIt) {
    EXPECT_EQ(analysis::category_keys("L/Mixture of Experts (MoE)/Serving"),
              (Paths{"L", "L/Mixture of Experts (MoE)", "L/Mixture of Experts", "L/Mixture of Experts (MoE)/Serving",
                     "L/Mixture of Experts/Serving", "Mixture of Experts (MoE)", "Mixture of Experts",
                     "Mixture of Experts (MoE)/Serving", "Mixture of Experts/Serving", "Serving"}));
    EXPECT_EQ(analysis::category_keys("(Draft)"), Paths{"(Draft)"});  // nothing before the bracket
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

TEST(Fold, AccentsAndCaseGo) {
    EXPECT_EQ(fold("Martín"), "martin");
    EXPECT_EQ(fold("MARTÍN Abadi"), "martin abadi");
    EXPECT_EQ(fold("Érdős Pál, Dvořák, Straße"), "erdos pal, dvorak, strasse");
    EXPECT_EQ(fold("Martin"), "martin");
}

TEST(Fold, CompatibilityFormsBecomePlain) {
    EXPECT_EQ(fold("\uFB01ne-tuning"), "fine-tuning");                  // the ligature ﬁ
    EXPECT_EQ(fold("\uFF38\uFF41\uFF50\uFF49\uFF41\uFF4E"), "xapian");  // fullwidth Ｘａｐｉａｎ
    EXPECT_EQ(fold("Tux²"), "tux2");
    EXPECT_EQ(fold("TUX²"), fold("tux2"));
}

TEST(Fold, LookAlikePunctuationIsLumpedIntoAscii) {
    EXPECT_EQ(fold("I\u2215O"), "i/o");                      // division slash
    EXPECT_EQ(fold("A\u2044B"), "a/b");                      // fraction slash
    EXPECT_EQ(fold("A\uFF0FB"), "a/b");                      // fullwidth solidus
    EXPECT_EQ(fold("data\u2010parallel"), "data-parallel");  // hyphen
    EXPECT_EQ(fold("O\u2019Brien"), "o'brien");              // right single quotation mark
    EXPECT_EQ(fold("opti\u00ADmization"), "optimization");   // a soft hyphen is dropped
}

TEST(Fold, OtherScriptsStayLetters) {
    EXPECT_EQ(fold("Ἀλγόριθμος"), "αλγοριθμοσ");  // Greek: case (final sigma too) and accents folded
    EXPECT_EQ(fold("深度学习"), "深度学习");
    EXPECT_EQ(fold("ディープ"), "ティーフ");  // kana lose their voicing marks, on both sides alike
    EXPECT_EQ(fold("Глубокое"), "глубокое");
}

// Xapian reads a stray byte as Latin-1, as its TermGenerator would.
TEST(Fold, TextThatIsNotUtf8IsOnlyLowerCased) {
    EXPECT_EQ(fold("ABC\xff"), "abc\u00FF");
}

TEST(TermsInOrder, AsTheIndexerTokenises) {
    EXPECT_EQ(terms_in_order("Martín Abadi, M. Abadi"), (std::vector<std::string>{"martin", "abadi", "m", "abadi"}));
    EXPECT_EQ(terms_in_order("\uFB01ne Tux²"), (std::vector<std::string>{"fine", "tux2"}));
    EXPECT_EQ(terms_in_order("Ion Stoica", "A"), (std::vector<std::string>{"Aion", "Astoica"}));
    EXPECT_TRUE(terms_in_order(" -- ").empty());
}

TEST(TableRows, SkipsCommentsAndBlankLinesAndSqueezesColumns) {
    const auto rows =
        bundled::table_rows("# comment\n\nNIPS\t NeurIPS \n  \nATC\tUSENIX  ATC\n", "t.tsv", 2, "a<TAB>b");
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
