// mlsys-perf-fts5: bench/perf's SQLite FTS5 peer. An FTS5 table (porter stemmer over unicode61)
// holds title, authors and abstract; a plain table the venue, year and category, by rowid.
// Queries rank by bm25() (FTS5's default rank), each word OR-ed as Xapian's QueryParser does,
// phrases kept; facet counts are GROUP BY over the matches; the database opened once.
#include "speed/peer_main.h"

#include "mlsys/schema/errors.h"
#include "mlsys/schema/paper.h"

#include <sqlite3.h>

#include <fstream>
#include <memory>

namespace {

using mlsys::Json;
using mlsys::perf::Mode;
using mlsys::perf::PerfQuery;

class Database {
  public:
    explicit Database(const std::string& path) {
        if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) fail("open " + path);
    }
    ~Database() { sqlite3_close(db_); }
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void execute(const std::string& sql) {
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail(sql);
    }
    sqlite3_stmt* prepare(const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK)
            fail(sql);
        return statement;
    }
    [[noreturn]] void fail(const std::string& what) const {
        throw mlsys::IndexError("sqlite: " + what + ": " + sqlite3_errmsg(db_));
    }

  private:
    sqlite3* db_ = nullptr;
};

struct Statement {
    explicit Statement(sqlite3_stmt* s) : statement(s) {}
    ~Statement() { sqlite3_finalize(statement); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    sqlite3_stmt* statement;
};

void bind_text(sqlite3_stmt* statement, int index, const std::string& text) {
    sqlite3_bind_text(statement, index, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void build(const std::string& papers, const std::string& db_path) {
    std::remove(db_path.c_str());
    Database db(db_path);
    db.execute(
        "CREATE VIRTUAL TABLE papers USING fts5(title, authors, abstract, tokenize='porter unicode61');"
        "CREATE TABLE facets(rowid INTEGER PRIMARY KEY, id TEXT, venue TEXT, year INTEGER, category TEXT);"
        "BEGIN;");
    const Statement text(db.prepare("INSERT INTO papers(rowid, title, authors, abstract) VALUES (?, ?, ?, ?)"));
    const Statement facets(db.prepare("INSERT INTO facets VALUES (?, ?, ?, ?, ?)"));
    std::ifstream in(papers);
    sqlite3_int64 rowid = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        const Json paper = Json::parse(line);
        ++rowid;
        std::string authors;
        for (const Json& author : paper.at("authors")) authors += author.get<std::string>() + "; ";
        sqlite3_bind_int64(text.statement, 1, rowid);
        bind_text(text.statement, 2, paper.at("title").get<std::string>());
        bind_text(text.statement, 3, authors);
        bind_text(text.statement, 4, paper.at("abstract").get<std::string>());
        if (sqlite3_step(text.statement) != SQLITE_DONE) db.fail("insert");
        sqlite3_reset(text.statement);
        sqlite3_bind_int64(facets.statement, 1, rowid);
        bind_text(facets.statement, 2, paper.at("id").get<std::string>());
        bind_text(facets.statement, 3, paper.at("venue").get<std::string>());
        sqlite3_bind_int(facets.statement, 4, paper.at("year").get<int>());
        bind_text(facets.statement, 5, paper.at("category").get<std::string>());
        if (sqlite3_step(facets.statement) != SQLITE_DONE) db.fail("insert");
        sqlite3_reset(facets.statement);
    }
    db.execute("COMMIT; INSERT INTO papers(papers) VALUES('optimize');");
}

// The query in FTS5's syntax: each word quoted and OR-ed; a "phrase" stays a phrase.
std::string fts5_query(const std::string& text) {
    std::string query, word;
    bool in_phrase = false;
    const auto flush = [&] {
        if (word.empty()) return;
        if (!query.empty()) query += in_phrase ? " " : " OR ";
        query += in_phrase ? word : "\"" + word + "\"";
        word.clear();
    };
    for (const char c : text) {
        if (c == '"') {
            flush();
            if (!query.empty() && !in_phrase) query += " OR ";
            query += '"';
            in_phrase = !in_phrase;
        } else if (std::isalnum(static_cast<unsigned char>(c))) {
            word += c;
        } else {
            flush();
        }
    }
    flush();
    return query;
}

class Peer {
  public:
    explicit Peer(const std::string& path) : db_(path) {
        const std::string match =
            " FROM papers JOIN facets ON facets.rowid = papers.rowid WHERE papers MATCH ?1"
            " AND (?2 IS NULL OR facets.venue = ?2) AND (?3 IS NULL OR facets.year = ?3)";
        top_ = db_.prepare("SELECT facets.id" + match + " ORDER BY bm25(papers) LIMIT 10");
        for (const char* column : {"venue", "year", "category"}) {
            facet_.push_back(db_.prepare(std::string("SELECT facets.") + column + ", count(*)" + match +
                                         " GROUP BY facets." + column));
        }
    }
    ~Peer() {
        sqlite3_finalize(top_);
        for (sqlite3_stmt* statement : facet_) sqlite3_finalize(statement);
    }
    Peer(const Peer&) = delete;
    Peer& operator=(const Peer&) = delete;

    // The query's top 10 (and in faceted mode its exact facet counts); returns its total (the
    // venue counts' sum; 0 in plain mode, which counts nothing).
    std::size_t search(const PerfQuery& query, Mode mode, std::ostream* show = nullptr) {
        const bool faceted = mode == Mode::Faceted;
        std::vector<std::string> ids;
        run(top_, query, faceted, [&](sqlite3_stmt* s) { ids.emplace_back(column_text(s, 0)); });
        if (show) {
            for (const std::string& id : ids) *show << id << '\n';
        }
        if (!faceted) return 0;
        std::size_t total = 0;
        for (std::size_t f = 0; f < facet_.size(); ++f) {
            run(facet_[f], query, faceted, [&](sqlite3_stmt* s) {
                if (f == 0) total += static_cast<std::size_t>(sqlite3_column_int64(s, 1));
                if (show) *show << column_text(s, 0) << ' ' << sqlite3_column_int64(s, 1) << '\n';
            });
        }
        return total;
    }

  private:
    static std::string column_text(sqlite3_stmt* s, int column) {
        const unsigned char* text = sqlite3_column_text(s, column);
        return text ? reinterpret_cast<const char*>(text) : "";
    }

    template <typename Row>
    void run(sqlite3_stmt* statement, const PerfQuery& query, bool filtered, Row row) {
        sqlite3_reset(statement);
        sqlite3_clear_bindings(statement);
        bind_text(statement, 1, fts5_query(query.text));
        if (filtered && !query.venue.empty()) bind_text(statement, 2, query.venue);
        if (filtered && query.year) sqlite3_bind_int(statement, 3, *query.year);
        int status;
        while ((status = sqlite3_step(statement)) == SQLITE_ROW) row(statement);
        if (status != SQLITE_DONE) db_.fail("query " + query.text);
    }

    Database db_;
    sqlite3_stmt* top_ = nullptr;
    std::vector<sqlite3_stmt*> facet_;
};

}  // namespace

int main(int argc, char** argv) {
    return mlsys::perf::peer_main<Peer>(argc, argv, "mlsys-perf-fts5", "SQLite FTS5", build);
}
