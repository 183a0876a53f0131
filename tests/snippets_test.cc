// Snippets and marked titles through Searcher: which words of a shown paper are marked for
// each kind of query, on every backend.
#include "mlsys/query/search.h"

#include "every_backend.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

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

TEST_P(SnippetsTest, APhraseBesideAWordMarksBothAndTheWordsStems) {
    EXPECT_EQ(marks_of("\"data parallel\" scheduling"),
              "[Schedulers] for [Data Parallel] Jobs | We [schedule] [data parallel] training. [Scheduling] "
              "parallelism is hard.");
}

}  // namespace
}  // namespace mlsys::query
