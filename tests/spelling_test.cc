// SpellingCorrector: only words the index lacks are corrected, and only to a close word.
#include "spelling.h"

#include "every_backend.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

namespace mlsys::query {
namespace {

Paper paper(const std::string& id, const std::string& title, const std::string& abstract,
            const std::vector<std::string>& authors) {
    Paper p = mlsys::testing::text_paper(id, title, abstract, 2022);
    p.authors = authors;
    return p;
}

// The names and words the all-lists index corrected wrongly ("orca" → "luca", "tvm" → "tim",
// "ray" → "may", "alpa" → "alaa") are all in this dictionary, beside the words themselves.
class SpellingTest : public mlsys::testing::OnEveryBackend<> {
  protected:
    void SetUp() override {
        db_ = Xapian::Database(mlsys::testing::write_papers(
            backend(), dir_, "db",
            {
                paper("orca", "Orca: A Distributed Serving System", "Serving may batch requests.", {"Luca Rossi"}),
                paper("alpa", "Alpa: Automating Inter-Operator Parallelism", "Data-parallel training.",
                      {"Alaa Hassan"}),
                paper("tvm", "TVM: A Compiler for Deep Learning", "Scheduling for clusters.", {"Tim Kraska"}),
                paper("ray", "Ray: A Framework", "Mixture of experts models.", {"Kiril Gorovoy"}),
            }));
    }

    std::string correction(const std::string& text) const { return SpellingCorrector(db_).correction(text); }

    const mlsys::testing::ScratchDir dir_;
    Xapian::Database db_;
};

MLSYS_ON_EVERY_BACKEND(SpellingTest);

TEST_P(SpellingTest, AWordTheIndexHoldsIsNeverCorrected) {
    for (const char* word : {"orca", "Orca", "alpa", "tvm", "TVM", "ray", "luca", "gorovoy"}) {
        EXPECT_EQ(correction(word), "") << word;
    }
}

TEST_P(SpellingTest, AFormOfAWordTheIndexHoldsIsNeverCorrected) {
    EXPECT_EQ(correction("cluster"), "");  // the index has "clusters": the stem is held
    EXPECT_EQ(correction("compilers"), "");
}

TEST_P(SpellingTest, AMisspeltWordIsCorrectedAndTheRestKeptAsWritten) {
    EXPECT_EQ(correction("mixtrue of experts"), "mixture of experts");  // "of" is no "ofc"
    EXPECT_EQ(correction("Orca  sevring"), "Orca serving");
    EXPECT_EQ(correction("data-paralel"), "data-parallel");
}

TEST_P(SpellingTest, WordsInsideAPhraseAreCorrectedAndTheQuotesKept) {
    EXPECT_EQ(correction("\"mixtrue of experts\" orca"), "\"mixture of experts\" orca");
}

TEST_P(SpellingTest, StopwordsOperatorsAndFieldValuesAreNeverRewritten) {
    EXPECT_EQ(correction("the"), "");
    EXPECT_EQ(correction("a of"), "");
    EXPECT_EQ(correction("orca AND ray"), "");
    EXPECT_EQ(correction("id:orcx"), "");
}

TEST_P(SpellingTest, ShortWordsTakeOneEditAtMost) {
    EXPECT_EQ(correction("tvn"), "tvm");          // one edit
    EXPECT_EQ(correction("rya"), "ray");          // a transposition is one edit
    EXPECT_EQ(correction("qxy"), "");             // two edits from "ray": too far for three letters
    EXPECT_EQ(correction("xy"), "");              // two letters: never
    EXPECT_EQ(correction("horovod"), "gorovoy");  // seven letters take two edits
}

TEST_P(SpellingTest, BlankOrUnparsableTextHasNoCorrection) {
    EXPECT_EQ(correction(""), "");
    EXPECT_EQ(correction("   "), "");
    EXPECT_EQ(correction("\"serving AND"), "");
}

}  // namespace
}  // namespace mlsys::query
