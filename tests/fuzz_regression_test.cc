// Inputs the fuzz targets of fuzz/ found defects with, each as the bytes that did it, with the
// outcome the fix gives: the regression tests of bench/fuzz's findings.
#include "mlsys/query/batch.h"
#include "mlsys/query/query_analysis.h"
#include "mlsys/query/search.h"

#include "mlsys/indexer/input_set.h"
#include "mlsys/indexer/paper_reader.h"

#include "mlsys/schema/errors.h"
#include "mlsys/schema/schema.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace mlsys::query {
namespace {

using schema::FieldId;

// Searches of the bundled list, through the one search API.
class FuzzFoundSearch : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        const indexer::InputSet inputs =
            indexer::read_inputs({testing::bundled_papers()}, indexer::InputFormat::Papers, VenueAliases::bundled());
        ASSERT_TRUE(inputs.problems.empty());
        std::vector<Paper> papers;
        for (const indexer::ReadRecord& record : inputs.records->records()) papers.push_back(record.paper);
        dir_ = std::make_unique<testing::ScratchDir>();
        searcher_ =
            std::make_unique<Searcher>(testing::write_papers(testing::Backend::Single, *dir_, "papers", papers));
    }
    static void TearDownTestSuite() {
        searcher_.reset();
        dir_.reset();
    }

    // The message of the InputError `request` throws, or "" when it throws none.
    static std::string input_error_of(const SearchRequest& request) {
        try {
            searcher_->search(request);
        } catch (const InputError& e) {
            return e.what();
        }
        return "";
    }

    static inline std::unique_ptr<testing::ScratchDir> dir_;
    static inline std::unique_ptr<Searcher> searcher_;
};

SearchRequest request_for(Match match) {
    SearchRequest request;
    request.match = std::move(match);
    return request;
}

// fuzz_query: a --like draft with a byte that is no UTF-8 (0x92, a Windows-1252 quote) threw
// nlohmann's type_error from DocumentBuilder (exit 4, "internal error"); the query and filter
// values reached the JSON writer the same way.
TEST_F(FuzzFoundSearch, TextThatIsNotUtf8IsAnInputErrorNamingIt) {
    const std::string bad = "Graph computation engines\nthey fit ML workloads \x92poorly";
    EXPECT_EQ(input_error_of(request_for(RelatedSource{"", bad})), "the draft is not valid UTF-8 (byte 49)");
    EXPECT_EQ(input_error_of(request_for(QueryText{"gpu \x92 scheduling"})), "the query is not valid UTF-8 (byte 5)");
    EXPECT_EQ(input_error_of(request_for(RelatedSource{"osdi18-\xff", ""})),
              "the paper id is not valid UTF-8 (byte 8)");
    SearchRequest filtered = request_for(QueryText{"gpu"});
    filtered.filters[FieldId::Venue] = {"OSDI", "\xc3("};
    EXPECT_EQ(input_error_of(filtered), "a venue filter is not valid UTF-8 (byte 1)");
    EXPECT_THROW(searcher_->analyze("gpu \x92"), InputError);
    // Valid UTF-8 beyond ASCII is searched as before.
    EXPECT_EQ(input_error_of(request_for(QueryText{"Mart\xc3\xadn \xe2\x80\x93 GPU"})), "");
    EXPECT_GT(searcher_->search(request_for(RelatedSource{"", bad.substr(0, 25)})).total, 0u);
}

// What the reader of `format` makes of `text`, read as the file "list".
indexer::ReadResult read_as(indexer::InputFormat format, const std::string& text) {
    std::istringstream in(text);
    return indexer::make_reader(format, VenueAliases::bundled())->read(in, "list");
}

// fuzz_bibtex_reader: an entry cut off by the end of a file that ends with a line end was
// reported on the line after the last (line 26 of a 25-line file).
TEST(FuzzFoundReaders, TheEndOfABibtexFileIsOnItsLastLine) {
    const indexer::ReadResult result = read_as(indexer::InputFormat::Bibtex, "@article{zionex,\n\n\n");
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_EQ(result.problems[0].describe(),
              "list:3: @article{zionex: expected a field name or '}', got the end of the file");
}

// fuzz_beir_reader (the long run): a number beyond a double's range ended the process with an
// uncaught std::out_of_range from the JSON parser, in either JSON Lines reader and in --batch.
TEST(FuzzFoundReaders, ANumberBeyondADoubleIsAProblemOfItsLine) {
    const std::string crash_input = "[77777777777777777e777[\"t";  // the bytes the fuzzer found
    for (const indexer::InputFormat format : {indexer::InputFormat::Beir, indexer::InputFormat::Papers}) {
        const indexer::ReadResult result = read_as(format, "\n" + crash_input + "\n");
        ASSERT_EQ(result.problems.size(), 1u);
        EXPECT_EQ(result.problems[0].describe(), "list:2: a number beyond the range of JSON numbers (a double)");
    }
    const testing::ScratchDir dir;
    const std::string queries =
        dir.write_file("queries.jsonl", "{\"_id\": \"q1\", \"text\": \"gpu\", \"score\": 1e999}\n");
    try {
        read_batch_queries(queries);
        ADD_FAILURE() << "no InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), queries + ":1: a number beyond the range of JSON numbers (a double)");
    }
}

}  // namespace
}  // namespace mlsys::query
