// Output: snippet rendering, the JSON object, and the ids and text writers, on hand-built responses.
#include "mlsys/query/result_writer.h"
#include "output/writers.h"

#include "mlsys/schema/errors.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace mlsys::query {
namespace {

using schema::FieldId;

SearchResponse sample_response() {
    SearchResponse response;
    response.query = "parameter server";
    response.total = 2;
    response.offset = 0;
    response.limit = 10;

    Hit full;
    full.rank = 1;
    full.score = 9.5;
    full.paper.id = "socc18-hub";
    full.paper.title = "Parameter Hub";
    full.paper.authors = {"Liang Luo", "Jacob Nelson"};
    full.paper.venue = "SoCC";
    full.paper.year = 2018;
    full.paper.categories = {"Deep learning/Training", "Systems/Parameter servers"};
    full.paper.url = "https://example.org/hub";
    full.paper.doi = "10.1000/hub";
    full.paper.abstract = "The whole abstract.";
    full.paper.extra = Json::parse(R"({"note": "kept"})");
    full.snippet = "A \x02parameter\x03 &amp; \x02server\x03 hub";
    response.hits.push_back(full);

    Hit bare;  // a BEIR document: no venue, year, category, url or authors
    bare.rank = 2;
    bare.score = 1.25;
    bare.paper.id = "beir-7";
    bare.paper.title = "Doc";
    response.hits.push_back(bare);

    response.facets = {
        {FieldId::Venue, {{"SoCC", 1}}},
        {FieldId::Year, {{"2018", 1}}},
        {FieldId::Category,
         {{"Deep learning", 1, 0},
          {"Deep learning/Training", 1, 1},
          {"Systems", 1, 0},
          {"Systems/Parameter servers", 1, 1}}},
    };
    return response;
}

std::string written(OutputFormat format, const SearchResponse& response, bool color = false,
                    const std::string& qid = "", std::size_t facet_values = 10) {
    std::ostringstream out;
    WriterOptions options;
    options.color = color;
    options.facet_values = facet_values;
    make_writer(format, out, options)->write(response, qid);
    return out.str();
}

std::string shown(OutputFormat format, const Paper& paper, bool color = false) {
    std::ostringstream out;
    WriterOptions options;
    options.color = color;
    make_writer(format, out, options)->write_paper(paper);
    return out.str();
}

std::vector<std::string> keys_of(const Json& object) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : object.items()) keys.push_back(key);
    return keys;
}

using Keys = std::vector<std::string>;

TEST(RenderSnippet, ReplacesMarkers) {
    EXPECT_EQ(render_snippet("a \x02"
                             "b\x03 c",
                             "[", "]"),
              "a [b] c");
    EXPECT_EQ(render_snippet("\x02x\x03\x02y\x03", "<b>", "</b>"), "<b>x</b><b>y</b>");
    EXPECT_EQ(render_snippet("a \x02"
                             "b\x03 c",
                             "", ""),
              "a b c");
    EXPECT_EQ(render_snippet("", "[", "]"), "");
}

TEST(RenderSnippet, UndoesHtmlEscapes) {
    EXPECT_EQ(render_snippet("&amp; &lt;x&gt; &quot;q&quot; it&#39;s", "", ""), "& <x> \"q\" it's");
    EXPECT_EQ(render_snippet("&amp;lt;", "", ""), "&lt;");  // one level only
    EXPECT_EQ(render_snippet("AT&T &amp", "", ""), "AT&T &amp");
    EXPECT_EQ(render_snippet("\x02&lt;b&gt;\x03", "[", "]"), "[<b>]");
}

TEST(ResponseJson, KeysInDesignOrder) {
    const Json json = response_json(sample_response());
    EXPECT_EQ(keys_of(json), (Keys{"format", "query", "corrected", "total", "offset", "limit", "results", "facets"}));
    ASSERT_EQ(json["results"].size(), 2u);
    EXPECT_EQ(keys_of(json["results"][0]), (Keys{"rank", "id", "score", "title", "authors", "venue", "year", "category",
                                                 "url", "snippet", "abstract", "doi", "note"}));
    EXPECT_EQ(keys_of(json["results"][1]),
              (Keys{"rank", "id", "score", "title", "authors", "venue", "year", "category", "url", "snippet"}));
    EXPECT_EQ(keys_of(json["facets"]), (Keys{"venue", "year", "category"}));
}

