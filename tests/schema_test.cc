// The schema table: names, prefixes and slots are unique, and the term/value helpers built on it.
#include "mlsys/schema/schema.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace mlsys::schema {
namespace {

TEST(SchemaTable, FieldNamesAndRecordKeysAreUnique) {
    std::set<std::string_view> names;
    std::set<std::string_view> keys;
    for (const Field& f : kFields) {
        EXPECT_TRUE(keys.insert(f.key).second) << "duplicate key " << f.key;
        if (is_query_field(f)) {
            EXPECT_TRUE(names.insert(f.name).second) << "duplicate name " << f.name;
        }
    }
    EXPECT_EQ(keys.size(), kFields.size());
    EXPECT_EQ(names.size(), kFields.size() - 3);  // url, doi and sources are stored only
}

TEST(SchemaTable, StoredOnlyFieldsHaveNoQueryNameTermsOrSlot) {
    for (const Field& f : kFields) {
        if (is_query_field(f)) continue;
        EXPECT_TRUE(f.name.empty()) << f.key;
        EXPECT_TRUE(f.prefix.empty()) << f.key;
        EXPECT_EQ(f.slot, kNoSlot) << f.key;
        EXPECT_FALSE(f.facet) << f.key;
    }
    EXPECT_FALSE(is_query_field(field(FieldId::Url)));
    EXPECT_FALSE(is_query_field(field(FieldId::Doi)));
}

TEST(SchemaTable, FieldIdsAreUniqueAndFieldFindsTheirRow) {
    std::set<FieldId> ids;
    for (const Field& f : kFields) {
        EXPECT_TRUE(ids.insert(f.id).second) << "duplicate id for " << f.name;
        EXPECT_EQ(&field(f.id), &f) << f.name;
    }
}

TEST(SchemaTable, PrefixesAreUniqueAndNoneIsThePrefixOfAnother) {
    // A prefix that began another ("X" and "XB") would make terms of one field look like the other's.
    for (const Field& a : kFields) {
        for (const Field& b : kFields) {
            if (&a == &b || !is_query_field(a) || !is_query_field(b)) continue;
            EXPECT_NE(a.prefix, b.prefix) << a.name << " and " << b.name;
            EXPECT_NE(b.prefix.substr(0, a.prefix.size()), a.prefix) << a.name << " begins " << b.name;
        }
    }
}

TEST(SchemaTable, PrefixesFollowXapianConventions) {
    // Upper-case ASCII; more than one letter only after 'X'; never "Z", which stemmed terms use.
    for (const Field& f : kFields) {
        if (!is_query_field(f)) continue;
        ASSERT_FALSE(f.prefix.empty()) << f.name;
        for (const char c : f.prefix) EXPECT_TRUE(c >= 'A' && c <= 'Z') << f.name;
        if (f.prefix.size() > 1) {
            EXPECT_EQ(f.prefix[0], 'X') << f.name;
        }
        EXPECT_NE(f.prefix[0], 'Z') << f.name;
    }
}

TEST(SchemaTable, SlotsAreUniqueAmongFieldsThatHaveOne) {
    std::set<Xapian::valueno> slots;
    std::size_t with_slot = 0;
    for (const Field& f : kFields) {
        if (f.slot == kNoSlot) continue;
        ++with_slot;
        EXPECT_TRUE(slots.insert(f.slot).second) << "slot " << f.slot << " reused by " << f.name;
    }
    EXPECT_EQ(with_slot, 4u);  // venue, year, category, id
}

TEST(SchemaTable, EveryFacetFieldHasASlotAndIsBoolean) {
    std::size_t facets = 0;
    for (const Field& f : kFields) {
        if (!f.facet) continue;
        ++facets;
        EXPECT_NE(f.slot, kNoSlot) << f.name;
        EXPECT_EQ(f.indexing, Indexing::Boolean) << f.name;
    }
    EXPECT_EQ(facets, 3u);  // venue, year, category
}

TEST(SchemaTable, FreeTextFieldsCarryAWeightAndOnlyCategoryIsHierarchical) {
    for (const Field& f : kFields) {
        if (f.indexing == Indexing::FreeText) {
            EXPECT_GE(f.weight, 1u) << f.name;
            EXPECT_FALSE(f.facet) << f.name;
        }
        EXPECT_EQ(f.hierarchical, f.id == FieldId::Category) << f.name;
    }
    EXPECT_GT(field(FieldId::Title).weight, field(FieldId::Abstract).weight);
}

TEST(SchemaTable, ExamplesUseTheirFieldName) {
    for (const Field& f : kFields) {
        if (!is_query_field(f)) continue;
        EXPECT_EQ(f.example.substr(0, f.name.size() + 1), std::string(f.name) + ":") << f.name;
    }
}

TEST(FindField, FindsEachFieldByItsQueryName) {
    for (const Field& f : kFields) {
        if (is_query_field(f)) {
            EXPECT_EQ(find_field(f.name), &f) << f.name;
        }
    }
    EXPECT_EQ(find_field("venue")->id, FieldId::Venue);
    EXPECT_EQ(find_field("category")->id, FieldId::Category);
}

TEST(FindField, UnknownNamesAreNull) {
    EXPECT_EQ(find_field(""), nullptr);  // not the stored-only fields' empty name
    EXPECT_EQ(find_field("url"), nullptr);
    EXPECT_EQ(find_field("authors"), nullptr);  // the query name is "author"
    EXPECT_EQ(find_field("Venue"), nullptr);    // names are exact
    EXPECT_EQ(find_field("venue:"), nullptr);
}

TEST(BooleanTerm, PrefixesLowerCasesAndSqueezes) {
    EXPECT_EQ(boolean_term(FieldId::Venue, "NeurIPS"), "Vneurips");
    EXPECT_EQ(boolean_term(FieldId::Venue, "  USENIX \t ATC  "), "Vusenix atc");
    EXPECT_EQ(boolean_term(FieldId::Year, "2018"), "Y2018");
    EXPECT_EQ(boolean_term(FieldId::Category, "Deep   Learning/Training"), "XCdeep learning/training");
}

TEST(BooleanTerm, FoldsAccentsAndLookAlikesButNotPaperIds) {
    EXPECT_EQ(boolean_term(FieldId::Venue, "ÉCOLE"), "Vecole");
    EXPECT_EQ(boolean_term(FieldId::Category, "Déep\u3000 Learning\u2215Training"), "XCdeep learning/training");
    EXPECT_EQ(boolean_term(FieldId::References, "Osdi18-Ré"), "XREFOsdi18-Ré");
}

TEST(IdTerm, KeepsCase) {
    EXPECT_EQ(id_term("osdi18-ray"), "Qosdi18-ray");
    EXPECT_EQ(id_term("OSDI18-Ray"), "QOSDI18-Ray");
    EXPECT_NE(id_term("OSDI18-Ray"), id_term("osdi18-ray"));
}

TEST(YearValue, RoundTrips) {
    for (const int year : {1900, 1999, 2000, 2017, 2018, 2100}) {
        EXPECT_EQ(year_from_value(year_value(year)), year) << year;
    }
}

TEST(YearValue, SortsAsBytesInYearOrder) {
    EXPECT_LT(year_value(2017), year_value(2018));
    EXPECT_LT(year_value(999), year_value(2017));  // a plain decimal string would sort "999" last
    for (int year = 1900; year < 2100; ++year) {
        ASSERT_LT(year_value(year), year_value(year + 1)) << year;
    }
}

}  // namespace
}  // namespace mlsys::schema
