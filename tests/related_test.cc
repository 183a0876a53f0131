// Related work (query/related): the RelatedQuery through Searcher, on an index of the bundled list.
#include "mlsys/query/search.h"

#include "mlsys/indexer/index_writer.h"
#include "mlsys/indexer/input_set.h"

#include "mlsys/schema/errors.h"
#include "mlsys/schema/schema.h"

#include "every_backend.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <string>
#include <vector>

namespace mlsys::query {
namespace {

using schema::FieldId;

const char* const kGandiva = "osdi18-gandiva";

class RelatedTest : public testing::OnEveryBackend<> {
  protected:
    static void SetUpTestSuite() {
        const indexer::InputSet inputs =
            indexer::read_inputs({testing::bundled_papers()}, indexer::InputFormat::Papers, VenueAliases::bundled());
        ASSERT_TRUE(inputs.problems.empty());
        for (const indexer::ReadRecord& record : inputs.records->records()) papers_[record.paper.id] = record.paper;
        dir_ = std::make_unique<testing::ScratchDir>();
    }
    static void TearDownTestSuite() {
        indexes_.clear();
        dir_.reset();
    }

    // Each backend's index is built once, when a test first needs it.
    void SetUp() override {
        if (indexes_.count(backend()) != 0) return;
        std::vector<Paper> papers;
        for (const auto& [id, paper] : papers_) papers.push_back(paper);
        const std::string path = testing::write_papers(backend(), *dir_, "papers", papers);
        indexes_.emplace(backend(), Index{path, std::make_unique<Searcher>(path)});
    }

    std::string db_path() const { return indexes_.at(backend()).path; }
    Searcher& searcher() const { return *indexes_.at(backend()).searcher; }

    static SearchRequest related_to(const std::string& id, const RelatedOptions& options = {}) {
        SearchRequest request;
        request.match = RelatedSource{id, ""};
        request.related_options = options;
        return request;
    }

    static SearchRequest like(const std::string& text) {
        SearchRequest request;
        request.match = RelatedSource{"", text};
        return request;
    }

    static std::vector<std::string> ids(const SearchResponse& response) {
        std::vector<std::string> result;
        for (const Hit& hit : response.hits) result.push_back(hit.paper.id);
        return result;
    }

    static const Hit& hit_for(const SearchResponse& response, const std::string& id) {
        for (const Hit& hit : response.hits) {
            if (hit.paper.id == id) return hit;
        }
        throw std::logic_error(id + " is not among the results");
    }

    // The weight the explanation gives `signal`/`value`, or -1 when it lists no such reason.
    static double reason(const Hit& hit, const std::string& signal, const std::string& value) {
        for (const Contribution& c : hit.explanation) {
            if (c.signal == signal && c.value == value) return c.weight;
        }
        return -1;
    }

    struct Index {
        std::string path;  // the database or the stub
        std::unique_ptr<Searcher> searcher;
    };

