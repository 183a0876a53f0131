// mlsys-perf-xapian: the bare-Xapian peer of bench/perf, written as Xapian's examples are:
// TermGenerator with the English stemmer over title, authors and abstract; the venue and year
// as boolean filter terms; venue, year and category in value slots; QueryParser (default OR,
// STEM_SOME), default BM25; ValueCountMatchSpy per facet, exact counts; the index opened once.
#include "speed/peer_main.h"

#include "mlsys/schema/paper.h"
#include "mlsys/schema/text.h"

#include <xapian.h>

#include <fstream>
#include <memory>

namespace {

using mlsys::Json;
using mlsys::perf::Mode;
using mlsys::perf::PerfQuery;

enum Slot : Xapian::valueno { kVenueSlot = 0, kYearSlot = 1, kCategorySlot = 2 };

void build(const std::string& papers, const std::string& db_path) {
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("english"));
    std::ifstream in(papers);
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        const Json paper = Json::parse(line);
        Xapian::Document doc;
        generator.set_document(doc);
        generator.index_text(paper.at("title").get<std::string>());
        for (const Json& author : paper.at("authors")) {
            generator.increase_termpos();
            generator.index_text(author.get<std::string>());
        }
        generator.increase_termpos();
        generator.index_text(paper.at("abstract").get<std::string>());
        const std::string venue = paper.at("venue").get<std::string>();
        const std::string year = std::to_string(paper.at("year").get<int>());
        doc.add_boolean_term("XV" + mlsys::text::lower(venue));
        doc.add_boolean_term("XY" + year);
        doc.add_value(kVenueSlot, venue);
        doc.add_value(kYearSlot, year);
        doc.add_value(kCategorySlot, paper.at("category").get<std::string>());
        doc.set_data(paper.at("id").get<std::string>());
        db.add_document(doc);
    }
    db.commit();
}

class Peer {
  public:
    explicit Peer(const std::string& db_path) : db_(db_path), enquire_(db_) {
        parser_.set_stemmer(Xapian::Stem("english"));
        parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        parser_.set_database(db_);
    }

    // The query's top 10 (and in faceted mode its exact facet counts); returns its total.
    std::size_t search(const PerfQuery& query, Mode mode, std::ostream* show = nullptr) {
        Xapian::Query parsed = parser_.parse_query(query.text, Xapian::QueryParser::FLAG_DEFAULT);
        enquire_.clear_matchspies();
        std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
        Xapian::doccount check_at_least = 0;
        if (mode == Mode::Faceted) {
            if (!query.venue.empty())
                parsed = Xapian::Query(Xapian::Query::OP_FILTER, parsed,
                                       Xapian::Query("XV" + mlsys::text::lower(query.venue)));
            if (query.year)
                parsed =
                    Xapian::Query(Xapian::Query::OP_FILTER, parsed, Xapian::Query("XY" + std::to_string(*query.year)));
            for (const Xapian::valueno slot : {kVenueSlot, kYearSlot, kCategorySlot}) {
                spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
                enquire_.add_matchspy(spies.back().get());
            }
            check_at_least = db_.get_doccount();
        }
        enquire_.set_query(parsed);
        const Xapian::MSet mset = enquire_.get_mset(0, 10, check_at_least);
        std::vector<std::string> ids;  // the hits' records are read, as a front end would
        for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(it.get_document().get_data());
        if (show) {
            for (const std::string& id : ids) *show << id << '\n';
            for (const auto& spy : spies) {
                for (auto value = spy->values_begin(); value != spy->values_end(); ++value) {
                    *show << *value << ' ' << value.get_termfreq() << '\n';
                }
            }
        }
        return mset.get_matches_estimated();
    }

  private:
    Xapian::Database db_;
    Xapian::Enquire enquire_;
    Xapian::QueryParser parser_;
};

}  // namespace

int main(int argc, char** argv) {
    return mlsys::perf::peer_main<Peer>(argc, argv, "mlsys-perf-xapian", "bare-Xapian", build);
}
