#include "api.h"

#include "assets.h"

#include "mlsys/query/request_options.h"
#include "mlsys/query/result_writer.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/paper.h"
#include "mlsys/schema/schema.h"

#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <initializer_list>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace mlsys::serve {

namespace {

using namespace mlsys::query;
using schema::FieldId;

constexpr const char* kJsonType = "application/json; charset=utf-8";
constexpr const char* kTextType = "text/plain; charset=utf-8";

// A request the server refuses, with the status that says why (400 bad parameter, 404 unknown,
// 413 too large).
class HttpError : public std::runtime_error {
  public:
    HttpError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
    int status() const { return status_; }

  private:
    int status_;
};

// Every error, whatever raised it, is this JSON object.
void send_error(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    const Json body = {{"error", message}, {"status", status}};
    res.set_content(body.dump() + "\n", kJsonType);
}

// The filter parameters, named as mlsys-query's options are.
constexpr std::pair<std::string_view, FieldId> kFilterParameters[] = {
    {"venue", FieldId::Venue}, {"year", FieldId::Year}, {"category", FieldId::Category}, {"author", FieldId::Author}};
constexpr std::string_view kPageParameters[] = {"venue", "year",  "category", "author",
                                                "sort",  "match", "limit",    "offset"};

enum class Takes { Own, OwnAndPage };

// A parameter a route does not take is refused, so a misspelt one is never silently ignored.
// Takes::OwnAndPage: the route also takes the filters, sort and paging (kPageParameters).
void check_parameters(const httplib::Request& req, std::initializer_list<std::string_view> own,
                      Takes takes = Takes::Own) {
    for (const auto& [name, value] : req.params) {
        bool known = false;
        for (std::string_view parameter : own) known = known || parameter == name;
        if (takes == Takes::OwnAndPage) {
            for (std::string_view parameter : kPageParameters) known = known || parameter == name;
        }
        if (!known) throw HttpError(400, "unknown parameter \"" + name + "\"");
    }
}

// A parameter that takes one value: absent gives nullopt, repeated is a 400.
std::optional<std::string> single(const httplib::Request& req, const std::string& name) {
    const std::size_t count = req.get_param_value_count(name);
    if (count == 0) return std::nullopt;
    if (count > 1)
        throw HttpError(400, "parameter \"" + name + "\" given " + std::to_string(count) + " times; give it once");
    return req.get_param_value(name);
}

unsigned whole_number(const httplib::Request& req, const std::string& name, unsigned fallback, unsigned max) {
    const std::optional<std::string> value = single(req, name);
    if (!value) return fallback;
    const bool digits =
        !value->empty() && value->size() <= 9 && value->find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoul(*value) > max) {
        throw HttpError(400, "parameter \"" + name + "\" takes a whole number from 0 to " + std::to_string(max) +
                                 ", not \"" + *value + "\"");
    }
    return static_cast<unsigned>(std::stoul(*value));
}

// A name of `names` (sort, match), or a 400 listing them.
template <typename Value>
std::string one_of(const httplib::Request& req, const std::string& name, const std::map<std::string, Value>& names,
                   const std::string& fallback) {
    const std::optional<std::string> value = single(req, name);
    if (!value) return fallback;
    if (names.count(*value)) return *value;
    std::string known;
    for (const auto& entry : names) known += (known.empty() ? "" : ", ") + entry.first;
    throw HttpError(400, "parameter \"" + name + "\" takes one of " + known + ", not \"" + *value + "\"");
}

// The URL's filters, sort and paging as mlsys-query's options, so request_from maps them alike.
RequestOptions request_options(const httplib::Request& req, const Limits& limits) {
    RequestOptions options;
    for (const auto& [name, field] : kFilterParameters) {
        const std::string key(name);
        const std::size_t count = req.get_param_value_count(key);
        if (count > limits.max_values) {
            throw HttpError(413, "parameter \"" + key + "\" given " + std::to_string(count) + " times; at most " +
                                     std::to_string(limits.max_values));
        }
        for (std::size_t i = 0; i < count; ++i) options.filters[field].push_back(req.get_param_value(key, i));
    }
    options.sort = one_of(req, "sort", sort_orders(), options.sort);
    options.match = one_of(req, "match", word_matchings(), options.match);
    options.limit = whole_number(req, "limit", options.limit, limits.max_limit);
    options.offset = whole_number(req, "offset", options.offset, limits.max_offset);
    return options;
}

std::string query_text(const httplib::Request& req, const Limits& limits) {
    const std::string text = single(req, "q").value_or("");
    if (text.size() > limits.max_query_bytes) {
        throw HttpError(413, "parameter \"q\" is " + std::to_string(text.size()) + " bytes; at most " +
                                 std::to_string(limits.max_query_bytes));
    }
    return text;
}

// What mlsys-query writes in `format`: the same writer, into a string.
std::string written(OutputFormat format, const std::function<void(ResultWriter&)>& write) {
    std::ostringstream out;
    const auto writer = make_writer(format, out, WriterOptions{});
    write(*writer);
    return out.str();
}

