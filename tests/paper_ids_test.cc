// Paper ids as people type them (query/paper_ids): whole ids, unique prefixes, ambiguous and
// unknown ones, in --related, in id: and in the link fields, on every backend.
#include "mlsys/query/paper_ids.h"
#include "mlsys/query/search.h"

#include "query_builder.h"

#include "mlsys/schema/errors.h"

#include "every_backend.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

namespace mlsys::query {
namespace {

using mlsys::testing::Ids;
using schema::FieldId;

Paper paper(const std::string& id, const std::string& title, std::vector<std::string> references = {}) {
    Paper p;
    p.id = id;
    p.title = title;
    p.venue = "OSDI";
    p.year = 2018;
    p.references = std::move(references);
    return p;
}

class PaperIdsTest : public mlsys::testing::OnEveryBackend<> {
  protected:
    void SetUp() override {
        path_ = mlsys::testing::write_papers(
            backend(), dir_, "db",
            {
                paper("osdi18-gandiva", "Gandiva: Introspective Cluster Scheduling for Deep Learning"),
                paper("osdi18-orca", "Orca: Serving Transformers"),
                paper("osdi18-pretzel", "PRETZEL: Opening the Black Box of Machine Learning Prediction Serving"),
                paper("osdi18-ray", "Ray: A Distributed Framework for Emerging AI Applications"),
                paper("osdi18-ray-tune", "Tune: Hyperparameter Search on Ray", {"osdi18-ray"}),
                paper("osdi18-tvm", "TVM: An Automated End-to-End Optimizing Compiler for Deep Learning"),
                paper("nsdi19-tiresias", "Tiresias: A GPU Cluster Manager for Distributed Deep Learning",
                      {"osdi18-gandiva", "s2-4f1e-unindexed"}),
                paper("eurosys18-optimus",
                      "Optimus: An Efficient Dynamic Resource Scheduler for Deep Learning Clusters",
                      {"osdi18-ray-tune", "s2-4f1e-unindexed"}),
            });
        db_ = Xapian::Database(path_);
    }

    // The message resolve_paper_id throws for `typed`, or "resolved to ID".
    std::string resolved(const std::string& typed) const {
        try {
            return "resolved to " + resolve_paper_id(db_, typed);
        } catch (const InputError& e) {
            return e.what();
        }
    }

    Ids matching(FieldId field, const std::string& value) const {
        const std::optional<Xapian::Query> query = paper_id_query(db_, field, value);
        return query ? mlsys::testing::ids_matching(db_, *query) : Ids{"(no term begins with it)"};
    }

