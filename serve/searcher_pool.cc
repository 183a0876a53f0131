#include "searcher_pool.h"

#include "mlsys/schema/errors.h"

#include <xapian.h>

#include <sys/stat.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mlsys::serve {

namespace fs = std::filesystem;

// The Searchers opened on one state of the index; a change on disk starts a new one, and the
// Searchers of an old one are closed as their requests end.
struct Generation {
    std::string signature;
    std::vector<std::unique_ptr<query::Searcher>> idle;
};

namespace {

constexpr std::chrono::milliseconds kCheckInterval{500};

std::string stat_line(const fs::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return path.string() + " missing\n";
    std::ostringstream line;
    line << path.string() << ' ' << info.st_dev << ':' << info.st_ino << ' ' << info.st_size << ' '
         << info.st_mtim.tv_sec << '.' << info.st_mtim.tv_nsec << '\n';
    return line.str();
}

// The folder and every file directly in it, in name order.
std::string folder_signature(const fs::path& folder) {
    std::vector<std::string> lines{stat_line(folder)};
    std::error_code error;
    for (fs::directory_iterator entry(folder, error), end; !error && entry != end; entry.increment(error)) {
        lines.push_back(stat_line(entry->path()));
    }
    std::sort(lines.begin(), lines.end());
    std::string signature;
    for (const std::string& line : lines) signature += line;
    return signature;
}

// A stub file lists its shards a line each ("auto PATH", "glass PATH"), relative to the stub;
// a remote shard ("remote HOST:PORT") has no files here to watch.
std::string stub_signature(const fs::path& stub) {
    std::string signature = stat_line(stub);
    std::ifstream in(stub);
    for (std::string line; std::getline(in, line);) {
        const std::size_t space = line.find(' ');
        if (line.empty() || line[0] == '#' || space == std::string::npos || line.rfind("remote ", 0) == 0) continue;
        fs::path shard = line.substr(space + 1);
        if (shard.is_relative()) shard = stub.parent_path() / shard;
        signature += folder_signature(shard);
    }
    return signature;
}

}  // namespace

std::string index_signature(const std::string& db_path) {
    std::error_code error;
    if (fs::is_directory(db_path, error)) return folder_signature(db_path);
    if (fs::is_regular_file(db_path, error)) return stub_signature(db_path);
    return db_path + " missing\n";
}

SearcherPool::Lease::Lease(SearcherPool& pool, std::shared_ptr<Generation> generation,
                           std::unique_ptr<query::Searcher> searcher)
    : pool_(&pool), generation_(std::move(generation)), searcher_(std::move(searcher)) {}

SearcherPool::Lease::~Lease() {
    if (generation_) pool_->give_back(generation_, std::move(searcher_));
}

SearcherPool::SearcherPool(std::string db_path, std::size_t size, std::chrono::milliseconds wait)
    : db_path_(std::move(db_path)), size_(std::max<std::size_t>(size, 1)), wait_(wait) {}

SearcherPool::~SearcherPool() = default;

void SearcherPool::check_for_change(std::unique_lock<std::mutex>&) {
    const auto now = std::chrono::steady_clock::now();
    if (current_ && now - checked_ < kCheckInterval) return;
    checked_ = now;
    std::string signature = index_signature(db_path_);
    if (current_ && current_->signature == signature) return;
    current_ = std::make_shared<Generation>();
    current_->signature = std::move(signature);
}

void SearcherPool::reopen() {
    std::lock_guard<std::mutex> lock(mutex_);
    current_.reset();
}

SearcherPool::Lease SearcherPool::lease() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!freed_.wait_for(lock, wait_, [this] { return lent_ < size_; })) {
        throw ServerBusy("every searcher stayed busy for " + std::to_string(wait_.count()) + " ms; try again");
    }
    check_for_change(lock);
    std::shared_ptr<Generation> generation = current_;
    ++lent_;
    if (!generation->idle.empty()) {
        std::unique_ptr<query::Searcher> searcher = std::move(generation->idle.back());
        generation->idle.pop_back();
        return Lease(*this, generation, std::move(searcher));
    }
    lock.unlock();  // opening an index reads files: let other requests go on meanwhile
    try {
        return Lease(*this, generation, std::make_unique<query::Searcher>(db_path_));
    } catch (const std::exception& e) {
        lock.lock();
        --lent_;
        freed_.notify_one();
        throw IndexUnavailable(e.what());
    } catch (const Xapian::Error& e) {
        lock.lock();
        --lent_;
        freed_.notify_one();
        throw IndexUnavailable(e.get_description());
    }
}

void SearcherPool::give_back(const std::shared_ptr<Generation>& generation, std::unique_ptr<query::Searcher> searcher) {
    std::lock_guard<std::mutex> lock(mutex_);
    --lent_;
    if (searcher && generation == current_) generation->idle.push_back(std::move(searcher));
    freed_.notify_one();
}

}  // namespace mlsys::serve
