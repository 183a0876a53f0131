// xapian-baseline: the bare-Xapian reference run for bench/relevance. Indexes a BEIR corpus
// the way Xapian's own examples do (TermGenerator with the English stemmer over title and
// text, QueryParser with the same stemmer, default BM25) and writes a TREC run.
#include "mlsys/cli/command.h"
#include "mlsys/schema/paper.h"

#include <xapian.h>

#include <fstream>
#include <iostream>

namespace {

using mlsys::Json;

void index_corpus(const std::string& corpus, const std::string& db_path) {
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("english"));
    std::ifstream in(corpus);
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        const Json record = Json::parse(line);
        Xapian::Document doc;
        generator.set_document(doc);
        generator.index_text(record.value("title", ""));
        generator.increase_termpos();
        generator.index_text(record.value("text", ""));
        const std::string id = record.at("_id").get<std::string>();
        doc.set_data(id);
        doc.add_boolean_term("Q" + id);
        db.replace_document("Q" + id, doc);
    }
    db.commit();
}

void run_queries(const std::string& queries, const std::string& db_path, unsigned limit) {
    Xapian::Database db(db_path);
    Xapian::QueryParser parser;
    parser.set_stemmer(Xapian::Stem("english"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_database(db);
    Xapian::Enquire enquire(db);
    std::ifstream in(queries);
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        const Json record = Json::parse(line);
        const std::string qid = record.at("_id").get<std::string>();
        enquire.set_query(parser.parse_query(record.at("text").get<std::string>()));
        const Xapian::MSet mset = enquire.get_mset(0, limit);
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            std::cout << qid << " Q0 " << it.get_document().get_data() << ' ' << it.get_rank() + 1 << ' '
                      << it.get_weight() << " xapian\n";
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    mlsys::cli::CommandApp app{"xapian-baseline",
                               "Bare-Xapian baseline: index a BEIR corpus and write a TREC run for its queries."};
    std::string corpus, queries, db;
    unsigned limit = 100;
    app.add_option("--corpus", corpus, "BEIR corpus.jsonl")->required()->check(CLI::ExistingFile);
    app.add_option("--queries", queries, "BEIR queries.jsonl")->required()->check(CLI::ExistingFile);
    app.add_option("--db", db, "where to build the baseline index")->required();
    app.add_option("--limit", limit, "results per query")->capture_default_str();
    app.footer(mlsys::cli::exit_codes_help("run written", "bad input"));
    return mlsys::cli::run_main(app, argc, argv, [&] {
        index_corpus(corpus, db);
        run_queries(queries, db, limit);
    });
}
