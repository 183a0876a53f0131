// paper_from_record: a JSON record checked against the paper record (docs/papers-jsonl.md) and normalised.
#include "readers/record_validation.h"

#include "mlsys/schema/schema.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace mlsys::indexer {
namespace {

struct Checked {
    std::optional<Paper> paper;
    std::vector<Problem> problems;

    std::vector<std::string> messages() const {
        std::vector<std::string> out;
        for (const Problem& p : problems) out.push_back(p.describe());
        return out;
    }
};

Checked check(const std::string& json_text, RequiredFields required = {}) {
    Checked checked;
    checked.paper = paper_from_record(Json::parse(json_text), SourceLocation{"papers.jsonl", 7},
                                      VenueAliases::bundled(), required, checked.problems);
    return checked;
}

// A valid record with `field` taken out or replaced: `replacement` is its JSON text, "" to drop it.
std::string record_with(const std::string& field, const std::string& replacement) {
    Json record = Json::parse(R"({"id": "osdi18-ray", "title": "Ray", "venue": "OSDI", "year": 2018,
                                 "authors": ["Philipp Moritz", "Ion Stoica"]})");
    if (replacement.empty()) {
        record.erase(field);
    } else {
        record[field] = Json::parse(replacement);
    }
    return record.dump();
}

using Messages = std::vector<std::string>;

TEST(PaperFromRecord, FullValidRecord) {
    const Checked c = check(R"({"id": "osdi18-ray", "title": "Ray: A Distributed Framework",
        "venue": "OSDI", "year": 2018, "category": "Deep learning/Reinforcement learning",
        "authors": ["Philipp Moritz", "Robert Nishihara"], "abstract": "A framework.",
        "url": "https://example.org/ray", "doi": "10.1000/ray", "keywords": ["actors", "tasks"]})");
    ASSERT_TRUE(c.paper) << ::testing::PrintToString(c.messages());
    EXPECT_TRUE(c.problems.empty());
    const Paper& p = *c.paper;
    EXPECT_EQ(p.id, "osdi18-ray");
    EXPECT_EQ(p.title, "Ray: A Distributed Framework");
    EXPECT_EQ(p.venue, "OSDI");
    EXPECT_EQ(p.year, 2018);
    EXPECT_EQ(p.categories, std::vector<std::string>{"Deep learning/Reinforcement learning"});
    EXPECT_EQ(p.authors, (std::vector<std::string>{"Philipp Moritz", "Robert Nishihara"}));
    EXPECT_EQ(p.abstract, "A framework.");
    EXPECT_EQ(p.url, "https://example.org/ray");
    EXPECT_EQ(p.doi, "10.1000/ray");
    EXPECT_EQ(p.keywords, (std::vector<std::string>{"actors", "tasks"}));
    EXPECT_EQ(p.extra, Json::object());
}

TEST(PaperFromRecord, EachMissingRequiredFieldIsNamed) {
    for (const char* field : {"id", "title", "venue", "year"}) {
        const Checked c = check(record_with(field, ""));
        EXPECT_FALSE(c.paper) << field;
        EXPECT_EQ(c.messages(), Messages{"papers.jsonl:7: " + std::string(field) + ": missing (required)"});
        ASSERT_EQ(c.problems.size(), 1u);
        EXPECT_EQ(c.problems[0].field, field);
        EXPECT_EQ(c.problems[0].where.file, "papers.jsonl");
        EXPECT_EQ(c.problems[0].where.line, 7u);
    }
}

TEST(PaperFromRecord, NullCountsAsMissing) {
    EXPECT_EQ(check(record_with("venue", "null")).messages(), Messages{"papers.jsonl:7: venue: missing (required)"});
    const Checked optional_null = check(record_with("url", "null"));
    ASSERT_TRUE(optional_null.paper);
    EXPECT_EQ(optional_null.paper->url, "");
}

TEST(PaperFromRecord, BlankRequiredStringIsEmpty) {
    EXPECT_EQ(check(record_with("title", R"("  \t ")")).messages(),
              Messages{"papers.jsonl:7: title: must not be empty"});
}

TEST(PaperFromRecord, YearAsStringIsAWrongType) {
    EXPECT_EQ(check(record_with("year", R"("2018")")).messages(),
              Messages{R"(papers.jsonl:7: year: must be an integer, got string "2018")"});
    EXPECT_EQ(check(record_with("year", "2018.5")).messages(),
              Messages{"papers.jsonl:7: year: must be an integer, got number 2018.5"});
}

TEST(PaperFromRecord, AuthorsAsStringIsAWrongType) {
    EXPECT_EQ(check(record_with("authors", R"("Ion Stoica")")).messages(),
              Messages{R"(papers.jsonl:7: authors: must be an array of strings, got string "Ion Stoica")"});
}

TEST(PaperFromRecord, AuthorItemThatIsNotAStringIsNamedByPosition) {
    EXPECT_EQ(check(record_with("authors", R"(["Ion Stoica", 42])")).messages(),
              Messages{"papers.jsonl:7: authors: item 2 must be a string, got number 42"});
}

