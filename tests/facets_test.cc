// Facet counts through Searcher: exact, ordered, hierarchical and disjunctive.
#include "mlsys/query/search.h"

#include "every_backend.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mlsys::query {
namespace {

using schema::FieldId;

Paper paper(const std::string& id, const std::string& venue, int year, const std::string& category,
            const std::string& title) {
    Paper p;
    p.id = id;
    p.title = title;
    p.venue = venue;
    p.year = year;
    if (!category.empty()) p.categories = {category};
    return p;
}

// "value (count)" for each value, in display order.
std::vector<std::string> shown(const SearchResponse& response, FieldId field) {
    for (const FacetCounts& facet : response.facets) {
        if (facet.field != field) continue;
        std::vector<std::string> values;
        for (const FacetValue& v : facet.values) values.push_back(v.value + " (" + std::to_string(v.count) + ")");
        return values;
    }
    return {"<no facet>"};
}

using Shown = std::vector<std::string>;

// "value (count)" for each value of `facet`, a level's depth as indentation.
Shown lines(const FacetCounts& facet) {
    Shown values;
    for (const FacetValue& v : facet.values) {
        values.push_back(std::string(2 * v.depth, ' ') + v.value + " (" + std::to_string(v.count) + ")");
    }
    return values;
}

// A hierarchical facet as a tree: each value indented by its depth.
Shown tree(const SearchResponse& response) {
    for (const FacetCounts& facet : response.facets) {
        if (facet.field == FieldId::Category) return lines(facet);
    }
    return {};
}

std::vector<Paper> seven_papers() {
    return {
        paper("p1", "OSDI", 2018, "Systems/Storage", "A storage engine"),
        paper("p2", "OSDI", 2017, "Deep learning/Training", "Training at scale"),
        paper("p3", "NSDI", 2018, "Deep learning/Inference", "Serving inference"),
        paper("p4", "NeurIPS", 2018, "Deep learning/Training", "Training with storage"),
        paper("p5", "SOSP", 2017, "Systems/Storage", "A storage system"),
        paper("p6", "NeurIPS", 2016, "Deep learning", "Learning to learn"),
        paper("p7", "SOSP", 2016, "", "Uncategorised"),
    };
}

class FacetsTest : public mlsys::testing::OnEveryBackend<> {
  protected:
    void SetUp() override {
        searcher_ = std::make_unique<Searcher>(mlsys::testing::write_papers(backend(), dir_, "db", seven_papers()));
    }

    SearchResponse search(const std::string& text, std::map<FieldId, std::vector<std::string>> filters = {}) {
        SearchRequest request;
        request.match = QueryText{text};
        request.filters = std::move(filters);
        return searcher_->search(request);
    }

