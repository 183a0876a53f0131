// Venue aliases: the bundled table, the folding rule of its keys, and the TSV parser.
#include "mlsys/schema/venue_aliases.h"
#include "mlsys/schema/venue_names.h"

#include "mlsys/schema/bundled_data.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/text.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace mlsys {
namespace {

const VenueAliases& table() {
    return VenueAliases::bundled();
}

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
    for (const char* alias :
         {"NeuralPS", "NIPS", "nips", "neurips", "NeurIPS", "NEURIPS", "Neural Information Processing Systems",
          "  Advances in   Neural Information\tProcessing Systems "}) {
        EXPECT_EQ(table().canonical(alias), "NeurIPS") << alias;
    }
}

TEST(BundledVenueAliases, UsenixAtc) {
    for (const char* alias : {"USENIX ATC", "usenix atc", "  Usenix   ATC ", "USENIX-ATC", "usenix.atc", "usenix_atc",
                              "usenix - atc", "ATC", "atc"}) {
        EXPECT_EQ(table().canonical(alias), "ATC") << alias;
    }
}

TEST(BundledVenueAliases, DotsBetweenLettersSplitTheWord) {
    // Dots fold to spaces, so "u.s.e.n.i.x" is six one-letter words, not the word "usenix"; nor
    // is "atc" alone, in lower case inside a longer text, the conference.
    EXPECT_EQ(table().canonical("u.s.e.n.i.x atc"), std::nullopt);
    EXPECT_EQ(table().normalise("u.s.e.n.i.x atc"), "U.s.e.n.i.x Atc");
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

// --- long names: what normalise finds inside them ---------------------------------------------

std::string venue(const std::string& text) {
    return table().normalise(text);
}

TEST(VenueLongNames, FindTheVenueOfBooktitlesAndJournals) {
    EXPECT_EQ(
        venue("Proceedings of the 13th USENIX Symposium on Operating Systems Design and Implementation (OSDI 18)"),
        "OSDI");
    EXPECT_EQ(venue("14th USENIX Symposium on Operating Systems Design and Implementation"), "OSDI");
    EXPECT_EQ(venue("Proceedings of the Twenty-Fourth ACM Symposium on Operating Systems Principles"), "SOSP");
    EXPECT_EQ(venue("Advances in neural information processing systems"), "NeurIPS");
    EXPECT_EQ(venue("arXiv preprint arXiv:1312.5602"), "arXiv");
    EXPECT_EQ(venue("arXiv.org"), "arXiv");
    EXPECT_EQ(venue("Proceedings of the 26th ACM SIGKDD International Conference on Knowledge Discovery & Data Mining"),
              "KDD");
    EXPECT_EQ(venue("SC20: International Conference for High Performance Computing, Networking, Storage and Analysis"),
              "SC");
    EXPECT_EQ(venue("2021 IEEE International Symposium on High-Performance Computer Architecture (HPCA)"), "HPCA");
    EXPECT_EQ(venue("Proceedings of the International Conference on Learning Representations (ICLR)"), "ICLR");
    EXPECT_EQ(venue("Proceedings of the 29th ACM International Conference on Information & Knowledge Management"),
              "CIKM");
    EXPECT_EQ(venue("USENIX Symposium on Operating Systems Design and Implementation"), "OSDI");  // Semantic Scholar
}

TEST(VenueLongNames, JournalsByTheirFullNames) {
    EXPECT_EQ(venue("IEEE Transactions on Knowledge and Data Engineering"), "TKDE");
    EXPECT_EQ(venue("IEEE Transactions on Parallel and Distributed Systems"), "TPDS");
    EXPECT_EQ(venue("Journal of Machine Learning Research"), "JMLR");
    EXPECT_EQ(venue("Journal of Machine Learning Research (JMLR)"), "JMLR");
    EXPECT_EQ(venue("IEEE transactions on circuits and systems for video technology (Print)"), "TCSVT");
    EXPECT_EQ(venue("The International journal of robotics research"), "IJRR");
    EXPECT_EQ(venue("Acm Sigplan Notices"), "SIGPLAN Notices");
    EXPECT_EQ(venue("ACM CSUR"), "CSUR");
}

TEST(VenueLongNames, PrefersTheLongestAlias) {
    // "Conference on Computer Vision and Pattern Recognition" (CVPR), not a shorter alias inside.
    EXPECT_EQ(venue("Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition"), "CVPR");
    EXPECT_EQ(venue("North American Chapter of the Association for Computational Linguistics"), "NAACL");
}

TEST(VenueLongNames, AnAcronymInParenthesesWithOrWithoutAYear) {
    EXPECT_EQ(venue("2nd USENIX Workshop on Hot Topics in Cloud Computing (HotCloud 10)"), "HotCloud");
    EXPECT_EQ(venue("13th Symposium on Something New (OSDI '18)"), "OSDI");
    EXPECT_EQ(venue("Proceedings of the IJCAI Main Track (IJCAI-17)"), "IJCAI");
    // Acronyms the table does not know are the venue as written.
    EXPECT_EQ(venue("2020 IEEE International Conference on Cloud Engineering (IC2E)"), "IC2E");
    EXPECT_EQ(venue("Proceedings of the 9th Symposium on Imaginary Systems (SIMSYS 21)"), "SIMSYS");
    // One capital is a word, not an acronym.
    EXPECT_EQ(venue("Journal of imaginary studies (Print)"), "Journal of Imaginary Studies (Print)");
}

TEST(VenueLongNames, AWorkshopAtAConferenceIsTheWorkshop) {
    EXPECT_EQ(venue("EuroMLSys@EuroSys"), "EuroMLSys");
    EXPECT_EQ(venue("EdgeSys@EuroSys"), "EdgeSys");
    EXPECT_EQ(venue("NAIC @ SIGCOMM"), "NAIC");
    EXPECT_EQ(venue("ML for Sys workshop @ NeurIPS"), "ML for Systems Workshop");
    EXPECT_EQ(venue("ML for Systems @ NeurIPS'25"), "ML for Systems Workshop");  // a topic without the @
    EXPECT_EQ(venue("imaginary workshop @ ICML"), "Imaginary Workshop");
}

TEST(VenueLongNames, AWorkshopIsNotItsHostConference) {
    EXPECT_EQ(venue("ICRA workshop on open source software"), "ICRA Workshop on Open Source Software");
    EXPECT_EQ(venue("ICRA: Workshop on Machine Learning for Motion Planning"),
              "ICRA: Workshop on Machine Learning for Motion Planning");
    // An alias naming a workshop itself matches.
    EXPECT_EQ(venue("Proceedings of the Eighth International Workshop on Data Mining for Online Advertising"), "ADKDD");
}

TEST(VenueLongNames, ReadOneWordAliasesOnlyWhenWrittenLikeAnAcronym) {
    EXPECT_EQ(venue("IEEE Micro"), "IEEE Micro");  // the magazine, not the MICRO conference
    EXPECT_EQ(venue("IEEE MICRO"), "IEEE Micro");
    EXPECT_EQ(venue("IEEE/ACM MICRO-52"), "MICRO");
    const VenueAliases aliases = VenueAliases::parse("FOO\tFoo\nBar Conference on Things\tBAR\n", "test.tsv");
    EXPECT_EQ(aliases.normalise("Proc. of FOO 2020"), "Foo");
    EXPECT_EQ(aliases.normalise("Journal of foo studies"), "Journal of Foo Studies");
    EXPECT_EQ(aliases.normalise("The 3rd bar conference on things"), "BAR");
}

TEST(VenueLongNames, UnknownNamesKeepTheirWordsInOneCaseSpelling) {
    EXPECT_EQ(venue("Neural computation"), "Neural Computation");
    EXPECT_EQ(venue("Neural Computation"), "Neural Computation");
    EXPECT_EQ(venue("  Psychological \n Review "), "Psychological Review");
    EXPECT_EQ(venue("Annual Review Of Control, Robotics, And Autonomous Systems"),
              "Annual Review of Control, Robotics, and Autonomous Systems");
    EXPECT_EQ(venue("USENIX ;login:"), "USENIX ;login:");
    EXPECT_EQ(venue(""), "");
}

TEST(VenueLongNames, ConsistentCase) {
    EXPECT_EQ(VenueAliases::consistent_case("the journal of things"), "The Journal of Things");
    EXPECT_EQ(VenueAliases::consistent_case("Journal Of The ACM"), "Journal of the ACM");
    EXPECT_EQ(VenueAliases::consistent_case("iPhone eXtreme systems"), "iPhone eXtreme Systems");
    EXPECT_EQ(VenueAliases::consistent_case("ESEC/FSE"), "ESEC/FSE");
}

TEST(VenueLongNames, NormalisingTwiceChangesNothing) {
    for (const char* text : {"EuroMLSys@EuroSys", "Neural computation",
                             "2nd USENIX Workshop on Hot Topics in Cloud "
                             "Computing (HotCloud 10)",
                             "ICRA workshop on open source software", "u.s.e.n.i.x atc",
                             "IEEE Transactions on Knowledge and Data Engineering", "ML for Sys workshop @ NeurIPS"}) {
        const std::string once = venue(text);
        EXPECT_EQ(venue(once), once) << text;
    }
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

// data/venues.tsv: every full name, as a BibTeX booktitle or journal would carry it, is read back
// as its own canonical venue, and every venue is one the alias table gives.
TEST(VenueNames, EveryFullNameReadsBackAsItsVenue) {
    ASSERT_FALSE(VenueNames::bundled().all().empty());
    for (const auto& [canonical, venue] : VenueNames::bundled().all()) {
        EXPECT_EQ(table().normalise(canonical), canonical);
        EXPECT_EQ(table().normalise(venue.full_name), canonical) << venue.full_name;
    }
}

TEST(VenueNames, KindsOfWellKnownVenues) {
    const VenueNames& names = VenueNames::bundled();
    ASSERT_NE(names.find("OSDI"), nullptr);
    EXPECT_EQ(names.find("OSDI")->kind, VenueKind::Conference);
    EXPECT_EQ(names.find("OSDI")->full_name, "USENIX Symposium on Operating Systems Design and Implementation (OSDI)");
    EXPECT_EQ(names.find("TPDS")->kind, VenueKind::Journal);
    EXPECT_EQ(names.find("TPDS")->full_name, "IEEE Transactions on Parallel and Distributed Systems");
    EXPECT_EQ(names.find("JMLR")->kind, VenueKind::Journal);
    EXPECT_EQ(names.find("VLDB")->kind, VenueKind::Journal);
    EXPECT_EQ(names.find("HotCloud")->kind, VenueKind::Workshop);
    EXPECT_EQ(names.find("arXiv")->kind, VenueKind::Preprint);
    EXPECT_EQ(names.find("osdi"), nullptr);  // canonical spelling only
    EXPECT_EQ(names.find("University of Montreal"), nullptr);
}

TEST(VenueNames, MalformedRowsNameTheLine) {
    const auto error = [](const std::string& tsv) {
        try {
            VenueNames::parse(tsv, "v.tsv");
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_EQ(error("OSDI\tconference\tOSDI Symposium\n"), "");
    EXPECT_NE(error("# c\nOSDI\tbook\tOSDI Symposium\n").find("v.tsv:2"), std::string::npos);
    EXPECT_NE(error("OSDI\tconference\n").find("v.tsv:1"), std::string::npos);
    EXPECT_NE(error("OSDI\tconference\tA\nOSDI\tjournal\tB\n").find("v.tsv:2"), std::string::npos);
}

}  // namespace
}  // namespace mlsys
