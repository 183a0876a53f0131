// mlsys-perf-search: times bench/perf's query set on mlsys-search in-process, through the one
// search API (Searcher, as mlsys-query calls it), the index opened once. Plain: top 10 with
// records, snippets and exact totals, no facets; faceted: the same with the query's filter and
// exact venue, year and category counts.
#include "speed/latency.h"

#include "mlsys/cli/command.h"
#include "mlsys/query/search.h"

#include <iostream>

int main(int argc, char** argv) {
    using namespace mlsys;
    cli::CommandApp app{"mlsys-perf-search", "Time bench/perf's query set on mlsys-search through Searcher."};
    std::string db, queries, each;
    cli::add_db_option(app, db, "the index to search");
    app.add_option("--queries", queries, "query set to time (mlsys-perf-corpus)")->required();
    perf::add_each_option(app, each);
    app.footer(cli::exit_codes_help("timed", "bad input"));
    return cli::run_main(app, argc, argv, [&] {
        query::Searcher searcher(cli::index_path(db));
        const auto search = [&](const perf::PerfQuery& q, perf::Mode mode) -> std::size_t {
            query::SearchRequest request;
            request.match = query::QueryText{q.text};
            if (mode == perf::Mode::Plain) {
                request.facets.clear();
            } else {
                if (!q.venue.empty()) request.filters[schema::FieldId::Venue] = {q.venue};
                if (q.year) request.filters[schema::FieldId::Year] = {std::to_string(*q.year)};
            }
            return searcher.search(request).total;
        };
        const std::unique_ptr<std::ostream> each_out = perf::each_stream(each);
        perf::time_queries(perf::read_queries(queries), search, std::cout, each_out.get());
        perf::finish_each(each_out.get(), each);
    });
}