// Runs `work` with a Searcher; an index changed under a search (DatabaseModifiedError) is
// opened again and the work runs once more.
template <typename Work>
void with_searcher(SearcherPool& pool, Work work) {
    for (int attempt = 0;; ++attempt) {
        try {
            SearcherPool::Lease searcher = pool.lease();
            work(*searcher);
            return;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt > 0) throw;
            pool.reopen();
        }
    }
}

using Route = void (*)(const Context&, const httplib::Request&, httplib::Response&);

// A route's body with every exception mapped to a JSON error; `input_status` is the status of
// an InputError there (an unknown id is 404 where the id is the resource, else 400).
httplib::Server::Handler guarded(const Context& context, Route route, int input_status = 400) {
    return [&context, route, input_status](const httplib::Request& req, httplib::Response& res) {
        try {
            route(context, req, res);
        } catch (const HttpError& e) {
            send_error(res, e.status(), e.what());
        } catch (const UsageError& e) {
            send_error(res, 400, e.what());
        } catch (const InputError& e) {
            send_error(res, input_status, e.what());
        } catch (const ServerBusy& e) {
            res.set_header("Retry-After", "1");
            send_error(res, 503, e.what());
        } catch (const IndexUnavailable& e) {
            send_error(res, 503, std::string("index unavailable: ") + e.what());
        } catch (const IndexError& e) {
            send_error(res, 503, std::string("index unavailable: ") + e.what());
        } catch (const Xapian::DatabaseError& e) {
            send_error(res, 503, "index unavailable: " + e.get_description());
        } catch (const Xapian::Error& e) {
            send_error(res, 500, e.get_description());
        } catch (const std::exception& e) {
            send_error(res, 500, e.what());
        }
    };
}

// A search (keyword or related) written as mlsys-query writes it in `format`.
void answer_search(SearcherPool& pool, const SearchRequest& request, OutputFormat format, httplib::Response& res) {
    with_searcher(pool, [&](Searcher& searcher) {
        const SearchResponse response = searcher.search(request, HitDetail::Full);
        res.set_content(written(format, [&](ResultWriter& writer) { writer.write(response, ""); }),
                        format == OutputFormat::Json ? kJsonType : kTextType);
    });
}

// GET /api/search and /api/search.bib: mlsys-query QUERY --format json (bibtex).
template <OutputFormat format>
void search_route(const Context& context, const httplib::Request& req, httplib::Response& res) {
    check_parameters(req, {"q"}, Takes::OwnAndPage);
    const SearchRequest request =
        request_from(request_options(req, context.limits), QueryText{query_text(req, context.limits)});
    answer_search(context.pool, request, format, res);
}

// GET /api/related?id=ID: mlsys-query --related ID --format json.
void related_route(const Context& context, const httplib::Request& req, httplib::Response& res) {
    check_parameters(req, {"id"}, Takes::OwnAndPage);
    const std::string id = single(req, "id").value_or("");
    if (id.empty()) throw HttpError(400, "parameter \"id\" names the paper; give it");
    answer_search(context.pool, request_from(request_options(req, context.limits), RelatedSource{id, ""}),
                  OutputFormat::Json, res);
}

// The POSTed draft: its title, a newline and its abstract, as text or as a JSON object.
std::string draft_of(const httplib::Request& req) {
    std::string draft = req.body;
    if (req.get_header_value("Content-Type").rfind("application/json", 0) == 0) {
        const Json body = Json::parse(req.body, nullptr, false);
        if (!body.is_object()) throw HttpError(400, "the body is no JSON object: {\"title\": …, \"abstract\": …}");
        draft = body.value("title", "") + "\n" + body.value("abstract", "");
    }
    if (draft.find_first_not_of(" \t\r\n") == std::string::npos) {
        throw HttpError(400, "the draft is empty: POST its title, a newline and its abstract");
    }
    return draft;
}

// POST /api/related: mlsys-query --like DRAFT --format json.
void like_route(const Context& context, const httplib::Request& req, httplib::Response& res) {
    check_parameters(req, {}, Takes::OwnAndPage);
    answer_search(context.pool, request_from(request_options(req, context.limits), RelatedSource{"", draft_of(req)}),
                  OutputFormat::Json, res);
}

// GET /api/papers/ID and /api/papers/ID.bib: mlsys-query --show ID --format json (bibtex).
void paper_route(const Context& context, const httplib::Request& req, httplib::Response& res) {
    check_parameters(req, {});
    std::string id = req.matches[1];
    const bool bibtex = id.size() > 4 && id.compare(id.size() - 4, 4, ".bib") == 0;
    if (bibtex) id.resize(id.size() - 4);
    const OutputFormat format = bibtex ? OutputFormat::Bibtex : OutputFormat::Json;
    with_searcher(context.pool, [&](Searcher& searcher) {
        const Paper paper = searcher.paper(id);
        res.set_content(written(format, [&](ResultWriter& writer) { writer.write_paper(paper); }),
                        bibtex ? kTextType : kJsonType);
    });
}

