// QueryBuilder: query text → Xapian::Query over a small index, including text that does not parse.
#include "query_builder.h"

#include "mlsys/schema/document.h"

#include "every_backend.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace mlsys::query {
namespace {

using mlsys::testing::Ids;

Paper paper(const std::string& id, const std::string& title, const std::string& abstract, const std::string& venue,
            int year, const std::string& category) {
    Paper p;
    p.id = id;
    p.title = title;
    p.abstract = abstract;
    p.venue = venue;
    p.year = year;
    if (!category.empty()) p.categories = {category};
    return p;
}

class QueryBuilderTest : public mlsys::testing::OnEveryBackend<> {
  protected:
    void SetUp() override {
        db_ = Xapian::Database(mlsys::testing::write_papers(
            backend(), dir_, "db",
            {
                paper("serving", "Serving Deep Learning Models", "A system for low latency inference.", "NeurIPS", 2017,
                      "Deep learning/Inference"),
                paper("clipper", "Clipper Prediction System", "Low latency serving of predictions.", "OSDI", 2018,
                      "Deep learning/Inference"),
                paper("optim", "Optimizing Training Throughput", "We optimize data-parallel training.", "SOSP", 2018,
                      "Deep learning/Training"),
                paper("storage", "A Log-Structured Storage Engine", "Storage for the cloud.", "OSDI", 2016,
                      "Systems/Storage"),
                paper("zebra", "Zebrafish Imaging Pipelines", "Imaging at scale.", "NSDI", 2019, "Systems"),
            }));
        builder_ = std::make_unique<QueryBuilder>(db_, VenueAliases::bundled());
    }

    Ids matching(const Xapian::Query& query) const { return mlsys::testing::ids_matching(db_, query); }

    Ids matching(const std::string& text) { return matching(builder_->parse(text).query); }