TEST(PaperFromRecord, OtherWrongTypes) {
    EXPECT_EQ(check(record_with("id", "17")).messages(),
              Messages{"papers.jsonl:7: id: must be a string, got number 17"});
    EXPECT_EQ(check(record_with("keywords", R"({"a": 1})")).messages(),
              Messages{R"(papers.jsonl:7: keywords: must be an array of strings, got object {"a":1})"});
}

TEST(PaperFromRecord, YearOutOfRange) {
    EXPECT_EQ(check(record_with("year", "1850")).messages(),
              Messages{"papers.jsonl:7: year: must be a four-digit year from 1900 to 2100, got 1850"});
    EXPECT_EQ(check(record_with("year", "20180")).messages(),
              Messages{"papers.jsonl:7: year: must be a four-digit year from 1900 to 2100, got 20180"});
    EXPECT_EQ(check(record_with("year", "-2018")).messages(),
              Messages{"papers.jsonl:7: year: must be a four-digit year from 1900 to 2100, got -2018"});
    EXPECT_EQ(check(record_with("year", "1900")).paper->year, 1900);
    EXPECT_EQ(check(record_with("year", "2100")).paper->year, 2100);
}

TEST(PaperFromRecord, IdWithWhiteSpace) {
    EXPECT_EQ(check(record_with("id", R"("osdi18 ray")")).messages(),
              Messages{"papers.jsonl:7: id: must not contain white space"});
    EXPECT_EQ(check(record_with("id", R"("osdi18\tray")")).messages(),
              Messages{"papers.jsonl:7: id: must not contain white space"});
    // Leading and trailing white space is trimmed, not an error.
    EXPECT_EQ(check(record_with("id", R"("  osdi18-ray ")")).paper->id, "osdi18-ray");
}

TEST(PaperFromRecord, IdTooLongForAnIndexTermIsAProblem) {
    const Checked c = check(record_with("id", "\"" + std::string(300, 'x') + "\""));
    EXPECT_FALSE(c.paper);
    ASSERT_EQ(c.problems.size(), 1u);
    EXPECT_EQ(c.problems[0].field, "id");
}

TEST(PaperFromRecord, CitationLinksAreListsOfPaperIds) {
    const Checked c =
        check(record_with("references", R"(["nsdi17-clipper", " osdi16-TensorFlow ", "", "nsdi17-clipper"])"));
    ASSERT_TRUE(c.paper) << ::testing::PrintToString(c.messages());
    EXPECT_EQ(c.paper->references, (std::vector<std::string>{"nsdi17-clipper", "osdi16-TensorFlow"}));
    EXPECT_TRUE(c.paper->citations.empty());
    EXPECT_EQ(c.paper->extra, Json::object());
    // Items are numbered as given, blank ones included.
    EXPECT_EQ(check(record_with("citations", R"(["a", "", "b c", 3])")).messages(),
              (Messages{"papers.jsonl:7: citations item 3: must not contain white space",
                        "papers.jsonl:7: citations: item 4 must be a string, got number 3"}));
    const std::string too_long = "\"" + std::string(300, 'x') + "\"";
    EXPECT_EQ(check(record_with("references", "[\"ok\", " + too_long + "]")).messages(),
              Messages{"papers.jsonl:7: references item 2: too long: 300 bytes, at most " +
                       std::to_string(schema::max_boolean_value_bytes(schema::FieldId::References))});
    EXPECT_EQ(check(record_with("references", R"("nsdi17-clipper")")).messages(),
              Messages{"papers.jsonl:7: references: must be an array of strings, got string \"nsdi17-clipper\""});
}

TEST(PaperFromRecord, NotAnObject) {
    EXPECT_EQ(check("[1, 2]").messages(), Messages{"papers.jsonl:7: expected a JSON object, got array"});
    EXPECT_EQ(check(R"("text")").messages(), Messages{"papers.jsonl:7: expected a JSON object, got string"});
}

TEST(PaperFromRecord, UnknownFieldsAreKeptInOrder) {
    const Checked c = check(R"({"id": "x1", "zeta": null, "title": "T", "venue": "OSDI", "year": 2018,
                               "note": "kept", "tags": [1, "two"], "alpha": {"b": true}})");
    ASSERT_TRUE(c.paper);
    EXPECT_EQ(c.paper->extra.dump(), R"({"zeta":null,"note":"kept","tags":[1,"two"],"alpha":{"b":true}})");
}

TEST(PaperFromRecord, VenueIsNormalised) {
    EXPECT_EQ(check(record_with("venue", R"("NIPS")")).paper->venue, "NeurIPS");
    EXPECT_EQ(check(record_with("venue", R"(" usenix  atc ")")).paper->venue, "ATC");
    EXPECT_EQ(check(record_with("venue", R"("EUROSYS")")).paper->venue, "EuroSys");
    EXPECT_EQ(check(record_with("venue", R"("  Some   Workshop ")")).paper->venue, "Some Workshop");
}

