// field_value_query / any_value_query, checked by what they match in a small index.
#include "field_values.h"

#include "mlsys/indexer/index_writer.h"
#include "mlsys/schema/document.h"
#include "mlsys/schema/errors.h"

#include "test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <set>
#include <string>
#include <vector>

namespace mlsys::query {
namespace {

using mlsys::testing::Ids;
using schema::FieldId;

Paper paper(const std::string& id, const std::string& venue, int year, const std::string& category,
            std::vector<std::string> authors) {
    Paper p;
    p.id = id;
    p.title = "Paper " + id;
    p.venue = venue;
    p.year = year;
    if (!category.empty()) p.categories = {category};
    p.authors = std::move(authors);
    return p;
}

class FieldValuesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        indexer::write_index(
            db_path_,
            {
                paper("neurips17-a", "NeurIPS", 2017, "Deep learning/Training", {"Ion Stoica", "Matei Zaharia"}),
                paper("neurips18-b", "NeurIPS", 2018, "Deep learning/Inference", {"Stoica Ion"}),
                paper("osdi18-c", "OSDI", 2018, "Deep learning/Training", {"Ion Foo", "Bar Stoica"}),
                paper("osdi16-d", "OSDI", 2016, "Systems/Storage", {"Ion Stoica"}),
                paper("sosp19-e", "SOSP", 2019, "Deep learning", {}),
                paper("mlsys20-f", "MLSys", 2020, "Deep learning research", {"Ann Ion"}),
            },
            {});
        db_ = Xapian::Database(db_path_);
    }

    Ids matching(const Xapian::Query& query) const { return mlsys::testing::ids_matching(db_, query); }

    Ids matching(FieldId field, const std::string& value) const {
        return matching(field_value_query(schema::field(field), value, VenueAliases::bundled()));
    }

    Ids matching_any(FieldId field, const std::vector<std::string>& values) const {
        return matching(any_value_query(schema::field(field), values, VenueAliases::bundled()));
    }

    const mlsys::testing::ScratchDir dir_;
    const std::string db_path_ = dir_ / "db";
    Xapian::Database db_;
};

TEST_F(FieldValuesTest, VenueMatchesThroughAliasesInAnyCase) {
    const Ids neurips{"neurips17-a", "neurips18-b"};
    EXPECT_EQ(matching(FieldId::Venue, "nips"), neurips);
    EXPECT_EQ(matching(FieldId::Venue, "NeurIPS"), neurips);
    EXPECT_EQ(matching(FieldId::Venue, "NEURALPS"), neurips);
    EXPECT_EQ(matching(FieldId::Venue, "  Neural Information Processing Systems "), neurips);
    EXPECT_EQ(matching(FieldId::Venue, "osdi"), (Ids{"osdi18-c", "osdi16-d"}));
    EXPECT_EQ(matching(FieldId::Venue, "Unknown Workshop"), Ids{});
}

TEST_F(FieldValuesTest, SingleYear) {
    EXPECT_EQ(matching(FieldId::Year, "2018"), (Ids{"neurips18-b", "osdi18-c"}));
    EXPECT_EQ(matching(FieldId::Year, " 2018 "), (Ids{"neurips18-b", "osdi18-c"}));
    EXPECT_EQ(matching(FieldId::Year, "2015"), Ids{});
}

TEST_F(FieldValuesTest, YearRanges) {
    EXPECT_EQ(matching(FieldId::Year, "2017..2018"), (Ids{"neurips17-a", "neurips18-b", "osdi18-c"}));
    EXPECT_EQ(matching(FieldId::Year, "2018.."), (Ids{"neurips18-b", "osdi18-c", "sosp19-e", "mlsys20-f"}));
    EXPECT_EQ(matching(FieldId::Year, "..2017"), (Ids{"neurips17-a", "osdi16-d"}));
    EXPECT_EQ(matching(FieldId::Year, "2019..2019"), Ids{"sosp19-e"});
    EXPECT_EQ(matching(FieldId::Year, "2021.."), Ids{});
}

TEST_F(FieldValuesTest, BadYearsAreUsageErrors) {
    const schema::Field& year = schema::field(FieldId::Year);
    for (const char* bad : {"20x8", "2017..abc", "abc..2017", "..", "18", "20180", "2017...2018", "", "soon"}) {
        EXPECT_THROW(field_value_query(year, bad, VenueAliases::bundled()), UsageError) << bad;
    }
    try {
        field_value_query(year, "20x8", VenueAliases::bundled());
    } catch (const UsageError& e) {
        EXPECT_EQ(std::string(e.what()), "year: expected YYYY, YYYY..YYYY, YYYY.. or ..YYYY, got \"20x8\"");
    }
}

TEST_F(FieldValuesTest, AnEmptyYearRangeIsBadInput) {
    // Well formed, so no usage error: a range no year can be in, said as such.
    try {
        field_value_query(schema::field(FieldId::Year), "2019..2017", VenueAliases::bundled());
        ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), "year: 2019..2017 is an empty range");
    }
}

TEST_F(FieldValuesTest, CategoryMatchesItsSubCategories) {
    const Ids deep_learning{"neurips17-a", "neurips18-b", "osdi18-c", "sosp19-e"};
    EXPECT_EQ(matching(FieldId::Category, "deep learning"), deep_learning);  // not "Deep learning research"
    EXPECT_EQ(matching(FieldId::Category, "Deep learning"), deep_learning);
    EXPECT_EQ(matching(FieldId::Category, "Deep learning/Training"), (Ids{"neurips17-a", "osdi18-c"}));
    EXPECT_EQ(matching(FieldId::Category, "Systems"), Ids{"osdi16-d"});
    EXPECT_EQ(matching(FieldId::Category, "Deep"), Ids{});  // whole segments only
}