TEST(ResponseJson, ExactText) {
    EXPECT_EQ(
        response_json(sample_response()).dump(),
        R"({"format":2,"query":"parameter server","corrected":null,"total":2,"offset":0,"limit":10,"results":[)"
        R"({"rank":1,"id":"socc18-hub","score":9.5,"title":"Parameter Hub","authors":["Liang Luo","Jacob Nelson"],)"
        R"("venue":"SoCC","year":2018,"category":["Deep learning/Training","Systems/Parameter servers"],)"
        R"("url":"https://example.org/hub",)"
        R"("snippet":"A parameter & server hub","abstract":"The whole abstract.","doi":"10.1000/hub","note":"kept"},)"
        R"({"rank":2,"id":"beir-7","score":1.25,"title":"Doc","authors":[],"venue":null,"year":null,)"
        R"("category":[],"url":null,"snippet":""}],)"
        R"("facets":{"venue":[{"value":"SoCC","count":1}],"year":[{"value":2018,"count":1}],)"
        R"("category":[{"value":"Deep learning","count":1,"depth":0},{"value":"Deep learning/Training","count":1,"depth":1},)"
        R"({"value":"Systems","count":1,"depth":0},{"value":"Systems/Parameter servers","count":1,"depth":1}]}})");
}

TEST(ResponseJson, CitationLinksFollowTheSnippetWhenSet) {
    SearchResponse response = sample_response();
    Paper& paper = response.hits[0].paper;
    paper.keywords = {"rdma"};
    paper.references = {"osdi14-ParameterServer"};
    paper.citations = {"sosp19-PipeDream", "osdi20-BytePS"};
    const Json hit = response_json(response)["results"][0];
    EXPECT_EQ(keys_of(hit), (Keys{"rank", "id", "score", "title", "authors", "venue", "year", "category", "url",
                                  "snippet", "abstract", "doi", "keywords", "references", "citations", "note"}));
    EXPECT_EQ(hit["references"], Json::array({"osdi14-ParameterServer"}));
    EXPECT_EQ(hit["citations"], Json::array({"sosp19-PipeDream", "osdi20-BytePS"}));
    EXPECT_FALSE(response_json(sample_response())["results"][1].contains("references"));  // unset: left out
}

TEST(ResponseJson, ARecordsOwnKeysNeverOverwriteTheResults) {
    SearchResponse response = sample_response();
    response.hits[0].paper.extra = Json::parse(R"({"rank": 99, "score": "bogus", "snippet": "x", "note": "kept"})");
    const Json result = response_json(response)["results"][0];
    EXPECT_EQ(result["rank"], 1);
    EXPECT_EQ(result["score"], 9.5);
    EXPECT_EQ(result["snippet"], "A parameter & server hub");
    EXPECT_EQ(result["note"], "kept");
}

TEST(ResponseJson, YearFacetValuesAreIntegers) {
    const Json json = response_json(sample_response());
    EXPECT_TRUE(json["facets"]["year"][0]["value"].is_number_integer());
    EXPECT_TRUE(json["facets"]["venue"][0]["value"].is_string());
    EXPECT_TRUE(json["results"][0]["year"].is_number_integer());
}

TEST(ResponseJson, CorrectedQuery) {
    SearchResponse response = sample_response();
    response.corrected = "parameter servers";
    EXPECT_EQ(response_json(response)["corrected"], "parameter servers");
    response.showing_corrected = true;
    const Json json = response_json(response);
    EXPECT_EQ(keys_of(json), (Keys{"format", "query", "corrected", "showing_corrected", "total", "offset", "limit",
                                   "results", "facets"}));
    EXPECT_EQ(json["showing_corrected"], true);
}

TEST(ResponseJson, PlainWordsIsFlagged) {
    SearchResponse response = sample_response();
    EXPECT_FALSE(response_json(response).contains("plain_words"));
    response.plain_words = true;
    const Json json = response_json(response);
    EXPECT_EQ(json["plain_words"], true);
    EXPECT_EQ(keys_of(json),
              (Keys{"format", "query", "corrected", "plain_words", "total", "offset", "limit", "results", "facets"}));
}