    static inline std::unique_ptr<testing::ScratchDir> dir_;
    static inline std::map<std::string, Paper> papers_;
    static inline std::map<testing::Backend, Index> indexes_;
};

MLSYS_ON_EVERY_BACKEND(RelatedTest);

TEST_P(RelatedTest, NoPaperIsEverRelatedToItself) {
    for (const auto& [id, paper] : papers_) {
        SearchRequest request = related_to(id);
        request.limit = 100;
        const SearchResponse response = searcher().search(request);
        const std::vector<std::string> found = ids(response);
        EXPECT_EQ(std::count(found.begin(), found.end(), id), 0) << id;
        EXPECT_EQ(response.total, found.size()) << id;  // every match is shown, so the total is exact
        EXPECT_LT(response.total, papers_.size()) << id;
        ASSERT_TRUE(response.related_to.has_value());
        EXPECT_EQ(response.related_to->id, id);
    }
}

TEST_P(RelatedTest, UnknownIdIsAnInputErrorNamingIt) {
    try {
        searcher().search(related_to("osdi18-no-such-paper"));
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("\"osdi18-no-such-paper\""), std::string::npos) << e.what();
    }
}

TEST_P(RelatedTest, ExplanationsAddUpToEachScore) {
    RelatedOptions every_signal;
    every_signal.text_weight = 0.5;
    every_signal.author_weight = 1;
    every_signal.category_weight = 1;
    every_signal.year_weight = 1;
    SearchRequest request = related_to(kGandiva, every_signal);
    request.explain = true;
    const SearchResponse response = searcher().search(request);
    ASSERT_EQ(response.hits.size(), 10u);
    for (const Hit& hit : response.hits) {
        const double explained = std::accumulate(hit.explanation.begin(), hit.explanation.end(), 0.0,
                                                 [](double sum, const Contribution& c) { return sum + c.weight; });
        EXPECT_NEAR(explained, hit.score, 1e-9 * hit.score) << hit.paper.id;
        EXPECT_TRUE(std::is_sorted(hit.explanation.begin(), hit.explanation.end(),
                                   [](const Contribution& a, const Contribution& b) { return a.weight > b.weight; }))
            << hit.paper.id;
    }
}

TEST_P(RelatedTest, CategoryYearAndAuthorSignalsWeighWhatTheOptionsSay) {
    RelatedOptions options;
    options.author_weight = 1;
    options.category_weight = 2;
    options.year_weight = 1;
    options.year_span = 5;
    SearchRequest request = related_to(kGandiva, options);
    request.explain = true;
    request.limit = 31;
    const SearchResponse response = searcher().search(request);
    // Optimus: the same category and year as Gandiva.
    const Hit& optimus = hit_for(response, "eurosys18-optimus");
    EXPECT_DOUBLE_EQ(reason(optimus, "category", "Cluster management"), 2.0);
    EXPECT_DOUBLE_EQ(reason(optimus, "year", "2018"), 1.0);
    // Tiresias: a year later, so 4/5 of the year weight.
    EXPECT_DOUBLE_EQ(reason(hit_for(response, "nsdi19-tiresias"), "year", "2018"), 0.8);
    // Tux²: another category, and the two authors it shares with Gandiva.
    const Hit& tux2 = hit_for(response, "nsdi17-tux2");
    EXPECT_EQ(reason(tux2, "category", "Cluster management"), -1);
    EXPECT_GT(reason(tux2, "author", "Wencong Xiao"), 0);
    EXPECT_GT(reason(tux2, "author", "Lidong Zhou"), 0);
    EXPECT_EQ(reason(optimus, "author", "Wencong Xiao"), -1);
}

TEST_P(RelatedTest, ExplanationsShowTheSourcesWordsNotStems) {
    SearchRequest request = related_to(kGandiva);
    request.explain = true;
    const SearchResponse response = searcher().search(request);
    const Xapian::Database db(db_path());
    const Xapian::Document gandiva = db.get_document(*db.postlist_begin(schema::id_term(kGandiva)));
    std::set<std::string> words;
    for (auto term = gandiva.termlist_begin(); term != gandiva.termlist_end(); ++term) words.insert(*term);
    std::size_t terms_checked = 0;
    for (const Hit& hit : response.hits) {
        for (const Contribution& c : hit.explanation) {
            if (c.signal != "term") continue;
            EXPECT_EQ(words.count(c.value), 1u) << c.value << " is not a word of Gandiva's record";
            ++terms_checked;
        }
    }
    EXPECT_GT(terms_checked, 10u);
}

TEST_P(RelatedTest, ADraftOfAPapersOwnTextFindsThatPaperFirst) {
    for (const std::string id : {kGandiva, "nsdi17-clipper", "atc17-poseidon"}) {
        const Paper& paper = papers_.at(id);
        const SearchResponse response = searcher().search(like(paper.title + "\n" + paper.abstract));
        ASSERT_FALSE(response.hits.empty()) << id;
        EXPECT_EQ(response.hits.front().paper.id, id);
        ASSERT_TRUE(response.related_to.has_value());
        EXPECT_EQ(response.related_to->id, "");
        EXPECT_EQ(response.related_to->title, paper.title);
    }
}

TEST_P(RelatedTest, ADraftFindsThePapersItsPaperIsRelatedTo) {
    // Gandiva's title and abstract alone (no authors or keywords): after Gandiva itself come
    // the other cluster schedulers.
    const Paper& gandiva = papers_.at(kGandiva);
    SearchRequest request = like(gandiva.title + "\n" + gandiva.abstract);
    request.limit = 5;
    const std::vector<std::string> found = ids(searcher().search(request));
    ASSERT_EQ(found.size(), 5u);
    EXPECT_EQ(found.front(), kGandiva);
    const std::set<std::string> next(found.begin() + 1, found.end());
    for (const std::string id : {"eurosys18-optimus", "socc17-slaq", "nsdi19-tiresias"})
        EXPECT_EQ(next.count(id), 1u) << id;
}

TEST_P(RelatedTest, ADraftOfUnknownWordsMatchesNothing) {
    const SearchResponse response = searcher().search(like("Zqxv wubbleflange\nfrobnicated quuxification"));
    EXPECT_EQ(response.total, 0u);
    EXPECT_TRUE(response.hits.empty());
}

TEST_P(RelatedTest, ABlankDraftIsAUsageError) {
    EXPECT_THROW(searcher().search(like(" \n\t ")), UsageError);
}

TEST_P(RelatedTest, FiltersPagingAndFacetsApply) {
    SearchRequest all = related_to(kGandiva);
    all.limit = 100;
    const SearchResponse unfiltered = searcher().search(all);

    SearchRequest nsdi = related_to(kGandiva);
    nsdi.filters[FieldId::Venue] = {"nsdi"};
    const SearchResponse filtered = searcher().search(nsdi);
    ASSERT_FALSE(filtered.hits.empty());
    for (const Hit& hit : filtered.hits) EXPECT_EQ(hit.paper.venue, "NSDI") << hit.paper.id;
    // The filtered results keep the unfiltered order.
    std::vector<std::string> nsdi_in_order;
    for (const Hit& hit : unfiltered.hits) {
        if (hit.paper.venue == "NSDI") nsdi_in_order.push_back(hit.paper.id);
    }
    EXPECT_EQ(ids(filtered), nsdi_in_order);
    // The venue facet leaves its own filter out: its counts are those of every related paper.
    std::map<std::string, Xapian::doccount> venues;
    for (const Hit& hit : unfiltered.hits) ++venues[hit.paper.venue];
    for (const FacetCounts& facet : filtered.facets) {
        if (facet.field != FieldId::Venue) continue;
        for (const FacetValue& value : facet.values) EXPECT_EQ(value.count, venues[value.value]) << value.value;
    }

    SearchRequest page = related_to(kGandiva);
    page.offset = 3;
    page.limit = 4;
    const std::vector<std::string> every = ids(unfiltered);
    ASSERT_GE(every.size(), 7u);
    const std::vector<std::string> expected(every.begin() + 3, every.begin() + 7);
    const SearchResponse paged = searcher().search(page);
    EXPECT_EQ(ids(paged), expected);
    EXPECT_EQ(paged.hits.front().rank, 4u);
}

// Xapian 1.4.22 gave Janus the weight of the phrase "scheduling deep", which it lacks, when a
// venue filter drove the match; filtered searches must score as unfiltered ones do.
TEST_P(RelatedTest, FilteredScoresAreTheUnfilteredScores) {
    SearchRequest words;
    words.match = QueryText{"\"scheduling deep\" \"deep learning\" introduce express zhang whose"};
    words.limit = 100;
    words.ranking.term_model = {};  // plain BM25: the term model looks at the filtered first results
    SearchRequest nsdi = words;
    nsdi.filters[FieldId::Venue] = {"nsdi"};
    SearchRequest related_all = related_to(kGandiva);
    related_all.limit = 100;
    SearchRequest related_nsdi = related_all;
    related_nsdi.filters[FieldId::Venue] = {"nsdi"};
    for (const auto& [all, filtered] : {std::pair{words, nsdi}, std::pair{related_all, related_nsdi}}) {
        std::map<std::string, double> unfiltered_scores;
        for (const Hit& hit : searcher().search(all).hits) unfiltered_scores[hit.paper.id] = hit.score;
        const SearchResponse response = searcher().search(filtered);
        ASSERT_FALSE(response.hits.empty());
        for (const Hit& hit : response.hits)
            EXPECT_DOUBLE_EQ(hit.score, unfiltered_scores.at(hit.paper.id)) << hit.paper.id;
    }
}

// Filters hold however the index numbers its documents: a stub's shards each number theirs
// their own way, and a MatchDecider sees a shard's own docids.
TEST_P(RelatedTest, FiltersHoldOnEveryBackend) {
    SearchRequest related = related_to(kGandiva);
    SearchRequest words;
    words.match = QueryText{"\"deep learning\" scheduling"};
    for (SearchRequest request : {related, words}) {
        request.filters[FieldId::Venue] = {"osdi"};
        request.limit = 100;
        const SearchResponse response = searcher().search(request);
        ASSERT_FALSE(response.hits.empty());
        for (const Hit& hit : response.hits) EXPECT_EQ(hit.paper.venue, "OSDI") << hit.paper.id;
    }
}

TEST_P(RelatedTest, OrdinaryQueriesAreNotExplained) {
    SearchRequest request;
    request.match = QueryText{"scheduling"};
    request.explain = true;
    for (const Hit& hit : searcher().search(request).hits) EXPECT_TRUE(hit.explanation.empty());
}

// Citation links on a small graph whose titles share no word, so only links relate papers.
// "ext-*" ids name papers the index does not hold.
class CitationLinksTest : public testing::OnEveryBackend<> {
  protected:
    static Paper linked_paper(const std::string& id, std::vector<std::string> references,
                              std::vector<std::string> citations = {}) {
        Paper paper;
        paper.id = id;
        paper.title = "Title" + std::to_string(std::hash<std::string>{}(id) % 100000) + "x";
        paper.venue = "OSDI";
        paper.year = 2018;
        paper.references = std::move(references);
        paper.citations = std::move(citations);
        return paper;
    }

