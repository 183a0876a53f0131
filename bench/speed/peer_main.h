// The command line both bench/perf peers share: --build, --queries (time the set) or --query
// (one faceted query, printed), over an engine's `build` function and `Peer` class.
#pragma once

#include "speed/latency.h"

#include "mlsys/cli/command.h"

#include <iostream>

namespace mlsys::perf {

// `Peer(db)` opens the index once; `peer.search(query, mode, show)` returns the query's total.
template <typename Peer>
int peer_main(int argc, char** argv, const std::string& name, const std::string& engine,
              void (*build)(const std::string& papers, const std::string& db)) {
    cli::CommandApp app{name, "bench/perf's " + engine + " peer: build, time a query set, or run one query."};
    std::string db, papers, queries, query, each;
    app.add_option("--db", db, "the peer's index")->required();
    auto* build_option = app.add_option("--build", papers, "papers JSONL to index");
    auto* time_option = app.add_option("--queries", queries, "query set to time (mlsys-perf-corpus)");
    auto* one_option = app.add_option("--query", query, "one faceted query: print the top 10 and the facet counts");
    build_option->excludes(time_option)->excludes(one_option);
    add_each_option(app, each)->needs(time_option);
    time_option->excludes(one_option);
    app.footer(cli::exit_codes_help("done", "bad input"));
    return cli::run_main(app, argc, argv, [&] {
        if (!papers.empty()) return build(papers, db);
        Peer peer(db);
        if (!query.empty()) {
            peer.search(PerfQuery{"", query, "", std::nullopt}, Mode::Faceted, &std::cout);
            return;
        }
        const std::unique_ptr<std::ostream> each_out = each_stream(each);
        time_queries(
            read_queries(queries), [&](const PerfQuery& q, Mode mode) { return peer.search(q, mode); }, std::cout,
            each_out.get());
        finish_each(each_out.get(), each);
    });
}

}  // namespace mlsys::perf