TEST(PaperFromRecord, CategoryIsNormalised) {
    using Paths = std::vector<std::string>;
    EXPECT_EQ(check(record_with("category", R"("Deep learning / Training")")).paper->categories,
              Paths{"Deep learning/Training"});
    EXPECT_EQ(check(record_with("category", R"(" /Systems//  Storage   engines/ ")")).paper->categories,
              Paths{"Systems/Storage engines"});
    // The separator's look-alikes (U+2215, U+2044, U+FF0F) are the separator.
    EXPECT_EQ(check(record_with("category", R"("Data \u2215 Fetch stalls (I\u2044O)\uFF0FMore")")).paper->categories,
              Paths{"Data/Fetch stalls (I/O)/More"});
}

TEST(PaperFromRecord, CategoryIsOnePathOrAnArrayOfPaths) {
    using Paths = std::vector<std::string>;
    EXPECT_EQ(check(record_with("category", R"(["Systems/Storage", " ", "Deep learning", "Systems / Storage"])"))
                  .paper->categories,
              (Paths{"Systems/Storage", "Deep learning"}));  // blank dropped, a repeat kept once
    EXPECT_EQ(check(record_with("category", R"("")")).paper->categories, Paths{});
    EXPECT_EQ(check(record_with("category", "7")).messages(),
              Messages{"papers.jsonl:7: category: must be a path or an array of paths, got number 7"});
    EXPECT_EQ(check(record_with("category", R"(["A", 7])")).messages(),
              Messages{"papers.jsonl:7: category: item 2 must be a string, got number 7"});
}

TEST(PaperFromRecord, StringsAreSqueezedAndEmptyListItemsDropped) {
    const Checked c = check(R"({"id": "x1", "title": "  Ray:\n A   Framework ", "venue": "OSDI", "year": 2018,
                               "authors": ["  Ion   Stoica ", "", "  "], "keywords": ["rdma", " "]})");
    ASSERT_TRUE(c.paper);
    EXPECT_EQ(c.paper->title, "Ray: A Framework");
    EXPECT_EQ(c.paper->authors, std::vector<std::string>{"Ion Stoica"});
    EXPECT_EQ(c.paper->keywords, std::vector<std::string>{"rdma"});
}

TEST(PaperFromRecord, RelaxedRequirementsAcceptMissingTitleVenueYear) {
    const Checked c = check(R"({"id": "doc1"})", RequiredFields{false, false, false});
    ASSERT_TRUE(c.paper) << ::testing::PrintToString(c.messages());
    EXPECT_EQ(c.paper->id, "doc1");
    EXPECT_EQ(c.paper->title, "");
    EXPECT_EQ(c.paper->venue, "");
    EXPECT_EQ(c.paper->year, std::nullopt);
}

TEST(PaperFromRecord, RelaxedRequirementsStillRequireIdAndCheckTypes) {
    EXPECT_EQ(check(R"({"title": "T"})", RequiredFields{false, false, false}).messages(),
              Messages{"papers.jsonl:7: id: missing (required)"});
    EXPECT_EQ(check(R"({"id": "d", "year": "2018"})", RequiredFields{false, false, false}).messages(),
              Messages{R"(papers.jsonl:7: year: must be an integer, got string "2018")"});
}

TEST(PaperFromRecord, EveryProblemOfARecordIsReported) {
    const Checked c = check(R"({"id": "bad id", "venue": "OSDI", "year": "2018", "authors": "Ion Stoica"})");
    EXPECT_FALSE(c.paper);
    EXPECT_EQ(c.messages(), (Messages{
                                "papers.jsonl:7: id: must not contain white space",
                                "papers.jsonl:7: title: missing (required)",
                                R"(papers.jsonl:7: year: must be an integer, got string "2018")",
                                R"(papers.jsonl:7: authors: must be an array of strings, got string "Ion Stoica")",
                            }));
}

TEST(PaperFromRecord, AppendsToEarlierProblemsAndJudgesOnlyItsOwn) {
    // Filled member by member: GCC 12's Release build warns (wrongly, -Wmaybe-uninitialized)
    // about the nested aggregate initialisation of a Problem here.
    std::vector<Problem> problems(1);
    problems[0].where.file = "other.jsonl";
    problems[0].where.line = 1;
    problems[0].field = "id";
    problems[0].message = "earlier";
    const auto valid = paper_from_record(Json::parse(record_with("url", R"("u")")), {"papers.jsonl", 2},
                                         VenueAliases::bundled(), {}, problems);
    EXPECT_TRUE(valid);
    EXPECT_EQ(problems.size(), 1u);
    const auto invalid = paper_from_record(Json::parse(record_with("title", "")), {"papers.jsonl", 3},
                                           VenueAliases::bundled(), {}, problems);
    EXPECT_FALSE(invalid);
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].message, "earlier");
    EXPECT_EQ(problems[1].describe(), "papers.jsonl:3: title: missing (required)");
}

TEST(PaperFromRecord, LongValuesAreShortenedInMessages) {
    const std::string long_title(60, 'x');
    EXPECT_EQ(check(record_with("year", "\"" + long_title + "\"")).messages(),
              Messages{"papers.jsonl:7: year: must be an integer, got string \"" + std::string(39, 'x') + "..."});
}

}  // namespace
}  // namespace mlsys::indexer