// GET /api/stats: the papers and each facet's number of values.
void stats_route(const Context& context, const httplib::Request& req, httplib::Response& res) {
    check_parameters(req, {});
    with_searcher(context.pool, [&](Searcher& searcher) {
        SearchRequest everything;
        everything.limit = 0;
        everything.facets.clear();
        Json values = Json::object();
        for (FieldId field : {FieldId::Venue, FieldId::Year, FieldId::Category}) {
            values[std::string(schema::field(field).key)] = searcher.facet_values(field).size();
        }
        const Json stats = {{"format", kJsonFormat},
                            {"db", context.pool.db_path()},
                            {"papers", searcher.search(everything, HitDetail::Full).total},
                            {"values", values}};
        res.set_content(stats.dump() + "\n", kJsonType);
    });
}

// GET /healthz: the index opens.
void health_route(const Context& context, const httplib::Request& req, httplib::Response& res) {
    check_parameters(req, {});
    with_searcher(context.pool, [&](Searcher&) { res.set_content("{\"status\":\"ok\"}\n", kJsonType); });
}

// The embedded page and nothing else: a path that is no asset is a 404, never a file.
void page_route(const httplib::Request& req, httplib::Response& res) {
    const Asset* asset = find_asset(req.path);
    if (!asset) return send_error(res, 404, "no such page: " + req.path);
    res.set_content(std::string(asset->body), std::string(asset->content_type));
}

// No inline script or style, no other origin, no framing: what the page needs and no more.
httplib::Headers security_headers() {
    return {{"Content-Security-Policy",
             "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
             "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
            {"X-Content-Type-Options", "nosniff"},
            {"X-Frame-Options", "DENY"},
            {"Referrer-Policy", "no-referrer"},
            {"Cache-Control", "no-store"}};
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// application/x-www-form-urlencoded: '+' is a space, %XY a byte (a bad escape stays as sent).
std::string form_decoded(std::string_view text) {
    std::string decoded;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            decoded += ' ';
        } else if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
                   hex_digit(text[i + 2]) >= 0) {
            decoded += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
            i += 2;
        } else {
            decoded += text[i];
        }
    }
    return decoded;
}

// The query string's parameters, in order. httplib 0.11 keeps a '+' of a value as '+', but
// browsers (forms, URLSearchParams) send a space as '+': "?q=parameter+server" is two words.
httplib::Params query_parameters(std::string_view target) {
    httplib::Params params;
    const std::size_t question = target.find('?');
    if (question == std::string_view::npos) return params;
    std::string_view query = target.substr(question + 1);
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) continue;
        const std::size_t equals = pair.find('=');
        params.emplace(form_decoded(pair.substr(0, equals)),
                       equals == std::string_view::npos ? std::string() : form_decoded(pair.substr(equals + 1)));
    }
    return params;
}

// When the request began, for the log line; set before routing, on the thread that logs it.
thread_local std::optional<std::chrono::steady_clock::time_point> request_start;

void log_request(const httplib::Request& req, const httplib::Response& res) {
    static std::mutex log_mutex;
    char when[32];
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &utc);
    std::string ms = "-";
    if (request_start) {
        const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - *request_start;
        char formatted[32];
        std::snprintf(formatted, sizeof formatted, "%.1f", took.count());
        ms = formatted;
    }
    request_start.reset();
    std::lock_guard<std::mutex> lock(log_mutex);
    std::fprintf(stderr, "%s %s %s %d %sms\n", when, req.method.c_str(), req.path.c_str(), res.status, ms.c_str());
}

// An error httplib answers itself (an unknown method, a body over the cap) gets the JSON shape too.
std::string status_message(int status, const httplib::Request& req, const Limits& limits) {
    switch (status) {
        case 404:
            return "no such page: " + req.path;
        case 413:
            return "request body over " + std::to_string(limits.max_body_bytes) + " bytes";
        case 414:
            return "request URI too long";
        default:
            return "HTTP status " + std::to_string(status);
    }
}

}  // namespace

void add_routes(httplib::Server& server, const Context& context) {
    const Limits& limits = context.limits;
    server.set_default_headers(security_headers());
    server.set_payload_max_length(limits.max_body_bytes);
    server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
        request_start = std::chrono::steady_clock::now();
        // The parameters read as browsers send them; httplib built the Request as non-const and
        // hands it to the routes after this, so the cast writes an object that is not const.
        const_cast<httplib::Request&>(req).params = query_parameters(req.target);
        return httplib::Server::HandlerResponse::Unhandled;
    });
    server.set_error_handler([&limits](const httplib::Request& req, httplib::Response& res) {
        if (res.body.empty()) send_error(res, res.status, status_message(res.status, req, limits));
    });
    server.set_logger(log_request);
    server.Get("/api/search", guarded(context, search_route<OutputFormat::Json>));
    server.Get("/api/search.bib", guarded(context, search_route<OutputFormat::Bibtex>));
    server.Get("/api/related", guarded(context, related_route, 404));
    server.Post("/api/related", guarded(context, like_route));
    server.Get(R"(/api/papers/(.+))", guarded(context, paper_route, 404));
    server.Get("/api/stats", guarded(context, stats_route));
    server.Get("/healthz", guarded(context, health_route));
    server.Get(".*", page_route);
}

}  // namespace mlsys::serve