    const mlsys::testing::ScratchDir dir_;
    std::unique_ptr<Searcher> searcher_;
};

MLSYS_ON_EVERY_BACKEND(FacetsTest);

TEST_P(FacetsTest, DefaultFacetsInOrder) {
    const SearchResponse r = search("");
    ASSERT_EQ(r.facets.size(), 3u);
    EXPECT_EQ(r.facets[0].field, FieldId::Venue);
    EXPECT_EQ(r.facets[1].field, FieldId::Year);
    EXPECT_EQ(r.facets[2].field, FieldId::Category);
}

TEST_P(FacetsTest, ExactCountsOrderedByCountThenName) {
    const SearchResponse r = search("");
    EXPECT_EQ(r.total, 7u);
    // NSDI sorts before OSDI by name, but OSDI has more papers.
    EXPECT_EQ(shown(r, FieldId::Venue), (Shown{"NeurIPS (2)", "OSDI (2)", "SOSP (2)", "NSDI (1)"}));
}

TEST_P(FacetsTest, YearsNewestFirst) {
    EXPECT_EQ(shown(search(""), FieldId::Year), (Shown{"2018 (3)", "2017 (2)", "2016 (2)"}));
}

TEST_P(FacetsTest, CategoriesCountParentsAndChildrenAsATree) {
    // Siblings by count then name, each followed by its sub-categories.
    EXPECT_EQ(tree(search("")), (Shown{"Deep learning (4)", "  Deep learning/Training (2)",
                                       "  Deep learning/Inference (1)", "Systems (2)", "  Systems/Storage (2)"}));
}

TEST_P(FacetsTest, APaperFiledTwiceCountsOnceForEachPathAndAncestor) {
    Paper twice = paper("q1", "OSDI", 2018, "Lists/Inference/Serving", "Filed in two sections and another list");
    twice.categories.push_back("Lists/Inference/Batching");
    twice.categories.push_back("Other/Inference");
    const std::string db_path =
        mlsys::testing::write_papers(backend(), dir_, "twice",
                                     {
                                         twice,
                                         paper("q2", "NSDI", 2018, "Lists/Training", "Filed once"),
                                         paper("q3", "NSDI", 2019, "Lists/Inference/Serving", "Filed once too"),
                                     });
    Searcher searcher(db_path);
    SearchRequest request;
    request.match = QueryText{""};
    const Shown all{"Lists (3)",
                    "  Lists/Inference (2)",
                    "    Lists/Inference/Serving (2)",
                    "    Lists/Inference/Batching (1)",
                    "  Lists/Training (1)",
                    "Other (1)",
                    "  Other/Inference (1)"};
    EXPECT_EQ(tree(searcher.search(request)), all);
    // A level named at any depth filters; the category facet stays whole (disjunctive), the others follow.
    request.filters = {{FieldId::Category, {"inference"}}};
    const SearchResponse r = searcher.search(request);
    EXPECT_EQ(r.total, 2u);  // q1, q3
    EXPECT_EQ(tree(r), all);
    EXPECT_EQ(shown(r, FieldId::Venue), (Shown{"NSDI (1)", "OSDI (1)"}));
}

TEST_P(FacetsTest, CountsCoverEveryMatchNotJustThePage) {
    SearchRequest request;
    request.match = QueryText{"storage"};
    request.limit = 1;
    const SearchResponse r = searcher_->search(request);
    EXPECT_EQ(r.total, 3u);  // p1, p4, p5
    EXPECT_EQ(r.hits.size(), 1u);
    EXPECT_EQ(shown(r, FieldId::Venue), (Shown{"NeurIPS (1)", "OSDI (1)", "SOSP (1)"}));
    EXPECT_EQ(shown(r, FieldId::Year), (Shown{"2018 (2)", "2017 (1)"}));
}

TEST_P(FacetsTest, AFacetIgnoresItsOwnFilter) {
    const SearchResponse r = search("", {{FieldId::Venue, {"OSDI"}}});
    EXPECT_EQ(r.total, 2u);
    // Every venue stays visible, with the counts it would have if chosen.
    EXPECT_EQ(shown(r, FieldId::Venue), (Shown{"NeurIPS (2)", "OSDI (2)", "SOSP (2)", "NSDI (1)"}));
    // Other facets follow the venue filter.
    EXPECT_EQ(shown(r, FieldId::Year), (Shown{"2018 (1)", "2017 (1)"}));
    EXPECT_EQ(shown(r, FieldId::Category),
              (Shown{"Deep learning (1)", "Deep learning/Training (1)", "Systems (1)", "Systems/Storage (1)"}));
}

TEST_P(FacetsTest, AFacetRespectsTheOtherFilters) {
    const SearchResponse r = search("", {{FieldId::Venue, {"OSDI"}}, {FieldId::Year, {"2018"}}});
    EXPECT_EQ(r.total, 1u);  // p1
    // The venue facet leaves out the venue filter but keeps the year filter: the 2018 papers.
    EXPECT_EQ(shown(r, FieldId::Venue), (Shown{"NSDI (1)", "NeurIPS (1)", "OSDI (1)"}));
    // The year facet leaves out the year filter but keeps the venue filter: the OSDI papers.
    EXPECT_EQ(shown(r, FieldId::Year), (Shown{"2018 (1)", "2017 (1)"}));
    EXPECT_EQ(shown(r, FieldId::Category), (Shown{"Systems (1)", "Systems/Storage (1)"}));
}

TEST_P(FacetsTest, DisjunctiveFacetsRespectTheQueryText) {
    const SearchResponse r = search("storage", {{FieldId::Venue, {"osdi"}}});
    EXPECT_EQ(r.total, 1u);  // p1
    EXPECT_EQ(shown(r, FieldId::Venue), (Shown{"NeurIPS (1)", "OSDI (1)", "SOSP (1)"}));
}

TEST_P(FacetsTest, RepeatedFilterValuesAreAlternatives) {
    const SearchResponse r = search("", {{FieldId::Venue, {"nips", "nsdi"}}});
    EXPECT_EQ(r.total, 3u);  // p3, p4, p6
    EXPECT_EQ(shown(r, FieldId::Year), (Shown{"2018 (2)", "2016 (1)"}));
    EXPECT_EQ(shown(r, FieldId::Venue), (Shown{"NeurIPS (2)", "OSDI (2)", "SOSP (2)", "NSDI (1)"}));
}

TEST_P(FacetsTest, HierarchicalFilterKeepsSiblingCategoriesVisible) {
    const SearchResponse r = search("", {{FieldId::Category, {"Deep learning/Training"}}});
    EXPECT_EQ(r.total, 2u);  // p2, p4
    EXPECT_EQ(shown(r, FieldId::Category),
              (Shown{"Deep learning (4)", "Deep learning/Training (2)", "Deep learning/Inference (1)", "Systems (2)",
                     "Systems/Storage (2)"}));
    EXPECT_EQ(shown(r, FieldId::Venue), (Shown{"NeurIPS (1)", "OSDI (1)"}));
}

TEST_P(FacetsTest, OnlyTheRequestedFacets) {
    SearchRequest request;
    request.facets = {FieldId::Year};
    const SearchResponse r = searcher_->search(request);
    ASSERT_EQ(r.facets.size(), 1u);
    EXPECT_EQ(r.facets[0].field, FieldId::Year);
    request.facets = {};
    EXPECT_TRUE(searcher_->search(request).facets.empty());
}

TEST_P(FacetsTest, NoMatchesNoValues) {
    const SearchResponse r = search("", {{FieldId::Year, {"2030"}}});
    EXPECT_EQ(r.total, 0u);
    EXPECT_EQ(shown(r, FieldId::Venue), Shown{});
    EXPECT_EQ(shown(r, FieldId::Year), (Shown{"2018 (3)", "2017 (2)", "2016 (2)"}));  // its own filter left out
}

// A query with a phrase runs unfiltered under a decider (the phrase-weight bug), which also
// counts the filtered facets over one database: the same counts as a pass of their own.
TEST_P(FacetsTest, APhraseCountsEachFilteredFacetWithoutItsOwnFilter) {
    const std::string db_path =
        mlsys::testing::write_papers(backend(), dir_, "phrases",
                                     {
                                         paper("q1", "OSDI", 2018, "", "Deep learning systems"),
                                         paper("q2", "OSDI", 2017, "", "Serving deep learning"),
                                         paper("q3", "NSDI", 2018, "", "Deep learning inference"),
                                         paper("q4", "NeurIPS", 2018, "", "Learning deep structures"),
                                         paper("q5", "SOSP", 2017, "", "Deep learning compilers"),
                                         paper("q6", "NeurIPS", 2016, "", "Deep nets for learning"),
                                     });
    Searcher searcher(db_path);
    SearchRequest request;
    request.match = QueryText{"\"deep learning\""};
    request.filters = {{FieldId::Venue, {"osdi"}}};
    SearchResponse r = searcher.search(request);
    EXPECT_EQ(r.total, 2u);  // q1, q2
    EXPECT_EQ(shown(r, FieldId::Venue), (Shown{"OSDI (2)", "NSDI (1)", "SOSP (1)"}));
    EXPECT_EQ(shown(r, FieldId::Year), (Shown{"2018 (1)", "2017 (1)"}));
    request.filters = {{FieldId::Venue, {"osdi"}}, {FieldId::Year, {"2018"}}};
    r = searcher.search(request);
    EXPECT_EQ(r.total, 1u);                                                // q1
    EXPECT_EQ(shown(r, FieldId::Venue), (Shown{"NSDI (1)", "OSDI (1)"}));  // the 2018 phrases
    EXPECT_EQ(shown(r, FieldId::Year), (Shown{"2018 (1)", "2017 (1)"}));   // the OSDI phrases
    request.filters = {{FieldId::Venue, {"nsdi"}}, {FieldId::Year, {"2017"}}};
    r = searcher.search(request);
    EXPECT_EQ(r.total, 0u);
    EXPECT_EQ(shown(r, FieldId::Venue), (Shown{"OSDI (1)", "SOSP (1)"}));  // the 2017 phrases
    EXPECT_EQ(shown(r, FieldId::Year), (Shown{"2018 (1)"}));               // the NSDI phrase
}

// Xapian may skip the matches that cannot reach the page (its bounds then differ, and it
// estimates the total: 400 here, of 300): the total and the facets
// still count every match.
TEST_P(FacetsTest, EveryMatchCountedWhenThePageAloneIsRanked) {
    std::vector<Paper> papers;
    std::map<std::string, Xapian::doccount> venues;
    Xapian::doccount matching = 0;
    for (int i = 1; i <= 600; ++i) {
        std::string title = "Paper " + std::to_string(i);
        if (i % 2 == 0) title += " alpha";
        if (i % 4 == 0) title += " beta";  // every beta paper an alpha one
        const std::string venue = i % 3 == 0 ? "OSDI" : "SOSP";
        papers.push_back(paper("x" + std::to_string(i), venue, 2018, "", title));
        if (i % 2 == 0) {
            ++matching;
            ++venues[venue];
        }
    }
    Searcher searcher(mlsys::testing::write_papers(backend(), dir_, "many", papers));
    SearchRequest request;
    request.match = QueryText{"alpha beta"};
    request.matching.mode = WordMatching::Any;
    for (const HitDetail detail : {HitDetail::Full, HitDetail::IdsOnly}) {
        const SearchResponse r = searcher.search(request, detail);
        EXPECT_EQ(r.total, matching);  // 300
        EXPECT_EQ(r.hits.size(), 10u);
        EXPECT_EQ(shown(r, FieldId::Venue), (Shown{"SOSP (" + std::to_string(venues["SOSP"]) + ")",
                                                   "OSDI (" + std::to_string(venues["OSDI"]) + ")"}));
    }
    request.facets.clear();  // a full response's total is exact without facets too
    EXPECT_EQ(searcher.search(request, HitDetail::Full).total, matching);
}

// A searcher answering many faceted queries comes to count by facet columns (on one database):
// its answers stay those of a searcher that has answered none.
TEST_P(FacetsTest, ManySearchesLaterTheCountsAreTheSame) {
    const std::vector<std::pair<std::string, std::map<FieldId, std::vector<std::string>>>> queries = {
        {"", {}},
        {"storage", {}},
        {"training", {{FieldId::Venue, {"osdi", "neurips"}}}},
        {"", {{FieldId::Category, {"deep learning"}}, {FieldId::Year, {"2018"}}}},
    };
    std::vector<std::vector<Shown>> first;
    for (const auto& [text, filters] : queries) {
        std::vector<Shown> facets;
        for (const FacetCounts& facet : search(text, filters).facets) facets.push_back(lines(facet));
        first.push_back(facets);
    }
    for (int round = 0; round < 3; ++round) {
        for (std::size_t q = 0; q < queries.size(); ++q) {
            std::vector<Shown> facets;
            for (const FacetCounts& facet : search(queries[q].first, queries[q].second).facets)
                facets.push_back(lines(facet));
            EXPECT_EQ(facets, first[q]) << "query " << q << ", round " << round;
        }
    }
    EXPECT_EQ(first[0][0], (Shown{"NeurIPS (2)", "OSDI (2)", "SOSP (2)", "NSDI (1)"}));
}

// FacetColumns and the two ways a FacetCounter counts, over one database.
class FacetColumnsTest : public ::testing::Test {
  protected:
    FacetColumnsTest()
        : db_(open_index(mlsys::testing::write_papers(mlsys::testing::Backend::Single, dir_, "db", seven_papers()))) {}

