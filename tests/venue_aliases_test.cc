// Venue aliases: the bundled table, the folding rule of its keys, and the TSV parser.
#include "mlsys/schema/venue_aliases.h"

#include "mlsys/schema/bundled_data.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/text.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace mlsys {
namespace {

const VenueAliases& table() { return VenueAliases::bundled(); }

// The message of the InputError that parsing `tsv` throws, or "" when it does not throw.
std::string parse_error(const std::string& tsv) {
    try {
        VenueAliases::parse(tsv, "aliases.tsv");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST(BundledVenueAliases, EuroSys) {
    EXPECT_EQ(table().canonical("EUROSYS"), "EuroSys");
    EXPECT_EQ(table().canonical("eurosys"), "EuroSys");
    EXPECT_EQ(table().canonical("European Conference on Computer Systems"), "EuroSys");
}

TEST(BundledVenueAliases, NeurIPS) {
    for (const char* alias : {"NeuralPS", "NIPS", "nips", "neurips", "NeurIPS", "NEURIPS",
                              "Neural Information Processing Systems",
                              "  Advances in   Neural Information\tProcessing Systems "}) {
        EXPECT_EQ(table().canonical(alias), "NeurIPS") << alias;
    }
}

TEST(BundledVenueAliases, UsenixAtc) {
    for (const char* alias : {"USENIX ATC", "usenix atc", "  Usenix   ATC ", "USENIX-ATC", "usenix.atc",
                              "usenix_atc", "usenix - atc", "ATC", "atc"}) {
        EXPECT_EQ(table().canonical(alias), "ATC") << alias;
    }
}

TEST(BundledVenueAliases, DotsBetweenLettersSplitTheWord) {
    // Dots fold to spaces, so "u.s.e.n.i.x" is six one-letter words, not the word "usenix".
    EXPECT_EQ(table().canonical("u.s.e.n.i.x atc"), std::nullopt);
    EXPECT_EQ(table().normalise("u.s.e.n.i.x atc"), "u.s.e.n.i.x atc");
}

TEST(BundledVenueAliases, EveryAliasAndEveryCanonicalNameIsKnown) {
    std::size_t rows = 0;
    for (const std::string& line : text::split(bundled::venue_aliases_tsv(), '\n')) {
        if (line.empty() || line[0] == '#') continue;
        const auto columns = text::split(line, '\t');
        ASSERT_EQ(columns.size(), 2u) << line;
        ++rows;
        EXPECT_EQ(table().canonical(columns[0]), columns[1]) << line;
        EXPECT_EQ(table().canonical(columns[1]), columns[1]) << "canonical name not its own alias: " << line;
    }
    EXPECT_GT(rows, 20u);
}

TEST(BundledVenueAliases, UnknownVenueIsNulloptAndNormaliseSqueezesIt) {
    EXPECT_EQ(table().canonical("Workshop on Foo"), std::nullopt);
    EXPECT_EQ(table().canonical(""), std::nullopt);
    EXPECT_EQ(table().normalise("  Workshop   on\tFoo "), "Workshop on Foo");
    EXPECT_EQ(table().normalise(""), "");
}

TEST(BundledVenueAliases, NormaliseMapsKnownVenues) {
    EXPECT_EQ(table().normalise("nips"), "NeurIPS");
    EXPECT_EQ(table().normalise(" usenix  ATC "), "ATC");
    EXPECT_EQ(table().normalise("SysML"), "MLSys");
}

TEST(ParseVenueAliases, SkipsCommentsAndBlankLinesAndSqueezesTheCanonicalName) {
    const VenueAliases aliases = VenueAliases::parse("# a comment\n\nfoo conf\t  Foo   Conf \nbar\tBar\r\n", "t.tsv");
    EXPECT_EQ(aliases.canonical("FOO-Conf"), "Foo Conf");
    EXPECT_EQ(aliases.canonical("bar"), "Bar");
    EXPECT_EQ(aliases.canonical("# a comment"), std::nullopt);
    EXPECT_EQ(aliases.canonical("NIPS"), std::nullopt);  // only what the text lists
}

TEST(ParseVenueAliases, LaterLineWins) {
    const VenueAliases aliases = VenueAliases::parse("x\tOne\nX\tTwo\n", "t.tsv");
    EXPECT_EQ(aliases.canonical("x"), "Two");
}

TEST(ParseVenueAliases, MalformedLineThrowsNamingFileAndLine) {
    EXPECT_EQ(parse_error("# header\nOSDI\tOSDI\nNIPS NeurIPS\n"),
              "aliases.tsv:3: expected 'alias<TAB>canonical name'");
    EXPECT_EQ(parse_error("a\tb\tc"), "aliases.tsv:1: expected 'alias<TAB>canonical name'");
    EXPECT_EQ(parse_error("OSDI\tOSDI\n\nsome alias\t   \n"), "aliases.tsv:3: expected 'alias<TAB>canonical name'");
    EXPECT_EQ(parse_error("OSDI\tOSDI\n"), "");
}

TEST(ParseVenueAliases, EmptyAliasIsMalformed) {
    EXPECT_EQ(parse_error("OSDI\tOSDI\n\tOSDI\n"), "aliases.tsv:2: expected 'alias<TAB>canonical name'");
    EXPECT_EQ(parse_error("OSDI\tOSDI\n..\tOSDI\n"), "aliases.tsv:2: expected 'alias<TAB>canonical name'");
}

}  // namespace
}  // namespace mlsys
