#include "mlsys/indexer/last_run.h"

#include "mlsys/schema/index_metadata.h"
#include "mlsys/schema/paper.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace mlsys::indexer {

namespace {

namespace fs = std::filesystem;

// FNV-1a's multiply, eight bytes at a time, with a rotation so that every bit of a word reaches
// the high bits: it tells changed bytes from unchanged ones (all this asks of a hash) at memory
// speed.
class Digest {
  public:
    void add(std::string_view bytes) {
        std::size_t at = 0;
        for (; at + 8 <= bytes.size(); at += 8) {
            std::uint64_t word = 0;
            std::memcpy(&word, bytes.data() + at, 8);
            mix(word);
        }
        for (; at < bytes.size(); ++at) mix(static_cast<unsigned char>(bytes[at]));
    }
    // A field of its own: "ab" + "c" and "a" + "bc" digest apart.
    void add_field(std::string_view bytes) {
        add(std::to_string(bytes.size()));
        add(":");
        add(bytes);
    }
    // The file's bytes; false when it cannot be read whole.
    bool add_file(const fs::path& file) {
        std::ifstream in(file, std::ios::binary);
        std::array<char, 1 << 16> buffer{};
        while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
            add(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
        }
        return in.eof() && !in.bad();
    }
    std::string hex() const {
        std::ostringstream out;
        out << std::hex << std::setw(16) << std::setfill('0') << state_;
        return out.str();
    }

  private:
    void mix(std::uint64_t word) {
        state_ = (state_ ^ word) * 0x100000001b3ULL;
        state_ ^= state_ >> 29;
    }

    std::uint64_t state_ = 0xcbf29ce484222325ULL;
};

}  // namespace

std::optional<std::string> inputs_fingerprint(const std::vector<std::string>& files, const std::string& settings) {
    Digest digest;
    std::error_code error;
    // The program as its file is now: another build or version has another size or time.
    const fs::path program = fs::read_symlink("/proc/self/exe", error);
    if (error) return std::nullopt;
    const auto program_time = fs::last_write_time(program, error).time_since_epoch().count();
    if (error) return std::nullopt;
    const std::uintmax_t program_bytes = fs::file_size(program, error);
    if (error) return std::nullopt;
    digest.add_field(program.string() + " " + std::to_string(program_bytes) + " " + std::to_string(program_time));
    digest.add_field(settings);
    for (const std::string& file : files) {
        const fs::path path = fs::canonical(file, error);
        if (error || !fs::is_regular_file(path, error)) return std::nullopt;
        digest.add_field(path.string());
        digest.add_field(std::to_string(fs::file_size(path, error)));
        if (error || !digest.add_file(path)) return std::nullopt;
    }
    return digest.hex();
}

std::string last_run_metadata(const LastRun& run) {
    const Json record = {{"fingerprint", run.fingerprint},
                         {"papers", run.papers},
                         {"merged", run.merged},
                         {"skipped", run.skipped},
                         {"unread", run.unread}};
    return record.dump();
}

std::optional<LastRun> last_run_of(const Xapian::Database& index) {
    const std::string recorded = index.get_metadata(std::string(schema::kLastRunKey));
    if (recorded.empty()) return std::nullopt;
    const Json record = Json::parse(recorded, nullptr, false);
    if (record.is_discarded() || !record.is_object()) return std::nullopt;  // not ours to trust: read the inputs
    try {
        return LastRun{record.at("fingerprint").get<std::string>(), record.at("papers").get<std::size_t>(),
                       record.at("merged").get<std::size_t>(), record.at("skipped").get<std::vector<std::string>>(),
                       record.at("unread").get<std::vector<std::string>>()};
    } catch (const Json::exception&) {
        return std::nullopt;
    }
}

}  // namespace mlsys::indexer