    void SetUp() override {
        const std::vector<Paper> papers{
            linked_paper("source", {"ext-a", "cited"}, {"ext-b"}),
            linked_paper("cited", {}),                 // the source cites it
            linked_paper("cites-source", {"source"}),  // cites the source
            linked_paper("couples", {"ext-a"}),        // cites what the source cites
            linked_paper("couples-too", {"ext-a"}),
            linked_paper("co-cited", {}, {"ext-b"}),  // cited by a paper citing the source
            linked_paper("couples-via-indexed", {"cited"}),
            linked_paper("unlinked", {"ext-c"}, {"ext-d"}),
        };
        db_path_ = testing::write_papers(backend(), dir_, "papers", papers);
    }

    const std::string& db_path() const { return db_path_; }

    // Papers related to "source" with these options, explained.
    SearchResponse related(const RelatedOptions& options) const {
        SearchRequest request;
        request.match = RelatedSource{"source", ""};
        request.related_options = options;
        request.explain = true;
        request.facets.clear();
        return Searcher(db_path()).search(request);
    }

    SearchResponse related(CitationLinks links) const {
        RelatedOptions options;
        options.citation_weight = kWeight;
        options.citation_links = links;
        return related(options);
    }

    static std::map<std::string, double> scores(const SearchResponse& response) {
        std::map<std::string, double> by_id;
        for (const Hit& hit : response.hits) by_id[hit.paper.id] = hit.score;
        return by_id;
    }