TEST(ResponseJson, NoFacetsIsAnEmptyObject) {
    SearchResponse response = sample_response();
    response.facets.clear();
    response.hits.clear();
    EXPECT_EQ(
        response_json(response).dump(),
        R"({"format":2,"query":"parameter server","corrected":null,"total":2,"offset":0,"limit":10,"results":[],"facets":{}})");
}

TEST(JsonWriter, OneObjectALine) {
    EXPECT_EQ(written(OutputFormat::Json, sample_response()), response_json(sample_response()).dump() + "\n");
}

TEST(IdsWriter, OneIdALine) {
    EXPECT_EQ(written(OutputFormat::Ids, sample_response()), "socc18-hub\nbeir-7\n");
    SearchResponse none = sample_response();
    none.hits.clear();
    EXPECT_EQ(written(OutputFormat::Ids, none), "");
}

TEST(IdsWriter, BatchLinesStartWithTheQid) {
    EXPECT_EQ(written(OutputFormat::Ids, sample_response(), false, "q7"), "q7\tsocc18-hub\nq7\tbeir-7\n");
}

TEST(TextWriter, ExactOutput) {
    EXPECT_EQ(written(OutputFormat::Text, sample_response()),
              "2 papers, showing 1-2\n"
              "\n"
              "1. Parameter Hub\n"
              "   SoCC 2018 | Deep learning/Training; Systems/Parameter servers | socc18-hub\n"
              "   Liang Luo, Jacob Nelson\n"
              "   https://doi.org/10.1000/hub\n"
              "   A parameter & server hub\n"
              "\n"
              "2. Doc\n"
              "   beir-7\n"
              "\n"
              "venue:  SoCC (1)\n"
              "year:  2018 (1)\n"
              "category:\n"
              "  Deep learning (1)\n"
              "    Training (1)\n"
              "  Systems (1)\n"
              "    Parameter servers (1)\n");
}

TEST(TextWriter, HighlightsInBold) {
    const std::string out = written(OutputFormat::Text, sample_response(), true);
    EXPECT_NE(out.find("   A \x1b[1mparameter\x1b[0m & \x1b[1mserver\x1b[0m hub\n"), std::string::npos) << out;
}

TEST(TextWriter, ColourMakesTitlesBoldWithTheirMatchedWordsUnderlined) {
    SearchResponse response = sample_response();
    response.hits[0].marked_title = "\x02Parameter\x03 Hub &amp; Co";
    response.hits[0].paper.title = "Parameter Hub & Co";
    const std::string out = written(OutputFormat::Text, response, true);
    EXPECT_NE(out.find("\n1. \x1b[1m\x1b[4mParameter\x1b[24m Hub & Co\x1b[0m\n"), std::string::npos) << out;
    EXPECT_NE(out.find("\n2. \x1b[1mDoc\x1b[0m\n"), std::string::npos) << out;  // nothing marked: bold alone
    const std::string plain = written(OutputFormat::Text, response, false);
    EXPECT_EQ(plain.find('\x1b'), std::string::npos);
    EXPECT_NE(plain.find("\n1. Parameter Hub & Co\n"), std::string::npos);
}

TEST(TextWriter, TheLinkIsTheDoiElseTheUrl) {
    SearchResponse response = sample_response();
    response.facets.clear();
    response.hits[0].paper.doi.clear();
    response.hits[1].paper.doi = "https://doi.org/10.1/x";
    const std::string out = written(OutputFormat::Text, response);
    EXPECT_NE(out.find("   Liang Luo, Jacob Nelson\n   https://example.org/hub\n"), std::string::npos) << out;
    EXPECT_NE(out.find("   beir-7\n   https://doi.org/10.1/x\n"), std::string::npos) << out;
}

SearchResponse many_facet_values() {
    SearchResponse response;
    FacetCounts venues{FieldId::Venue, {}};
    for (int i = 0; i < 13; ++i)
        venues.values.push_back({"V" + std::to_string(i), static_cast<Xapian::doccount>(20 - i)});
    FacetCounts categories{FieldId::Category,
                           {{"A", 9, 0},
                            {"A/x", 5, 1},
                            {"A/x/deep", 5, 2},
                            {"A/y", 3, 1},
                            {"A/z", 1, 1},
                            {"B", 4, 0},
                            {"B/w", 4, 1},
                            {"C", 2, 0},
                            {"C/v", 2, 1}}};
    response.facets = {venues, categories};
    return response;
}