    const mlsys::testing::ScratchDir dir_;
    Xapian::Database db_;
    std::unique_ptr<QueryBuilder> builder_;
};

MLSYS_ON_EVERY_BACKEND(QueryBuilderTest);

TEST_P(QueryBuilderTest, PlainWordsSearchEveryField) {
    EXPECT_EQ(matching("serving"), (Ids{"serving", "clipper"}));
    EXPECT_EQ(matching("storage"), Ids{"storage"});
    EXPECT_EQ(matching("serving storage"), (Ids{"serving", "clipper", "storage"}));  // default OR
}

TEST_P(QueryBuilderTest, TitlePrefixMatchesOnlyTitleWords) {
    EXPECT_EQ(matching("title:serving"), Ids{"serving"});
    EXPECT_EQ(matching("abstract:serving"), Ids{"clipper"});
    EXPECT_EQ(matching("title:predictions"), Ids{"clipper"});  // stemmed: "Prediction" in the title
}

TEST_P(QueryBuilderTest, VenuePrefixUsesAliases) {
    EXPECT_EQ(matching("venue:nips"), Ids{"serving"});
    EXPECT_EQ(matching("venue:OSDI"), (Ids{"clipper", "storage"}));
    EXPECT_EQ(matching("latency venue:osdi"), Ids{"clipper"});  // a filter on the words
}

TEST_P(QueryBuilderTest, YearPrefixTakesRanges) {
    EXPECT_EQ(matching("year:2018"), (Ids{"clipper", "optim"}));
    EXPECT_EQ(matching("year:2017..2018"), (Ids{"serving", "clipper", "optim"}));
    EXPECT_EQ(matching("year:..2016"), Ids{"storage"});
    EXPECT_EQ(matching("latency year:2018.."), Ids{"clipper"});
}

TEST_P(QueryBuilderTest, CategoryAndIdPrefixes) {
    EXPECT_EQ(matching("category:systems"), (Ids{"storage", "zebra"}));
    EXPECT_EQ(matching("category:\"deep learning\""), (Ids{"serving", "clipper", "optim"}));
    EXPECT_EQ(matching("category:INFERENCE"), (Ids{"serving", "clipper"}));  // a level at any depth, any case
    EXPECT_EQ(matching("category:\"learning/training\""), Ids{});            // whole levels
    EXPECT_EQ(matching("id:optim"), Ids{"optim"});
    // A value is taken whole: not "id:log" OR "structured", which the storage paper's title has.
    EXPECT_EQ(matching("id:log-structured"), Ids{});
    // A free-text field's hyphenated words are still words: "log" alone finds the storage paper.
    EXPECT_EQ(matching("title:log-cabin"), Ids{"storage"});
}

TEST_P(QueryBuilderTest, BlankTextIsAnEmptyQuery) {
    for (const char* text : {"", "   "}) {
        const ParsedQuery parsed = builder_->parse(text);
        EXPECT_TRUE(parsed.query.empty()) << '"' << text << '"';
        EXPECT_FALSE(parsed.plain_words);
    }
}

TEST_P(QueryBuilderTest, ABadFieldValueFallsBackToPlainWords) {
    ParsedQuery parsed;
    ASSERT_NO_THROW(parsed = builder_->parse("serving year:soon"));
    EXPECT_TRUE(parsed.plain_words);
    EXPECT_EQ(matching(parsed.query), (Ids{"serving", "clipper"}));
    ASSERT_NO_THROW(parsed = builder_->parse("year:20x8 storage"));
    EXPECT_TRUE(parsed.plain_words);
    EXPECT_EQ(matching(parsed.query), Ids{"storage"});
    ASSERT_NO_THROW(parsed = builder_->parse("cloud year:2017..abc"));
    EXPECT_TRUE(parsed.plain_words);
    EXPECT_EQ(matching(parsed.query), Ids{"storage"});
}

TEST_P(QueryBuilderTest, AGoodFieldValueAfterABadOneIsNotFlagged) {
    // The flag of one parse must not stick to the next.
    ASSERT_TRUE(builder_->parse("year:soon").plain_words);
    const ParsedQuery parsed = builder_->parse("year:2018");
    EXPECT_FALSE(parsed.plain_words);
    EXPECT_EQ(matching(parsed.query), (Ids{"clipper", "optim"}));
}

TEST_P(QueryBuilderTest, SyntaxErrorsFallBackToPlainWords) {
    for (const auto& [text, expected] : std::vector<std::pair<std::string, Ids>>{
             {"serving AND", {"serving", "clipper"}},
             {"AND storage", {"storage"}},
             {"storage NOT", {"storage"}},
             {"latency OR AND imaging", {"serving", "clipper", "zebra"}},
         }) {
        ParsedQuery parsed;
        ASSERT_NO_THROW(parsed = builder_->parse(text)) << text;
        EXPECT_TRUE(parsed.plain_words) << text;
        EXPECT_EQ(matching(parsed.query), expected) << text;
    }
}

TEST_P(QueryBuilderTest, NothingEverThrows) {
    for (const std::string text :
         {"\"serving", "(serving",   "serving)", "serving AND",  "AND serving", "((",       "\"",
          "title:",    "venue:",     "year:",    "serving NEAR", "*",           "NOT",      "-",
          "+",         "a AND OR b", "year:..",  "category:\"",  "author:",     "\xFF\xFE", "foo:bar"}) {
        EXPECT_NO_THROW(builder_->parse(text)) << text;
    }
}

TEST_P(QueryBuilderTest, UnbalancedQuotesAndBracketsStillMatchTheirWords) {
    EXPECT_EQ(matching("\"serving deep"), Ids{"serving"});  // a phrase to the end
    EXPECT_EQ(matching("(storage"), Ids{"storage"});
    EXPECT_EQ(matching("storage)"), Ids{"storage"});
}

TEST_P(QueryBuilderTest, StopwordsAreDroppedBesideOtherWords) {
    // "the" is in the storage paper's abstract: were it searched, that paper would match too.
    EXPECT_EQ(matching("the serving"), (Ids{"serving", "clipper"}));
    EXPECT_EQ(matching("serving of the"), (Ids{"serving", "clipper"}));
}

TEST_P(QueryBuilderTest, StopwordOnlyQueryStillSearchesItsWords) {
    // Stopwords are kept in the index; a query of nothing else must not turn into "no query".
    const ParsedQuery parsed = builder_->parse("the");
    EXPECT_FALSE(parsed.query.empty());
    EXPECT_EQ(matching(parsed.query), Ids{"storage"});  // "Storage for the cloud."
}

TEST_P(QueryBuilderTest, Wildcard) {
    EXPECT_EQ(matching("optim*"), Ids{"optim"});
    EXPECT_EQ(matching("pred*"), Ids{"clipper"});
    EXPECT_EQ(matching("title:imag*"), Ids{"zebra"});
}

TEST_P(QueryBuilderTest, BooleanOperatorsAndPhrases) {
    EXPECT_EQ(matching("serving AND inference"), Ids{"serving"});
    EXPECT_EQ(matching("serving NOT inference"), Ids{"clipper"});
    EXPECT_EQ(matching("NOT storage"), (Ids{"serving", "clipper", "optim", "zebra"}));
    EXPECT_EQ(matching("serving -inference"), Ids{"clipper"});
    EXPECT_EQ(matching("\"deep learning models\""), Ids{"serving"});
    EXPECT_EQ(matching("\"learning deep\""), Ids{});
}

std::vector<std::string> stage_names(const QueryAnalysis& analysis) {
    std::vector<std::string> names;
    for (const QueryStage& stage : analysis.stages) names.push_back(stage.name);
    return names;
}

TEST_P(QueryBuilderTest, AnalyzeShowsEachStageAndTheQueryParseBuilds) {
    const QueryAnalysis analysis = builder_->analyze("Serving data-parallel");
    EXPECT_EQ(stage_names(analysis),
              (std::vector<std::string>{"input", "tokens", "acronyms", "fold", "hyphens", "negation"}));
    EXPECT_EQ(analysis.stages[0].text, "Serving data-parallel");
    EXPECT_EQ(analysis.stages[1].text, "word[Serving] word[data-parallel]");
    EXPECT_EQ(analysis.stages.back().text, "serving data parallel");
    EXPECT_EQ(analysis.query, builder_->parse("Serving data-parallel").query.get_description());
    EXPECT_FALSE(analysis.plain_words);
}

TEST_P(QueryBuilderTest, AnalyzeShowsThePlainWordsFallback) {
    const QueryAnalysis analysis = builder_->analyze("(serving year:soon");
    EXPECT_TRUE(analysis.plain_words);
    EXPECT_EQ(stage_names(analysis).back(), "plain words");
    EXPECT_EQ(analysis.stages.back().text, "serving");  // no field name, no boolean value
    EXPECT_EQ(analysis.query, builder_->parse("(serving year:soon").query.get_description());
}

TEST_P(QueryBuilderTest, AShortKeywordQueryAlsoGetsItsWordsAnded) {
    const ParsedQuery parsed = builder_->parse("inference serving", 4);
    ASSERT_TRUE(parsed.all_words);
    EXPECT_EQ(matching(parsed.query), (Ids{"serving", "clipper"}));
    EXPECT_EQ(matching(*parsed.all_words), Ids{"serving"});  // "inference" and "serving" both
    // Stopwords are no words to hold: "the" and "of" are not required.
    EXPECT_EQ(matching(*builder_->parse("the inference of serving", 4).all_words), Ids{"serving"});
}

TEST_P(QueryBuilderTest, OnlyShortQueriesOfPlainWordsAreKeywordQueries) {
    EXPECT_FALSE(builder_->parse("serving", 4).all_words);  // one word: all is any
    EXPECT_FALSE(builder_->parse("latency serving", 0).all_words);
    EXPECT_FALSE(builder_->parse("low latency serving of deep models", 4).all_words);  // five words
    for (const char* text : {"\"low latency\" serving", "latency OR serving", "latency -serving",
                             "title:serving latency", "(latency serving)"}) {
        EXPECT_FALSE(builder_->parse(text, 4).all_words) << text;
    }
}

TEST(KeywordQuery, CountsWordsThatAreNoStopword) {
    EXPECT_TRUE(is_keyword_query(tokens_of("the gpu of a cluster"), 2));
    EXPECT_FALSE(is_keyword_query(tokens_of("gpu cluster scheduling"), 2));
    EXPECT_FALSE(is_keyword_query(tokens_of("the of"), 4));
}

}  // namespace
}  // namespace mlsys::query