    std::set<std::string> matching(const std::string& query) const {
        SearchRequest request;
        request.match = QueryText{query};
        request.limit = 100;
        const SearchResponse response = Searcher(db_path()).search(request);
        std::set<std::string> found;
        for (const Hit& hit : response.hits) found.insert(hit.paper.id);
        return found;
    }

    static constexpr double kWeight = 2;
    static constexpr double kPapers = 8;
    const testing::ScratchDir dir_;
    std::string db_path_;  // the database or the stub
};

MLSYS_ON_EVERY_BACKEND(CitationLinksTest);

TEST_P(CitationLinksTest, OutsideTheIndexOnlyLinksThroughUnindexedPapersCount) {
    const SearchResponse response = related(CitationLinks::OutsideIndex);
    // ext-b links two papers, ext-a three: the rarer shared paper weighs more.
    const std::map<std::string, double> expected{{"co-cited", kWeight * std::log(kPapers / 2)},
                                                 {"couples", kWeight * std::log(kPapers / 3)},
                                                 {"couples-too", kWeight * std::log(kPapers / 3)}};
    const std::map<std::string, double> found = scores(response);
    ASSERT_EQ(found.size(), expected.size());
    for (const auto& [id, score] : expected) EXPECT_NEAR(found.at(id), score, 1e-9) << id;
    EXPECT_EQ(response.hits.front().paper.id, "co-cited");
    ASSERT_EQ(response.hits.front().explanation.size(), 1u);
    EXPECT_EQ(response.hits.front().explanation.front().signal, "shared citation");
    EXPECT_EQ(response.hits.front().explanation.front().value, "ext-b");
    EXPECT_EQ(response.hits.front().explanation.front().title, "");  // not in the index
}

TEST_P(CitationLinksTest, AllLinksAddDirectCitationsEitherWayAndLinksThroughIndexedPapers) {
    const SearchResponse response = related(CitationLinks::All);
    const std::map<std::string, double> expected{
        {"cited", kWeight * std::log(kPapers)},        {"cites-source", kWeight * std::log(kPapers)},
        {"co-cited", kWeight * std::log(kPapers / 2)}, {"couples-via-indexed", kWeight * std::log(kPapers / 2)},
        {"couples", kWeight * std::log(kPapers / 3)},  {"couples-too", kWeight * std::log(kPapers / 3)}};
    const std::map<std::string, double> found = scores(response);
    ASSERT_EQ(found.size(), expected.size());
    for (const auto& [id, score] : expected) EXPECT_NEAR(found.at(id), score, 1e-9) << id;
    const Hit& cited = *std::find_if(response.hits.begin(), response.hits.end(),
                                     [](const Hit& hit) { return hit.paper.id == "cited"; });
    EXPECT_EQ(cited.explanation.front().signal, "citation");
    EXPECT_EQ(cited.explanation.front().value, "cited by the source");
    // A shared paper the index holds is named by its title too.
    const Hit& via_indexed = *std::find_if(response.hits.begin(), response.hits.end(),
                                           [](const Hit& hit) { return hit.paper.id == "couples-via-indexed"; });
    ASSERT_EQ(via_indexed.explanation.size(), 1u);
    EXPECT_EQ(via_indexed.explanation.front().signal, "shared reference");
    EXPECT_EQ(via_indexed.explanation.front().value, "cited");
    EXPECT_EQ(via_indexed.explanation.front().title, linked_paper("cited", {}).title);
}

TEST_P(CitationLinksTest, OnlyTheRarestSharedPapersCountUpToTheLimit) {
    RelatedOptions options;
    options.citation_links = CitationLinks::OutsideIndex;
    options.max_links = 1;  // ext-b (two papers) is rarer than ext-a (three)
    EXPECT_EQ(scores(related(options)),
              (std::map<std::string, double>{{"co-cited", options.citation_weight * std::log(kPapers / 2)}}));
}

TEST_P(CitationLinksTest, ZeroWeightTurnsTheSignalOff) {
    RelatedOptions options;
    options.citation_weight = 0;
    EXPECT_EQ(related(options).total, 0u);
}

TEST_P(CitationLinksTest, FieldPrefixesFindCitingAndCitedPapers) {
    EXPECT_EQ(matching("references:ext-a"), (std::set<std::string>{"source", "couples", "couples-too"}));
    EXPECT_EQ(matching("references:source"), (std::set<std::string>{"cites-source"}));
    EXPECT_EQ(matching("citations:ext-b"), (std::set<std::string>{"source", "co-cited"}));
    EXPECT_EQ(matching("citations:source"), std::set<std::string>{});  // no record lists it as citing
}

}  // namespace
}  // namespace mlsys::query