TEST(TextWriter, FacetLinesShowTheTopValuesAndCountTheRest) {
    const std::string out = written(OutputFormat::Text, many_facet_values(), false, "", 2);
    EXPECT_EQ(out.substr(out.find("venue:")),
              "venue:  V0 (20)  V1 (19)  +11 more\n"
              "category:\n"
              "  A (9)\n"
              "    x (5)\n"
              "      deep (5)\n"
              "    y (3)\n"
              "    +1 more\n"
              "  B (4)\n"
              "    w (4)\n"
              "  +1 more\n");
}

TEST(TextWriter, FacetValuesZeroShowsThemAll) {
    const std::string all = written(OutputFormat::Text, many_facet_values(), false, "", 0);
    EXPECT_EQ(all.find("more"), std::string::npos) << all;
    EXPECT_NE(all.find("V12 (8)\n"), std::string::npos) << all;
    EXPECT_NE(all.find("\n  C (2)\n    v (2)\n"), std::string::npos) << all;
    const std::string ten = written(OutputFormat::Text, many_facet_values());
    EXPECT_NE(ten.find("  V9 (11)  +3 more\n"), std::string::npos) << ten;
}

TEST(TsvWriter, OneLineAHitWithoutTabsOrLineBreaksInValues) {
    SearchResponse response = sample_response();
    response.hits[0].paper.title = "Parameter\tHub\nServer";
    EXPECT_EQ(written(OutputFormat::Tsv, response),
              "socc18-hub\t2018\tSoCC\tParameter Hub Server\n"
              "beir-7\t\t\tDoc\n");
    EXPECT_EQ(written(OutputFormat::Tsv, response, false, "q1").substr(0, 14), "q1\tsocc18-hub\t");
    EXPECT_EQ(shown(OutputFormat::Tsv, response.hits[1].paper), "beir-7\t\t\tDoc\n");
}

TEST(ShowPaper, TextIsEveryFieldOfTheRecordALine) {
    Paper paper = sample_response().hits[0].paper;
    paper.references = {"osdi14-ps", "nsdi17-x"};
    paper.aliases = {"luo2018hub"};
    paper.sources = {"/lists/a.bib:3"};
    EXPECT_EQ(shown(OutputFormat::Text, paper),
              "id:         socc18-hub\n"
              "title:      Parameter Hub\n"
              "authors:    Liang Luo\n"
              "            Jacob Nelson\n"
              "venue:      SoCC\n"
              "year:       2018\n"
              "category:   Deep learning/Training\n"
              "            Systems/Parameter servers\n"
              "abstract:   The whole abstract.\n"
              "url:        https://example.org/hub\n"
              "doi:        10.1000/hub\n"
              "references: osdi14-ps\n"
              "            nsdi17-x\n"
              "aliases:    luo2018hub\n"
              "sources:    /lists/a.bib:3\n"
              "note:       kept\n");
    const std::string coloured = shown(OutputFormat::Text, paper, true);
    EXPECT_NE(coloured.find("title:      \x1b[1mParameter Hub\x1b[0m\n"), std::string::npos) << coloured;
}

TEST(ShowPaper, JsonIsTheWholeRecordAfterTheFormat) {
    Paper paper = sample_response().hits[0].paper;
    paper.extra["format"] = "record's own";
    const Json json = Json::parse(shown(OutputFormat::Json, paper));
    EXPECT_EQ(keys_of(json), (Keys{"format", "id", "title", "authors", "venue", "year", "category", "abstract", "url",
                                   "doi", "note"}));
    EXPECT_EQ(json["format"], kJsonFormat);
    EXPECT_EQ(json["abstract"], "The whole abstract.");
    EXPECT_EQ(paper_json(paper), json);
}

TEST(ShowPaper, IdsWriteTheIdAndTrecRefuses) {
    const Paper paper = sample_response().hits[0].paper;
    EXPECT_EQ(shown(OutputFormat::Ids, paper), "socc18-hub\n");
    EXPECT_THROW(shown(OutputFormat::Trec, paper), UsageError);
}