TEST_F(FieldValuesTest, CategoryNamesALevelAtAnyDepth) {
    EXPECT_EQ(matching(FieldId::Category, "training"), (Ids{"neurips17-a", "osdi18-c"}));
    EXPECT_EQ(matching(FieldId::Category, "STORAGE"), Ids{"osdi16-d"});
    EXPECT_EQ(matching(FieldId::Category, "learning/training"), Ids{});  // whole levels only
}

// A second index for the cases the fixture's one path a paper does not show.
TEST(CategoryValues, EveryPathOfAPaperAndRunsOfLevelsMatchAtAnyDepth) {
    const mlsys::testing::ScratchDir dir;
    Paper two_lists = paper("atc21-g", "ATC", 2021, "List A/Inference/Serving", {});
    two_lists.categories.push_back("List B/Deep learning/Training");
    indexer::write_index(dir / "db",
                         {two_lists, paper("osdi18-h", "OSDI", 2018, "Inference", {}),
                          paper("osdi18-i", "OSDI", 2018, "List A/Inference System", {})},
                         {});
    const Xapian::Database db(dir / "db");
    const auto matching = [&](const std::string& value) {
        return mlsys::testing::ids_matching(
            db, field_value_query(schema::field(FieldId::Category), value, VenueAliases::bundled()));
    };
    EXPECT_EQ(matching("inference"), (Ids{"atc21-g", "osdi18-h"}));  // not "Inference System"
    EXPECT_EQ(matching("Deep Learning/TRAINING"), Ids{"atc21-g"});   // a run of levels, below the root
    EXPECT_EQ(matching("inference/serving"), Ids{"atc21-g"});
    EXPECT_EQ(matching("list a"), (Ids{"atc21-g", "osdi18-i"}));
    EXPECT_EQ(matching("list b/training"), Ids{});  // levels in sequence, not skipping one
}

TEST_F(FieldValuesTest, CategorySeparatorsPeopleWrite) {
    const Ids training{"neurips17-a", "osdi18-c"};
    EXPECT_EQ(matching(FieldId::Category, "Deep learning \xE2\x80\xBA Training"), training);  // ›
    EXPECT_EQ(matching(FieldId::Category, "deep learning > training"), training);
    EXPECT_EQ(matching(FieldId::Category, " Deep  learning / Training/ "), training);
}

TEST_F(FieldValuesTest, AuthorIsAPhraseOfTheName) {
    EXPECT_EQ(matching(FieldId::Author, "Ion Stoica"), (Ids{"neurips17-a", "osdi16-d"}));
    EXPECT_EQ(matching(FieldId::Author, "ion  STOICA"), (Ids{"neurips17-a", "osdi16-d"}));
    EXPECT_EQ(matching(FieldId::Author, "Stoica Ion"), Ids{"neurips18-b"});
    EXPECT_EQ(matching(FieldId::Author, "Stoica"), (Ids{"neurips17-a", "neurips18-b", "osdi18-c", "osdi16-d"}));
    // Words of two different authors of one paper do not make a name.
    EXPECT_EQ(matching(FieldId::Author, "Foo Bar"), Ids{});
    EXPECT_EQ(matching(FieldId::Author, "Zaharia Ion"), Ids{});
}

TEST_F(FieldValuesTest, AuthorWithoutWordsIsAUsageError) {
    EXPECT_THROW(field_value_query(schema::field(FieldId::Author), "", VenueAliases::bundled()), UsageError);
    EXPECT_THROW(field_value_query(schema::field(FieldId::Author), " - , ", VenueAliases::bundled()), UsageError);
}

TEST_F(FieldValuesTest, IdIsExact) {
    EXPECT_EQ(matching(FieldId::Id, "osdi18-c"), Ids{"osdi18-c"});
    EXPECT_EQ(matching(FieldId::Id, " osdi18-c "), Ids{"osdi18-c"});
    EXPECT_EQ(matching(FieldId::Id, "OSDI18-C"), Ids{});
    EXPECT_EQ(matching(FieldId::Id, "osdi18"), Ids{});
}

TEST_F(FieldValuesTest, FreeTextFieldsOtherThanAuthorAreNotFilters) {
    for (const FieldId id : {FieldId::Title, FieldId::Abstract, FieldId::Keywords}) {
        EXPECT_THROW(field_value_query(schema::field(id), "serving", VenueAliases::bundled()), UsageError);
    }
}

TEST_F(FieldValuesTest, AnyValueQueryOrsTheValues) {
    EXPECT_EQ(matching_any(FieldId::Venue, {"nips", "sosp"}), (Ids{"neurips17-a", "neurips18-b", "sosp19-e"}));
    EXPECT_EQ(matching_any(FieldId::Year, {"2016", "2019..2020"}), (Ids{"osdi16-d", "sosp19-e", "mlsys20-f"}));
    EXPECT_EQ(matching_any(FieldId::Category, {"Systems", "Deep learning/Inference"}),
              (Ids{"osdi16-d", "neurips18-b"}));
    EXPECT_EQ(matching_any(FieldId::Venue, {"osdi"}), (Ids{"osdi18-c", "osdi16-d"}));
}

TEST_F(FieldValuesTest, AnyValueQueryRejectsABadValueAmongGoodOnes) {
    EXPECT_THROW(any_value_query(schema::field(FieldId::Year), {"2018", "20x8"}, VenueAliases::bundled()), UsageError);
}

}  // namespace
}  // namespace mlsys::query