    // The counts `counter` makes over the papers `query` matches.
    FacetCounts count(const Xapian::Query& query, FacetCounter& counter) const {
        Xapian::Enquire enquire(db_);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        enquire.set_query(query);
        enquire.add_matchspy(counter.spy());
        enquire.get_mset(0, 0, db_.get_doccount());
        return counter.result();
    }

    const mlsys::testing::ScratchDir dir_;
    const Xapian::Database db_;
};

TEST_F(FacetColumnsTest, ACounterByColumnCountsWhatOneReadingValuesCounts) {
    const std::vector<Xapian::Query> queries = {
        Xapian::Query::MatchAll,
        Xapian::Query(schema::boolean_term(FieldId::Year, "2018")),
        Xapian::Query(schema::boolean_term(FieldId::Venue, "sosp")),
    };
    for (const FieldId id : {FieldId::Venue, FieldId::Year, FieldId::Category}) {
        const schema::Field& field = schema::field(id);
        const FacetColumn column(db_, field);
        for (const Xapian::Query& query : queries) {
            FacetCounter reading(field);
            FacetCounter by_column(field, &column);
            ASSERT_TRUE(reading.reads_values());
            ASSERT_FALSE(by_column.reads_values());
            EXPECT_EQ(lines(count(query, by_column)), lines(count(query, reading)))
                << field.name << ", " << query.get_description();
        }
    }
    const FacetColumn column(db_, schema::field(FieldId::Category));
    FacetCounter by_column(schema::field(FieldId::Category), &column);
    EXPECT_EQ(lines(count(Xapian::Query::MatchAll, by_column)),
              (Shown{"Deep learning (4)", "  Deep learning/Training (2)", "  Deep learning/Inference (1)",
                     "Systems (2)", "  Systems/Storage (2)"}));
}

TEST_F(FacetColumnsTest, AColumnIsMadeOnceTheValuesReadReachTheValuesItsSlotHolds) {
    FacetColumns columns(db_, true);
    const schema::Field& venue = schema::field(FieldId::Venue);
    const schema::Field& year = schema::field(FieldId::Year);
    // Each slot holds 7 values: 3 read for 2018, then 4 for 2016 and 2017.
    std::unique_ptr<FacetCounter> by_venue = columns.counter(venue);
    std::unique_ptr<FacetCounter> by_year = columns.counter(year);
    ASSERT_TRUE(by_venue->reads_values());
    count(Xapian::Query(schema::boolean_term(FieldId::Year, "2018")), *by_venue);
    count(Xapian::Query(schema::boolean_term(FieldId::Year, "2018")), *by_year);
    EXPECT_EQ(by_venue->documents_counted(), 3u);
    columns.counted({by_venue.get(), by_year.get()});
    EXPECT_TRUE(columns.counter(venue)->reads_values());
    by_venue = columns.counter(venue);
    count(Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll,
                        Xapian::Query(schema::boolean_term(FieldId::Year, "2018"))),
          *by_venue);
    columns.counted({by_venue.get()});
    const std::unique_ptr<FacetCounter> by_column = columns.counter(venue);
    EXPECT_FALSE(by_column->reads_values());
    EXPECT_TRUE(columns.counter(year)->reads_values());  // 3 of its 7 read
    EXPECT_EQ(lines(count(Xapian::Query::MatchAll, *by_column)),
              (Shown{"NeurIPS (2)", "OSDI (2)", "SOSP (2)", "NSDI (1)"}));
    EXPECT_EQ(by_column->documents_counted(), 7u);
}

TEST_F(FacetColumnsTest, NoColumnWhereNoneIsPossible) {
    FacetColumns columns(db_, false);
    const std::unique_ptr<FacetCounter> counter = columns.counter(schema::field(FieldId::Venue));
    count(Xapian::Query::MatchAll, *counter);
    count(Xapian::Query::MatchAll, *counter);
    columns.counted({counter.get()});
    EXPECT_TRUE(columns.counter(schema::field(FieldId::Venue))->reads_values());
}

}  // namespace
}  // namespace mlsys::query
