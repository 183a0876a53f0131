// Snippets and marked titles through Searcher: which words of a shown paper are marked for
// each kind of query, on every backend.
#include "mlsys/query/search.h"

#include "remembering_stemmer.h"

#include "every_backend.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace mlsys::query {
namespace {

// A mark as the search writes it ("\x02word\x03"), here "[word]" to read.
std::string readable(std::string marked) {
    for (char& c : marked) {
        if (c == kHighlightStart) c = '[';
        if (c == kHighlightEnd) c = ']';
    }
    return marked;
}

class SnippetsTest : public mlsys::testing::OnEveryBackend<> {
  protected:
    void SetUp() override {
        searcher_ = std::make_unique<Searcher>(mlsys::testing::write_papers(
            backend(), dir_, "db",
            {
                mlsys::testing::text_paper("sched", "Schedulers for Data Parallel Jobs",
                                           "We schedule data parallel training. Scheduling parallelism is hard."),
                mlsys::testing::text_paper("other", "Storage Engines", "A log for the cloud."),
            }));
    }

    // The first hit's marked title and snippet, as "title | snippet".
    std::string marks_of(const std::string& text) {
        SearchRequest request;
        request.match = QueryText{text};
        request.facets.clear();
        const SearchResponse response = searcher_->search(request);
        if (response.hits.empty()) return "<no hit>";
        return readable(response.hits[0].marked_title) + " | " + readable(response.hits[0].snippet);
    }

    const mlsys::testing::ScratchDir dir_;
    std::unique_ptr<Searcher> searcher_;
};

MLSYS_ON_EVERY_BACKEND(SnippetsTest);

TEST_P(SnippetsTest, AWordMarksEachWordOfItsStem) {
    EXPECT_EQ(marks_of("scheduling"),
              "[Schedulers] for Data Parallel Jobs | We [schedule] data parallel training. [Scheduling] parallelism is "
              "hard.");
}

// A phrase's words are not stemmed, so its snippet is made without stemming: the same marks.
TEST_P(SnippetsTest, APhraseMarksItsWordsWhereTheyFollowEachOther) {
    EXPECT_EQ(marks_of("\"data parallel\""),
              "Schedulers for [Data Parallel] Jobs | We schedule [data parallel] training. Scheduling parallelism "
              "is hard.");
}

// The second search finds each word's stem remembered from the first: the same marks.
TEST_P(SnippetsTest, TheSameQueryAgainMarksTheSameWords) {
    const std::string first = marks_of("scheduling parallelism");
    EXPECT_EQ(first,
              "[Schedulers] for Data [Parallel] Jobs | We [schedule] data [parallel] training. [Scheduling] "
              "[parallelism] is hard.");
    EXPECT_EQ(marks_of("scheduling parallelism"), first);
    EXPECT_EQ(marks_of("schedulers"), marks_of("scheduling"));
}

TEST_P(SnippetsTest, APhraseBesideAWordMarksBothAndTheWordsStems) {
    EXPECT_EQ(marks_of("\"data parallel\" scheduling"),
              "[Schedulers] for [Data Parallel] Jobs | We [schedule] [data parallel] training. [Scheduling] "
              "parallelism is hard.");
}

// The stems are the stemmer's, whether remembered, new, or worked out again after the bound
// emptied what it held.
TEST(RememberingStemmer, GivesTheStemmersStemsWithinItsBound) {
    const Xapian::Stem english("english");
    auto* remembering = new RememberingStemmer(english, 3);
    const Xapian::Stem stemmer(remembering);  // owns it
    const std::vector<std::string> words{"scheduling", "schedules", "parallelism", "scheduling",
                                         "training",   "trained",   "parallelism", "schedules"};
    for (const std::string& word : words) {
        EXPECT_EQ(stemmer(word), english(word)) << word;
        EXPECT_LE(remembering->words(), 3u);
    }
    EXPECT_EQ(stemmer("scheduling"), "schedul");
    EXPECT_EQ(stemmer.get_description(), "Xapian::Stem(remembering " + english.get_description() + ")");
}

}  // namespace
}  // namespace mlsys::query