    const mlsys::testing::ScratchDir dir_;
    std::string path_;
    Xapian::Database db_;
};

MLSYS_ON_EVERY_BACKEND(PaperIdsTest);

TEST_P(PaperIdsTest, AWholeIdNamesItsPaperEvenWhenItBeginsLongerIds) {
    EXPECT_EQ(resolved("osdi18-ray"), "resolved to osdi18-ray");
    EXPECT_EQ(resolved("osdi18-ray-tune"), "resolved to osdi18-ray-tune");
    EXPECT_EQ(resolved(" osdi18-tvm "), "resolved to osdi18-tvm");
}

TEST_P(PaperIdsTest, AUniquePrefixNamesThePaperItBegins) {
    EXPECT_EQ(resolved("osdi18-gand"), "resolved to osdi18-gandiva");
    EXPECT_EQ(resolved("osdi18-ray-"), "resolved to osdi18-ray-tune");
    EXPECT_EQ(resolved("nsdi"), "resolved to nsdi19-tiresias");
}

TEST_P(PaperIdsTest, AnAmbiguousPrefixListsTheIdsItBegins) {
    EXPECT_EQ(resolved("osdi18-r"), "ambiguous id \"osdi18-r\": osdi18-ray, osdi18-ray-tune");
    EXPECT_EQ(resolved("osdi18"),
              "ambiguous id \"osdi18\": osdi18-gandiva, osdi18-orca, osdi18-pretzel, osdi18-ray, osdi18-ray-tune "
              "(and 1 more)");
}

TEST_P(PaperIdsTest, AnUnknownIdSuggestsTheClosestIds) {
    // Another year, a letter too many, the name alone, letters swapped, another case.
    EXPECT_EQ(resolved("osdi19-gandiva"), "no paper with id \"osdi19-gandiva\"; closest: osdi18-gandiva");
    EXPECT_EQ(resolved("osdi18-ray-tuned"), "no paper with id \"osdi18-ray-tuned\"; closest: osdi18-ray-tune");
    EXPECT_EQ(resolved("tiresias"), "no paper with id \"tiresias\"; closest: nsdi19-tiresias");
    EXPECT_EQ(resolved("osdi18-gandvia"), "no paper with id \"osdi18-gandvia\"; closest: osdi18-gandiva");
    EXPECT_EQ(resolved("OSDI18-TVM"), "no paper with id \"OSDI18-TVM\"; closest: osdi18-tvm");
    EXPECT_EQ(resolved("sigmod20-lsm"), "no paper with id \"sigmod20-lsm\", and no id is close to it");
}

TEST_P(PaperIdsTest, ClosestIdsAreOrderedByEditsThenId) {
    // One edit to all of osdi18-ray, one to a part of osdi18-ray-tune, two to "osdi18-pret".
    EXPECT_EQ(closest_paper_ids(db_, "osdi18-rey", 3),
              (std::vector<std::string>{"osdi18-ray", "osdi18-ray-tune", "osdi18-pretzel"}));
    EXPECT_EQ(closest_paper_ids(db_, "osdi18-rey", 1), std::vector<std::string>{"osdi18-ray"});
    EXPECT_EQ(closest_paper_ids(db_, "osdi18-rey", 0), std::vector<std::string>{});
}

TEST_P(PaperIdsTest, ABlankIdIsAUsageError) {
    EXPECT_THROW(resolve_paper_id(db_, "  "), UsageError);
}

TEST_P(PaperIdsTest, IdValuesInQueriesMatchEveryIdTheyBegin) {
    EXPECT_EQ(matching(FieldId::Id, "osdi18-ray"), Ids{"osdi18-ray"});
    EXPECT_EQ(matching(FieldId::Id, "osdi18-r"), (Ids{"osdi18-ray", "osdi18-ray-tune"}));
    EXPECT_EQ(matching(FieldId::Id, "osdi18-gand"), Ids{"osdi18-gandiva"});
    EXPECT_EQ(matching(FieldId::Id, "osdi19"), Ids{"(no term begins with it)"});
}

// A link names any paper, indexed or not; a whole id that no one cites finds no one, rather than
// the papers citing the ids it begins.
TEST_P(PaperIdsTest, LinkValuesInQueriesMatchEveryLinkTheyBegin) {
    EXPECT_EQ(matching(FieldId::References, "osdi18-gandiva"), Ids{"nsdi19-tiresias"});
    EXPECT_EQ(matching(FieldId::References, "osdi18-g"), Ids{"nsdi19-tiresias"});
    EXPECT_EQ(matching(FieldId::References, "osdi18-ray"), Ids{"osdi18-ray-tune"});
    EXPECT_EQ(matching(FieldId::References, "osdi18-ray-"), Ids{"eurosys18-optimus"});
    EXPECT_EQ(matching(FieldId::References, "osdi18"),
              (Ids{"nsdi19-tiresias", "osdi18-ray-tune", "eurosys18-optimus"}));
    EXPECT_EQ(matching(FieldId::References, "s2-4f1e"), (Ids{"nsdi19-tiresias", "eurosys18-optimus"}));
    EXPECT_EQ(matching(FieldId::References, "osdi18-tvm"), Ids{});
    // No paper records its citations: a whole id finds no one, a start begins no term.
    EXPECT_EQ(matching(FieldId::Citations, "nsdi19-tiresias"), Ids{});
    EXPECT_EQ(matching(FieldId::Citations, "nsdi19"), Ids{"(no term begins with it)"});
}

TEST_P(PaperIdsTest, QueryTextTakesIdPrefixesAndNotesUnknownIds) {
    QueryBuilder builder(db_, VenueAliases::bundled());
    EXPECT_EQ(mlsys::testing::ids_matching(db_, builder.parse("id:osdi18-r").query),
              (Ids{"osdi18-ray", "osdi18-ray-tune"}));
    EXPECT_EQ(mlsys::testing::ids_matching(db_, builder.parse("id:osdi18-gand OR id:nsdi").query),
              (Ids{"osdi18-gandiva", "nsdi19-tiresias"}));
    EXPECT_EQ(builder.parse("id:osdi18-r").unknown_ids, std::vector<std::string>{});
    const ParsedQuery unknown = builder.parse("scheduling id:osdi19-gandiva id:osdi18-tvm");
    EXPECT_EQ(unknown.unknown_ids, std::vector<std::string>{"osdi19-gandiva"});
    EXPECT_TRUE(unknown.has_field_filter);
    EXPECT_FALSE(unknown.plain_words);
}

TEST_P(PaperIdsTest, SearchesNameTheUnknownIdsWithTheClosest) {
    Searcher searcher(path_);
    SearchRequest request;
    request.match = QueryText{"id:osdi19-gandiva"};
    const SearchResponse full = searcher.search(request);
    EXPECT_EQ(full.total, 0u);
    ASSERT_EQ(full.unknown_ids.size(), 1u);
    EXPECT_EQ(full.unknown_ids[0].value, "osdi19-gandiva");
    EXPECT_EQ(full.unknown_ids[0].closest, std::vector<std::string>{"osdi18-gandiva"});
    // Ids-only runs (trec, ids) show no notes: the suggestions are not worked out.
    const SearchResponse ids_only = searcher.search(request, HitDetail::IdsOnly);
    ASSERT_EQ(ids_only.unknown_ids.size(), 1u);
    EXPECT_EQ(ids_only.unknown_ids[0].closest, std::vector<std::string>{});

    request.match = QueryText{"id:osdi18-gand"};
    EXPECT_EQ(searcher.search(request).unknown_ids.size(), 0u);
}

TEST_P(PaperIdsTest, RelatedWorkTakesAUniquePrefixAndNamesTheWholeId) {
    Searcher searcher(path_);
    SearchRequest request;
    request.match = RelatedSource{"osdi18-gand", ""};
    const SearchResponse response = searcher.search(request);
    ASSERT_TRUE(response.related_to.has_value());
    EXPECT_EQ(response.related_to->id, "osdi18-gandiva");
    for (const Hit& hit : response.hits) EXPECT_NE(hit.paper.id, "osdi18-gandiva");

    request.match = RelatedSource{"osdi18-r", ""};
    EXPECT_THROW(searcher.search(request), InputError);
}

}  // namespace
}  // namespace mlsys::query
