// The HTTP side of mlsys-serve: routes, parameters, limits, headers and the one JSON error shape.
#pragma once

#include "searcher_pool.h"

#include <httplib.h>

#include <cstddef>

namespace mlsys::serve {

// The caps that keep one request from taking the server (README "The web page").
struct Limits {
    std::size_t max_query_bytes = 1000;      // q: longer is 413
    std::size_t max_body_bytes = 64 * 1024;  // a POSTed draft: longer is 413
    std::size_t max_values = 20;             // values of one filter
    unsigned max_limit = 100;                // results a page
    unsigned max_offset = 10000;             // results skipped
};

// What every route reads: the index and the caps. It must outlive the server.
struct Context {
    SearcherPool& pool;
    Limits limits;
};

// Registers every route of the API and the page on `server`, and the security headers, the
// JSON error bodies and the per-request log line.
void add_routes(httplib::Server& server, const Context& context);

}  // namespace mlsys::serve
