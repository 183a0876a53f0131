// The index as the server sees it: Searchers over the index at one path, each used by one
// request at a time (a Xapian::Database is not shared between threads), at most `size` at
// once, and opened afresh when the index changes on disk, so a re-index shows without a restart.
#pragma once

#include "mlsys/query/search.h"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace mlsys::serve {

// The index cannot be opened (missing, being replaced, corrupt): 503.
class IndexUnavailable : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Every Searcher stayed busy for the whole wait: 503, try again.
class ServerBusy : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// What the files at `db_path` are: a stub's shards included, names, inodes, sizes and
// modification times. A rebuild swaps the folder (a new inode) and an update rewrites Xapian's
// version file, so either changes it; reading it is a few stat calls.
std::string index_signature(const std::string& db_path);

class SearcherPool {
  public:
    SearcherPool(std::string db_path, std::size_t size, std::chrono::milliseconds wait);
    ~SearcherPool();

    // One Searcher, lent to one request until the Lease goes.
    class Lease {
      public:
        Lease(SearcherPool& pool, std::shared_ptr<struct Generation> generation,
              std::unique_ptr<query::Searcher> searcher);
        Lease(Lease&&) = default;
        ~Lease();
        query::Searcher& operator*() const { return *searcher_; }
        query::Searcher* operator->() const { return searcher_.get(); }

      private:
        SearcherPool* pool_;
        std::shared_ptr<struct Generation> generation_;
        std::unique_ptr<query::Searcher> searcher_;
    };

    // A Searcher over the index as it is now; throws IndexUnavailable or ServerBusy.
    Lease lease();
    // Forgets the open Searchers, as after a change on disk (a DatabaseModifiedError).
    void reopen();
    const std::string& db_path() const { return db_path_; }

  private:
    void give_back(const std::shared_ptr<Generation>& generation, std::unique_ptr<query::Searcher> searcher);
    // Starts a new generation when the files changed; checked at most every kCheckInterval.
    void check_for_change(std::unique_lock<std::mutex>& lock);

    const std::string db_path_;
    const std::size_t size_;
    const std::chrono::milliseconds wait_;
    std::mutex mutex_;
    std::condition_variable freed_;
    std::size_t lent_ = 0;
    std::shared_ptr<Generation> current_;
    std::chrono::steady_clock::time_point checked_{};
};

}  // namespace mlsys::serve
