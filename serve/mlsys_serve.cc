// mlsys-serve: the search page and a JSON API over an index built by mlsys-index.
#include "api.h"
#include "searcher_pool.h"

#include "mlsys/cli/command.h"
#include "mlsys/schema/errors.h"

#include <httplib.h>

#include <pthread.h>
#include <sys/socket.h>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <string>
#include <thread>

namespace {

using namespace mlsys;
using namespace mlsys::cli;

struct Options {
    std::string db;
    std::string host = "127.0.0.1";
    int port = 8080;
    std::size_t threads = 4;
};

constexpr std::chrono::seconds kSocketTimeout{10};  // reading a request, writing an answer
constexpr std::chrono::seconds kSearcherWait{10};   // waiting for a free searcher

void add_options(CLI::App& app, Options& options) {
    add_db_option(app, options.db, "index to serve (read only)");
    app.add_option("--host", options.host,
                   "address to listen on; the default serves this machine alone, 0.0.0.0 every network")
        ->capture_default_str();
    app.add_option("--port", options.port, "port to listen on; 0 picks a free one (printed)")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    app.add_option("--threads", options.threads, "searches run at once; more requests wait for one to end")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    app.footer(exit_codes_help("stopped by SIGINT or SIGTERM", "bad input"));
}

// SIGINT and SIGTERM are blocked in every thread and taken here, where stopping the server is
// safe (a signal handler may not): requests in flight finish, then listen() returns.
class StopOnSignal {
  public:
    explicit StopOnSignal(httplib::Server& server) {
        sigemptyset(&signals_);
        sigaddset(&signals_, SIGINT);
        sigaddset(&signals_, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
        waiter_ = std::thread([this, &server] {
            const timespec poll{0, 200 * 1000 * 1000};
            while (!done_) {
                if (sigtimedwait(&signals_, nullptr, &poll) > 0) {
                    std::fprintf(stderr, "mlsys-serve: stopping\n");
                    server.stop();
                    return;
                }
            }
        });
    }
    ~StopOnSignal() {
        done_ = true;
        waiter_.join();
    }
    StopOnSignal(const StopOnSignal&) = delete;
    StopOnSignal& operator=(const StopOnSignal&) = delete;

  private:
    sigset_t signals_{};
    std::atomic<bool> done_{false};
    std::thread waiter_;
};

void run(const Options& options) {
    const std::string db = index_path(options.db);
    serve::SearcherPool pool(db, options.threads, kSearcherWait);
    try {
        const serve::SearcherPool::Lease first = pool.lease();  // a missing index fails here, not at the first request
    } catch (const serve::IndexUnavailable& e) {
        throw IndexError(e.what());
    }
    httplib::Server server;
    // Connections wait in line for a thread; each keeps its thread while kept alive.
    const std::size_t connection_threads = options.threads * 4;
    server.new_task_queue = [connection_threads] { return new httplib::ThreadPool(connection_threads); };
    server.set_read_timeout(kSocketTimeout);
    server.set_write_timeout(kSocketTimeout);
    server.set_tcp_nodelay(true);  // answers leave at once, not after the peer's delayed ACK
    server.set_keep_alive_timeout(5);
    server.set_keep_alive_max_count(1000);  // a client may send many requests on one connection
    int listening = -1;
    server.set_socket_options([&listening](socket_t socket) {
        httplib::default_socket_options(socket);
        listening = socket;
    });
    const serve::Context context{pool, serve::Limits{}};
    serve::add_routes(server, context);
    StopOnSignal stop(server);
    const int port = options.port == 0 ? server.bind_to_any_port(options.host) : options.port;
    if (options.port != 0 && !server.bind_to_port(options.host, options.port)) {
        throw UsageError("cannot listen on " + options.host + ":" + std::to_string(options.port) +
                         " (in use, or not an address of this machine)");
    }
    if (port < 0) throw UsageError("cannot listen on " + options.host);
    // httplib 0.11 listens with a backlog of 5, so a burst of connections (wrk's 64 at once, on
    // a busy machine) overflows it and the kernel resets some; listening again raises it.
    if (listening >= 0) ::listen(listening, SOMAXCONN);
    std::fprintf(stderr, "mlsys-serve: serving %s on http://%s:%d/\n", db.c_str(), options.host.c_str(), port);
    std::fflush(stderr);
    if (!server.listen_after_bind() && server.is_running()) throw std::runtime_error("the server stopped unexpectedly");
}

}  // namespace

int main(int argc, char** argv) {
    CommandApp app{"mlsys-serve", "Serve a search page and a JSON API over a paper index built by mlsys-index."};
    Options options;
    add_options(app, options);
    return run_main(app, argc, argv, [&] { run(options); });
}