TEST(TextWriter, HeaderNotes) {
    SearchResponse response = sample_response();
    response.hits.resize(1);
    response.total = 1;
    response.facets.clear();
    response.plain_words = true;
    response.corrected = "parameter servers";
    const std::string did_you_mean = written(OutputFormat::Text, response);
    EXPECT_EQ(did_you_mean.substr(0, did_you_mean.find("\n\n")),
              "(nothing matched the query as written; showing matches for its plain words)\n"
              "Did you mean \"parameter servers\"?\n"
              "1 paper, showing 1-1");
    response.plain_words = false;
    response.showing_corrected = true;
    const std::string showing = written(OutputFormat::Text, response);
    EXPECT_EQ(showing.substr(0, showing.find("\n\n")),
              "No results for \"parameter server\"; showing results for \"parameter servers\".\n"
              "1 paper, showing 1-1");
}

SearchResponse explained_response() {
    SearchResponse response = sample_response();
    response.hits.resize(1);
    response.total = 1;
    response.facets.clear();
    response.hits[0].snippet.clear();
    response.hits[0].explanation = {{"term", "hub", 2.5, ""},
                                    {"shared citation", "osdi18-ray", 1.25, "Ray: A Distributed Framework"},
                                    {"shared reference", "abc123", 0.5, ""}};
    return response;
}

TEST(TextWriter, ExplanationsNameSharedPapersByTitleWhenKnown) {
    const std::string out = written(OutputFormat::Text, explained_response());
    EXPECT_NE(out.find("\n   why: hub 2.50, shared citation \"Ray: A Distributed Framework\" 1.25, shared reference "
                       "abc123 0.50\n"),
              std::string::npos)
        << out;
}

TEST(ResponseJson, ExplanationsCarryTheTitleOfAKnownSharedPaper) {
    const Json reasons = response_json(explained_response())["results"][0]["explain"];
    EXPECT_EQ(
        reasons.dump(),
        R"([{"signal":"term","value":"hub","weight":2.5},)"
        R"({"signal":"shared citation","value":"osdi18-ray","weight":1.25,"title":"Ray: A Distributed Framework"},)"
        R"({"signal":"shared reference","value":"abc123","weight":0.5}])");
}

TEST(TextWriter, NoResults) {
    SearchResponse response;
    response.query = "nothing";
    EXPECT_EQ(written(OutputFormat::Text, response), "0 papers\n");
}

TEST(TextWriter, ManyAuthorsAreCut) {
    SearchResponse response = sample_response();
    response.hits.resize(1);
    response.facets.clear();
    response.hits[0].paper.authors = {"A1", "A2", "A3", "A4", "A5", "A6", "A7"};
    EXPECT_NE(written(OutputFormat::Text, response).find("\n   A1, A2, A3, A4, A5, A6 et al.\n"), std::string::npos);
    response.hits[0].paper.authors.pop_back();
    EXPECT_NE(written(OutputFormat::Text, response).find("\n   A1, A2, A3, A4, A5, A6\n"), std::string::npos);
}

TEST(TextWriter, RanksCountFromTheOffset) {
    SearchResponse response = sample_response();
    response.total = 12;
    response.offset = 10;
    response.hits[0].rank = 11;
    response.hits[1].rank = 12;
    const std::string out = written(OutputFormat::Text, response);
    EXPECT_EQ(out.substr(0, out.find('\n')), "12 papers, showing 11-12");
    EXPECT_NE(out.find("\n11. Parameter Hub\n"), std::string::npos);
}

TEST(OutputFormats, NamesMapToTheirFormats) {
    std::map<std::string, OutputFormat> by_name;
    for (const auto& [name, format] : output_format_names()) {
        EXPECT_TRUE(by_name.emplace(name, format).second) << "duplicate name " << name;
    }
    EXPECT_EQ(output_format_names().front().first, "text");  // the default comes first
    EXPECT_EQ(by_name.at("text"), OutputFormat::Text);
    EXPECT_EQ(by_name.at("json"), OutputFormat::Json);
    EXPECT_EQ(by_name.at("ids"), OutputFormat::Ids);
    EXPECT_EQ(by_name.at("tsv"), OutputFormat::Tsv);
}

}  // namespace
}  // namespace mlsys::query
